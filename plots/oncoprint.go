package plots

import (
	"fmt"
	"sort"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
)

// Oncoprint limits: the most altered genes, and at most so many patient
// columns (a 640-patient cohort has too many to read as columns).
const (
	oncoGenes    = 15
	oncoPatients = 500
)

// cell is what one patient has in one gene.
type cell struct{ shared, tissue, plasma bool }

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

func drawOncoprint(rs *results.Set, st *Style) (*Drawing, error) {
	// patients per gene, counted once per patient
	cells := map[string]map[string]*cell{}
	for i := range rs.Alterations {
		a := &rs.Alterations[i]
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
	// patients with an alteration in a shown gene, sorted gene by gene from
	// the top (the memo sort of cBioPortal's oncoprint), then by id.
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
	key := func(p string) []int {
		k := make([]int, len(genes))
		for i, g := range genes {
			if c := cells[g][p]; c != nil {
				k[i] = c.rank()
			}
		}
		return k
	}
	keys := map[string][]int{}
	for _, p := range patients {
		keys[p] = key(p)
	}
	sort.Slice(patients, func(i, j int) bool {
		a, b := keys[patients[i]], keys[patients[j]]
		for k := range a {
			if a[k] != b[k] {
				return a[k] > b[k]
			}
		}
		return patients[i] < patients[j]
	})
	withAny := len(patients)
	note := fmt.Sprintf("The %d most altered genes. Of %d patients, %d have an alteration in them; all are shown.", len(genes), len(rs.Patients), withAny)
	if len(patients) > oncoPatients {
		// a systematic sample along the sort order keeps the proportions of
		// every pattern; the first columns alone would all be the top gene
		step := float64(len(patients)) / oncoPatients
		sample := make([]string, oncoPatients)
		for i := range sample {
			sample[i] = patients[int(float64(i)*step)]
		}
		note = fmt.Sprintf("The %d most altered genes. Of %d patients, %d have an alteration in them; shown is a systematic sample of %d (one in %.1f along the sort order, so the patterns keep their proportions).",
			len(genes), len(rs.Patients), withAny, oncoPatients, step)
		patients = sample
	}
	if len(genes) == 0 {
		return &Drawing{Note: "No alterations with a gene.", Draw: func(c draw.Canvas) { drawEmpty(c, st, "no alterations with a gene") }}, nil
	}
	return &Drawing{Note: note, Aspect: 0.3 + 0.035*float64(len(genes)), Draw: func(c draw.Canvas) {
		c = drawLegend(c, st, []legendItem{
			{"Shared", SharedColor, boxKey}, {"Tissue only", TissueOnlyColor, boxKey}, {"Plasma only", PlasmaOnlyColor, boxKey},
			{"Tile: top half tissue, bottom half plasma", NeutralColor, splitKey},
		})
		drawOncoGrid(c, st, genes, patients, cells)
	}}, nil
}

func drawOncoGrid(c draw.Canvas, st *Style, genes, patients []string, cells map[string]map[string]*cell) {
	lab := st.textStyle(tickSize, false)
	lab.XAlign, lab.YAlign = draw.XRight, draw.YCenter
	lab.Font.Style = 1 // italic gene symbols, as HGNC asks
	num := st.textStyle(tickSize, false)
	num.YAlign = draw.YCenter
	var labW, numW vg.Length
	counts := make([]string, len(genes))
	for i, g := range genes {
		labW = max(labW, lab.Width(g))
		t, p := 0, 0
		for _, c := range cells[g] {
			if c.shared || c.tissue {
				t++
			}
			if c.shared || c.plasma {
				p++
			}
		}
		counts[i] = fmt.Sprintf("%d / %d", t, p)
		numW = max(numW, num.Width(counts[i]))
	}
	numHead := "tissue / plasma"
	numW = max(numW, num.Width(numHead))
	gap := st.pt(6)
	x0 := c.Min.X + labW + gap
	x1 := c.Max.X - numW - gap
	showIDs := len(patients) <= 40
	idStyle := st.textStyle(noteSize, false)
	idStyle.Rotation = 1.5707963267948966
	idStyle.XAlign, idStyle.YAlign = draw.XRight, draw.YCenter
	var idH vg.Length
	if showIDs {
		for _, p := range patients {
			idH = max(idH, idStyle.Width(st.Label(p)))
		}
		idH += st.pt(4)
	} else {
		idH = lab.Height("0") + st.pt(6)
	}
	headH := num.Height(numHead) + st.pt(4)
	y0 := c.Min.Y + idH
	y1 := c.Max.Y - headH
	colW := (x1 - x0) / vg.Length(len(patients))
	rowH := min((y1-y0)/vg.Length(len(genes)), st.pt(22))
	y1 = y0 + rowH*vg.Length(len(genes))
	gapX := min(colW*0.15, st.pt(1.5))
	gapY := rowH * 0.12
	nh := num
	nh.Color = GreyColor
	nh.YAlign = draw.YBottom
	c.FillText(nh, vg.Point{X: x1 + gap, Y: y1 + st.pt(2)}, numHead)
	for i, g := range genes {
		yTop := y1 - rowH*vg.Length(i)
		yMid := yTop - rowH/2
		c.FillText(lab, vg.Point{X: x0 - gap, Y: yMid}, st.Label(g))
		c.FillText(num, vg.Point{X: x1 + gap, Y: yMid}, counts[i])
		for j, p := range patients {
			xa := x0 + colW*vg.Length(j)
			xb := xa + colW - gapX
			top, bottom := NeutralColor, NeutralColor
			if cl := cells[g][p]; cl != nil {
				switch {
				case cl.shared:
					top, bottom = SharedColor, SharedColor
				default:
					if cl.tissue {
						top = TissueOnlyColor
					}
					if cl.plasma {
						bottom = PlasmaOnlyColor
					}
				}
			}
			sep := min(rowH*0.03, st.pt(0.6)) // a hairline shows the split of shared tiles
			fillRect(c, top, xa, yMid+sep, xb, yTop-gapY/2)
			fillRect(c, bottom, xa, yTop-rowH+gapY/2, xb, yMid-sep)
		}
	}
	if showIDs {
		for j, p := range patients {
			x := x0 + colW*(vg.Length(j)+0.5) - gapX/2
			c.FillText(idStyle, vg.Point{X: x, Y: y0 - st.pt(3)}, st.Label(p))
		}
	} else {
		ts := st.textStyle(tickSize, false)
		ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
		ts.Color = GreyColor
		c.FillText(ts, vg.Point{X: (x0 + x1) / 2, Y: y0 - st.pt(3)}, fmt.Sprintf("%d patients (columns)", len(patients)))
	}
}
