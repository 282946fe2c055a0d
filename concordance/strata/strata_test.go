package strata

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/stats"
)

// The counts of the six-patient fixture (helpers_test.go), derived by
// hand. Only counted rows count: P1's not-compared BRCA2 and its PIK3CA
// excluded by "ch" are in no stratum. Overall S = 3 (P1 KRAS, TP53; P2
// KRAS), T = 7 (P1 ERBB2 amp; P2 APC snv, APC indel; P3 TP53, the
// TMPRSS2–ERG fusion; P4 IDH1; P6 EGFR), P = 4 (P1 DNMT3A, P2 TP53, P6
// DNMT3A, CHEK2).
func TestStrataCounts(t *testing.T) {
	tab, err := Compute(sixPatients(), Options{TopGenes: 4})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		dim, level    string
		order, pts    int
		shared, to, p int
	}
	for _, w := range []want{
		{All, LevelAll, 1, 6, 3, 7, 4},
		// Cancer types grouped by OncoTree tissue; by patients, then
		// alterations.
		{CancerType, "Lung", 1, 3, 2, 2, 3},
		{CancerType, "Bowel", 2, 1, 1, 2, 1},
		{CancerType, "Prostate", 3, 1, 0, 2, 0},
		{CancerType, "CNS/Brain", 4, 1, 0, 1, 0},
		// Diagnoses: the free text grouped without regard to case and
		// spaces, spelled as the first patient has it.
		{Diagnosis, "Lung adenocarcinoma", 1, 3, 2, 2, 3},
		{Diagnosis, "Colorectal cancer", 2, 1, 1, 2, 1},
		{Diagnosis, "Prostate Adenocarcinoma", 3, 1, 0, 2, 0}, // no free text: OncoTree name of PRAD
		{Diagnosis, "Glioblastoma", 4, 1, 0, 1, 0},
		{CancerGroup, "common", 1, 5, 3, 6, 4},
		{CancerGroup, "rare", 2, 1, 0, 1, 0}, // GB
		{Stage, "II", 1, 1, 0, 2, 0},
		{Stage, "III", 2, 1, 1, 2, 1},
		{Stage, "IV", 3, 3, 2, 2, 3},
		{Stage, LevelUnknown, 4, 1, 0, 1, 0},
		{Class, "snv", 1, 5, 3, 4, 4},
		{Class, "indel", 2, 1, 0, 1, 0},
		{Class, "amplification", 3, 1, 0, 1, 0},
		{Class, "fusion", 4, 1, 0, 1, 0},
		// Top 4 genes: TP53 (3), then APC, DNMT3A, KRAS (2 each, by name).
		{Gene, "TP53", 1, 3, 1, 1, 1},
		{Gene, "APC", 2, 1, 0, 2, 0},
		{Gene, "DNMT3A", 3, 2, 0, 0, 2},
		{Gene, "KRAS", 4, 2, 2, 0, 0},
		{TFTier, "<1%", 1, 2, 0, 2, 2},
		{TFTier, "1-10%", 2, 1, 1, 2, 1},
		{TFTier, ">=10%", 3, 2, 2, 1, 1},
		{TFTier, LevelUnknown, 4, 1, 0, 2, 0},
		{TissueVAFBin, "<5%", 1, 1, 0, 1, 0},
		{TissueVAFBin, "5-10%", 2, 1, 0, 1, 0},
		{TissueVAFBin, "10-20%", 3, 1, 1, 0, 0},
		{TissueVAFBin, "20-40%", 4, 3, 2, 2, 0}, // P1 0.30, 0.25; P4 0.35; P6 0.20 (bins closed below)
		{TissueVAFBin, ">=40%", 5, 1, 0, 1, 0},
		{TissueVAFBin, LevelUnknown, 6, 2, 0, 2, 0}, // the amplification and the fusion
		{TissueVAFBin, LevelNoTissueCall, 7, 3, 0, 0, 4},
		{DaysBetween, "<=30", 1, 3, 2, 2, 3},
		{DaysBetween, "31-90", 2, 1, 1, 2, 1},
		{DaysBetween, ">90", 3, 1, 0, 1, 0}, // plasma 200 days before tissue
		{DaysBetween, LevelUnknown, 4, 1, 0, 2, 0},
	} {
		t.Run(w.dim+"/"+w.level, func(t *testing.T) {
			r := find(t, tab.Strata, w.dim, w.level)
			got := [5]int{r.Order, r.Patients, r.Counts.Shared, r.Counts.TissueOnly, r.Counts.PlasmaOnly}
			if got != [5]int{w.order, w.pts, w.shared, w.to, w.p} {
				t.Errorf("order, patients, S, T, P = %v, want %v", got, [5]int{w.order, w.pts, w.shared, w.to, w.p})
			}
		})
	}
	if n := len(tab.Strata); n != 38 {
		t.Errorf("%d rows, want the 38 above", n)
	}
	if tab.Bootstrap != nil {
		t.Error("bootstrap recorded with 0 replicates")
	}
	// The fusion counts under its driver only (issue 11): TMPRSS2–ERG is
	// an ERG alteration, and TMPRSS2 has no other, so no TMPRSS2 level.
	tab8, _ := Compute(sixPatients(), Options{TopGenes: 10})
	if r := find(t, tab8.Strata, Gene, "ERG"); r.Counts != (concordance.Counts{TissueOnly: 1}) {
		t.Errorf("gene ERG: %+v", r.Counts)
	}
	for _, r := range tab8.Strata {
		if r.Dimension == Gene && r.Level == "TMPRSS2" {
			t.Errorf("TMPRSS2, the fusion's 5′ partner, has a gene level: %+v", r)
		}
	}
}

// Wilson intervals, tests and q-values of the six-patient fixture, from
// testdata/strata_reference.out (R 4.2.2).
func TestStrataStatistics(t *testing.T) {
	tab, err := Compute(sixPatients(), Options{TopGenes: 4})
	if err != nil {
		t.Fatal(err)
	}
	all := tab.Overall()
	for _, c := range []struct {
		name     string
		got      stats.Interval
		est      float64
		low, hig float64
	}{
		{"shared share", all.Shares[0], 3.0 / 14, 0.0757138671269, 0.475892305866}, // prop.test(3, 14, correct = FALSE)
		{"PPA", all.PPA, 3.0 / 10, 0.107791267406, 0.603221852539},                 // prop.test(3, 10, correct = FALSE)
		{"PPV", all.PPV, 3.0 / 7, 0.158219855251, 0.749541635472},                  // prop.test(3, 7, correct = FALSE)
	} {
		if !close(c.got.Estimate, c.est, 1e-12) || !close(c.got.Low, c.low, 1e-9) || !close(c.got.High, c.hig, 1e-9) {
			t.Errorf("%s = %+v, want %v [%v, %v]", c.name, c.got, c.est, c.low, c.hig)
		}
	}
	for _, c := range []struct {
		dim, test string
		stat, p   float64
	}{
		{CancerType, "fisher_ppa", nan, 0.8},                        // fisher.test(rbind(c(2,2), c(1,2), c(0,2), c(0,1)))
		{Diagnosis, "fisher_ppa", nan, 0.8},                         // the same table
		{CancerGroup, "fisher_ppa", nan, 1},                         // fisher.test(rbind(c(3,6), c(0,1)))
		{Stage, "trend_ppa", 1.44, 0.230139340443},                  // prop.trend.test(c(0,1,2), c(2,3,4), c(2,3,4))
		{Class, "fisher_ppa", nan, 1},                               // fisher.test(rbind(c(3,4), c(0,1), c(0,1), c(0,1)))
		{Gene, "fisher_ppa", nan, 0.6},                              // fisher.test(rbind(c(1,1), c(0,2), c(2,0))): DNMT3A has no tissue call
		{TFTier, "fisher_ppa", nan, 0.678571428571},                 // fisher.test(rbind(c(0,2), c(1,2), c(2,1)))
		{TissueVAFBin, "trend_ppa", 0.275087719298, 0.599939126138}, // prop.trend.test(c(0,0,1,2,0), c(1,1,1,4,1), 1:5)
		{DaysBetween, "fisher_ppa", nan, 1},                         // fisher.test(rbind(c(2,2), c(1,2), c(0,1)))
	} {
		t.Run(c.dim, func(t *testing.T) {
			for _, r := range tab.Strata {
				if r.Dimension != c.dim {
					continue
				}
				if r.Alteration.Name != c.test || !close(r.Alteration.Statistic, c.stat, 1e-9) || !close(r.Alteration.P, c.p, 1e-9) {
					t.Fatalf("%s: %+v, want %s %v p %v", r.Level, r.Alteration, c.test, c.stat, c.p)
				}
				// p.adjust(p, "BH") over the nine p-values above is 1
				// for each (testdata/strata_reference.out has the eight
				// without diagnosis, whose p-value repeats cancer_type's).
				if !close(r.Alteration.Q, 1, 1e-12) {
					t.Fatalf("q = %v", r.Alteration.Q)
				}
			}
		})
	}
	if all.Alteration.Name != "" || !math.IsNaN(all.Alteration.P) || !math.IsNaN(all.Alteration.Q) || all.Clustered.Name != "" {
		t.Errorf("the all row has a test: %+v %+v", all.Alteration, all.Clustered)
	}
}

// structure builds 40 patients whose counts are known by construction:
// stage k (patients 10(k−1) … 10k−1) has k shared and 4−k tissue-only
// SNVs per patient; even patients (type "A") and every other odd one
// (i%4 == 1, type "B") have one plasma-only call. Shared calls are in gene
// G1 at tissue VAF 30%, tissue-only ones in G2 at 3%, plasma-only in G3.
// So: stage S = 10k of 40; A: S 50, T 30, P 20; B: S 50, T 30, P 10; genes
// G1 S100, G2 T60, G3 P30; VAF bins <5% T60, 20-40% S100.
func structure() []concordance.PatientResult {
	var out []concordance.PatientResult
	stages := []string{"I", "II", "III", "IV"}
	for i := 0; i < 40; i++ {
		k := i/10 + 1
		var alts []alt
		for j := 0; j < k; j++ {
			alts = append(alts, s(concordance.SNV, "G1", 0.30))
		}
		for j := k; j < 4; j++ {
			alts = append(alts, tis(concordance.SNV, "G2", 0.03))
		}
		typ := "A"
		if i%2 == 1 {
			typ = "B"
		}
		if i%2 == 0 || i%4 == 1 {
			alts = append(alts, pl("G3", 0))
		}
		out = append(out, patient("S"+string(rune('a'+i%26))+string(rune('a'+i/26)), typ, "", stages[k-1], nan, noDate, alts...))
	}
	return out
}

func TestTestsAndBH(t *testing.T) {
	tab, err := Compute(structure(), Options{TopGenes: 3})
	if err != nil {
		t.Fatal(err)
	}
	// testdata/strata_reference.out, "structure" lines (R 4.2.2). The
	// q-values are p.adjust(p, "BH") over the five p-values (cancer type
	// and diagnosis are the same free text here, so their tests repeat):
	// p × 5 / rank, then the running minimum from the largest, by hand.
	for _, c := range []struct {
		dim, test string
		stat, p   float64
		q         float64
	}{
		// chisq.test(rbind(c(50,30,20), c(50,30,10)), correct = FALSE); ranks 4 and 5
		{CancerType, "chisq", 2.81481481481, 0.244777068439, 0.244777068439},
		{Diagnosis, "chisq", 2.81481481481, 0.244777068439, 0.244777068439},
		// prop.trend.test(c(10,20,30,40), c(40,40,40,40), 1:4); rank 3
		{Stage, "trend_ppa", 53.3333333333, 2.81489334175e-13, 2.81489334175e-13 * 5 / 3},
		// chisq.test(rbind(c(100,0,0), c(0,60,0), c(0,0,30)), correct = FALSE); rank 1
		{Gene, "chisq", nan, 5.82212875636e-81, 5.82212875636e-81 * 5},
		// prop.trend.test(c(0,100), c(60,100), c(1,4)); rank 2
		{TissueVAFBin, "trend_ppa", nan, 1.13148379024e-36, 1.13148379024e-36 * 5 / 2},
		// Only "unknown" levels or a single level: no test, left out of BH.
		{CancerGroup, "", nan, nan, nan},
		{Class, "", nan, nan, nan},
		{TFTier, "", nan, nan, nan},
		{DaysBetween, "", nan, nan, nan},
	} {
		t.Run(c.dim, func(t *testing.T) {
			for _, r := range tab.Strata {
				if r.Dimension != c.dim {
					continue
				}
				a := r.Alteration
				if a.Name != c.test || !math.IsNaN(c.stat) && !close(a.Statistic, c.stat, 1e-9) ||
					!close(a.P, c.p, 1e-8) || !close(a.Q, c.q, 1e-8) {
					t.Fatalf("%s: %+v, want %s %v p %v q %v", r.Level, a, c.test, c.stat, c.p, c.q)
				}
			}
		})
	}
	// The stage trend shows with its intervals: PPA 0.25, 0.5, 0.75, 1
	// (10k/40).
	for k, l := range []string{"I", "II", "III", "IV"} {
		if r := find(t, tab.Strata, Stage, l); !close(r.PPA.Estimate, float64(k+1)/4, 1e-12) {
			t.Errorf("stage %s PPA %v", l, r.PPA.Estimate)
		}
	}
}

func TestCochranRule(t *testing.T) {
	for _, c := range []struct {
		table [][]int
		want  bool
	}{
		{[][]int{{50, 30, 20}, {50, 30, 10}}, true},
		{[][]int{{10, 10, 10}, {1, 1, 1}}, false},            // expected 0.33..1.1 < 1 somewhere
		{[][]int{{20, 20, 2}, {20, 20, 2}}, false},           // 2 of 6 cells (33%) below 5
		{[][]int{{20, 20, 0}, {20, 20, 0}}, true},            // the empty column is ignored
		{[][]int{{20, 0, 0}, {20, 0, 0}}, false},             // one column left
		{[][]int{{5, 5, 5}}, false},                          // one row
		{[][]int{{100, 0, 0}, {0, 60, 0}, {0, 0, 30}}, true}, // 1 of 9 cells (11%) below 5
	} {
		if got := cochranRule(c.table); got != c.want {
			t.Errorf("%v: %v", c.table, got)
		}
	}
}

// The bootstrap of every level must equal a direct patient bootstrap of
// that level's ratio: stats.Bootstrap draws the same patients as
// stats.BootstrapSums for a seed, and here the statistic is recomputed
// from the rows themselves, patient by patient, so a wrong column, level
// or patient in the assembly would show.
func TestBootstrapMatchesDirect(t *testing.T) {
	patients := append(sixPatients(), structure()...)
	opt := Options{TopGenes: 5, Replicates: 400, Seed: 7, Workers: 2}
	tab, err := Compute(patients, opt)
	if err != nil {
		t.Fatal(err)
	}
	dims := buildDimensions(patients, levels.New(patients, levels.Options{}), opt.TopGenes, nil)
	compared := 0
	for _, d := range dims {
		for _, level := range d.levels {
			row := find(t, tab.Strata, d.name, level)
			// Per patient, S, T and P of this level, straight from the rows.
			var S, T, P []float64
			for i := range patients {
				var c concordance.Counts
				for j := range patients[i].Rows {
					r := &patients[i].Rows[j]
					if r.Counted() && inLevel(d.name, level, &patients[i], r, patients) {
						c.Count(r.Category)
					}
				}
				S, T, P = append(S, float64(c.Shared)), append(T, float64(c.TissueOnly)), append(P, float64(c.PlasmaOnly))
			}
			res, err := stats.Bootstrap(len(patients), 2, func(counts []int32, out []float64) {
				var s, tt, p float64
				for i, n := range counts {
					s, tt, p = s+float64(n)*S[i], tt+float64(n)*T[i], p+float64(n)*P[i]
				}
				out[0], out[1] = ratio(s, s+tt+p), ratio(s, s+tt)
			}, stats.BootstrapOptions{Replicates: opt.Replicates, Seed: opt.Seed, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name      string
				got, want stats.Interval
			}{{"shared share", row.SharesBoot[0], res.Intervals[0]}, {"PPA", row.PPABoot, res.Intervals[1]}} {
				if !c.got.Defined() {
					continue // fewer than two patients: checked in TestDegenerate
				}
				compared++
				if c.got.Low != c.want.Low || c.got.High != c.want.High {
					t.Errorf("%s/%s %s: %+v, direct %+v", d.name, level, c.name, c.got, c.want)
				}
			}
		}
	}
	if compared < 40 {
		t.Errorf("only %d intervals compared", compared)
	}
}

// inLevel says, independently of the builder, whether a row of a patient
// belongs to a level.
func inLevel(dim, level string, pr *concordance.PatientResult, r *concordance.Row, all []concordance.PatientResult) bool {
	switch dim {
	case All:
		return true
	case CancerType:
		return levels.Organ(pr.Patient) == level
	case Diagnosis:
		return strings.EqualFold(strings.Join(strings.Fields(pr.Patient.CancerType), " "), level) ||
			pr.Patient.CancerType == "" && levels.Diagnosis(pr.Patient) == level
	case CancerGroup:
		return levels.CancerGroup(pr.Patient) == level
	case Stage:
		return levels.Stage(pr.Patient) == level
	case TFTier:
		return pr.TFTier() == level
	case DaysBetween:
		return levels.Days(pr.Patient) == level
	case Class:
		return r.Class.String() == level
	case Gene:
		return r.Gene == level
	case TissueVAFBin:
		return levels.RowVAFBin(r) == level
	}
	return false
}

func TestBootstrapSameForAnyWorkers(t *testing.T) {
	patients := append(sixPatients(), structure()...)
	var first *Table
	for _, w := range []int{1, 2, 7} {
		tab, err := Compute(patients, Options{TopGenes: 5, Replicates: 300, Seed: 11, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = tab
			continue
		}
		if !reflect.DeepEqual(nanFree(first), nanFree(tab)) {
			t.Errorf("workers %d changed the table", w)
		}
	}
	// A different seed gives different intervals.
	other, _ := Compute(patients, Options{TopGenes: 5, Replicates: 300, Seed: 12})
	if reflect.DeepEqual(nanFree(first), nanFree(other)) {
		t.Error("the seed does not change the bootstrap")
	}
}

// nanFree replaces NaN (never equal to itself) by a sentinel so tables can
// be compared with reflect.DeepEqual.
func nanFree(t *Table) []Stratum {
	out := append([]Stratum(nil), t.Strata...)
	fix := func(iv *stats.Interval) {
		for _, x := range []*float64{&iv.Estimate, &iv.Low, &iv.High} {
			if math.IsNaN(*x) {
				*x = -999
			}
		}
	}
	for i := range out {
		r := &out[i]
		for k := 0; k < 3; k++ {
			fix(&r.Shares[k])
			fix(&r.SharesBoot[k])
		}
		fix(&r.PPA)
		fix(&r.PPABoot)
		fix(&r.PPV)
		fix(&r.PPVBoot)
		for _, x := range []*float64{&r.Alteration.Statistic, &r.Alteration.DF1, &r.Alteration.DF2, &r.Alteration.P, &r.Alteration.Q,
			&r.Clustered.Statistic, &r.Clustered.DF1, &r.Clustered.DF2, &r.Clustered.P, &r.Clustered.Q} {
			if math.IsNaN(*x) {
				*x = -999
			}
		}
	}
	return out
}

func TestDegenerate(t *testing.T) {
	allShared := []concordance.PatientResult{
		patient("A", "x", "LUAD", "IV", 0.2, 3, s(concordance.SNV, "KRAS", 0.3), s(concordance.SNV, "TP53", 0.2)),
		patient("B", "x", "LUAD", "IV", 0.2, 3, s(concordance.SNV, "KRAS", 0.3)),
	}
	for _, c := range []struct {
		name     string
		patients []concordance.PatientResult
		check    func(t *testing.T, tab *Table)
	}{
		{"no patients", nil, func(t *testing.T, tab *Table) {
			if len(tab.Strata) != 1 || tab.Strata[0].Patients != 0 || tab.Strata[0].PPA.Defined() || tab.Strata[0].PPABoot.Defined() {
				t.Errorf("%+v", tab.Strata)
			}
		}},
		{"one patient", sixPatients()[:1], func(t *testing.T, tab *Table) {
			all := tab.Overall()
			if all.PPABoot.Defined() || all.SharesBoot[0].Defined() {
				t.Errorf("bootstrap interval from one patient: %+v", all.PPABoot)
			}
			// Patient-level dimensions have one level: no test. (Within
			// one patient, classes and genes can still be compared.)
			for _, r := range tab.Strata {
				if (r.Alteration.Name != "" || r.Clustered.Name != "") && r.Dimension != Class && r.Dimension != Gene {
					t.Errorf("%s has a test with one patient: %+v %+v", r.Dimension, r.Alteration, r.Clustered)
				}
				if r.Clustered.Name != "" {
					t.Errorf("%s has a clustered test with one patient: %+v", r.Dimension, r.Clustered)
				}
			}
		}},
		{"all shared", allShared, func(t *testing.T, tab *Table) {
			all := tab.Overall()
			// Wilson's exact upper bound at x = n, and the lower bound of
			// 3/3: prop.test(3, 3, correct = FALSE)$conf.int = 0.4385030 1.
			if all.PPA.Estimate != 1 || all.PPA.High != 1 || !close(all.PPA.Low, 0.4385030, 1e-6) {
				t.Errorf("PPA %+v", all.PPA)
			}
			if all.PPABoot.Low != 1 || all.PPABoot.High != 1 || all.Shares[1].Estimate != 0 || all.Shares[1].Low != 0 {
				t.Errorf("boot %+v, tissue-only share %+v", all.PPABoot, all.Shares[1])
			}
			// Every dimension has one level: no test.
			for _, r := range tab.Strata {
				if r.Alteration.Name != "" && r.Dimension != Gene {
					t.Errorf("%s/%s: test %+v", r.Dimension, r.Level, r.Alteration)
				}
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab, err := Compute(c.patients, Options{TopGenes: 3, Replicates: 200, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, tab)
		})
	}
	if _, err := Compute(nil, Options{Replicates: -1}); err == nil {
		t.Error("negative replicates accepted")
	}
	if _, err := Compute(nil, Options{Level: 1.5}); err == nil || !strings.Contains(err.Error(), "strata") {
		t.Errorf("level 1.5: %v", err)
	}
}
