package strata

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// readDetection builds patient results from testdata/detection.tsv, the
// synthetic cohort written by testdata/models_reference.R.
func readDetection(t *testing.T) []concordance.PatientResult {
	t.Helper()
	f, err := os.Open("testdata/detection.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tf := map[string]float64{"<1%": 0.005, "1-10%": 0.05, ">=10%": 0.2, "unknown": nan}
	code := map[string]string{"thoracic": "LUAD", "lower_gi": "COADREAD", "genitourinary": "PRAD"}
	cat := map[string]concordance.Category{"shared": concordance.Shared, "tissue_only": concordance.TissueOnly, "plasma_only": concordance.PlasmaOnly}
	var out []concordance.PatientResult
	sc := bufio.NewScanner(f)
	sc.Scan() // header: patient tf_tier stage group class tissue_vaf category
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(out) == 0 || out[len(out)-1].Patient.ID != c[0] {
			stage := c[2]
			if stage == "unknown" {
				stage = ""
			}
			// Continuous within the tier, as models_reference.R sets it:
			// the tier's value times 0.5 + (n mod 10)/10 for patient Pn.
			n, err := strconv.Atoi(strings.TrimPrefix(c[0], "P"))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, patient(c[0], "", code[c[3]], stage, tf[c[1]]*(0.5+float64(n%10)/10), noDate))
		}
		vaf := nan
		if c[5] != "." {
			if vaf, err = strconv.ParseFloat(c[5], 64); err != nil {
				t.Fatal(err)
			}
		}
		class, err := concordance.ParseClass(c[4])
		if err != nil {
			t.Fatal(err)
		}
		pr := &out[len(out)-1]
		pr.Rows = append(pr.Rows, alt{cat: cat[c[6]], class: class, gene: "G", vaf: vaf}.row())
	}
	return out
}

// The detection models on testdata/detection.tsv against R's glm with
// sandwich::vcovCL(fit, cluster = ~patient): testdata/models_reference.out
// (R 4.2.2, sandwich 3.0-2), copied below as estimate, robust SE, p and the
// Wald interval of the odds ratio.
func TestModelsAgainstR(t *testing.T) {
	rows := Models(readDetection(t), 0)
	type ref struct {
		model, term, level        string
		est, se, p, orLow, orHigh float64
	}
	refs := []ref{
		{schema.ModelDetection, stats.Intercept, "", 0.2546787815, 0.5068415611, 0.615328483, 0.4777286315, 3.4836130473},
		{schema.ModelDetection, schema.TermVAF, "", 1.1836909282, 0.3618325318, 0.001070248132, 1.6072299952, 6.6383912937},
		{schema.ModelDetection, schema.TermTFTier, "1-10%", 0.8990544826, 0.3859574814, 0.01983718224, 1.1532588524, 5.2357874108},
		{schema.ModelDetection, schema.TermTFTier, ">=10%", 1.6198380484, 0.4120022913, 8.43739983e-05, 2.2531481047, 11.3287948447},
		{schema.ModelDetection, schema.TermTFTier, "unknown", 1.0839573167, 0.5721728980, 0.05816429218, 0.9632127607, 9.0738403760},
		{schema.ModelDetection, schema.TermStage, "III", -0.0019350885, 0.3311126224, 0.9953370293, 0.5215741111, 1.9098672292},
		{schema.ModelDetection, schema.TermStage, "unknown", -0.2984903672, 0.5687329707, 0.5996986336, 0.2433665571, 2.2619013666},
		{schema.ModelDetection, schema.TermClass, "indel", 0.1751310971, 0.3072476705, 0.5686778639, 0.6524222712, 2.1756456383},
		{schema.ModelDetection, schema.TermOrganGroup, "genitourinary", -0.6725241376, 0.3756248829, 0.07338734348, 0.2444522270, 1.0657588755},
		{schema.ModelDetection, schema.TermOrganGroup, "thoracic", -0.9452851197, 0.3862017933, 0.01437930147, 0.1822771906, 0.8283301152},
		{schema.ModelDetectionVAF, stats.Intercept, "", 0.6133223528, 0.3486354657, 0.07854216045, 0.9324025809, 3.6569713665},
		{schema.ModelDetectionVAF, schema.TermVAF, "", 1.1846779425, 0.3271917990, 0.0002937563757, 1.7218405404, 6.2087655044},
		// detection_tf: the tumour fraction as log10(max(TF, 0.001)) on
		// the 53 patients with one, continuous within each tier.
		{schema.ModelDetectionTF, stats.Intercept, "", 1.6016869459, 0.7064266006, 0.02337139438, 1.2424885343, 19.8114022020},
		{schema.ModelDetectionTF, schema.TermVAF, "", 1.3329089699, 0.4014571532, 0.0008996026103, 1.7264502263, 8.3290593914},
		{schema.ModelDetectionTF, schema.TermTF, "", 0.9502683657, 0.2691361101, 0.0004142898267, 1.5261851916, 4.3831403761},
		{schema.ModelDetectionTF, schema.TermStage, "III", -0.0077940371, 0.3251986925, 0.9808789312, 0.5245724326, 1.8768290701},
		{schema.ModelDetectionTF, schema.TermStage, "unknown", -0.6006890924, 0.6296210409, 0.3400590263, 0.1596576160, 1.8839025913},
		{schema.ModelDetectionTF, schema.TermClass, "indel", 0.2432142095, 0.3129668485, 0.4370853133, 0.6906034199, 2.3551818917},
		{schema.ModelDetectionTF, schema.TermOrganGroup, "genitourinary", 0.6351667071, 0.4071165722, 0.1187222405, 0.8497890712, 4.1916754643},
		{schema.ModelDetectionTF, schema.TermOrganGroup, "lower_gi", 1.0218084506, 0.4088002118, 0.01243581203, 1.2467931297, 6.1906627116},
	}
	byKey := map[string]ModelTerm{}
	for _, r := range rows {
		byKey[r.Model+"/"+r.Term+"/"+r.Level] = r
		n, g := 289, 60 // "alterations 289 patients 60", "detection_tf: alterations 257 patients 53"
		if r.Model == schema.ModelDetectionTF {
			n, g = 257, 53
		}
		if r.NAlterations != n || r.NPatients != g {
			t.Errorf("%s/%s/%s: %d alterations, %d patients; R: %d, %d", r.Model, r.Term, r.Level, r.NAlterations, r.NPatients, n, g)
		}
	}
	for _, c := range refs {
		t.Run(c.model+"/"+c.term+"/"+c.level, func(t *testing.T) {
			r, ok := byKey[c.model+"/"+c.term+"/"+c.level]
			if !ok {
				t.Fatal("no row")
			}
			or := r.OddsRatio()
			if !close(r.Coef.Estimate, c.est, 1e-6) || !close(r.Coef.SE, c.se, 1e-6) || !close(r.Coef.P, c.p, 1e-6) ||
				!close(or.Low, c.orLow, 1e-6) || !close(or.High, c.orHigh, 1e-6) {
				t.Errorf("got %v se %v p %v OR [%v, %v]", r.Coef.Estimate, r.Coef.SE, r.Coef.P, or.Low, or.High)
			}
			if r.Note != "" && r.Term != stats.Intercept {
				t.Errorf("note %q", r.Note)
			}
		})
	}
	// References, and the alterations left out: 12 without a VAF
	// ("left out (no VAF) 12" in the R output).
	for _, k := range []string{"detection/tf_tier/<1%", "detection/stage/IV", "detection/class/snv", "detection/organ_group/lower_gi",
		"detection_tf/stage/IV", "detection_tf/class/snv", "detection_tf/organ_group/thoracic"} {
		if r := byKey[k]; !r.Reference || r.Coef.Estimate != 0 || r.OddsRatio().Estimate != 1 || r.Note != "reference" {
			t.Errorf("%s: %+v", k, r)
		}
	}
	if n := byKey["detection/(Intercept)/"].Note; n != "12 tissue alterations without a tissue VAF left out" {
		t.Errorf("intercept note %q", n)
	}
	if n := byKey["detection_tf/(Intercept)/"].Note; n != "12 tissue alterations without a tissue VAF left out; 32 alterations of patients without a tumour fraction left out" {
		t.Errorf("detection_tf intercept note %q", n)
	}
	if len(rows) != 27 {
		t.Errorf("%d rows, want 10 coefficients + 4 references + 2 + 8 coefficients + 3 references", len(rows))
	}
}

// sparseAndSeparated: 20 patients with 4 tissue SNVs each. The four at TF
// 0.2% detect nothing (separation of TF tier "<1%"); stages I and II have
// 4 alterations each, merged into "I-II" (8, still fewer than 10), then
// with III; every alteration is an SNV, so class has a single level.
func sparseAndSeparated() []concordance.PatientResult {
	var out []concordance.PatientResult
	for i := 0; i < 20; i++ {
		stage, tf := "IV", 0.05
		switch {
		case i == 0:
			stage = "I"
		case i == 1:
			stage = "II"
		case i < 6:
			stage = "III"
		}
		if i >= 16 {
			tf = 0.002
		} else if i%2 == 0 {
			tf = 0.3
		}
		var alts []alt
		for j := 0; j < 4; j++ {
			vaf := 0.02 + 0.1*float64(j) + 0.01*float64(i%5)
			detected := tf >= 0.01 && (j+i)%3 != 0
			if detected {
				alts = append(alts, s(concordance.SNV, "G", vaf))
			} else {
				alts = append(alts, tis(concordance.SNV, "G", vaf))
			}
		}
		out = append(out, patient("Q"+strconv.Itoa(i), "", "LUAD", stage, tf, noDate, alts...))
	}
	return out
}

func TestModelsSparseAndSeparated(t *testing.T) {
	rows := Models(sparseAndSeparated(), 0)
	notes := map[string]string{}
	for _, r := range rows {
		if r.Model != schema.ModelDetection {
			continue
		}
		notes[r.Term+"/"+r.Level] = r.Note
		for _, x := range []float64{r.Coef.Estimate, r.Coef.SE} {
			if math.IsInf(x, 0) {
				t.Errorf("%s/%s: infinite", r.Term, r.Level)
			}
		}
	}
	for key, want := range map[string]string{
		// Patients 16–19: TF 0.2%, 16 alterations, none detected.
		"tf_tier/<1%": "none of 16 detected: odds ratio infinite (separation); left out",
		// Stage I (4) and II (4) merge, then the 8 merge with III (16).
		"stage/I-III": "merged from I, II, III (fewer than 10 alterations)",
		"class/snv":   "term not in the model: fewer than two levels with 10 or more alterations",
	} {
		if got := notes[key]; !strings.Contains(got, want) {
			t.Errorf("%s: note %q, want %q", key, got, want)
		}
	}
	// The model is fitted on the rest: 64 alterations of 16 patients.
	for _, r := range rows {
		if r.Model == schema.ModelDetection && (r.NAlterations != 64 || r.NPatients != 16) {
			t.Fatalf("%s/%s: %d alterations of %d patients", r.Term, r.Level, r.NAlterations, r.NPatients)
		}
	}
	slope := rows[1]
	if slope.Term != schema.TermVAF || !slope.Estimable() {
		t.Errorf("slope %+v", slope)
	}
}

func TestModelsDegenerate(t *testing.T) {
	allDetected := []concordance.PatientResult{
		patient("A", "", "LUAD", "IV", 0.2, noDate, s(concordance.SNV, "G", 0.3), s(concordance.SNV, "G", 0.1)),
		patient("B", "", "LUAD", "IV", 0.2, noDate, s(concordance.SNV, "G", 0.2)),
	}
	onePatient := []concordance.PatientResult{
		patient("A", "", "LUAD", "IV", 0.2, noDate, s(concordance.SNV, "G", 0.3), tis(concordance.SNV, "G", 0.1), s(concordance.SNV, "G", 0.2)),
	}
	// Detection exactly where tissue VAF ≥ 10%: the slope is separated.
	var vafSeparated []concordance.PatientResult
	for i := 0; i < 6; i++ {
		vafSeparated = append(vafSeparated, patient("V"+strconv.Itoa(i), "", "LUAD", "IV", 0.2, noDate,
			s(concordance.SNV, "G", 0.2+0.01*float64(i)), tis(concordance.SNV, "G", 0.02+0.01*float64(i))))
	}
	for _, c := range []struct {
		name     string
		patients []concordance.PatientResult
		note     string
	}{
		{"no patients", nil, "no tissue alterations left to model"},
		{"no VAF", []concordance.PatientResult{patient("A", "", "", "", nan, noDate, tis(concordance.Amplification, "ERBB2", nan))},
			"no tissue alterations left to model"},
		{"all detected", allDetected, "3 of 3 alterations detected: the odds of detection are not estimable"},
		{"one patient", onePatient, "one patient: no cluster-robust standard errors"},
		{"separated by VAF", vafSeparated, "the outcome is separated by the design (estimates do not exist)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows := Models(c.patients, 0)
			if len(rows) < 4 {
				t.Fatalf("%d rows", len(rows))
			}
			for _, r := range rows {
				if r.Estimable() {
					t.Errorf("%s/%s/%s estimated: %+v", r.Model, r.Term, r.Level, r.Coef)
				}
				if r.Term == stats.Intercept && !strings.Contains(r.Note, c.note) {
					t.Errorf("%s note %q, want %q", r.Model, r.Note, c.note)
				}
			}
		})
	}
}

func TestMergeNames(t *testing.T) {
	tf, stage := modelFactors[0], modelFactors[1]
	for _, c := range []struct {
		spec factorSpec
		i, j int
		want string
	}{
		{tf, 0, 1, "<10%"}, {tf, 1, 2, ">=1%"}, {tf, 0, 2, "any"},
		{stage, 0, 2, "0-II"}, {stage, 3, 4, "III-IV"},
	} {
		if got := c.spec.merged(c.i, c.j); got != c.want {
			t.Errorf("%s %d..%d: %s, want %s", c.spec.term, c.i, c.j, got, c.want)
		}
	}
}
