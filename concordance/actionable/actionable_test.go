package actionable

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
	"github.com/concord-oncology/concord/concordance/schema"
)

func small(gene, protein, consequence, exon string) (*concordance.Alteration, *concordance.Call) {
	a := concordance.Alteration{Class: concordance.SNV, Gene: gene, Protein: protein,
		Variant: concordance.Variant{Chrom: "chr7", Pos: 100, Ref: "A", Alt: "T"}}
	c := concordance.NewCall(concordance.Tissue, a, concordance.Source{})
	c.Consequence, c.Exon = consequence, exon
	return &a, &c
}

// The built-in table: every line names a source, and real notations of
// the biomarkers find their cohorts (protein changes compared through
// package hgvs, so three-letter and one-letter forms agree).
func TestDefaultTable(t *testing.T) {
	d := Default()
	if len(d.Rules) < 25 {
		t.Fatalf("%d rules", len(d.Rules))
	}
	for _, r := range d.Rules {
		if r.Source == "" {
			t.Errorf("rule %s %s names no source", r.Gene, r.Pattern)
		}
	}
	for _, tc := range []struct {
		gene, protein, consequence, exon string
		want                             string
	}{
		{"BRAF", "p.V600E", "missense_variant", "15/18", "BRAF V600"},
		{"BRAF", "p.Val600Lys", "missense_variant", "15/18", "BRAF V600"},
		{"BRAF", "p.V600_K601delinsE", "protein_altering_variant", "15/18", "BRAF V600"},
		{"BRAF", "p.G469A", "missense_variant", "11/18", ""},
		{"BRAF", "p.V601E", "missense_variant", "15/18", ""},
		{"KRAS", "p.G12C", "missense_variant", "2/5", "KRAS G12C"},
		{"KRAS", "p.Gly12Cys", "missense_variant", "2/5", "KRAS G12C"},
		{"KRAS", "p.G12D", "missense_variant", "2/5", ""},
		{"EGFR", "p.E746_A750del", "inframe_deletion", "19/28", "EGFR sensitising"},
		{"EGFR", "p.L747_P753delinsS", "inframe_deletion", "19/28", "EGFR sensitising"},
		{"EGFR", "p.E746_A750del", "inframe_deletion", "", "EGFR sensitising"}, // no exon: the codon range
		{"EGFR", "p.L858R", "missense_variant", "21/28", "EGFR sensitising"},
		{"EGFR", "p.Leu858Arg", "missense_variant", "21/28", "EGFR sensitising"},
		{"EGFR", "p.G719S", "missense_variant", "18/28", "EGFR sensitising"},
		{"EGFR", "p.G719A", "missense_variant", "18/28", "EGFR sensitising"},
		{"EGFR", "p.L861Q", "missense_variant", "21/28", "EGFR sensitising"},
		{"EGFR", "p.S768I", "missense_variant", "20/28", "EGFR sensitising"},
		{"EGFR", "p.T790M", "missense_variant", "20/28", "EGFR T790M"},
		{"EGFR", "p.A767_V769dup", "inframe_insertion", "20/28", "EGFR exon 20 insertion"},
		{"EGFR", "p.D770_N771insSVD", "inframe_insertion", "20/28", "EGFR exon 20 insertion"},
		{"EGFR", "p.L858M", "missense_variant", "21/28", ""},
		{"EGFR", "p.A767_V769del", "inframe_deletion", "20/28", ""}, // an exon 20 deletion is neither
		{"ERBB2", "p.Y772_A775dup", "inframe_insertion", "20/27", "ERBB2 mutation"},
		{"ERBB2", "p.S310F", "missense_variant", "8/27", "ERBB2 mutation"},
		{"PIK3CA", "p.H1047R", "missense_variant", "21/21", "PIK3CA hotspot"},
		{"PIK3CA", "p.E545K", "missense_variant", "10/21", "PIK3CA hotspot"},
		{"PIK3CA", "p.H1047Q", "missense_variant", "21/21", ""},
		{"IDH1", "p.R132H", "missense_variant", "4/10", "IDH1 R132"},
		{"BRCA2", "p.E1493Vfs*10", "frameshift_variant", "11/27", "BRCA1/2 loss of function"},
		{"BRCA1", "p.Q1756Pfs*74", "frameshift_variant", "20/23", "BRCA1/2 loss of function"},
		{"BRCA1", "p.R1699W", "missense_variant", "18/23", ""},
		{"KIT", "p.W557_K558del", "inframe_deletion", "11/21", "KIT mutation"},
		{"PDGFRA", "p.D842V", "missense_variant", "18/23", "PDGFRA exon 18"},
		{"ESR1", "p.D538G", "missense_variant", "8/8", "ESR1 mutation"},
		{"AKT1", "p.E17K", "missense_variant", "3/14", "AKT1 E17K"},
		{"RET", "p.M918T", "missense_variant", "16/20", "RET mutation"},
		{"MET", "", "splice_donor_variant", "14/21", "MET exon 14 skipping"},
		{"TP53", "p.R273H", "missense_variant", "8/11", ""},
	} {
		t.Run(tc.gene+" "+tc.protein, func(t *testing.T) {
			a, c := small(tc.gene, tc.protein, tc.consequence, tc.exon)
			got := strings.Join(d.Cohorts(a, c), ";")
			if got != tc.want {
				t.Errorf("cohorts %q, want %q", got, tc.want)
			}
			// Actionable is "Cohorts is not empty", for a row whose call
			// carries the annotation.
			r := &concordance.Row{Alteration: *a, Tissue: concordance.Observation{Calls: []*concordance.Call{c}}}
			if got := d.Actionable(r); got != (tc.want != "") {
				t.Errorf("actionable %v, want %v", got, tc.want != "")
			}
		})
	}
	for _, tc := range []struct {
		a    concordance.Alteration
		want string
	}{
		{concordance.Alteration{Class: concordance.Amplification, Gene: "ERBB2"}, "ERBB2 amplification"},
		{concordance.Alteration{Class: concordance.Amplification, Gene: "MET"}, "MET amplification"},
		{concordance.Alteration{Class: concordance.Deletion, Gene: "ERBB2"}, ""},
		// Fusions are looked up under their driver (genes.Fusion): the 3′
		// kinase of EML4–ALK and KIF5B–RET, NTRK3 before ETV6 (both on the
		// driver list, NTRK3 first), the 5′ FGFR2 of FGFR2–BICC1 (issue 11:
		// it was filed under BICC1), with or without a known orientation.
		{genes.Fusion(genes.Side{"EML4"}, genes.Side{"ALK"}, true), "ALK fusion"},
		{genes.Fusion(genes.Side{"KIF5B"}, genes.Side{"RET"}, true), "RET fusion"},
		{genes.Fusion(genes.Side{"ETV6"}, genes.Side{"NTRK3"}, true), "NTRK fusion"},
		{genes.Fusion(genes.Side{"FGFR2"}, genes.Side{"BICC1"}, true), "FGFR2 fusion"},
		{genes.Fusion(genes.Side{"BICC1"}, genes.Side{"FGFR2"}, false), "FGFR2 fusion"},
		{genes.Fusion(genes.Side{"TMPRSS2"}, genes.Side{"ERG"}, true), ""},
		// A rule is found under the driver only: an EML4 rule would not
		// make EML4–ALK an EML4 alteration, nor KIF5B a KIF5B one.
		{concordance.Alteration{Class: concordance.Fusion, Gene: "ERG", Partner: "RET"}, ""},
		{concordance.Alteration{Class: concordance.Splice, Gene: "MET", Exons: "14"}, "MET exon 14 skipping"},
		{concordance.Alteration{Class: concordance.Splice, Gene: "MET", Exons: "13"}, ""},
	} {
		if got := strings.Join(d.Cohorts(&tc.a, nil), ";"); got != tc.want {
			t.Errorf("%s: cohorts %q, want %q", tc.a.Label(), got, tc.want)
		}
		if got := d.Actionable(&concordance.Row{Alteration: tc.a}); got != (tc.want != "") {
			t.Errorf("%s: actionable %v, want %v", tc.a.Label(), got, tc.want != "")
		}
	}
}

func TestReadTable(t *testing.T) {
	text := "# my cohorts\nGene\tAlteration\tCohort\tSource\textra\n" +
		"BRAF\tp.V600E\tBRAF V600E only\ttrial X\tignored\n" +
		"\n" +
		"NRAS\tp.Q61\tNRAS Q61\t\n"
	tb, err := Read(strings.NewReader(text), "mine.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rules) != 2 || tb.Rules[1].Line != 5 || tb.Rules[0].Source != "trial X" {
		t.Fatalf("rules %+v", tb.Rules)
	}
	a, c := small("BRAF", "p.V600K", "missense_variant", "")
	if got := tb.Cohorts(a, c); len(got) != 0 {
		t.Errorf("p.V600K matched %v under a V600E-only rule", got)
	}
	a, c = small("NRAS", "p.Q61R", "missense_variant", "")
	if got := tb.Cohorts(a, c); len(got) != 1 || got[0] != "NRAS Q61" {
		t.Errorf("p.Q61R: %v", got)
	}
	for _, tc := range []struct {
		name, text string
		line       int
		msg        string
	}{
		{"empty", "", 1, "empty table"},
		{"no cohort column", "gene\talteration\nBRAF\tp.V600E\n", 1, `lacks column "cohort"`},
		{"bad pattern", "gene\talteration\tcohort\nBRAF\tV600 somewhere\tX\n", 2, `unknown alteration pattern "V600 somewhere"`},
		{"bad protein", "gene\talteration\tcohort\n# c\nBRAF\tp.V600EE\tX\n", 3, "p.V600EE"},
		{"empty cohort", "gene\talteration\tcohort\nBRAF\tp.V600E\t\n", 2, "must not be empty"},
		{"backwards range", "gene\talteration\tcohort\nEGFR\tp.761-729:deletion\tX\n", 2, "runs backwards"},
		{"no rules", "gene\talteration\tcohort\n", 1, "no rules"},
		{"cohort not UTF-8", "gene\talteration\tcohort\nBRAF\tp.V600E\tM\xe9lanome\n", 2, `"M\xe9lanome" is not UTF-8 text`},
		{"NUL in a source", "gene\talteration\tcohort\tsource\nBRAF\tp.V600E\tX\tA\x00B\n", 2, `U+0000`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.text), "t.tsv")
			var le *concordance.LineError
			if !errors.As(err, &le) || le.Line != tc.line || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v, want line %d with %q", err, tc.line, tc.msg)
			}
		})
	}
}

// patient makes a patient result with rows: each actionable flag says
// whether the row is BRAF V600E (actionable) or APC (not); t and p say
// which sides called it.
type rowSpec struct {
	actionable, t, p bool
	excluded         string
}

func patientWith(id, cancer, stage string, rows ...rowSpec) concordance.PatientResult {
	pr := concordance.PatientResult{Patient: &concordance.Patient{ID: id, CancerType: cancer, Stage: stage}}
	for i, s := range rows {
		a := concordance.Alteration{Class: concordance.SNV, Gene: "APC", Protein: "p.R1450*",
			Variant: concordance.Variant{Chrom: "chr1", Pos: 100 + i, Ref: "C", Alt: "T"}}
		if s.actionable {
			a.Gene, a.Protein = "BRAF", "p.V600E"
		}
		r := concordance.Row{Alteration: a, Excluded: s.excluded}
		for _, side := range []struct {
			s      concordance.Side
			called bool
		}{{concordance.Tissue, s.t}, {concordance.Plasma, s.p}} {
			o := r.Side(side.s)
			o.Status = concordance.NotDetected
			if side.called {
				c := concordance.NewCall(side.s, a, concordance.Source{})
				o.Status, o.Calls = concordance.Called, []*concordance.Call{&c}
			}
		}
		pr.Rows = append(pr.Rows, r)
	}
	return pr
}

func TestBloodAlone(t *testing.T) {
	var patients []concordance.PatientResult
	// Colorectal, stage IV: 12 patients with BRAF V600E in tissue, found
	// in plasma in 9; one of them also has an unfound second V600-type
	// row (found_any but not found_all).
	for i := 0; i < 12; i++ {
		rows := []rowSpec{{actionable: true, t: true, p: i < 9}}
		if i == 0 {
			rows = append(rows, rowSpec{actionable: true, t: true, p: false})
		}
		patients = append(patients, patientWith("C"+string(rune('a'+i)), "Colorectal Adenocarcinoma", "IV", rows...))
	}
	// Colorectal written differently, stage III: one patient, found.
	patients = append(patients, patientWith("C-III", "colorectal  adenocarcinoma", "III", rowSpec{actionable: true, t: true, p: true}))
	// Lung, stage IV: 2 patients without actionable tissue alterations,
	// one with a plasma-only actionable call, one whose only actionable
	// alteration is excluded.
	patients = append(patients, patientWith("L1", "Lung Adenocarcinoma", "IV", rowSpec{t: true, p: true}))
	patients = append(patients, patientWith("L2", "Lung Adenocarcinoma", "IV", rowSpec{actionable: true, p: true}))
	patients = append(patients, patientWith("L3", "Lung Adenocarcinoma", "IV", rowSpec{actionable: true, t: true, p: true, excluded: "ch"}))
	// A failed plasma sample: left out.
	f := patientWith("F", "Lung Adenocarcinoma", "IV", rowSpec{actionable: true, t: true})
	f.Failed[concordance.Plasma] = true
	patients = append(patients, f)

	groups := BloodAlone(patients, Default(), Options{})
	byKey := map[string]Group{}
	for _, g := range groups {
		byKey[g.CancerType+"|"+g.StageGroup] = g
	}
	crc := byKey["Bowel|IV"] // cancer types grouped by OncoTree tissue
	// 9 of 12 found: Wilson (R: prop.test(9, 12, correct = FALSE)$conf.int)
	// 0.4676946651 to 0.9110583316; all found in 8 of 12 (the first
	// patient's second alteration was missed): prop.test(8, 12, correct =
	// FALSE) 0.3906220889 to 0.8618799089.
	if crc.Patients != 12 || crc.WithActionable != 12 || crc.FoundAny != 9 || crc.FoundAll != 8 || !crc.Judged || crc.Rank != 1 ||
		math.Abs(crc.AnyCI.Low-0.4676946651) > 1e-9 || math.Abs(crc.AnyCI.High-0.9110583316) > 1e-9 ||
		math.Abs(crc.AllCI.Low-0.3906220889) > 1e-9 || math.Abs(crc.AllCI.High-0.8618799089) > 1e-9 {
		t.Errorf("colorectal IV: %+v", crc)
	}
	// One patient: defined fraction, wide interval, not judged.
	one := byKey["Bowel|III"]
	if one.Patients != 1 || one.WithActionable != 1 || one.FoundAny != 1 || one.Judged || one.Rank != 0 {
		t.Errorf("colorectal III (one patient, case-folded name): %+v", one)
	}
	margin := byKey["Bowel|all"]
	if margin.Kind != schema.KindCancer || margin.Patients != 13 || margin.FoundAny != 10 {
		t.Errorf("colorectal margin: %+v", margin)
	}
	lung := byKey["Lung|IV"]
	if lung.Patients != 3 || lung.WithActionable != 0 || lung.PlasmaOnlyActionable != 1 || lung.Judged {
		t.Errorf("lung IV: %+v", lung)
	}
	all := byKey["all|all"]
	if all.Kind != schema.KindAll || all.Patients != 16 || all.WithActionable != 13 {
		t.Errorf("cohort: %+v", all)
	}
	if groups[0].Kind != schema.KindAll {
		t.Errorf("first row %+v, want the cohort", groups[0])
	}

	// A group without actionable patients has undefined fractions and
	// intervals (written "." by package output).
	if lung.AnyCI.Defined() || lung.AllCI.Defined() || lung.FoundAny != 0 || lung.Rank != 0 {
		t.Errorf("lung IV intervals: %+v", lung)
	}
	// No patients at all: no groups.
	if g := BloodAlone(nil, Default(), Options{}); len(g) != 0 {
		t.Errorf("no patients: %+v", g)
	}
	// The minimum decides what is judged.
	for _, g := range BloodAlone(patients, Default(), Options{MinPatients: 13}) {
		if g.CancerType == "Colorectal Adenocarcinoma" && g.StageGroup == "IV" && g.Judged {
			t.Error("12 patients judged with a minimum of 13")
		}
	}
}

// Judged groups rank by the lower Wilson bound of found_any, so a large
// group at 91% (50/55: lower bound 0.8042250542, R prop.test) ranks above
// a small one at 100% (10/10: 0.7224672001), which ranks above 9/10
// (0.5958499732).
func TestBloodAloneRanking(t *testing.T) {
	var patients []concordance.PatientResult
	add := func(cancer string, n, found int) {
		for i := 0; i < n; i++ {
			patients = append(patients, patientWith(cancer, cancer, "IV", rowSpec{actionable: true, t: true, p: i < found}))
		}
	}
	add("Small perfect", 10, 10)
	add("Large", 55, 50)
	add("Nine of ten", 10, 9)
	add("Too few", 9, 9)
	want := map[string]int{"Large": 1, "Small perfect": 2, "Nine of ten": 3, "Too few": 0}
	var order []string
	for _, g := range BloodAlone(patients, Default(), Options{}) {
		if g.Kind != schema.KindCancer {
			continue
		}
		order = append(order, g.CancerType)
		if g.Rank != want[g.CancerType] || g.Judged != (want[g.CancerType] > 0) {
			t.Errorf("%s: rank %d judged %v, want rank %d", g.CancerType, g.Rank, g.Judged, want[g.CancerType])
		}
	}
	if strings.Join(order, ",") != "Large,Small perfect,Nine of ten,Too few" {
		t.Errorf("order %v", order)
	}
}
