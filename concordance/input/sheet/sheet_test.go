package sheet

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/internal/infile"
)

func TestRead(t *testing.T) {
	tsv := "\ufeff# concord-synthetic: preset=impress seed=42\n" +
		"Patient_ID\tTissue_Sample_ID\tplasma_sample_id\tCancer_Type\toncotree_code\tSTAGE\ttissue_collection_date\tplasma_collection_date\tctdna_tumor_fraction\ttissue_vcf\tplasma_vcf\tsite\n" +
		"P1\tP1_T\tP1_P\tNon-Small Cell Lung Cancer\tluad\tStage IVA\t2021-03-04\t2021-03-20\t0.05\tvcf/P1_T.vcf.gz\t/abs/P1_P.vcf.gz;cnv/P1_P.cnv.vcf\tOslo\n" +
		"\t\t\t\t\t\t\t\t\t\t\t\n" +
		"P2\tNA\tN/A\tUnknown\t\tIII\t\t\t12%\tP2_T.vcf\tP2_P.vcf\t\n"
	sh, err := Read(strings.NewReader(tsv), Options{BaseDir: "/data/cohort"})
	if err != nil {
		t.Fatal(err)
	}
	if !sh.Synthetic || sh.Meta["concord-synthetic"] != "preset=impress seed=42" || sh.Delimiter != '\t' {
		t.Errorf("meta = %v synthetic %v", sh.Meta, sh.Synthetic)
	}
	if len(sh.Patients) != 2 {
		t.Fatalf("%d patients, want 2 (the delimiter-only row is skipped)", len(sh.Patients))
	}
	p := sh.Patients[0]
	if p.ID != "P1" || p.Tissue.ID != "P1_T" || p.OncotreeCode != "LUAD" || p.Stage != "IV" || p.StageRaw != "Stage IVA" || p.TumorFraction != 0.05 || p.Line != 3 {
		t.Errorf("patient 1 = %+v", p)
	}
	if d, ok := p.DaysBetween(); !ok || d != 16 {
		t.Errorf("days between = %d %v, want 16", d, ok)
	}
	if got := strings.Join(p.Tissue.Calls, ","); got != "/data/cohort/vcf/P1_T.vcf.gz" {
		t.Errorf("tissue calls = %q", got)
	}
	if got := strings.Join(p.Plasma.Calls, ","); got != "/abs/P1_P.vcf.gz,/data/cohort/cnv/P1_P.cnv.vcf" {
		t.Errorf("plasma calls = %q (absolute paths kept, relative ones joined to the sheet folder)", got)
	}
	if p.Extra["site"] != "Oslo" {
		t.Errorf("extra = %v", p.Extra)
	}
	q := sh.Patients[1]
	if q.Tissue.ID != "" || q.CancerType != "" || q.Stage != "III" || math.Abs(q.TumorFraction-0.12) > 1e-12 || !q.TissueDate.IsZero() || q.Line != 5 {
		t.Errorf("patient 2 = %+v", q)
	}
}

func TestCSV(t *testing.T) {
	csv := "patient_id,tissue_calls,plasma_calls,cancer_type,stage\r\n" +
		"A,\"t,1.vcf\",p.vcf,\"Breast Cancer, HR+\",2\r\n" +
		",,,,\r\n,,,,\r\n"
	sh, err := Read(strings.NewReader(csv), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := sh.Patients[0]
	if sh.Delimiter != ',' || p.Tissue.Calls[0] != "t,1.vcf" || p.CancerType != "Breast Cancer, HR+" || p.Stage != "II" || concordance.Known(p.TumorFraction) {
		t.Errorf("patient = %+v", p)
	}
}

func TestErrors(t *testing.T) {
	h := "patient_id\ttissue_calls\tplasma_calls\ttissue_collection_date\tctdna_tumor_fraction\n"
	tests := []struct {
		name, text string
		line       int
		msg        string
	}{
		{"empty", "", 1, "no header"},
		{"missing required columns", "patient_id\ttissue_vcf\n", 1, "required column(s) plasma_calls missing"},
		{"duplicate patient", h + "P1\ta\tb\t\t\nP2\tc\td\t\t\nP1\te\tf\t\t\n", 4, `duplicate patient_id "P1" (first on line 2)`},
		{"bad date", h + "P1\ta\tb\t03/04/2021\t\n", 2, "M/D/YY dates are ambiguous"},
		{"fraction above one", h + "P1\ta\tb\t\t5\n", 2, "outside [0, 1]"},
		{"fraction 1.7", h + "P1\ta\tb\t\t1.7\n", 2, `ctdna_tumor_fraction: "1.7" is outside [0, 1]`},
		{"fraction inf", h + "P1\ta\tb\t\tinf\n", 2, `"inf" is outside [0, 1]`},
		{"percentage above 100", h + "P1\ta\tb\t\t170%\n", 2, `"170%" is outside [0, 1]`},
		// Dates outside 1900–2100 (issue 10: year 9999 saturated days_between).
		{"year 9999", h + "P1\ta\tb\t9999-01-01\t\n", 2, `tissue_collection_date: "9999-01-01": year 9999 is outside 1900–2100`},
		{"year 1850", h + "P1\ta\tb\t1850-06-01\t\n", 2, "year 1850 is outside 1900–2100"},
		{"year 2101 compact", h + "P1\ta\tb\t21010101\t\n", 2, "year 2101 is outside"},
		{"not a number", h + "P1\ta\tb\t\tlow\n", 2, `"low" is not a number`},
		{"purity above one", "patient_id\ttissue_calls\tplasma_calls\ttumor_purity\nP1\ta\tb\t1.5\n", 2, "tumor_purity: \"1.5\" is outside [0, 1]"},
		{"purity zero", "patient_id\ttissue_calls\tplasma_calls\tpurity\nP1\ta\tb\t0\n", 2, "tumor_purity is 0"},
		{"missing calls", h + "P1\t\tb\t\t\n", 2, "tissue_calls is empty"},
		{"no patients", h, 1, "no patients"},
		{"too many fields", h + "P1\ta\tb\t\t\tsurprise\n", 2, "6 fields"},
		{"two columns mean the same", "patient_id\ttissue_vcf\ttissue_calls\tplasma_calls\n", 1, "both mean tissue_calls"},
		{"unknown QC outcome", "patient_id\ttissue_calls\tplasma_calls\tplasma_qc\nP1\ta\tb\tmeh\n", 2, `plasma_qc: "meh" is not a QC outcome`},
		// Overrides are checked against the formats concord reads (issue 10).
		{"unknown tissue_format", "patient_id\ttissue_calls\tplasma_calls\ttissue_format\nP1\ta\tb\tvcf\nP2\tc\td\tvfc\n", 3, `tissue_format: input: unknown format "vfc"`},
		{"unknown plasma_format in a list", "patient_id\ttissue_calls\tplasma_calls\tplasma_format\nP1\ta\tb;c\tvcf;cvo2\n", 2, `plasma_format: input: unknown format "cvo2"`},
		// Encoding: UTF-8 text without control characters, named by line
		// and column (Latin-1 ü is the byte 0xFC).
		{"Latin-1 cell", h + "P1\ta\tb\t\t\nP2\tM\xfcnchen.vcf\tb\t\t\n", 3, `column "tissue_calls": "M\xfcnchen.vcf" is not UTF-8 text (byte 0xFC at byte 2`},
		{"NUL in a cell", h + "P\x001\ta\tb\t\t\n", 2, `column "patient_id": "P\x001" holds the control character U+0000`},
		{"NUL in the header", "patient_id\ttissue_calls\tplasma_calls\x00\n", 1, `U+0000`},
		{"Latin-1 comment", "# caf\xe9\n" + h, 1, `"# caf\xe9" is not UTF-8`},
		{"tab inside a quoted CSV cell", "patient_id,tissue_calls,plasma_calls,cancer_type\nP1,a,b,\"lung\tcancer\"\n", 2, `column "cancer_type": "lung\tcancer" holds the control character U+0009`},
		{"newline inside a quoted CSV cell", "patient_id,tissue_calls,plasma_calls,cancer_type\nP1,a,b,ok\nP2,a,b,\"lung\ncancer\"\n", 3, `"lung\ncancer" holds the control character U+000A`},
		{"10 MB cell echoed clipped", h + "P1\ta\tb\t" + strings.Repeat("9", 10<<20) + "\t\n", 2, `"` + strings.Repeat("9", 80) + `…" is not a date`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.text), Options{})
			var le *concordance.LineError
			if !errors.As(err, &le) || le.Line != tc.line || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %v, want line %d with %q", err, tc.line, tc.msg)
			}
		})
	}
}

// Tumour purity: a fraction or a percentage; missing when empty.
func TestTumorPurity(t *testing.T) {
	text := "patient_id\ttissue_calls\tplasma_calls\tTumour_Purity\nP1\ta\tb\t0.35\nP2\ta\tb\t60%\nP3\ta\tb\tNA\n"
	sh, err := Read(strings.NewReader(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := []float64{sh.Patients[0].TumorPurity, sh.Patients[1].TumorPurity}
	if got[0] != 0.35 || math.Abs(got[1]-0.6) > 1e-12 || concordance.Known(sh.Patients[2].TumorPurity) {
		t.Errorf("purities %v and %v, want 0.35, 0.6 and missing", got, sh.Patients[2].TumorPurity)
	}
}

func TestUSDates(t *testing.T) {
	text := "patient_id\ttissue_calls\tplasma_calls\ttissue_collection_date\n P1 \ta\tb\t3/17/16\n"
	sh, err := Read(strings.NewReader(text), Options{USDates: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := sh.Patients[0].TissueDate.Format("2006-01-02"); got != "2016-03-17" || sh.Patients[0].ID != "P1" {
		t.Errorf("date = %s id %q", got, sh.Patients[0].ID)
	}
}

// A sample the sheet marks failed may come without calls; its QC word is
// kept (lower-cased, synonyms folded); "pass" and missing values mean usable.
func TestFailedSamples(t *testing.T) {
	text := "patient_id\ttissue_calls\tplasma_calls\ttissue_qc\tplasma_qc_status\n" +
		"P1\tt1.vcf\t\tPASS\tQNS\n" +
		"P2\tt2.vcf\tp2.vcf\tNA\tFail\n" +
		"P3\t.\tp3.vcf\tnot assessed\tok\n"
	sh, err := Read(strings.NewReader(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"", "qns"}, {"", "failed"}, {"not_assessed", ""}}
	for i, p := range sh.Patients {
		if got := [2]string{p.Tissue.Failed, p.Plasma.Failed}; got != want[i] {
			t.Errorf("%s: failed %q, want %q", p.ID, got, want[i])
		}
	}
	if len(sh.Patients[0].Plasma.Calls) != 0 || len(sh.Patients[1].Plasma.Calls) != 1 {
		t.Errorf("calls: %v, %v", sh.Patients[0].Plasma.Calls, sh.Patients[1].Plasma.Calls)
	}
}

// A line over the stream's cap (infile.Limit, as concord opens every input)
// is an error at that line, and the piece of it read is never parsed.
func TestLineCap(t *testing.T) {
	h := "patient_id\ttissue_calls\tplasma_calls\tcancer_type\n"
	for _, tc := range []struct {
		text string
		line int
	}{
		{h + "P1\ta\tb\tlung\nP2\ta\tb\t" + strings.Repeat("x", 500) + "\n", 3},
		{strings.Repeat("x", 500) + "\n" + h, 1},
		{"# " + strings.Repeat("x", 500) + "\n" + h, 1},
	} {
		_, err := Read(infile.Limit(strings.NewReader(tc.text), infile.Limits{MaxLine: 100}), Options{})
		var le *concordance.LineError
		var lim *infile.LimitError
		if !errors.As(err, &le) || le.Line != tc.line || !errors.As(err, &lim) {
			t.Errorf("err = %v, want a line cap error on line %d", err, tc.line)
		}
	}
}

// A long bad value is echoed clipped: the message stays one short line.
func TestErrorClipped(t *testing.T) {
	h := "patient_id\ttissue_calls\tplasma_calls\tage\n"
	_, err := Read(strings.NewReader(h+"P1\ta\tb\t"+strings.Repeat("1x", 5<<20)+"\n"), Options{})
	if err == nil || len(err.Error()) > 300 || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %.300q... (%d bytes): want it clipped", err, len(err.Error()))
	}
}

// TestAssayColumns (issue 11 §5): tissue_assay / plasma_assay name a
// built-in panel (kept as Assay, resolved by the run) or a panel file (a
// path, or a BED / gene-list file name: resolved against the sheet's
// folder, as tissue_panel is); both columns for one side is an error.
func TestAssayColumns(t *testing.T) {
	text := "patient_id\ttissue_calls\tplasma_calls\ttissue_assay\tPlasma Assay\n" +
		"P1\ta\tb\tWES\tTSO500 ctDNA\n" +
		"P2\ta\tb\tpanels/exome.bed\tgenes.txt\n"
	sh, err := Read(strings.NewReader(text), Options{BaseDir: "/cohort"})
	if err != nil {
		t.Fatal(err)
	}
	p1, p2 := sh.Patients[0], sh.Patients[1]
	if p1.Tissue.Assay != "WES" || p1.Plasma.Assay != "TSO500 ctDNA" || p1.Tissue.Panel != "" {
		t.Errorf("P1: %+v %+v", p1.Tissue, p1.Plasma)
	}
	if p2.Tissue.Panel != "/cohort/panels/exome.bed" || p2.Plasma.Panel != "/cohort/genes.txt" || p2.Tissue.Assay != "" {
		t.Errorf("P2: %+v %+v", p2.Tissue, p2.Plasma)
	}
	_, err = Read(strings.NewReader("patient_id\ttissue_calls\tplasma_calls\ttissue_assay\ttissue_panel\nP1\ta\tb\tWES\tp.bed\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "tissue_assay and tissue_panel both name the tissue panel") {
		t.Errorf("both columns: %v", err)
	}
}
