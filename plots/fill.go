package plots

import (
	"image"
	"math"

	"git.sr.ht/~sbinet/gg"
	"github.com/golang/freetype/raster"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/vg"
)

// Fill implements vg.Canvas: what vgimg's Fill does (gg's path of vg's
// path, gg's Fill: freetype's rasteriser and its RGBAPainter, drawing
// over), to the same pixels, with a painter that paints a span its colour
// covers wholly, which is most of a filled shape's pixels, without
// blending each pixel (RGBAPainter's arithmetic gives the colour's own
// bytes there). Bars and points were a sixth of a figure's PNG time. The
// path is built as gg v0.7.0 builds it (MoveTo, LineTo, QuadraticTo,
// CubicTo, ClosePath, DrawEllipticalArc, Fill), through gg's own Matrix
// and CubicBezier, so that its fixed-point vertices are the same.
func (c *imageCanvas) Fill(p vg.Path) {
	var b ggPath
	b.m = c.top().m
	b.trig = &c.trig
	dpi := c.DPI()
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			b.moveTo(comp.Pos.X.Dots(dpi), comp.Pos.Y.Dots(dpi))
		case vg.LineComp:
			b.lineTo(comp.Pos.X.Dots(dpi), comp.Pos.Y.Dots(dpi))
		case vg.ArcComp:
			b.arc(comp.Pos.X.Dots(dpi), comp.Pos.Y.Dots(dpi), comp.Radius.Dots(dpi), comp.Start, comp.Start+comp.Angle)
		case vg.CurveComp:
			switch len(comp.Control) {
			case 1:
				b.quadraticTo(comp.Control[0].X.Dots(dpi), comp.Control[0].Y.Dots(dpi), comp.Pos.X.Dots(dpi), comp.Pos.Y.Dots(dpi))
			case 2:
				b.cubicTo(comp.Control[0].X.Dots(dpi), comp.Control[0].Y.Dots(dpi),
					comp.Control[1].X.Dots(dpi), comp.Control[1].Y.Dots(dpi), comp.Pos.X.Dots(dpi), comp.Pos.Y.Dots(dpi))
			default:
				c.Canvas.Fill(p) // vgimg's panic
				return
			}
		case vg.CloseComp:
			b.closePath()
		default:
			c.Canvas.Fill(p) // vgimg's panic
			return
		}
	}
	if b.hasCurrent {
		b.add1(b.start)
	}
	r := c.rasterizer(&b)
	r.UseNonZeroWinding = true // gg's default fill rule, which vgimg keeps
	r.Clear()
	r.AddPath(b.path)
	painter := spanPainter{img: c.img}
	painter.cr, painter.cg, painter.cb, painter.ca = c.top().c.RGBA()
	r.Rasterize(&painter)
}

// Small shapes (a scatter plot's points, a legend's keys) are rasterised
// by a rasteriser of smallW x smallH pixels, their path moved by whole
// pixels into it and its spans moved back (freetype's Dx and Dy): the
// full image's rasteriser walks and clears every row of the image for
// each shape, which was most of the time of rasterising a point. The
// pixels are the same: freetype's arithmetic on a path with no negative
// coordinate does not change when the path moves by whole pixels (64
// units) without any coordinate becoming negative (its divisions truncate,
// which for such coordinates is flooring, and its splitting of curves
// depends on differences), and nothing is clipped where it was not.
// smallW is over 120 pixels so that freetype splits curves as finely
// as it does on an image that size or larger (Rasterizer.SetBounds).
// TestSmallRasterizerSamePixels compares the two on random points.
const smallW, smallH = 128, 64

// rasterizer returns the rasteriser for b, whose path it moves into the
// small one when it fits there with a pixel to spare on every side and
// the image's rasteriser would not have clipped it.
func (c *imageCanvas) rasterizer(b *ggPath) *raster.Rasterizer {
	bounds := c.img.Bounds()
	if c.rast == nil {
		c.rast = raster.NewRasterizer(bounds.Dx(), bounds.Dy())
	}
	if !b.bounded || bounds.Dx() <= 120 && bounds.Dy() <= 120 {
		return c.rast
	}
	x0, y0 := int(b.min.X)>>6, int(b.min.Y)>>6
	x1, y1 := int(b.max.X)>>6, int(b.max.Y)>>6
	if b.min.X < 0 || b.min.Y < 0 || x1 >= bounds.Dx() || y1 >= bounds.Dy() ||
		x1-x0+3 > smallW || y1-y0+3 > smallH {
		return c.rast
	}
	if c.small == nil {
		c.small = raster.NewRasterizer(smallW, smallH)
	}
	dx, dy := x0-1, y0-1 // a pixel to spare before the shape
	shift := fixed.Point26_6{X: fixed.Int26_6(dx << 6), Y: fixed.Int26_6(dy << 6)}
	for i := 0; i < len(b.path); {
		n := 2 * int(b.path[i]) // the segment's coordinates: a start is one point
		if n == 0 {
			n = 2
		}
		for k := i + 1; k < i+1+n; k += 2 {
			b.path[k] -= shift.X
			b.path[k+1] -= shift.Y
		}
		i += n + 2
	}
	c.small.Dx, c.small.Dy = dx, dy
	return c.small
}

// ggPath builds a fill path as gg's Context does, through its matrix m,
// and the box around its points (which holds its curves too).
type ggPath struct {
	m              gg.Matrix
	path           raster.Path
	start, current gg.Point
	hasCurrent     bool
	min, max       fixed.Point26_6
	bounded        bool     // a point has been added
	trig           *arcTrig // the last arc's angles, kept by the canvas
}

// fix is fixPoint(p), taken into the box.
func (b *ggPath) fix(p gg.Point) fixed.Point26_6 {
	f := fixPoint(p)
	if !b.bounded {
		b.min, b.max, b.bounded = f, f, true
	}
	b.min.X, b.min.Y = min(b.min.X, f.X), min(b.min.Y, f.Y)
	b.max.X, b.max.Y = max(b.max.X, f.X), max(b.max.Y, f.Y)
	return f
}

// add1 is a line to p, as raster.Path's Add1.
func (b *ggPath) add1(p gg.Point) { b.path.Add1(b.fix(p)) }

// fixPoint is gg's Point.Fixed.
func fixPoint(p gg.Point) fixed.Point26_6 {
	return fixed.Point26_6{X: fixed.Int26_6(math.Round(p.X * 64)), Y: fixed.Int26_6(math.Round(p.Y * 64))}
}

func (b *ggPath) transform(x, y float64) gg.Point {
	x, y = b.m.TransformPoint(x, y)
	return gg.Point{X: x, Y: y}
}

func (b *ggPath) moveTo(x, y float64) {
	if b.hasCurrent {
		b.add1(b.start)
	}
	p := b.transform(x, y)
	b.path.Start(b.fix(p))
	b.start, b.current, b.hasCurrent = p, p, true
}

func (b *ggPath) lineTo(x, y float64) {
	if !b.hasCurrent {
		b.moveTo(x, y)
		return
	}
	p := b.transform(x, y)
	b.add1(p)
	b.current = p
}

func (b *ggPath) quadraticTo(x1, y1, x2, y2 float64) {
	if !b.hasCurrent {
		b.moveTo(x1, y1)
	}
	p1, p2 := b.transform(x1, y1), b.transform(x2, y2)
	b.path.Add2(b.fix(p1), b.fix(p2))
	b.current = p2
}

func (b *ggPath) cubicTo(x1, y1, x2, y2, x3, y3 float64) {
	if !b.hasCurrent {
		b.moveTo(x1, y1)
	}
	x0, y0 := b.current.X, b.current.Y
	p1, p2, p3 := b.transform(x1, y1), b.transform(x2, y2), b.transform(x3, y3)
	points := gg.CubicBezier(x0, y0, p1.X, p1.Y, p2.X, p2.Y, p3.X, p3.Y)
	previous := fixPoint(b.current)
	for _, p := range points[1:] {
		f := fixPoint(p)
		if f == previous {
			continue
		}
		previous = f
		b.path.Add1(b.fix(p))
		b.current = p
	}
}

func (b *ggPath) closePath() {
	if b.hasCurrent {
		b.add1(b.start)
		b.current = b.start
	}
}

// arc is gg's DrawArc (DrawEllipticalArc with rx = ry = r): 16 quadratic
// Béziers, with the sines and cosines of their angles from b.trig when it
// holds this arc's (every point of a scatter plot has the same angles).
func (b *ggPath) arc(x, y, r, angle1, angle2 float64) {
	rx, ry := r, r
	t := b.trig
	if t == nil {
		t = new(arcTrig)
	}
	if !t.ok || t.angle1 != angle1 || t.angle2 != angle2 {
		t.set(angle1, angle2)
	}
	for i, v := range t.v {
		x0 := x + rx*v[0]
		y0 := y + ry*v[1]
		x1 := x + rx*v[2]
		y1 := y + ry*v[3]
		x2 := x + rx*v[4]
		y2 := y + ry*v[5]
		cx := 2*x1 - x0/2 - x2/2
		cy := 2*y1 - y0/2 - y2/2
		if i == 0 {
			if b.hasCurrent {
				b.lineTo(x0, y0)
			} else {
				b.moveTo(x0, y0)
			}
		}
		b.quadraticTo(cx, cy, x2, y2)
	}
}

// arcTrig holds, for an arc from angle1 to angle2, the cosine and sine of
// the start, middle and end angle of each of its 16 segments, computed as
// gg's DrawEllipticalArc (v0.7.0) computes them.
type arcTrig struct {
	angle1, angle2 float64
	ok             bool
	v              [16][6]float64
}

func (t *arcTrig) set(angle1, angle2 float64) {
	const n = 16
	for i := range t.v {
		p1 := float64(i+0) / n
		p2 := float64(i+1) / n
		a1 := angle1 + (angle2-angle1)*p1
		a2 := angle1 + (angle2-angle1)*p2
		t.v[i] = [6]float64{math.Cos(a1), math.Sin(a1), math.Cos((a1 + a2) / 2), math.Sin((a1 + a2) / 2), math.Cos(a2), math.Sin(a2)}
	}
	t.angle1, t.angle2, t.ok = angle1, angle2, true
}

// spanPainter is freetype's RGBAPainter drawing over (raster/paint.go),
// the same arithmetic, with the spans a colour covers opaquely (the
// painter's a is 0: its blend is then the colour's bytes) painted with
// those bytes, copied.
type spanPainter struct {
	img            *image.RGBA
	cr, cg, cb, ca uint32
}

func (r *spanPainter) Paint(ss []raster.Span, done bool) {
	b := r.img.Bounds()
	for _, s := range ss {
		if s.Y < b.Min.Y {
			continue
		}
		if s.Y >= b.Max.Y {
			return
		}
		if s.X0 < b.Min.X {
			s.X0 = b.Min.X
		}
		if s.X1 > b.Max.X {
			s.X1 = b.Max.X
		}
		if s.X0 >= s.X1 {
			continue
		}
		ma := s.Alpha
		const m = 1<<16 - 1
		i0 := (s.Y-r.img.Rect.Min.Y)*r.img.Stride + (s.X0-r.img.Rect.Min.X)*4
		i1 := i0 + (s.X1-s.X0)*4
		pix := r.img.Pix[i0:i1:i1]
		a := (m - (r.ca * ma / m)) * 0x101
		if a == 0 {
			pix[0] = uint8(r.cr * ma / m >> 8)
			pix[1] = uint8(r.cg * ma / m >> 8)
			pix[2] = uint8(r.cb * ma / m >> 8)
			pix[3] = uint8(r.ca * ma / m >> 8)
			for n := 4; n < len(pix); n *= 2 {
				copy(pix[n:], pix[:n])
			}
			continue
		}
		for i := 0; i+4 <= len(pix); i += 4 {
			p := pix[i : i+4 : i+4]
			dr := uint32(p[0])
			dg := uint32(p[1])
			db := uint32(p[2])
			da := uint32(p[3])
			p[0] = uint8((dr*a + r.cr*ma) / m >> 8)
			p[1] = uint8((dg*a + r.cg*ma) / m >> 8)
			p[2] = uint8((db*a + r.cb*ma) / m >> 8)
			p[3] = uint8((da*a + r.ca*ma) / m >> 8)
		}
	}
}
