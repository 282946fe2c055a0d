package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
)

// The figure of patients by the categories of their alterations is an
// UpSet plot (Lex et al. 2014, "UpSet: visualization of intersecting
// sets", IEEE TVCG 20:1983-1992) of three sets of patients: those with a
// shared alteration, those with a tissue-only one and those with a
// plasma-only one. Figures 1-3 count alterations; this counts patients,
// and says for how many the plasma found all the tissue found (shared,
// no tissue-only), some of it, or none.

// intersection is one bar: the patients in exactly the sets of member.
type intersection struct {
	member [3]bool // shared, tissue only, plasma only
	n      int
}

// patientSets counts the patients in each intersection of the three
// category sets, the set sizes, and the patients in none.
func patientSets(patients []results.Patient) (bars []intersection, sizes [3]int, none int) {
	count := map[[3]bool]int{}
	for _, p := range patients {
		m := [3]bool{p.Shared > 0, p.TissueOnly > 0, p.PlasmaOnly > 0}
		if m == [3]bool{} {
			none++
			continue
		}
		count[m]++
		for k := range m {
			if m[k] {
				sizes[k]++
			}
		}
	}
	for m, n := range count {
		bars = append(bars, intersection{m, n})
	}
	// largest first; ties in a fixed order (fewer sets, then by sets)
	sort.Slice(bars, func(i, j int) bool {
		if bars[i].n != bars[j].n {
			return bars[i].n > bars[j].n
		}
		return setKey(bars[i].member) < setKey(bars[j].member)
	})
	return bars, sizes, none
}

func setKey(m [3]bool) int {
	k, n := 0, 0
	for i, b := range m {
		if b {
			n++
			k |= 1 << (2 - i)
		}
	}
	return n<<3 | (7 - k)
}

func drawUpSet(rs *results.Set, st *Style) (*Drawing, error) {
	bars, sizes, none := patientSets(rs.Patients)
	total := len(rs.Patients)
	note := fmt.Sprintf("%s patients; %s with no alteration counted (in no set) are not drawn.", thousands(total), thousands(none))
	return &Drawing{Note: note, Legend: categoryLegend(),
		Height: func(w vg.Length) vg.Length { return w * 0.5 },
		Draw: func(c draw.Canvas) {
			if len(bars) == 0 {
				drawEmpty(c, st, "no patient with an alteration")
				return
			}
			drawUpSetGrid(c, st, bars, sizes, total)
		}}, nil
}

func drawUpSetGrid(c draw.Canvas, st *Style, bars []intersection, sizes [3]int, total int) {
	lab := st.textStyle(tickSize, false)
	lab.XAlign, lab.YAlign = draw.XRight, draw.YCenter
	rowLabels := []string{"Shared", "Tissue only", "Plasma only"}
	var labW vg.Length
	for _, l := range rowLabels {
		labW = max(labW, lab.Width(l))
	}
	count := st.textStyle(noteSize, false)
	count.XAlign, count.YAlign = draw.XRight, draw.YCenter
	setW := (c.Max.X - c.Min.X) * 0.14
	gap := st.pt(6)
	sizeNumW := count.Width(thousands(max(sizes[0], sizes[1], sizes[2])))
	xm := c.Min.X + sizeNumW + st.pt(2) + setW + gap + labW + gap // the matrix and the bars start here
	tick := st.textStyle(tickSize, false)
	tick.XAlign, tick.YAlign = draw.XRight, draw.YCenter
	maxCount := bars[0].n
	ticks := plot.DefaultTicks{}.Ticks(0, float64(maxCount))
	var tickW vg.Length
	for _, t := range ticks {
		if t.Label != "" {
			tickW = max(tickW, tick.Width(t.Label))
		}
	}
	yl := st.textStyle(labelSize, false)
	yl.Rotation = math.Pi / 2
	yl.XAlign, yl.YAlign = draw.XCenter, draw.YBottom
	axisLabel := "Patients"
	xb := xm + yl.Height(axisLabel) + st.pt(4) + tickW + gap // bars start here
	rowH := min(st.pt(16), (c.Max.Y-c.Min.Y)/8)
	yMatrix0 := c.Min.Y + st.textStyle(noteSize, false).Height("Xg") + st.pt(4)
	yMatrix1 := yMatrix0 + 3*rowH
	yBars0 := yMatrix1 + st.pt(6)
	barCount := st.textStyle(noteSize, false)
	barCount.XAlign, barCount.YAlign = draw.XCenter, draw.YBottom
	yBars1 := c.Max.Y - 2*barCount.Height("0") - st.pt(4)
	// set-size bars, growing to the left, in the category colours: a set
	// is the patients with an alteration of that category
	right := xm - gap - labW - gap
	maxSet := max(sizes[0], sizes[1], sizes[2], 1)
	for r := range rowLabels {
		yc := yMatrix1 - rowH*(vg.Length(r)+0.5)
		c.FillText(lab, vg.Point{X: xm - gap, Y: yc}, rowLabels[r])
		w := setW * vg.Length(float64(sizes[r])/float64(maxSet))
		end := tip(c, func() string {
			return fmt.Sprintf("%s (at least one such alteration): %s of %s patients (%s)", rowLabels[r], thousands(sizes[r]), thousands(total), results.Percent(float64(sizes[r])/float64(total)))
		})
		fillRect(c, CategoryColor(categoryOrder[r]), right-w, yc-rowH*0.3, right, yc+rowH*0.3)
		c.FillText(count, vg.Point{X: right - w - st.pt(2), Y: yc}, thousands(sizes[r]))
		end()
	}
	sh := st.textStyle(noteSize, false)
	sh.XAlign, sh.YAlign = draw.XCenter, draw.YTop
	sh.Color = GreyColor
	c.FillText(sh, vg.Point{X: centredWithin(c, right-setW/2, sh.Width("patients with any")), Y: yMatrix0 - st.pt(2)}, "patients with any")
	// y axis of the bars
	yOf := func(v float64) vg.Length { return yBars0 + vg.Length(v/float64(max(maxCount, 1)))*(yBars1-yBars0) }
	axis := draw.LineStyle{Color: Black, Width: st.pt(0.75)}
	c.StrokeLine2(axis, xb-st.pt(2), yBars0, xb-st.pt(2), yBars1)
	for _, t := range ticks {
		if t.Value > float64(maxCount) || t.Label == "" {
			continue
		}
		y := yOf(t.Value)
		c.StrokeLine2(axis, xb-st.pt(5), y, xb-st.pt(2), y)
		c.FillText(tick, vg.Point{X: xb - st.pt(7), Y: y}, t.Label)
	}
	c.FillText(yl, vg.Point{X: xm, Y: (yBars0 + yBars1) / 2}, axisLabel)
	slot := min((c.Max.X-xb)/vg.Length(len(bars)), st.pt(48))
	barW := slot * 0.7
	dotR := min(rowH*0.3, barW*0.4)
	link := draw.LineStyle{Color: Black, Width: st.pt(1.5)}
	for i, b := range bars {
		x := xb + slot*(vg.Length(i)+0.5)
		end := tip(c, func() string { return upsetTip(b, rowLabels, total) })
		fillRect(c, GreyColor, x-barW/2, yBars0, x+barW/2, yOf(float64(b.n)))
		y := yOf(float64(b.n)) + st.pt(1.5)
		c.FillText(barCount, vg.Point{X: x, Y: y + barCount.Height("0")}, thousands(b.n))
		c.FillText(barCount, vg.Point{X: x, Y: y}, pct(float64(b.n)/float64(max(total, 1))))
		var ys []vg.Length
		for r := 0; r < 3; r++ {
			if b.member[r] {
				ys = append(ys, yMatrix1-rowH*(vg.Length(r)+0.5))
			}
		}
		if len(ys) > 1 {
			c.StrokeLine2(link, x, ys[0], x, ys[len(ys)-1])
		}
		for r := 0; r < 3; r++ {
			var col color.Color = NeutralColor
			if b.member[r] {
				col = CategoryColor(categoryOrder[r])
			}
			c.SetColor(col)
			c.Fill(circle(vg.Point{X: x, Y: yMatrix1 - rowH*(vg.Length(r)+0.5)}, dotR))
		}
		end()
	}
	const under = "patients with exactly these categories"
	c.FillText(sh, vg.Point{X: centredWithin(c, (xb+c.Max.X)/2, sh.Width(under)), Y: yMatrix0 - st.pt(2)}, under)
}

// upsetTip is the tooltip of an intersection's bar: its categories, its
// patients and their share of all patients.
func upsetTip(b intersection, names []string, total int) string {
	var in []string
	for r, m := range b.member {
		if m {
			in = append(in, names[r])
		}
	}
	list := in[len(in)-1]
	if len(in) > 1 {
		list = strings.Join(in[:len(in)-1], ", ") + " and " + list
	}
	return fmt.Sprintf("%s (exactly these categories): %s of %s patients (%s)", list, thousands(b.n), thousands(total), results.Percent(float64(b.n)/float64(total)))
}

func circle(at vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: at.X + r, Y: at.Y})
	p.Arc(at, r, 0, 2*math.Pi)
	p.Close()
	return p
}
