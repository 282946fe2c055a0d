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
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/hgvs"
	"github.com/concord-oncology/concord/concordance/input"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/vcf"
	"github.com/concord-oncology/concord/internal/xio"
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
	// decompressed size); the zero value means xio's defaults.
	Limits xio.Limits

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
}

func (c *Config) defaults() {
	if c.Match.Reference == nil && c.Reference != nil {
		c.Match.Reference = c.Reference
	}
}

// Input is one input file with its checksum (internal/xio), for
// provenance.
type Input = schema.InputFile

// Result is a cohort analysed.
type Result struct {
	Patients []concordance.PatientResult // in sheet order
	Ledger   *concordance.Ledger
	Inputs   []Input
}

// Run analyses the patients. On bad input it returns the error of the
// first failing patient in sheet order, whatever the number of workers.
func Run(ctx context.Context, patients []concordance.Patient, cfg Config) (*Result, error) {
	cfg.defaults()
	threads := cfg.Threads
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	threads = min(threads, max(1, len(patients)))
	out := make([]patientOut, len(patients))
	shared := &sharedFiles{}
	var (
		next    atomic.Int64 // next patient index to hand out
		failed  atomic.Int64 // lowest failed index + 1 (0: none)
		done    atomic.Int64
		wg      sync.WaitGroup
		progMu  sync.Mutex
		stopped = ctx.Done()
	)
	for w := 0; w < threads; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := newWorker(&cfg, shared)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(patients) {
					return
				}
				// After a failure, later patients are not started; earlier
				// ones were handed out already and finish, so the error
				// reported is the first in sheet order.
				if f := failed.Load(); f > 0 && int64(i) >= f-1 {
					return
				}
				select {
				case <-stopped:
					return
				default:
				}
				out[i] = wk.patient(&patients[i])
				if out[i].err != nil {
					for {
						f := failed.Load()
						if f > 0 && f-1 <= int64(i) || failed.CompareAndSwap(f, int64(i)+1) {
							break
						}
					}
				}
				n := int(done.Add(1))
				if cfg.Progress != nil {
					progMu.Lock()
					cfg.Progress(n, len(patients))
					progMu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f := failed.Load(); f > 0 {
		return nil, out[f-1].err
	}
	res := &Result{Ledger: &concordance.Ledger{}}
	res.Patients = make([]concordance.PatientResult, len(patients))
	for i := range out {
		res.Patients[i] = out[i].result
		res.Ledger.Merge(&out[i].ledger)
		res.Inputs = append(res.Inputs, out[i].inputs...)
	}
	// Rows of a shared file that no patient used are filed under the side of
	// the file's first use in sheet order (not in time: that depends on the
	// number of workers).
	for i := range patients {
		for _, side := range []concordance.Side{concordance.Tissue, concordance.Plasma, concordance.WBC} {
			for _, path := range patients[i].Sample(side).Calls {
				if sf, ok := shared.known(path); ok && !sf.sided {
					sf.side, sf.sided = side, true
				}
			}
		}
	}
	res.Inputs = append(res.Inputs, shared.finish(res.Ledger)...)
	return res, nil
}

// sharedFiles are the multi-sample files of a run (MAF, report tables,
// cBioPortal data files), each read once however many patients use it.
type sharedFiles struct {
	mu    sync.Mutex
	files map[string]*sharedFile
}

type sharedFile struct {
	once  sync.Once
	mu    sync.Mutex // Source.Use is not safe for concurrent use
	src   input.Source
	err   error
	input Input
	side  concordance.Side
	sided bool
}

func (s *sharedFiles) get(path string) (*sharedFile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files == nil {
		s.files = map[string]*sharedFile{}
	}
	f, ok := s.files[path]
	if !ok {
		f = &sharedFile{}
		s.files[path] = f
	}
	return f, ok
}

func (s *sharedFiles) known(path string) (*sharedFile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[path]
	return f, ok
}

// finish counts the rows of samples no patient used (other_sample) and
// returns the shared inputs, both in path order.
func (s *sharedFiles) finish(led *concordance.Ledger) []Input {
	paths := make([]string, 0, len(s.files))
	for p, f := range s.files {
		if f.src != nil {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	var in []Input
	for _, p := range paths {
		f := s.files[p]
		f.src.CountUnused("", f.side, led)
		in = append(in, f.input)
	}
	return in
}

// Check reads every patient's files as Run does, matching nothing, and
// returns one error per patient with a problem, in sheet order.
func Check(ctx context.Context, patients []concordance.Patient, cfg Config) []error {
	cfg.defaults()
	cfg.Classify, cfg.Progress = nil, nil
	errs := make([]error, len(patients))
	shared := &sharedFiles{}
	var next atomic.Int64
	var wg sync.WaitGroup
	threads := cfg.Threads
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	for w := 0; w < min(threads, max(1, len(patients))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := newWorker(&cfg, shared)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(patients) || ctx.Err() != nil {
					return
				}
				errs[i] = wk.patient(&patients[i]).err
			}
		}()
	}
	wg.Wait()
	var out []error
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	if err := ctx.Err(); err != nil {
		out = append(out, err)
	}
	return out
}

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
	dec    xio.Decompressor
	vcf    vcf.CallReader
	head   [input.SniffBytes]byte
	// filtered holds the FILTERed sites of the patient being read.
	filtered [2]concordance.FilteredSites
	// reads are the tissue and plasma files of the patient being read.
	reads [2][]fileRead
}

// fileRead is what tells one read of a call file from another: its path,
// its bytes' SHA-256 and the sample selected in it.
type fileRead struct{ path, sum, sample string }

func newWorker(cfg *Config, shared *sharedFiles) *worker {
	w := &worker{cfg: cfg, shared: shared, norm: normalize.Normalizer{Ref: cfg.Reference}}
	w.dec.Limits = cfg.Limits
	return w
}

func (w *worker) patient(p *concordance.Patient) (o patientOut) {
	o.result.Patient = p
	var calls [2][]concordance.Call
	var builds []buildOf
	w.filtered[0].Reset()
	w.filtered[1].Reset()
	w.reads[0], w.reads[1] = w.reads[0][:0], w.reads[1][:0]
	for _, side := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
		ref := p.Sample(side)
		if w.cfg.Load != nil {
			data, err := w.cfg.Load(p, side, &o.ledger)
			if err != nil {
				o.err = err
				return o
			}
			o.result.Biomarkers[side] = mergeBiomarkers(concordance.NoBiomarkers(), data.Biomarkers, false)
			if err := checkText(data.Calls); err != nil {
				o.err = err
				return o
			}
			if data.Build != "" {
				builds = append(builds, buildOf{side.String() + " sample " + ref.ID, data.Build})
			}
			calls[side] = append(calls[side], data.Calls...)
			continue
		}
		data, ok := w.readSample(p, side, ref, &o, &builds)
		if !ok {
			return o
		}
		calls[side] = append(calls[side], data...)
	}
	if err := w.sameData(p); err != nil {
		o.err = err
		return o
	}
	// The matched white-blood-cell sample (evidence of clonal
	// haematopoiesis and germline origin) is read with the same readers
	// and normalised the same way; its records are counted in the ledger
	// under side wbc. Studies loaded as a whole (Load) have none.
	var wbc []concordance.Call
	if w.cfg.Load == nil && p.WBC.Present() {
		var ok bool
		if wbc, ok = w.readSample(p, concordance.WBC, &p.WBC, &o, &builds); !ok {
			return o
		}
	}
	if err := sameBuild(p.ID, builds); err != nil {
		o.err = err
		return o
	}
	if err := checkDetails(&o.ledger); err != nil {
		o.err = err
		return o
	}
	if len(wbc) > 0 && !w.wbcCalls(p, wbc, &o) {
		return o
	}
	var outcome [2][]string // per call: "" = used, else the exclusion reason
	for s := range calls {
		outcome[s] = make([]string, len(calls[s]))
		if p.Sample(concordance.Side(s)).IsFailed() {
			// The sheet says the sample failed: its calls (when a file was
			// given) are read and counted, never compared.
			o.result.Failed[s] = true
			for i := range outcome[s] {
				outcome[s][i] = concordance.ReasonSampleFailed
			}
			continue
		}
		if err := w.normalise(calls[s], outcome[s]); err != nil {
			o.err = err
			return o
		}
	}
	detail := [2][]string{make([]string, len(calls[0])), make([]string, len(calls[1]))}
	for s := range calls {
		mnvComponents(calls[s], outcome[s])
		duplicates(calls[s], outcome[s])
	}
	if !w.cfg.KeepGermline {
		germline(&calls, &outcome, &detail)
	}
	var kept [2][]concordance.Call
	for s := range calls {
		for i := range calls[s] {
			if outcome[s][i] == "" {
				kept[s] = append(kept[s], calls[s][i])
			}
		}
		o.result.Calls[s] = len(kept[s])
	}
	o.result.Rows = concordance.Match(kept[concordance.Tissue], kept[concordance.Plasma], w.cfg.Match)
	o.result.TumorFraction = p.TumorFraction
	if concordance.Known(p.TumorFraction) {
		o.result.TumorFractionSource = schema.SourceSheet
	}
	if w.cfg.FilteredSites {
		o.result.Filtered = [2]*concordance.FilteredSites{&w.filtered[0], &w.filtered[1]}
	}
	for _, classify := range w.cfg.Classify {
		if err := classify(&o.result); err != nil {
			o.err = err
			return o
		}
	}
	o.result.Filtered = [2]*concordance.FilteredSites{} // the worker reuses them
	o.result.Counts = concordance.CountRows(o.result.Rows)
	for s := range calls {
		tallyRecords(&o.ledger, p.ID, concordance.Side(s), calls[s], outcome[s], detail[s])
	}
	return o
}

// readSample reads every call file of one sample, recording inputs,
// contig checks, builds and (for tissue and plasma) biomarkers. On error it
// sets o.err and returns false.
func (w *worker) readSample(p *concordance.Patient, side concordance.Side, ref *concordance.SampleRef, o *patientOut, builds *[]buildOf) ([]concordance.Call, bool) {
	var calls []concordance.Call
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
			o.err = err
			return nil, false
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
				o.err = &concordance.InputError{File: path, Line: line, Err: err}
				return nil, false
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
	return calls, true
}

// wbcCalls normalises the white-blood-cell calls, keeps each alteration
// once and counts every record in the ledger: used when kept as evidence.
func (w *worker) wbcCalls(p *concordance.Patient, calls []concordance.Call, o *patientOut) bool {
	outcome := make([]string, len(calls))
	if err := w.normalise(calls, outcome); err != nil {
		o.err = err
		return false
	}
	mnvComponents(calls, outcome)
	duplicates(calls, outcome)
	for i := range calls {
		if outcome[i] == "" {
			o.result.WBC = append(o.result.WBC, calls[i])
		}
	}
	tallyRecords(&o.ledger, p.ID, concordance.WBC, calls, outcome, make([]string, len(calls)))
	return true
}

// checkText refuses a call whose text could not reach the outputs as
// written (not UTF-8, or a control character such as NUL or a tab: see
// concordance.CheckText), naming its file and line. It runs where calls
// enter the analysis, whatever reader made them.
func checkText(calls []concordance.Call) error {
	for i := range calls {
		if err := calls[i].CheckText(); err != nil {
			return &concordance.InputError{File: calls[i].Source.File, Line: calls[i].Source.Line, Err: err}
		}
	}
	return nil
}

// checkDetails refuses a ledger detail the readers took from a file (a
// FILTER value, a germline label) that could not reach ledger.tsv as
// written. Entries are few per patient (one per reason and detail).
func checkDetails(led *concordance.Ledger) error {
	for _, e := range led.Entries() {
		if err := concordance.CheckText(e.Detail); err != nil {
			return &concordance.InputError{File: e.File, Err: fmt.Errorf("a %s record's detail (FILTER value or label): %w", e.Reason, err)}
		}
	}
	return nil
}

// sameData refuses a patient whose tissue and plasma calls are the same
// data: a file (the same path, or identical bytes under another name) read
// for the same sample on both sides, so that every alteration would be
// shared (issue 10: PPA 100% without a word). A multi-sample file read for
// two different samples (a VCF's two columns, a MAF's two barcodes, a
// report table's two sides) is not the same data. AllowSameFile accepts it.
func (w *worker) sameData(p *concordance.Patient) error {
	if w.cfg.AllowSameFile {
		return nil
	}
	for _, t := range w.reads[concordance.Tissue] {
		for _, q := range w.reads[concordance.Plasma] {
			if t.path != q.path && (t.sum == "" || t.sum != q.sum) || t.sample != q.sample {
				continue
			}
			what := fmt.Sprintf("%s is both the tissue and the plasma calls", t.path)
			if t.path != q.path {
				what = fmt.Sprintf("tissue %s and plasma %s are identical (SHA-256 %s)", t.path, q.path, t.sum)
			}
			if t.sample != "" {
				what += fmt.Sprintf(", read for sample %q on both sides", t.sample)
			}
			return &concordance.InputError{File: w.cfg.Sheet, Line: p.Line, Err: fmt.Errorf(
				"patient %s: %s: every alteration would be shared; give --allow-same-file if that is deliberate", p.ID, what)}
		}
	}
	return nil
}

type buildOf struct{ file, build string }

// sameBuild refuses a patient whose files name different genome builds.
func sameBuild(patient string, b []buildOf) error {
	for _, x := range b[min(1, len(b)):] {
		if x.build != b[0].build {
			return &concordance.InputError{File: x.file, Err: fmt.Errorf(
				"genome build %s, but %s of the same patient (%s) is %s: lift one over or give files on one build", x.build, b[0].file, patient, b[0].build)}
		}
	}
	return nil
}

func mergeBiomarkers(acc, b concordance.Biomarkers, first bool) concordance.Biomarkers {
	if first {
		acc = concordance.NoBiomarkers()
	}
	if concordance.Known(b.TMB) {
		acc.TMB = b.TMB
	}
	if concordance.Known(b.MSIScore) {
		acc.MSIScore = b.MSIScore
	}
	if b.MSIStatus != "" {
		acc.MSIStatus = b.MSIStatus
	}
	return acc
}

// readFile reads, hashes, decompresses and parses one call file. A
// multi-sample file is read once for the whole run; its Input is returned
// only by the read that parsed it (Path "" otherwise).
//
// Only regular files are read (xio.OpenFile: a FIFO, a device or a folder
// is refused unread). A file up to wholeFile bytes is read whole into the
// worker's buffer, the fast path (the inflater reads memory directly); a
// larger one is streamed, so that memory stays bounded by the line cap
// whatever the file's size.
func (w *worker) readFile(path, format string, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, Input, error) {
	if sf, ok := w.shared.known(path); ok {
		return w.useShared(sf, path, opt, led)
	}
	in := Input{Path: path}
	f, size, err := xio.OpenFile(path)
	if err != nil {
		return nil, in, concordance.FileError(path, err)
	}
	defer f.Close()
	var (
		r   io.Reader
		sum func() error // sets in.SHA256 and in.Bytes once the file is read
	)
	if size <= wholeFile {
		if w.buf, err = readInto(f, size, w.buf[:0]); err != nil {
			return nil, in, concordance.FileError(path, err)
		}
		in.SHA256, in.Bytes = xio.SumBytes(w.buf)
		sum = func() error { return nil }
		r, _, err = w.dec.OpenBytes(w.buf)
	} else {
		var stream *xio.File
		if stream, err = xio.NewFile(f, w.cfg.Limits); err == nil {
			r = stream
			sum = func() (err error) {
				if in.SHA256, in.Bytes, err = stream.Sum(); err != nil {
					return concordance.FileError(path, err)
				}
				return nil
			}
		}
	}
	if err != nil {
		return nil, in, &concordance.InputError{File: path, Err: err}
	}
	// Peek at the start for sniffing without losing the fast WriteTo path.
	head, err := input.ReadHead(r, w.head[:])
	if err != nil {
		return nil, in, &concordance.InputError{File: path, Line: 1 + bytes.Count(head, []byte("\n")), Err: err}
	}
	src := &prefixed{head: head, rest: r}
	fm, err := w.format(format, path, head)
	if err != nil {
		return nil, in, err
	}
	in.Format = fm.String()
	if input.MultiSample(fm) {
		sf, _ := w.shared.get(path)
		sf.once.Do(func() {
			sf.src, sf.err = input.ReadMultiSample(fm, src, path, w.cfg.AllFilters)
			if sf.err == nil {
				sf.err = sum()
			}
			sf.input = in
		})
		data, _, err := w.useShared(sf, path, opt, led)
		return data, Input{}, err
	}
	reader := w.vcf.Read
	if fm != input.VCF {
		var ok bool
		if reader, ok = input.Reader(fm); !ok {
			return nil, in, &concordance.InputError{File: path, Err: fmt.Errorf("%s files are recognised but cannot be read as calls", fm)}
		}
	}
	data, err := reader(src, opt, led)
	if err != nil {
		return nil, in, concordance.AtFile(path, err)
	}
	if err := sum(); err != nil {
		return nil, in, err
	}
	return data, in, nil
}

// wholeFile is the largest call file read whole into memory (TSO500 VCFs
// are a few megabytes); larger ones are streamed.
const wholeFile = 16 << 20

// format names a file's format: the sheet's override, else sniffed.
func (w *worker) format(override, path string, head []byte) (input.Format, error) {
	if override != "" {
		f, err := input.ParseFormat(override)
		if err != nil {
			return 0, &concordance.InputError{File: path, Err: err}
		}
		return f, nil
	}
	f, err := input.Sniff(path, head)
	if err != nil {
		return 0, &concordance.InputError{File: path, Line: 1, Err: err}
	}
	return f, nil
}

func (w *worker) useShared(sf *sharedFile, path string, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, Input, error) {
	sf.once.Do(func() {}) // wait for the read that parses it
	if sf.err != nil {
		return nil, Input{}, concordance.AtFile(path, sf.err)
	}
	sf.mu.Lock()
	data, err := sf.src.Use(opt.SampleID, opt.Patient, opt.Side, led)
	sf.mu.Unlock()
	if err != nil {
		if errors.Is(err, input.ErrNoRows) {
			return nil, Input{}, err
		}
		return nil, Input{}, concordance.AtFile(path, err)
	}
	return data, Input{}, nil
}

// prefixed replays bytes already read, then the rest of the stream,
// keeping the rest's WriteTo fast path.
type prefixed struct {
	head []byte
	rest io.Reader
}

func (p *prefixed) Read(b []byte) (int, error) {
	if len(p.head) > 0 {
		n := copy(b, p.head)
		p.head = p.head[n:]
		return n, nil
	}
	return p.rest.Read(b)
}

func (p *prefixed) WriteTo(w io.Writer) (int64, error) {
	var total int64
	if len(p.head) > 0 {
		n, err := w.Write(p.head)
		total += int64(n)
		p.head = nil
		if err != nil {
			return total, err
		}
	}
	n, err := io.Copy(w, p.rest)
	return total + n, err
}

// readInto reads a whole file of the given size into buf (grown as
// needed).
func readInto(f *os.File, size int64, buf []byte) ([]byte, error) {
	n := int(size)
	if cap(buf) < n+1 {
		buf = make([]byte, 0, n+n/8+512)
	}
	buf = buf[:n]
	k, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF {
		return buf[:k], err
	}
	return buf[:k], nil
}

// normalise puts every small variant in canonical form. A record that
// is not a variant once normalised (REF equal to ALT) is counted, not fatal.
func (w *worker) normalise(calls []concordance.Call, outcome []string) error {
	for i := range calls {
		c := &calls[i]
		if c.Protein != "" {
			// One notation for protein changes (p.Val600Glu -> p.V600E);
			// a change hgvs cannot parse is kept as written.
			if p, err := hgvs.Canonical(c.Protein); err == nil {
				c.Protein = p
			}
		}
		if !c.Class.IsSmall() || c.Chrom == "" {
			continue
		}
		v, err := w.norm.Normalize(c.Variant)
		if errors.Is(err, normalize.ErrNotVariant) {
			outcome[i] = concordance.ReasonNotVariant
			continue
		}
		if err != nil {
			return &concordance.InputError{File: c.Source.File, Line: c.Source.Line, Err: err}
		}
		c.Variant = v
		c.Class = v.SmallClass()
	}
	return nil
}

// mnvComponents keeps a DRAGEN MNV once: records sharing an MNVTAG are
// one event, written as the MNV and as its component SNVs. The record that
// spells the tag's change is kept; the others are counted as components.
// When the MNV record itself is absent (filtered), the components stand.
func mnvComponents(calls []concordance.Call, outcome []string) {
	whole := map[string]bool{}
	for i := range calls {
		c := &calls[i]
		if c.Group != "" && tagMatches(c.Group, c) {
			whole[c.Group] = true
		}
	}
	for i := range calls {
		c := &calls[i]
		if c.Group != "" && whole[c.Group] && !tagMatches(c.Group, c) && outcome[i] == "" {
			outcome[i] = concordance.ReasonMNVComponent
		}
	}
}

// tagMatches reports whether a call, as written in its file, is the change
// an MNVTAG (chrom:pos_REF->ALT) describes.
func tagMatches(tag string, c *concordance.Call) bool {
	_, rest, ok := strings.Cut(tag, ":")
	if !ok {
		return false
	}
	pos, change, ok := strings.Cut(rest, "_")
	if !ok {
		return false
	}
	ref, alt, ok := strings.Cut(change, "->")
	if !ok {
		return false
	}
	p, err := strconv.Atoi(pos)
	return err == nil && p == c.OrigPos && ref == c.OrigRef && alt == c.OrigAlt
}

// duplicates counts a second call of the same alteration in one sample.
func duplicates(calls []concordance.Call, outcome []string) {
	seen := make(map[string]bool, len(calls))
	for i := range calls {
		if outcome[i] != "" {
			continue
		}
		k := calls[i].Key()
		if seen[k] {
			outcome[i] = concordance.ReasonDuplicate
			continue
		}
		seen[k] = true
	}
}

// germline excludes calls the caller flagged germline and, because a
// germline variant belongs to the patient rather than to one sample, the
// same alteration in the other sample too. (The TSO500 Local App tissue VCF
// has no germline flag; DRAGEN flags the plasma call.)
func germline(calls *[2][]concordance.Call, outcome *[2][]string, detail *[2][]string) {
	flagged := [2]map[string]string{{}, {}}
	for s := range calls {
		for i := range calls[s] {
			c := &calls[s][i]
			if c.Flags.Has(concordance.FlagGermlineCaller) && (*outcome)[s][i] != concordance.ReasonSampleFailed {
				flagged[s][c.Key()] = c.GermlineStatus
			}
		}
	}
	for s := range calls {
		other := 1 - s
		for i := range calls[s] {
			c := &calls[s][i]
			if outcome[s][i] != "" {
				continue
			}
			if st, ok := flagged[s][c.Key()]; ok {
				outcome[s][i], detail[s][i] = concordance.ReasonGermline, st
			} else if st, ok := flagged[other][c.Key()]; ok {
				outcome[s][i], detail[s][i] = concordance.ReasonGermline, st+" in "+concordance.Side(other).String()
			}
		}
	}
}

// tallyRecords counts each record of a side once: used when any of its
// alleles was used, else with the reason of its first allele.
func tallyRecords(led *concordance.Ledger, patient string, side concordance.Side, calls []concordance.Call, outcome, detail []string) {
	for i := 0; i < len(calls); {
		j := i + 1
		for j < len(calls) && calls[j].Source == calls[i].Source {
			j++
		}
		reason, det := outcome[i], detail[i]
		for k := i; k < j; k++ {
			if outcome[k] == "" {
				reason, det = "", ""
				break
			}
		}
		if reason == "" {
			reason = concordance.ReasonUsed
		}
		led.Add(calls[i].Source.File, patient, side, reason, det, 1)
		i = j
	}
}
