//go:build libdeflate && cgo

package infile

// The libdeflate build (go build -tags libdeflate; cgo and Debian's
// libdeflate-dev, found through pkg-config). libdeflate inflates about 2.6×
// faster than the best pure-Go inflater (../shared/bench), but only whole
// buffers: it needs all of a member's compressed bytes and room for all of
// its output. So it takes what fits that shape:
//
//   - BGZF blocks, always: a block is at most 64 KiB each way (SAM spec
//     §4.1), its header gives its size (BSIZE), so a stream is read one
//     block at a time and memory stays as bounded as the pure-Go path's;
//   - plain gzip members when the file is read whole (OpenBytes: the
//     pipeline reads call files up to 16 MiB whole) and the member inflates
//     to at most maxWholeOut (64 MiB, the inflate floor, so the whole-buffer
//     path alone can never reach the inflate cap). The output buffer starts
//     at the size the gzip trailer declares and doubles up to that bound;
//     it is kept for the next file (at most 64 MiB per Decompressor, i.e.
//     per pipeline worker). Streamed plain gzip stays on the pure-Go path.
//
// Everything else — a header the fast path does not parse (a header CRC,
// BGZF extra subfields), a block cut short, corrupt DEFLATE data, a CRC or
// length mismatch, a member too large — is handed to the pure-Go reader
// from the first byte of the member at fault, with the bytes already read
// replayed. The pure-Go reader then reads exactly what it would have read
// in the default build, from the same state (a member boundary), so the
// bytes passed on before an error, the error and its message are the
// default build's by construction, and the caps (limit.go), which wrap
// either reader, hold the same. The one difference left: in a streamed
// file the inflate cap is checked against the compressed bytes read so
// far, and this path reads a block before passing on any of it, so near
// the cap it may stop one block earlier than the pure-Go path.

/*
#cgo pkg-config: libdeflate
#include <stdint.h>
#include <libdeflate.h>

typedef struct {
	int res;
	size_t in_used;
	size_t out_used;
	uint32_t crc;
} concord_inflated;

// concord_inflate inflates one raw DEFLATE stream and, when that succeeds,
// takes the CRC-32 of its output: one cgo call per gzip member.
static concord_inflated concord_inflate(struct libdeflate_decompressor *d,
		const void *in, size_t in_n, void *out, size_t out_n) {
	concord_inflated r = {0, 0, 0, 0};
	r.res = libdeflate_deflate_decompress_ex(d, in, in_n, out, out_n, &r.in_used, &r.out_used);
	if (r.res == LIBDEFLATE_SUCCESS) {
		r.crc = libdeflate_crc32(0, out, r.out_used);
	}
	return r;
}
*/
import "C"

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"runtime"
	"unsafe"
)

// Libdeflate reports whether this build inflates with libdeflate.
const Libdeflate = true

const (
	// blockOut is the most a BGZF block inflates to (SAM spec §4.1).
	blockOut = 64 << 10
	// maxWholeOut bounds the output buffer of a plain gzip member read
	// whole; a larger member is left to the pure-Go reader.
	maxWholeOut = InflateFloor
	// maxDeflateRatio: DEFLATE cannot expand more than 1032:1 (RFC 1951:
	// a 258-byte match costs at least 2 bits), so a trailer declaring more
	// lies, and its buffer is not allocated.
	maxDeflateRatio = 1032
)

// gzip header flags (RFC 1952 §2.3.1).
const (
	flagText    = 1 << 0
	flagHdrCrc  = 1 << 1
	flagExtra   = 1 << 2
	flagName    = 1 << 3
	flagComment = 1 << 4
)

// fastState is what a Decompressor keeps for libdeflate between files.
type fastState struct {
	dec *inflater
	out []byte // inflated member
	blk []byte // a BGZF block read from a stream
	r   fastReader
	rp  replay
	// members counts the members libdeflate inflated, handovers the
	// streams handed to the pure-Go reader (for tests).
	members, handovers int
}

// inflater owns a libdeflate decompressor, freed when it is collected.
type inflater struct {
	p *C.struct_libdeflate_decompressor
}

func (d *Decompressor) inflater() *inflater {
	if d.fast.dec == nil {
		p := C.libdeflate_alloc_decompressor()
		if p == nil {
			return nil // out of memory: the pure-Go path needs none
		}
		in := &inflater{p}
		runtime.AddCleanup(in, func(p *C.struct_libdeflate_decompressor) { C.libdeflate_free_decompressor(p) }, p)
		d.fast.dec = in
	}
	return d.fast.dec
}

// inflate inflates the raw DEFLATE stream at the start of in into out.
func (in *inflater) inflate(src, out []byte) C.concord_inflated {
	var sp, op unsafe.Pointer
	if len(src) > 0 {
		sp = unsafe.Pointer(&src[0])
	}
	if len(out) > 0 {
		op = unsafe.Pointer(&out[0])
	}
	r := C.concord_inflate(in.p, sp, C.size_t(len(src)), op, C.size_t(len(out)))
	runtime.KeepAlive(in)
	return r
}

func (s *fastState) buffer(n int) []byte {
	if cap(s.out) < n {
		s.out = make([]byte, n)
	}
	return s.out[:n]
}

// fastBytes returns a reader of b (a whole gzip or BGZF file) inflating
// through libdeflate, or nil when the pure-Go path is to read it from the
// start: its first header is one the pure-Go reader would refuse or that
// the fast path leaves to it, so OpenBytes reports it as before.
func (d *Decompressor) fastBytes(b []byte) io.Reader {
	if d.pureGo || headerLen(b) == 0 {
		return nil
	}
	hint := blockOut
	if d.kind == Gzip {
		// The trailer's ISIZE is the (last) member's size, mod 2^32.
		isize := int64(binary.LittleEndian.Uint32(b[len(b)-4:]))
		if isize > maxWholeOut {
			return nil
		}
		hint = int(max(blockOut, min(isize, int64(len(b))*maxDeflateRatio)))
	}
	if d.inflater() == nil {
		return nil
	}
	d.fast.r = fastReader{d: d, in: b, hint: hint}
	return &d.fast.r
}

// fastStream returns a reader of d.src, a BGZF stream whose first 18
// bytes are head, inflating block by block through libdeflate, or nil
// when its first header is not the standard BGZF header.
func (d *Decompressor) fastStream(head []byte) io.Reader {
	if d.pureGo || !bgzfHeader(head) || d.inflater() == nil {
		return nil
	}
	if d.fast.blk == nil {
		d.fast.blk = make([]byte, blockOut)
	}
	d.fast.r = fastReader{d: d, stream: true, hint: blockOut}
	return &d.fast.r
}

// headerLen returns the length of the gzip member header at the start of
// b, or 0 unless the pure-Go reader would accept it as it stands and it
// has nothing the fast path leaves to that reader (a header CRC, which it
// checks and libdeflate would not). Names and comments are NUL-terminated
// within 512 bytes, the pure-Go reader's limit.
func headerLen(b []byte) int {
	if len(b) < 10 || b[0] != 0x1f || b[1] != 0x8b || b[2] != 8 {
		return 0
	}
	flg := b[3]
	if flg&^(flagText|flagExtra|flagName|flagComment) != 0 {
		return 0 // reserved bits (refused) or a header CRC
	}
	n := 10
	if flg&flagExtra != 0 {
		if len(b) < n+2 {
			return 0
		}
		n += 2 + int(binary.LittleEndian.Uint16(b[n:]))
		if len(b) < n {
			return 0
		}
	}
	for _, f := range []byte{flagName, flagComment} {
		if flg&f != 0 {
			i := bytes.IndexByte(b[n:min(len(b), n+512)], 0)
			if i < 0 {
				return 0
			}
			n += i + 1
		}
	}
	return n
}

// bgzfHeader reports whether h starts with the 18-byte header every BGZF
// writer emits: FLG FEXTRA only, one extra subfield, BC with BSIZE.
func bgzfHeader(h []byte) bool {
	return len(h) >= 18 && h[0] == 0x1f && h[1] == 0x8b && h[2] == 8 && h[3] == flagExtra &&
		h[10] == 6 && h[11] == 0 && h[12] == 'B' && h[13] == 'C' && h[14] == 2 && h[15] == 0
}

// fastReader passes on the members libdeflate inflates, then, once a
// member is left to the pure-Go reader, whatever that reader gives.
type fastReader struct {
	d      *Decompressor
	in     []byte // whole file: the compressed bytes from the next member on
	stream bool   // else: blocks read from d.src
	hint   int    // output room for the next member
	out    []byte // inflated bytes not yet passed on
	pure   bool   // the rest of the stream is the pure-Go reader's (d.gz)
	err    error  // the end (io.EOF) or the error, once reached
}

func (f *fastReader) Read(p []byte) (int, error) {
	for len(f.out) == 0 {
		if f.pure {
			n, err := f.d.member(p)
			return n, f.d.readErr(err)
		}
		if f.err != nil {
			return 0, f.err
		}
		f.next()
	}
	n := copy(p, f.out)
	f.out = f.out[n:]
	return n, nil
}

func (f *fastReader) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for {
		if len(f.out) > 0 {
			n, err := w.Write(f.out)
			total += int64(n)
			f.out = f.out[n:]
			if err != nil {
				return total, f.d.writeToErr(err)
			}
		}
		if f.pure {
			n, err := f.d.memberWriteTo(w)
			return total + n, f.d.writeToErr(err)
		}
		if f.err == io.EOF {
			return total, nil
		}
		if f.err != nil {
			return total, f.err
		}
		f.next()
	}
}

// next inflates the next member into f.out, hands the stream to the
// pure-Go reader, or sets f.err at the end of the stream.
func (f *fastReader) next() {
	if f.stream {
		f.nextBlock()
		return
	}
	if len(f.in) == 0 {
		f.err = f.d.readErr(io.EOF) // the pure-Go reader's end, EOF marker checked
		return
	}
	h := headerLen(f.in)
	if h == 0 {
		f.handOver(f.in, nil)
		return
	}
	body := f.in[h:]
	for {
		out := f.d.fast.buffer(f.hint)
		r := f.d.fast.dec.inflate(body, out)
		switch r.res {
		case C.LIBDEFLATE_SUCCESS:
			t := int(r.in_used)
			if len(body) < t+8 || binary.LittleEndian.Uint32(body[t:]) != uint32(r.crc) ||
				binary.LittleEndian.Uint32(body[t+4:]) != uint32(r.out_used) {
				f.handOver(f.in, nil)
				return
			}
			f.out = out[:r.out_used]
			f.in = body[t+8:]
			f.d.fast.members++
			return
		case C.LIBDEFLATE_INSUFFICIENT_SPACE:
			if f.hint >= maxWholeOut {
				f.handOver(f.in, nil)
				return
			}
			f.hint = min(2*f.hint, maxWholeOut)
		default:
			f.handOver(f.in, nil)
			return
		}
	}
}

// nextBlock reads and inflates the next BGZF block of a stream. Blocks
// are read through d.src as the pure-Go reader reads it (a refill of the
// 256 KiB buffer when it is empty), so the compressed bytes read, which
// the inflate cap and the EOF check see, follow the same steps.
func (f *fastReader) nextBlock() {
	blk := f.d.fast.blk
	n, err := io.ReadFull(f.d.src, blk[:18])
	switch {
	case n == 0 && err == io.EOF:
		f.err = f.d.readErr(io.EOF)
		return
	case err != nil && err != io.ErrUnexpectedEOF:
		f.err = f.d.readErr(err) // a read error, not the data's
		return
	case err != nil || !bgzfHeader(blk):
		f.handOver(nil, blk[:n])
		return
	}
	size := int(binary.LittleEndian.Uint16(blk[16:])) + 1
	if size < 18+8 {
		f.handOver(nil, blk[:18])
		return
	}
	n, err = io.ReadFull(f.d.src, blk[18:size])
	if err != nil {
		if err != io.EOF && err != io.ErrUnexpectedEOF {
			f.err = f.d.readErr(err)
			return
		}
		f.handOver(nil, blk[:18+n])
		return
	}
	isize := binary.LittleEndian.Uint32(blk[size-4:])
	out := f.d.fast.buffer(blockOut)
	r := f.d.fast.dec.inflate(blk[18:size-8], out)
	if r.res != C.LIBDEFLATE_SUCCESS || int(r.in_used) != size-26 ||
		uint32(r.crc) != binary.LittleEndian.Uint32(blk[size-8:]) || uint32(r.out_used) != isize {
		f.handOver(nil, blk[:size])
		return
	}
	f.out = out[:r.out_used]
	f.d.fast.members++
}

// handOver gives the rest of the stream to the pure-Go reader, starting
// at the member at fault: in a whole file, rest; in a stream, the bytes of
// the member already read, then d.src.
func (f *fastReader) handOver(rest, pulled []byte) {
	f.d.fast.handovers++
	var err error
	if f.stream {
		f.d.fast.rp = replay{head: pulled, src: f.d.src}
		err = f.d.resetGzip(&f.d.fast.rp)
	} else {
		f.d.mem.Reset(rest)
		err = f.d.resetGzip(&f.d.mem)
	}
	if err != nil {
		// The pure-Go reader fails on this member's header as it would
		// have mid-stream (Read returns what Reset did).
		f.err = f.d.readErr(err)
		return
	}
	f.pure = true
}

// replay reads bytes already taken from a stream, then the stream. It is
// an io.ByteReader, so the pure-Go inflater reads it without a buffer of
// its own, pulling from the stream as it would have.
type replay struct {
	head []byte
	src  *bufio.Reader
}

func (r *replay) Read(p []byte) (int, error) {
	if len(r.head) > 0 {
		n := copy(p, r.head)
		r.head = r.head[n:]
		return n, nil
	}
	return r.src.Read(p)
}

func (r *replay) ReadByte() (byte, error) {
	if len(r.head) > 0 {
		c := r.head[0]
		r.head = r.head[1:]
		return c, nil
	}
	return r.src.ReadByte()
}
