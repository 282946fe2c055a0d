package cbioportal

import (
	"errors"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/maf"
)

func keys(sd *concordance.SampleData) string {
	var k []string
	for _, c := range sd.Calls {
		k = append(k, c.Key())
	}
	sort.Strings(k)
	return strings.Join(k, " ")
}

func TestLoadStudy(t *testing.T) {
	st, err := Load(os.DirFS("testdata/study"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(st.Files, ","); got != "data_mutations_extended.txt,data_sv.txt,data_fusions.txt,data_cna.txt,data_log2_cna.txt" {
		t.Errorf("files %s", got)
	}
	want := []struct {
		id, tissue, plasma, rule, cancer, code, stage string
	}{
		{"P-01", "P-01-T1", "P-01-L1", "only", "Hepatobiliary Cancer", "GBC", "II"},                          // stage from the patient file
		{"P-02", "P-02-T2", "P-02-L2", "nearest in time (10 days apart)", "Colorectal Cancer", "COAD", "IV"}, // T2 (300) – L2 (290)
		{"P-03", "P-03-T1", "P-03-L1", "first in file (not every sample has a collection time)", "Non-Small Cell Lung Cancer", "LUAD", "III"},
		{"P-05", "P-05-T1", "P-05-L1", "only", "Breast Cancer", "IDC", "IV"}, // plasma told by its ACCESS panel
	}
	if len(st.Patients) != len(want) {
		t.Fatalf("%d patients, want %d", len(st.Patients), len(want))
	}
	for i, w := range want {
		p, ch := st.Patients[i], st.Choices[i]
		if p.ID != w.id || p.Tissue.ID != w.tissue || p.Plasma.ID != w.plasma || ch.Rule != w.rule ||
			p.CancerType != w.cancer || p.OncotreeCode != w.code || p.Stage != w.stage {
			t.Errorf("patient %d: %s %s/%s %q %q %q %q; want %+v", i, p.ID, p.Tissue.ID, p.Plasma.ID, ch.Rule, p.CancerType, p.OncotreeCode, p.Stage, w)
		}
	}
	if c := st.Choices[1]; strings.Join(c.TissueCandidates, ",") != "P-02-T1,P-02-T2" || len(c.PlasmaCandidates) != 3 {
		t.Errorf("P-02 candidates %+v", c)
	}
	unpaired := map[string]string{}
	for _, u := range st.Unpaired {
		unpaired[u.Sample] = u.Reason
	}
	for _, id := range []string{"P-02-T1", "P-02-L1", "P-02-L3", "P-03-T2", "P-04-T1", "P-05-N1"} {
		if unpaired[id] == "" {
			t.Errorf("%s should be listed as unpaired (%v)", id, unpaired)
		}
	}

	var led concordance.Ledger
	for _, tc := range []struct {
		sample string
		side   concordance.Side
		want   string
	}{
		{"P-01-T1", concordance.Tissue, "12:25398284:C:T 17:7577120:C:T amplification:ERBB2 deletion:CDKN2A"},
		{"P-01-L1", concordance.Plasma, "12:25398284:C:T amplification:ERBB2"},
		{"P-02-T2", concordance.Tissue, "5:112175639:C:T"},
		{"P-02-L2", concordance.Plasma, "11:108175462:G:A amplification:MYC deletion:CDKN2A"},
		{"P-03-T1", concordance.Tissue, "7:55242465:GGAATTAAGAGAAGC:- fusion:ALK::EML4"},
		{"P-03-L1", concordance.Plasma, "fusion:::RET fusion:ALK::EML4"},
		{"P-05-T1", concordance.Tissue, "3:178952085:A:G fusion:ERG::TMPRSS2"},
		{"P-05-L1", concordance.Plasma, "fusion:::ALK"},
	} {
		sd, err := st.Use(tc.sample, tc.sample[:4], tc.side, &led)
		if err != nil {
			t.Fatal(err)
		}
		led.CountCalls(tc.sample[:4], tc.side, sd.Calls) // readers count only what they do not return
		if got := keys(sd); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.sample, got, tc.want)
		}
		if sd.Build != "GRCh37" && tc.sample != "P-05-L1" && tc.sample != "P-01-L1" {
			// P-01-L1 has a GRCh37 MAF row too; P-05-L1 has only an old fusion row (no build).
			t.Errorf("%s: build %q", tc.sample, sd.Build)
		}
	}
	st.CountUnused(&led)
	// Records: 8 MAF rows, 4 SV rows, 3 fusion rows, 3 genes × 4 samples of CNA cells.
	read, used, _ := led.Totals()
	if read != 8+4+3+12 {
		t.Errorf("ledger read %d, want 27", read)
	}
	if used != 17 { // the calls listed above: 4+2+1+3+2+2+2+1
		t.Errorf("ledger used %d, want 17", used)
	}
	r := led.ByReason()
	// Other samples: MAF P-02-L1 (1); SV P-04-T1 (1); CNA P-02-T1 (3).
	if r[concordance.ReasonOtherSample] != 5 || r[concordance.ReasonDuplicate] != 1 || r[concordance.ReasonNotReportable] != 4 {
		t.Errorf("ledger %v; want other_sample 5, duplicate 1 (TMPRSS2-ERG twice), not_reportable 4 (CNA cells 0, ±1 or NA of used samples)", r)
	}
}

func TestLongCNA(t *testing.T) {
	text := "Samples\tGene\tGene panel\tCNA\tCytoband\nS1\tERBB2\tIMPACT468\tAMP\t17q12\nS1\tCDKN2A\tIMPACT468\tDeepDel\t9p21.3\nS1\tMYC\tIMPACT468\tGain\t8q24.21|8q24.22\nS2\tERBB2\tIMPACT468\tAMP\t17q12\n"
	var led concordance.Ledger
	sd, err := ReadCNA(strings.NewReader(text), concordance.ReadOptions{File: "data_CNA.tsv", SampleID: "S1"}, &led)
	if err != nil {
		t.Fatal(err)
	}
	led.CountCalls("", 0, sd.Calls)
	if got := keys(sd); got != "amplification:ERBB2 deletion:CDKN2A" {
		t.Errorf("got %s", got)
	}
	if r := led.ByReason(); r[concordance.ReasonUsed] != 2 || r[concordance.ReasonNotReportable] != 1 || r[concordance.ReasonOtherSample] != 1 {
		t.Errorf("ledger %v", r)
	}
}

func TestLoadErrors(t *testing.T) {
	sampleHead := "PATIENT_ID\tSAMPLE_ID\tSAMPLE_CLASS\n"
	tests := []struct {
		name  string
		files fstest.MapFS
		msg   string
	}{
		{"no sample file", fstest.MapFS{"data_sv.txt": {Data: []byte("Sample_Id\n")}}, "no data_clinical_sample.txt"},
		{"no SAMPLE_ID", fstest.MapFS{"data_clinical_sample.txt": {Data: []byte("PATIENT_ID\tX\nP\t1\n")}}, "data_clinical_sample.txt:1: cbioportal: header has no SAMPLE_ID"},
		{"duplicate sample", fstest.MapFS{"data_clinical_sample.txt": {Data: []byte(sampleHead + "P\tS\tFFPE\nP\tS\tcfDNA\n")}}, "data_clinical_sample.txt:3: cbioportal: \"S\" appears again"},
		{"too many cells", fstest.MapFS{"data_clinical_sample.txt": {Data: []byte(sampleHead + "P\tS\tFFPE\textra\n")}}, "data_clinical_sample.txt:2:"},
		{"bad date", fstest.MapFS{"data_clinical_sample.txt": {Data: []byte("PATIENT_ID\tSAMPLE_ID\tCOLLECTION_DATE\nP\tS\t3/17/16\n")}}, "data_clinical_sample.txt:2: cbioportal: COLLECTION_DATE"},
		// Issue 10: out-of-range values are errors at their line.
		{"year 9999", fstest.MapFS{"data_clinical_sample.txt": {Data: []byte("PATIENT_ID\tSAMPLE_ID\tCOLLECTION_DATE\nP\tS\t9999-01-01\n")}}, "data_clinical_sample.txt:2: cbioportal: COLLECTION_DATE \"9999-01-01\": year 9999 is outside 1900–2100"},
		{"tumour fraction 1.7", fstest.MapFS{"data_clinical_sample.txt": {Data: []byte("PATIENT_ID\tSAMPLE_ID\tTUMOR_FRACTION\nP\tS\t1.7\n")}}, "data_clinical_sample.txt:2: cbioportal: TUMOR_FRACTION is \"1.7\": want a fraction in [0, 1]"},
		{"tumour fraction in the patient file", fstest.MapFS{
			"data_clinical_sample.txt":  {Data: []byte(sampleHead + "P\tS\tFFPE\n")},
			"data_clinical_patient.txt": {Data: []byte("PATIENT_ID\tCTDNA_TUMOR_FRACTION\nP\t-0.2\n")},
		}, "data_clinical_patient.txt:2: cbioportal: CTDNA_TUMOR_FRACTION"},
		{"short SV row", fstest.MapFS{
			"data_clinical_sample.txt": {Data: []byte(sampleHead + "P\tS\tFFPE\n")},
			"data_sv.txt":              {Data: []byte("Sample_Id\tSite1_Hugo_Symbol\tSite2_Hugo_Symbol\tTumor_Variant_Count\nS\tEML4\tALK\t12\nS\tEML4\n")},
		}, "data_sv.txt:3: cbioportal: data_sv.txt: the row has 2 fields but the header has 4"},
		{"short CNA matrix row", fstest.MapFS{
			"data_clinical_sample.txt": {Data: []byte(sampleHead + "P\tS\tFFPE\n")},
			"data_cna.txt":             {Data: []byte("Hugo_Symbol\tS\tS2\nERBB2\t2\n")},
		}, "data_cna.txt:2: cbioportal: CNA file: the row has 2 fields but the header has 3"},
		{"bad CNA value", fstest.MapFS{
			"data_clinical_sample.txt": {Data: []byte(sampleHead + "P\tS\tFFPE\n")},
			"data_cna.txt":             {Data: []byte("Hugo_Symbol\tS\nERBB2\t1.7\n")},
		}, "data_cna.txt:2: cbioportal: CNA value"},
		{"shifted MAF", fstest.MapFS{
			"data_clinical_sample.txt":    {Data: []byte(sampleHead + "P\tS\tFFPE\n")},
			"data_mutations_extended.txt": {Data: []byte("Hugo_Symbol\tChromosome\tStart_Position\tVariant_Classification\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\nATM\t11\t5\tSNP\tG\tA\tS\n")},
		}, "data_mutations_extended.txt:2: maf: suspect file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.files, LoadOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %v, want one containing %q", err, tc.msg)
			}
		})
	}
	_, err := Load(tests[len(tests)-1].files, LoadOptions{})
	if !errors.Is(err, maf.ErrSuspect) {
		t.Errorf("shifted MAF error %v does not wrap maf.ErrSuspect", err)
	}
}

// Clinical values reach every output: bytes that are not UTF-8 or control
// characters are an error at the file's line (issue 10).
func TestClinicalText(t *testing.T) {
	sampleHead := "PATIENT_ID\tSAMPLE_ID\tSAMPLE_CLASS\n"
	for _, bad := range []string{"Lung\x00", "M\xfcnchen"} {
		fsys := fstest.MapFS{"data_clinical_sample.txt": {Data: []byte(sampleHead + "P\tS\tFFPE\nP2\tS2\t" + bad + "\n")}}
		_, err := Load(fsys, LoadOptions{})
		if err == nil || !strings.Contains(err.Error(), "data_clinical_sample.txt:3: cbioportal: \"SAMPLE_CLASS\": ") {
			t.Errorf("%q: err = %v, want it at data_clinical_sample.txt:3 naming the column", bad, err)
		}
	}
}

// Issue 11 §3: the study's log2 copy-ratio matrix gives the discrete CNA
// calls their fold change, 2^log2 (exact arithmetic: 2^2.1 = 4.2871,
// 2^-2.3 = 0.2031, 2^0.6 = 1.5157, 2^-1.8 = 0.2872, 2^1.4 = 2.6390); calls
// of other files and genes without a value keep none.
func TestLog2CNA(t *testing.T) {
	st, err := Load(os.DirFS("testdata/study"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var led concordance.Ledger
	for _, tc := range []struct {
		sample string
		side   concordance.Side
		want   map[string]float64
	}{
		{"P-01-T1", concordance.Tissue, map[string]float64{"amplification:ERBB2": 4.2871, "deletion:CDKN2A": 0.2031}},
		{"P-01-L1", concordance.Plasma, map[string]float64{"amplification:ERBB2": 1.5157}},
		{"P-02-L2", concordance.Plasma, map[string]float64{"deletion:CDKN2A": 0.2872, "amplification:MYC": 2.6390}},
	} {
		sd, err := st.Use(tc.sample, "P", tc.side, &led)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range sd.Calls {
			want, ok := tc.want[c.Key()]
			switch {
			case ok && math.Abs(c.FoldChange-want) > 5e-5:
				t.Errorf("%s %s: fold change %v, want %v", tc.sample, c.Key(), c.FoldChange, want)
			case !ok && concordance.Known(c.FoldChange):
				t.Errorf("%s %s: fold change %v, want none", tc.sample, c.Key(), c.FoldChange)
			case ok:
				n++
			}
		}
		if n != len(tc.want) {
			t.Errorf("%s: %d copy-number calls with a fold change, want %d", tc.sample, n, len(tc.want))
		}
	}
	for _, bad := range []string{
		"Hugo_Symbol\tS1\nERBB2\thigh\n",
		"Hugo_Symbol\tS1\nERBB2\t25\n",
		"Cytoband\tS1\n1p\t0.2\n",
	} {
		if _, err := ReadLog2CNA(strings.NewReader(bad), "log2.txt"); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}
