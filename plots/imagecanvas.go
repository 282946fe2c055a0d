package plots

import (
	"image"
	"image/color"
	"math"
	"sync"

	"git.sr.ht/~sbinet/gg"
	"github.com/golang/freetype/raster"
	xdraw "golang.org/x/image/draw"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// imageCanvas is vgimg's canvas (gonum/plot v0.17.0 over gg v0.7.0) with
// its text and its fills drawn here, to the same pixels. For text, vgimg
// makes a font face for every string, gg measures the string it was not
// asked to align, and draws each glyph through x/image/draw's general
// transform, pixel by pixel through interfaces (see compositeGlyph):
// drawing text was a third of the time of a figure's PNG. For fills, see
// Fill. Everything else (strokes, images, the sizes) is vgimg's; the
// canvas keeps its own copy of gg's transform and colour (their stacks
// follow Push and Pop), which vgimg does not expose, computed with gg's
// own Matrix methods so that it is the same to the bit.
type imageCanvas struct {
	*vgimg.Canvas
	img   *image.RGBA
	state []canvasState // the top is the current state
	faces map[faceKey]xfont.Face
	rast  *raster.Rasterizer // Fill's, the image's size
	small *raster.Rasterizer // Fill's for small shapes (rasterizer)
	trig  arcTrig            // Fill's last arc
}

// canvasState is what gg's Push saves that text drawing reads.
type canvasState struct {
	m gg.Matrix
	c color.Color
}

type faceKey struct {
	face *opentype.Font
	size vg.Length
}

// newImageCanvas is vgimg.NewWith(UseWH(w, h), UseDPI(dpi)) on white
// without the copy of the whole image vgimg makes (gg.NewContextForImage
// copies the image it is given: a sixth of the time of drawing a figure):
// the same pixel size (vgimg rounds w and h at dpi to the nearest pixel)
// and the same transform. paint lays figures out at st's size, not the
// canvas's, which is the rounded one.
func newImageCanvas(w, h vg.Length, dpi int) *imageCanvas {
	px := func(l vg.Length) int { return int(l/vg.Inch*vg.Length(dpi) + 0.5) }
	r := image.Rect(0, 0, px(w), px(h))
	n := 4 * r.Dx() * r.Dy()
	if r.Dx() > 0 && n/4/r.Dx() != r.Dy() {
		panic("plots: image too large")
	}
	// a recycled buffer: vgimg.NewWith paints every pixel white
	im := &image.RGBA{Pix: pixelBuffer(n), Stride: 4 * r.Dx(), Rect: r}
	ctx := gg.NewContextForRGBA(im)
	ctx.SetLineCapButt()
	ctx.InvertY()
	c := &imageCanvas{
		Canvas: vgimg.NewWith(vgimg.UseImageWithContext(im, ctx), vgimg.UseDPI(dpi)), // on white, vgimg's default
		img:    im,
		// gg.NewContextForRGBA's matrix, then InvertY; vgimg sets black
		state: []canvasState{{gg.Identity().Translate(0, float64(im.Bounds().Dy())).Scale(1, -1), color.Black}},
		faces: map[faceKey]xfont.Face{},
	}
	return c
}

// pixelBuffers holds the pixels of PNG canvases written (release), for
// the next: a figure at 300 dpi is 10 to 30 MB, which the runtime would
// clear, and the kernel fault in, before vgimg paints it white.
var pixelBuffers sync.Pool

// pixelBuffer returns n bytes, recycled when it can.
func pixelBuffer(n int) []byte {
	if b, ok := pixelBuffers.Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:n]
	}
	return make([]byte, n)
}

// release gives the canvas's pixels for another canvas to draw on: the
// canvas must not be used after.
func (c *imageCanvas) release() {
	b := c.img.Pix
	c.img, c.Canvas = nil, nil
	pixelBuffers.Put(&b)
}

func (c *imageCanvas) top() *canvasState { return &c.state[len(c.state)-1] }

// SetColor implements vg.Canvas as vgimg does.
func (c *imageCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.Canvas.SetColor(clr)
	c.top().c = clr
}

// Rotate, Translate and Scale implement vg.Canvas as vgimg does (gg's
// Context methods of the same names).
func (c *imageCanvas) Rotate(t float64) {
	c.Canvas.Rotate(t)
	c.top().m = c.top().m.Rotate(t)
}

func (c *imageCanvas) Translate(pt vg.Point) {
	c.Canvas.Translate(pt)
	c.top().m = c.top().m.Translate(pt.X.Dots(c.DPI()), pt.Y.Dots(c.DPI()))
}

func (c *imageCanvas) Scale(x, y float64) {
	c.Canvas.Scale(x, y)
	c.top().m = c.top().m.Scale(x, y)
}

func (c *imageCanvas) Push() {
	c.Canvas.Push()
	c.state = append(c.state, *c.top())
}

func (c *imageCanvas) Pop() {
	c.Canvas.Pop()
	c.state = c.state[:len(c.state)-1]
}

// FillString implements vg.Canvas: what vgimg's FillString does (a face
// at the canvas's resolution, the y axis turned back down, gg's
// DrawString at the point in pixels), with the face kept for the next
// string.
func (c *imageCanvas) FillString(fnt font.Face, pt vg.Point, str string) {
	if fnt.Font.Size == 0 {
		return
	}
	dpi := c.DPI()
	k := faceKey{fnt.Face, fnt.Font.Size}
	face := c.faces[k]
	if face == nil {
		face = fnt.FontFace(dpi)
		c.faces[k] = face
	}
	_, h := c.Size()
	st := c.top()
	m := st.m.Translate(0, float64(c.img.Bounds().Dy())).Scale(1, -1) // gg's InvertY
	drawText(c.img, m, st.c, face, str, pt.X.Dots(dpi), h.Dots(dpi)-pt.Y.Dots(dpi))
}

// drawText is gg's Context.drawString (v0.7.0) with its transform m and
// colour col: each glyph's mask at its sub-pixel position, drawn through
// m with the tent kernel.
func drawText(dst *image.RGBA, m gg.Matrix, col color.Color, face xfont.Face, s string, x, y float64) {
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	cr, cg, cb, ca := col.RGBA()
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		dr, mask, maskp, advance, ok := face.Glyph(dot, r)
		if !ok {
			continue
		}
		sr := dr.Sub(dr.Min)
		gm := m.Translate(float64(dr.Min.X), float64(dr.Min.Y))
		s2d := f64.Aff3{gm.XX, gm.XY, gm.X0, gm.YX, gm.YY, gm.Y0}
		if a, ok := mask.(*image.Alpha); ok {
			compositeGlyph(dst, s2d, sr, a, maskp, cr, cg, cb, ca)
		} else { // not an opentype face: gg's way
			xdraw.BiLinear.Transform(dst, s2d, image.NewUniform(col), sr, xdraw.Over, &xdraw.Options{SrcMask: mask, SrcMaskP: maskp})
		}
		dot.X += advance
		prev = r
	}
}
