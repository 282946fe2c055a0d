package analysis

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sync"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/partial"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/outdir"
)

// spill keeps each finished patient's lines of alterations.tsv and
// provenance.tsv and its partial record on disk, in sheet order, as soon
// as the patient is done, so that its calls can be released at once
// (concordance.ReleaseRows) and its inputs need not be kept: only what the
// cohort stage reads stays in memory. The calls were about half of what a
// run kept per patient, the inputs' names and checksums a tenth
// (bench/scale.sh, issue 15).
//
// The three files, and partial.bin.gz once packed (pack), are temporary
// files removed from the file system as soon
// as they are created: whatever ends the process, nothing is left behind
// and no one else's file is touched; the space returns when they are
// closed (PerPatient.Close, or when the results are garbage).
type spill struct {
	base    string
	index   []int // the pipeline's patient i is the cohort's patient index[i]
	records bool  // keep partial records too (the results write partial.bin.gz)

	mu       sync.Mutex
	next     int             // the next patient to write, in the pipeline's order
	pending  map[int]spilled // finished before an earlier patient
	files    [3]*os.File     // alterations.tsv's lines, provenance.tsv's, the partial records
	removed  [3]bool         // unlinked at creation
	w        [3]*bufio.Writer
	size     [3]int64
	patients int // records written
	// inputs and inputBytes count the patients' inputs (summary.json's
	// provenance).
	inputs     int
	inputBytes int64
	// ledger are the patients' ledger entries in order, packed: as the
	// pipeline handed them over, they were 89 MB of 100,000 patients.
	ledger   concordance.Ledger
	err      error
	encoders sync.Pool // *lineEncoder

	storeMu sync.Mutex
	store   concordance.RowStore // the released rows, packed

	// packed is partial.bin.gz as WritePartial writes it, compressed
	// during the cohort stage (PerPatient.pack); nil until then, and
	// when that failed.
	packed        *os.File
	packedSize    int64
	packedRemoved bool
}

// spilled is one patient's lines and record; ok false for a patient that
// failed (skipped).
type spilled struct {
	parts  [3][]byte // in the order of the files
	inputs []schema.InputFile
	ledger []concordance.LedgerEntry
	ok     bool
}

// lineEncoder writes one patient's lines (a worker's, from a pool).
type lineEncoder struct {
	buf        [2]bytes.Buffer
	rows       *output.AlterationRows
	provenance *output.ProvenanceRows
}

// The spill's files.
const (
	spillAlterations = iota
	spillProvenance
	spillRecords
)

// newSpill creates the spill's files in the system's temporary folder
// (TMPDIR).
func newSpill(base string, index []int, records bool) (*spill, error) {
	s := &spill{base: base, index: index, records: records, pending: map[int]spilled{}}
	for k := range s.files {
		f, removed, err := tempFile()
		if err != nil {
			s.close()
			return nil, err
		}
		s.files[k], s.removed[k] = f, removed
		s.w[k] = bufio.NewWriterSize(f, 256<<10)
	}
	runtime.AddCleanup(s, func(files [3]*os.File) {
		for _, f := range files {
			f.Close()
		}
	}, s.files)
	s.encoders.New = func() any {
		e := &lineEncoder{}
		e.rows = output.NewAlterationRows(&e.buf[0], output.Paths{Base: base})
		e.provenance = output.NewProvenanceRows(&e.buf[1])
		return e
	}
	return s, nil
}

// tempFile creates one of the spill's files in the system's temporary
// folder, unlinked at once: the open file lives on until it is closed.
// (Where a system cannot remove an open file, close removes it: removed
// is false.)
func tempFile() (f *os.File, removed bool, err error) {
	f, err = os.CreateTemp("", "concord-spill-*")
	if err != nil {
		return nil, false, spillError(err)
	}
	return f, os.Remove(f.Name()) == nil, nil
}

// finished is the pipeline's Config.Finished: it encodes the patient's
// lines and record (concurrently, in the worker), releases its calls, and
// writes what is next in sheet order.
func (s *spill) finished(i int, res *concordance.PatientResult, ledger []concordance.LedgerEntry, inputs []schema.InputFile) error {
	if res == nil {
		return s.put(i, spilled{})
	}
	return s.keep(i, res, ledger, relInputs(s.base, inputs))
}

// keep is finished for patient i (its position in the order the spill
// writes: the pipeline's; the cohort's in a merge, where index is nil)
// whose inputs are relative to the base already.
func (s *spill) keep(i int, res *concordance.PatientResult, ledger []concordance.LedgerEntry, inputs []schema.InputFile) error {
	sp := spilled{inputs: inputs, ledger: ledger, ok: true}
	e := s.encoders.Get().(*lineEncoder)
	e.buf[0].Reset()
	e.buf[1].Reset()
	if err := errors.Join(e.rows.Write(res), e.provenance.Write(sp.inputs)); err != nil {
		return err
	}
	sp.parts[spillAlterations] = bytes.Clone(e.buf[0].Bytes())
	sp.parts[spillProvenance] = bytes.Clone(e.buf[1].Bytes())
	s.encoders.Put(e)
	if s.records {
		index := i
		if s.index != nil {
			index = s.index[i]
		}
		rec, err := partial.Record(&partial.Patient{Index: index, Result: *res, Ledger: ledger, Inputs: sp.inputs})
		if err != nil {
			return err
		}
		sp.parts[spillRecords] = rec
	}
	s.storeMu.Lock()
	res.Rows = s.store.Keep(res.Rows)
	s.storeMu.Unlock()
	res.WBC = nil // evidence for the classifiers only
	return s.put(i, sp)
}

// put writes the patient's part if it is next, then every part that was
// waiting for it.
func (s *spill) put(i int, sp spilled) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	s.pending[i] = sp
	for {
		sp, ok := s.pending[s.next]
		if !ok {
			return nil
		}
		delete(s.pending, s.next)
		s.next++
		if !sp.ok {
			continue
		}
		s.ledger.Append(sp.ledger)
		for k, b := range sp.parts {
			if s.err == nil && (k != spillRecords || s.records) {
				s.err = s.write(k, b)
			}
		}
		if s.err != nil {
			return s.err
		}
		s.patients++
		s.inputs += len(sp.inputs)
		for _, in := range sp.inputs {
			s.inputBytes += in.Bytes
		}
	}
}

func (s *spill) write(k int, b []byte) error {
	n, err := s.w[k].Write(b)
	s.size[k] += int64(n)
	if err != nil {
		return spillError(err)
	}
	return nil
}

// spillError says which folder a failure to keep the patients on disk is
// about: a full or read-only temporary folder (an output error, exit 4).
func spillError(err error) error {
	cause := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	return &outdir.Error{Msg: fmt.Sprintf("cannot keep the patients' results on disk in %s (TMPDIR sets the folder): %v", os.TempDir(), cause), Err: err}
}

// done checks that every patient was written and flushes the files.
func (s *spill) done(patients int) error {
	if s.err != nil {
		return s.err
	}
	if s.next != patients || len(s.pending) > 0 {
		return fmt.Errorf("analysis: %d of %d patients kept on disk", s.next, patients) // a bug
	}
	for k := range s.w {
		if err := s.w[k].Flush(); err != nil {
			return spillError(err)
		}
	}
	s.pending = nil
	return nil
}

// reader reads one of the files from its start.
func (s *spill) reader(k int) io.Reader { return io.NewSectionReader(s.files[k], 0, s.size[k]) }

// writeAlterations writes alterations.tsv: the header, then the lines.
func (s *spill) writeAlterations(w io.Writer) error {
	if err := output.WriteAlterationsHeader(w); err != nil {
		return err
	}
	_, err := io.Copy(w, s.reader(spillAlterations))
	return err
}

// writeProvenance writes provenance.tsv: the header and the cohort's
// inputs, the patients' lines, then the shared files'.
func (s *spill) writeProvenance(w io.Writer, cohort, shared []schema.InputFile) error {
	if err := output.WriteProvenance(w, cohort); err != nil {
		return err
	}
	if _, err := io.Copy(w, s.reader(spillProvenance)); err != nil {
		return err
	}
	return output.NewProvenanceRows(w).Write(shared)
}

// pack writes partial.bin.gz with write into a file of its own, for
// writePacked to copy. On failure (a full temporary folder) there is no
// packed file, and the results compress partial.bin.gz as they write it.
func (s *spill) pack(write func(io.Writer) error) {
	f, removed, err := tempFile()
	if err != nil {
		return
	}
	w := bufio.NewWriterSize(f, 256<<10)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	var st os.FileInfo
	if err == nil {
		st, err = f.Stat()
	}
	if err != nil {
		closeTemp(f, removed)
		return
	}
	s.packed, s.packedRemoved, s.packedSize = f, removed, st.Size()
}

// writePacked copies what pack wrote to w; false when there is none.
func (s *spill) writePacked(w io.Writer) (bool, error) {
	if s.packed == nil {
		return false, nil
	}
	_, err := io.Copy(w, io.NewSectionReader(s.packed, 0, s.packedSize))
	return true, err
}

// close closes the files (removing them where the system could not at
// creation); closing again does nothing.
func (s *spill) close() error {
	var errs []error
	for k, f := range s.files {
		if f != nil {
			errs = append(errs, closeTemp(f, s.removed[k]))
			s.removed[k] = true
		}
	}
	if s.packed != nil {
		errs = append(errs, closeTemp(s.packed, s.packedRemoved))
		s.packedRemoved = true
	}
	return errors.Join(errs...)
}

// closeTemp closes one of the spill's files and removes it unless it was
// removed at creation; closing again does nothing.
func closeTemp(f *os.File, removed bool) error {
	var errs []error
	if err := f.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
		errs = append(errs, err)
	}
	if !removed {
		if err := os.Remove(f.Name()); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
