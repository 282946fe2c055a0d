// Package pipeline runs the concordance analysis over a cohort: for each
// patient it reads the tissue and plasma call files, normalises the calls,
// applies the exclusions (FILTER, caller-flagged germline, MNV components,
// duplicates), matches the two sides and records every input record in the
// ledger. Patients are independent, so they run on a pool of workers;
// results are kept in sheet order, so outputs do not depend on the number
// of workers.
//
// Memory is bounded by the patients in flight: each worker reads one file
// at a time into a reused buffer, and only the calls that pass the filters
// (tens per sample) outlive the read.
package pipeline

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/infile"
	"github.com/concord-oncology/concord/internal/parallel"
)

// Config controls a run.
type Config struct {
	Threads int // workers; 0 = all cores

	// Reference is the genome small variants are normalised against
	// (normalize.Normalizer) and each file's ##contig lengths are checked
	// against (genome-build mismatch); nil trims alleles only and checks
	// no contigs.
	Reference *normalize.FASTA

	// Match are the matching options; Match.Reference is Reference when
	// not set.
	Match concordance.MatchOptions

	AllFilters   bool // keep non-PASS calls
	KeepGermline bool // keep calls the caller flagged germline
	// FilteredSites keeps the sites of FILTERed records (for VCF inputs) on
	// PatientResult.Filtered while the classifiers run, so a discordant call
	// can be checked against the other caller's sub-threshold calls.
	FilteredSites bool

	// Load, when set, supplies each sample's calls instead of reading the
	// sheet's files (a cBioPortal study read as a whole).
	Load func(p *concordance.Patient, side concordance.Side, led *concordance.Ledger) (*concordance.SampleData, error)

	// Limits bound what reading one input may cost (line length,
	// decompressed size); the zero value means infile's defaults.
	Limits infile.Limits

	// Classify runs after matching on each patient, in order (comparison
	// universe, evidence at discordant sites, flags, exclusions, reasons);
	// each must only touch the patient it is given. Counts are taken after.
	Classify []func(*concordance.PatientResult) error

	// Progress is called after each patient with the number done.
	Progress func(done, total int)

	// Sheet names the sample sheet in errors about a patient's row.
	Sheet string
	// AllowSameFile accepts a patient whose tissue and plasma calls are the
	// same data; by default that is an error (see sameData).
	AllowSameFile bool
	// SkipFailed leaves out a patient whose files are bad input (Result.
	// Skipped says why) instead of failing the run; a bug still fails it.
	SkipFailed bool

	// Finished, when set, is called by the worker that analysed patient i
	// as soon as it is done (in any order, concurrently): with its result,
	// ledger entries and inputs, or with nil ones when the patient failed.
	// It may change the result (analysis writes a patient's lines and
	// record, then releases its calls); its error fails the run as the
	// patient's own error would. The ledger entries and inputs are the
	// hook's: the pipeline keeps none of a patient Finished took without
	// error (Result.PatientLedgers and PatientInputs hold nil for it), so
	// that a long run does not hold every file's name and checksum and
	// ledger entries twice (analysis writes them out, and keeps the
	// ledger packed).
	Finished func(i int, res *concordance.PatientResult, ledger []concordance.LedgerEntry, inputs []Input) error
}

func (c *Config) defaults() {
	if c.Match.Reference == nil && c.Reference != nil {
		c.Match.Reference = c.Reference
	}
}

// Input is one input file with its checksum (internal/infile), for
// provenance.
type Input = schema.InputFile

// Result is a cohort analysed.
type Result struct {
	Patients []concordance.PatientResult // in sheet order
	// PatientLedgers and PatientInputs are each patient's ledger entries
	// and input files, in sheet order; SharedLedger and SharedInputs the
	// rest: the rows of multi-sample files no patient used, and those
	// files, and the files of the patients skipped. The run's ledger and
	// inputs are the patients' parts in order, then the shared part
	// (Ledger, Inputs), so a run computed in parts is put together the
	// same way.
	PatientLedgers [][]concordance.LedgerEntry
	PatientInputs  [][]Input
	SharedLedger   []concordance.LedgerEntry
	SharedInputs   []Input
	Skipped        []Skipped // with Config.SkipFailed, in sheet order
}

// Skipped is a patient left out by Config.SkipFailed.
type Skipped struct {
	Index   int // in the patients Run was given
	Patient *concordance.Patient
	Err     error
}

// Ledger is the run's ledger: the patients' parts in order, then the
// shared part.
func (r *Result) Ledger() *concordance.Ledger {
	return concordance.LedgerOf(append(slices.Clip(r.PatientLedgers), r.SharedLedger)...)
}

// Inputs are the run's call files: the patients' in order, then the
// shared ones.
func (r *Result) Inputs() []Input {
	return slices.Concat(append(slices.Clip(r.PatientInputs), r.SharedInputs)...)
}

// Run analyses the patients on Config.Threads workers
// (internal/parallel). On bad input it returns the error of the first
// failing patient in sheet order, whatever the number of workers.
func Run(ctx context.Context, patients []concordance.Patient, cfg Config) (*Result, error) {
	cfg.defaults()
	workers := parallel.Workers(cfg.Threads) // counted before SpareP adds a P
	defer infile.SpareP(workers)()
	shared := &sharedFiles{}
	out := make([]patientOut, len(patients))
	var (
		failed   firstFailure
		done     atomic.Int64
		progress sync.Mutex
	)
	parallel.For(len(patients), workers, 1, func() *worker { return newWorker(&cfg, shared) }, func(w *worker, i int) {
		// After a failure, later patients are not started; earlier ones
		// were handed out already and finish, so the error reported is the
		// first in sheet order.
		if failed.atOrBefore(i) || ctx.Err() != nil {
			return
		}
		out[i] = w.analyse(&patients[i])
		out[i].ledger.Compact() // kept until the end of the run
		if cfg.Finished != nil {
			var err error
			if out[i].err == nil {
				err = cfg.Finished(i, &out[i].result, out[i].ledger.Entries(), out[i].inputs)
				if err == nil {
					out[i].inputs, out[i].ledger = nil, concordance.Ledger{}
				}
			} else {
				err = cfg.Finished(i, nil, nil, nil)
			}
			if err != nil && out[i].err == nil {
				out[i].err = err
			}
		}
		if out[i].err != nil && !(cfg.SkipFailed && concordance.IsInputError(out[i].err)) {
			failed.add(i)
		}
		if cfg.Progress != nil {
			n := int(done.Add(1))
			progress.Lock()
			cfg.Progress(n, len(patients))
			progress.Unlock()
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if i, ok := failed.first(); ok {
		return nil, out[i].err
	}
	return collect(patients, out, shared), nil
}

// firstFailure is the lowest index of a failed patient, kept by every
// worker.
type firstFailure struct{ v atomic.Int64 } // index + 1; 0: none

func (f *firstFailure) add(i int) {
	for {
		c := f.v.Load()
		if c > 0 && c-1 <= int64(i) || f.v.CompareAndSwap(c, int64(i)+1) {
			return
		}
	}
}

// atOrBefore reports whether a patient at or before index i failed.
func (f *firstFailure) atOrBefore(i int) bool {
	c := f.v.Load()
	return c > 0 && c-1 <= int64(i)
}

func (f *firstFailure) first() (int, bool) {
	c := f.v.Load()
	return int(c - 1), c > 0
}

// collect merges the patients' results, ledgers and inputs in sheet order,
// then counts the rows of shared files that no patient used.
func collect(patients []concordance.Patient, out []patientOut, shared *sharedFiles) *Result {
	res := &Result{}
	res.Patients = make([]concordance.PatientResult, 0, len(patients))
	res.PatientLedgers = make([][]concordance.LedgerEntry, 0, len(patients))
	res.PatientInputs = make([][]Input, 0, len(patients))
	var sharedLedger concordance.Ledger
	for i := range out {
		if out[i].err != nil {
			res.Skipped = append(res.Skipped, Skipped{i, &patients[i], out[i].err})
			skipLedger(&sharedLedger, &patients[i], &out[i].ledger)
			continue
		}
		res.Patients = append(res.Patients, out[i].result)
		res.PatientLedgers = append(res.PatientLedgers, out[i].ledger.Entries()) // (nil when Finished took it)
		res.PatientInputs = append(res.PatientInputs, out[i].inputs)
	}
	shared.assignSides(patients)
	res.SharedInputs = shared.finish(&sharedLedger)
	res.SharedLedger = sharedLedger.Entries()
	return res
}

// Check reads every patient's files as Run does, matching nothing, and
// returns every problem of every patient in sheet order: each call file
// that cannot be read, then what no one file shows (the same data on both
// sides, different genome builds), so that one pass lists them all.
func Check(ctx context.Context, patients []concordance.Patient, cfg Config) []error {
	var out []error
	for _, e := range CheckEach(ctx, patients, cfg) {
		out = append(out, e...)
	}
	if err := ctx.Err(); err != nil {
		out = append(out, err)
	}
	return out
}

// CheckEach is Check patient by patient: the problems of each, in sheet
// order (nil for a patient without any), the cancellation left out.
func CheckEach(ctx context.Context, patients []concordance.Patient, cfg Config) [][]error {
	cfg.defaults()
	cfg.Classify, cfg.Progress = nil, nil
	errs := make([][]error, len(patients))
	shared := &sharedFiles{}
	workers := parallel.Workers(cfg.Threads)
	defer infile.SpareP(workers)()
	parallel.For(len(patients), workers, 1, func() *worker { return newWorker(&cfg, shared) }, func(w *worker, i int) {
		if ctx.Err() == nil {
			var problems []error
			w.problems = &problems
			if err := w.analyse(&patients[i]).err; err != nil {
				problems = append(problems, err)
			}
			errs[i] = problems
		}
	})
	return errs
}

// skipLedger lists a skipped patient's call files in the ledger, each with
// the records read from it before the failure, as patient_skipped.
func skipLedger(led *concordance.Ledger, p *concordance.Patient, partial *concordance.Ledger) {
	read := map[string]int64{}
	for e := range partial.All() {
		read[e.File] += e.Records
	}
	for _, side := range []concordance.Side{concordance.Tissue, concordance.Plasma, concordance.WBC} {
		for _, f := range p.Sample(side).Calls {
			led.Add(f, p.ID, side, concordance.ReasonPatientSkipped, "", read[f])
		}
	}
}
