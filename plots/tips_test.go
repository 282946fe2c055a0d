package plots

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/concord-oncology/concord/concordance/schema"
)

// The oracle of the tooltips is the fixture's TSV tables read here on
// their own (split on tabs, not through package results), and the numbers
// written as the report's tables write them (one decimal of a percent).

type tsvRow map[string]string

func readTSV(t *testing.T, name string) []tsvRow {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixture, name))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	head := strings.Split(lines[0], "\t")
	var out []tsvRow
	for _, l := range lines[1:] {
		r := tsvRow{}
		for i, v := range strings.Split(l, "\t") {
			r[head[i]] = v
		}
		out = append(out, r)
	}
	return out
}

func (r tsvRow) int(t *testing.T, col string) int {
	n, err := strconv.Atoi(r[col])
	if err != nil {
		t.Fatalf("%s = %q: %v", col, r[col], err)
	}
	return n
}

func (r tsvRow) float(col string) float64 {
	x, err := strconv.ParseFloat(r[col], 64)
	if err != nil {
		return math.NaN()
	}
	return x
}

func pc(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// ci is an interval of the table, as the report writes it.
func (r tsvRow) ci(prefix string) string {
	lo, hi := r.float(prefix+"_low"), r.float(prefix+"_high")
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "."
	}
	return fmt.Sprintf("%.1f–%.1f%%", 100*lo, 100*hi)
}

// svgNode is an element of an SVG document.
type svgNode struct {
	XMLName xml.Name
	Nodes   []svgNode `xml:",any"`
	Text    string    `xml:",chardata"`
}

// svgTitles parses an SVG document (failing on XML that does not parse)
// and returns its tooltips in document order, checking that each is the
// first child of a group holding at least one mark after it.
func svgTitles(t *testing.T, name string, b []byte) []string {
	t.Helper()
	var root svgNode
	if err := xml.Unmarshal(b, &root); err != nil {
		t.Fatalf("%s: the SVG does not parse: %v", name, err)
	}
	var titles []string
	var walk func(n svgNode)
	walk = func(n svgNode) {
		for i, c := range n.Nodes {
			if c.XMLName.Local == "title" {
				if n.XMLName.Local != "g" || i != 0 || len(n.Nodes) < 2 {
					t.Errorf("%s: title %q is not the first child of a group of marks", name, c.Text)
				}
				titles = append(titles, c.Text)
			}
			walk(c)
		}
	}
	walk(root)
	return titles
}

func figureTitles(t *testing.T, name string) []string {
	t.Helper()
	rs := loadFixture(t)
	return svgTitles(t, name, render(t, Lookup(name), rs, goldenStyle, SVG))
}

// sameTitles compares tooltips with the expected ones as multisets.
func sameTitles(t *testing.T, fig string, got, want []string) {
	t.Helper()
	got, want = slices.Clone(got), slices.Clone(want)
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: %d tooltips, want %d", fig, len(got), len(want))
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: missing %q", fig, w)
			}
		}
		for _, g := range got {
			if !slices.Contains(want, g) {
				t.Errorf("%s: unexpected %q", fig, g)
			}
		}
	}
}

func patients(n int) string {
	if n == 1 {
		return "1 patient"
	}
	return fmt.Sprintf("%d patients", n)
}

// barTitles are the tooltips of one 100% bar of figures 1-3 and 9: one per
// category with alterations.
func barTitles(label string, s, tp, p, pats int, shareCI string) []string {
	u := s + tp + p
	var out []string
	for k, seg := range []struct {
		name string
		n    int
	}{{"Shared", s}, {"Tissue only", tp}, {"Plasma only", p}} {
		if seg.n == 0 {
			continue
		}
		x := fmt.Sprintf("%s · %s: %d of %d alterations (%s", label, seg.name, seg.n, u, pc(float64(seg.n)/float64(u)))
		if k == 0 && shareCI != "." {
			x += ", Wilson 95% CI " + shareCI
		}
		out = append(out, x+"); "+patients(pats))
	}
	return out
}

func dimensionRows(t *testing.T, strata []tsvRow, dim string) []tsvRow {
	var out []tsvRow
	for _, r := range strata {
		if r["dimension"] == dim && r.int(t, "alterations") > 0 {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		t.Fatalf("the fixture has no %s rows", dim)
	}
	return out
}

// cancerBars are figure 1's bars by its caption's rule: cancer types with
// fewer than max(10, 1% of all alterations) pooled into one bar (the
// fixture has fewer than the 14 bars that would cap them).
func cancerBars(t *testing.T, strata []tsvRow) (named []tsvRow, other [4]int, folded int) {
	rows := dimensionRows(t, strata, schema.DimCancerType)
	total := 0
	for _, r := range rows {
		total += r.int(t, "alterations")
	}
	thr := max(10, (total+99)/100)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].int(t, "alterations") > rows[j].int(t, "alterations") })
	for _, r := range rows {
		if r.int(t, "alterations") >= thr {
			named = append(named, r)
			continue
		}
		folded++
		for k, c := range []string{"shared", "tissue_only", "plasma_only", "patients"} {
			other[k] += r.int(t, c)
		}
	}
	if folded < 2 || len(rows) >= maxCancerBars {
		t.Fatalf("the fixture no longer folds cancer types as this test expects (%d folded of %d)", folded, len(rows))
	}
	return named, other, folded
}

func TestTooltipsOfBars(t *testing.T) {
	strata := readTSV(t, schema.StrataFile)
	row := func(r tsvRow, label string) []string {
		return barTitles(label, r.int(t, "shared"), r.int(t, "tissue_only"), r.int(t, "plasma_only"), r.int(t, "patients"), r.ci("shared_share_ci"))
	}
	var want []string
	for _, r := range dimensionRows(t, strata, schema.DimStage) {
		label := "Stage " + r["level"]
		if r["level"] == schema.LevelUnknown {
			label = "Stage unknown"
		}
		want = append(want, row(r, label)...)
	}
	got := figureTitles(t, "fig2_stage")
	if !slices.Equal(got, want) { // in the figure's order, top down
		t.Errorf("fig2_stage tooltips:\n got %q\nwant %q", got, want)
	}

	want = nil
	for _, r := range dimensionRows(t, strata, schema.DimGene) {
		want = append(want, row(r, r["level"])...)
	}
	sameTitles(t, "fig9_genes", figureTitles(t, "fig9_genes"), want)

	named, other, folded := cancerBars(t, strata)
	want = nil
	for _, r := range named {
		want = append(want, row(r, r["level"])...)
	}
	want = append(want, barTitles(fmt.Sprintf("Other cancer types (%d)", folded), other[0], other[1], other[2], other[3], ".")...)
	sameTitles(t, "fig1_cancer_type", figureTitles(t, "fig1_cancer_type"), want)

	// figure 3: one tooltip per category with alterations, per level
	n := 0
	for _, d := range []string{schema.DimClass, schema.DimTFTier} {
		for _, r := range dimensionRows(t, strata, d) {
			for _, c := range []string{"shared", "tissue_only", "plasma_only"} {
				if r.int(t, c) > 0 {
					n++
				}
			}
		}
	}
	if got := figureTitles(t, "fig3_class_tf"); len(got) != n {
		t.Errorf("fig3_class_tf: %d tooltips, want %d", len(got), n)
	}
}

func TestTooltipsOfTheForest(t *testing.T) {
	strata := readTSV(t, schema.StrataFile)
	got := figureTitles(t, "fig5_forest_ppa")
	// every subgroup with tissue alterations has one, and so does the
	// whole cohort; the cancer types as figure 1 pools them
	want := 1
	named, other, _ := cancerBars(t, strata)
	for _, r := range named {
		if r.int(t, "shared")+r.int(t, "tissue_only") > 0 {
			want++
		}
	}
	if other[0]+other[1] > 0 {
		want++
	}
	for _, d := range []string{schema.DimStage, schema.DimTFTier, schema.DimClass} {
		for _, r := range dimensionRows(t, strata, d) {
			if r.int(t, "shared")+r.int(t, "tissue_only") > 0 {
				want++
			}
		}
	}
	if len(got) != want {
		t.Errorf("fig5_forest_ppa: %d tooltips, want %d", len(got), want)
	}
	// the cohort's and each stage's numbers are strata.tsv's
	check := func(name string, r tsvRow) {
		s, st := r.int(t, "shared"), r.int(t, "shared")+r.int(t, "tissue_only")
		head := fmt.Sprintf("%s · PPA %s: %d of %d tissue alterations found in plasma, ", name, pc(r.float("ppa")), s, st)
		boot, wilson := head+"patient-bootstrap 95% CI "+r.ci("ppa_boot"), head+"Wilson 95% CI "+r.ci("ppa_ci")
		if !slices.Contains(got, boot) && !slices.Contains(got, wilson) {
			t.Errorf("fig5_forest_ppa: no tooltip %q (or with the Wilson interval %s)", boot, r.ci("ppa_ci"))
		}
	}
	check("All alterations", dimensionRows(t, strata, schema.DimAll)[0])
	for _, r := range dimensionRows(t, strata, schema.DimStage) {
		check("Stage: "+r["level"], r)
	}
}

func TestTooltipsOfDetection(t *testing.T) {
	strata := readTSV(t, schema.StrataFile)
	var want []string
	for _, r := range dimensionRows(t, strata, schema.DimTissueVAFBin) {
		s, st := r.int(t, "shared"), r.int(t, "shared")+r.int(t, "tissue_only")
		if r["level"] == schema.LevelNoTissueCall || st < minBin {
			continue
		}
		// the level as printed: "≥" for ">=", an en dash in a range
		level := regexp.MustCompile(`(\d)-(\d)`).ReplaceAllString(strings.ReplaceAll(r["level"], ">=", "≥"), "$1–$2")
		head := fmt.Sprintf("Tissue VAF %s · detected in plasma: %d of %d tissue alterations (%s), ", level, s, st, pc(r.float("ppa")))
		// the interval drawn is the bootstrap one unless it is missing or
		// of no width (then Wilson's: METHODS.md, figure 7's caption)
		if boot := r.ci("ppa_boot"); boot != "." && r.float("ppa_boot_high") > r.float("ppa_boot_low") {
			want = append(want, head+"patient-bootstrap 95% CI "+boot)
		} else {
			want = append(want, head+"Wilson 95% CI "+r.ci("ppa_ci"))
		}
	}
	sameTitles(t, "fig7_detection_vaf", figureTitles(t, "fig7_detection_vaf"), want)

	// figure 12: the bins' counts add up to the patients' with a tumour
	// fraction or no ctDNA detected
	detected, n := 0, 0
	for _, p := range readTSV(t, schema.PatientsFile) {
		if p.int(t, "shared")+p.int(t, "tissue_only") > 0 && (p["tf_tier"] == schema.LevelNoCtDNA || !math.IsNaN(p.float("tumor_fraction"))) {
			detected += p.int(t, "shared")
			n += p.int(t, "shared") + p.int(t, "tissue_only")
		}
	}
	counts := regexp.MustCompile(`: (\d+) of (\d+) tissue alterations detected in plasma \(`)
	gotD, gotN := 0, 0
	titles := figureTitles(t, "fig12_detection_tf")
	for _, x := range titles {
		m := counts.FindStringSubmatch(x)
		if m == nil {
			t.Fatalf("fig12_detection_tf: tooltip %q has no counts", x)
		}
		d, _ := strconv.Atoi(m[1])
		k, _ := strconv.Atoi(m[2])
		gotD, gotN = gotD+d, gotN+k
	}
	if len(titles) == 0 || gotD != detected || gotN != n {
		t.Errorf("fig12_detection_tf: %d tooltips with %d of %d detected, want %d of %d", len(titles), gotD, gotN, detected, n)
	}
}

func TestTooltipsOfUpSet(t *testing.T) {
	ps := readTSV(t, schema.PatientsFile)
	names := []string{"Shared", "Tissue only", "Plasma only"}
	count := map[string]int{}
	var sizes [3]int
	for _, p := range ps {
		var in []string
		for k, c := range []string{"shared", "tissue_only", "plasma_only"} {
			if p.int(t, c) > 0 {
				in = append(in, names[k])
				sizes[k]++
			}
		}
		switch len(in) {
		case 0:
			continue
		case 1:
			count[in[0]]++
		default:
			count[strings.Join(in[:len(in)-1], ", ")+" and "+in[len(in)-1]]++
		}
	}
	var want []string
	for k, n := range sizes {
		want = append(want, fmt.Sprintf("%s (at least one such alteration): %d of %d patients (%s)", names[k], n, len(ps), pc(float64(n)/float64(len(ps)))))
	}
	for set, n := range count {
		want = append(want, fmt.Sprintf("%s (exactly these categories): %d of %d patients (%s)", set, n, len(ps), pc(float64(n)/float64(len(ps)))))
	}
	sameTitles(t, "fig8_upset", figureTitles(t, "fig8_upset"), want)
}

func counted(r tsvRow) bool { return r["category"] != schema.NotCompared && r["excluded"] == "." }

func chFlagged(r tsvRow) bool {
	for _, f := range strings.Split(r["flags"], ";") {
		if f == schema.FlagCHCandidate || f == schema.FlagCHCaller || f == schema.FlagCHEvidence {
			return true
		}
	}
	return false
}

func TestTooltipsOfTheOncoprint(t *testing.T) {
	alts := readTSV(t, schema.AlterationsFile)
	// the tiles: each (patient, gene) of the 15 genes altered in the most
	// patients (ties by name), with its categories
	type key struct{ patient, gene string }
	cats := map[key]map[string]bool{}
	ch := map[key]bool{}
	byGene := map[string]map[string]bool{}
	for _, r := range alts {
		if !counted(r) || r["gene"] == "." {
			continue
		}
		k := key{r["patient_id"], r["gene"]}
		if cats[k] == nil {
			cats[k] = map[string]bool{}
		}
		cats[k][r["category"]] = true
		if chFlagged(r) && r["category"] != schema.TissueOnly {
			ch[k] = true
		}
		if byGene[k.gene] == nil {
			byGene[k.gene] = map[string]bool{}
		}
		byGene[k.gene][k.patient] = true
	}
	var genes []string
	for g := range byGene {
		genes = append(genes, g)
	}
	sort.Slice(genes, func(i, j int) bool {
		if len(byGene[genes[i]]) != len(byGene[genes[j]]) {
			return len(byGene[genes[i]]) > len(byGene[genes[j]])
		}
		return genes[i] < genes[j]
	})
	genes = genes[:min(len(genes), 15)]
	if len(byGene) <= 15 {
		t.Fatalf("the fixture has %d genes: too few to test the choice of 15", len(byGene))
	}
	info := map[string]tsvRow{}
	for _, p := range readTSV(t, schema.PatientsFile) {
		info[p["patient_id"]] = p
	}
	who := func(id string) string { return id + " (" + info[id]["cancer_type"] + ")" }
	var want []string
	columns := map[string]bool{}
	for k, c := range cats {
		if !slices.Contains(genes, k.gene) {
			continue
		}
		columns[k.patient] = true
		var in []string
		for _, cat := range []string{schema.Shared, schema.TissueOnly, schema.PlasmaOnly} {
			if c[cat] {
				in = append(in, map[string]string{schema.Shared: "shared", schema.TissueOnly: "tissue only", schema.PlasmaOnly: "plasma only"}[cat])
			}
		}
		x := who(k.patient) + " · " + k.gene + ": " + strings.Join(in, ", ")
		if ch[k] {
			x += "; plasma call flagged clonal haematopoiesis"
		}
		want = append(want, x)
	}
	// the tracks: each column's stage, and its tumour fraction when known
	for id := range columns {
		if st := info[id]["stage"]; slices.Contains([]string{"0", "I", "II", "III", "IV"}, st) {
			want = append(want, who(id)+" · stage "+st)
		}
		if tf := info[id].float("tumor_fraction"); tf > 0 {
			want = append(want, fmt.Sprintf("%s · plasma tumour fraction %.2f%%", who(id), 100*tf))
		}
	}
	sameTitles(t, "fig6_oncoprint", figureTitles(t, "fig6_oncoprint"), want)
}

func TestTooltipsOfTheScatter(t *testing.T) {
	var want []string
	label := map[string]string{schema.Shared: "Shared", schema.TissueOnly: "Tissue only", schema.PlasmaOnly: "Plasma only"}
	for _, r := range readTSV(t, schema.AlterationsFile) {
		if !counted(r) || !slices.Contains([]string{schema.SNV, schema.MNV, schema.Indel}, r["class"]) {
			continue
		}
		tv, pv := r.float("tissue_vaf"), r.float("plasma_vaf")
		if !(tv > 0) && r["tissue_status"] == schema.Called || !(pv > 0) && r["plasma_status"] == schema.Called {
			continue // called without a VAF: not drawn (the note counts them)
		}
		vaf := func(v float64) string {
			if !(v > 0) {
				return "not called"
			}
			return fmt.Sprintf("%.2f%%", 100*v)
		}
		name := r["protein"]
		if name == "." {
			name = fmt.Sprintf("%s:%s %s>%s", r["chrom"], r["pos"], r["ref"], r["alt"])
		}
		cat := label[r["category"]]
		if r["category"] == schema.PlasmaOnly && chFlagged(r) {
			cat += ", flagged clonal haematopoiesis"
		}
		want = append(want, fmt.Sprintf("%s · %s %s · %s: tissue VAF %s, plasma VAF %s", r["patient_id"], r["gene"], name, cat, vaf(tv), vaf(pv)))
	}
	sameTitles(t, "fig4_vaf_scatter", figureTitles(t, "fig4_vaf_scatter"), want)
}

// TestScatterTooltipsCapped: past maxPointTips points, figure 4's points
// have no tooltips (they pile up, and would double the SVG), its hexagons
// of shared variants still do.
func TestScatterTooltipsCapped(t *testing.T) {
	rs := loadFixture(t)
	big := *rs
	big.Alterations = nil
	for k := 0; k < 150; k++ { // 13,050 alterations: more than 5,000 points
		for _, a := range rs.Alterations {
			a.PatientID = fmt.Sprintf("%s-%d", a.PatientID, k)
			big.Alterations = append(big.Alterations, a)
		}
	}
	titles := svgTitles(t, "fig4_vaf_scatter", render(t, Lookup("fig4_vaf_scatter"), &big, goldenStyle, SVG))
	hexagons := 0
	for _, x := range titles {
		if strings.Contains(x, "tissue VAF") {
			t.Fatalf("a point's tooltip past the cap: %q", x)
		}
		if strings.HasSuffix(x, " in this hexagon") {
			hexagons++
		}
	}
	if hexagons == 0 || hexagons != len(titles) {
		t.Errorf("%d tooltips, %d of hexagons: want only hexagons'", len(titles), hexagons)
	}
}

// TestEveryFigureHasTooltips: every figure drawn from the fixture has
// titled marks in SVG, and none in PNG or PDF, whose bytes are the
// goldens' (TestGolden): tooltips change nothing else.
func TestEveryFigureHasTooltips(t *testing.T) {
	rs := loadFixture(t)
	for _, f := range Figures() {
		if titles := svgTitles(t, f.Name, render(t, f, rs, goldenStyle, SVG)); len(titles) == 0 {
			t.Errorf("%s: no tooltips", f.Name)
		}
	}
}

// TestTooltipsEscaped: a cancer type of the user's with markup, quotes and
// the tooltips' own marker element stays text, in the title and on the
// figure, and the SVG still parses.
func TestTooltipsEscaped(t *testing.T) {
	rs := loadFixture(t)
	const odd = `Lung <script>alert("x")</script> & 'co' <path d="" />`
	for i := range rs.Strata {
		if rs.Strata[i].Dimension == schema.DimCancerType && rs.Strata[i].Level == "Lung" {
			rs.Strata[i].Level = odd
		}
	}
	b := render(t, Lookup("fig1_cancer_type"), rs, goldenStyle, SVG)
	if bytes.Contains(b, []byte("<script")) {
		t.Fatal("markup from a cancer type reached the SVG unescaped")
	}
	titles := svgTitles(t, "fig1_cancer_type", b)
	found := 0
	for _, x := range titles {
		if strings.HasPrefix(x, odd+" · ") {
			found++
		}
	}
	if found != 3 { // Lung has shared, tissue-only and plasma-only alterations
		t.Errorf("%d tooltips name the cancer type %q, want 3: %q", found, odd, titles)
	}
}

// TestTooltipNesting: a tooltip that would not nest with the canvas's
// groups is refused (a bug in a figure), not written as broken SVG.
func TestTooltipNesting(t *testing.T) {
	for name, draw1 := range map[string]func(c draw.Canvas){
		"transform inside": func(c draw.Canvas) { end := tip(c, func() string { return "x" }); c.Translate(vg.Point{X: 1}); end() },
		"pop inside":       func(c draw.Canvas) { c.Push(); end := tip(c, func() string { return "x" }); c.Pop(); end() },
		"end in a push":    func(c draw.Canvas) { end := tip(c, func() string { return "x" }); c.Push(); end() },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tc := newTipCanvas(vgsvg.New(vg.Centimeter, vg.Centimeter))
			draw1(draw.New(tc))
		})
	}
	// nested tooltips and transforms inside a Push are fine
	tc := newTipCanvas(vgsvg.New(vg.Centimeter, vg.Centimeter))
	c := draw.New(tc)
	outer := tip(c, func() string { return "outer" })
	inner := tip(c, func() string { return "inner" })
	c.Push()
	c.Translate(vg.Point{X: 1})
	c.Fill(c.Rectangle.Path())
	c.Pop()
	inner()
	outer()
	var buf bytes.Buffer
	if _, err := tc.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if got := svgTitles(t, "nested", buf.Bytes()); !slices.Equal(got, []string{"outer", "inner"}) {
		t.Errorf("titles %q, want outer and inner", got)
	}
}

// tippedScatter's few glyph boxes pad a plot exactly as plotter.Scatter's
// box for every point does (gonum's Plot.DataCanvas, compared to the bit):
// random points, some outside the axes' range or NaN, many on the same
// or nearly the same coordinates (ties in the padding's floating point),
// on a linear and on figure 4's zero-log scale, with a line plotted
// before them, at several canvas sizes and glyph radii.
func TestScatterGlyphBoxesPad(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for k := range 400 {
		n := 1 + rng.IntN(300)
		xys := make(plotter.XYs, n)
		for i := range xys {
			switch rng.IntN(6) {
			case 0: // on a few shared values
				xys[i] = plotter.XY{X: float64(rng.IntN(3)) / 2, Y: float64(rng.IntN(3)) / 2}
			case 1: // next to them
				xys[i] = plotter.XY{X: math.Nextafter(float64(rng.IntN(3))/2, 2), Y: math.Nextafter(float64(rng.IntN(3))/2, -1)}
			case 2: // outside the range, or NaN
				xys[i] = plotter.XY{X: rng.Float64()*3 - 1, Y: math.NaN()}
				if rng.IntN(2) == 0 {
					xys[i].Y = rng.Float64()
				}
			default:
				xys[i] = plotter.XY{X: rng.Float64(), Y: rng.Float64()}
			}
		}
		sc, err := plotter.NewScatter(plotter.XYs{{X: 0.5, Y: 0.5}})
		if err != nil {
			t.Fatal(err)
		}
		sc.XYs = xys // NewScatter refuses NaN
		sc.GlyphStyle = draw.GlyphStyle{Radius: vg.Length(0.5 + rng.Float64()*6), Shape: draw.CircleGlyph{}}
		line, err := plotter.NewLine(plotter.XYs{{X: 0.1, Y: 0.1}, {X: 0.9, Y: 0.9}})
		if err != nil {
			t.Fatal(err)
		}
		w := vg.Length(50 + rng.IntN(400))
		c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: w * 0.8}}}
		var dcs [2]vg.Rectangle
		for j, layer := range []plot.Plotter{sc, tippedScatter{sc, nil}} {
			p := plot.New()
			if k%2 == 1 {
				s := zeroLogScale{lo: 0.001, hi: 1}
				p.X.Scale, p.Y.Scale = s, s
			}
			p.Add(line, layer)
			p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1 // after Add, which takes the data's range (NaN here)
			dcs[j] = p.DataCanvas(c).Rectangle
		}
		if dcs[0] != dcs[1] {
			t.Fatalf("case %d (%d points): data area %v, plotter.Scatter's %v", k, n, dcs[1], dcs[0])
		}
	}
}
