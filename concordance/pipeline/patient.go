package pipeline

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input"
	"github.com/concord-oncology/concord/concordance/input/vcf"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/infile"
)

// patientOut is what one patient's analysis gives the run.
type patientOut struct {
	result concordance.PatientResult
	ledger concordance.Ledger
	inputs []Input
	err    error
}

// worker holds the buffers one goroutine reuses from file to file.
type worker struct {
	cfg    *Config
	shared *sharedFiles
	norm   normalize.Normalizer
	buf    []byte
	dec    infile.Decompressor
	vcf    vcf.CallReader
	head   [input.SniffBytes]byte
	// filtered holds the FILTERed sites of the patient being read.
	filtered [2]concordance.FilteredSites
	// reads are the tissue and plasma files of the patient being read.
	reads [2][]fileRead
	// calls are the memory of the last patient's tissue and plasma calls,
	// which the next patient reuses: they live until compare has copied
	// the ones kept (the white-blood-cell calls stay with the result).
	calls [2][]concordance.Call
	// problems, when not nil (Check), collects every call file's problem
	// and reading goes on past them, so that one pass lists them all.
	problems *[]error
}

// fileRead is what tells one read of a call file from another: its path,
// its bytes' SHA-256 and the sample selected in it.
type fileRead struct{ path, sum, sample string }

func newWorker(cfg *Config, shared *sharedFiles) *worker {
	w := &worker{cfg: cfg, shared: shared, norm: normalize.Normalizer{Ref: cfg.Reference}}
	w.dec.Limits = cfg.Limits
	return w
}

// analyse analyses one patient. A panic (a bug: readers return errors) is
// returned as an error naming the patient, so that it reaches the command
// line as an internal error instead of ending the process from a worker
// goroutine with the exit status of a usage error.
func (w *worker) analyse(p *concordance.Patient) (o patientOut) {
	defer func() {
		if r := recover(); r != nil {
			o = patientOut{err: fmt.Errorf("pipeline: patient %s: panic: %v (at %s)", concordance.Quote(p.ID), r, panicSite())}
		}
	}()
	return w.patient(p)
}

// panicSite names the function and line that panicked: the first frame
// of the panicking goroutine outside the runtime.
func panicSite() string {
	pc := make([]uintptr, 32)
	frames := runtime.CallersFrames(pc[:runtime.Callers(3, pc)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf("%s %s:%d", f.Function, filepath.Base(f.File), f.Line)
		}
		if !more {
			return "unknown"
		}
	}
}

// patient reads, excludes, matches, classifies and counts one patient.
func (w *worker) patient(p *concordance.Patient) (o patientOut) {
	o.result.Patient = p
	calls, wbc, err := w.read(p, &o)
	if err == nil && len(wbc) > 0 {
		err = w.wbcCalls(p, wbc, &o)
	}
	var outcome, detail [2][]string
	if err == nil {
		outcome, detail, err = w.exclude(p, &calls, &o.result)
	}
	if err == nil {
		err = w.compare(p, &calls, &outcome, &o.result)
	}
	if err != nil {
		o.err = err
		return o
	}
	for s := range calls {
		tallyRecords(&o.ledger, p.ID, concordance.Side(s), calls[s], outcome[s], detail[s])
	}
	return o
}

// read reads a patient's tissue and plasma calls and the matched
// white-blood-cell calls, then refuses what no one file shows: the same
// data on both sides, files on different genome builds, ledger details
// that cannot be written.
func (w *worker) read(p *concordance.Patient, o *patientOut) (calls [2][]concordance.Call, wbc []concordance.Call, err error) {
	var builds []buildOf
	w.filtered[0].Reset()
	w.filtered[1].Reset()
	w.reads[0], w.reads[1] = w.reads[0][:0], w.reads[1][:0]
	for _, side := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
		if calls[side], err = w.side(p, side, o, &builds); err != nil {
			return calls, nil, err
		}
	}
	if err := w.sameData(p); err != nil {
		return calls, nil, err
	}
	// The matched white-blood-cell sample (evidence of clonal
	// haematopoiesis and germline origin) is read with the same readers
	// and normalised the same way; its records are counted in the ledger
	// under side wbc. Studies loaded as a whole (Load) have none.
	if w.cfg.Load == nil && p.WBC.Present() {
		if wbc, err = w.readSample(p, concordance.WBC, &p.WBC, o, &builds); err != nil {
			return calls, nil, err
		}
	}
	if err := sameBuild(p.ID, builds); err != nil {
		return calls, nil, err
	}
	return calls, wbc, checkDetails(&o.ledger)
}

// side reads the calls of one side: from Config.Load when set, else from
// the sheet's files. The calls are the worker's own (normalised in place).
func (w *worker) side(p *concordance.Patient, side concordance.Side, o *patientOut, builds *[]buildOf) ([]concordance.Call, error) {
	ref := p.Sample(side)
	if w.cfg.Load == nil {
		return w.readSample(p, side, ref, o, builds)
	}
	data, err := w.cfg.Load(p, side, &o.ledger)
	if err != nil {
		return nil, err
	}
	o.result.Biomarkers[side] = mergeBiomarkers(concordance.NoBiomarkers(), data.Biomarkers, false)
	if err := checkText(data.Calls); err != nil {
		return nil, err
	}
	if data.Build != "" {
		*builds = append(*builds, buildOf{side.String() + " sample " + ref.ID, data.Build})
	}
	return append([]concordance.Call(nil), data.Calls...), nil
}

// exclude decides for each call whether it is used ("") or why not: its
// sample failed, it is no variant once normalised, it is an MNV's
// component, a duplicate, or germline. detail says more where a reason
// needs it (the germline label).
func (w *worker) exclude(p *concordance.Patient, calls *[2][]concordance.Call, res *concordance.PatientResult) (outcome, detail [2][]string, err error) {
	for s := range calls {
		outcome[s] = make([]string, len(calls[s]))
		if p.Sample(concordance.Side(s)).IsFailed() {
			// The sheet says the sample failed: its calls (when a file was
			// given) are read and counted, never compared.
			res.Failed[s] = true
			for i := range outcome[s] {
				outcome[s][i] = concordance.ReasonSampleFailed
			}
			continue
		}
		if err := w.normalise(calls[s], outcome[s]); err != nil {
			return outcome, detail, err
		}
	}
	detail = [2][]string{make([]string, len(calls[0])), make([]string, len(calls[1]))}
	for s := range calls {
		mnvComponents(calls[s], outcome[s])
		duplicates(calls[s], outcome[s])
	}
	if !w.cfg.KeepGermline {
		germline(calls, &outcome, &detail)
	}
	return outcome, detail, nil
}

// compare matches the calls used on both sides, then runs the
// classifiers and counts the rows.
func (w *worker) compare(p *concordance.Patient, calls *[2][]concordance.Call, outcome *[2][]string, res *concordance.PatientResult) error {
	// The kept calls and the rows live as long as the run: sized exactly,
	// not by append's doubling (a third of a cohort's live heap).
	var kept [2][]concordance.Call
	for s := range calls {
		n := 0
		for i := range calls[s] {
			if outcome[s][i] == "" {
				n++
			}
		}
		kept[s] = make([]concordance.Call, 0, n)
		for i := range calls[s] {
			if outcome[s][i] == "" {
				kept[s] = append(kept[s], calls[s][i])
			}
		}
		res.Calls[s] = len(kept[s])
	}
	res.Rows = concordance.Match(kept[concordance.Tissue], kept[concordance.Plasma], w.cfg.Match)
	if cap(res.Rows) > len(res.Rows) {
		res.Rows = slices.Clone(res.Rows)
	}
	res.TumorFraction = p.TumorFraction
	if concordance.Known(p.TumorFraction) {
		res.TumorFractionSource = schema.SourceSheet
	}
	if w.cfg.FilteredSites {
		res.Filtered = [2]*concordance.FilteredSites{&w.filtered[0], &w.filtered[1]}
	}
	for _, classify := range w.cfg.Classify {
		if err := classify(res); err != nil {
			return err
		}
	}
	res.Filtered = [2]*concordance.FilteredSites{} // the worker reuses them
	res.Counts = concordance.CountRows(res.Rows)
	return nil
}

// readSample reads every call file of one sample, recording inputs,
// contig checks, builds and (for tissue and plasma) biomarkers.
func (w *worker) readSample(p *concordance.Patient, side concordance.Side, ref *concordance.SampleRef, o *patientOut, builds *[]buildOf) ([]concordance.Call, error) {
	var calls []concordance.Call
	if side == concordance.Tissue || side == concordance.Plasma {
		calls = w.calls[side][:0]
		defer func() {
			w.calls[side] = nil
			if cap(calls) <= concordance.ReusedCalls {
				w.calls[side] = calls[:0]
			}
		}()
	}
	for k, path := range ref.Calls {
		format := ""
		if k < len(ref.Formats) {
			format = ref.Formats[k]
		}
		opt := concordance.ReadOptions{File: path, Patient: p.ID, Side: side, SampleID: ref.ID, AllFilters: w.cfg.AllFilters}
		if w.cfg.FilteredSites && !w.cfg.AllFilters && side != concordance.WBC {
			opt.Filtered = &w.filtered[side]
		}
		data, in, err := w.readFile(path, format, opt, &o.ledger)
		if errors.Is(err, input.ErrNoRows) {
			// A multi-sample file without rows for the sample: it had no
			// calls, or its id is misspelt. Said, not assumed silently.
			o.result.Notes = append(o.result.Notes, fmt.Sprintf("%s sample %s has no rows in %s: read as no calls", side, concordance.Quote(ref.ID), path))
			continue
		}
		if err == nil {
			err = checkText(data.Calls)
		}
		if err != nil {
			err = &concordance.PatientError{Patient: p.ID, Side: side, Err: err}
			if w.problems == nil {
				return nil, err
			}
			*w.problems = append(*w.problems, err)
			continue
		}
		if in.Path != "" {
			o.inputs = append(o.inputs, in)
		}
		if side == concordance.Tissue || side == concordance.Plasma {
			sum := in.SHA256
			if sf, ok := w.shared.known(path); ok && sum == "" {
				sum = sf.input.SHA256 // a multi-sample file, hashed by its first read
			}
			w.reads[side] = append(w.reads[side], fileRead{path, sum, data.Sample})
		}
		if w.cfg.Reference != nil && len(data.Contigs) > 0 {
			if err := w.cfg.Reference.CheckContigs(data.Contigs); err != nil {
				line := 0
				var bm *normalize.BuildMismatchError
				if errors.As(err, &bm) {
					line = data.ContigLines[bm.Contig] // the ##contig line that disagrees
				}
				return nil, &concordance.InputError{File: path, Line: line, Err: err}
			}
		}
		if data.Build != "" {
			*builds = append(*builds, buildOf{path, data.Build})
		}
		if side == concordance.Tissue || side == concordance.Plasma {
			o.result.Biomarkers[side] = mergeBiomarkers(o.result.Biomarkers[side], data.Biomarkers, k == 0)
		}
		calls = append(calls, data.Calls...)
	}
	return calls, nil
}

// wbcCalls normalises the white-blood-cell calls, keeps each alteration
// once and counts every record in the ledger: used when kept as evidence.
func (w *worker) wbcCalls(p *concordance.Patient, calls []concordance.Call, o *patientOut) error {
	outcome := make([]string, len(calls))
	if err := w.normalise(calls, outcome); err != nil {
		return err
	}
	mnvComponents(calls, outcome)
	duplicates(calls, outcome)
	for i := range calls {
		if outcome[i] == "" {
			o.result.WBC = append(o.result.WBC, calls[i])
		}
	}
	tallyRecords(&o.ledger, p.ID, concordance.WBC, calls, outcome, make([]string, len(calls)))
	return nil
}
