package plots

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Tooltips: in SVG, each data mark (a bar segment, an interval, a point, a
// tile) is wrapped in <g><title>the numbers behind it</title>…</g>, which
// a browser shows on hover. PNG and PDF have no such thing and their
// canvases are not touched: tip does nothing there.
//
// gonum's vgsvg writes to a buffer of its own and has no call for raw
// elements, so tipCanvas marks where a tooltip begins and ends with a
// <text> element holding a marker (a Unicode noncharacter, which figure
// text never carries: FillString replaces any) and, once the figure is
// drawn, replaces each marker's <text> element with the group's opening
// or closing tags.

// tip gives the marks drawn on c until end is called a tooltip of the text
// title returns. On a canvas without tooltips (PNG, PDF) it does nothing
// and title is not called. Marks and tooltips nest: a tooltip must end at
// the Push depth it began at, with no transform of the canvas between.
func tip(c draw.Canvas, title func() string) (end func()) {
	vc := c.Canvas
	for {
		switch v := vc.(type) {
		case *tipCanvas:
			v.begin(title())
			return v.end
		case draw.Canvas: // gonum's draw.Crop wraps a canvas in a canvas
			vc = v.Canvas
		default:
			return noTip
		}
	}
}

func noTip() {}

const (
	tipBegin = '\uFDD0' // followed by the index of the title
	tipEnd   = '\uFDD1'
)

// tipCanvas is an SVG canvas with tooltips.
type tipCanvas struct {
	*vgsvg.Canvas
	face   font.Face // of the markers (never shown)
	titles []string
	open   []int // the Push depth each open tooltip began at
	depth  int
}

func newTipCanvas(c *vgsvg.Canvas) *tipCanvas {
	return &tipCanvas{Canvas: c, face: font.DefaultCache.Lookup(sans, 1)}
}

func (c *tipCanvas) begin(title string) {
	c.Canvas.FillString(c.face, vg.Point{}, string(tipBegin)+strconv.Itoa(len(c.titles)))
	c.titles = append(c.titles, title)
	c.open = append(c.open, c.depth)
}

func (c *tipCanvas) end() {
	if len(c.open) == 0 || c.open[len(c.open)-1] != c.depth {
		panic("plots: a tooltip ends at another Push depth than it began")
	}
	c.open = c.open[:len(c.open)-1]
	c.Canvas.FillString(c.face, vg.Point{}, string(tipEnd))
}

// transform panics when a group vgsvg opens now would close after the open
// tooltip's group (a transform at the depth the tooltip began at).
func (c *tipCanvas) transform() {
	if len(c.open) > 0 && c.open[len(c.open)-1] == c.depth {
		panic("plots: a canvas transform inside a tooltip without a Push")
	}
}

func (c *tipCanvas) Push() { c.Canvas.Push(); c.depth++ }

func (c *tipCanvas) Pop() {
	if len(c.open) > 0 && c.open[len(c.open)-1] >= c.depth {
		panic("plots: a Pop inside a tooltip ends what began before it")
	}
	c.Canvas.Pop()
	c.depth--
}

func (c *tipCanvas) Translate(pt vg.Point) { c.transform(); c.Canvas.Translate(pt) }
func (c *tipCanvas) Rotate(rad float64)    { c.transform(); c.Canvas.Rotate(rad) }
func (c *tipCanvas) Scale(x, y float64)    { c.transform(); c.Canvas.Scale(x, y) }
func (c *tipCanvas) FillString(f font.Face, pt vg.Point, s string) {
	c.Canvas.FillString(f, pt, strings.Map(noMarker, s))
}

func noMarker(r rune) rune {
	if r == tipBegin || r == tipEnd {
		return '\uFFFD'
	}
	return r
}

// WriteTo writes the SVG document with the markers replaced by the
// tooltips' groups.
func (c *tipCanvas) WriteTo(w io.Writer) (int64, error) {
	if len(c.open) > 0 {
		return 0, fmt.Errorf("plots: %d tooltips not ended", len(c.open))
	}
	var buf bytes.Buffer
	if _, err := c.Canvas.WriteTo(&buf); err != nil {
		return 0, err
	}
	b, err := c.groups(buf.Bytes())
	if err != nil {
		return 0, err
	}
	n, err := w.Write(b)
	return int64(n), err
}

// groups replaces each marker's <text …>marker</text> line in b.
func (c *tipCanvas) groups(b []byte) ([]byte, error) {
	if len(c.titles) == 0 {
		return b, nil
	}
	begin, end := []byte(string(tipBegin)), []byte(string(tipEnd))
	out := make([]byte, 0, len(b)+len(c.titles)*64)
	const closeText = "</text>\n"
	for {
		i := bytes.IndexByte(b, begin[0]) // both markers start with the same byte
		for i >= 0 && !bytes.HasPrefix(b[i:], begin) && !bytes.HasPrefix(b[i:], end) {
			j := bytes.IndexByte(b[i+1:], begin[0])
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 {
			return append(out, b...), nil
		}
		start := bytes.LastIndex(b[:i], []byte("<text "))
		stop := bytes.Index(b[i:], []byte(closeText))
		if start < 0 || stop < 0 {
			return nil, fmt.Errorf("plots: a tooltip marker outside a <text> element")
		}
		out = append(out, b[:start]...)
		if bytes.HasPrefix(b[i:], end) {
			out = append(out, "</g>\n"...)
		} else {
			k, err := strconv.Atoi(string(b[i+len(begin) : i+stop]))
			if err != nil || k < 0 || k >= len(c.titles) {
				return nil, fmt.Errorf("plots: a bad tooltip marker")
			}
			var t bytes.Buffer
			xml.EscapeText(&t, []byte(c.titles[k])) // cannot fail on a bytes.Buffer
			out = append(out, "<g><title>"...)
			out = append(out, t.Bytes()...)
			out = append(out, "</title>\n"...)
		}
		b = b[i+stop+len(closeText):]
	}
}
