package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
)

// The reasons of each side in their precedence order (package explain),
// with their legend labels and fixed colours (style.go: none is a
// category colour, and each reason has its own).
var (
	tissueReasons = []reasonStyle{
		{schema.ReasonNotCovered, "Not covered in plasma", NotCoveredColor},
		{schema.ReasonBelowThreshold, "Below threshold", BelowThresholdColor},
		{schema.ReasonSamplingInterval, "Sampling interval", SamplingIntervalColor},
		{schema.ReasonSubclonal, "Subclonal", SubclonalColor},
		{schema.ReasonLowPower, "Low power (TF or depth)", LowPowerColor},
	}
	plasmaReasons = []reasonStyle{
		{schema.ReasonNotCoveredTissue, "Not covered in tissue", NotCoveredColor},
		{schema.ReasonGermline, "Germline", GermlineColor},
		{schema.ReasonCH, "Clonal haematopoiesis", CHColor},
		{schema.ReasonLowPurity, "Low tissue purity", LowPurityColor},
		{schema.ReasonHeterogeneity, "Tumour heterogeneity", HeterogeneityColor},
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
	whole := "; found in " + strings.ToLower(CategoryLabel(side))
	var out []segRow
	if all != nil && all.total > 0 {
		out = append(out, segRow{label: all.name, counts: all.counts, right: thousands(all.total), whole: whole})
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
		out = append(out, segRow{label: l.name, counts: l.counts, right: thousands(l.total), whole: whole})
	}
	switch len(folded) {
	case 0:
	case 1: // folding one level hides nothing: show it by name
		for _, l := range levels {
			if l.name == folded[0] {
				out = append(out, segRow{label: l.name, counts: l.counts, right: thousands(l.total), whole: whole})
			}
		}
		folded = nil
	default:
		out = append(out, segRow{label: fmt.Sprintf("Other cancer types (%d)", len(folded)), counts: other.counts, right: thousands(other.total), whole: whole})
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
	colors := func(rs []reasonStyle) ([]color.Color, []string) {
		out, names := make([]color.Color, len(rs)), make([]string, len(rs))
		for i, r := range rs {
			out[i], names[i] = r.color, r.label
		}
		return out, names
	}
	panels := []struct {
		title  string
		rows   []segRow
		styles []reasonStyle
	}{{"Found in tissue only: why not in plasma", tb, tissueReasons}, {"Found in plasma only: why not in tissue", pb, plasmaReasons}}
	gap := st.pt(12)
	heights := func(w vg.Length) []float64 {
		out := make([]float64, len(panels))
		for i, p := range panels {
			out[i] = float64(panelTitleHeight(st) + legendHeight(st, reasonLegend(p.styles), w) + barsHeight(st, len(p.rows)))
		}
		return out
	}
	return &Drawing{Note: note,
		Height: func(w vg.Length) vg.Length {
			h := heights(w)
			return vg.Length(h[0]+h[1]) + gap
		},
		Draw: func(c draw.Canvas) {
			p := splitHeight(c, gap, heights(c.Max.X-c.Min.X)...)
			// one label column and one count column for both panels, so
			// that their bars line up
			lab := st.textStyle(labelSize, false)
			num := st.textStyle(tickSize, false)
			var labW, numW vg.Length
			for _, r := range append(append([]segRow(nil), tb...), pb...) {
				labW = max(labW, lab.Width(r.label))
				numW = max(numW, num.Width(r.right))
			}
			for i, panel := range panels {
				pc := panelTitle(p[i], st, panel.title)
				pc = drawLegend(pc, st, reasonLegend(panel.styles))
				if len(panel.rows) == 0 {
					drawEmpty(pc, st, "no alterations found on this side only")
					continue
				}
				cols, names := colors(panel.styles)
				drawSegmentedBars(pc, st, panel.rows, cols, names, "Share of the side's discordant alterations", "n", labW, numW)
			}
		}}, nil
}

// staged drops the cancer type x stage rows that repeat their cancer
// type's row: every patient of the type in one stage group (a cancer
// type that is not staged, such as a CNS tumour, has all its patients in
// "unknown"), so that such a type is shown without a stage.
func staged(group []results.BloodAloneGroup, cancer map[string]results.BloodAloneGroup) []results.BloodAloneGroup {
	var out []results.BloodAloneGroup
	for _, g := range group {
		if c, ok := cancer[g.CancerType]; ok && c.Patients == g.Patients {
			continue
		}
		out = append(out, g)
	}
	return out
}

// drawBloodAlone draws the judged groups of blood_alone.tsv in rank order:
// the share of patients with an actionable tissue alteration for whom
// plasma alone found one, with its Wilson interval.
func drawBloodAlone(rs *results.Set, st *Style) (*Drawing, error) {
	cohort := math.NaN()
	var rows []forestRow
	var unjudged []string
	judgedCancer := map[string]results.BloodAloneGroup{} // the cancer-type rows drawn
	row := func(label string, g results.BloodAloneGroup) forestRow {
		// patients are the unit here: each counted once, so the Wilson
		// interval is the right one
		return forestRow{label: label, s: g.FoundAny, st: g.WithActionable, ppa: g.FoundAnyFrac, ci: g.FoundAnyCI}
	}
	for _, kind := range []struct{ kind, title string }{
		{schema.KindAll, ""}, {schema.KindStage, "Stage group (all cancer types)"}, {schema.KindCancer, "Cancer type (all stages)"},
		{schema.KindCell, "Cancer type and stage group"},
	} {
		var group []results.BloodAloneGroup
		for _, g := range rs.BloodAlone {
			if g.Kind != kind.kind || g.WithActionable <= 0 {
				continue
			}
			if !g.Judged {
				if kind.kind == schema.KindCancer {
					unjudged = append(unjudged, fmt.Sprintf("%s (%s)", g.CancerType, thousands(g.WithActionable)))
				}
				continue
			}
			group = append(group, g)
		}
		sort.SliceStable(group, func(i, j int) bool { return group[i].Rank < group[j].Rank })
		if kind.kind == schema.KindStage {
			// stages in clinical order, as in every other figure
			sort.SliceStable(group, func(i, j int) bool {
				return slices.Index(schema.StageGroups, group[i].StageGroup) < slices.Index(schema.StageGroups, group[j].StageGroup)
			})
		}
		if len(group) == 0 {
			continue
		}
		if kind.kind == schema.KindAll {
			cohort = group[0].FoundAnyFrac
			all := row("All patients", group[0])
			all.overall = true
			rows = append(rows, all)
			continue
		}
		if kind.kind == schema.KindCell {
			group = staged(group, judgedCancer)
			if len(group) == 0 {
				continue
			}
		}
		rows = append(rows, forestRow{label: kind.title, header: true})
		for _, g := range group {
			label := g.CancerType
			switch kind.kind {
			case schema.KindStage:
				label = "Stage " + typeset(g.StageGroup)
				if g.StageGroup == schema.StageGroupUnknown {
					label = "Stage unknown"
				}
			case schema.KindCancer:
				judgedCancer[g.CancerType] = g
			case schema.KindCell:
				// "stage IV" never splits over two lines
				label = g.CancerType + ", stage" + nbsp + typeset(g.StageGroup)
				if g.StageGroup == schema.StageGroupUnknown {
					label = g.CancerType + ", stage" + nbsp + "unknown"
				}
			}
			rows = append(rows, row(label, g))
		}
	}
	note := ""
	if len(unjudged) > 0 {
		note = "Not judged (too few patients with an actionable alteration; blood_alone.tsv has them): " + joinLevels(unjudged) + "."
	}
	if len(rows) == 0 {
		return &Drawing{Note: note, Height: func(w vg.Length) vg.Length { return intervalRowsHeight(st, make([]forestRow, 4), w) },
			Draw: func(c draw.Canvas) {
				drawEmpty(c, st, "no group has enough patients with an actionable alteration to judge")
			}}, nil
	}
	return &Drawing{Note: note,
		Legend: []legendItem{
			{"Found by plasma alone (area proportional to patients)", SharedColor, boxKey},
			{"All patients", SharedColor, diamondKey},
			{"Wilson 95%" + nbsp + "CI", Black, lineKey},
			{"Cohort", GreyColor, dashKey},
		},
		Height: func(w vg.Length) vg.Length { return intervalRowsHeight(st, rows, w) },
		Draw: func(c draw.Canvas) {
			drawIntervalRows(c, st, rows, cohort, "Share of patients with an actionable alteration found by plasma alone", "found/with", bloodAloneTip)
		}}, nil
}

// bloodAloneTip is the tooltip of a row of figure 11, as blood_alone.tsv's
// table in the report writes it.
func bloodAloneTip(name string, r forestRow) string {
	return fmt.Sprintf("%s · found by plasma alone: %s of %s patients with an actionable tissue alteration (%s), Wilson 95%% CI %s",
		name, thousands(r.s), thousands(r.st), results.Percent(r.ppa), r.ci.Percent())
}
