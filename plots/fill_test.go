package plots

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// vgimgCanvas is the canvas newImageCanvas wraps, as it is: vgimg's own
// Fill, Stroke and FillString.
func vgimgCanvas(w, h vg.Length, dpi int) *vgimg.Canvas {
	px := func(l vg.Length) int { return int(l/vg.Inch*vg.Length(dpi) + 0.5) }
	im := image.NewRGBA(image.Rect(0, 0, px(w), px(h)))
	ctx := gg.NewContextForRGBA(im)
	ctx.SetLineCapButt()
	ctx.InvertY()
	return vgimg.NewWith(vgimg.UseImageWithContext(im, ctx), vgimg.UseDPI(dpi))
}

// imageCanvas fills and writes the very pixels vgimg does: random
// rectangles (fractional edges, some past the image's edges), polygons
// with several subpaths, circles and arcs, quadratic and cubic curves,
// in opaque and translucent colours, under translations, rotations and
// scales pushed and popped, with text between them.
func TestImageCanvasSamePixels(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const w, h = 3 * vg.Inch, 2 * vg.Inch
	for _, dpi := range []int{72, 100, 300} {
		ours, theirs := newImageCanvas(w, h, dpi), vgimgCanvas(w, h, dpi)
		pt := func() vg.Point {
			return vg.Point{X: vg.Length(rng.Float64()*3.4-0.2) * vg.Inch, Y: vg.Length(rng.Float64()*2.4-0.2) * vg.Inch}
		}
		fnt := handler.Fonts.Lookup(sans, 9)
		for i := range 400 {
			var col color.Color = color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 0xff}
			if rng.IntN(4) == 0 {
				col = color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))}
			}
			var p vg.Path
			switch rng.IntN(5) {
			case 0: // a rectangle
				a, b := pt(), pt()
				p.Move(a)
				p.Line(vg.Point{X: b.X, Y: a.Y})
				p.Line(b)
				p.Line(vg.Point{X: a.X, Y: b.Y})
				p.Close()
			case 1: // polygons, the last one left open
				for range 1 + rng.IntN(3) {
					p.Move(pt())
					for range 2 + rng.IntN(5) {
						p.Line(pt())
					}
					if rng.IntN(2) == 0 {
						p.Close()
					}
				}
			case 2: // a circle, as a scatter point is drawn
				c, r := pt(), vg.Length(rng.Float64()*20)
				p.Move(vg.Point{X: c.X + r, Y: c.Y})
				p.Arc(c, r, 0, 2*math.Pi)
				p.Close()
			case 3: // an arc after a line
				p.Move(pt())
				p.Arc(pt(), vg.Length(rng.Float64()*60), rng.Float64()*6, rng.Float64()*8-4)
			default: // curves
				p.Move(pt())
				p.QuadTo(pt(), pt())
				p.CubeTo(pt(), pt(), pt())
				p.Close()
			}
			push := rng.IntN(3) == 0
			at := pt()
			for _, c := range []vg.Canvas{ours, theirs} {
				c.SetColor(col)
				if push {
					c.Push()
					c.Translate(vg.Point{X: 30, Y: 10})
					c.Rotate(0.2)
					c.Scale(1.1, 0.9)
				}
				c.Fill(p)
				if i%10 == 0 {
					c.FillString(fnt, at, "Tissue-only 12%")
				}
				if push {
					c.Pop()
				}
			}
			if a, b := ours.img.Pix, theirs.Image().(*image.RGBA).Pix; !bytes.Equal(a, b) {
				t.Fatalf("%d dpi, shape %d (%v in %v): pixels differ from vgimg's", dpi, i, p, col)
			}
		}
	}
}

// Small shapes, which Fill rasterises in a small rasteriser moved to
// them, get vgimg's pixels: circles as scatter points are drawn, of radii
// from a tenth of a pixel to past the small rasteriser's height, at
// random sub-pixel centres (on the image's edges too), and triangles, in
// translucent colours, at the resolutions figures are drawn at.
func TestSmallRasterizerSamePixels(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	const w, h = 2 * vg.Inch, 1 * vg.Inch
	for _, dpi := range []int{150, 300, 600} {
		ours, theirs := newImageCanvas(w, h, dpi), vgimgCanvas(w, h, dpi)
		for i := range 3000 {
			c := vg.Point{X: vg.Length(rng.Float64()*2.1-0.05) * vg.Inch, Y: vg.Length(rng.Float64()*1.1-0.05) * vg.Inch}
			var p vg.Path
			if i%5 == 4 {
				s := vg.Length(rng.Float64() * 8)
				p.Move(vg.Point{X: c.X - s, Y: c.Y - s})
				p.Line(vg.Point{X: c.X + s, Y: c.Y - s})
				p.Line(vg.Point{X: c.X, Y: c.Y + s})
				p.Close()
			} else {
				r := vg.Length(0.02 + rng.Float64()*rng.Float64()*9)
				p.Move(vg.Point{X: c.X + r, Y: c.Y})
				p.Arc(c, r, 0, 2*math.Pi)
				p.Close()
			}
			col := color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(0x30 + rng.IntN(0xd0))}
			for _, cv := range []vg.Canvas{ours, theirs} {
				cv.SetColor(col)
				cv.Fill(p)
			}
		}
		if a, b := ours.img.Pix, theirs.Image().(*image.RGBA).Pix; !bytes.Equal(a, b) {
			t.Fatalf("%d dpi: pixels differ from vgimg's", dpi)
		}
		if ours.small == nil {
			t.Fatalf("%d dpi: no shape was drawn by the small rasteriser", dpi)
		}
	}
}
