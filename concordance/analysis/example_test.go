package analysis_test

import (
	"context"
	"fmt"

	"github.com/concord-oncology/concord/concordance/analysis"
)

// Run analyses a cohort as `concord run` does and returns every table and
// summary.json in memory; nothing is written unless Result.Write is called.
// The hand-made cohort of testdata/cohort: its README derives these counts
// (cancer types tie on patients and alterations, so they come by name).
func ExampleRun() {
	opt := analysis.DefaultOptions()
	opt.Sheet = "../../testdata/cohort/samplesheet.tsv"
	opt.Reference = "../../testdata/cohort/ref.fa"
	opt.Bootstrap = 0
	res, err := analysis.Run(context.Background(), opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := res.Summary.Alterations
	fmt.Printf("%d patients: %d shared, %d tissue-only, %d plasma-only; PPA %d/%d\n",
		res.Summary.Patients, a.Shared, a.TissueOnly, a.PlasmaOnly, res.Summary.PPA.Numerator, res.Summary.PPA.Denominator)
	for _, s := range res.Strata.Strata {
		if s.Dimension == "cancer_type" {
			fmt.Printf("%s: %d alterations\n", s.Level, s.Counts.Total())
		}
	}
	// Output:
	// 3 patients: 6 shared, 3 tissue-only, 2 plasma-only; PPA 6/9
	// Colorectal Cancer: 5 alterations
	// Non-Small Cell Lung Cancer: 5 alterations
	// Prostate Cancer: 1 alterations
}
