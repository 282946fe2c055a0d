package plots

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strings"
	"sync"
	"sync/atomic"

	_ "gonum.org/v1/plot" // its init puts the Liberation fonts in font.DefaultCache
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/concord-oncology/concord/concordance/results"
)

// handler draws plain text with the house fonts, remembering the size of
// each string measured.
var handler = &measured{Plain: text.Plain{Fonts: font.DefaultCache}}

// measured is text.Plain with Box's answers kept: a figure's labels are
// measured again and again while it is laid out (gonum measures each
// string for every box and every alignment, wrap every prefix it tries)
// and in each of the three formats, and measuring (the glyphs, their
// advances and kerning, through sfnt) was a sixth of painting the figures
// (22 of 130 ms of CPU in a default run of W640).
// Box is a function of its arguments, so the sizes are the same.
type measured struct {
	text.Plain
	boxes sync.Map // measureKey → [3]vg.Length
	n     atomic.Int64
}

type measureKey struct {
	txt string
	fnt font.Font
}

// maxBoxes bounds the sizes kept (a figure set measures a few thousand
// strings); past it they are forgotten and measured again.
const maxBoxes = 1 << 16

func (m *measured) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	k := measureKey{txt, fnt}
	if v, ok := m.boxes.Load(k); ok {
		b := v.([3]vg.Length)
		return b[0], b[1], b[2]
	}
	width, height, depth = m.Plain.Box(txt, fnt)
	if m.n.Add(1) > maxBoxes {
		m.boxes.Clear()
		m.n.Store(1) // this one
	}
	m.boxes.Store(k, [3]vg.Length{width, height, depth})
	return width, height, depth
}

// Figure is one figure of the set.
type Figure struct {
	// Name is the file stem, e.g. "fig1_cancer_type".
	Name string
	// Title is the figure's title, drawn on it.
	Title string
	// Caption says what the figure shows and how to read it (for the
	// report); Drawing.Note adds what depends on the data.
	Caption string
	// Needs are the table files the figure cannot be drawn without.
	Needs []string
	// Aspect is the height / width of the body (below the legend) of a
	// figure whose Drawing does not say what height it needs.
	Aspect float64
	// Narrow figures read in one column of a page: a preset draws them
	// at its narrow width.
	Narrow bool
	// Draw lays the figure out from the tables.
	Draw func(rs *results.Set, st *Style) (*Drawing, error)
}

// Drawing is a laid-out figure.
type Drawing struct {
	// Draw draws the figure's body (below the title and the legend) on c.
	Draw func(c draw.Canvas)
	// Legend is drawn across the top of the figure, under the title, in
	// as many rows as it needs; legends never sit on data.
	Legend []legendItem
	// Note is what the caption must add about this data: groups folded,
	// patients not shown, rows left out and why.
	Note string
	// Height, when set, is the height the body needs at width w (rows of
	// text need the same height whatever the width); otherwise the body
	// is Figure.Aspect times its width. It applies unless the caller set
	// the figure's height.
	Height func(w vg.Length) vg.Length
}

// Missing returns the tables a figure needs that rs lacks.
func (f *Figure) Missing(rs *results.Set) []string {
	var out []string
	for _, n := range f.Needs {
		if !rs.Has(n) {
			out = append(out, n)
		}
	}
	return out
}

// Rendered is what Render says about a figure it drew.
type Rendered struct {
	Note string
}

// Render draws figure f from rs in format to w. A gonum/plot panic is
// returned as an error naming the figure, never passed on.
func Render(w io.Writer, f *Figure, rs *results.Set, st Style, format Format) (Rendered, error) {
	l, err := Lay(f, rs, st)
	if err != nil {
		return Rendered{}, err
	}
	return l.Render(w, format)
}

// Layout is a figure laid out from the tables at a style, which it can
// draw in every format: the layout does not depend on the format, and
// laying a figure out (reading its rows, placing its text) is a sixth of
// drawing it as a vector graphic.
type Layout struct {
	f    *Figure
	d    *Drawing
	st   Style
	note string
}

// Lay lays figure f out from rs at st, as Render does before it draws. A
// gonum/plot panic is returned as an error naming the figure.
func Lay(f *Figure, rs *results.Set, st Style) (l *Layout, err error) {
	defer func() {
		if p := recover(); p != nil {
			l, err = nil, fmt.Errorf("plots: %s: drawing failed (a bug in concord's figures): %v", f.Name, p)
		}
	}()
	if m := f.Missing(rs); len(m) > 0 {
		return nil, fmt.Errorf("plots: %s needs %v, which the results folder lacks", f.Name, m)
	}
	d, note, err := f.layout(rs, &st)
	if err != nil {
		return nil, err
	}
	return &Layout{f: f, d: d, st: st, note: note}, nil
}

// Render draws the laid-out figure in format to w, as Render does.
func (l *Layout) Render(w io.Writer, format Format) (r Rendered, err error) {
	f := l.f
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("plots: %s: drawing failed (a bug in concord's figures): %v", f.Name, p)
		}
	}()
	st := l.st
	st.format = format
	var c vg.CanvasWriterTo
	var canvas vg.CanvasSizer
	switch format {
	case PNG:
		img := newImageCanvas(st.Width, st.Height, st.DPI)
		defer img.release()
		c, canvas = pngCanvas{img}, img
	case SVG:
		s := newTipCanvas(vgsvg.New(st.Width, st.Height))
		c, canvas = s, s
	case PDF:
		p := newPDF(st.Width, st.Height)
		c, canvas = p, p
	default:
		return r, fmt.Errorf("plots: unknown format %q", format)
	}
	f.paint(canvas, l.d, &st, l.note)
	if format == SVG {
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return r, fmt.Errorf("plots: %s: %w", f.Name, err)
		}
		_, err = w.Write(svgFonts(buf.Bytes()))
	} else {
		_, err = c.WriteTo(w)
	}
	if err != nil {
		return r, fmt.Errorf("plots: %s: writing %s: %w", f.Name, format, err)
	}
	return Rendered{Note: l.d.Note}, nil
}

// layout sizes st for figure f (defaults, and the height its content
// needs unless set) and lays the figure out from rs; note is the note
// drawn under it.
func (f *Figure) layout(rs *results.Set, st *Style) (*Drawing, string, error) {
	*st = st.withDefaults(f)
	d, err := f.Draw(rs, st)
	if err != nil {
		return nil, "", fmt.Errorf("plots: %s: %w", f.Name, err)
	}
	note := d.Note
	if rs.Synthetic() {
		// Every output of a simulated cohort says so, figures included.
		note = strings.TrimSpace("Synthetic cohort (concord simulate): not patient data. " + note)
	}
	if st.Height == 0 {
		st.Height = figureHeight(f, d, st, note)
	}
	return d, note, nil
}

// paint draws a laid-out figure on canvas, at st's size: a white ground,
// the title, the note at the bottom, the legend under the title and the
// body between.
func (f *Figure) paint(canvas vg.Canvas, d *Drawing, st *Style, note string) {
	dc := draw.Canvas{Canvas: canvas, Rectangle: vg.Rectangle{Max: vg.Point{X: st.Width, Y: st.Height}}}
	if st.format != PNG {
		// a PNG canvas starts white; filling it again would rasterise
		// every pixel once more
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
	}
	body := drawTitle(dc, st, f.Title)
	body = drawNote(body, st, note)
	if len(d.Legend) > 0 {
		body = drawLegend(body, st, d.Legend)
	}
	d.Draw(body)
}

// figureHeight is the height figure f needs at st's width: the title, the
// legend, the body and the note, each as tall as its text needs.
func figureHeight(f *Figure, d *Drawing, st *Style, note string) vg.Length {
	pad := st.pt(6)
	inner := st.Width - 2*pad
	h := 2*pad + titleHeight(st, f.Title, inner) + noteHeight(st, note, inner) + legendHeight(st, d.Legend, inner)
	if d.Height != nil {
		return h + d.Height(inner)
	}
	return h + vg.Length(float64(inner)*f.Aspect)
}

// pngCanvas writes a PNG with its resolution recorded (a pHYs chunk), so
// that a layout program places it at the size it was drawn for.
type pngCanvas struct{ *imageCanvas }

func (c pngCanvas) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if rgba, ok := c.Image().(*image.RGBA); ok {
		// encoding was half the time of drawing a figure: encodePNG
		// takes half the time of image/png, for 6% more bytes
		if ok, err := encodePNG(&buf, rgba, c.DPI()); ok || err != nil {
			if err != nil {
				return 0, err
			}
			n, err := w.Write(buf.Bytes())
			return int64(n), err
		}
	}
	// a translucent image (never a figure, which is drawn on white):
	// image/png at BestSpeed, which saves only 3-8% of a figure's bytes
	// against its default level for 40% more time
	if err := pngEncoder.Encode(&buf, c.Image()); err != nil {
		return 0, err
	}
	n, err := w.Write(withPHYs(buf.Bytes(), c.DPI()))
	return int64(n), err
}

var pngEncoder = &png.Encoder{CompressionLevel: png.BestSpeed}

// withPHYs inserts a pHYs chunk (PNG specification, 11.3.5.3: pixels per
// metre on each axis, unit 1 = metre) after the IHDR chunk, which
// image/png writes first: 8 bytes of signature, then 4 of length, 4 of
// type, 13 of data and 4 of CRC.
func withPHYs(b []byte, dpi float64) []byte {
	const ihdrEnd = 8 + 4 + 4 + 13 + 4
	if len(b) < ihdrEnd || string(b[12:16]) != "IHDR" {
		return b
	}
	ppm := uint32(math.Round(dpi / 0.0254))
	chunk := make([]byte, 4+4+9+4)
	binary.BigEndian.PutUint32(chunk[0:], 9)
	copy(chunk[4:], "pHYs")
	binary.BigEndian.PutUint32(chunk[8:], ppm)
	binary.BigEndian.PutUint32(chunk[12:], ppm)
	chunk[16] = 1
	binary.BigEndian.PutUint32(chunk[17:], crc32.ChecksumIEEE(chunk[4:17]))
	out := make([]byte, 0, len(b)+len(chunk))
	out = append(out, b[:ihdrEnd]...)
	out = append(out, chunk...)
	return append(out, b[ihdrEnd:]...)
}

// svgFonts names fallbacks after Liberation Sans, which browsers rarely
// have: Arial and Helvetica share its metrics, so text keeps its width.
func svgFonts(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("font-family:Liberation Sans;"), []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}

// drawTitle draws the title at the top left, wrapped to the figure's
// width, and returns the rest.
func drawTitle(c draw.Canvas, st *Style, title string) draw.Canvas {
	pad := st.pt(6)
	if title == "" {
		return padded(c, pad)
	}
	ts, lines, lh := titleLines(st, title, c.Max.X-c.Min.X-2*pad)
	ts.YAlign = draw.YTop
	for i, l := range lines {
		c.FillText(ts, vg.Point{X: c.Min.X + pad, Y: c.Max.Y - pad - lh*vg.Length(i)}, l)
	}
	rest := c
	rest.Max.Y -= pad + titleHeight(st, title, c.Max.X-c.Min.X-2*pad)
	rest.Min.X += pad
	rest.Max.X -= pad
	rest.Min.Y += pad
	return rest
}

// titleLines are the lines of a title wrapped to width, and their pitch.
func titleLines(st *Style, title string, width vg.Length) (text.Style, []string, vg.Length) {
	ts := st.textStyle(titleSize, true)
	return ts, wrap(ts, title, width), ts.Height("Xg")
}

// titleHeight is the height drawTitle takes below the top padding at
// width.
func titleHeight(st *Style, title string, width vg.Length) vg.Length {
	if title == "" {
		return 0
	}
	_, lines, lh := titleLines(st, title, width)
	return vg.Length(len(lines))*lh + st.pt(2)
}

func padded(c draw.Canvas, pad vg.Length) draw.Canvas {
	c.Min.X += pad
	c.Min.Y += pad
	c.Max.X -= pad
	c.Max.Y -= pad
	return c
}
