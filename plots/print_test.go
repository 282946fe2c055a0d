package plots

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image/color"
	"image/png"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
)

// Tests of issue 13 §2: figures fit for print.

// pngSize reads a PNG's pixel size from its IHDR chunk.
func pngSize(t *testing.T, b []byte) (w, h int) {
	t.Helper()
	if len(b) < 24 || string(b[12:16]) != "IHDR" {
		t.Fatal("not a PNG")
	}
	return int(binary.BigEndian.Uint32(b[16:])), int(binary.BigEndian.Uint32(b[20:]))
}

// The PNG records its resolution: a pHYs chunk right after IHDR, in
// pixels per metre (PNG specification 11.3.5.3), with a valid CRC, and the
// image still decodes.
func TestPNGResolution(t *testing.T) {
	rs := loadFixture(t)
	for _, dpi := range []int{72, 300, 600} {
		b := render(t, Lookup("fig2_stage"), rs, Style{DPI: dpi, Width: 8 * vg.Centimeter}, PNG)
		const at = 8 + 25 // after the signature and IHDR
		if string(b[at+4:at+8]) != "pHYs" || binary.BigEndian.Uint32(b[at:]) != 9 {
			t.Fatalf("%d dpi: no pHYs chunk after IHDR", dpi)
		}
		// 300 dpi = 300/0.0254 = 11811.02 px/m, unit 1 (metre)
		want := uint32(math.Round(float64(dpi) / 0.0254))
		x, y, unit := binary.BigEndian.Uint32(b[at+8:]), binary.BigEndian.Uint32(b[at+12:]), b[at+16]
		if x != want || y != want || unit != 1 {
			t.Errorf("%d dpi: pHYs %d x %d unit %d, want %d x %d unit 1", dpi, x, y, unit, want, want)
		}
		if crc := binary.BigEndian.Uint32(b[at+17:]); crc != crc32.ChecksumIEEE(b[at+4:at+17]) {
			t.Errorf("%d dpi: pHYs CRC %08x is wrong", dpi, crc)
		}
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Errorf("%d dpi: %v", dpi, err)
		}
		// 8 cm at dpi: 8/2.54*dpi pixels (vgimg rounds up)
		if w, _ := pngSize(t, b); math.Abs(float64(w)-8/2.54*float64(dpi)) > 1 {
			t.Errorf("%d dpi: %d px wide, want %.1f", dpi, w, 8/2.54*float64(dpi))
		}
	}
}

// svgFontSizes are the font sizes an SVG uses, in points.
func svgFontSizes(svg []byte) map[float64]bool {
	out := map[float64]bool{}
	for _, m := range regexp.MustCompile(`font-size:([0-9.]+)px`).FindAllSubmatch(svg, -1) {
		f, _ := strconv.ParseFloat(string(m[1]), 64)
		out[math.Round(f*100)/100] = true
	}
	return out
}

// A preset fixes the type in points whatever the width, and the width of
// each figure: its narrow width for a figure that reads in one column.
func TestPresets(t *testing.T) {
	rs := loadFixture(t)
	for _, p := range Presets {
		t.Run(p.Name, func(t *testing.T) {
			if got, err := ParsePreset(strings.ToUpper(p.Name)); err != nil || got.Name != p.Name {
				t.Fatalf("ParsePreset(%q) = %v, %v", p.Name, got, err)
			}
			for _, name := range []string{"fig1_cancer_type", "fig2_stage"} {
				f := Lookup(name)
				svg := render(t, f, rs, Style{Preset: p}, SVG)
				width := p.Width
				if f.Narrow {
					width = p.Narrow
				}
				if !bytes.Contains(svg, []byte(fmt.Sprintf(`<svg width="%.5gpt"`, float64(width.Points())))) { // vgsvg writes 5 digits
					t.Errorf("%s: SVG is not %v wide: %.120s", name, width, svg)
				}
				// ticks at the preset's size; titles 11/9 of it, notes 8/9
				sizes := svgFontSizes(svg)
				for _, want := range []float64{p.Tick, p.Tick * titleSize / tickSize, p.Tick * noteSize / tickSize} {
					if !sizes[math.Round(want*100)/100] {
						t.Errorf("%s: no text of %.2f pt in %v", name, want, sizes)
					}
				}
			}
			// the same type whatever the width
			wide := svgFontSizes(render(t, Lookup("fig1_cancer_type"), rs, Style{Preset: p, Width: 2 * p.Width}, SVG))
			if !wide[p.Tick] {
				t.Errorf("at twice the width, no %v pt text: %v", p.Tick, wide)
			}
			// PNGs at the preset's resolution
			b := render(t, Lookup("fig2_stage"), rs, Style{Preset: p}, PNG)
			if w, _ := pngSize(t, b); math.Abs(float64(w)-float64(p.Narrow.Dots(float64(p.DPI)))) > 1 {
				t.Errorf("PNG %d px wide, want %v at %d dpi", w, p.Narrow, p.DPI)
			}
		})
	}
	if _, err := ParsePreset("billboard"); err == nil {
		t.Error("unknown preset accepted")
	}
}

// A bar figure is as tall as its bars need: each bar more adds one row's
// pitch (24 pt at the preset's type scale), whatever the width.
func TestHeightFromContent(t *testing.T) {
	poster := Presets[1]
	height := func(n int, width vg.Length) vg.Length {
		var rows []results.Stratum
		for i := 0; i < n; i++ {
			rows = append(rows, results.Stratum{Dimension: schema.DimCancerType, Level: fmt.Sprint("type ", i), Shared: 50, TissueOnly: 30, PlasmaOnly: 10, Patients: 20})
		}
		rs := &results.Set{Strata: rows}
		svg := string(render(t, Lookup("fig1_cancer_type"), rs, Style{Preset: poster, Width: width}, SVG))
		m := regexp.MustCompile(`height="([0-9.]+)pt"`).FindStringSubmatch(svg)
		if m == nil {
			t.Fatal("no height in the SVG")
		}
		h, _ := strconv.ParseFloat(m[1], 64)
		return vg.Length(h)
	}
	pitch := 24 * poster.Tick / tickSize
	for _, w := range []vg.Length{20 * vg.Centimeter, 40 * vg.Centimeter} {
		if d := float64(height(9, w) - height(4, w)); math.Abs(d-5*pitch) > 0.01 {
			t.Errorf("at %v, 5 bars more add %.2f pt, want %.2f", w, d, 5*pitch)
		}
	}
}

func TestFormatP(t *testing.T) {
	tests := []struct {
		p         float64
		simulated bool
		want      string
	}{
		{0.5, false, "p~=~0.50"},
		{0.0349, false, "p~=~0.035"},
		{0.001, false, "p~=~0.0010"},
		{0.00099, false, "p~<~0.001"},
		{1e-40, false, "p~<~0.001"},
		{1, false, "p~=~1.0"},
		// the floor of 10,000 draws, 1/10,001, is a bound
		{1.0 / 10001, true, "p~<~0.001 (simulated, 10,000 draws)"},
		{0.0123, true, "p~=~0.012 (simulated, 10,000 draws)"},
	}
	for _, tc := range tests {
		// ~ is a no-break space: a line never ends on "p <"
		want := strings.ReplaceAll(tc.want, "~", nbsp)
		if got := formatP(tc.p, tc.simulated); got != want {
			t.Errorf("formatP(%g, %v) = %q, want %q", tc.p, tc.simulated, got, want)
		}
	}
	ts := (&Style{}).textStyle(tickSize, false)
	if got := wrap(ts, "Across stages: "+formatP(0.0001, false), ts.Width("Across stages: p")); len(got) != 2 || got[1] != formatP(0.0001, false) {
		t.Errorf("a line broke inside the p-value: %q", got)
	}
	if thousands(10000) != "10,000" || thousands(999) != "999" || thousands(1234567) != "1,234,567" {
		t.Errorf("thousands: %s %s %s", thousands(10000), thousands(999), thousands(1234567))
	}
}

// One meaning per colour: the three category colours mean nothing else,
// and each reason has a colour of its own.
func TestOneMeaningPerColour(t *testing.T) {
	categories := map[color.Color]string{}
	for _, c := range categoryOrder {
		categories[CategoryColor(c)] = c
	}
	seen := map[color.Color]string{}
	for _, r := range append(append([]reasonStyle(nil), tissueReasons...), plasmaReasons...) {
		if c, ok := categories[r.color]; ok {
			t.Errorf("reason %s has the colour of %s", r.reason, c)
		}
		if other, ok := seen[r.color]; ok && !strings.HasPrefix(r.reason, "not_covered") {
			t.Errorf("reasons %s and %s share a colour", other, r.reason)
		}
		seen[r.color] = r.reason
	}
	if _, ok := categories[CHColor]; ok {
		t.Error("the CH colour is a category colour")
	}
	if seen[CHColor] != schema.ReasonCH {
		t.Errorf("CH's colour means %q in figure 10", seen[CHColor])
	}
}

// The UpSet figure counts patients by the exact set of categories of
// their alterations.
func TestPatientSets(t *testing.T) {
	p := func(s, tOnly, pOnly int) results.Patient {
		return results.Patient{Shared: s, TissueOnly: tOnly, PlasmaOnly: pOnly}
	}
	patients := []results.Patient{p(2, 0, 0), p(1, 0, 0), p(1, 3, 0), p(0, 2, 0), p(0, 0, 1), p(1, 1, 1), p(0, 0, 0), p(0, 4, 1), p(3, 0, 0)}
	bars, sizes, none := patientSets(patients)
	// shared only 3; shared+tissue 1; tissue only 1; plasma only 1;
	// all three 1; tissue+plasma 1; none 1
	if none != 1 || sizes != [3]int{5, 4, 3} {
		t.Errorf("none %d, set sizes %v; want 1, [5 4 3]", none, sizes)
	}
	if len(bars) != 6 || bars[0].member != [3]bool{true, false, false} || bars[0].n != 3 {
		t.Fatalf("bars %+v", bars)
	}
	total := 0
	for _, b := range bars {
		total += b.n
	}
	if total+none != len(patients) {
		t.Errorf("bars count %d patients and %d none, of %d", total, none, len(patients))
	}
	// ties: one set before two, two before three
	if bars[1].member != [3]bool{true, false, false} && setKey(bars[1].member) > setKey(bars[len(bars)-1].member) {
		t.Errorf("tie order %+v", bars)
	}
}

// A row's interval is the patient-bootstrap one when there is one, else
// Wilson's, marked so.
func TestForestPrimaryInterval(t *testing.T) {
	boot := results.Interval{Low: 0.2, High: 0.6}
	wilson := results.Interval{Low: 0.3, High: 0.5}
	none := results.Interval{Low: math.NaN(), High: math.NaN()}
	rows, _ := forestRows([]results.Stratum{
		{Level: "a", Shared: 4, TissueOnly: 4, PPA: 0.5, PPABoot: boot, PPACI: wilson},
		{Level: "b", Shared: 4, TissueOnly: 4, PPA: 0.5, PPABoot: none, PPACI: wilson},
	}, func(s string) string { return s })
	if rows[0].ci != boot || rows[0].wilson || rows[1].ci != wilson || !rows[1].wilson {
		t.Errorf("rows %+v", rows)
	}
}

// A bootstrap interval of no width (0/n: every resample the same) gives way
// to Wilson's, marked so.
func TestForestDegenerateBootstrap(t *testing.T) {
	wilson := results.Interval{Low: 0, High: 0.2775} // R: binom::binom.wilson(0, 10)
	rows, _ := forestRows([]results.Stratum{
		{Level: "a", Shared: 0, TissueOnly: 10, PPA: 0, PPABoot: results.Interval{Low: 0, High: 0}, PPACI: wilson},
	}, func(s string) string { return s })
	if rows[0].ci != wilson || !rows[0].wilson {
		t.Errorf("rows %+v", rows)
	}
}

// Figure 11 shows a cancer type that is not staged (all its patients in
// stage group "unknown", as CNS tumours are) without a stage: its cancer
// type x stage row repeats the cancer type's and is left out; a staged
// type keeps its rows.
func TestBloodAloneUnstaged(t *testing.T) {
	ci := results.Interval{Low: 0.1, High: 0.9}
	g := func(kind, cancer, stage string, patients int) results.BloodAloneGroup {
		return results.BloodAloneGroup{Kind: kind, CancerType: cancer, StageGroup: stage, Patients: patients, WithActionable: patients,
			FoundAny: patients / 2, FoundAnyFrac: 0.5, FoundAnyCI: ci, Judged: true, Rank: 1}
	}
	rs := &results.Set{BloodAlone: []results.BloodAloneGroup{
		g(schema.KindAll, "all", "all", 40),
		g(schema.KindStage, "all", schema.StageGroupIV, 15),
		g(schema.KindStage, "all", schema.StageGroupIII, 5),
		g(schema.KindStage, "all", schema.StageGroupUnknown, 20),
		g(schema.KindCancer, "Astrocytoma", "all", 20),
		g(schema.KindCancer, "Colorectal", "all", 20),
		g(schema.KindCell, "Astrocytoma", schema.StageGroupUnknown, 20),
		g(schema.KindCell, "Colorectal", schema.StageGroupIV, 15),
		g(schema.KindCell, "Colorectal", schema.StageGroupIII, 5),
	}}
	st := Style{}
	st = st.withDefaults(Lookup("fig11_blood_alone"))
	d, err := drawBloodAlone(rs, &st)
	if err != nil {
		t.Fatal(err)
	}
	boxes := newTextCanvas(st.Width, 100*vg.Centimeter)
	st.Height = 100 * vg.Centimeter
	Lookup("fig11_blood_alone").paint(boxes, d, &st, "")
	var labels []string
	for _, b := range boxes.boxes {
		labels = append(labels, b.text)
	}
	got := strings.Join(labels, "|")
	for _, want := range []string{"|Astrocytoma|", "|Colorectal, stage" + nbsp + "IV|", "|Colorectal, stage" + nbsp + "III|"} {
		if !strings.Contains(got, want) {
			t.Errorf("no row %q in %q", strings.Trim(want, "|"), got)
		}
	}
	if strings.Contains(got, "Astrocytoma, stage") {
		t.Errorf("a CNS tumour with a stage: %q", got)
	}
	if iii, iv := strings.Index(got, "|Stage III|"), strings.Index(got, "|Stage IV|"); iii < 0 || iv < 0 || iii > iv {
		t.Errorf("stage groups not in clinical order: %q", got)
	}
}

// The VAF scatter draws small variants only: a shared fusion with a plasma
// VAF and none in tissue (an RNA call) is not in the "not called in
// tissue" strip, and a copy-number call is counted as not drawn.
func TestVAFScatterClasses(t *testing.T) {
	alts := []results.Alteration{
		{PatientID: "P1", Class: schema.Fusion, Gene: "ALK", Category: schema.Shared, TissueStatus: schema.Called, PlasmaStatus: schema.Called, TissueVAF: math.NaN(), PlasmaVAF: 0.02},
		{PatientID: "P1", Class: schema.Amplification, Gene: "ERBB2", Category: schema.Shared, TissueStatus: schema.Called, PlasmaStatus: schema.Called, TissueVAF: math.NaN(), PlasmaVAF: math.NaN()},
		{PatientID: "P1", Class: schema.SNV, Gene: "TP53", Category: schema.Shared, TissueStatus: schema.Called, PlasmaStatus: schema.Called, TissueVAF: 0.3, PlasmaVAF: 0.05},
		{PatientID: "P2", Class: schema.SNV, Gene: "KRAS", Category: schema.TissueOnly, TissueStatus: schema.Called, PlasmaStatus: schema.NotDetected, TissueVAF: 0.2, PlasmaVAF: 0},
		{PatientID: "P2", Class: schema.Indel, Gene: "DNMT3A", Category: schema.PlasmaOnly, TissueStatus: schema.NotDetected, PlasmaStatus: schema.Called, TissueVAF: 0, PlasmaVAF: 0.004, Flags: []string{schema.FlagCHCandidate}},
		// a small variant the plasma called without a VAF: not drawn
		{PatientID: "P3", Class: schema.SNV, Gene: "BRAF", Category: schema.Shared, TissueStatus: schema.Called, PlasmaStatus: schema.Called, TissueVAF: 0.4, PlasmaVAF: math.NaN()},
	}
	r, err := Render(&bytes.Buffer{}, Lookup("fig4_vaf_scatter"), &results.Set{Alterations: alts}, Style{DPI: 40}, PNG)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1 in the bottom strip", "1 in the left strip", "1 called without a VAF", "2 copy-number, fusion and splice"} {
		if !strings.Contains(r.Note, want) {
			t.Errorf("note %q lacks %q", r.Note, want)
		}
	}
}

// Hexagonal bins keep every point, once, and bin the same tables the same
// way.
func TestHexBins(t *testing.T) {
	scale := zeroLogScale{lo: 0.001, hi: 1}
	var xy plotter.XYs
	for i := 0; i < 5000; i++ {
		xy = append(xy, plotter.XY{X: 0.05 + 0.9*float64(i%97)/97, Y: 0.001 + 0.5*float64(i%89)/89})
	}
	h := newHexBins(xy, scale, 36)
	n := 0
	for _, c := range h.cells {
		n += c.n
		if c.n > h.max {
			t.Errorf("cell of %d above the max %d", c.n, h.max)
		}
	}
	if n != len(xy) {
		t.Errorf("hexagons hold %d points of %d", n, len(xy))
	}
	again := newHexBins(xy, scale, 36)
	if fmt.Sprint(again.cells) != fmt.Sprint(h.cells) {
		t.Error("binning is not deterministic")
	}
	if hexRamp(1, 100) == hexRamp(100, 100) || hexRamp(10, 10) != (color.NRGBA{0x08, 0x27, 0x4A, 0xff}) {
		t.Error("ramp ends")
	}
}

// The detection figure's bins are strata.tsv's tissue-VAF bins with their
// ranges (schema.VAFBinUpper), and a bin of fewer than minBin alterations
// is not drawn.
func TestVAFBins(t *testing.T) {
	boot := results.Interval{Low: 0.3, High: 0.5}
	rs := &results.Set{Strata: []results.Stratum{
		{Dimension: schema.DimTissueVAFBin, Level: "<5%", LevelOrder: 1, Shared: 0, TissueOnly: 1, PPA: 0, PPABoot: boot},
		{Dimension: schema.DimTissueVAFBin, Level: "5-10%", LevelOrder: 2, Shared: 8, TissueOnly: 12, PPA: 0.4, PPABoot: boot},
		{Dimension: schema.DimTissueVAFBin, Level: ">=40%", LevelOrder: 5, Shared: 30, TissueOnly: 10, PPA: 0.75, PPABoot: boot},
		{Dimension: schema.DimTissueVAFBin, Level: schema.LevelNoTissueCall, LevelOrder: 7, PlasmaOnly: 5},
	}}
	bins, sparse := vafBins(rs, 0.01)
	if len(bins) != 2 || len(sparse) != 1 || sparse[0] != "<5% (0/1)" {
		t.Fatalf("bins %+v, sparse %v", bins, sparse)
	}
	if bins[0].lo != 0.05 || bins[0].hi != 0.10 || bins[1].lo != 0.40 || bins[1].hi != 1 || bins[1].st != 40 {
		t.Errorf("bins %+v", bins)
	}
}

// Levels are typeset for print; the tables keep their ASCII spelling.
func TestTypeset(t *testing.T) {
	for in, want := range map[string]string{
		">=10%": "≥10%", "<1%": "<1%", "1-10%": "1–10%", "0-II": "0–II", "<=5%": "≤5%",
		"5-10%": "5–10%", "non-small": "non-small", "unknown": "unknown", "-1": "-1",
	} {
		if got := typeset(in); got != want {
			t.Errorf("typeset(%q) = %q, want %q", in, got, want)
		}
	}
}

// The text handler's kept sizes are text.Plain's: strings in several
// faces and sizes, asked twice (the second answer from the cache), and
// again after the cache was emptied for being full.
func TestMeasuredBox(t *testing.T) {
	plain := text.Plain{Fonts: font.DefaultCache}
	m := &measured{Plain: plain}
	strs := []string{"", "Tissue only", "AVATAR 12%", "Ewing’s Sarcoma", "n = 1,775"}
	var fonts []font.Font
	for _, bold := range []bool{false, true} {
		for _, size := range []float64{7, 9.5, 24} {
			fonts = append(fonts, (&Style{}).font(size, bold))
		}
	}
	check := func() {
		for _, s := range strs {
			for _, f := range fonts {
				w0, h0, d0 := plain.Box(s, f)
				for range 2 {
					if w, h, d := m.Box(s, f); w != w0 || h != h0 || d != d0 {
						t.Fatalf("%q in %v: %v %v %v, text.Plain %v %v %v", s, f, w, h, d, w0, h0, d0)
					}
				}
			}
		}
	}
	check()
	m.n.Store(maxBoxes) // full: the next new size empties the cache
	m.Box("a new string", fonts[0])
	check()
	if n := m.n.Load(); n != int64(1+len(strs)*len(fonts)) {
		t.Errorf("%d sizes kept after the cache was emptied, want %d", n, 1+len(strs)*len(fonts))
	}
}
