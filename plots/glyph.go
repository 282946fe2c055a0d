package plots

import (
	"image"
	"math"

	"golang.org/x/image/math/f64"
)

// This file draws a glyph's coverage mask in a uniform colour onto an
// RGBA image through an affine transform, with the very arithmetic of
// golang.org/x/image/draw's BiLinear.Transform(dst, s2d, image.Uniform,
// sr, draw.Over, &draw.Options{SrcMask: mask}) (x/image v0.30.0,
// draw/scale.go and the generated transform_Image_Image_Over of
// draw/impl.go; BSD licence, The Go Authors), which is how gg draws text:
// the same pixels, byte for byte (TestCompositeGlyph compares the two).
// That code takes every pixel through the image.Image and color.Color
// interfaces (At, Set, a colour model conversion, an allocation for each
// pixel boxed into an interface): it was a third of the time of drawing
// a figure's PNG. Here the pixels are read and written in place, and an
// unrotated glyph at a whole-pixel offset, which is every glyph of a
// horizontal label (the tent kernel then weighs one source pixel 1 and
// its neighbours 0), takes the integer arithmetic the floating-point one
// reduces to.

// compositeGlyph draws mask's pixels sr (at maskp) in the colour of the
// premultiplied 16-bit components cr, cg, cb, ca onto dst, mapped by s2d
// from mask space to dst space.
func compositeGlyph(dst *image.RGBA, s2d f64.Aff3, sr image.Rectangle, mask *image.Alpha, maskp image.Point, cr, cg, cb, ca uint32) {
	dr := transformRect(&s2d, &sr)
	adr := dst.Bounds().Intersect(dr)
	if adr.Empty() || sr.Empty() {
		return
	}
	if s2d[0] == 1 && s2d[1] == 0 && s2d[3] == 0 && s2d[4] == 1 &&
		math.Abs(s2d[2]) < 1<<30 && math.Abs(s2d[5]) < 1<<30 &&
		s2d[2] == math.Trunc(s2d[2]) && s2d[5] == math.Trunc(s2d[5]) {
		compositeTranslated(dst, adr, int(s2d[2]), int(s2d[5]), sr, mask, maskp, cr, cg, cb, ca)
		return
	}
	d2s := invert(&s2d)
	bias := transformRect(&d2s, &adr).Min
	bias.X--
	bias.Y--
	d2s[2] -= float64(bias.X)
	d2s[5] -= float64(bias.Y)
	adr = adr.Sub(dr.Min)
	xscale := math.Abs(d2s[0])
	if s := math.Abs(d2s[1]); xscale < s {
		xscale = s
	}
	yscale := math.Abs(d2s[3])
	if s := math.Abs(d2s[4]); yscale < s {
		yscale = s
	}
	compositeTransformed(dst, dr, adr, &d2s, sr, bias, xscale, yscale, mask, maskp, cr, cg, cb, ca)
}

// compositeTranslated is compositeGlyph for s2d a translation by whole
// pixels (tx, ty): the destination pixel (x+tx, y+ty) of each mask pixel
// (x, y) of sr, within adr. For these, the tent kernel's weights are 1 for
// that source pixel and 0 for the others, so that the floating-point sums
// of transform_Image_Image_Over are the integer products below, and the
// pixels where the mask is 0 are left as they are.
func compositeTranslated(dst *image.RGBA, adr image.Rectangle, tx, ty int, sr image.Rectangle, mask *image.Alpha, maskp image.Point, cr, cg, cb, ca uint32) {
	// the source pixels whose destination is in adr (and that the mask
	// has: it is 0, which changes nothing, elsewhere)
	src := sr.Intersect(adr.Sub(image.Point{X: tx, Y: ty})).Intersect(mask.Rect.Sub(maskp))
	for y := src.Min.Y; y < src.Max.Y; y++ {
		mi := mask.PixOffset(maskp.X+src.Min.X, maskp.Y+y)
		m := mask.Pix[mi : mi+src.Dx()]
		di := dst.PixOffset(src.Min.X+tx, y+ty)
		d := dst.Pix[di : di+4*src.Dx()]
		for x, a := range m {
			if a == 0 {
				continue
			}
			ma := uint32(a) * 0x101
			pr0 := cr * ma / 0xffff
			pg0 := cg * ma / 0xffff
			pb0 := cb * ma / 0xffff
			pa0 := ca * ma / 0xffff
			pa1 := 0xffff - pa0
			p := d[4*x : 4*x+4 : 4*x+4]
			p[0] = uint8((uint32(p[0])*0x101*pa1/0xffff + pr0) >> 8)
			p[1] = uint8((uint32(p[1])*0x101*pa1/0xffff + pg0) >> 8)
			p[2] = uint8((uint32(p[2])*0x101*pa1/0xffff + pb0) >> 8)
			p[3] = uint8((uint32(p[3])*0x101*pa1/0xffff + pa0) >> 8)
		}
	}
}

// tentWeights sets w to the normalised tent-kernel weights of the source
// pixels [i, j) around s (x/image/draw's computation for one axis, step
// for step), clipped to [lo, hi).
func tentWeights(s, halfWidth, argScale float64, lo, hi int, w []float64) (i, j int) {
	const support = 1.0
	s -= 0.5
	i = int(math.Floor(s - halfWidth))
	if i < lo {
		i = lo
	}
	j = int(math.Ceil(s + halfWidth))
	if j > hi {
		j = hi
	}
	total := 0.0
	for k := i; k < j; k++ {
		weight := 0.0
		if t := math.Abs((s - float64(k)) * argScale); t < support {
			weight = 1 - t
		}
		w[k-i] = weight
		total += weight
	}
	for k := range w[:j-i] {
		w[k] /= total
	}
	return i, j
}

// compositeTransformed is transform_Image_Image_Over for the tent kernel
// (support 1), a uniform source, a source mask, no destination mask and
// an RGBA destination, step for step.
func compositeTransformed(dst *image.RGBA, dr, adr image.Rectangle, d2s *f64.Aff3, sr image.Rectangle, bias image.Point, xscale, yscale float64, mask *image.Alpha, smp image.Point, cr, cg, cb, ca uint32) {
	const support = 1.0
	xHalfWidth, xKernelArgScale := support, 1.0
	if xscale > 1 {
		xHalfWidth *= xscale
		xKernelArgScale = 1 / xscale
	}
	yHalfWidth, yKernelArgScale := support, 1.0
	if yscale > 1 {
		yHalfWidth *= yscale
		yKernelArgScale = 1 / yscale
	}
	xWeights := make([]float64, 1+2*int(math.Ceil(xHalfWidth)))
	yWeights := make([]float64, 1+2*int(math.Ceil(yHalfWidth)))
	db := dst.Bounds()
	mb := mask.Bounds()
	for dy := int32(adr.Min.Y); dy < int32(adr.Max.Y); dy++ {
		dyf := float64(dr.Min.Y+int(dy)) + 0.5
		for dx := int32(adr.Min.X); dx < int32(adr.Max.X); dx++ {
			dxf := float64(dr.Min.X+int(dx)) + 0.5
			sx := float64(d2s[0]*dxf) + float64(d2s[1]*dyf) + d2s[2]
			sy := float64(d2s[3]*dxf) + float64(d2s[4]*dyf) + d2s[5]
			if !(image.Point{int(sx) + bias.X, int(sy) + bias.Y}).In(sr) {
				continue
			}
			ix, jx := tentWeights(sx+float64(bias.X), xHalfWidth, xKernelArgScale, sr.Min.X, sr.Max.X, xWeights)
			iy, jy := tentWeights(sy+float64(bias.Y), yHalfWidth, yKernelArgScale, sr.Min.Y, sr.Max.Y, yWeights)

			var pr, pg, pb, pa float64
			for ky := iy; ky < jy; ky++ {
				if yWeight := yWeights[ky-iy]; yWeight != 0 {
					for kx := ix; kx < jx; kx++ {
						if w := xWeights[kx-ix] * yWeight; w != 0 {
							var ma uint32
							if p := (image.Point{smp.X + kx, smp.Y + ky}); p.In(mb) {
								ma = uint32(mask.Pix[mask.PixOffset(p.X, p.Y)]) * 0x101
							}
							pru := cr * ma / 0xffff
							pgu := cg * ma / 0xffff
							pbu := cb * ma / 0xffff
							pau := ca * ma / 0xffff
							pr += float64(float64(pru) * w)
							pg += float64(float64(pgu) * w)
							pb += float64(float64(pbu) * w)
							pa += float64(float64(pau) * w)
						}
					}
				}
			}
			if pr > pa {
				pr = pa
			}
			if pg > pa {
				pg = pa
			}
			if pb > pa {
				pb = pa
			}
			x, y := dr.Min.X+int(dx), dr.Min.Y+int(dy)
			if !(image.Point{x, y}).In(db) {
				continue
			}
			p := dst.Pix[dst.PixOffset(x, y):][:4:4]
			pr0 := uint32(fffftou(pr))
			pg0 := uint32(fffftou(pg))
			pb0 := uint32(fffftou(pb))
			pa0 := uint32(fffftou(pa))
			pa1 := 0xffff - pa0
			p[0] = uint8(uint16(uint32(p[0])*0x101*pa1/0xffff+pr0) >> 8)
			p[1] = uint8(uint16(uint32(p[1])*0x101*pa1/0xffff+pg0) >> 8)
			p[2] = uint8(uint16(uint32(p[2])*0x101*pa1/0xffff+pb0) >> 8)
			p[3] = uint8(uint16(uint32(p[3])*0x101*pa1/0xffff+pa0) >> 8)
		}
	}
}

// fffftou, invert and transformRect are x/image/draw's.

func fffftou(f float64) uint16 {
	i := int32(f + 0.5)
	if i > 0xffff {
		return 0xffff
	}
	if i > 0 {
		return uint16(i)
	}
	return 0
}

func invert(m *f64.Aff3) f64.Aff3 {
	m00 := +m[3*1+1]
	m01 := -m[3*0+1]
	m02 := +float64(m[3*1+2]*m[3*0+1]) - float64(m[3*1+1]*m[3*0+2])
	m10 := -m[3*1+0]
	m11 := +m[3*0+0]
	m12 := +float64(m[3*1+0]*m[3*0+2]) - float64(m[3*1+2]*m[3*0+0])
	det := float64(m00*m11) - float64(m10*m01)
	return f64.Aff3{
		m00 / det,
		m01 / det,
		m02 / det,
		m10 / det,
		m11 / det,
		m12 / det,
	}
}

func transformRect(s2d *f64.Aff3, sr *image.Rectangle) (dr image.Rectangle) {
	ps := [...]image.Point{
		{sr.Min.X, sr.Min.Y},
		{sr.Max.X, sr.Min.Y},
		{sr.Min.X, sr.Max.Y},
		{sr.Max.X, sr.Max.Y},
	}
	for i, p := range ps {
		sxf := float64(p.X)
		syf := float64(p.Y)
		dx := int(math.Floor(float64(s2d[0]*sxf) + float64(s2d[1]*syf) + s2d[2]))
		dy := int(math.Floor(float64(s2d[3]*sxf) + float64(s2d[4]*syf) + s2d[5]))
		if i == 0 {
			dr = image.Rectangle{
				Min: image.Point{dx + 0, dy + 0},
				Max: image.Point{dx + 1, dy + 1},
			}
			continue
		}
		if dr.Min.X > dx {
			dr.Min.X = dx
		}
		dx++
		if dr.Max.X < dx {
			dr.Max.X = dx
		}
		if dr.Min.Y > dy {
			dr.Min.Y = dy
		}
		dy++
		if dr.Max.Y < dy {
			dr.Max.Y = dy
		}
	}
	return dr
}
