package plots

import (
	"fmt"
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

// tfBin is one bin of patients by tumour fraction, with their tissue
// alterations pooled.
type tfBin struct {
	tf          float64 // median tumour fraction of the bin's patients (x)
	patients    int
	detected, n int // shared, shared + tissue only
	low, high   float64
}

func (b *tfBin) add(p *results.Patient) {
	b.patients++
	b.detected += p.Shared
	b.n += p.Shared + p.TissueOnly
}

func (b *tfBin) close() {
	ci := stats.Wilson(b.detected, b.n, 0.95)
	b.low, b.high = ci.Low, ci.High
}

// tip is the tooltip of a bin's point, named name.
func (b *tfBin) tip(name string) string {
	return fmt.Sprintf("%s · %s: %s of %s tissue alterations detected in plasma (%s), Wilson 95%% CI %s", name, plural(b.patients, "patient", "patients"),
		thousands(b.detected), thousands(b.n), results.Percent(float64(b.detected)/float64(b.n)), results.Interval{Low: b.low, High: b.high}.Percent())
}

// tfBins splits the patients with a tumour fraction and a tissue
// alteration into bins of equal numbers of patients by tumour fraction
// (about 8, at least 10 patients each), and pools the patients whose
// plasma had no ctDNA detected (the tf_tier of that name) into one more.
// The bins are of patients, as patients.tsv gives them, so that the
// figure can be rebuilt from that table alone.
func tfBins(patients []results.Patient) (bins []tfBin, none tfBin) {
	var ps []*results.Patient
	for i := range patients {
		p := &patients[i]
		if p.Shared+p.TissueOnly == 0 {
			continue
		}
		switch {
		case p.TFTier == schema.LevelNoCtDNA:
			none.add(p)
		case !math.IsNaN(p.TumorFraction):
			ps = append(ps, p)
		}
	}
	none.close()
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].TumorFraction < ps[j].TumorFraction })
	k := min(8, len(ps)/10)
	if k < 1 && len(ps) > 0 {
		k = 1
	}
	for b := range k {
		part := ps[b*len(ps)/k : (b+1)*len(ps)/k]
		var bin tfBin
		for _, p := range part {
			bin.add(p)
		}
		m := len(part) / 2
		bin.tf = part[m].TumorFraction
		if len(part)%2 == 0 {
			bin.tf = math.Sqrt(part[m-1].TumorFraction * part[m].TumorFraction) // the axis is log
		}
		bin.close()
		bins = append(bins, bin)
	}
	return bins, none
}

// drawDetectionTF draws detection of tissue alterations in plasma against
// the patient's tumour fraction (issue 13 §1): bins of patients, and the
// patients with no ctDNA detected in the strip at the left, a level of
// their own rather than a tumour fraction of zero.
func drawDetectionTF(rs *results.Set, st *Style) (*Drawing, error) {
	bins, none := tfBins(rs.Patients)
	var notes []string
	if len(bins) > 0 {
		lo, hi, alts, pats := bins[0].patients, bins[0].patients, 0, 0
		for _, b := range bins {
			lo, hi, alts, pats = min(lo, b.patients), max(hi, b.patients), alts+b.n, pats+b.patients
		}
		size := fmt.Sprint(lo)
		if hi != lo {
			size = thousands(lo) + "–" + thousands(hi)
		}
		notes = append(notes, fmt.Sprintf("%s tissue alterations of %s patients with a tumour fraction, in %d bins of %s patients each.", thousands(alts), thousands(pats), len(bins), size))
	}
	if none.patients > 0 {
		notes = append(notes, fmt.Sprintf("No ctDNA detected: %s patients with a tissue alteration, no tumour fraction and no somatic call in plasma (%s of %s tissue alterations detected).",
			thousands(none.patients), thousands(none.detected), thousands(none.n)))
	}
	// The axis spans the decades of the bins' tumour fractions, with the
	// tier boundaries 1% and 10% inside it.
	lo, hi := 0.01, 1.0
	for _, b := range bins {
		if positive(b.tf) {
			lo = min(lo, decadeBelow(b.tf))
		}
	}
	var pts plotter.XYs
	var errs plotter.YErrors
	for _, b := range bins {
		y := float64(b.detected) / float64(b.n)
		x := b.tf
		if !positive(x) {
			x = lo
		}
		pts = append(pts, plotter.XY{X: x, Y: y})
		errs = append(errs, struct{ Low, High float64 }{y - b.low, b.high - y})
	}
	if none.n > 0 {
		y := float64(none.detected) / float64(none.n)
		pts = append(pts, plotter.XY{X: -0.5, Y: y})
		errs = append(errs, struct{ Low, High float64 }{y - none.low, none.high - y})
	}
	items := []legendItem{{"Share detected (Wilson 95%" + nbsp + "CI; alterations as independent)", SharedColor, dotKey}, {"Tier boundaries 1%, 10%", GreyColor, dashKey}}
	return &Drawing{Note: strings.Join(notes, " "), Legend: items, Draw: func(c draw.Canvas) {
		if len(pts) == 0 {
			drawEmpty(c, st, "no patients with a tissue alteration and a tumour fraction")
			return
		}
		p := newPlot(st)
		p.X.Label.Text = "Plasma tumour fraction (log scale)"
		p.Y.Label.Text = "Tissue alterations detected in plasma, S/(S+T)"
		scale := zeroLogScale{lo, hi}
		p.X.Scale = scale
		p.X.Tick.Marker = scale.ticker("No ctDNA\ndetected")
		p.Y.Tick.Marker = plot.TickerFunc(func(_, _ float64) []plot.Tick {
			var t []plot.Tick
			for _, f := range []float64{0, 0.25, 0.5, 0.75, 1} {
				t = append(t, plot.Tick{Value: f, Label: pct(f)})
			}
			return t
		})
		p.Add(stripShade{x: true})
		dash := draw.LineStyle{Color: GreyColor, Width: st.pt(0.75), Dashes: []vg.Length{st.pt(4), st.pt(3)}}
		for _, x := range []float64{0.01, 0.1} {
			l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: 1}})
			if err == nil {
				l.LineStyle = dash
				p.Add(l)
			}
		}
		points, err := plotter.NewScatter(pts)
		if err != nil {
			drawEmpty(c, st, err.Error())
			return
		}
		points.GlyphStyle = draw.GlyphStyle{Color: SharedColor, Radius: st.pt(3.2), Shape: draw.CircleGlyph{}}
		eb := &plotter.YErrorBars{XYs: pts, YErrors: errs, LineStyle: draw.LineStyle{Color: SharedColor, Width: st.pt(1.25)}, CapWidth: st.pt(6)}
		p.Add(eb, tippedScatter{points, func(i int) string {
			if i == len(bins) {
				return none.tip("No ctDNA detected")
			}
			return bins[i].tip(fmt.Sprintf("Tumour fraction bin (median %.2f%%)", 100*bins[i].tf))
		}})
		p.X.Min, p.X.Max = -1, hi
		p.Y.Min, p.Y.Max = -0.02, 1.02
		p.Draw(c)
	}}, nil
}
