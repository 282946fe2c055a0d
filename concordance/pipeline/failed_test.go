package pipeline_test

import (
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/pipeline"
)

// A plasma sample the sheet marks failed: its calls are read and counted in
// the ledger as sample_failed, none reaches the matcher, and the side is
// marked failed. The tissue VCF is the cohort's P1 tissue (6 records, one
// FILTERed: 5 calls, chr2:200 among them, which only the plasma's
// Germline_DB flag would exclude; testdata/cohort/README.md).
func TestFailedSample(t *testing.T) {
	p := patient("P1", "../../testdata/cohort/P1_T.vcf.gz", "", "../../testdata/cohort/P1_P.vcf.gz", "")
	p.Plasma.Failed = "qns"
	res := run(t, pipeline.Config{}, p)
	pr := res.Patients[0]
	if !pr.Failed[concordance.Plasma] || pr.Failed[concordance.Tissue] || pr.Calls[concordance.Plasma] != 0 {
		t.Fatalf("Failed %v, plasma calls %d", pr.Failed, pr.Calls[concordance.Plasma])
	}
	var failed, plasmaUsed int64
	for e := range res.Ledger().Sorted() {
		if e.Side == concordance.Plasma && e.Reason == concordance.ReasonSampleFailed {
			failed += e.Records
		}
		if e.Side == concordance.Plasma && e.Used() {
			plasmaUsed += e.Records
		}
	}
	// P1_P.vcf.gz: 6 records, one FILTERed (weak_evidence) counted as such.
	if failed != 5 || plasmaUsed != 0 {
		t.Errorf("plasma records: %d sample_failed, %d used; want 5 and 0", failed, plasmaUsed)
	}
	for _, r := range pr.Rows {
		if r.Plasma.Status == concordance.Called {
			t.Errorf("%s called in a failed sample", r.Label())
		}
	}
	if pr.Calls[concordance.Tissue] != 5 {
		t.Errorf("tissue calls %d, want 5 (chr2:200 is no longer excluded as germline by the failed plasma)", pr.Calls[concordance.Tissue])
	}
}
