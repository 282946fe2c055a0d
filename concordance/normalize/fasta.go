package normalize

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/biogo/hts/fai"

	"github.com/concord-oncology/concord/concordance"
)

// FASTA is an indexed FASTA file (with its .fai) giving random access to
// reference bases by 1-based coordinates. It never loads the sequence: each
// lookup reads the few bytes it needs through the index, and when the
// io.ReaderAt also exposes its bytes (as internal/mmapfile does with a
// read-only memory mapping) a lookup is a slice of the mapping, with no
// system call.
//
// Bases come back upper-case, with every letter other than A, C, G, T
// (IUPAC ambiguity codes such as R or Y, and N) as N: bcftools 1.16 does the
// same (replace_iupac_codes in vcfnorm.c), so an ambiguity code in the
// reference matches only an N in a REF allele and never stops or starts a
// left shift differently from bcftools.
//
// A FASTA is safe for concurrent use by many goroutines.
type FASTA struct {
	ra   io.ReaderAt
	data []byte // the whole file when ra exposes it (Bytes() []byte)

	contigs []contig       // in .fai order
	byName  map[string]int // exact name -> index in contigs
	byKey   map[string]int // concordance.ContigKey -> index, or -1 when two contigs share the key
	lengths map[string]int // name -> length, for concordance.InferBuild
	build   string         // concordance.InferBuild(lengths)
	scratch sync.Pool      // *[]byte, for reads through ra
}

type contig struct {
	rec fai.Record
}

// bytesExposer is implemented by readers that hold the whole file in memory
// (internal/mmapfile.File).
type bytesExposer interface{ Bytes() []byte }

// NewFASTA returns random access to the FASTA read through seq, described by
// the .fai index read from fai (as written by samtools faidx). When seq
// tells its size (a Len() int or Size() int64 method, or Bytes()), the
// index is checked against the file where that is cheap (checkLayout: the
// header line before each contig, its first line and line ending, the byte
// after its last base), which catches an index left over from another
// file, or made before the FASTA's line endings or width changed, as an
// error about the reference rather than as REF mismatches in the calls.
// Errors about an index line are *concordance.LineError wrapping
// ErrBadIndex.
func NewFASTA(seq io.ReaderAt, faiIndex io.Reader) (*FASTA, error) {
	var magic [2]byte
	if n, _ := seq.ReadAt(magic[:], 0); n == 2 && magic == [2]byte{0x1f, 0x8b} {
		return nil, fmt.Errorf("%w: the FASTA is gzip- or BGZF-compressed; random access needs it uncompressed (gunzip it, then samtools faidx)", ErrBadIndex)
	}
	raw, err := io.ReadAll(faiIndex)
	if err != nil {
		return nil, fmt.Errorf("normalize: reading the .fai index: %w", err)
	}
	idx, err := fai.ReadFrom(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadIndex, err)
	}
	f := &FASTA{
		ra:      seq,
		byName:  make(map[string]int, len(idx)),
		byKey:   make(map[string]int, len(idx)),
		lengths: make(map[string]int, len(idx)),
	}
	if b, ok := seq.(bytesExposer); ok {
		f.data = b.Bytes()
	}
	size := int64(-1)
	switch s := seq.(type) {
	case interface{ Size() int64 }: // bytes.Reader, io.SectionReader: Len is what is left unread
		size = s.Size()
	case interface{ Len() int }:
		size = int64(s.Len())
	}
	if f.data != nil {
		size = int64(len(f.data))
	}

	// fai.Index is a map; the .fai's own order is the reference's contig
	// order, which Names reports and errors follow.
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 4096), len(raw)+1)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" {
			continue
		}
		name, _, _ := strings.Cut(text, "\t")
		rec, ok := idx[name]
		if !ok {
			return nil, &concordance.LineError{Line: line, Err: fmt.Errorf("%w: cannot read contig %s", ErrBadIndex, concordance.Quote(name))}
		}
		err := checkRecord(rec, size)
		if err == nil && size >= 0 {
			err = f.checkLayout(rec, size)
		}
		if err != nil {
			return nil, &concordance.LineError{Line: line, Err: fmt.Errorf("%w: %v", ErrBadIndex, err)}
		}
		f.byName[name] = len(f.contigs)
		f.lengths[name] = rec.Length
		f.contigs = append(f.contigs, contig{rec: rec})
	}
	if len(f.contigs) == 0 {
		return nil, fmt.Errorf("%w: no sequences", ErrBadIndex)
	}
	for i, c := range f.contigs {
		k := concordance.ContigKey(c.rec.Name)
		if _, dup := f.byKey[k]; dup {
			f.byKey[k] = -1
			continue
		}
		f.byKey[k] = i
	}
	f.build = concordance.InferBuild(f.lengths)
	return f, nil
}

// checkRecord rejects index lines that would make lookups divide by zero or
// read outside the file.
func checkRecord(r fai.Record, size int64) error {
	switch {
	case r.Length < 0:
		return fmt.Errorf("contig %s: negative length %d", concordance.Quote(r.Name), r.Length)
	case r.Length == 0:
		return nil
	case r.Start < 0:
		return fmt.Errorf("contig %s: negative offset %d", concordance.Quote(r.Name), r.Start)
	case r.BasesPerLine <= 0 || r.BytesPerLine < r.BasesPerLine:
		return fmt.Errorf("contig %s: impossible line geometry (%d bases in %d bytes a line)", concordance.Quote(r.Name), r.BasesPerLine, r.BytesPerLine)
	}
	if last := r.Position(r.Length - 1); size >= 0 && last >= size {
		return fmt.Errorf("contig %s ends at byte %d but the FASTA has %d bytes (index from another file?)", concordance.Quote(r.Name), last+1, size)
	}
	return nil
}

// checkLayout compares the index's record of a contig with the FASTA where
// a mismatch shows, at O(1) bytes a contig: the line before the sequence is
// the contig's '>' header, the first line holds BasesPerLine bases and ends
// in the index's line ending (one byte: LF; two: CRLF), and the byte after
// the last base ends a line or the file. checkRecord has bounded every
// offset by the file's size.
func (f *FASTA) checkLayout(r fai.Record, size int64) error {
	if r.Length == 0 {
		return nil
	}
	if r.Start < 2 || f.at(r.Start-1, size) != '\n' {
		if f.at(r.Start-1, size) == '\r' && f.at(r.Start, size) == '\n' {
			return fmt.Errorf("contig %s: the FASTA's lines end in CRLF but the index counts one byte per line ending (made from an LF copy? re-run samtools faidx)", concordance.Quote(r.Name))
		}
		return fmt.Errorf("contig %s: its sequence should start at byte %d (a line after its '>' header), but that is not the start of a line in the FASTA (index from another file? re-run samtools faidx)", concordance.Quote(r.Name), r.Start)
	}
	if h, ok := f.lineBefore(r.Start-1, size); ok {
		h = bytes.TrimSuffix(h, []byte("\r"))
		name, _, _ := bytes.Cut(h, []byte(" "))
		name, _, _ = bytes.Cut(name, []byte("\t"))
		if len(h) == 0 || h[0] != '>' || string(name[1:]) != r.Name {
			return fmt.Errorf("contig %s: the line before its sequence is %s, not its header %s (index from another file? re-run samtools faidx)", concordance.Quote(r.Name), concordance.QuoteBytes(h), concordance.Quote(">"+r.Name))
		}
	}
	first := min(r.Length, r.BasesPerLine)
	for i := 0; i < first; i++ {
		if b := f.at(r.Start+int64(i), size); !seqByte(b) {
			return fmt.Errorf("contig %s: byte %s at offset %d inside its first line, which the index says holds %d bases (line width changed? re-run samtools faidx)", concordance.Quote(r.Name), concordance.QuoteBytes([]byte{b}), r.Start+int64(i), r.BasesPerLine)
		}
	}
	if r.Length > r.BasesPerLine {
		end := r.Start + int64(r.BasesPerLine)
		term := make([]byte, r.BytesPerLine-r.BasesPerLine)
		for i := range term {
			term[i] = f.at(end+int64(i), size)
		}
		switch {
		case len(term) == 1 && term[0] == '\r':
			return fmt.Errorf("contig %s: the FASTA's lines end in CRLF but the index counts one byte per line ending (made from an LF copy? re-run samtools faidx)", concordance.Quote(r.Name))
		case len(term) == 2 && term[0] == '\n':
			return fmt.Errorf("contig %s: the FASTA's lines end in LF but the index counts two bytes per line ending (made from a CRLF copy? re-run samtools faidx)", concordance.Quote(r.Name))
		case string(term) != "\n" && string(term) != "\r\n":
			return fmt.Errorf("contig %s: the index says its lines hold %d bases and end after %d bytes, but the FASTA has %s there (re-run samtools faidx)", concordance.Quote(r.Name), r.BasesPerLine, r.BytesPerLine, concordance.QuoteBytes(term))
		}
	}
	last := r.Position(r.Length - 1)
	if b := f.at(last, size); !seqByte(b) {
		return fmt.Errorf("contig %s: byte %s where the index puts its last base (re-run samtools faidx)", concordance.Quote(r.Name), concordance.QuoteBytes([]byte{b}))
	}
	if last+1 < size {
		if b := f.at(last+1, size); b != '\n' && b != '\r' {
			return fmt.Errorf("contig %s: the FASTA goes on after base %d, where the index ends it (index from another file? re-run samtools faidx)", concordance.Quote(r.Name), r.Length)
		}
	}
	return nil
}

// seqByte reports whether b can be in a sequence line as samtools faidx
// reads one: anything but white space and '>' (bases are checked when
// read: fetch).
func seqByte(b byte) bool { return b > ' ' && b != '>' && b != 0x7f }

// at returns the byte at off (0 past the end or on a read error: no base).
func (f *FASTA) at(off, size int64) byte {
	if off < 0 || off >= size {
		return 0
	}
	if f.data != nil {
		return f.data[off]
	}
	var b [1]byte
	if n, _ := f.ra.ReadAt(b[:], off); n != 1 {
		return 0
	}
	return b[0]
}

// lineBefore returns the line that ends at the line ending at off, and
// false when it is longer than 64 KiB (a header that long is not checked).
func (f *FASTA) lineBefore(off, size int64) ([]byte, bool) {
	for n := int64(256); ; n *= 4 {
		from := max(0, off-n)
		buf := make([]byte, off-from)
		if f.data != nil {
			copy(buf, f.data[from:off])
		} else if k, _ := f.ra.ReadAt(buf, from); k != len(buf) {
			return nil, false
		}
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			return buf[i+1:], true
		}
		if from == 0 {
			return buf, true
		}
		if n >= 64<<10 {
			return nil, false
		}
	}
}

// Names lists the reference's contigs in .fai order.
func (f *FASTA) Names() []string {
	names := make([]string, len(f.contigs))
	for i, c := range f.contigs {
		names[i] = c.rec.Name
	}
	return names
}

// Build is the genome build the contig lengths imply ("GRCh37", "GRCh38",
// "NCBI36"), or "" when they do not tell (concordance.InferBuild).
func (f *FASTA) Build() string { return f.build }

// Length is the length of chrom, resolved as by Resolve.
func (f *FASTA) Length(chrom string) (int, bool) {
	c := f.contig(chrom)
	if c == nil {
		return 0, false
	}
	return c.rec.Length, true
}

// Resolve maps a contig name from an input file to the reference's name for
// it: the name itself when the reference has it, else the contig whose
// concordance.ContigKey is the same (chr1 ↔ 1, chrX ↔ X, chrM ↔ MT ↔ chrMT, with the
// "chr" prefix in any case). A key that two reference contigs share (a
// reference with both chr1 and 1) resolves only by exact name.
//
// chrM ↔ MT crosses builds in one well-known case: hg19's chrM (16571 bp,
// NC_001807) is not GRCh37's MT (16569 bp, the rCRS). CheckContigs catches
// it when the input declares its contig lengths.
func (f *FASTA) Resolve(name string) (string, bool) {
	c := f.contig(name)
	if c == nil {
		return "", false
	}
	return c.rec.Name, true
}

func (f *FASTA) contig(name string) *contig {
	if i, ok := f.byName[name]; ok {
		return &f.contigs[i]
	}
	if i, ok := f.byKey[concordance.ContigKey(name)]; ok && i >= 0 {
		return &f.contigs[i]
	}
	return nil
}

// CheckContigs compares the contig lengths a VCF header declares (##contig
// lines) with the reference. A declared contig that resolves to a reference
// contig of another length means the file was written against another
// genome build: the error (a *BuildMismatchError) names the first such
// contig in reference order, both lengths, and the builds when the lengths
// of chromosome 1 tell them. Declared contigs the reference lacks are not
// errors here (variants on them fail with ErrUnknownContig), nor are
// declared lengths of 0 or less (unknown).
func (f *FASTA) CheckContigs(declared map[string]int) error {
	type hit struct {
		name string
		ref  int
	}
	var bad []hit
	for name, n := range declared {
		if n <= 0 {
			continue
		}
		c := f.contig(name)
		if c == nil || c.rec.Length == n {
			continue
		}
		bad = append(bad, hit{name, f.byName[c.rec.Name]})
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Slice(bad, func(i, j int) bool {
		if bad[i].ref != bad[j].ref {
			return bad[i].ref < bad[j].ref
		}
		return bad[i].name < bad[j].name
	})
	first := bad[0]
	rec := f.contigs[first.ref].rec
	return &BuildMismatchError{
		Contig:          first.name,
		RefContig:       rec.Name,
		DeclaredLength:  declared[first.name],
		ReferenceLength: rec.Length,
		DeclaredBuild:   concordance.InferBuild(declared),
		ReferenceBuild:  f.build,
		Others:          len(bad) - 1,
	}
}

// Bases returns the bases of chrom (resolved as by Resolve) from 1-based
// start to end inclusive, upper-case, other letters as N. It implements
// concordance.Reference. end = start-1 gives no bases.
func (f *FASTA) Bases(chrom string, start, end int) ([]byte, error) {
	c := f.contig(chrom)
	if c == nil {
		return nil, fmt.Errorf("%w: %s", ErrUnknownContig, concordance.Quote(chrom))
	}
	if start < 1 || end < start-1 || end > c.rec.Length {
		return nil, fmt.Errorf("%w: %s:%d-%d (contig length %d)", ErrOutOfRange, c.rec.Name, start, end, c.rec.Length)
	}
	out := make([]byte, end-start+1)
	if err := f.fetch(out, c, start-1); err != nil {
		return nil, err
	}
	return out, nil
}

// baseCode maps FASTA bytes to bases: A, C, G, T (either case) to
// themselves upper-case, every other letter to N, and anything else to 0,
// which no FASTA sequence line holds (a newline or '>' inside a range means
// the index does not describe the file).
var baseCode = func() (t [256]byte) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = 'N'
		t[c+'a'-'A'] = 'N'
	}
	for _, c := range "ACGT" {
		t[c] = byte(c)
		t[c+'a'-'A'] = byte(c)
	}
	return t
}()

// fetch fills dst with the bases of c starting at 0-based start; the caller
// has checked that start+len(dst) <= the contig's length.
func (f *FASTA) fetch(dst []byte, c *contig, start int) error {
	if len(dst) == 0 {
		return nil
	}
	rec := &c.rec
	first := rec.Position(start)
	last := rec.Position(start + len(dst) - 1)
	span := int(last - first + 1)
	var raw []byte
	if f.data != nil {
		raw = f.data[first : last+1]
	} else {
		bp := f.getScratch(span)
		defer f.scratch.Put(bp)
		raw = (*bp)[:span]
		if n, err := f.ra.ReadAt(raw, first); n < span {
			if err == nil || err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return fmt.Errorf("normalize: reading %s:%d-%d from the FASTA: %w", rec.Name, start+1, start+len(dst), err)
		}
	}
	// Walk the line geometry: BasesPerLine bases, then line terminators up
	// to BytesPerLine bytes.
	skip := rec.BytesPerLine - rec.BasesPerLine
	i, j, col := 0, 0, start%rec.BasesPerLine
	for i < len(dst) {
		n := min(rec.BasesPerLine-col, len(dst)-i)
		for _, b := range raw[j : j+n] {
			v := baseCode[b]
			if v == 0 {
				return fmt.Errorf("%w: byte %s inside %s:%d-%d (index from another file?)", ErrBadIndex, concordance.QuoteBytes([]byte{b}), rec.Name, start+1, start+len(dst))
			}
			dst[i] = v
			i++
		}
		j += n + skip
		col = 0
	}
	return nil
}

// base returns the base of c at 0-based p.
func (f *FASTA) base(c *contig, p int) (byte, error) {
	if f.data != nil {
		if v := baseCode[f.data[c.rec.Position(p)]]; v != 0 {
			return v, nil
		}
	}
	var one [1]byte
	err := f.fetch(one[:], c, p)
	return one[0], err
}

func (f *FASTA) getScratch(n int) *[]byte {
	bp, _ := f.scratch.Get().(*[]byte)
	if bp == nil {
		b := make([]byte, 0, max(n, 256))
		bp = &b
	}
	if cap(*bp) < n {
		*bp = make([]byte, n)
	}
	*bp = (*bp)[:cap(*bp)]
	return bp
}

var _ concordance.Reference = (*FASTA)(nil)
