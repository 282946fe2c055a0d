package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
)

// barRow is one 100% stacked bar: shared, tissue-only and plasma-only counts.
type barRow struct {
	label    string
	italic   bool // the label is a gene symbol
	s, t, p  int
	patients int // -1 when not known
	// shareCI is the shared share's Wilson interval (strata.tsv), NaN
	// for a pooled bar
	shareCI results.Interval
}

func (b barRow) total() int { return b.s + b.t + b.p }

func rowsOf(strata []results.Stratum) []barRow {
	var out []barRow
	for _, s := range strata {
		out = append(out, barRow{label: s.Level, s: s.Shared, t: s.TissueOnly, p: s.PlasmaOnly, patients: s.Patients, shareCI: s.SharedShareCI})
	}
	return out
}

// foldRare folds levels with fewer than minAlterations alterations, and
// any beyond maxBars-1 bars, into one "Other cancer types" bar. It returns
// the bars (largest first, the folded bar last) and the folded levels.
func foldRare(rows []barRow, minAlterations, maxBars int) ([]barRow, []string) {
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].total() > rows[j].total() })
	var keep []barRow
	other := barRow{label: "Other cancer types", shareCI: results.Interval{Low: math.NaN(), High: math.NaN()}}
	var folded []string
	for i, r := range rows {
		if r.total() < minAlterations || i >= maxBars-1 && len(rows) > maxBars {
			other.s += r.s
			other.t += r.t
			other.p += r.p
			other.patients += r.patients
			folded = append(folded, r.label)
			continue
		}
		keep = append(keep, r)
	}
	if len(folded) == 1 { // folding one level hides nothing: show it by name
		for _, r := range rows {
			if r.label == folded[0] {
				keep = append(keep, r)
			}
		}
		return keep, nil
	}
	if len(folded) > 1 {
		other.label = fmt.Sprintf("Other cancer types (%d)", len(folded))
		keep = append(keep, other)
	}
	return keep, folded
}

// rareThreshold is the folding rule of the cancer-type figures: fewer than
// 10 alterations, or fewer than 1% of all alterations when that is more.
func rareThreshold(total int) int { return max(10, (total+99)/100) }

// maxCancerBars caps the bars of the cancer-type figure.
const maxCancerBars = 14

// drawStackedBars draws horizontal 100% stacked bars, the first row at the
// top, with percentages in the segments that have room and
// "alterations (patients)" at the right of each bar.
func drawStackedBars(c draw.Canvas, st *Style, rows []barRow, axis string) {
	drawStackedBarsAligned(c, st, rows, axis, 0, 0)
}

// barLabelWidth is the width of the widest bar label, and that of the
// widest count at the right.
func barLabelWidth(st *Style, rows []barRow) (label, counts vg.Length) {
	nts := st.textStyle(tickSize, false)
	for _, r := range rows {
		label = max(label, barLabelStyle(st, r.italic).Width(r.label))
		counts = max(counts, nts.Width(countText(r)))
	}
	return label, counts
}

func countText(r barRow) string {
	s := thousands(r.total())
	if r.patients >= 0 {
		s += " (" + thousands(r.patients) + ")"
	}
	return s
}

// drawStackedBarsAligned is drawStackedBars with a label column at least
// minLabel wide, so bars of panels stacked in one figure line up.
func drawStackedBarsAligned(c draw.Canvas, st *Style, rows []barRow, axis string, minLabel, minCounts vg.Length) {
	if len(rows) == 0 {
		drawEmpty(c, st, "no alterations to show")
		return
	}
	segs := make([]segRow, len(rows))
	for i, r := range rows {
		segs[i] = segRow{label: r.label, italic: r.italic, counts: []int{r.s, r.t, r.p}, right: countText(r)}
		if iv := r.shareCI.Percent(); iv != "." {
			segs[i].detail = []string{", Wilson 95% CI " + iv}
		}
		if r.patients >= 0 {
			segs[i].whole = "; " + plural(r.patients, "patient", "patients")
		}
	}
	colors := make([]color.Color, len(categoryOrder))
	names := make([]string, len(categoryOrder))
	for k, cat := range categoryOrder {
		colors[k], names[k] = CategoryColor(cat), CategoryLabel(cat)
	}
	drawSegmentedBars(c, st, segs, colors, names, axis, "n (patients)", minLabel, minCounts)
}

// segRow is one 100% stacked bar of any number of segments, with the text
// at its right.
type segRow struct {
	label  string
	italic bool
	counts []int
	right  string
	// detail[k], when there is one, follows segment k's numbers in its
	// tooltip; whole follows every segment's
	detail []string
	whole  string
}

// segTip is the tooltip of segment k of r, named name: its count, of the
// bar's u alterations, and its share, as the report's tables write it.
func segTip(r segRow, k int, name string, u int) string {
	s := fmt.Sprintf("%s · %s: %s of %s alterations (%s", r.label, name, thousands(r.counts[k]), thousands(u), results.Percent(float64(r.counts[k])/float64(u)))
	if k < len(r.detail) {
		s += r.detail[k]
	}
	return s + ")" + r.whole
}

// barLabelStyle is the style of the label of a bar: italic for a gene
// symbol (HGNC's convention, kept in every figure).
func barLabelStyle(st *Style, italic bool) text.Style {
	ts := st.textStyle(labelSize, false)
	if italic {
		ts.Font.Style = xfont.StyleItalic
	}
	ts.XAlign, ts.YAlign = draw.XRight, draw.YCenter
	return ts
}

// barPitch is the height of one bar's row.
func barPitch(st *Style) vg.Length { return st.pt(24) }

// barAxisHeight is the height of the axis under the bars: tick labels
// and the axis title.
func barAxisHeight(st *Style) vg.Length {
	return st.textStyle(tickSize, false).Height("0%") + st.textStyle(labelSize, false).Height("Xg") + st.pt(8)
}

// barHeadHeight is the height of the heading over the counts.
func barHeadHeight(st *Style) vg.Length { return st.textStyle(tickSize, false).Height("n") + st.pt(4) }

// barsHeight is the height drawSegmentedBars needs for n bars.
func barsHeight(st *Style, n int) vg.Length {
	return barHeadHeight(st) + vg.Length(max(n, 1))*barPitch(st) + barAxisHeight(st)
}

// drawSegmentedBars draws horizontal 100% stacked bars, the first row at
// the top, segment k in colors[k] (named names[k] in its tooltip), with
// percentages in the segments that have room, right-hand texts under the
// heading head, and a label column at least minLabel wide.
func drawSegmentedBars(c draw.Canvas, st *Style, rows []segRow, colors []color.Color, names []string, axis, head string, minLabel, minCounts vg.Length) {
	tick := st.textStyle(tickSize, false)
	tick.XAlign, tick.YAlign = draw.XCenter, draw.YTop
	nts := st.textStyle(tickSize, false)
	nts.YAlign = draw.YCenter
	// a long label wraps rather than take more than 40% of the width
	maxLab := (c.Max.X - c.Min.X) * 0.4
	labW, nW := min(minLabel, maxLab), minCounts
	lines := make([][]string, len(rows))
	for i, r := range rows {
		ls := barLabelStyle(st, r.italic)
		lines[i] = []string{r.label}
		if ls.Width(r.label) > maxLab {
			lines[i] = wrap(ls, r.label, maxLab)
		}
		for _, l := range lines[i] {
			labW = max(labW, ls.Width(l))
		}
		nW = max(nW, nts.Width(r.right))
	}
	nW = max(nW, nts.Width(head))
	gap := st.pt(6)
	x0 := c.Min.X + labW + gap
	x1 := c.Max.X - nW - gap
	y0 := c.Min.Y + barAxisHeight(st)
	y1 := c.Max.Y - barHeadHeight(st)
	slot := (y1 - y0) / vg.Length(len(rows))
	barH := min(slot*0.72, st.pt(26))
	// gridlines and ticks
	grid := draw.LineStyle{Color: NeutralColor, Width: st.pt(0.5)}
	for _, f := range []float64{0, 0.25, 0.5, 0.75, 1} {
		x := x0 + vg.Length(f)*(x1-x0)
		c.StrokeLine2(grid, x, y0, x, y1)
		c.FillText(tick, vg.Point{X: x, Y: y0 - st.pt(3)}, pct(f))
	}
	axl := st.textStyle(labelSize, false)
	axl.XAlign, axl.YAlign = draw.XCenter, draw.YBottom
	c.FillText(axl, vg.Point{X: centredWithin(c, (x0+x1)/2, axl.Width(axis)), Y: c.Min.Y}, axis)
	nhead := nts
	nhead.YAlign = draw.YBottom
	nhead.Color = GreyColor
	c.FillText(nhead, vg.Point{X: x1 + gap, Y: y1 + st.pt(2)}, head)
	seg := st.textStyle(tickSize, false)
	seg.XAlign, seg.YAlign = draw.XCenter, draw.YCenter
	for i, r := range rows {
		yc := y1 - slot*(vg.Length(i)+0.5)
		ls := barLabelStyle(st, r.italic)
		lh := ls.Height("Xg")
		for k, l := range lines[i] {
			c.FillText(ls, vg.Point{X: x0 - gap, Y: yc + lh*(vg.Length(len(lines[i])-1)/2-vg.Length(k))}, l)
		}
		c.FillText(nts, vg.Point{X: x1 + gap, Y: yc}, r.right)
		u := 0
		for _, n := range r.counts {
			u += n
		}
		if u == 0 {
			continue
		}
		x := x0
		for k, n := range r.counts {
			w := vg.Length(float64(n)/float64(u)) * (x1 - x0)
			col := colors[k]
			if n == 0 {
				continue // no mark (and x stays)
			}
			end := tip(c, func() string { return segTip(r, k, names[k], u) })
			fillRect(c, col, x, yc-barH/2, x+w, yc+barH/2)
			label := pct(float64(n) / float64(u))
			if seg.Width(label)+st.pt(4) < w && seg.Height(label) < barH {
				seg.Color = textColorOn(col)
				c.FillText(seg, vg.Point{X: x + w/2, Y: yc}, label)
			}
			end()
			x += w
		}
	}
}

// centredWithin is the x at which text w wide centred on x stays within
// c (shifted inwards when it would run over an edge).
func centredWithin(c draw.Canvas, x, w vg.Length) vg.Length {
	x = max(x, c.Min.X+w/2)
	return min(x, c.Max.X-w/2)
}

func drawEmpty(c draw.Canvas, st *Style, msg string) {
	ts := st.textStyle(labelSize, false)
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YCenter
	ts.Color = GreyColor
	c.FillText(ts, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}, msg)
}

// splitHeight divides c vertically into panels in proportion to weights,
// top first.
func splitHeight(c draw.Canvas, gap vg.Length, weights ...float64) []draw.Canvas {
	var sum float64
	for _, w := range weights {
		sum += w
	}
	avail := c.Max.Y - c.Min.Y - gap*vg.Length(len(weights)-1)
	out := make([]draw.Canvas, len(weights))
	y := c.Max.Y
	for i, w := range weights {
		h := avail * vg.Length(w/sum)
		out[i] = c
		out[i].Max.Y = y
		out[i].Min.Y = y - h
		y -= h + gap
	}
	return out
}

// panelTitle draws a bold panel heading and returns the canvas below it.
func panelTitle(c draw.Canvas, st *Style, title string) draw.Canvas {
	ts := st.textStyle(labelSize, true)
	ts.YAlign = draw.YTop
	c.FillText(ts, vg.Point{X: c.Min.X, Y: c.Max.Y}, title)
	c.Max.Y -= panelTitleHeight(st)
	return c
}

// panelTitleHeight is the height panelTitle takes.
func panelTitleHeight(st *Style) vg.Length {
	return st.textStyle(labelSize, true).Height("Xg") + st.pt(4)
}

func joinLevels(levels []string) string {
	if len(levels) <= 6 {
		return strings.Join(levels, ", ")
	}
	return strings.Join(levels[:6], ", ") + fmt.Sprintf(" and %d more", len(levels)-6)
}
