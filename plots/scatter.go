package plots

import (
	"fmt"
	"hash/fnv"
	"image/color"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// jitter is a deterministic position in [-0.9, -0.1] for a strip point,
// from the alteration's identity, so the same tables draw the same image.
func jitter(a *results.Alteration, salt string) float64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\t%s\t%s\t%d\t%s\t%s\t%s", salt, a.PatientID, a.Gene, a.Pos, a.Ref, a.Alt, a.Partner)
	return -(0.1 + 0.8*float64(h.Sum64()%10007)/10006)
}

func positive(x float64) bool { return x > 0 && !math.IsInf(x, 0) }

func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// smallVariant reports whether a class has a VAF comparable between
// tissue and plasma (the same DNA allele counted in both): copy-number
// changes have none, and a fusion's "VAF" is a supporting-read fraction
// of DNA in plasma but RNA in tissue, when the tissue reports one at all.
func smallVariant(class string) bool {
	return class == schema.SNV || class == schema.MNV || class == schema.Indel
}

// hexThreshold is the number of shared points from which the data area is
// drawn as hexagonal bins: beyond it points hide each other even faint.
const hexThreshold = 2000

func drawVAFScatter(rs *results.Set, st *Style) (*Drawing, error) {
	series := map[string]plotter.XYs{}
	alts := map[string][]*results.Alteration{} // behind series' points, for their tooltips
	var ch plotter.XYs
	var chAlts []*results.Alteration
	var sharedT, sharedP []float64
	minVAF := 1.0
	other, noVAF, inStripT, inStripP := 0, 0, 0, 0
	for i := range rs.Alterations {
		a := &rs.Alterations[i]
		if !a.Counted() {
			continue
		}
		if !smallVariant(a.Class) {
			other++
			continue
		}
		tv, pv := a.TissueVAF, a.PlasmaVAF
		// a side's strip holds what that side did not call; a call
		// without a VAF has no place on the figure
		if !positive(tv) && a.TissueStatus == schema.Called || !positive(pv) && a.PlasmaStatus == schema.Called {
			noVAF++
			continue
		}
		for _, v := range []float64{tv, pv} {
			if positive(v) {
				minVAF = min(minVAF, v)
			}
		}
		if !positive(tv) {
			tv = jitter(a, "t")
			inStripT++
		}
		if !positive(pv) {
			pv = jitter(a, "p")
			inStripP++
		}
		if a.Category == schema.Shared && tv > 0 && pv > 0 {
			sharedT, sharedP = append(sharedT, tv), append(sharedP, pv)
		}
		if a.Category == schema.PlasmaOnly && isCH(a) {
			ch = append(ch, plotter.XY{X: tv, Y: pv})
			chAlts = append(chAlts, a)
			continue
		}
		series[a.Category] = append(series[a.Category], plotter.XY{X: tv, Y: pv})
		alts[a.Category] = append(alts[a.Category], a)
	}
	if len(ch) > 0 {
		// the left strip holds plasma-only calls alone: the CH-flagged
		// ones in its half by the axis, the others in the outer half, so
		// that neither hides the other in a large cohort
		half := func(xy plotter.XYs, outer bool) {
			for i := range xy {
				if xy[i].X < 0 {
					xy[i].X = -0.1 - (-xy[i].X-0.1)/2
					if outer {
						xy[i].X -= 0.4
					}
				}
			}
		}
		half(series[schema.PlasmaOnly], true)
		half(ch, false)
	}
	scale := zeroLogScale{lo: decadeBelow(minVAF), hi: 1}
	note := fmt.Sprintf("Small variants (SNV, MNV, indel): %s in the bottom strip (not called in plasma), %s in the left strip (not called in tissue).", thousands(inStripP), thousands(inStripT))
	if len(ch) > 0 {
		note += " In the left strip, calls flagged CH are drawn by the axis and the others outside them."
	}
	if noVAF > 0 {
		note += fmt.Sprintf(" %s called without a VAF are not drawn.", thousands(noVAF))
	}
	if other > 0 {
		note += fmt.Sprintf(" %s copy-number, fusion and splice alterations are not drawn (no VAF comparable between tissue DNA and plasma DNA).", thousands(other))
	}
	statLine := vafAgreement(sharedT, sharedP)
	// smaller, fainter points as the cohort grows, so dense regions show
	// density instead of one solid blot
	r, alpha := st.pt(2.2), uint8(0xb0)
	switch n := len(rs.Alterations); {
	case n > 20000:
		r, alpha = st.pt(0.9), 0x30
	case n > 5000:
		r, alpha = st.pt(1.3), 0x60
	case n > 1000:
		r, alpha = st.pt(1.7), 0x90
	}
	var hex *hexBins
	legend := []legendItem{{CategoryLabel(schema.Shared), SharedColor, dotKey}}
	if len(series[schema.Shared]) >= hexThreshold {
		hex = newHexBins(series[schema.Shared], scale, 36)
		legend[0] = legendItem{fmt.Sprintf("Shared (hexagons of 1 to %s; darker: more)", thousands(hex.max)), SharedColor, rampKey}
	}
	legend = append(legend,
		legendItem{CategoryLabel(schema.TissueOnly), TissueOnlyColor, dotKey},
		legendItem{CategoryLabel(schema.PlasmaOnly), PlasmaOnlyColor, dotKey})
	if len(ch) > 0 {
		legend = append(legend, legendItem{"Plasma only, flagged CH", CHColor, triangleKey})
	}
	legend = append(legend, legendItem{"Equal VAF", GreyColor, dashKey})
	diag, err := plotter.NewLine(plotter.XYs{{X: scale.lo, Y: scale.lo}, {X: scale.hi, Y: scale.hi}})
	if err != nil {
		return nil, fmt.Errorf("the equal-VAF line: %w", err)
	}
	diag.LineStyle = draw.LineStyle{Color: GreyColor, Width: st.pt(0.75), Dashes: []vg.Length{st.pt(4), st.pt(3)}}
	// the points' tooltips, unless there are too many of them
	points := len(ch)
	for cat, xy := range series {
		if cat != schema.Shared || hex == nil {
			points += len(xy)
		}
	}
	tips := func(alts []*results.Alteration) func(int) string {
		if points > maxPointTips {
			return nil
		}
		return vafTips(alts)
	}
	var layers []plot.Plotter
	for _, cat := range []string{schema.TissueOnly, schema.PlasmaOnly, schema.Shared} {
		if len(series[cat]) == 0 || cat == schema.Shared && hex != nil {
			continue
		}
		s, err := plotter.NewScatter(series[cat])
		if err != nil {
			return nil, fmt.Errorf("the %s points: %w", cat, err)
		}
		s.GlyphStyle = draw.GlyphStyle{Color: withAlpha(CategoryColor(cat).(color.NRGBA), alpha), Radius: r, Shape: draw.CircleGlyph{}}
		layers = append(layers, tippedScatter{s, tips(alts[cat])})
	}
	if hex != nil {
		layers = append(layers, hex)
	}
	if len(ch) > 0 {
		s, err := plotter.NewScatter(ch)
		if err != nil {
			return nil, fmt.Errorf("the CH calls: %w", err)
		}
		s.GlyphStyle = draw.GlyphStyle{Color: withAlpha(CHColor, max(alpha, 0x90)), Radius: r * 1.4, Shape: filledTriangle{}}
		layers = append(layers, tippedScatter{s, tips(chAlts)})
	}
	build := func() *plot.Plot {
		p := newPlot(st)
		p.X.Label.Text = "Tissue VAF"
		p.Y.Label.Text = "Plasma VAF"
		p.X.Scale, p.Y.Scale = scale, scale
		p.X.Tick.Marker = scale.ticker("not\ncalled")
		p.Y.Tick.Marker = scale.ticker("not called")
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -1, scale.hi, -1, scale.hi
		p.Add(stripShade{x: true, y: true, width: st.pt(0.6)})
		p.Add(layers...)
		p.Add(diag) // on top: hexagons would hide it
		return p
	}
	// the room the axes take around the data area, measured on a canvas
	// of the body's width
	axesRoom := func(p *plot.Plot, w, h vg.Length) (x, y vg.Length) {
		dc := p.DataCanvas(draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: h}}})
		return w - (dc.Max.X - dc.Min.X), h - (dc.Max.Y - dc.Min.Y)
	}
	return &Drawing{Note: note, Legend: legend,
		Height: func(w vg.Length) vg.Length {
			// a square data area as wide as the body allows, with its axes
			ex, ey := axesRoom(build(), w, w)
			return statLineHeight(st, statLine, w) + w - ex + ey
		},
		Draw: func(c draw.Canvas) {
			c = drawStatLine(c, st, statLine)
			p := build()
			// square data area: the same scale on both axes reads as equal
			// VAF
			ex, ey := axesRoom(p, c.Max.X-c.Min.X, c.Max.Y-c.Min.Y)
			side := min(c.Max.X-c.Min.X-ex, c.Max.Y-c.Min.Y-ey)
			w := side + ex
			cx := (c.Min.X + c.Max.X) / 2
			c.Min.X, c.Max.X = cx-w/2, cx+w/2
			c.Min.Y = c.Max.Y - (side + ey)
			p.Draw(c)
		}}, nil
}

// filledTriangle is a solid upward triangle glyph (gonum/plot's
// TriangleGlyph is an outline, too faint to see at poster sizes).
type filledTriangle struct{}

func (filledTriangle) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r*0.866, Y: pt.Y - r/2})
	p.Line(vg.Point{X: pt.X - r*0.866, Y: pt.Y - r/2})
	p.Close()
	c.SetColor(sty.Color)
	c.Fill(p)
}

// vafAgreement says how tissue and plasma VAFs of shared small variants
// agree: their number, Spearman's ρ and Lin's concordance correlation.
func vafAgreement(t, p []float64) string {
	if len(t) < 3 {
		return fmt.Sprintf("Shared small variants with both VAFs: n"+nbsp+"="+nbsp+"%d (too few for a correlation)", len(t))
	}
	rho := stats.Spearman(t, p)
	ccc := stats.LinCCC(t, p, 0.95)
	s := "Shared small variants: n" + nbsp + "=" + nbsp + thousands(len(t)) + "; Spearman ρ" + nbsp + "=" + nbsp + signed(rho.Rho)
	if !math.IsNaN(rho.P) {
		s += " (" + formatP(rho.P, false) + ")"
	}
	if !math.IsNaN(ccc.Estimate) {
		s += "; Lin's concordance correlation of the VAFs" + nbsp + "=" + nbsp + signed(ccc.Estimate)
		if !math.IsNaN(ccc.Low) {
			s += " (95%" + nbsp + "CI" + nbsp + signed(ccc.Low) + " to " + signed(ccc.High) + ")"
		}
	}
	return s
}

// signed writes a correlation to two decimals with a minus sign (U+2212),
// not a hyphen, as print does.
func signed(x float64) string {
	return strings.Replace(fmt.Sprintf("%.2f", x), "-", "−", 1)
}

// hexBins are points binned into a hexagonal grid on the normalised data
// area (a square: axis fractions are the same length on both axes), with
// a colour from pale to dark by the log of the count.
type hexBins struct {
	r     float64 // circumradius in axis fractions
	cells []hexCell
	max   int
}

type hexCell struct {
	x, y float64 // centre in axis fractions
	n    int
}

// newHexBins bins xy (on scale for both axes) into pointy-top hexagons,
// across columns hexagons on an axis.
func newHexBins(xy plotter.XYs, scale zeroLogScale, columns int) *hexBins {
	w := 1 / float64(columns) // width of a hexagon
	r := w / math.Sqrt(3)
	counts := map[[2]int]int{}
	for _, p := range xy {
		x, y := scale.Normalize(0, 0, p.X), scale.Normalize(0, 0, p.Y)
		// axial coordinates, rounded through cube coordinates
		q := (math.Sqrt(3)/3*x - y/3) / r
		s := 2.0 / 3 * y / r
		cx, cz := q, s
		cy := -cx - cz
		rx, ry, rz := math.Round(cx), math.Round(cy), math.Round(cz)
		dx, dy, dz := math.Abs(rx-cx), math.Abs(ry-cy), math.Abs(rz-cz)
		switch {
		case dx > dy && dx > dz:
			rx = -ry - rz
		case dy <= dz:
			rz = -rx - ry
		}
		counts[[2]int{int(rx), int(rz)}]++
	}
	h := &hexBins{r: r}
	for k, n := range counts {
		q, s := float64(k[0]), float64(k[1])
		h.cells = append(h.cells, hexCell{x: r * math.Sqrt(3) * (q + s/2), y: r * 1.5 * s, n: n})
		h.max = max(h.max, n)
	}
	// a fixed order: the same tables give the same bytes
	sort.Slice(h.cells, func(i, j int) bool {
		if h.cells[i].y != h.cells[j].y {
			return h.cells[i].y < h.cells[j].y
		}
		return h.cells[i].x < h.cells[j].x
	})
	return h
}

// hexRamp is the colour of a count: from a pale blue through the shared
// colour to a dark blue, by log count (one hue: hexagons are shared
// alterations, and none of the ramp is another category's colour).
func hexRamp(n, max int) color.Color {
	f := 1.0
	if max > 1 {
		f = math.Log(float64(n)) / math.Log(float64(max))
	}
	stops := []color.NRGBA{{0xC6, 0xDB, 0xEF, 0xff}, SharedColor, {0x08, 0x27, 0x4A, 0xff}}
	seg := f * float64(len(stops)-1)
	i := min(int(seg), len(stops)-2)
	t := seg - float64(i)
	a, b := stops[i], stops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + t*(float64(y)-float64(x)))) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}

func (h *hexBins) Plot(c draw.Canvas, _ *plot.Plot) {
	w, ht := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	for _, cell := range h.cells {
		var path vg.Path
		for k := 0; k < 6; k++ {
			a := math.Pi/6 + float64(k)*math.Pi/3 // pointy top
			// a hexagon on the edge of the data area is cut at it (its
			// corners clamped), not drawn over the axes
			pt := vg.Point{
				X: min(max(c.Min.X+w*vg.Length(cell.x+h.r*math.Cos(a)), c.Min.X), c.Max.X),
				Y: min(max(c.Min.Y+ht*vg.Length(cell.y+h.r*math.Sin(a)), c.Min.Y), c.Max.Y),
			}
			if k == 0 {
				path.Move(pt)
			} else {
				path.Line(pt)
			}
		}
		path.Close()
		end := tip(c, func() string {
			return "Shared: " + plural(cell.n, "small variant", "small variants") + " in this hexagon"
		})
		c.SetColor(hexRamp(cell.n, h.max))
		c.Fill(path)
		end()
	}
}

// maxPointTips caps the points of figure 4 that get a tooltip each: past
// it (about 10,000 alterations) the points are small, faint and piled up,
// so that the pointer finds one of many, and their tooltips would double
// the SVG (2.5 to 4.8 MB at 50,000 alterations). The hexagons of shared
// variants keep theirs.
const maxPointTips = 5000

// tippedScatter is a scatter whose point i has the tooltip tip(i) (none
// when tip is nil); it draws as plotter.Scatter does (the same glyphs, in
// the same order, and the same glyph boxes for the axes).
type tippedScatter struct {
	*plotter.Scatter
	tip func(i int) string
}

func (s tippedScatter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, xy := range s.XYs {
		pt := vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
		if !c.Contains(pt) {
			continue // DrawGlyph would draw nothing
		}
		if s.tip == nil {
			c.DrawGlyph(s.GlyphStyle, pt)
			continue
		}
		end := tip(c, func() string { return s.tip(i) })
		c.DrawGlyph(s.GlyphStyle, pt)
		end()
	}
}

// GlyphBoxes returns, of plotter.Scatter's glyph boxes, those that can
// set the plot's padding. gonum's Plot keeps the boxes inside the data
// area (X and Y in [0, 1], or NaN) and pads for the first box, in order, of the
// leftmost, rightmost, lowest and highest edge (padX, padY). The points'
// boxes are all the same rectangle, so such a box is one of a point whose
// X or Y is the least or the greatest; kept here, in their order, are the
// boxes within padBand of those (the padding computes a box's edge in
// floating point, where nearly equal coordinates can tie). The padding is
// then the same, without a box for each of thousands of points, for every
// format and twice in each. TestScatterGlyphBoxesPad compares the two.
func (s tippedScatter) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	r := s.GlyphStyle.Radius
	if s.GlyphStyleFunc != nil || r <= 0 {
		return s.Scatter.GlyphBoxes(p)
	}
	// the boxes Plot.GlyphBoxes keeps: a NaN coordinate is kept, and
	// never an edge
	kept := func(x, y float64) bool { return !(x < 0 || x > 1) && !(y < 0 || y > 1) }
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, xy := range s.XYs {
		x, y := p.X.Norm(xy.X), p.Y.Norm(xy.Y)
		if !kept(x, y) {
			continue
		}
		if x < minX {
			minX = x
		}
		if x > maxX {
			maxX = x
		}
		if y < minY {
			minY = y
		}
		if y > maxY {
			maxY = y
		}
	}
	box := vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}
	var out []plot.GlyphBox
	for _, xy := range s.XYs {
		x, y := p.X.Norm(xy.X), p.Y.Norm(xy.Y)
		if kept(x, y) && (x <= minX+padBand || x >= maxX-padBand || y <= minY+padBand || y >= maxY-padBand) {
			out = append(out, plot.GlyphBox{X: x, Y: y, Rectangle: box})
		}
	}
	return out
}

// padBand is how near (in the axis's [0, 1]) to the least or greatest
// coordinate a point's box is kept by tippedScatter.GlyphBoxes: far wider
// than the rounding of a box's edge (about 1e-16 of the canvas), and
// narrow enough to keep few boxes.
const padBand = 1e-9

func vafTips(alts []*results.Alteration) func(int) string {
	return func(i int) string { return vafTip(alts[i]) }
}

// vafTip is the tooltip of a small variant of figure 4: the patient, the
// alteration, its category and the VAFs at the 4 decimals of
// alterations.tsv.
func vafTip(a *results.Alteration) string {
	vaf := func(v float64) string {
		if !positive(v) {
			return "not called"
		}
		return fmt.Sprintf("%.2f%%", 100*v)
	}
	cat := CategoryLabel(a.Category)
	if a.Category == schema.PlasmaOnly && isCH(a) {
		cat += ", flagged clonal haematopoiesis"
	}
	return fmt.Sprintf("%s · %s %s · %s: tissue VAF %s, plasma VAF %s", a.PatientID, a.Gene, a.Label(), cat, vaf(a.TissueVAF), vaf(a.PlasmaVAF))
}
