package plots

import (
	"fmt"
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
)

// vafBin is one tissue-VAF bin of strata.tsv drawn on the VAF axis.
type vafBin struct {
	lo, hi   float64 // the bin's VAF range (the first starts at the axis)
	s, st    int     // S and S+T
	ppa      float64
	ci       results.Interval
	wilson   bool // ci is Wilson's: strata.tsv has no bootstrap interval
	label    string
	midpoint float64 // geometric middle of [lo, hi]
}

// minBin is the fewest tissue alterations a bin needs to be drawn: the
// interval of fewer spans most of the axis and says nothing.
const minBin = 10

// tip is the tooltip of a bin's box: its share detected and the interval
// drawn, as strata.tsv's table in the report writes them.
func (b vafBin) tip() string {
	ci := "patient-bootstrap 95% CI "
	if b.wilson {
		ci = "Wilson 95% CI "
	}
	return fmt.Sprintf("Tissue VAF %s · detected in plasma: %s of %s tissue alterations (%s), %s%s",
		typeset(b.label), thousands(b.s), thousands(b.st), results.Percent(b.ppa), ci, b.ci.Percent())
}

// vafBins reads the tissue-VAF bins of strata.tsv (the five with a VAF
// range, in order), the first starting at axisLo; sparse are the bins
// with fewer than minBin alterations, not drawn.
func vafBins(rs *results.Set, axisLo float64) (bins []vafBin, sparse []string) {
	bounds := append(append([]float64{axisLo}, schema.VAFBinUpper...), 1)
	for _, s := range rs.Dimension(schema.DimTissueVAFBin) {
		k := -1
		for i, l := range schema.VAFBinLevels[:len(schema.VAFBinUpper)+1] {
			if s.Level == l {
				k = i
			}
		}
		if k < 0 || s.Shared+s.TissueOnly == 0 {
			continue
		}
		if s.Shared+s.TissueOnly < minBin {
			sparse = append(sparse, fmt.Sprintf("%s (%s/%s)", s.Level, thousands(s.Shared), thousands(s.Shared+s.TissueOnly)))
			continue
		}
		ci, w := primary(s.PPABoot, s.PPACI)
		b := vafBin{lo: bounds[k], hi: bounds[k+1], s: s.Shared, st: s.Shared + s.TissueOnly, ppa: s.PPA, ci: ci, wilson: w, label: s.Level}
		b.midpoint = math.Sqrt(b.lo * b.hi)
		bins = append(bins, b)
	}
	return bins, sparse
}

// logisticModel is a one-covariate logistic model of models.tsv: the
// intercept and the slope on log10 of the covariate, with the slope's
// variance, the intercept's and their covariance when the table has them.
type logisticModel struct {
	b0, b1          float64
	v0, v1, c01     float64 // NaN when unknown: no band
	ok              bool
	why             string // why there is no curve
	nObs, nPatients int
}

// readLogistic reads a one-covariate model of models.tsv.
func readLogistic(rs *results.Set, model string) logisticModel {
	m := logisticModel{v0: math.NaN(), v1: math.NaN(), c01: math.NaN()}
	if !rs.Has(schema.ModelsFile) {
		m.why = "models.tsv is absent"
		return m
	}
	terms := rs.Model(model)
	if len(terms) == 0 {
		m.why = "models.tsv has no " + model + " model"
		return m
	}
	var haveB0, haveB1 bool
	var notes []string
	for _, t := range terms {
		if t.Note != "" {
			notes = append(notes, t.Note)
		}
		m.nObs, m.nPatients = t.NAlterations, t.NPatients
		if strings.EqualFold(t.Term, schema.TermIntercept) {
			m.b0, haveB0 = t.Estimate, !math.IsNaN(t.Estimate)
			m.v0 = t.SE * t.SE
		} else {
			m.b1, haveB1 = t.Estimate, !math.IsNaN(t.Estimate)
			m.v1 = t.SE * t.SE
			m.c01 = math.NaN() // TODO(cov): models.tsv cov_intercept
		}
	}
	if !haveB0 || !haveB1 {
		m.why = "the " + model + " model was not estimable"
		if len(notes) > 0 {
			m.why += " (" + notes[0] + ")"
		}
		return m
	}
	m.ok = true
	return m
}

// at returns the model's probability at log10 x and its 95% pointwise
// band (NaN ends without the covariance).
func (m logisticModel) at(lx float64) (p, lo, hi float64) {
	eta := m.b0 + m.b1*lx
	p = expit(eta)
	v := m.v0 + lx*lx*m.v1 + 2*lx*m.c01
	if math.IsNaN(v) || v < 0 {
		return p, math.NaN(), math.NaN()
	}
	se := math.Sqrt(v)
	return p, expit(eta - 1.959963984540054*se), expit(eta + 1.959963984540054*se)
}

func (m logisticModel) band() bool {
	return !math.IsNaN(m.c01) && !math.IsNaN(m.v0) && !math.IsNaN(m.v1)
}

func expit(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// quantile is the type-7 quantile of sorted xs.
func quantile(xs []float64, q float64) float64 {
	h := q * float64(len(xs)-1)
	i := int(math.Floor(h))
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (h-float64(i))*(xs[i+1]-xs[i])
}

// curve is the model's line and band over [lo, hi] of the covariate.
func (m logisticModel) curve(lo, hi float64) (line, band plotter.XYs) {
	const n = 200
	var upper plotter.XYs
	for i := 0; i <= n; i++ {
		lx := math.Log10(lo) + (math.Log10(hi)-math.Log10(lo))*float64(i)/n
		p, l, h := m.at(lx)
		x := math.Pow(10, lx)
		line = append(line, plotter.XY{X: x, Y: p})
		if m.band() {
			band = append(band, plotter.XY{X: x, Y: l})
			upper = append(upper, plotter.XY{X: x, Y: h})
		}
	}
	for i := len(upper) - 1; i >= 0; i-- {
		band = append(band, upper[i])
	}
	return line, band
}

// binBoxes draws each bin as a box spanning its range and its interval,
// with a line at its proportion and its S+T above.
type binBoxes struct {
	st   *Style
	bins []vafBin
	// labels draws the counts alone, on a pale ground, so that a layer
	// over the boxes (the curve) does not cross them
	labels bool
}

func (b binBoxes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := b.st.textStyle(noteSize, false)
	n.XAlign, n.YAlign = draw.XCenter, draw.YBottom
	n.Color = GreyColor
	var placed []vg.Rectangle // the labels drawn so far
	for _, bin := range b.bins {
		x0, x1 := trX(bin.lo), trX(bin.hi)
		inset := min((x1-x0)*0.04, b.st.pt(1.5))
		x0, x1 = x0+inset, x1-inset
		fill := withAlpha(SharedColor, 0x40)
		if bin.wilson {
			fill = withAlpha(GreyColor, 0x40)
		}
		top, bottom := trY(bin.ppa), trY(bin.ppa)
		end := noTip
		if !b.labels {
			end = tip(c, func() string { return bin.tip() })
		}
		if !math.IsNaN(bin.ci.Low) && !math.IsNaN(bin.ci.High) {
			if !b.labels {
				fillRect(c, fill, x0, trY(bin.ci.Low), x1, trY(bin.ci.High))
			}
			top, bottom = trY(bin.ci.High), trY(bin.ci.Low)
		}
		if !b.labels {
			c.StrokeLine2(draw.LineStyle{Color: SharedColor, Width: b.st.pt(2)}, x0, trY(bin.ppa), x1, trY(bin.ppa))
			end()
			continue
		}
		// the count above the box, or under it when there is no room
		// under 100% or it would run into a count already drawn
		label := "n" + nbsp + "=" + nbsp + thousands(bin.st)
		w, h, gap := n.Width(label), n.Height(label), b.st.pt(2)
		xc := (x0 + x1) / 2
		above := vg.Rectangle{Min: vg.Point{X: xc - w/2, Y: top + gap}, Max: vg.Point{X: xc + w/2, Y: top + gap + h}}
		under := vg.Rectangle{Min: vg.Point{X: xc - w/2, Y: bottom - gap - h}, Max: vg.Point{X: xc + w/2, Y: bottom - gap}}
		r := above
		if above.Max.Y > c.Max.Y || overlapsAny(above, placed) && !overlapsAny(under, placed) {
			r = under
		}
		placed = append(placed, r)
		fillRect(c, withAlpha(color.NRGBA{0xff, 0xff, 0xff, 0}, 0xd0), r.Min.X-gap/2, r.Min.Y, r.Max.X+gap/2, r.Max.Y)
		c.FillText(n, vg.Point{X: xc, Y: r.Min.Y}, label)
	}
}

// overlapsAny reports whether r overlaps any of rs.
func overlapsAny(r vg.Rectangle, rs []vg.Rectangle) bool {
	for _, q := range rs {
		if r.Min.X < q.Max.X && q.Min.X < r.Max.X && r.Min.Y < q.Max.Y && q.Min.Y < r.Max.Y {
			return true
		}
	}
	return false
}

// polygon fills a closed outline in data coordinates.
type polygon struct {
	xy  plotter.XYs
	col color.Color
}

func (g polygon) Plot(c draw.Canvas, p *plot.Plot) {
	if len(g.xy) < 3 {
		return
	}
	trX, trY := p.Transforms(&c)
	var path vg.Path
	for i, q := range g.xy {
		pt := vg.Point{X: trX(q.X), Y: trY(q.Y)}
		if i == 0 {
			path.Move(pt)
		} else {
			path.Line(pt)
		}
	}
	path.Close()
	c.SetColor(g.col)
	c.Fill(path)
}

// percentTicks are 0-100% in quarters.
var percentTicks = plot.TickerFunc(func(_, _ float64) []plot.Tick {
	var t []plot.Tick
	for _, f := range []float64{0, 0.25, 0.5, 0.75, 1} {
		t = append(t, plot.Tick{Value: f, Label: pct(f)})
	}
	return t
})

// logPercentTicks labels the decades from lo to hi as percentages, with
// minor ticks between.
func logPercentTicks(lo, hi float64) plot.Ticker {
	return plot.TickerFunc(func(_, _ float64) []plot.Tick {
		var ticks []plot.Tick
		for d := lo; d <= hi*1.0001; d *= 10 {
			ticks = append(ticks, plot.Tick{Value: d, Label: percentLabel(d)})
			for k := 2.0; k < 10 && d*k <= hi*1.0001; k++ {
				ticks = append(ticks, plot.Tick{Value: d * k})
			}
		}
		return ticks
	})
}

func drawDetection(rs *results.Set, st *Style) (*Drawing, error) {
	var vafs []float64
	without := 0
	for i := range rs.Alterations {
		a := &rs.Alterations[i]
		if !a.Counted() || a.Category != schema.Shared && a.Category != schema.TissueOnly {
			continue
		}
		if positive(a.TissueVAF) {
			vafs = append(vafs, a.TissueVAF)
		} else {
			without++
		}
	}
	sort.Float64s(vafs)
	lo, hi := 0.01, 1.0
	if len(vafs) > 0 {
		lo = min(decadeBelow(vafs[0]), 0.01)
	}
	bins, sparse := vafBins(rs, lo)
	m := readLogistic(rs, schema.ModelDetectionVAF)
	var notes []string
	if len(bins) > 0 {
		var parts []string
		for _, b := range bins {
			parts = append(parts, fmt.Sprintf("%s %s/%s", b.label, thousands(b.s), thousands(b.st)))
		}
		notes = append(notes, "Bins of strata.tsv (tissue_vaf_bin), S/(S+T): "+strings.Join(parts, ", ")+".")
	}
	if len(sparse) > 0 {
		notes = append(notes, fmt.Sprintf("Not drawn (fewer than %d alterations): %s.", minBin, strings.Join(sparse, ", ")))
	}
	if without > 0 {
		notes = append(notes, fmt.Sprintf("%s tissue alterations without a tissue VAF (copy-number or fusion calls) are in no bin.", thousands(without)))
	}
	var layers []plot.Plotter
	items := []legendItem{{"Share detected in the bin, S/(S+T), with its patient-bootstrap 95%" + nbsp + "CI", withAlpha(SharedColor, 0x40), boxKey}}
	for _, b := range bins {
		if b.wilson {
			items = append(items, legendItem{"Wilson 95%" + nbsp + "CI (no bootstrap interval)", withAlpha(GreyColor, 0x40), boxKey})
			break
		}
	}
	if m.ok && len(vafs) > 0 {
		// the curve over the central 95% of the tissue VAFs: past them it
		// would be an extrapolation from a handful of calls
		cLo, cHi := quantile(vafs, 0.025), quantile(vafs, 0.975)
		line, band := m.curve(cLo, cHi)
		if m.band() {
			layers = append(layers, polygon{band, withAlpha(Vermillion, 0x40)})
		} else {
			notes = append(notes, "No band around the curve: models.tsv does not give the covariance of its estimates.")
		}
		l, err := plotter.NewLine(line)
		if err != nil {
			return nil, fmt.Errorf("the detection_vaf curve: %w", err)
		}
		l.LineStyle = draw.LineStyle{Color: Vermillion, Width: st.pt(1.75)}
		layers = append(layers, l)
		label := "Logistic regression on log10 tissue VAF"
		if m.band() {
			label += " with its 95% band (patient-clustered)"
		}
		items = append(items, legendItem{label, Vermillion, lineKey})
		notes = append(notes, fmt.Sprintf("The curve spans the central 95%% of tissue VAFs (%s to %s).", percentLabel(round2(cLo)), percentLabel(round2(cHi))))
	} else if !m.ok {
		notes = append(notes, "No fitted curve: "+m.why+".")
	}
	test := testLine(rs.Dimension(schema.DimTissueVAFBin), "tissue-VAF bins")
	return &Drawing{Note: strings.Join(notes, " "), Legend: items,
		Height: func(w vg.Length) vg.Length { return statLineHeight(st, test, w) + w*0.62 },
		Draw: func(c draw.Canvas) {
			c = drawStatLine(c, st, test)
			if len(bins) == 0 {
				drawEmpty(c, st, "no tissue alterations in a VAF bin")
				return
			}
			p := newPlot(st)
			p.X.Label.Text = "Tissue VAF (log scale)"
			p.Y.Label.Text = "Detected in plasma, S/(S+T)"
			p.X.Scale = plot.LogScale{}
			p.X.Tick.Marker = logPercentTicks(lo, hi)
			p.Y.Tick.Marker = percentTicks
			p.Add(binBoxes{st, bins, false})
			p.Add(layers...)
			p.Add(binBoxes{st, bins, true})
			p.X.Min, p.X.Max = lo, hi
			p.Y.Min, p.Y.Max = 0, 1
			p.Draw(c)
		}}, nil
}

// round2 rounds a fraction to two significant digits for a note.
func round2(x float64) float64 {
	if x <= 0 {
		return x
	}
	e := math.Pow(10, math.Floor(math.Log10(x))-1)
	return math.Round(x/e) * e
}
