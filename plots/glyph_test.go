package plots

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"git.sr.ht/~sbinet/gg"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// compositeGlyph draws the very pixels of x/image/draw's BiLinear.Transform
// with a source mask, draw.Over and a uniform colour (what gg's text
// drawing does), for random masks, colours (opaque and translucent) and
// destinations, through whole-pixel translations (its integer path),
// fractional ones, gg's rotations by a right angle (the y-axis labels),
// other angles and scales, glyphs straddling the image's edges and lying
// outside it.
func TestCompositeGlyph(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	mats := func(tx, ty float64) []gg.Matrix {
		return []gg.Matrix{
			gg.Translate(math.Floor(tx), math.Floor(ty)),
			gg.Translate(tx, ty),
			// (a.Multiply(b) is a, then b)
			gg.Rotate(math.Pi / 2).Multiply(gg.Translate(math.Floor(tx), math.Floor(ty))),
			gg.Rotate(-math.Pi / 2).Multiply(gg.Translate(tx, ty)),
			gg.Rotate(0.3).Multiply(gg.Translate(tx, ty)),
			gg.Scale(1.7, 0.6).Multiply(gg.Translate(tx, ty)),
			gg.Scale(0.4, 0.4).Multiply(gg.Rotate(2)).Multiply(gg.Translate(tx, ty)),
			// vgimg's text transform: InvertY twice, then the glyph's offset
			gg.Identity().Translate(0, 40).Scale(1, -1).Translate(0, 40).Scale(1, -1).Translate(math.Floor(tx), math.Floor(ty)),
		}
	}
	cases := 0
	for range 300 {
		w, h := 1+rng.IntN(14), 1+rng.IntN(14)
		mask := image.NewAlpha(image.Rect(0, 0, w, h))
		for i := range mask.Pix {
			switch rng.IntN(3) {
			case 0: // 0: outside the glyph
			case 1:
				mask.Pix[i] = 0xff
			default:
				mask.Pix[i] = uint8(rng.IntN(256))
			}
		}
		var col color.Color = color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 0xff}
		if rng.IntN(3) == 0 {
			col = color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))}
		}
		dst := image.NewRGBA(image.Rect(0, 0, 40, 40))
		for i := range dst.Pix {
			dst.Pix[i] = uint8(rng.IntN(256))
		}
		for i := 3; i < len(dst.Pix); i += 4 {
			dst.Pix[i] = 0xff // opaque, as a figure is
		}
		for _, m := range mats(rng.Float64()*56-8, rng.Float64()*56-8) {
			s2d := f64.Aff3{m.XX, m.XY, m.X0, m.YX, m.YY, m.Y0}
			sr := mask.Bounds()
			if rng.IntN(4) == 0 { // part of the mask
				sr = image.Rect(rng.IntN(w), rng.IntN(h), w, h)
			}
			want := image.NewRGBA(dst.Rect)
			copy(want.Pix, dst.Pix)
			xdraw.BiLinear.Transform(want, s2d, image.NewUniform(col), sr, xdraw.Over, &xdraw.Options{SrcMask: mask, SrcMaskP: mask.Rect.Min})
			got := image.NewRGBA(dst.Rect)
			copy(got.Pix, dst.Pix)
			cr, cg, cb, ca := col.RGBA()
			compositeGlyph(got, s2d, sr, mask, mask.Rect.Min, cr, cg, cb, ca)
			if !bytes.Equal(got.Pix, want.Pix) {
				t.Fatalf("mask %dx%d %v, colour %v, transform %v: pixels differ from x/image/draw's", w, h, sr, col, s2d)
			}
			if !bytes.Equal(want.Pix, dst.Pix) {
				cases++
			}
		}
	}
	if cases < 1000 {
		t.Errorf("only %d of 2400 cases drew anything", cases)
	}
}
