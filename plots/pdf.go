package plots

// The PDF canvas follows gonum/plot v0.17.0's vg/vgpdf (Copyright ©2015
// The Gonum Authors, BSD 3-clause licence:
// https://github.com/gonum/plot/blob/master/LICENSE) in what it draws,
// on concord's own PDF writer (internal/pdf) instead of go-pdf/fpdf.
// vgpdf registers every font under the style "" but selects bold and
// italic faces with "B" and "I" (fpdf: "undefined font"), converts each
// font with fpdf's MakeFont under the one file name font.z (so fpdf
// embeds a single font program for every face), and encodes text in
// cp1252 (gonum/plot issue #347: other characters are garbled). Here each
// face (regular, bold, italic) is its own font, embedded as a subset of
// the glyphs shown: bold titles and italic gene symbols come out as
// drawn, any character the font has is written as itself, kerned as
// gonum measures it, and a PDF carries only the glyphs it uses. fpdf
// parsed each font again for every document: two thirds of the time of
// a figure's PDF.

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"sync"

	"github.com/concord-oncology/concord/internal/pdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfCanvas implements vg.CanvasWriterTo on a PDF page, in points (PDF's
// unit, and vg's at 72 dpi) with the origin at the bottom left, as vg's.
type pdfCanvas struct {
	doc   *pdf.Doc
	w, h  vg.Length
	stack []pdfContext
}

type pdfContext struct {
	width vg.Length
}

// pdfDPI is the nominal resolution of drawing in PDF: 1 unit = 1 point.
const pdfDPI = 72

func newPDF(w, h vg.Length) *pdfCanvas {
	c := &pdfCanvas{doc: pdf.New(w.Points(), h.Points()), w: w, h: h, stack: make([]pdfContext, 1)}
	c.doc.SetProducer("concord (gonum/plot)")
	vg.Initialize(c)
	return c
}

func (c *pdfCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *pdfCanvas) context() *pdfContext { return &c.stack[len(c.stack)-1] }

func (c *pdfCanvas) unit(l vg.Length) float64 { return l.Dots(pdfDPI) }

func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.context().width = w
	c.doc.LineWidth(c.unit(w))
}

func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offs vg.Length) {
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = c.unit(d)
	}
	c.doc.Dash(ds, c.unit(offs))
}

func (c *pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.doc.Color(clr)
}

func (c *pdfCanvas) Rotate(r float64) {
	sin, cos := math.Sincos(r)
	c.doc.Concat(cos, sin, -sin, cos, 0, 0)
}

func (c *pdfCanvas) Translate(pt vg.Point) {
	c.doc.Concat(1, 0, 0, 1, c.unit(pt.X), c.unit(pt.Y))
}

func (c *pdfCanvas) Scale(x, y float64) { c.doc.Concat(x, 0, 0, y, 0, 0) }

func (c *pdfCanvas) Push() {
	c.stack = append(c.stack, *c.context())
	c.doc.Save()
}

func (c *pdfCanvas) Pop() {
	c.doc.Restore()
	c.stack = c.stack[:len(c.stack)-1]
}

func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.context().width > 0 {
		c.path(p)
		c.doc.Stroke()
	}
}

func (c *pdfCanvas) Fill(p vg.Path) {
	if len(p) == 3 && p[0].Type == vg.MoveComp && p[1].Type == vg.ArcComp && p[2].Type == vg.CloseComp {
		// a glyph (a circle, as draw.CircleGlyph draws one): drawn about
		// its centre, moved there, so that the scatter plots' thousands
		// of points are the same operators but for the move, which
		// compresses to a fifth
		o := p[1].Pos
		c.doc.Save()
		c.doc.Concat(1, 0, 0, 1, c.unit(o.X), c.unit(o.Y))
		q := vg.Path{p[0], p[1], p[2]}
		q[0].Pos, q[1].Pos = p[0].Pos.Sub(o), vg.Point{}
		c.path(q)
		c.doc.Fill()
		c.doc.Restore()
		return
	}
	c.path(p)
	c.doc.Fill()
}

// pdfFontsOf holds each face's font for PDF, parsed once (their source
// files are fixed).
var pdfFontsOf sync.Map // face name → *pdf.Font

func pdfFont(f font.Face) *pdf.Font {
	name := f.Name()
	if v, ok := pdfFontsOf.Load(name); ok {
		return v.(*pdf.Font)
	}
	var buf bytes.Buffer
	if _, err := f.Face.WriteSourceTo(nil, &buf); err != nil {
		panic(fmt.Sprintf("plots: font %s for PDF: %v", name, err))
	}
	pf, err := pdf.NewFont(buf.Bytes())
	if err != nil {
		panic(fmt.Sprintf("plots: font %s for PDF: %v", name, err))
	}
	v, _ := pdfFontsOf.LoadOrStore(name, pf)
	return v.(*pdf.Font)
}

func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size == 0 || s == "" {
		return
	}
	c.doc.Text(pdfFont(f), c.unit(f.Font.Size), c.unit(pt.X), c.unit(pt.Y), s)
}

func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	size := rect.Size()
	c.doc.Image(img, c.unit(rect.Min.X), c.unit(rect.Min.Y), c.unit(size.X), c.unit(size.Y))
}

// path appends p to the page's current path, as vgimg draws it: an arc
// starts with a line from the current point to its start, if there is
// one, and a curve with no current point starts at its first control
// point; a quadratic curve is the cubic of the same shape.
func (c *pdfCanvas) path(p vg.Path) {
	var cx, cy float64 // the current point
	current := false
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			cx, cy = c.unit(comp.Pos.X), c.unit(comp.Pos.Y)
			c.doc.MoveTo(cx, cy)
			current = true
		case vg.LineComp:
			cx, cy = c.unit(comp.Pos.X), c.unit(comp.Pos.Y)
			if current {
				c.doc.LineTo(cx, cy)
			} else {
				c.doc.MoveTo(cx, cy)
			}
			current = true
		case vg.ArcComp:
			cx, cy = c.arc(comp, current)
			current = true
		case vg.CurveComp:
			px, py := c.unit(comp.Pos.X), c.unit(comp.Pos.Y)
			if !current && len(comp.Control) > 0 {
				// from the first control point, as gg's QuadraticTo and
				// CubicTo start a path (vgimg, and the PNGs, draw so)
				cx, cy = c.unit(comp.Control[0].X), c.unit(comp.Control[0].Y)
				c.doc.MoveTo(cx, cy)
				current = true
			}
			switch len(comp.Control) {
			case 1:
				qx, qy := c.unit(comp.Control[0].X), c.unit(comp.Control[0].Y)
				c.doc.CurveTo(cx+2*(qx-cx)/3, cy+2*(qy-cy)/3, px+2*(qx-px)/3, py+2*(qy-py)/3, px, py)
			case 2:
				c.doc.CurveTo(c.unit(comp.Control[0].X), c.unit(comp.Control[0].Y),
					c.unit(comp.Control[1].X), c.unit(comp.Control[1].Y), px, py)
			default:
				panic("plots: a curve with more than two control points")
			}
			cx, cy = px, py
		case vg.CloseComp:
			c.doc.ClosePath()
		default:
			panic(fmt.Sprintf("plots: unknown path component %d", comp.Type))
		}
	}
}

// arc appends the arc as cubic Béziers of at most a quarter turn each
// (the usual approximation: control points at 4/3 tan(θ/4) of the radius
// along the tangents, within 0.03% of the radius) and returns its end.
func (c *pdfCanvas) arc(comp vg.PathComp, current bool) (x, y float64) {
	ox, oy, r := c.unit(comp.Pos.X), c.unit(comp.Pos.Y), c.unit(comp.Radius)
	at := func(a float64) (float64, float64) {
		sin, cos := math.Sincos(a)
		return ox + r*cos, oy + r*sin
	}
	x, y = at(comp.Start)
	if current {
		c.doc.LineTo(x, y)
	} else {
		c.doc.MoveTo(x, y)
	}
	n := max(1, int(math.Ceil(math.Abs(comp.Angle)/(math.Pi/2)-1e-9)))
	step := comp.Angle / float64(n)
	k := 4.0 / 3 * math.Tan(step/4) * r
	for i := range n {
		a0 := comp.Start + float64(i)*step
		a1 := a0 + step
		s0, c0 := math.Sincos(a0)
		s1, c1 := math.Sincos(a1)
		x1, y1 := at(a1)
		c.doc.CurveTo(x-k*s0, y+k*c0, x1+k*s1, y1-k*c1, x1, y1)
		x, y = x1, y1
	}
	return x, y
}

// WriteTo writes the document; the canvas cannot be drawn on after.
func (c *pdfCanvas) WriteTo(w io.Writer) (int64, error) {
	return c.doc.WriteTo(w)
}
