package plots

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// vafBin is one bin of tissue alterations by tissue VAF.
type vafBin struct {
	median    float64 // median tissue VAF
	detected  int     // shared
	n         int     // shared + tissue only
	low, high float64 // Wilson 95%
}

// detectionBins splits tissue alterations (shared or tissue-only, with a
// tissue VAF) into k bins of equal size by tissue VAF.
func detectionBins(alts []results.Alteration) (bins []vafBin, withoutVAF int) {
	type obs struct {
		vaf      float64
		detected bool
	}
	var xs []obs
	for i := range alts {
		a := &alts[i]
		if !a.Counted() || (a.Category != schema.Shared && a.Category != schema.TissueOnly) {
			continue
		}
		if !positive(a.TissueVAF) {
			withoutVAF++
			continue
		}
		xs = append(xs, obs{a.TissueVAF, a.Category == schema.Shared})
	}
	sort.SliceStable(xs, func(i, j int) bool { return xs[i].vaf < xs[j].vaf })
	// about 8 bins, at least 10 alterations each
	k := min(8, len(xs)/10)
	if k < 1 && len(xs) > 0 {
		k = 1
	}
	for b := 0; b < k; b++ {
		lo, hi := b*len(xs)/k, (b+1)*len(xs)/k
		part := xs[lo:hi]
		bin := vafBin{n: len(part)}
		for _, o := range part {
			if o.detected {
				bin.detected++
			}
		}
		m := len(part) / 2
		if len(part)%2 == 1 {
			bin.median = part[m].vaf
		} else {
			bin.median = math.Sqrt(part[m-1].vaf * part[m].vaf) // geometric: the axis is log
		}
		ci := stats.Wilson(bin.detected, bin.n, 0.95)
		bin.low, bin.high = ci.Low, ci.High
		bins = append(bins, bin)
	}
	return bins, withoutVAF
}

// detectionCurve reads the detection_vaf model: intercept and slope on
// log10 tissue VAF. ok is false, with the reason, when it is absent or not
// estimable.
func detectionCurve(rs *results.Set) (b0, b1 float64, ok bool, why string) {
	if !rs.Has(schema.ModelsFile) {
		return 0, 0, false, "models.tsv is absent"
	}
	terms := rs.Model(schema.ModelDetectionVAF)
	if len(terms) == 0 {
		return 0, 0, false, "models.tsv has no detection_vaf model"
	}
	var haveB0, haveB1 bool
	var notes []string
	for _, t := range terms {
		if t.Note != "" {
			notes = append(notes, t.Note)
		}
		switch {
		case strings.EqualFold(t.Term, schema.TermIntercept) || strings.EqualFold(t.Term, "intercept"):
			b0, haveB0 = t.Estimate, !math.IsNaN(t.Estimate)
		default:
			b1, haveB1 = t.Estimate, !math.IsNaN(t.Estimate)
		}
	}
	if !haveB0 || !haveB1 {
		why = "the detection_vaf model was not estimable"
		if len(notes) > 0 {
			why += " (" + notes[0] + ")"
		}
		return 0, 0, false, why
	}
	return b0, b1, true, ""
}

func drawDetection(rs *results.Set, st *Style) (*Drawing, error) {
	bins, without := detectionBins(rs.Alterations)
	b0, b1, haveCurve, why := detectionCurve(rs)
	var notes []string
	total := 0
	for _, b := range bins {
		total += b.n
	}
	if len(bins) > 0 {
		// bins are equal by construction, so one line says every n
		lo, hi := bins[0].n, bins[0].n
		for _, b := range bins {
			lo, hi = min(lo, b.n), max(hi, b.n)
		}
		size := fmt.Sprint(lo)
		if hi != lo {
			size = fmt.Sprintf("%d-%d", lo, hi)
		}
		notes = append(notes, fmt.Sprintf("%d tissue alterations in %d bins of %s alterations each.", total, len(bins), size))
	}
	if without > 0 {
		notes = append(notes, fmt.Sprintf("%d tissue alterations without a tissue VAF (e.g. copy-number or fusion calls) are not binned.", without))
	}
	if !haveCurve {
		notes = append(notes, "No fitted curve: "+why+".")
	}
	// the axis spans the decades of the tissue VAFs; the curve only the
	// VAFs observed, not an extrapolation beyond them
	lo, hi := 1.0, 1.0
	seenLo, seenHi := 1.0, 0.0
	for i := range rs.Alterations {
		a := &rs.Alterations[i]
		if v := a.TissueVAF; positive(v) && a.Counted() && (a.Category == schema.Shared || a.Category == schema.TissueOnly) {
			seenLo, seenHi = min(seenLo, v), max(seenHi, v)
		}
	}
	if seenHi > 0 {
		lo = decadeBelow(seenLo)
	}
	items := []legendItem{{"Binned share detected (Wilson 95% CI)", SharedColor, dotKey}}
	var curve *plotter.Line
	if haveCurve {
		items = append(items, legendItem{"Logistic fit (detection_vaf)", Vermillion, lineKey})
		var xy plotter.XYs
		for i := 0; i <= 200; i++ {
			lv := math.Log10(seenLo) + (math.Log10(seenHi)-math.Log10(seenLo))*float64(i)/200
			xy = append(xy, plotter.XY{X: math.Pow(10, lv), Y: 1 / (1 + math.Exp(-(b0 + b1*lv)))})
		}
		var err error
		if curve, err = plotter.NewLine(xy); err != nil {
			return nil, fmt.Errorf("the detection_vaf curve: %w", err)
		}
		curve.LineStyle = draw.LineStyle{Color: Vermillion, Width: st.pt(1.75)}
	}
	var pts plotter.XYs
	var errs plotter.YErrors
	for _, b := range bins {
		y := float64(b.detected) / float64(b.n)
		pts = append(pts, plotter.XY{X: b.median, Y: y})
		errs = append(errs, struct{ Low, High float64 }{y - b.low, b.high - y})
	}
	var points *plotter.Scatter
	if len(bins) > 0 {
		var err error
		if points, err = plotter.NewScatter(pts); err != nil {
			return nil, fmt.Errorf("the detection bins: %w", err)
		}
		points.GlyphStyle = draw.GlyphStyle{Color: SharedColor, Radius: st.pt(3.2), Shape: draw.CircleGlyph{}}
	}
	return &Drawing{Note: strings.Join(notes, " "), Draw: func(c draw.Canvas) {
		c = drawLegend(c, st, items)
		if len(bins) == 0 {
			drawEmpty(c, st, "no tissue alterations with a VAF")
			return
		}
		p := newPlot(st)
		p.X.Label.Text = st.Label("Tissue VAF (log scale)")
		p.Y.Label.Text = st.Label("Detected in plasma, S/(S+T)")
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick {
			var ticks []plot.Tick
			for d := lo; d <= hi*1.0001; d *= 10 {
				ticks = append(ticks, plot.Tick{Value: d, Label: percentLabel(d)})
				for k := 2.0; k < 10 && d*k <= hi*1.0001; k++ {
					ticks = append(ticks, plot.Tick{Value: d * k})
				}
			}
			return ticks
		})
		p.Y.Tick.Marker = plot.TickerFunc(func(_, _ float64) []plot.Tick {
			var t []plot.Tick
			for _, f := range []float64{0, 0.25, 0.5, 0.75, 1} {
				t = append(t, plot.Tick{Value: f, Label: pct(f)})
			}
			return t
		})
		if curve != nil {
			p.Add(curve)
		}
		eb := &plotter.YErrorBars{XYs: pts, YErrors: errs, LineStyle: draw.LineStyle{Color: SharedColor, Width: st.pt(1.25)}, CapWidth: st.pt(6)}
		p.Add(eb, points)
		p.X.Min, p.X.Max = lo, hi
		p.Y.Min, p.Y.Max = -0.08, 1.02
		p.Draw(c)
	}}, nil
}
