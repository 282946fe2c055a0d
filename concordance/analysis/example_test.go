package analysis_test

import (
	"context"
	"fmt"

	"github.com/concord-oncology/concord/concordance/analysis"
)

// Run analyses a cohort as `concord run` does and returns every table and
// summary.json in memory; nothing is written unless Result.Write is called.
// The hand-made cohort of testdata/cohort: its README derives these counts
// (cancer types, grouped by OncoTree tissue, tie on patients and
// alterations, so they come by name). Name is a row's dimension column:
// "cancer_type" for the one-way rows, "cancer_type x stage" for the
// two-way ones.
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
		if s.Name() == "cancer_type" {
			fmt.Printf("%s: %d alterations\n", s.Level, s.Counts.Total())
		}
	}
	// Output:
	// 3 patients: 6 shared, 3 tissue-only, 2 plasma-only; PPA 6/9
	// Bowel: 5 alterations
	// Lung: 5 alterations
	// Prostate: 1 alterations
}
