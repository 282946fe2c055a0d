package pipeline_test

import (
	"context"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/pipeline"
)

// A panic in a worker (a bug in a classifier here) is the run's error,
// naming the patient and where it panicked, not a crash of the process
// from a goroutine (which exits 2, the status of a usage error, with a
// stack trace). It is not an input error: the command line reports it as
// a bug. Run and Check alike, at one worker and at several.
func TestWorkerPanicIsAnError(t *testing.T) {
	cohort := "../../testdata/cohort/"
	ps := []concordance.Patient{
		patient("P1", cohort+"P1_T.vcf.gz", "", cohort+"P1_P.vcf.gz", ""),
		patient("P2", cohort+"P2_T.vcf", "", cohort+"P2_P.vcf.gz", ""),
	}
	boom := func(pr *concordance.PatientResult) error {
		if pr.Patient.ID == "P2" {
			var m map[string]int
			m["x"]++ // assignment to entry in nil map
		}
		return nil
	}
	for _, threads := range []int{1, 2} {
		cfg := pipeline.Config{Threads: threads, Classify: []func(*concordance.PatientResult) error{boom}}
		_, err := pipeline.Run(context.Background(), ps, cfg)
		if err == nil || concordance.IsInputError(err) || !strings.Contains(err.Error(), `patient "P2": panic: assignment to entry in nil map`) ||
			!strings.Contains(err.Error(), "panic_test.go") {
			t.Errorf("threads %d: error %v; want the panic, naming P2 and this file", threads, err)
		}
	}
	// Check runs no classifier: the panic must come from reading. A
	// Load that panics for P1 stands in for a reader's bug.
	cfg := pipeline.Config{Load: func(p *concordance.Patient, _ concordance.Side, _ *concordance.Ledger) (*concordance.SampleData, error) {
		if p.ID == "P1" {
			panic("reader bug")
		}
		return &concordance.SampleData{Biomarkers: concordance.NoBiomarkers()}, nil
	}}
	errs := pipeline.Check(context.Background(), ps, cfg)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `patient "P1": panic: reader bug`) {
		t.Errorf("Check: %v; want one error, P1's panic", errs)
	}
}
