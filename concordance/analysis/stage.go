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

// modelsBeside is the largest cohort whose detection models are fitted
// beside strata and its bootstrap (see Cohort): a default run of 10,000
// simulated patients peaked at 586 MiB with them there, 522 MiB without
// (bench/scale.sh's cohort).
const modelsBeside = 10000

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
	// cores the serial tail was a tenth of a 640-patient run). The
	// detection models' design is as large as the alterations, as are
	// strata's per-patient entries and bootstrap: side by side they made
	// the cohort stage of 100,000 patients the run's peak of memory, so a
	// large cohort fits them after the rest. In a small one they go beside
	// the bootstrap (about 20 ms of 640 patients' 85 ms cohort stage, which
	// left a core idle: issue 18), on a goroutine of their own: after the
	// other tables, they were the stage's longest chain. partial.bin.gz is
	// compressed beside them all (pack), for the write to copy: from the
	// end of the per-patient stage to the results written, 68 → 56 ms on
	// W640 (libdeflate build, 2 cores).
	beside := len(pp.Patients) <= modelsBeside
	err = parallel.Do(
		func() (err error) { r.Strata, err = strata.Compute(pp.Patients, strataOpt); return err },
		func() error { pp.pack(); return nil },
		func() error {
			r.PatientStrata = strata.PatientStrata(pp.Patients, lv, strataOpt.Level)
			r.Reasons = explain.Reasons(pp.Patients, lv)
			r.Power = explain.Power(pp.Patients, lv)
			r.BloodAlone = actionable.BloodAlone(pp.Patients, table, actionable.Options{MinPatients: opt.MinGroupPatients, Levels: lv})
			extra.Explanation = explain.Summarize(pp.Patients, opt.Explain.Exclude, r.Power)
			extra.BloodAlone = bloodAloneSummary(r.BloodAlone, table.Name, opt.MinGroupPatients)
			return nil
		},
		func() error {
			if beside {
				r.Models = strata.Models(pp.Patients, strataOpt.Level)
			}
			return nil
		},
	)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !beside {
		r.Models = strata.Models(pp.Patients, strataOpt.Level)
	}
	r.Summary = summarize(pp, r.Strata, &opt)
	r.Summary.Strata = strataRules(groups, pairs, columns)
	r.Summary.Extra = extra
	return r, nil
}
