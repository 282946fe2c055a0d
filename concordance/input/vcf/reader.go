// Package vcf reads VCF 4.1–4.3 files (The Variant Call Format
// Specification v4.3, samtools/hts-specs) as written by the callers in
// TSO500 workflows and by general somatic callers: Pisces / TSO500 Local
// App (VAF in FORMAT VF), DRAGEN (FORMAT AF, INFO GermlineStatus and
// MNVTAG), VarDict, PCGR-style INFO TVAF/TDP, and gVCF reference blocks.
//
// The Reader is built for streaming whole cohorts: Next splits only the
// eight fixed columns and parses POS; INFO, FORMAT and sample values are
// looked up on demand, so a record skipped for its FILTER or as a gVCF
// reference block costs a few byte scans. Every record is checked for the
// eight fixed columns and a numeric POS; the number of sample columns is
// checked (CheckColumns) on the records a caller uses. Records point into the reader's
// buffer and are valid until the next call to Next.
//
// ReadCalls turns one sample's records into concordance.Calls: it splits
// multi-allelic records (per-allele fields re-indexed by allele), drops
// symbolic and overlapping-deletion alleles (<M>, <DEL>, *), and counts
// every record it does not return in the ledger. Normalisation against the
// reference is the caller's next step (package normalize).
package vcf

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
)

// ErrNotVCF is returned when the first line is not a ##fileformat=VCF line.
var ErrNotVCF = errors.New("vcf: not a VCF file (first line must be ##fileformat=VCFv4.x)")

const bufSize = 256 << 10

// Reader reads VCF records from a stream.
type Reader struct {
	br     *bufio.Reader
	line   int
	Header *Header
	rec    Record
	long   []byte // accumulates lines longer than the buffer
	sample int    // selected sample column (0-based among samples), -1 for none
	split  lineSplitter
	// sizes are the most kept ## bytes and ##contig lines of the headers
	// read so far (up to maxSizeHint): the next header starts with room
	// for as many (a cohort's files come from a few pipelines, a tissue
	// one and a plasma one in turn), instead of growing to it by doubling,
	// which was a sixth of what reading a cohort allocated.
	sizes struct{ meta, contigs int }
}

// maxSizeHint bounds the room a new header starts with: one huge header
// does not make every later one as large.
const maxSizeHint = 1 << 20

// newHeader starts a header sized by the ones before.
func (r *Reader) newHeader() *Header {
	if h := r.Header; h != nil {
		r.sizes.meta = min(max(r.sizes.meta, len(h.metaBuf)), maxSizeHint)
		r.sizes.contigs = min(max(r.sizes.contigs, len(h.Contigs)), maxSizeHint/64)
	}
	return &Header{metaBuf: make([]byte, 0, r.sizes.meta), Contigs: make([]Contig, 0, r.sizes.contigs)}
}

// NewReader reads the header of r and returns a Reader positioned at the
// first record.
func NewReader(r io.Reader) (*Reader, error) {
	rd := &Reader{}
	if err := rd.Reset(r); err != nil {
		return nil, err
	}
	return rd, nil
}

// Reset starts reading a new stream with the same buffers.
func (r *Reader) Reset(src io.Reader) error {
	if r.br == nil {
		r.br = bufio.NewReaderSize(src, bufSize)
	} else {
		r.br.Reset(src)
	}
	r.line = 0
	r.sample = -1
	r.rec.r = r
	_, err := r.readHeader()
	return err
}

// Scan reads a whole stream: onHeader is called once the header is read
// (it may call SelectSample), then onRecord for each record. When src can
// write itself out (io.WriterTo, as decompressed streams from package infile
// and bytes.Reader do), lines are split straight out of the producer's
// buffer without copying them into the Reader's. This is the fast path for
// cohort runs; Next is the general one.
func (r *Reader) Scan(src io.Reader, onHeader func(*Header) error, onRecord func(*Record) error) error {
	r.line = 0
	r.sample = -1
	r.rec.r = r
	r.Header = r.newHeader()
	inHeader := true
	r.split.fn = func(b []byte) error {
		r.line++
		if inHeader {
			done, err := r.headerLine(b)
			if err != nil || !done {
				return err
			}
			inHeader = false
			return onHeader(r.Header)
		}
		if len(b) == 0 {
			return nil
		}
		if b[0] == '#' {
			return r.errorf("header line %s after the first record", concordance.QuoteBytes(b))
		}
		if err := r.rec.parse(b, r.line, len(r.Header.Samples)); err != nil {
			return err
		}
		return onRecord(&r.rec)
	}
	r.split.carry, r.split.err = r.split.carry[:0], nil
	_, err := io.Copy(&r.split, src)
	if r.split.err != nil {
		return r.split.err
	}
	if err != nil {
		return &concordance.LineError{Line: r.line + 1, Err: err}
	}
	if err := r.split.flush(); err != nil {
		return err
	}
	if inHeader {
		return r.headerEnded()
	}
	return nil
}

// lineSplitter is an io.Writer calling fn for each line (without its line
// ending). Lines that straddle two writes are carried over.
type lineSplitter struct {
	carry []byte
	fn    func([]byte) error
	err   error
}

func (s *lineSplitter) Write(p []byte) (int, error) {
	n := len(p)
	if len(s.carry) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			s.carry = append(s.carry, p...)
			return n, nil
		}
		s.carry = append(s.carry, p[:i]...)
		if s.err = s.fn(trimCR(s.carry)); s.err != nil {
			return 0, s.err
		}
		s.carry = s.carry[:0]
		p = p[i+1:]
	}
	for {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			break
		}
		if s.err = s.fn(trimCR(p[:i])); s.err != nil {
			return 0, s.err
		}
		p = p[i+1:]
	}
	s.carry = append(s.carry, p...)
	return n, nil
}

// flush passes on a last line that has no line ending.
func (s *lineSplitter) flush() error {
	if len(s.carry) == 0 {
		return nil
	}
	s.err = s.fn(trimCR(s.carry))
	s.carry = s.carry[:0]
	return s.err
}

func trimCR(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		return b[:n-1]
	}
	return b
}

// SelectSample chooses the sample column that FormatValue reads. An empty
// id selects the only sample of a single-sample file.
func (r *Reader) SelectSample(id string) error {
	s := r.Header.Samples
	if id == "" {
		switch len(s) {
		case 0, 1:
			r.sample = len(s) - 1
			return nil
		}
		return fmt.Errorf("vcf: the file has %d samples (%s); name the one to read", len(s), concordance.Quote(strings.Join(s, ", ")))
	}
	for i, n := range s {
		if n == id {
			r.sample = i
			return nil
		}
	}
	if len(s) == 0 {
		return fmt.Errorf("vcf: sample %s not in the file: it has no sample columns", concordance.Quote(id))
	}
	return fmt.Errorf("vcf: sample %s not in the file (samples: %s)", concordance.Quote(id), concordance.Quote(strings.Join(s, ", ")))
}

// Sample returns the selected sample column, -1 when none.
func (r *Reader) Sample() int { return r.sample }

// readLine returns the next line without its line ending.
func (r *Reader) readLine() ([]byte, error) {
	b, err := r.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		r.long = append(r.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = r.br.ReadSlice('\n')
			r.long = append(r.long, b...)
		}
		b = r.long
	}
	if len(b) == 0 && err != nil {
		return nil, err
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	r.line++
	n := len(b)
	if n > 0 && b[n-1] == '\n' {
		n--
		if n > 0 && b[n-1] == '\r' {
			n--
		}
	}
	return b[:n], nil
}

func (r *Reader) errorf(format string, args ...any) error {
	return &concordance.LineError{Line: r.line, Err: fmt.Errorf("vcf: "+format, args...)}
}

// Next returns the next record, or io.EOF after the last one. The record
// and its byte slices are valid until the next call.
func (r *Reader) Next() (*Record, error) {
	for {
		b, err := r.readLine()
		if err != nil {
			if err == io.EOF {
				return nil, io.EOF
			}
			return nil, &concordance.LineError{Line: r.line + 1, Err: err}
		}
		if len(b) == 0 {
			continue // tolerate blank lines (some writers end with one)
		}
		if b[0] == '#' {
			return nil, r.errorf("header line %s after the first record", concordance.QuoteBytes(b))
		}
		if err := r.rec.parse(b, r.line, len(r.Header.Samples)); err != nil {
			return nil, err
		}
		return &r.rec, nil
	}
}

// Line is the 1-based line number of the last line read.
func (r *Reader) Line() int { return r.line }

// Record is one data line. Its fields are slices of the line, valid until
// the next call to Next. The reader keeps offsets rather than slices so
// that reading a line stores one pointer, not nine (write barriers were a
// fifth of the cost of skipping a filtered line).
type Record struct {
	r    *Reader
	Line int
	Pos  int
	line []byte
	end  [9]int32 // end[i] is the offset just past field i (i = 0..7); end[8] = len(line)

	nsamples int
}

// Field accessors for the fixed columns.
func (rec *Record) field(i int) []byte {
	start := int32(0)
	if i > 0 {
		start = rec.end[i-1] + 1
	}
	return rec.line[start:rec.end[i]]
}

// infoEnd finds (once) where the INFO column ends.
func (rec *Record) infoEnd() int32 {
	if rec.end[7] < 0 {
		off := int(rec.end[6]) + 1
		if j := bytes.IndexByte(rec.line[off:], '\t'); j >= 0 {
			rec.end[7] = int32(off + j)
		} else {
			rec.end[7] = int32(len(rec.line))
		}
	}
	return rec.end[7]
}

func (rec *Record) Chrom() []byte { return rec.field(0) }

// FixedColumns is the line up to the end of FILTER (the first seven
// columns, tab-separated).
func (rec *Record) FixedColumns() []byte { return rec.line[:rec.end[6]] }
func (rec *Record) ID() []byte           { return rec.field(2) }
func (rec *Record) Ref() []byte          { return rec.field(3) }
func (rec *Record) Alt() []byte          { return rec.field(4) }
func (rec *Record) Qual() []byte         { return rec.field(5) }
func (rec *Record) Filter() []byte       { return rec.field(6) }
func (rec *Record) Info() []byte         { return rec.line[rec.end[6]+1 : rec.infoEnd()] }

// rest is the FORMAT and sample columns, nil for a sites-only line.
func (rec *Record) rest() []byte {
	end := rec.infoEnd()
	if int(end) >= len(rec.line) {
		return nil
	}
	return rec.line[end+1:]
}

func (rec *Record) parse(b []byte, line, nsamples int) error {
	rec.Line = line
	rec.line = b
	// The first seven fields are short (CHROM .. FILTER): their tabs are
	// found eight bytes at a time, every tab of a word at once (the per-line
	// cost of a skipped record is mostly here).
	off, k := 0, 0
	end := &rec.end
scan:
	for ; off+8 <= len(b); off += 8 {
		m := tabBytes(binary.LittleEndian.Uint64(b[off : off+8]))
		for m != 0 {
			end[k&7] = int32(off + bits.TrailingZeros64(m)>>3) // k < 7 here; &7 spares a bounds check
			k++
			if k == 7 {
				off = int(end[6]) + 1
				break scan
			}
			m &= m - 1
		}
	}
	if k < 7 {
		for ; off < len(b); off++ {
			if b[off] == '\t' {
				rec.end[k] = int32(off)
				k++
				if k == 7 {
					off++
					break
				}
			}
		}
	}
	if k < 7 {
		return rec.r.errorf("expected at least 8 tab-separated columns, found %d", k+1)
	}
	rec.end[7] = -1 // INFO's end is found when asked for (infoEnd): skipped records never need it
	rec.nsamples = nsamples
	if rec.end[0] == 0 {
		return rec.r.errorf("empty CHROM")
	}
	pos, ok := atoi(rec.field(1))
	if !ok {
		return rec.r.errorf("POS %s is not a non-negative integer", concordance.QuoteBytes(rec.field(1)))
	}
	rec.Pos = pos
	if len(rec.Ref()) == 0 || len(rec.Alt()) == 0 {
		return rec.r.errorf("empty REF or ALT (missing values are written \".\")")
	}
	return nil
}

var tab = []byte{'\t'}

// tabBytes sets the high bit of every byte of w that is a tab, and no
// other bit (the exact zero-byte test of Hacker's Delight §6-1: no borrow
// crosses bytes because the high bits are masked off before adding).
func tabBytes(w uint64) uint64 {
	const lows, highs = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	x := w ^ ('\t' * 0x0101010101010101)
	return ^((x&lows + lows) | x | lows)
}

// CheckColumns verifies that the record has the columns the header
// implies: 8 for a sites-only file, else FORMAT and one per sample. Next
// and Scan check the eight fixed columns of every record; the sample
// columns are checked here, for the records a caller uses (checking every
// skipped record cost a sixth of reading one).
func (rec *Record) CheckColumns() error {
	want := 8
	if rec.nsamples > 0 {
		want = 9 + rec.nsamples
	}
	got := 8
	if rest := rec.rest(); rest != nil {
		got = 9 + bytes.Count(rest, tab)
	}
	if got != want {
		return rec.r.errorf("expected %d tab-separated columns (the header names %d samples), found %d", want, rec.nsamples, got)
	}
	return nil
}

// atoi parses a non-negative decimal integer without allocating.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// Pass reports whether FILTER is PASS or "." (not filtered).
func (rec *Record) Pass() bool {
	f := rec.Filter()
	return len(f) == 1 && f[0] == '.' || len(f) == 4 && string(f) == "PASS"
}

// IsReferenceBlock reports a gVCF reference record: ALT "." or only <NON_REF> / <*>.
func (rec *Record) IsReferenceBlock() bool {
	a := rec.Alt()
	return len(a) == 1 && a[0] == '.' || string(a) == "<NON_REF>" || string(a) == "<*>"
}

// InfoValue returns the value of an INFO key ("" and true for a flag).
func (rec *Record) InfoValue(key string) ([]byte, bool) {
	info := rec.Info()
	if len(info) == 1 && info[0] == '.' {
		return nil, false
	}
	for len(info) > 0 {
		var item []byte
		if j := bytes.IndexByte(info, ';'); j >= 0 {
			item, info = info[:j], info[j+1:]
		} else {
			item, info = info, nil
		}
		if len(item) < len(key) || string(item[:len(key)]) != key {
			continue
		}
		if len(item) == len(key) {
			return item[len(item):], true
		}
		if item[len(key)] == '=' {
			return item[len(key)+1:], true
		}
	}
	return nil, false
}

// FormatValue returns the selected sample's value of a FORMAT key.
func (rec *Record) FormatValue(key string) ([]byte, bool) {
	s := rec.r.sample
	rest := rec.rest()
	if s < 0 || rest == nil {
		return nil, false
	}
	j := bytes.IndexByte(rest, '\t')
	if j < 0 {
		return nil, false
	}
	format, samples := rest[:j], rest[j+1:]
	idx := -1
	for k := 0; len(format) > 0; k++ {
		var f []byte
		if c := bytes.IndexByte(format, ':'); c >= 0 {
			f, format = format[:c], format[c+1:]
		} else {
			f, format = format, nil
		}
		if string(f) == key {
			idx = k
			break
		}
	}
	if idx < 0 {
		return nil, false
	}
	sample, ok := element(samples, '\t', s)
	if !ok {
		return nil, false
	}
	return element(sample, ':', idx) // trailing fields may be dropped (VCF 4.3 §1.6.2)
}

// nth returns the i-th comma-separated element of v.
func nth(v []byte, i int) ([]byte, bool) { return element(v, ',', i) }

// element returns the i-th element of v split at sep, false when v has
// fewer.
func element(v []byte, sep byte, i int) ([]byte, bool) {
	for k := 0; k < i; k++ {
		c := bytes.IndexByte(v, sep)
		if c < 0 {
			return nil, false
		}
		v = v[c+1:]
	}
	if c := bytes.IndexByte(v, sep); c >= 0 {
		v = v[:c]
	}
	return v, true
}

// parseFloat parses a number, treating "." and empty as missing.
func parseFloat(b []byte) (float64, bool) {
	if len(b) == 0 || len(b) == 1 && b[0] == '.' {
		return 0, false
	}
	x, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return 0, false
	}
	return x, true
}

func parseInt(b []byte) (int, bool) {
	if n, ok := atoi(b); ok {
		return n, true
	}
	x, ok := parseFloat(b) // some writers give depths as "123.0"
	if !ok || x < 0 {
		return 0, false
	}
	return int(x + 0.5), true
}
