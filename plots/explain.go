package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
)

// The reasons of each side in their precedence order (package explain),
// with their legend labels and fixed colours. Colours are Okabe–Ito; "not
// covered" is neutral grey on both sides, as a reason outside the biology.
var (
	tissueReasons = []reasonStyle{
		{schema.ReasonNotCovered, "Not covered in plasma", NeutralColor},
		{schema.ReasonBelowThreshold, "Below threshold", SkyBlue},
		{schema.ReasonSamplingInterval, "Sampling interval", Orange},
		{schema.ReasonSubclonal, "Subclonal", Yellow},
		{schema.ReasonLowPower, "Low power (TF or depth)", Vermillion},
	}
	plasmaReasons = []reasonStyle{
		{schema.ReasonNotCoveredTissue, "Not covered in tissue", NeutralColor},
		{schema.ReasonGermline, "Germline", BluishGreen},
		{schema.ReasonCH, "Clonal haematopoiesis", ReddishPurple},
		{schema.ReasonLowPurity, "Low tissue purity", SkyBlue},
		{schema.ReasonHeterogeneity, "Tumour heterogeneity", Blue},
	}
)

type reasonStyle struct {
	reason, label string
	color         color.Color
}

func reasonLegend(rs []reasonStyle) []legendItem {
	out := make([]legendItem, len(rs))
	for i, r := range rs {
		out[i] = legendItem{r.label, r.color, boxKey}
	}
	return out
}

// reasonBars returns one bar per level of the cancer_type reasons of a
// side, after an "All patients" bar; cancer types with fewer alterations
// than the rare threshold are folded into one bar as figure 1 does.
func reasonBars(rows []results.Reason, side string, styles []reasonStyle) ([]segRow, []string) {
	index := map[string]int{}
	for i, s := range styles {
		index[s.reason] = i
	}
	type level struct {
		name   string
		counts []int
		total  int
	}
	var all *level
	byName := map[string]*level{}
	var order []string
	for _, r := range rows {
		if r.Side != side || (r.Dimension != schema.DimAll && r.Dimension != schema.DimCancerType) {
			continue
		}
		k, ok := index[r.Reason]
		if !ok || r.Alterations < 0 {
			continue
		}
		var l *level
		if r.Dimension == schema.DimAll {
			if all == nil {
				all = &level{name: "All patients", counts: make([]int, len(styles))}
			}
			l = all
		} else {
			if byName[r.Level] == nil {
				byName[r.Level] = &level{name: r.Level, counts: make([]int, len(styles))}
				order = append(order, r.Level)
			}
			l = byName[r.Level]
		}
		l.counts[k] += r.Alterations
		l.total += r.Alterations
	}
	var levels []*level
	total := 0
	for _, name := range order {
		if byName[name].total > 0 {
			levels = append(levels, byName[name])
			total += byName[name].total
		}
	}
	sort.SliceStable(levels, func(i, j int) bool { return levels[i].total > levels[j].total })
	thr := rareThreshold(total)
	var out []segRow
	if all != nil && all.total > 0 {
		out = append(out, segRow{label: all.name, counts: all.counts, right: fmt.Sprint(all.total)})
	}
	other := &level{counts: make([]int, len(styles))}
	var folded []string
	for i, l := range levels {
		if l.total < thr || i >= maxCancerBars-1 && len(levels) > maxCancerBars {
			for k, n := range l.counts {
				other.counts[k] += n
			}
			other.total += l.total
			folded = append(folded, l.name)
			continue
		}
		out = append(out, segRow{label: l.name, counts: l.counts, right: fmt.Sprint(l.total)})
	}
	switch len(folded) {
	case 0:
	case 1: // folding one level hides nothing: show it by name
		for _, l := range levels {
			if l.name == folded[0] {
				out = append(out, segRow{label: l.name, counts: l.counts, right: fmt.Sprint(l.total)})
			}
		}
		folded = nil
	default:
		out = append(out, segRow{label: fmt.Sprintf("Other cancer types (%d)", len(folded)), counts: other.counts, right: fmt.Sprint(other.total)})
	}
	return out, folded
}

func drawReasons(rs *results.Set, st *Style) (*Drawing, error) {
	tb, tf := reasonBars(rs.Reasons, schema.TissueOnly, tissueReasons)
	pb, pf := reasonBars(rs.Reasons, schema.PlasmaOnly, plasmaReasons)
	note := ""
	if len(tf)+len(pf) > 0 {
		note = fmt.Sprintf("Other cancer types pools cancer types with few alterations on that side (fewer than max(10, 1%% of them)): tissue only %d, plasma only %d.", len(tf), len(pf))
	}
	colors := func(rs []reasonStyle) []color.Color {
		out := make([]color.Color, len(rs))
		for i, r := range rs {
			out[i] = r.color
		}
		return out
	}
	n := len(tb) + len(pb)
	return &Drawing{Note: note, Aspect: barsAspect(n) + 0.2, Draw: func(c draw.Canvas) {
		p := splitHeight(c, st.pt(12), float64(len(tb))+5, float64(len(pb))+5)
		lab := st.textStyle(labelSize, false)
		var labW vg.Length
		for _, r := range append(append([]segRow(nil), tb...), pb...) {
			labW = max(labW, lab.Width(st.Label(r.label)))
		}
		for i, panel := range []struct {
			title  string
			rows   []segRow
			styles []reasonStyle
		}{{"Found in tissue only: why not in plasma", tb, tissueReasons}, {"Found in plasma only: why not in tissue", pb, plasmaReasons}} {
			pc := panelTitle(p[i], st, panel.title)
			pc = drawLegend(pc, st, reasonLegend(panel.styles))
			if len(panel.rows) == 0 {
				drawEmpty(pc, st, "no alterations found on this side only")
				continue
			}
			drawSegmentedBars(pc, st, panel.rows, colors(panel.styles), "Share of the side's discordant alterations", "n", labW, 0)
		}
	}}, nil
}

// drawBloodAlone draws the judged groups of blood_alone.tsv in rank order:
// the share of patients with an actionable tissue alteration for whom
// plasma alone found one, with its Wilson interval.
func drawBloodAlone(rs *results.Set, st *Style) (*Drawing, error) {
	cohort := math.NaN()
	var rows []forestRow
	var unjudged []string
	row := func(label string, g results.BloodAloneGroup) forestRow {
		return forestRow{label: label, s: g.FoundAny, st: g.WithActionable, ppa: g.FoundAnyFrac, wilson: g.FoundAnyCI,
			boot: results.Interval{Low: math.NaN(), High: math.NaN()}}
	}
	for _, kind := range []struct{ kind, title string }{
		{schema.KindAll, ""}, {schema.KindStage, "Stage group (all cancer types)"}, {schema.KindCancer, "Cancer type (all stages)"},
		{"cancer_type x stage_group", "Cancer type and stage group"},
	} {
		var group []results.BloodAloneGroup
		for _, g := range rs.BloodAlone {
			if g.Kind != kind.kind || g.WithActionable <= 0 {
				continue
			}
			if !g.Judged {
				if kind.kind == schema.KindCancer {
					unjudged = append(unjudged, fmt.Sprintf("%s (%d)", g.CancerType, g.WithActionable))
				}
				continue
			}
			group = append(group, g)
		}
		sort.SliceStable(group, func(i, j int) bool { return group[i].Rank < group[j].Rank })
		if len(group) == 0 {
			continue
		}
		if kind.kind == schema.KindAll {
			cohort = group[0].FoundAnyFrac
			rows = append(rows, row("All patients", group[0]))
			continue
		}
		rows = append(rows, forestRow{label: kind.title, header: true})
		for _, g := range group {
			label := g.CancerType
			switch kind.kind {
			case schema.KindStage:
				label = "Stage " + g.StageGroup
				if g.StageGroup == schema.StageGroupUnknown {
					label = "Stage unknown"
				}
			case "cancer_type x stage_group":
				label = g.CancerType + ", stage " + g.StageGroup
			}
			rows = append(rows, row(label, g))
		}
	}
	note := ""
	if len(unjudged) > 0 {
		note = "Not judged (too few patients with an actionable alteration; blood_alone.tsv has them): " + joinLevels(unjudged) + "."
	}
	return &Drawing{Note: note, Aspect: 0.25 + 0.042*float64(max(len(rows), 4)), Draw: func(c draw.Canvas) {
		if len(rows) == 0 {
			drawEmpty(c, st, "no group has enough patients with an actionable alteration to judge")
			return
		}
		c = drawLegend(c, st, []legendItem{
			{"Found by plasma alone", SharedColor, boxKey},
			{"Wilson 95% CI", Black, lineKey},
			{"Cohort", GreyColor, dashKey},
		})
		drawIntervalRows(c, st, rows, cohort, "Patients whose actionable alteration plasma alone found", "found/with")
	}}, nil
}
