package strata

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// rowsOf returns the rows of a stratum (dim2 "" for one-way rows).
func rowsOf(tab *Table, dim, dim2 string) []Stratum {
	var out []Stratum
	for _, r := range tab.Strata {
		if r.Dimension == dim && r.Dimension2 == dim2 {
			out = append(out, r)
		}
	}
	return out
}

// Two-way strata of the six-patient fixture, by hand. Cancer type × stage
// (two patient-level dimensions): Lung IV holds P1, P5, P6 (S 2, T 2, P
// 3), Bowel III P2 (1, 2, 1), Prostate II P3 (0, 2, 0), CNS/Brain unknown
// P4 (0, 1, 0). Class × stage (an alteration-level one): snv IV = P1 KRAS,
// TP53 shared, DNMT3A plasma-only; P6 EGFR tissue-only, DNMT3A and CHEK2
// plasma-only: S 2, T 1, P 3 in 2 patients (P5 has no alteration).
func TestTwoWayCounts(t *testing.T) {
	tab, err := Compute(sixPatients(), Options{TopGenes: 4, TwoWay: schema.TwoWayDefault})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		l1, l2            string
		o1, o2, pts       int
		shared, tissue, p int
	}
	check := func(dim, dim2 string, wants []want) {
		t.Helper()
		got := rowsOf(tab, dim, dim2)
		if len(got) != len(wants) {
			t.Fatalf("%s x %s: %d rows, want %d", dim, dim2, len(got), len(wants))
		}
		for i, w := range wants {
			r := got[i]
			g := want{r.Level, r.Level2, r.Order, r.Order2, r.Patients, r.Counts.Shared, r.Counts.TissueOnly, r.Counts.PlasmaOnly}
			if g != w {
				t.Errorf("%s x %s row %d: %+v, want %+v", dim, dim2, i, g, w)
			}
			if r.Name() != dim+" x "+dim2 {
				t.Errorf("row named %q", r.Name())
			}
		}
	}
	// Orders are the one-way ones: Lung 1, Bowel 2, Prostate 3, CNS/Brain 4;
	// stages II 1, III 2, IV 3, unknown 4.
	check(CancerType, Stage, []want{
		{"Lung", "IV", 1, 3, 3, 2, 2, 3},
		{"Bowel", "III", 2, 2, 1, 1, 2, 1},
		{"Prostate", "II", 3, 1, 1, 0, 2, 0},
		{"CNS/Brain", LevelUnknown, 4, 4, 1, 0, 1, 0},
	})
	check(Class, Stage, []want{
		{"snv", "II", 1, 1, 1, 0, 1, 0},
		{"snv", "III", 1, 2, 1, 1, 1, 1},
		{"snv", "IV", 1, 3, 2, 2, 1, 3},
		{"snv", LevelUnknown, 1, 4, 1, 0, 1, 0},
		{"indel", "III", 2, 2, 1, 0, 1, 0},
		{"amplification", "IV", 3, 3, 1, 0, 1, 0},
		{"fusion", "II", 4, 1, 1, 0, 1, 0},
	})
	// Every two-way stratum adds up to the one-way rows of both its
	// dimensions.
	for _, p := range schema.TwoWayDefault {
		for k, dim := range p {
			sums := map[string]concordance.Counts{}
			for _, r := range rowsOf(tab, p[0], p[1]) {
				l := r.Level
				if k == 1 {
					l = r.Level2
				}
				sums[l] = sums[l].Add(r.Counts)
			}
			for _, r := range rowsOf(tab, dim, "") {
				if sums[r.Level] != r.Counts {
					t.Errorf("%s x %s summed over %s: %s %+v, one-way %+v", p[0], p[1], dim, r.Level, sums[r.Level], r.Counts)
				}
			}
		}
	}
	// The one-way rows come first, then each two-way stratum in the order
	// given.
	last := ""
	for _, r := range tab.Strata {
		if last != "" && r.Dimension2 == "" {
			t.Fatalf("one-way row %s/%s after the two-way rows", r.Dimension, r.Level)
		}
		if r.Dimension2 != "" {
			last = r.Name()
		}
	}
	if last != "class x stage" {
		t.Errorf("last stratum %q", last)
	}
	for _, bad := range [][2]string{{"stage", "stage"}, {"all", "stage"}, {"stage", "smoking"}} {
		if _, err := Compute(sixPatients(), Options{TwoWay: [][2]string{bad}}); !errors.Is(err, ErrOptions) {
			t.Errorf("%v: %v", bad, err)
		}
	}
}

// The tests of a two-way stratum compare the levels of dimension2 within
// each level of dimension: in structure(), stage within each cancer type
// (A and B, both I–IV) gives each its own trend, the same as the one-way
// stage trend of that cancer type's patients alone; the q-values are BH
// over the two (one family).
func TestTwoWayTests(t *testing.T) {
	patients := structure()
	tab, err := Compute(patients, Options{TwoWay: [][2]string{{CancerType, Stage}}})
	if err != nil {
		t.Fatal(err)
	}
	var p []float64
	for _, typ := range []string{"A", "B"} {
		var own []concordance.PatientResult
		for _, pr := range patients {
			if pr.Patient.CancerType == typ {
				own = append(own, pr)
			}
		}
		alone, err := Compute(own, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := rowsOf(alone, Stage, "")[0]
		for _, r := range rowsOf(tab, CancerType, Stage) {
			if r.Level != typ {
				continue
			}
			if r.Clustered.Name != schema.TestTrendLogit || r.Clustered.Statistic != want.Clustered.Statistic || r.Clustered.P != want.Clustered.P ||
				r.Alteration.Name != schema.TestTrend || r.Alteration.P != want.Alteration.P {
				t.Errorf("%s/%s: %+v %+v, the cancer type alone %+v %+v", r.Level, r.Level2, r.Clustered, r.Alteration, want.Clustered, want.Alteration)
			}
		}
		p = append(p, want.Clustered.P)
	}
	q := stats.AdjustBH(p)
	for _, r := range rowsOf(tab, CancerType, Stage) {
		k := 0
		if r.Level == "B" {
			k = 1
		}
		if r.Clustered.Q != q[k] {
			t.Errorf("%s/%s: q %v, want %v", r.Level, r.Level2, r.Clustered.Q, q[k])
		}
	}
}

// The clustered test of a dimension is stats.RaoScott of its levels ×
// {S, T, P} table with patients as clusters, assembled here from the rows
// themselves, "unknown" left out.
func TestClusteredTestIsRaoScott(t *testing.T) {
	patients := append(sixPatients(), structure()...)
	for i := range patients {
		if i%3 == 0 { // a few patients of a third group
			patients[i].Patient.Stage = "III"
		}
	}
	tab, err := Compute(patients, Options{TopGenes: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, dim := range []string{Diagnosis, Class, DaysBetween, Gene} {
		var levelsOf []string
		for _, r := range rowsOf(tab, dim, "") {
			if r.Level != LevelUnknown && r.Counts.Total() > 0 {
				levelsOf = append(levelsOf, r.Level)
			}
		}
		row := map[string]int{}
		for k, l := range levelsOf {
			row[l] = k
		}
		var cells []stats.ClusterCell
		for i := range patients {
			for j := range patients[i].Rows {
				r := &patients[i].Rows[j]
				if !r.Counted() {
					continue
				}
				for _, l := range levelsOf {
					if inLevel(dim, l, &patients[i], r, patients) {
						col := map[concordance.Category]int{concordance.Shared: 0, concordance.TissueOnly: 1, concordance.PlasmaOnly: 2}[r.Category]
						cells = append(cells, stats.ClusterCell{Cluster: i, Row: row[l], Col: col, N: 1})
					}
				}
			}
		}
		want := stats.RaoScott(len(levelsOf), 3, cells)
		got := rowsOf(tab, dim, "")[0].Clustered
		if !want.Defined() || got.Name != schema.TestRaoScott || got.Statistic != want.F || got.DF1 != want.DF1 || got.DF2 != want.DF2 || got.P != want.P {
			t.Errorf("%s: %+v, RaoScott %+v", dim, got, want)
		}
	}
}

// A patient without a tumour fraction whose plasma has no somatic call is
// no_ctdna_detected: its own level, which tests and the detection model
// leave out (it is defined by the outcome).
func TestNoCtDNADetected(t *testing.T) {
	var patients []concordance.PatientResult
	for i := range 30 {
		tf := []float64{0.005, 0.05, 0.3}[i%3]
		var alts []alt
		for j := range 4 {
			vaf := 0.05 + 0.1*float64(j)
			if (i+j)%4 != 0 && i%3 != 0 || j == 3 {
				alts = append(alts, s(concordance.SNV, "G", vaf))
			} else {
				alts = append(alts, tis(concordance.SNV, "G", vaf))
			}
		}
		patients = append(patients, patient("T"+strconv.Itoa(i), "", "LUAD", "IV", tf, noDate, alts...))
	}
	// Six patients without a tumour fraction: four with nothing in the
	// plasma, two whose plasma has a call (TF unknown: no VAF to estimate
	// it from is what the classifier would say; here simply unknown).
	for i := range 6 {
		pr := patient("N"+strconv.Itoa(i), "", "LUAD", "IV", nan, noDate,
			tis(concordance.SNV, "G", 0.2), tis(concordance.SNV, "G", 0.3), tis(concordance.SNV, "G", 0.4))
		pr.UninformativePlasma = i < 4
		patients = append(patients, pr)
	}
	tab, err := Compute(patients, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(tab, TFTier, "")
	var names []string
	for _, r := range rows {
		names = append(names, r.Level)
	}
	if len(rows) != 5 || rows[0].Level != LevelNoCtDNA || rows[0].Patients != 4 || rows[4].Level != LevelUnknown || rows[4].Patients != 2 {
		t.Fatalf("tf_tier levels %q", names)
	}
	// The tests are those of the three measured tiers alone.
	var measured []concordance.PatientResult
	for _, pr := range patients {
		if concordance.Known(pr.TumorFraction) {
			measured = append(measured, pr)
		}
	}
	alone, _ := Compute(measured, Options{})
	want := rowsOf(alone, TFTier, "")[0]
	if rows[0].Clustered.P != want.Clustered.P || rows[0].Alteration.P != want.Alteration.P || want.Clustered.Name == "" {
		t.Errorf("tests %+v %+v, the measured tiers alone %+v %+v", rows[0].Clustered, rows[0].Alteration, want.Clustered, want.Alteration)
	}
	// The detection model leaves the 12 alterations of no_ctdna_detected
	// out and says so on the level's row; detection_vaf keeps them.
	var det, vaf ModelTerm
	note := ""
	for _, m := range Models(patients, 0) {
		switch {
		case m.Model == schema.ModelDetection && m.Term == stats.Intercept:
			det = m
		case m.Model == schema.ModelDetectionVAF && m.Term == stats.Intercept:
			vaf = m
		case m.Model == schema.ModelDetection && m.Term == schema.TermTFTier && m.Level == LevelNoCtDNA:
			note = m.Note
		}
	}
	if vaf.NAlterations-det.NAlterations < 12 || note != "12 alterations left out: the level is defined by the outcome (no tumour fraction and no somatic plasma call)" {
		t.Errorf("detection %d alterations, detection_vaf %d; note %q", det.NAlterations, vaf.NAlterations, note)
	}
}

// A sheet column is a patient-level dimension after the built-in ones, in
// strata.tsv and patient_strata.tsv, and can be a two-way stratum's.
func TestSheetColumns(t *testing.T) {
	patients := sixPatients()
	for i, v := range []string{"never", "current", "", "Never", "former", "current"} {
		patients[i].Patient.Extra = map[string]string{"smoking": v}
		if v == "" {
			patients[i].Patient.Extra = nil
		}
	}
	lv := levels.New(patients, levels.Options{Columns: []string{"smoking"}})
	tab, err := Compute(patients, Options{Levels: lv, TwoWay: [][2]string{{"smoking", Class}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rowsOf(tab, "smoking", "") {
		got = append(got, r.Level+":"+strconv.Itoa(r.Patients)+":"+strconv.Itoa(r.Counts.Total()))
	}
	// Counted alterations: current: P2 (4) and P6 (3); former: P5 (0);
	// never: P1 (4: its BRCA2 is not compared, its PIK3CA excluded) and P4
	// (1); unknown: P3 (2).
	if want := "current:2:7 former:1:0 never:2:5 unknown:1:2"; joined(got) != want {
		t.Errorf("smoking levels %s, want %s", joined(got), want)
	}
	if n := len(rowsOf(tab, "smoking", Class)); n == 0 {
		t.Error("no smoking x class rows")
	}
	var ps []string
	for _, r := range PatientStrata(patients, lv, 0) {
		if r.Dimension == "smoking" {
			ps = append(ps, r.Level)
		}
	}
	if joined(ps) != "current former never unknown" {
		t.Errorf("patient_strata smoking levels %q", ps)
	}
}

func joined(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

func TestSimulatedNote(t *testing.T) {
	for _, c := range []struct {
		p     float64
		draws int
		want  string
	}{
		{1.0 / 10001, 10000, "p < 1e-4 (simulated, 10,000 draws)"},
		{3.0 / 10001, 10000, "simulated, 10,000 draws"},
		{1.0 / 2001, 2000, "p < 5e-4 (simulated, 2,000 draws)"},
		{1.0 / 501, 500, "p < 0.002 (simulated, 500 draws)"},
		{0.5, 1000000, "simulated, 1,000,000 draws"},
	} {
		if got := SimulatedNote(c.p, c.draws); got != c.want {
			t.Errorf("SimulatedNote(%v, %d) = %q, want %q", c.p, c.draws, got, c.want)
		}
	}
	if math.IsNaN(noTest().P) != true {
		t.Error("noTest has a p-value")
	}
}
