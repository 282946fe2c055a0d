package analysis

import (
	"context"

	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/strata"
	"github.com/concord-oncology/concord/internal/parallel"
)

// Result is a run: the per-patient results and the cohort summaries.
type Result struct {
	*PerPatient
	Strata        *strata.Table
	PatientStrata []strata.PatientStratum
	Models        []strata.ModelTerm
	Reasons       []explain.ReasonRow
	Power         []explain.PowerRow
	BloodAlone    []actionable.Group
	Summary       *schema.Summary
}

// Cohort computes the cohort stage from per-patient results alone: strata
// with their bootstrap intervals and tests, patient strata, the detection
// models, reasons, detection power, the blood-alone table and
// summary.json. It reads no call file; the actionability table is the one
// Patients read, or Options.Actionable's.
func Cohort(ctx context.Context, pp *PerPatient, opt Options) (*Result, error) {
	if err := opt.validateCohortStage(); err != nil {
		return nil, err
	}
	table := pp.table
	if table == nil {
		var err error
		if table, _, _, err = readActionable(&opt); err != nil {
			return nil, err
		}
	}
	groups := pp.groups
	if groups == nil && opt.CancerGroups != "" {
		var err error
		if groups, _, _, err = readGroups(&opt); err != nil {
			return nil, err
		}
	}
	pairs, err := opt.twoWay()
	if err != nil {
		return nil, err
	}
	columns := opt.strataColumns()
	if opt.Progress != nil {
		opt.Progress(StageTables, len(pp.Patients), len(pp.Patients))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := &Result{PerPatient: pp}
	pp.compress, pp.parquet = opt.Compress, opt.Parquet
	extra := &schema.Extra{}
	if pp.Pairs != nil {
		extra.CBioPortalPairs = &schema.PairsSummary{File: schema.PairsFile, PatientsPaired: len(pp.Pairs.Choices), SamplesUnpaired: len(pp.Pairs.Unpaired)}
	}
	lv := labels(pp.Patients, groups, columns)
	strataOpt := strata.Options{TopGenes: opt.TopGenes, Replicates: opt.Bootstrap, Seed: opt.Seed, Workers: opt.Threads, Level: strata.DefaultLevel,
		Levels: lv, TwoWay: pairs}
	// The tables read the results only: compute them side by side (on 2
	// cores the serial tail was a tenth of a 640-patient run), but the
	// detection models after the rest. Their design is as large as the
	// alterations, as are strata's per-patient entries and bootstrap: side
	// by side they made the cohort stage of 100,000 patients the run's
	// peak of memory. Alone, the models take about 20 ms of 640 patients.
	err = parallel.Do(
		func() (err error) { r.Strata, err = strata.Compute(pp.Patients, strataOpt); return err },
		func() error {
			r.PatientStrata = strata.PatientStrata(pp.Patients, lv, strataOpt.Level)
			r.Reasons = explain.Reasons(pp.Patients, lv)
			r.Power = explain.Power(pp.Patients, lv)
			r.BloodAlone = actionable.BloodAlone(pp.Patients, table, actionable.Options{MinPatients: opt.MinGroupPatients, Levels: lv})
			extra.Explanation = explain.Summarize(pp.Patients, opt.Explain.Exclude, r.Power)
			extra.BloodAlone = bloodAloneSummary(r.BloodAlone, table.Name, opt.MinGroupPatients)
			return nil
		},
	)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.Models = strata.Models(pp.Patients, strataOpt.Level)
	r.Summary = summarize(pp, r.Strata, &opt)
	r.Summary.Strata = strataRules(groups, pairs, columns)
	r.Summary.Extra = extra
	return r, nil
}
