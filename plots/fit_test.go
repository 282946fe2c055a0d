package plots

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	"github.com/concord-oncology/concord/concordance/results"
)

// textBox is where a string was drawn: its corners in figure coordinates.
type textBox struct {
	text                   string
	minX, minY, maxX, maxY vg.Length
}

func (b textBox) String() string {
	return fmt.Sprintf("%q at (%.1f,%.1f)-(%.1f,%.1f) pt", b.text, b.minX, b.minY, b.maxX, b.maxY)
}

// affine is a 2-D transform: x' = a*x + c*y + e, y' = b*x + d*y + f.
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) then(n affine) affine { // n applied in m's frame
	return affine{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

func (m affine) apply(x, y vg.Length) (vg.Length, vg.Length) {
	return vg.Length(m.a*float64(x) + m.c*float64(y) + m.e), vg.Length(m.b*float64(x) + m.d*float64(y) + m.f)
}

// textCanvas is a vg.CanvasSizer that records the box of every string
// drawn on it, through the canvas transforms, and draws nothing.
type textCanvas struct {
	w, h  vg.Length
	m     affine
	stack []affine
	boxes []textBox
}

func newTextCanvas(w, h vg.Length) *textCanvas {
	return &textCanvas{w: w, h: h, m: affine{a: 1, d: 1}}
}

func (c *textCanvas) Size() (vg.Length, vg.Length)        { return c.w, c.h }
func (c *textCanvas) SetLineWidth(vg.Length)              {}
func (c *textCanvas) SetLineDash([]vg.Length, vg.Length)  {}
func (c *textCanvas) SetColor(color.Color)                {}
func (c *textCanvas) Stroke(vg.Path)                      {}
func (c *textCanvas) Fill(vg.Path)                        {}
func (c *textCanvas) DrawImage(vg.Rectangle, image.Image) {}
func (c *textCanvas) Push()                               { c.stack = append(c.stack, c.m) }
func (c *textCanvas) Pop() {
	c.m = c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
}
func (c *textCanvas) Rotate(rad float64) {
	s, k := math.Sincos(rad)
	c.m = c.m.then(affine{a: k, b: s, c: -s, d: k})
}
func (c *textCanvas) Translate(p vg.Point) {
	c.m = c.m.then(affine{a: 1, d: 1, e: float64(p.X), f: float64(p.Y)})
}
func (c *textCanvas) Scale(x, y float64) { c.m = c.m.then(affine{a: x, d: y}) }

func (c *textCanvas) FillString(f font.Face, p vg.Point, s string) {
	if s == "" || f.Font.Size == 0 {
		return
	}
	// from the descender to three quarters of an em above the baseline
	// (Liberation Sans's ascenders reach 0.73 em): the font's ascent
	// (0.91 em) leaves room for accents, and lines set one em apart would
	// overlap by it
	x0, y0, x1, y1 := p.X, p.Y-f.Extents().Descent, p.X+f.Width(s), p.Y+f.Font.Size*3/4
	b := textBox{text: s, minX: vg.Length(math.Inf(1)), minY: vg.Length(math.Inf(1)), maxX: vg.Length(math.Inf(-1)), maxY: vg.Length(math.Inf(-1))}
	for _, q := range [][2]vg.Length{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		x, y := c.m.apply(q[0], q[1])
		b.minX, b.maxX = min(b.minX, x), max(b.maxX, x)
		b.minY, b.maxY = min(b.minY, y), max(b.maxY, y)
	}
	c.boxes = append(c.boxes, b)
}

// layoutText lays figure f out from rs at st and returns the boxes of its
// text and the figure's size.
func layoutText(t *testing.T, f *Figure, rs *results.Set, st Style) ([]textBox, vg.Length, vg.Length) {
	t.Helper()
	d, note, err := f.layout(rs, &st)
	st.format = PNG // as Layout.Render sets it
	if err != nil {
		t.Fatal(err)
	}
	c := newTextCanvas(st.Width, st.Height)
	f.paint(c, d, &st, note)
	return c.boxes, st.Width, st.Height
}

// Issue 13 §2, "look at every figure at poster size and at journal size
// and fix what you see": no text runs off the figure (a title or a legend
// entry wider than a narrow figure was clipped), and no two strings
// overlap (labels over labels), at every preset and without one.
func TestTextFitsTheFigure(t *testing.T) {
	rs := loadFixture(t)
	if src := os.Getenv("CONCORD_RESULTS"); src != "" {
		// another results folder (the demo's, a large cohort's)
		var err error
		if rs, err = results.Read(os.DirFS(src), src); err != nil {
			t.Fatal(err)
		}
	}
	styles := []Style{{}}
	for _, p := range Presets {
		styles = append(styles, Style{Preset: p})
	}
	const tol = 0.25 // points
	for _, f := range Figures() {
		for _, st := range styles {
			name := st.Preset.Name
			if name == "" {
				name = "default"
			}
			t.Run(f.Name+"/"+name, func(t *testing.T) {
				boxes, w, h := layoutText(t, f, rs, st)
				if len(boxes) == 0 {
					t.Fatal("no text drawn")
				}
				for _, b := range boxes {
					if b.minX < -tol || b.minY < -tol || b.maxX > w+tol || b.maxY > h+tol {
						t.Errorf("%v runs off the %.1f x %.1f pt figure", b, w, h)
					}
				}
				for i, a := range boxes {
					for _, b := range boxes[i+1:] {
						if a.minX < b.maxX-tol && b.minX < a.maxX-tol && a.minY < b.maxY-tol && b.minY < a.maxY-tol {
							t.Errorf("%v overlaps %v", a, b)
						}
					}
				}
			})
		}
	}
}
