package plots

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
)

type classCounts struct {
	class   string
	s, t, p int
}

func drawUpSet(rs *results.Set, st *Style) (*Drawing, error) {
	by := map[string]*classCounts{}
	var all classCounts
	for i := range rs.Alterations {
		a := &rs.Alterations[i]
		if !a.Counted() {
			continue
		}
		cc := by[a.Class]
		if cc == nil {
			cc = &classCounts{class: a.Class}
			by[a.Class] = cc
		}
		for _, x := range []*classCounts{cc, &all} {
			switch a.Category {
			case schema.Shared:
				x.s++
			case schema.TissueOnly:
				x.t++
			case schema.PlasmaOnly:
				x.p++
			}
		}
	}
	groups := make([]classCounts, 0, len(by))
	for _, cc := range by {
		groups = append(groups, *cc)
	}
	sort.Slice(groups, func(i, j int) bool {
		ti, tj := groups[i].s+groups[i].t+groups[i].p, groups[j].s+groups[j].t+groups[j].p
		if ti != tj {
			return ti > tj
		}
		return groups[i].class < groups[j].class
	})
	note := fmt.Sprintf("All classes: %d shared, %d tissue only, %d plasma only; tissue set %d, plasma set %d.",
		all.s, all.t, all.p, all.s+all.t, all.s+all.p)
	return &Drawing{Note: note, Draw: func(c draw.Canvas) {
		c = drawLegend(c, st, categoryLegend())
		if len(groups) == 0 {
			drawEmpty(c, st, "no alterations")
			return
		}
		drawUpSetGrid(c, st, groups, all)
	}}, nil
}

func drawUpSetGrid(c draw.Canvas, st *Style, groups []classCounts, all classCounts) {
	lab := st.textStyle(tickSize, false)
	lab.XAlign, lab.YAlign = draw.XRight, draw.YCenter
	rowLabels := []string{"Tissue", "Plasma"}
	setSizes := []int{all.s + all.t, all.s + all.p}
	labW := max(lab.Width(rowLabels[0]), lab.Width(rowLabels[1]))
	setW := (c.Max.X - c.Min.X) * 0.16
	gap := st.pt(6)
	xm := c.Min.X + setW + gap + labW + gap // matrix and bars start here
	tick := st.textStyle(tickSize, false)
	tick.XAlign, tick.YAlign = draw.XRight, draw.YCenter
	maxCount := 0
	for _, g := range groups {
		maxCount = max(maxCount, g.s, g.t, g.p)
	}
	ticks := plot.DefaultTicks{}.Ticks(0, float64(maxCount))
	var tickW vg.Length
	for _, t := range ticks {
		if t.Label != "" {
			tickW = max(tickW, tick.Width(t.Label))
		}
	}
	xb := xm + tickW + gap // bars start here (after the y axis labels)
	groupLab := st.textStyle(tickSize, false)
	groupLab.XAlign, groupLab.YAlign = draw.XCenter, draw.YTop
	names := make([]string, len(groups))
	var gl vg.Length
	for i, g := range groups {
		names[i] = shortClassName(g.class)
		gl = max(gl, groupLab.Height(names[i]))
	}
	rowH := st.pt(13)
	yMatrix0 := c.Min.Y + gl + st.pt(6)
	yMatrix1 := yMatrix0 + 2*rowH
	yBars0 := yMatrix1 + st.pt(6)
	countStyle := st.textStyle(noteSize, false)
	countStyle.XAlign, countStyle.YAlign = draw.XCenter, draw.YBottom
	yBars1 := c.Max.Y - countStyle.Height("0") - st.pt(4)
	// set-size bars, growing to the left
	for r := range rowLabels {
		yc := yMatrix1 - rowH*(vg.Length(r)+0.5)
		c.FillText(lab, vg.Point{X: xm - gap, Y: yc}, rowLabels[r])
		maxSet := max(setSizes[0], setSizes[1], 1)
		w := setW * vg.Length(float64(setSizes[r])/float64(maxSet)) * 0.75
		right := xm - gap - labW - gap
		fillRect(c, GreyColor, right-w, yc-rowH*0.3, right, yc+rowH*0.3)
		cs := countStyle
		cs.XAlign, cs.YAlign = draw.XRight, draw.YCenter
		c.FillText(cs, vg.Point{X: right - w - st.pt(2), Y: yc}, fmt.Sprint(setSizes[r]))
	}
	sh := st.textStyle(noteSize, false)
	sh.XAlign, sh.YAlign = draw.XCenter, draw.YTop
	sh.Color = GreyColor
	c.FillText(sh, vg.Point{X: c.Min.X + setW/2, Y: yMatrix0 - st.pt(2)}, "set size")
	// y axis of the bars
	yOf := func(v float64) vg.Length { return yBars0 + vg.Length(v/float64(max(maxCount, 1)))*(yBars1-yBars0) }
	axis := draw.LineStyle{Color: Black, Width: st.pt(0.75)}
	c.StrokeLine2(axis, xb-st.pt(2), yBars0, xb-st.pt(2), yBars1)
	for _, t := range ticks {
		if t.Value > float64(maxCount) {
			continue
		}
		y := yOf(t.Value)
		if t.Label != "" {
			c.StrokeLine2(axis, xb-st.pt(5), y, xb-st.pt(2), y)
			c.FillText(tick, vg.Point{X: xb - st.pt(7), Y: y}, t.Label)
		}
	}
	yl := st.textStyle(labelSize, false)
	yl.Rotation = math.Pi / 2
	yl.XAlign, yl.YAlign = draw.XCenter, draw.YBottom
	c.FillText(yl, vg.Point{X: xm - gap, Y: (yBars0 + yBars1) / 2}, "Alterations")
	// groups of three bars
	nb := len(groups) * 3
	slot := (c.Max.X - xb) / vg.Length(nb+len(groups)-1) // one empty slot between groups
	slot = min(slot, st.pt(40))                          // few groups: keep bars bar-shaped
	barW := slot * 0.78
	// counts that do not fit above a bar are written upwards
	widest := ""
	for _, g := range groups {
		for _, n := range []int{g.s, g.t, g.p} {
			if s := fmt.Sprint(n); len(s) > len(widest) {
				widest = s
			}
		}
	}
	if countStyle.Width(widest) > slot*0.95 {
		countStyle.Rotation = math.Pi / 2
		countStyle.XAlign, countStyle.YAlign = draw.XLeft, draw.YCenter
		yBars1 = c.Max.Y - countStyle.Width(widest) - st.pt(4)
	}
	member := [][2]bool{{true, true}, {true, false}, {false, true}}
	dotR := min(rowH*0.32, barW*0.4)
	for gi, g := range groups {
		counts := []int{g.s, g.t, g.p}
		gx := xb + slot*vg.Length(gi*4)
		for k := 0; k < 3; k++ {
			x := gx + slot*vg.Length(k) + slot/2
			col := CategoryColor(categoryOrder[k])
			fillRect(c, col, x-barW/2, yBars0, x+barW/2, yOf(float64(counts[k])))
			c.FillText(countStyle, vg.Point{X: x, Y: yOf(float64(counts[k])) + st.pt(1.5)}, fmt.Sprint(counts[k]))
			// matrix dots
			var ys []vg.Length
			for r := 0; r < 2; r++ {
				yc := yMatrix1 - rowH*(vg.Length(r)+0.5)
				dc := NeutralColor
				if member[k][r] {
					dc = Black
					ys = append(ys, yc)
				}
				c.SetColor(dc)
				c.Fill(circle(vg.Point{X: x, Y: yc}, dotR))
			}
			if len(ys) == 2 {
				c.StrokeLine2(draw.LineStyle{Color: Black, Width: st.pt(1.5)}, x, ys[0], x, ys[1])
			}
		}
		c.FillText(groupLab, vg.Point{X: gx + slot*1.5, Y: yMatrix0 - st.pt(2)}, st.Label(names[gi]))
	}
}

func circle(at vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: at.X + r, Y: at.Y})
	p.Arc(at, r, 0, 2*math.Pi)
	p.Close()
	return p
}

var shortClassNames = map[string]string{
	schema.SNV: "SNV", schema.MNV: "MNV", schema.Indel: "Indel", schema.Amplification: "Amp.",
	schema.Deletion: "Del.", schema.Fusion: "Fusion", schema.Splice: "Splice",
}

// shortClassName names a class in a few letters, for narrow columns.
func shortClassName(c string) string {
	if n, ok := shortClassNames[c]; ok {
		return n
	}
	return c
}
