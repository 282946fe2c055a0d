package plots

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"

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
// elements, so tipCanvas marks where each tooltip begins and ends with
// the cheapest element vgsvg writes, the fill of an empty path
// (<path d="" …/>, which draws nothing; the figures' own empty fills are
// not passed on), and, once the figure is drawn, replaces the k-th such
// element with the k-th tooltip's opening or closing tags.

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

// tipCanvas is an SVG canvas with tooltips.
type tipCanvas struct {
	*vgsvg.Canvas
	titles []string
	// events are the markers in order: the index of a tooltip's title
	// where it begins, -1 where one ends
	events []int
	open   []int // the Push depth each open tooltip began at
	depth  int
}

func newTipCanvas(c *vgsvg.Canvas) *tipCanvas { return &tipCanvas{Canvas: c} }

func (c *tipCanvas) begin(title string) {
	c.events = append(c.events, len(c.titles))
	c.titles = append(c.titles, title)
	c.open = append(c.open, c.depth)
	c.Canvas.Fill(nil)
}

func (c *tipCanvas) end() {
	if len(c.open) == 0 || c.open[len(c.open)-1] != c.depth {
		panic("plots: a tooltip ends at another Push depth than it began")
	}
	c.open = c.open[:len(c.open)-1]
	c.events = append(c.events, -1)
	c.Canvas.Fill(nil)
}

// Fill passes on what draws something: an empty path is a marker.
func (c *tipCanvas) Fill(p vg.Path) {
	if len(p) > 0 {
		c.Canvas.Fill(p)
	}
}

// transform panics when a group vgsvg opens now would close after the
// open tooltip's group (a transform at the depth the tooltip began at).
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

var (
	markerStart = []byte(`<path d="" `)
	markerEnd   = []byte("/>\n")
)

// WriteTo writes the SVG document with the markers replaced by the
// tooltips' groups, each title XML-escaped.
func (c *tipCanvas) WriteTo(w io.Writer) (int64, error) {
	if len(c.open) > 0 {
		return 0, fmt.Errorf("plots: %d tooltips not ended", len(c.open))
	}
	var buf bytes.Buffer
	if _, err := c.Canvas.WriteTo(&buf); err != nil {
		return 0, err
	}
	b := buf.Bytes()
	out := bytes.NewBuffer(make([]byte, 0, len(b)+len(c.titles)*96))
	for _, e := range c.events {
		i := bytes.Index(b, markerStart)
		j := -1
		if i >= 0 {
			j = bytes.Index(b[i:], markerEnd)
		}
		if j < 0 {
			return 0, fmt.Errorf("plots: %d tooltip markers missing", len(c.events))
		}
		out.Write(b[:i])
		if e < 0 {
			out.WriteString("</g>\n")
		} else {
			out.WriteString("<g><title>")
			xml.EscapeText(out, []byte(c.titles[e])) // cannot fail on a bytes.Buffer
			out.WriteString("</title>\n")
		}
		b = b[i+j+len(markerEnd):]
	}
	if bytes.Contains(b, markerStart) {
		return 0, fmt.Errorf("plots: a tooltip marker too many")
	}
	out.Write(b)
	return out.WriteTo(w)
}
