package analysis

import (
	"context"
	"path/filepath"
	"slices"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/partial"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/concordance/schema"
)

// PerPatient is the per-patient stage of a run: every patient analysed,
// the ledger of every input record, and what the cohort stage needs to
// say about the inputs.
type PerPatient struct {
	// Patients in sheet order.
	Patients []concordance.PatientResult
	Ledger   *concordance.Ledger
	// Inputs are every input with its checksum, as provenance.tsv lists
	// them: the sheet (or the study's files), the actionability table,
	// the panels and the reference index, then the call files; paths
	// relative to Base when inside it. Without Options.KeepCalls the
	// patients' own files are not listed here but kept on disk until
	// written to provenance.tsv (InputTotals counts them all).
	Inputs []schema.InputFile
	// Base is the folder relative paths in the outputs are relative to.
	Base string
	// Synthetic marks a simulated cohort.
	Synthetic bool
	// Reference is the reference FASTA's path (relative to Base when
	// inside it), "" when alleles were only trimmed.
	Reference string
	// Pairs are the samples a cBioPortal study's pairing chose; nil for a
	// sample sheet.
	Pairs *schema.Pairs
	// Panels name the panels that bounded each side's comparison universe
	// (tissue, plasma), sorted, each once: what the headline names when
	// many alterations fall outside.
	Panels [2][]string
	// Skipped are the patients Options.SkipFailedPatients left out.
	Skipped []schema.SkippedPatient

	spill  *spill            // the patients' lines and records, when their calls were released
	table  *actionable.Table // read before the patients, to fail early
	groups *levels.Groups    // --cancer-groups, read before the patients
	parts
}

// Run analyses a cohort: the per-patient stage, then the cohort stage.
// It writes nothing (see Result.Write).
func Run(ctx context.Context, opt Options) (*Result, error) {
	pp, err := Patients(ctx, opt)
	if err != nil {
		return nil, err
	}
	return Cohort(ctx, pp, opt)
}

// Patients runs the per-patient stage: it checks the options, reads the
// cohort and everything the options name (so that a bad file fails the run
// before the long part), then reads, normalises, filters, matches and
// classifies every patient on a pool of Options.Threads workers. On bad
// input it returns the error of the first failing patient in sheet order.
func Patients(ctx context.Context, opt Options) (*PerPatient, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	co, err := loadCohort(&opt)
	if err != nil {
		return nil, err
	}
	if opt.Opened != nil {
		if err := opt.Opened(&co.Opened); err != nil {
			return nil, err
		}
	}
	pp := &PerPatient{Base: co.Base, Synthetic: opt.Synthetic || co.synthetic, Pairs: co.pairs,
		Reference: relativeTo(co.Base, opt.Reference)}
	u, panels, err := universeClassifier(&opt, co.Patients, co.genePanels)
	if err != nil {
		return nil, err
	}
	if pp.Panels, err = panelNames(u, co.Patients); err != nil {
		return nil, err
	}
	if err := opt.checkColumns(co.columns, co.columnsOf); err != nil {
		return nil, err
	}
	table, tableInputs, tableBytes, err := readActionable(&opt)
	if err != nil {
		return nil, err
	}
	pp.table, pp.actionable = table, tableBytes
	groups, groupInputs, groupBytes, err := readGroups(&opt)
	if err != nil {
		return nil, err
	}
	pp.groups, pp.groupsBytes = groups, groupBytes
	tableInputs = append(tableInputs, groupInputs...)
	var prev *previous
	if opt.AddTo != "" {
		if prev, err = readPrevious(opt.AddTo, &opt, co.Patients); err != nil {
			return nil, err
		}
	}
	pp.version, pp.parameters, pp.shard, pp.cohort = opt.Version, opt.Parameters, opt.Shard, len(co.Patients)
	pp.noPartial = opt.NoPartial
	patients, index := co.Patients, make([]int, 0, len(co.Patients))
	for i := range patients {
		if opt.Shard.Holds(patients[i].ID) {
			index = append(index, i)
		}
	}
	if opt.Shard.N > 0 {
		patients = make([]concordance.Patient, len(index))
		for j, i := range index {
			patients[j] = co.Patients[i]
		}
	}
	ref, err := openReference(opt.Reference, opt.Limits)
	if err != nil {
		return nil, err
	}
	defer ref.Close()
	var refInput []schema.InputFile
	if ref != nil {
		refInput = append(refInput, ref.provenance)
	}
	pp.cohortInputs = inputs(co.Base, co.inputs, tableInputs, panels, refInput, nil)
	if prev != nil {
		if err := prev.check(pp); err != nil {
			return nil, err
		}
	}
	cfg := pipeline.Config{
		Threads:       opt.Threads,
		Match:         concordance.MatchOptions{MaxTier: opt.MaxTier, FusionOrientation: opt.FusionOrientation},
		Load:          co.load,
		AllFilters:    opt.AllFilters,
		KeepGermline:  opt.KeepGermline,
		FilteredSites: opt.filteredSites(),
		Limits:        opt.Limits,
		Sheet:         opt.Sheet,
		AllowSameFile: opt.AllowSameFile,
		SkipFailed:    opt.SkipFailedPatients,
	}
	if ref != nil {
		cfg.Reference = ref.fasta
	}
	if cfg.Classify, err = classifiers(&opt, u, cfg.Reference); err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		cfg.Progress = func(done, total int) { opt.Progress(StageReading, done, total) }
	}
	var sp *spill
	if !opt.KeepCalls && opt.AddTo == "" {
		if sp, err = newSpill(co.Base, slices.Clone(index), !opt.NoPartial); err != nil {
			return nil, err
		}
		cfg.Finished = sp.finished
	}
	res, err := pipeline.Run(ctx, patients, cfg)
	if err == nil && sp != nil {
		err = sp.done(len(patients))
	}
	if err != nil {
		if sp != nil {
			sp.close()
		}
		return nil, err
	}
	pp.spill = sp
	if opt.Shard.N > 0 && len(res.SharedInputs) > 0 {
		return nil, optionf("--shard: the sheet names multi-sample files (MAF, report tables: %s) whose rows belong to several patients; shard a sheet of per-patient files", concordance.Quote(res.SharedInputs[0].Path))
	}
	for k := len(res.Skipped) - 1; k >= 0; k-- { // the skipped patients' places go too
		s := res.Skipped[k]
		index = slices.Delete(index, s.Index, s.Index+1)
	}
	for _, s := range res.Skipped {
		pp.Skipped = append(pp.Skipped, schema.SkippedPatient{Patient: s.Patient.ID, Reason: concordance.Escape(s.Err.Error())})
	}
	if len(res.Patients) == 0 && len(res.Skipped) > 0 {
		return nil, res.Skipped[0].Err // nothing left to analyse: the first failure is the error
	}
	pp.Patients, pp.index = res.Patients, index
	pp.patientLedgers, pp.patientInputs = res.PatientLedgers, make([][]schema.InputFile, len(res.PatientInputs))
	if sp == nil { // (else the spill wrote them)
		for i, in := range res.PatientInputs {
			pp.patientInputs[i] = relInputs(co.Base, in)
		}
	}
	pp.shared = partial.Shared{Ledger: res.SharedLedger, Inputs: relInputs(co.Base, res.SharedInputs)}
	if co.finish != nil {
		// a study's rows no patient used
		var led concordance.Ledger
		co.finish(&led)
		pp.shared.Ledger = append(pp.shared.Ledger, led.Entries()...)
	}
	if prev != nil {
		pp.extend(prev)
	}
	pp.assemble()
	return pp, nil
}

// inputs lists the inputs in summary.json's order, paths of the panels and
// call files relative to base when inside it.
func inputs(base string, cohort, table, panels, ref, calls []schema.InputFile) []schema.InputFile {
	paths := output.Paths{Base: base}
	out := append(append([]schema.InputFile(nil), cohort...), table...)
	for _, p := range panels {
		p.Path = paths.Rel(p.Path)
		out = append(out, p)
	}
	out = append(out, ref...)
	for _, in := range calls {
		in.Path = paths.Rel(in.Path)
		out = append(out, in)
	}
	return out
}

// relativeTo writes a path relative to base when it lies inside it (the
// demo's reference sits in a temporary folder: outputs must not name it).
func relativeTo(base, p string) string {
	if p == "" {
		return ""
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return output.Paths{Base: base}.Rel(abs)
}
