// Package infile opens input streams whatever their compression: plain text,
// plain gzip (RFC 1952, possibly multi-member) or BGZF (the blocked gzip of
// the SAM/BAM specification, §4.1). Vendors ship both kinds as ".vcf.gz",
// and biogo/hts's bgzf reader rejects plain gzip, so the kind is sniffed
// from the first bytes rather than the name.
//
// Decompression uses github.com/klauspost/compress/gzip, measured here
// 15–25% faster than compress/gzip on whole-file reads (STYLE.md). A BGZF
// stream must end with the 28-byte empty EOF block the specification
// requires; a stream cut at a block boundary otherwise decompresses without
// error, so its absence is reported as truncation.
//
// Built with the tag libdeflate (cgo, Debian's libdeflate-dev), well-formed
// gzip members are inflated by libdeflate instead (libdeflate.go): BGZF
// blocks always, plain gzip when the file is read whole. Anything else is
// handed to the pure-Go reader, so both builds give the same bytes and the
// same errors.
package infile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
)

// Kind is the compression of a stream.
type Kind uint8

const (
	Plain Kind = iota
	Gzip
	BGZF
)

func (k Kind) String() string {
	switch k {
	case Gzip:
		return "gzip"
	case BGZF:
		return "bgzf"
	}
	return "plain"
}

// Errors reported by Decompressor.
var (
	ErrTruncated = errors.New("xio: truncated compressed file (BGZF end-of-file marker missing)")
	ErrCorrupt   = errors.New("xio: corrupt gzip data")
)

// bgzfEOF is the empty block that ends every BGZF file (SAM spec §4.1.2).
var bgzfEOF = []byte{0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 0x06, 0, 0x42, 0x43, 0x02, 0, 0x1b, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0}

const bufSize = 256 << 10

// Decompressor opens streams one after another, reusing its buffers and
// inflater. It is not safe for concurrent use; give each worker its own.
// Every stream it opens is held to Limits (see Limits): a read past a cap
// fails with a *LimitError.
type Decompressor struct {
	Limits Limits

	// pureGo keeps a libdeflate build on the pure-Go inflater (tests
	// compare the two); the default build has no other.
	pureGo bool
	fast   fastState // libdeflate.go; empty in the default build

	lim   limiter
	tail  tailReader
	src   *bufio.Reader
	mem   bytes.Reader
	gz    *gzip.Reader // the current member's inflater
	gzSrc io.Reader    // what it reads
	gzErr error        // the end of the members (io.EOF), or the error starting one
	kind  Kind
	// When gzSrc can go back (a bytes.Reader: whole files, libdeflate's
	// hand-over), members reuse one inflater and a member it fails on is
	// inflated again by a new one from start, past the out bytes already
	// given (see nextMember).
	gzSeek io.Seeker
	start  int64 // where the current member starts in gzSrc
	out    int64 // bytes the current member has given
	fresh  bool  // the current member's inflater was started at it
}

// OpenBytes is Open for a whole file already in memory. It is the fast
// path: the inflater reads a bytes.Reader directly (klauspost/compress has a
// specialised loop for it) and the BGZF end marker is checked up front.
func (d *Decompressor) OpenBytes(b []byte) (io.Reader, Kind, error) {
	d.mem.Reset(b)
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		d.kind = Plain
		d.lim.reset(&d.mem, d.Limits, nil, -1)
		return &d.lim, Plain, nil
	}
	d.kind = Gzip
	if len(b) >= 16 && b[3]&0x04 != 0 && b[12] == 'B' && b[13] == 'C' {
		d.kind = BGZF
		if !bytes.HasSuffix(b, bgzfEOF) {
			// Distinguish a cut inside a block from a cut at a block
			// boundary only by what inflating finds; report either way.
			d.tail.n = 0
		} else {
			copy(d.tail.last[:], bgzfEOF)
			d.tail.n = len(bgzfEOF)
		}
	}
	if r := d.fastBytes(b); r != nil {
		d.lim.reset(r, d.Limits, nil, int64(len(b)))
		return &d.lim, d.kind, nil
	}
	if err := d.resetGzip(&d.mem); err != nil {
		return nil, d.kind, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	d.lim.reset(&checkedReader{d: d}, d.Limits, nil, int64(len(b)))
	return &d.lim, d.kind, nil
}

// Open starts reading r and returns a reader of its decompressed content.
// The returned reader is valid until the next Open or OpenBytes.
func (d *Decompressor) Open(r io.Reader) (io.Reader, Kind, error) {
	d.tail.reset(r)
	if d.src == nil {
		d.src = bufio.NewReaderSize(&d.tail, bufSize)
	} else {
		d.src.Reset(&d.tail)
	}
	head, err := d.src.Peek(18)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, Plain, err
	}
	if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
		d.kind = Plain
		d.lim.reset(d.src, d.Limits, nil, -1)
		return &d.lim, Plain, nil
	}
	d.kind = Gzip
	if len(head) >= 16 && head[3]&0x04 != 0 && head[12] == 'B' && head[13] == 'C' {
		d.kind = BGZF
		if r := d.fastStream(head); r != nil {
			d.lim.reset(r, d.Limits, &d.tail, -1)
			return &d.lim, d.kind, nil
		}
	}
	if err := d.resetGzip(d.src); err != nil {
		return nil, d.kind, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	d.lim.reset(&checkedReader{d: d}, d.Limits, &d.tail, -1)
	return &d.lim, d.kind, nil
}

// resetGzip points the pure-Go inflater at r and reads the first member's
// header.
func (d *Decompressor) resetGzip(r io.Reader) error {
	d.gzSrc, d.gzErr = r, nil
	d.gzSeek = nil
	if b, ok := r.(*bytes.Reader); ok {
		d.gzSeek = b
	}
	return d.nextMember()
}

// nextMember points the pure-Go inflater at the next member of d.gzSrc
// (io.EOF when there is none). klauspost's Reset keeps the last member's
// Huffman tables, and what it reports for a member whose tables are cut
// short depends on them (corrupt or truncated): a reader reset from member
// to member could report a bad member differently from one started at it
// (the libdeflate build's hand-over, or a file read before by the same
// worker). So what a member gives must be what a new inflater started at
// it gives. A source that can go back reuses the inflater (a new one per
// member was a third of everything a 100,000-patient run allocated: its
// 32 KiB window for every 64 KiB BGZF block), and a member it fails on is
// inflated again by a new inflater (again). A good member gives the same
// bytes either way. Other sources get a new inflater for every member.
// The sources are byte readers, which the inflater reads without a buffer
// of its own, so nothing of the next member is taken early.
func (d *Decompressor) nextMember() error {
	if d.gzSeek == nil || d.gz == nil {
		return d.newMember()
	}
	start, err := d.gzSeek.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	d.start, d.out, d.fresh = start, 0, false
	if err := d.gz.Reset(d.gzSrc); err != nil {
		return err
	}
	d.gz.Multistream(false)
	return nil
}

// newMember starts a new inflater at the next member.
func (d *Decompressor) newMember() error {
	d.out, d.fresh = 0, true
	gz, err := gzip.NewReader(d.gzSrc)
	if err != nil {
		return err
	}
	gz.Multistream(false)
	d.gz = gz
	return nil
}

// again inflates the current member again with a new inflater, past the
// bytes the reused one gave: after the reused one failed.
func (d *Decompressor) again() error {
	if _, err := d.gzSeek.Seek(d.start, io.SeekStart); err != nil {
		return err
	}
	out := d.out
	if err := d.newMember(); err != nil {
		return err
	}
	n, err := io.CopyN(io.Discard, d.gz, out)
	d.out = n
	if err == io.EOF {
		err = io.ErrUnexpectedEOF // it gave more before (cannot happen: the same bytes)
	}
	return err
}

// member is gzip.Reader.Read in multistream mode, each member's bytes and
// end those of a new inflater (nextMember); its end or error stays.
func (d *Decompressor) member(p []byte) (int, error) {
	for d.gzErr == nil {
		n, err := d.gz.Read(p)
		d.out += int64(n)
		if err != nil && err != io.EOF && !d.fresh {
			if err := d.again(); err != nil {
				return n, err
			}
			if n > 0 {
				return n, nil
			}
			continue
		}
		if err != io.EOF {
			return n, err
		}
		if d.gzErr = d.nextMember(); d.gzErr != nil || n > 0 {
			return n, d.gzErr
		}
	}
	return 0, d.gzErr
}

// memberWriteTo is gzip.Reader.WriteTo in multistream mode, each member's
// bytes and end those of a new inflater (nextMember).
func (d *Decompressor) memberWriteTo(w io.Writer) (int64, error) {
	var total int64
	cw := countingWriter{w: w}
	for d.gzErr == nil {
		cw.n = 0
		_, err := d.gz.WriteTo(&cw)
		total += cw.n
		d.out += cw.n
		if err != nil {
			if cw.err != nil || d.fresh {
				return total, err
			}
			if err := d.again(); err != nil {
				return total, err
			}
			continue
		}
		d.gzErr = d.nextMember()
	}
	if d.gzErr == io.EOF {
		return total, nil
	}
	return total, d.gzErr
}

// countingWriter counts what it passes on and keeps its writer's error,
// so that an error of w is not taken for the inflater's.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil {
		c.err = err
	}
	return n, err
}

// checkedReader translates inflater errors and checks the BGZF EOF marker
// when the stream ends.
type checkedReader struct{ d *Decompressor }

func (c *checkedReader) Read(p []byte) (int, error) {
	n, err := c.d.member(p)
	return n, c.d.readErr(err)
}

// readErr translates an inflater's error from Read: io.EOF is the end of
// the stream (a BGZF stream must end with its EOF marker), a stream cut
// inside a member is truncated, anything else corrupt.
func (d *Decompressor) readErr(err error) error {
	switch {
	case err == nil:
		return nil
	case err == io.EOF:
		if d.kind == BGZF && !d.tail.endsWith(bgzfEOF) {
			return ErrTruncated
		}
		return io.EOF
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: stream ends inside a compressed block", ErrTruncatedData)
	default:
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
}

// WriteTo streams the decompressed content to w straight from the
// inflater's window, saving the copy a Read into a buffer costs.
func (c *checkedReader) WriteTo(w io.Writer) (int64, error) {
	n, err := c.d.memberWriteTo(w)
	return n, c.d.writeToErr(err)
}

// writeToErr is readErr for WriteTo, which ends without error at the end
// of the stream. Errors from w come back here too; callers that need to
// tell them apart keep their own (see vcf.Reader.Scan).
func (d *Decompressor) writeToErr(err error) error {
	switch {
	case err == nil:
		if d.kind == BGZF && !d.tail.endsWith(bgzfEOF) {
			return ErrTruncated
		}
		return nil
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: stream ends inside a compressed block", ErrTruncatedData)
	default:
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
}

// ErrTruncatedData reports a gzip or BGZF stream cut inside a block.
var ErrTruncatedData = errors.New("xio: truncated compressed file")

// tailReader passes reads through and keeps the last 28 bytes seen, so the
// BGZF EOF marker can be checked without seeking.
type tailReader struct {
	r     io.Reader
	last  [28]byte
	n     int   // valid bytes in last (≤ 28)
	total int64 // bytes read, for the inflate cap
}

func (t *tailReader) reset(r io.Reader) { t.r, t.n, t.total = r, 0, 0 }

func (t *tailReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.total += int64(n)
	if n > 0 {
		b := p[:n]
		if len(b) >= len(t.last) {
			copy(t.last[:], b[len(b)-len(t.last):])
			t.n = len(t.last)
		} else {
			keep := min(t.n, len(t.last)-len(b))
			copy(t.last[:keep], t.last[t.n-keep:t.n])
			copy(t.last[keep:], b)
			t.n = keep + len(b)
		}
	}
	return n, err
}

func (t *tailReader) endsWith(s []byte) bool {
	return t.n >= len(s) && bytes.Equal(t.last[t.n-len(s):t.n], s)
}
