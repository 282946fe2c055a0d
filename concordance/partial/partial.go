// Package partial reads and writes the partial form of a run: every
// per-patient result the cohort stage needs (the patient, its alteration
// rows with both sides' calls, flags and reasons, its ledger entries and
// input files), compact, in one file of a results folder
// (schema.PartialFile). `concord run --shard K/N` writes only this file;
// every other run writes it beside the tables, so that a finished run can
// be merged with more patients later (`concord merge`, `run --add-to`).
//
// The file is gzip-compressed. Uncompressed it holds:
//
//  1. one line of JSON, the Header: the format and its version, the concord
//     version, the run's parameters, the cohort-level inputs (sample
//     sheet, actionability table, panels, reference) with their SHA-256,
//     the shard, the number of patients in the file and in the cohort, and
//     the signature of the per-patient record type;
//  2. Header.Patients records, each a uvarint byte length and a Patient
//     in the codec's binary encoding (codec.go: the exported fields of the
//     Go types in declaration order, so a field added to the per-patient
//     results is carried with no change here), in cohort order;
//  3. one record, the Shared part: ledger entries and inputs of
//     multi-sample files that belong to no one patient.
//
// A reader refuses a file whose format version or record signature is not
// its own: the form is for concord to merge its own results, not an
// interchange format (the TSVs are). Decoding is bounded by each record's
// length, itself capped (MaxRecord).
package partial

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/infile"
)

// Format names the form in its header; FormatVersion changes whenever the
// layout (not the per-patient types, which the signature covers) does.
const (
	Format        = "concord-partial"
	FormatVersion = 1
)

// MaxRecord caps one record (one patient) and the header line: a patient
// with 100,000 alteration rows takes a few tens of MB.
const MaxRecord = 256 << 20

// Renamed are the run flags renamed since partial files began recording
// parameters, old name to new (the commands keep each old name as a hidden
// alias). A header's parameters are read under the new names, so that a
// partial written before a rename merges with one written after it
// when the values agree.
var Renamed = map[string]string{"seed": "bootstrap-seed"}

// Header describes a partial file.
type Header struct {
	Format        string `json:"format"`
	FormatVersion int    `json:"format_version"`
	// Version is the concord version that wrote the file; merging refuses
	// files of another version.
	Version string `json:"concord_version"`
	// Shard is "K/N" for a shard, "" for a whole cohort.
	Shard string `json:"shard,omitempty"`
	// Patients are the patients in this file, Cohort those in the cohort
	// it is part of (every shard).
	Patients int `json:"patients"`
	Cohort   int `json:"cohort_patients"`
	// Parameters are the run's recorded parameters (summary.json's).
	Parameters map[string]any `json:"parameters"`
	// Inputs are the cohort-level inputs in summary.json's order: the
	// sample sheet(s), the actionability table, the panels, the reference.
	Inputs []schema.InputFile `json:"inputs"`
	// Base is the folder relative paths are relative to; Reference the
	// reference FASTA's path ("" when alleles were only trimmed).
	Base      string `json:"base"`
	Reference string `json:"reference"`
	Synthetic bool   `json:"synthetic"`
	// Actionable is the actionability table's bytes when a file was given
	// (the cohort stage needs it; nil for the built-in table).
	Actionable []byte `json:"actionable,omitempty"`
	// CancerGroups is the --cancer-groups table's bytes when one was given.
	CancerGroups []byte `json:"cancer_groups,omitempty"`
	// Panels name the panels that bounded each side's comparison
	// universe (analysis.PerPatient.Panels).
	Panels [2][]string `json:"panels"`
	// Pairs are the samples a cBioPortal study's pairing chose (pairs.tsv);
	// nil for a sample sheet.
	Pairs *schema.Pairs `json:"pairs,omitempty"`
	// Records is the signature of the Patient record's type.
	Records string `json:"records"`
}

// Patient is one patient's record.
type Patient struct {
	// Index is the patient's position in the cohort (sheet order), which
	// merging restores whatever order the files come in.
	Index  int
	Result concordance.PatientResult
	Ledger []concordance.LedgerEntry
	Inputs []schema.InputFile
}

// Shared are the ledger entries and inputs of multi-sample files that
// belong to no one patient (rows of samples outside the cohort).
type Shared struct {
	Ledger []concordance.LedgerEntry
	Inputs []schema.InputFile
}

// Signature is the signature of the Patient record this build reads and
// writes.
func Signature() string {
	c, err := codecFor(reflect.TypeFor[Patient]())
	if err != nil {
		panic(err) // a type the codec cannot encode: TestSignature fails
	}
	return c.signature
}

// Writer writes a partial file.
type Writer struct {
	zw      *gzip.Writer
	w       *bufio.Writer
	enc     encoder
	patient *codec
	left    int
}

// NewWriter starts a partial file on w with its header (Format,
// FormatVersion and Records are filled in).
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	pc, err := codecFor(reflect.TypeFor[Patient]())
	if err != nil {
		return nil, err
	}
	h.Format, h.FormatVersion, h.Records = Format, FormatVersion, pc.signature
	if h.Parameters == nil {
		h.Parameters = map[string]any{}
	}
	// klauspost/compress at level 2: the records are mostly repeated names
	// and small numbers, which a fast level already compresses several
	// fold; on W640's 4 MB of records it took 11 ms against compress/gzip
	// BestSpeed's 24, for 2% fewer bytes (issue 18).
	zw, _ := gzip.NewWriterLevel(w, 2)
	pw := &Writer{zw: zw, w: bufio.NewWriterSize(zw, 256<<10), patient: pc, left: h.Patients}
	b, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	pw.w.Write(append(b, '\n'))
	return pw, nil
}

// Write writes one patient's record.
func (w *Writer) Write(p *Patient) error {
	if w.left == 0 {
		return errors.New("partial: more patients written than the header says")
	}
	w.left--
	return w.record(w.patient, reflect.ValueOf(p).Elem())
}

// Record is one patient's record as Write writes it (its length first),
// for a run that keeps records on disk while it goes and copies them into
// the file with WriteRecord.
func Record(p *Patient) ([]byte, error) {
	c, err := codecFor(reflect.TypeFor[Patient]())
	if err != nil {
		return nil, err
	}
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	e.buf = e.buf[:0]
	c.enc(e, reflect.ValueOf(p).Elem())
	var n [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(n[:], uint64(len(e.buf)))
	out := make([]byte, k+len(e.buf))
	copy(out, n[:k])
	copy(out[k:], e.buf)
	return out, nil
}

// encoders are Record's scratch buffers: a record grown from nothing by
// appends, then copied behind its length, was a tenth of what reading a
// cohort allocated.
var encoders = sync.Pool{New: func() any { return new(encoder) }}

// WriteRecords copies records that Record encoded, n of them, from r.
func (w *Writer) WriteRecords(r io.Reader, n int) error {
	if n > w.left {
		return errors.New("partial: more patients written than the header says")
	}
	w.left -= n
	_, err := io.Copy(w.w, r)
	return err
}

func (w *Writer) record(c *codec, v reflect.Value) error {
	w.enc.buf = w.enc.buf[:0]
	c.enc(&w.enc, v)
	var n [binary.MaxVarintLen64]byte
	w.w.Write(n[:binary.PutUvarint(n[:], uint64(len(w.enc.buf)))])
	_, err := w.w.Write(w.enc.buf)
	return err
}

// Close writes the shared part and ends the file.
func (w *Writer) Close(s *Shared) error {
	if w.left != 0 {
		return fmt.Errorf("partial: %d patients fewer than the header says", w.left)
	}
	sc, err := codecFor(reflect.TypeFor[Shared]())
	if err != nil {
		return err
	}
	if s == nil {
		s = &Shared{}
	}
	if err := w.record(sc, reflect.ValueOf(s).Elem()); err != nil {
		return err
	}
	if err := w.w.Flush(); err != nil {
		return err
	}
	return w.zw.Close()
}

// Reader reads a partial file.
type Reader struct {
	name    string
	in      *infile.File
	r       *bufio.Reader
	h       Header
	patient *codec
	read    int
	buf     []byte
	intern  map[string]string
}

// Open opens the partial file at path (name is how errors name it) and
// reads its header, refusing another format or version of the records.
func Open(path, name string) (*Reader, error) {
	in, err := infile.Open(path, infile.Limits{MaxLine: MaxRecord, MaxRatio: 1032})
	if err != nil {
		return nil, concordance.FileError(name, err)
	}
	r, err := NewReader(in, name)
	if err != nil {
		in.Close()
		return nil, err
	}
	r.in = in
	return r, nil
}

// NewReader reads a partial file's header from r (decompressed already).
func NewReader(r io.Reader, name string) (*Reader, error) {
	pc, err := codecFor(reflect.TypeFor[Patient]())
	if err != nil {
		return nil, err
	}
	pr := &Reader{name: name, r: bufio.NewReaderSize(r, 256<<10), patient: pc, intern: map[string]string{}}
	line, err := pr.r.ReadSlice('\n')
	for errors.Is(err, bufio.ErrBufferFull) && len(line) < MaxRecord {
		var more []byte
		more, err = pr.r.ReadSlice('\n')
		line = append(line, more...)
	}
	if err != nil {
		return nil, pr.errorf("not a concord partial file (no header line)")
	}
	h := &pr.h
	if err := json.Unmarshal(line, h); err != nil || h.Format != Format {
		return nil, pr.errorf("not a concord partial file (its first line is not a %s header)", Format)
	}
	switch {
	case h.FormatVersion != FormatVersion:
		return nil, pr.errorf("partial format version %d, but this concord reads version %d (written by concord %s)", h.FormatVersion, FormatVersion, concordance.Quote(h.Version))
	case h.Records != pc.signature:
		return nil, pr.errorf("written by concord %s, whose per-patient results differ from this concord's: merge with the concord that wrote it", concordance.Quote(h.Version))
	case h.Patients < 0 || h.Cohort < h.Patients:
		return nil, pr.errorf("the header says %d patients of a cohort of %d", h.Patients, h.Cohort)
	}
	for old, name := range Renamed {
		if v, ok := h.Parameters[old]; ok {
			if _, both := h.Parameters[name]; !both {
				h.Parameters[name] = v
			}
			delete(h.Parameters, old)
		}
	}
	return pr, nil
}

// Header is the file's header.
func (r *Reader) Header() *Header { return &r.h }

// Next reads the next patient into p; io.EOF after the last.
func (r *Reader) Next(p *Patient) error {
	if r.read == r.h.Patients {
		return io.EOF
	}
	*p = Patient{}
	if err := r.record(r.patient, reflect.ValueOf(p).Elem()); err != nil {
		return err
	}
	r.read++
	return nil
}

// Shared reads the shared part, after the last patient, and checks that
// nothing follows it.
func (r *Reader) Shared() (*Shared, error) {
	for r.read < r.h.Patients {
		var p Patient
		if err := r.Next(&p); err != nil {
			return nil, err
		}
	}
	sc, err := codecFor(reflect.TypeFor[Shared]())
	if err != nil {
		return nil, err
	}
	s := &Shared{}
	if err := r.record(sc, reflect.ValueOf(s).Elem()); err != nil {
		return nil, err
	}
	if _, err := r.r.ReadByte(); err != io.EOF {
		return nil, r.errorf("bytes after the end of the partial file")
	}
	return s, nil
}

func (r *Reader) record(c *codec, v reflect.Value) error {
	what := fmt.Sprintf("record %d", r.read+1)
	n, err := binary.ReadUvarint(r.r)
	switch {
	case errors.Is(err, io.EOF):
		return r.errorf("%s: the file ends early (%d of %d patients): a truncated copy?", what, r.read, r.h.Patients)
	case err != nil:
		return r.errorf("%s: %v", what, err)
	case n > MaxRecord:
		return r.errorf("%s: %d bytes, more than the %d a record may hold", what, n, MaxRecord)
	}
	if cap(r.buf) < int(n) {
		r.buf = make([]byte, n)
	}
	r.buf = r.buf[:n]
	if _, err := io.ReadFull(r.r, r.buf); err != nil {
		return r.errorf("%s: the file ends early (%d of %d patients): a truncated copy?", what, r.read, r.h.Patients)
	}
	d := decoder{b: r.buf, intern: r.intern, err: func(format string, args ...any) error {
		return r.errorf("%s: %s", what, fmt.Sprintf(format, args...))
	}}
	if err := c.dec(&d, v); err != nil {
		return err
	}
	if len(d.b) != 0 {
		return r.errorf("%s: %d bytes left over", what, len(d.b))
	}
	return nil
}

func (r *Reader) errorf(format string, args ...any) error {
	return &concordance.InputError{File: r.name, Err: fmt.Errorf(format, args...)}
}

// Close closes the file.
func (r *Reader) Close() error {
	if r.in != nil {
		return r.in.Close()
	}
	return nil
}
