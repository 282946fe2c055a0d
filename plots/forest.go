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
// set, else one subgroup's proportion with its interval.
type forestRow struct {
	label  string
	header bool
	note   string // a heading's test, drawn beside it
	s, st  int    // S and S+T (or found and with)
	ppa    float64
	ci     results.Interval // NaN ends when undefined
	wilson bool             // ci is a Wilson interval standing in for the patient bootstrap
	// overall is the whole cohort's row, drawn as a diamond spanning its
	// interval (the meta-analysis convention), not sized with the groups
	overall bool
}

// primary is the interval a row is drawn with: the patient-bootstrap one
// (alterations cluster within patients), or the Wilson one when there is
// no bootstrap interval (--bootstrap 0, or a pooled group), marked so.
// The Wilson one stands in too for a bootstrap interval of no width: the
// percentile interval of a proportion of 0 or 1 (every resample gives the
// same 0/n) is a point, not a statement of certainty.
func primary(boot, wilson results.Interval) (results.Interval, bool) {
	if !math.IsNaN(boot.Low) && !math.IsNaN(boot.High) && (boot.High > boot.Low || !(wilson.High > wilson.Low)) {
		return boot, false
	}
	return wilson, true
}

func forestRows(strata []results.Stratum, rename func(string) string) (rows []forestRow, skipped []string) {
	for _, s := range strata {
		st := s.Shared + s.TissueOnly
		if st == 0 {
			skipped = append(skipped, rename(s.Level))
			continue
		}
		ci, w := primary(s.PPABoot, s.PPACI)
		rows = append(rows, forestRow{label: rename(s.Level), s: s.Shared, st: st, ppa: s.PPA, ci: ci, wilson: w})
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
	for i := range overall {
		overall[i].overall = true
	}
	rows = append(rows, overall...)
	same := func(s string) string { return s }
	groups := []struct {
		dim, title string
		rename     func(string) string
		test       bool // say the test across the levels
	}{
		{schema.DimCancerType, "Cancer type", same, false},
		{schema.DimStage, "Stage", same, true},
		{schema.DimTFTier, "Tumour fraction", func(t string) string { return strings.TrimPrefix(tfName(t), "TF ") }, true},
		{schema.DimClass, "Alteration class", className, false},
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
		head := forestRow{label: g.title, header: true}
		if g.test {
			head.note = shortTest(strata)
		}
		rows = append(rows, head)
		rows = append(rows, gr...)
	}
	if len(skipped) > 0 {
		note += fmt.Sprintf(" Not shown (no tissue alterations, PPA undefined): %s.", joinLevels(skipped))
	}
	cohort := math.NaN()
	if len(overall) == 1 {
		cohort = overall[0].ppa
	}
	legend := []legendItem{
		{"PPA of a subgroup (area proportional to S+T)", SharedColor, boxKey},
		{"All alterations", SharedColor, diamondKey},
		{"Patient-bootstrap 95%" + nbsp + "CI", Black, lineKey},
	}
	if anyWilson(rows) {
		legend = append(legend, legendItem{"Wilson 95%" + nbsp + "CI (no bootstrap interval)", GreyColor, lineKey})
	}
	legend = append(legend, legendItem{"Cohort PPA", GreyColor, dashKey})
	return &Drawing{Note: note, Legend: legend,
		Height: func(w vg.Length) vg.Length { return intervalRowsHeight(st, rows, w) },
		Draw:   func(c draw.Canvas) { drawForestRows(c, st, rows, cohort) }}, nil
}

func anyWilson(rows []forestRow) bool {
	for _, r := range rows {
		if !r.header && r.wilson {
			return true
		}
	}
	return false
}

// shortTest is the p-value of a dimension's test for a forest heading
// (the patient-clustered test when strata.tsv has one).
func shortTest(strata []results.Stratum) string {
	t, ok := primaryTest(strata)
	if !ok {
		return ""
	}
	kind := "test"
	if t.Name == schema.TestTrend || t.Name == schema.TestTrendLogit {
		kind = "trend"
	}
	if t.Name == schema.TestTrendLogit || t.Name == schema.TestRaoScott {
		kind = "clustered " + kind
	}
	return kind + " " + formatP(t.P, t.Name == schema.TestFisherSimulated)
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
			ci: results.Interval{Low: ci.Low, High: ci.High}, wilson: true})
	}
	note := ""
	if len(folded) > 0 {
		note = fmt.Sprintf("Other cancer types pools the %d smallest cancer types as figure 1 does; its Wilson interval is from the pooled counts and it has no bootstrap interval.", len(folded))
	}
	return rows, skipped, note
}

func drawForestRows(c draw.Canvas, st *Style, rows []forestRow, cohort float64) {
	drawIntervalRows(c, st, rows, cohort, "PPA of plasma against tissue, S/(S+T)", "S/(S+T)", forestTip)
}

// forestTip is the tooltip of a forest row: PPA, its counts and the
// interval drawn, as strata.tsv's table in the report writes them.
func forestTip(name string, r forestRow) string {
	ci := "patient-bootstrap 95% CI "
	if r.wilson {
		ci = "Wilson 95% CI "
	}
	return fmt.Sprintf("%s · PPA %s: %s of %s tissue alterations found in plasma, %s%s",
		name, results.Percent(r.ppa), thousands(r.s), thousands(r.st), ci, r.ci.Percent())
}

// intervalRowPitch is the height of one row of an interval plot whose
// label takes one line.
func intervalRowPitch(st *Style) vg.Length { return st.pt(20) }

// intervalLabels wraps the rows' labels for an interval plot width wide
// (a long label wraps rather than take more than 40% of the width) and
// gives each row its height: a wrapped label gets the lines it needs.
func intervalLabels(st *Style, rows []forestRow, width vg.Length) (lines [][]string, pitch []vg.Length) {
	lab := st.textStyle(tickSize, false)
	maxLab := width*0.4 - st.pt(8)
	lh := lab.Height("Xg")
	lines = make([][]string, len(rows))
	pitch = make([]vg.Length, len(rows))
	for i, r := range rows {
		pitch[i] = intervalRowPitch(st)
		if r.header {
			continue
		}
		lines[i] = []string{r.label}
		if lab.Width(r.label) > maxLab {
			lines[i] = wrap(lab, r.label, maxLab)
		}
		pitch[i] = max(pitch[i], lh*vg.Length(len(lines[i]))+st.pt(6))
	}
	return lines, pitch
}

// intervalRowsHeight is the height drawIntervalRows needs for rows at
// width.
func intervalRowsHeight(st *Style, rows []forestRow, width vg.Length) vg.Length {
	num := st.textStyle(tickSize, false)
	axisH := num.Height("0%") + st.textStyle(labelSize, false).Height("Xg") + st.pt(8)
	h := num.Height("n") + st.pt(4) + axisH
	if len(rows) == 0 {
		return h + intervalRowPitch(st)
	}
	_, pitch := intervalLabels(st, rows, width)
	for _, p := range pitch {
		h += p
	}
	return h
}

// drawIntervalRows draws rows of a proportion (a square of area
// proportional to its denominator) on its one interval (the row's
// primary one: black, or grey for a Wilson interval standing in for a
// bootstrap one), the counts s/st at the right under numHead, and a
// dashed line at cohort; tipOf is a row's tooltip, given its name (its
// label after its heading's).
func drawIntervalRows(c draw.Canvas, st *Style, rows []forestRow, cohort float64, axisLabel, numHead string, tipOf func(string, forestRow) string) {
	lab := st.textStyle(tickSize, false)
	lab.YAlign = draw.YCenter
	head := st.textStyle(tickSize, true)
	head.YAlign = draw.YCenter
	headNote := st.textStyle(tickSize, false)
	headNote.YAlign = draw.YCenter
	headNote.Color = GreyColor
	indent := st.pt(8)
	num := st.textStyle(tickSize, false)
	num.YAlign = draw.YCenter
	num.XAlign = draw.XRight
	var labW, numW vg.Length
	nums := make([]string, len(rows))
	lines, pitch := intervalLabels(st, rows, c.Max.X-c.Min.X)
	maxN := 1
	for i, r := range rows {
		if r.header {
			// a heading's test may run over the plot: it sits on an empty row
			labW = max(labW, head.Width(r.label))
			continue
		}
		for _, l := range lines[i] {
			labW = max(labW, indent+lab.Width(l))
		}
		nums[i] = thousands(r.s) + "/" + thousands(r.st)
		numW = max(numW, num.Width(nums[i]))
		if !r.overall {
			maxN = max(maxN, r.st)
		}
	}
	numW = max(numW, num.Width(numHead))
	gap := st.pt(8)
	x0 := c.Min.X + labW + gap
	x1 := c.Max.X - numW - gap
	tick := st.textStyle(tickSize, false)
	tick.XAlign, tick.YAlign = draw.XCenter, draw.YTop
	axl := st.textStyle(labelSize, false)
	axl.XAlign = draw.XCenter
	axisH := tick.Height("0%") + axl.Height("Xg") + st.pt(8)
	headH := num.Height(numHead) + st.pt(4)
	y0 := c.Min.Y + axisH
	y1 := c.Max.Y - headH
	// the rows' centres, top down, and the height of a one-line row, all
	// stretched to the height there is (a figure whose height was set)
	var total vg.Length
	for _, p := range pitch {
		total += p
	}
	stretch := (y1 - y0) / max(total, 1)
	centres := make([]vg.Length, len(rows))
	y := y1
	for i := range rows {
		centres[i] = y - pitch[i]*stretch/2
		y -= pitch[i] * stretch
	}
	slot := intervalRowPitch(st) * stretch
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
	c.FillText(axl, vg.Point{X: centredWithin(c, (x0+x1)/2, axl.Width(axisLabel)), Y: c.Min.Y}, axisLabel)
	nh := num
	nh.Color = GreyColor
	c.FillText(nh, vg.Point{X: c.Max.X, Y: y1 + headH/2}, numHead)
	if !math.IsNaN(cohort) {
		c.StrokeLine2(draw.LineStyle{Color: GreyColor, Width: st.pt(0.75), Dashes: []vg.Length{st.pt(4), st.pt(3)}}, xOf(cohort), y0, xOf(cohort), y1)
	}
	// the largest square nearly fills its row and the smallest stays a
	// visible mark, at any preset
	maxSide := slot * 0.7
	minSide := min(maxSide, st.pt(4.5))
	heading := ""
	for i, r := range rows {
		yc := centres[i]
		if r.header {
			heading = r.label
			c.FillText(head, vg.Point{X: c.Min.X, Y: yc}, r.label)
			if r.note != "" {
				c.FillText(headNote, vg.Point{X: c.Min.X + head.Width(r.label) + st.pt(6), Y: yc}, r.note)
			}
			continue
		}
		lh := lab.Height("Xg")
		for k, l := range lines[i] {
			c.FillText(lab, vg.Point{X: c.Min.X + indent, Y: yc + lh*(vg.Length(len(lines[i])-1)/2-vg.Length(k))}, l)
		}
		c.FillText(num, vg.Point{X: c.Max.X, Y: yc}, nums[i])
		line := draw.LineStyle{Color: Black, Width: st.pt(1.25)}
		if r.wilson {
			line.Color = GreyColor
		}
		end := tip(c, func() string {
			if heading == "" {
				return tipOf(r.label, r)
			}
			return tipOf(heading+": "+r.label, r)
		})
		if iv := r.ci; r.overall && !math.IsNaN(iv.Low) && !math.IsNaN(iv.High) && !math.IsNaN(r.ppa) {
			hh := maxSide / 2
			var d vg.Path
			d.Move(vg.Point{X: xOf(iv.Low), Y: yc})
			d.Line(vg.Point{X: xOf(r.ppa), Y: yc + hh})
			d.Line(vg.Point{X: xOf(iv.High), Y: yc})
			d.Line(vg.Point{X: xOf(r.ppa), Y: yc - hh})
			d.Close()
			c.SetColor(SharedColor)
			c.Fill(d)
			end()
			continue
		}
		if !math.IsNaN(r.ppa) {
			// the area, not the side, in proportion to the denominator
			side := max(minSide, maxSide*vg.Length(math.Sqrt(float64(r.st)/float64(maxN))))
			x := xOf(r.ppa)
			fillRect(c, SharedColor, x-side/2, yc-side/2, x+side/2, yc+side/2)
		}
		// the interval over the square: a narrow one stays visible
		if iv := r.ci; !math.IsNaN(iv.Low) && !math.IsNaN(iv.High) {
			cap := min(slot*0.2, st.pt(3.5))
			c.StrokeLine2(line, xOf(iv.Low), yc, xOf(iv.High), yc)
			c.StrokeLine2(line, xOf(iv.Low), yc-cap, xOf(iv.Low), yc+cap)
			c.StrokeLine2(line, xOf(iv.High), yc-cap, xOf(iv.High), yc+cap)
		}
		end()
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
		for _, v := range []float64{r.ppa, r.ci.Low, r.ci.High} {
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
