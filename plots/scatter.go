package plots

import (
	"fmt"
	"hash/fnv"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
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

func drawVAFScatter(rs *results.Set, st *Style) (*Drawing, error) {
	series := map[string]plotter.XYs{}
	var ch plotter.XYs
	minVAF := 1.0
	noVAF, inStripT, inStripP := 0, 0, 0
	for i := range rs.Alterations {
		a := &rs.Alterations[i]
		if !a.Counted() {
			continue
		}
		tv, pv := a.TissueVAF, a.PlasmaVAF
		if !positive(tv) && !positive(pv) {
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
		if a.Category == schema.PlasmaOnly && (a.HasFlag(schema.FlagCHCandidate) || a.HasFlag(schema.FlagCHCaller) || a.HasFlag(schema.FlagCHEvidence)) {
			ch = append(ch, plotter.XY{X: tv, Y: pv})
			continue
		}
		series[a.Category] = append(series[a.Category], plotter.XY{X: tv, Y: pv})
	}
	scale := zeroLogScale{lo: decadeBelow(minVAF), hi: 1}
	note := fmt.Sprintf("%d alterations in the bottom strip (not detected or no VAF in plasma), %d in the left strip (not detected or no VAF in tissue).", inStripP, inStripT)
	if noVAF > 0 {
		note += fmt.Sprintf(" %d alterations without a VAF on either side (e.g. copy-number or fusion calls) are not drawn.", noVAF)
	}
	legend := []legendItem{
		{CategoryLabel(schema.Shared), SharedColor, dotKey},
		{CategoryLabel(schema.TissueOnly), TissueOnlyColor, dotKey},
		{CategoryLabel(schema.PlasmaOnly), PlasmaOnlyColor, dotKey},
	}
	if len(ch) > 0 {
		legend = append(legend, legendItem{"Plasma only, CH candidate", PlasmaOnlyColor, triangleKey})
	}
	legend = append(legend, legendItem{"Equal VAF", GreyColor, dashKey})
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
	diag, err := plotter.NewLine(plotter.XYs{{X: scale.lo, Y: scale.lo}, {X: scale.hi, Y: scale.hi}})
	if err != nil {
		return nil, fmt.Errorf("the equal-VAF line: %w", err)
	}
	diag.LineStyle = draw.LineStyle{Color: GreyColor, Width: st.pt(0.75), Dashes: []vg.Length{st.pt(4), st.pt(3)}}
	var layers []plot.Plotter
	for _, cat := range []string{schema.TissueOnly, schema.PlasmaOnly, schema.Shared} {
		if len(series[cat]) == 0 {
			continue
		}
		s, err := plotter.NewScatter(series[cat])
		if err != nil {
			return nil, fmt.Errorf("the %s points: %w", cat, err)
		}
		s.GlyphStyle = draw.GlyphStyle{Color: withAlpha(CategoryColor(cat).(color.NRGBA), alpha), Radius: r, Shape: draw.CircleGlyph{}}
		layers = append(layers, s)
	}
	if len(ch) > 0 {
		s, err := plotter.NewScatter(ch)
		if err != nil {
			return nil, fmt.Errorf("the CH candidates: %w", err)
		}
		s.GlyphStyle = draw.GlyphStyle{Color: PlasmaOnlyColor, Radius: r * 1.3, Shape: draw.TriangleGlyph{}}
		layers = append(layers, s)
	}
	return &Drawing{Note: note, Draw: func(c draw.Canvas) {
		c = drawLegend(c, st, legend)
		p := newPlot(st)
		p.X.Label.Text = st.Label("Tissue VAF")
		p.Y.Label.Text = st.Label("Plasma VAF")
		p.X.Scale, p.Y.Scale = scale, scale
		p.X.Tick.Marker = scale.ticker("not\ndetected")
		p.Y.Tick.Marker = scale.ticker("not detected")
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -1, scale.hi, -1, scale.hi
		p.Add(stripShade{x: true, y: true})
		p.Add(diag)
		p.Add(layers...)
		// square data area: the same scale on both axes reads as equal VAF
		side := min(c.Max.X-c.Min.X, c.Max.Y-c.Min.Y)
		cx := (c.Min.X + c.Max.X) / 2
		c.Min.X, c.Max.X = cx-side/2, cx+side/2
		p.Draw(c)
	}}, nil
}
