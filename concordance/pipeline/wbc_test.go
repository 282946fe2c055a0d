package pipeline_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/pipeline"
)

// A matched white-blood-cell VCF is read with the pipeline's readers: its
// calls reach PatientResult.WBC normalised (trimmed), every record is
// counted in the ledger under side wbc (used, filtered, duplicate), and
// nothing of it is compared.
func TestWBCSample(t *testing.T) {
	dir := t.TempDir()
	wbc := filepath.Join(dir, "P1_WBC.vcf")
	// chr2:100 C>G is P1's plasma Somatic_Putative_CH call; chr1:300 is
	// written with a padding base (CTT>GTT trims to C>G); chr1:320 is
	// FILTERed; the last record repeats chr2:100.
	text := "##fileformat=VCFv4.2\n" +
		"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP1_WBC\n" +
		"chr2\t100\t.\tC\tG\t.\tPASS\tDP=800\tGT:AD:AF:DP\t0/1:780,20:0.025:800\n" +
		"chr1\t300\t.\tCTT\tGTT\t.\tPASS\tDP=800\tGT:AD:AF:DP\t0/1:790,10:0.0125:800\n" +
		"chr1\t320\t.\tA\tT\t.\tweak_evidence\tDP=800\tGT:AD:AF:DP\t0/1:798,2:0.0025:800\n" +
		"chr2\t100\t.\tC\tG\t.\tPASS\tDP=800\tGT:AD:AF:DP\t0/1:780,20:0.025:800\n"
	if err := os.WriteFile(wbc, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	p := patient("P1", "../../testdata/cohort/P1_T.vcf.gz", "", "../../testdata/cohort/P1_P.vcf.gz", "")
	p.WBC = concordance.SampleRef{ID: "P1_WBC", Calls: []string{wbc}, Formats: []string{""}}
	res := run(t, pipeline.Config{}, p)
	pr := res.Patients[0]
	got := map[string]float64{}
	for _, c := range pr.WBC {
		got[c.Key()] = c.VAF
	}
	want := map[string]float64{"chr2:100:C:G": 0.025, "chr1:300:C:G": 0.0125}
	if len(got) != len(want) || got["chr2:100:C:G"] != 0.025 || got["chr1:300:C:G"] != 0.0125 {
		t.Errorf("WBC calls %v, want %v", got, want)
	}
	byReason := map[string]int64{}
	for _, e := range res.Ledger().Entries() {
		if e.Side == concordance.WBC {
			if e.File != wbc || e.Patient != "P1" {
				t.Errorf("wbc ledger entry %+v", e)
			}
			byReason[e.Reason] += e.Records
		}
	}
	if byReason[concordance.ReasonUsed] != 2 || byReason[concordance.ReasonFiltered] != 1 || byReason[concordance.ReasonDuplicate] != 1 || len(byReason) != 3 {
		t.Errorf("wbc ledger %v, want 2 used, 1 filtered, 1 duplicate", byReason)
	}
	// The WBC sample is evidence only: the patient's rows and counts are
	// those of a run without it.
	p.WBC = concordance.SampleRef{}
	alone := run(t, pipeline.Config{}, p).Patients[0]
	if pr.Counts != alone.Counts || len(pr.Rows) != len(alone.Rows) || pr.Calls != alone.Calls {
		t.Errorf("with WBC: counts %+v, %d rows, calls %v; without: %+v, %d rows, calls %v",
			pr.Counts, len(pr.Rows), pr.Calls, alone.Counts, len(alone.Rows), alone.Calls)
	}
	read, used, excluded := res.Ledger().Totals()
	if read != used+excluded {
		t.Errorf("ledger totals %d != %d + %d", read, used, excluded)
	}
}
