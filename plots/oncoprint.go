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
	"github.com/concord-oncology/concord/concordance/schema"
)

// Oncoprint limits: the most altered genes, at most so many patient
// columns (a 640-patient cohort has too many to read as columns), and at
// most so many cancer-type groups of columns.
const (
	oncoGenes    = 15
	oncoPatients = 500
	oncoGroups   = 8
)

// cell is what one patient has in one gene.
type cell struct{ shared, tissue, plasma, ch bool }

// String says what a tile stands for, in its tooltip: the categories of
// the patient's alterations in the gene, and the CH flag.
func (c cell) String() string {
	var cats []string
	for _, k := range []struct {
		in  bool
		cat string
	}{{c.shared, schema.Shared}, {c.tissue, schema.TissueOnly}, {c.plasma, schema.PlasmaOnly}} {
		if k.in {
			cats = append(cats, strings.ToLower(CategoryLabel(k.cat)))
		}
	}
	s := strings.Join(cats, ", ")
	if c.ch {
		s += "; plasma call flagged clonal haematopoiesis"
	}
	return s
}

// who names a column's patient in a tooltip: the id and the cancer type.
func (o *oncoLayout) who(id string) string {
	if in := o.info[id]; in != nil && in.cancer != "" {
		return id + " (" + in.cancer + ")"
	}
	return id
}

func (c cell) any() bool { return c.shared || c.tissue || c.plasma }

// rank orders a cell for sorting: shared first, then tissue only, then plasma only.
func (c cell) rank() int {
	switch {
	case c.shared:
		return 3
	case c.tissue && c.plasma:
		return 2
	case c.tissue:
		return 1
	case c.plasma:
		return 1
	}
	return 0
}

// isCH reports whether an alteration carries a clonal-haematopoiesis flag.
func isCH(a *results.Alteration) bool {
	return a.HasFlag(schema.FlagCHCandidate) || a.HasFlag(schema.FlagCHCaller) || a.HasFlag(schema.FlagCHEvidence)
}

// oncoPatient is what the annotation tracks show of a patient.
type oncoPatient struct {
	cancer, code, stage string
	tf                  float64 // NaN when unknown or no ctDNA detected
}

// The stage track's greys, light to dark in clinical order: greys carry
// order, not meaning, so no hue of another figure is reused.
var stageGreys = map[string]color.Color{
	"0": color.NRGBA{0xE8, 0xE8, 0xE8, 0xff}, "I": color.NRGBA{0xC8, 0xC8, 0xC8, 0xff}, "II": color.NRGBA{0x96, 0x96, 0x96, 0xff},
	"III": color.NRGBA{0x63, 0x63, 0x63, 0xff}, "IV": color.NRGBA{0x25, 0x25, 0x25, 0xff},
}

// oncoGroup is a group of columns: the patients of one cancer type (or of
// the smaller ones together).
type oncoGroup struct {
	label    string // OncoTree code, or the name when there is none
	name     string
	patients []string
}

func drawOncoprint(rs *results.Set, st *Style) (*Drawing, error) {
	// patients per gene, counted once per patient
	cells := map[string]map[string]*cell{}
	info := map[string]*oncoPatient{}
	for i := range rs.Patients {
		p := &rs.Patients[i]
		tf := p.TumorFraction
		if !(tf > 0) {
			tf = math.NaN()
		}
		info[p.PatientID] = &oncoPatient{cancer: p.CancerType, code: p.OncotreeCode, stage: p.Stage, tf: tf}
	}
	for i := range rs.Alterations {
		a := &rs.Alterations[i]
		if info[a.PatientID] == nil {
			info[a.PatientID] = &oncoPatient{cancer: a.CancerType, code: a.OncotreeCode, stage: a.Stage, tf: math.NaN()}
		}
		if !a.Counted() || a.Gene == "" {
			continue
		}
		g := cells[a.Gene]
		if g == nil {
			g = map[string]*cell{}
			cells[a.Gene] = g
		}
		c := g[a.PatientID]
		if c == nil {
			c = &cell{}
			g[a.PatientID] = c
		}
		switch a.Category {
		case schema.Shared:
			c.shared = true
		case schema.TissueOnly:
			c.tissue = true
		case schema.PlasmaOnly:
			c.plasma = true
		}
		if isCH(a) && a.Category != schema.TissueOnly {
			c.ch = true
		}
	}
	genes := make([]string, 0, len(cells))
	for g := range cells {
		genes = append(genes, g)
	}
	sort.Slice(genes, func(i, j int) bool {
		if len(cells[genes[i]]) != len(cells[genes[j]]) {
			return len(cells[genes[i]]) > len(cells[genes[j]])
		}
		return genes[i] < genes[j]
	})
	if len(genes) > oncoGenes {
		genes = genes[:oncoGenes]
	}
	if len(genes) == 0 {
		return &Drawing{Note: "No alterations with a gene.", Draw: func(c draw.Canvas) { drawEmpty(c, st, "no alterations with a gene") }}, nil
	}
	// patients with an alteration in a shown gene
	inTop := map[string]bool{}
	for _, g := range genes {
		for p := range cells[g] {
			inTop[p] = true
		}
	}
	patients := make([]string, 0, len(inTop))
	for p := range inTop {
		patients = append(patients, p)
	}
	keys := map[string][]int{}
	for _, p := range patients {
		k := make([]int, len(genes))
		for i, g := range genes {
			if c := cells[g][p]; c != nil {
				k[i] = c.rank()
			}
		}
		keys[p] = k
	}
	groups := groupColumns(patients, info)
	// within a group, gene by gene from the top (the memo sort of
	// cBioPortal's oncoprint), then by id
	withAny := len(patients)
	var order []string
	for _, g := range groups {
		sort.Slice(g.patients, func(i, j int) bool {
			a, b := keys[g.patients[i]], keys[g.patients[j]]
			for k := range a {
				if a[k] != b[k] {
					return a[k] > b[k]
				}
			}
			return g.patients[i] < g.patients[j]
		})
		order = append(order, g.patients...)
	}
	note := fmt.Sprintf("The %d most altered genes. Of %s patients, %s have an alteration in them; all are shown.", len(genes), thousands(len(rs.Patients)), thousands(withAny))
	if len(order) > oncoPatients {
		// a systematic sample along the order keeps the proportions of
		// every group and pattern; the first columns alone would be one
		// group's top gene
		step := float64(len(order)) / oncoPatients
		keep := map[string]bool{}
		for i := 0; i < oncoPatients; i++ {
			keep[order[int(float64(i)*step)]] = true
		}
		for i := range groups {
			var kept []string
			for _, p := range groups[i].patients {
				if keep[p] {
					kept = append(kept, p)
				}
			}
			groups[i].patients = kept
		}
		note = fmt.Sprintf("The %d most altered genes. Of %s patients, %s have an alteration in them; shown is a systematic sample of %d (one in %.1f along the order, so groups and patterns keep their proportions).",
			len(genes), thousands(len(rs.Patients)), thousands(withAny), oncoPatients, step)
	}
	var key []string
	for _, g := range groups {
		if g.label != g.name {
			key = append(key, g.label+" "+g.name)
		}
	}
	note += " Columns are grouped by cancer type (largest first; " + strings.Join(key, ", ") + ")."
	legend := []legendItem{
		{"Shared", SharedColor, boxKey}, {"Tissue only", TissueOnlyColor, boxKey}, {"Plasma only", PlasmaOnlyColor, boxKey},
		{"Tile: top half tissue, bottom half plasma", NeutralColor, splitKey},
		{"Plasma call flagged CH", CHColor, chKey},
		{"Stage 0/I, II, III, IV (blank: unknown or not staged)", Black, stageKey},
	}
	o := &oncoLayout{st: st, genes: genes, groups: groups, cells: cells, info: info}
	return &Drawing{Note: note, Legend: legend, Height: o.height, Draw: o.draw}, nil
}

// groupColumns groups patients by cancer type: the largest types (by
// patients shown) each a group while they can carry a label, the rest
// together last.
func groupColumns(patients []string, info map[string]*oncoPatient) []oncoGroup {
	by := map[string][]string{}
	codes := map[string]map[string]int{}
	for _, p := range patients {
		ct := schema.LevelUnknown
		if in := info[p]; in != nil && in.cancer != "" {
			ct = in.cancer
			if codes[ct] == nil {
				codes[ct] = map[string]int{}
			}
			codes[ct][in.code]++
		}
		by[ct] = append(by[ct], p)
	}
	types := make([]string, 0, len(by))
	for t := range by {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool {
		if len(by[types[i]]) != len(by[types[j]]) {
			return len(by[types[i]]) > len(by[types[j]])
		}
		return types[i] < types[j]
	})
	// a group needs 3% of the columns to hold its label
	minSize := max(3, (3*len(patients)+99)/100)
	var groups []oncoGroup
	var other []string
	for i, t := range types {
		if i >= oncoGroups-1 && len(types) > oncoGroups || len(by[t]) < minSize || t == schema.LevelUnknown {
			other = append(other, by[t]...)
			continue
		}
		groups = append(groups, oncoGroup{label: mostCommonCode(codes[t], t), name: t, patients: by[t]})
	}
	if len(other) > 0 {
		groups = append(groups, oncoGroup{label: "Other", name: "Other", patients: other})
	}
	return groups
}

// mostCommonCode is the OncoTree code most of a cancer type's patients
// have, or the type's name when none has one.
func mostCommonCode(codes map[string]int, name string) string {
	best, n := "", 0
	for c, k := range codes {
		if c != "" && (k > n || k == n && c < best) {
			best, n = c, k
		}
	}
	if best == "" {
		return name
	}
	return best
}

// oncoLayout draws the oncoprint: group labels, the annotation tracks
// (stage, tumour fraction) and one row per gene.
type oncoLayout struct {
	st     *Style
	genes  []string
	groups []oncoGroup
	cells  map[string]map[string]*cell
	info   map[string]*oncoPatient
}

func (o *oncoLayout) rowPitch() vg.Length    { return o.st.pt(18) }
func (o *oncoLayout) trackHeight() vg.Length { return o.st.pt(9) }

func (o *oncoLayout) labelStyle() text.Style {
	ts := o.st.textStyle(noteSize, false)
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YBottom
	return ts
}

// groupLabelHeight is the height of the group labels: one line, or the
// longest label turned upright when one does not fit its group.
func (o *oncoLayout) groupLabelHeight(w vg.Length) (vg.Length, bool) {
	ts := o.labelStyle()
	x0, x1 := o.gridX(w)
	colW := (x1 - x0 - o.groupGaps()) / vg.Length(o.columns())
	upright := false
	var longest vg.Length
	for _, g := range o.groups {
		lw := ts.Width(g.label)
		longest = max(longest, lw)
		if lw > colW*vg.Length(len(g.patients)) {
			upright = true
		}
	}
	if upright {
		return longest + o.st.pt(3), true
	}
	return ts.Height("Xg") + o.st.pt(2), false
}

func (o *oncoLayout) columns() int {
	n := 0
	for _, g := range o.groups {
		n += len(g.patients)
	}
	return max(n, 1)
}

func (o *oncoLayout) groupGaps() vg.Length { return vg.Length(len(o.groups)-1) * o.st.pt(3) }

func (o *oncoLayout) geneStyle() text.Style {
	ts := o.st.textStyle(tickSize, false)
	ts.XAlign, ts.YAlign = draw.XRight, draw.YCenter
	ts.Font.Style = xfont.StyleItalic // gene symbols, as HGNC asks
	return ts
}

func (o *oncoLayout) counts() []string {
	out := make([]string, len(o.genes))
	for i, g := range o.genes {
		t, p := 0, 0
		for _, c := range o.cells[g] {
			if c.shared || c.tissue {
				t++
			}
			if c.shared || c.plasma {
				p++
			}
		}
		out[i] = thousands(t) + " / " + thousands(p)
	}
	return out
}

const oncoNumHead = "tissue / plasma"

// gridX is where the tiles start and end in a body of width w.
func (o *oncoLayout) gridX(w vg.Length) (x0, x1 vg.Length) {
	lab := o.geneStyle()
	track := o.st.textStyle(noteSize, false)
	num := o.st.textStyle(tickSize, false)
	var labW, numW vg.Length
	for _, g := range o.genes {
		labW = max(labW, lab.Width(g))
	}
	for _, t := range []string{"Stage", "TF (log)"} {
		labW = max(labW, track.Width(t))
	}
	for _, c := range o.counts() {
		numW = max(numW, num.Width(c))
	}
	numW = max(numW, num.Width(oncoNumHead), track.Width("0.1-100%"))
	gap := o.st.pt(6)
	return labW + gap, w - numW - gap
}

// showIDs: a small cohort's columns are labelled with patient ids.
func (o *oncoLayout) showIDs() bool { return o.columns() <= 40 }

func (o *oncoLayout) idStyle() text.Style {
	ts := o.st.textStyle(noteSize, false)
	ts.Rotation = math.Pi / 2
	ts.XAlign, ts.YAlign = draw.XRight, draw.YCenter
	return ts
}

// bottomHeight is the height under the tiles: the patient ids, or a line
// saying how many columns there are.
func (o *oncoLayout) bottomHeight() vg.Length {
	if !o.showIDs() {
		return o.st.textStyle(tickSize, false).Height("Xg") + o.st.pt(6)
	}
	var h vg.Length
	ts := o.idStyle()
	for _, g := range o.groups {
		for _, p := range g.patients {
			h = max(h, ts.Width(p))
		}
	}
	return h + o.st.pt(4)
}

func (o *oncoLayout) height(w vg.Length) vg.Length {
	gl, _ := o.groupLabelHeight(w)
	bottom := o.bottomHeight()
	return gl + 2*(o.trackHeight()+o.st.pt(3)) + o.st.pt(4) + vg.Length(len(o.genes))*o.rowPitch() + bottom
}

func (o *oncoLayout) draw(c draw.Canvas) {
	st := o.st
	w := c.Max.X - c.Min.X
	gx0, gx1 := o.gridX(w)
	x0, x1 := c.Min.X+gx0, c.Min.X+gx1
	groupGap := st.pt(3)
	colW := (x1 - x0 - o.groupGaps()) / vg.Length(o.columns())
	gapX := min(colW*0.15, st.pt(1.5))
	// x of each column
	type col struct {
		id string
		x  vg.Length
	}
	var cols []col
	x := x0
	for _, g := range o.groups {
		for _, p := range g.patients {
			cols = append(cols, col{p, x})
			x += colW
		}
		x += groupGap
	}
	y := c.Max.Y
	// group labels
	gl, upright := o.groupLabelHeight(w)
	ls := o.labelStyle()
	if upright {
		ls.Rotation = math.Pi / 2
		ls.XAlign, ls.YAlign = draw.XLeft, draw.YCenter
	}
	x = x0
	for _, g := range o.groups {
		gw := colW * vg.Length(len(g.patients))
		c.FillText(ls, vg.Point{X: x + gw/2, Y: y - gl + st.pt(1)}, g.label)
		x += gw + groupGap
	}
	y -= gl
	// annotation tracks
	track := st.textStyle(noteSize, false)
	track.XAlign, track.YAlign = draw.XRight, draw.YCenter
	side := st.textStyle(noteSize, false)
	side.YAlign = draw.YCenter
	side.Color = GreyColor
	th := o.trackHeight()
	gap := st.pt(6)
	y -= st.pt(3)
	c.FillText(track, vg.Point{X: x0 - gap, Y: y - th/2}, "Stage")
	for _, cl := range cols {
		in := o.info[cl.id]
		if in == nil {
			continue
		}
		if g, ok := stageGreys[in.stage]; ok {
			end := tip(c, func() string { return o.who(cl.id) + " · stage " + in.stage })
			fillRect(c, g, cl.x, y-th, cl.x+colW-gapX, y)
			end()
		}
	}
	y -= th + st.pt(3)
	c.FillText(track, vg.Point{X: x0 - gap, Y: y - th/2}, "TF (log)")
	c.FillText(side, vg.Point{X: x1 + gap, Y: y - th/2}, "0.1–100%")
	// TF as a bar on a log scale from 0.1% to 100%: a tier would hide
	// the spread within it
	base := draw.LineStyle{Color: NeutralColor, Width: st.pt(0.4)}
	c.StrokeLine2(base, x0, y-th, x1, y-th)
	for _, cl := range cols {
		in := o.info[cl.id]
		if in == nil || math.IsNaN(in.tf) {
			continue
		}
		f := (math.Log10(in.tf) + 3) / 3
		f = min(max(f, 0.04), 1)
		end := tip(c, func() string {
			// at the 4 decimals of patients.tsv's tumor_fraction
			return fmt.Sprintf("%s · plasma tumour fraction %.2f%%", o.who(cl.id), 100*in.tf)
		})
		fillRect(c, Black, cl.x, y-th, cl.x+colW-gapX, y-th+th*vg.Length(f))
		end()
	}
	y -= th + st.pt(4)
	// gene rows
	lab := o.geneStyle()
	num := st.textStyle(tickSize, false)
	num.YAlign = draw.YCenter
	nh := num
	nh.Color = GreyColor
	nh.YAlign = draw.YBottom
	c.FillText(nh, vg.Point{X: x1 + gap, Y: c.Max.Y - gl}, oncoNumHead)
	rowH := o.rowPitch()
	gapY := rowH * 0.12
	sep := min(rowH*0.03, st.pt(0.6)) // a hairline shows the split of shared tiles
	counts := o.counts()
	for i, g := range o.genes {
		yTop := y - rowH*vg.Length(i)
		yMid := yTop - rowH/2
		c.FillText(lab, vg.Point{X: x0 - gap, Y: yMid}, g)
		c.FillText(num, vg.Point{X: x1 + gap, Y: yMid}, counts[i])
		for _, cl := range cols {
			top, bottom := NeutralColor, NeutralColor
			end := noTip
			if t := o.cells[g][cl.id]; t != nil {
				end = tip(c, func() string { return o.who(cl.id) + " · " + g + ": " + t.String() })
				switch {
				case t.shared:
					top, bottom = SharedColor, SharedColor
				default:
					if t.tissue {
						top = TissueOnlyColor
					}
					if t.plasma {
						bottom = PlasmaOnlyColor
					}
				}
				if t.ch {
					bottom = CHColor
				}
			}
			xb := cl.x + colW - gapX
			fillRect(c, top, cl.x, yMid+sep, xb, yTop-gapY/2)
			fillRect(c, bottom, cl.x, yTop-rowH+gapY/2, xb, yMid-sep)
			end()
		}
	}
	if o.showIDs() {
		ids := o.idStyle()
		yb := y - rowH*vg.Length(len(o.genes)) - st.pt(3)
		for _, cl := range cols {
			c.FillText(ids, vg.Point{X: cl.x + (colW-gapX)/2, Y: yb}, cl.id)
		}
		return
	}
	ts := st.textStyle(tickSize, false)
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YBottom
	ts.Color = GreyColor
	c.FillText(ts, vg.Point{X: (x0 + x1) / 2, Y: c.Min.Y}, thousands(len(cols))+" patients (columns)")
}
