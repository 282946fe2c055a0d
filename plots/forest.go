package plots

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// forestRow is one row of the forest plot: a group heading when header is
// set, else one subgroup's PPA with its intervals.
type forestRow struct {
	label  string
	header bool
	s, st  int // S and S+T
	ppa    float64
	wilson results.Interval
	boot   results.Interval // NaN when not available
}

func forestRows(strata []results.Stratum, rename func(string) string) (rows []forestRow, skipped []string) {
	for _, s := range strata {
		st := s.Shared + s.TissueOnly
		if st == 0 {
			skipped = append(skipped, rename(s.Level))
			continue
		}
		rows = append(rows, forestRow{label: rename(s.Level), s: s.Shared, st: st, ppa: s.PPA, wilson: s.PPACI, boot: s.PPABoot})
	}
	return rows, skipped
}

func drawForest(rs *results.Set, st *Style) (*Drawing, error) {
	all := rs.Dimension(schema.DimAll)
	if len(all) != 1 {
		return nil, fmt.Errorf("strata.tsv has %d rows of dimension \"all\", want 1", len(all))
	}
	var rows []forestRow
	var skipped []string
	overall, _ := forestRows(all, func(string) string { return "All alterations" })
	rows = append(rows, overall...)
	same := func(s string) string { return s }
	groups := []struct {
		dim, title string
		rename     func(string) string
	}{
		{schema.DimCancerType, "Cancer type", same},
		{schema.DimStage, "Stage", same},
		{schema.DimTFTier, "Tumour fraction", func(t string) string { return strings.TrimPrefix(tfName(t), "TF ") }},
		{schema.DimClass, "Alteration class", className},
	}
	note := ""
	for _, g := range groups {
		strata := rs.Dimension(g.dim)
		if len(strata) == 0 {
			continue
		}
		var gr []forestRow
		var sk []string
		if g.dim == schema.DimCancerType {
			gr, sk, note = foldedCancerRows(strata)
		} else {
			gr, sk = forestRows(strata, g.rename)
		}
		skipped = append(skipped, sk...)
		if len(gr) == 0 {
			continue
		}
		rows = append(rows, forestRow{label: g.title, header: true})
		rows = append(rows, gr...)
	}
	if len(skipped) > 0 {
		note += fmt.Sprintf(" Not shown (no tissue alterations, PPA undefined): %s.", joinLevels(skipped))
	}
	cohort := math.NaN()
	if len(overall) == 1 {
		cohort = overall[0].ppa
	}
	return &Drawing{Note: note, Aspect: 0.25 + 0.042*float64(len(rows)), Draw: func(c draw.Canvas) {
		c = drawLegend(c, st, []legendItem{
			{"PPA", SharedColor, boxKey},
			{"Wilson 95% CI", Black, lineKey},
			{"Patient bootstrap 95% CI", Vermillion, lineKey},
			{"Cohort PPA", GreyColor, dashKey},
		})
		drawForestRows(c, st, rows, cohort)
	}}, nil
}

// foldedCancerRows folds rare cancer types as figure 1 does; the folded
// group has a Wilson interval from its pooled counts and no bootstrap
// interval (the bootstrap was run per cancer type).
func foldedCancerRows(strata []results.Stratum) ([]forestRow, []string, string) {
	bars := rowsOf(strata)
	total := 0
	for _, b := range bars {
		total += b.total()
	}
	thr := rareThreshold(total)
	kept, folded := foldRare(bars, thr, maxCancerBars)
	byLevel := map[string]results.Stratum{}
	for _, s := range strata {
		byLevel[s.Level] = s
	}
	var rows []forestRow
	var skipped []string
	for _, b := range kept {
		s, ok := byLevel[b.label]
		if ok {
			r, sk := forestRows([]results.Stratum{s}, func(l string) string { return l })
			rows = append(rows, r...)
			skipped = append(skipped, sk...)
			continue
		}
		// the folded group
		n := b.s + b.t
		if n == 0 {
			skipped = append(skipped, b.label)
			continue
		}
		ci := stats.Wilson(b.s, n, 0.95)
		rows = append(rows, forestRow{label: b.label, s: b.s, st: n, ppa: float64(b.s) / float64(n),
			wilson: results.Interval{Low: ci.Low, High: ci.High}, boot: results.Interval{Low: math.NaN(), High: math.NaN()}})
	}
	note := ""
	if len(folded) > 0 {
		note = fmt.Sprintf("Other cancer types pools the %d smallest cancer types as figure 1 does; its Wilson interval is from the pooled counts and it has no bootstrap interval.", len(folded))
	}
	return rows, skipped, note
}

func drawForestRows(c draw.Canvas, st *Style, rows []forestRow, cohort float64) {
	drawIntervalRows(c, st, rows, cohort, "PPA of plasma against tissue, S/(S+T)", "S/(S+T)")
}

// drawIntervalRows draws rows of a proportion (a box) with its Wilson
// interval (thick) and bootstrap interval (thin, when known), the counts
// s/st at the right under numHead, and a dashed line at cohort.
func drawIntervalRows(c draw.Canvas, st *Style, rows []forestRow, cohort float64, axisLabel, numHead string) {
	lab := st.textStyle(tickSize, false)
	lab.YAlign = draw.YCenter
	head := st.textStyle(tickSize, true)
	head.YAlign = draw.YCenter
	indent := st.pt(8)
	num := st.textStyle(tickSize, false)
	num.YAlign = draw.YCenter
	num.XAlign = draw.XRight
	var labW, numW vg.Length
	nums := make([]string, len(rows))
	for i, r := range rows {
		if r.header {
			labW = max(labW, head.Width(st.Label(r.label)))
			continue
		}
		labW = max(labW, indent+lab.Width(st.Label(r.label)))
		nums[i] = fmt.Sprintf("%d/%d", r.s, r.st)
		numW = max(numW, num.Width(nums[i]))
	}
	numW = max(numW, num.Width(numHead))
	gap := st.pt(8)
	x0 := c.Min.X + labW + gap
	x1 := c.Max.X - numW - gap
	tick := st.textStyle(tickSize, false)
	tick.XAlign, tick.YAlign = draw.XCenter, draw.YTop
	axl := st.textStyle(labelSize, false)
	axl.XAlign = draw.XCenter
	axisH := tick.Height("0%") + axl.Height(axisLabel) + st.pt(8)
	headH := num.Height(numHead) + st.pt(4)
	y0 := c.Min.Y + axisH
	y1 := c.Max.Y - headH
	slot := (y1 - y0) / vg.Length(len(rows))
	lo, hi, step := forestRange(rows)
	xOf := func(p float64) vg.Length { return x0 + vg.Length((p-lo)/(hi-lo))*(x1-x0) }
	grid := draw.LineStyle{Color: NeutralColor, Width: st.pt(0.5)}
	for k := 0; ; k++ {
		f := lo + float64(k)*step
		if f > hi+1e-9 {
			break
		}
		c.StrokeLine2(grid, xOf(f), y0, xOf(f), y1)
		c.FillText(tick, vg.Point{X: xOf(f), Y: y0 - st.pt(3)}, pct(f))
	}
	c.FillText(axl, vg.Point{X: (x0 + x1) / 2, Y: c.Min.Y}, st.Label(axisLabel))
	nh := num
	nh.Color = GreyColor
	c.FillText(nh, vg.Point{X: c.Max.X, Y: y1 + headH/2}, numHead)
	if !math.IsNaN(cohort) {
		c.StrokeLine2(draw.LineStyle{Color: GreyColor, Width: st.pt(0.75), Dashes: []vg.Length{st.pt(4), st.pt(3)}}, xOf(cohort), y0, xOf(cohort), y1)
	}
	thick := draw.LineStyle{Color: Black, Width: st.pt(2)}
	thin := draw.LineStyle{Color: Vermillion, Width: st.pt(1)}
	box := min(slot*0.45, st.pt(5.5))
	for i, r := range rows {
		yc := y1 - slot*(vg.Length(i)+0.5)
		if r.header {
			c.FillText(head, vg.Point{X: c.Min.X, Y: yc}, st.Label(r.label))
			continue
		}
		c.FillText(lab, vg.Point{X: c.Min.X + indent, Y: yc}, st.Label(r.label))
		c.FillText(num, vg.Point{X: c.Max.X, Y: yc}, nums[i])
		off := min(slot*0.18, st.pt(3))
		if iv := r.wilson; !math.IsNaN(iv.Low) && !math.IsNaN(iv.High) {
			c.StrokeLine2(thick, xOf(iv.Low), yc+off, xOf(iv.High), yc+off)
		}
		if iv := r.boot; !math.IsNaN(iv.Low) && !math.IsNaN(iv.High) {
			c.StrokeLine2(thin, xOf(iv.Low), yc-off, xOf(iv.High), yc-off)
			cap := off * 0.8
			c.StrokeLine2(thin, xOf(iv.Low), yc-off-cap, xOf(iv.Low), yc-off+cap)
			c.StrokeLine2(thin, xOf(iv.High), yc-off-cap, xOf(iv.High), yc-off+cap)
		}
		if !math.IsNaN(r.ppa) {
			x := xOf(r.ppa)
			fillRect(c, SharedColor, x-box/2, yc-box/2, x+box/2, yc+box/2)
		}
	}
}

// forestRange is the x range of the forest: the intervals and estimates
// with a margin, on round steps (10%, or 5% when narrow), within 0-100%,
// so narrow intervals of a large cohort are not lost in a 0-100% axis.
func forestRange(rows []forestRow) (lo, hi, step float64) {
	lo, hi = 1.0, 0.0
	for _, r := range rows {
		if r.header {
			continue
		}
		for _, v := range []float64{r.ppa, r.wilson.Low, r.wilson.High, r.boot.Low, r.boot.High} {
			if !math.IsNaN(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if lo > hi {
		return 0, 1, 0.25
	}
	step = 0.1
	if hi-lo < 0.25 {
		step = 0.05
	}
	lo = max(0, math.Floor((lo-step/2)/step)*step)
	hi = min(1, math.Ceil((hi+step/2)/step)*step)
	if hi-lo > 0.6 {
		lo, hi, step = 0, 1, 0.25 // wide: the whole scale, quartered
	}
	return lo, hi, step
}
