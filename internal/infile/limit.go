package infile

import (
	"bytes"
	"fmt"
	"io"
)

// Limits bound what reading one input may cost, so that a hostile or
// broken file ends in a clear error rather than in an out-of-memory crash:
// readers hold at most a line at a time, so the line cap bounds their
// buffers, and the inflate cap bounds the work a small compressed file can
// cause. The zero value means the defaults.
type Limits struct {
	// MaxLine is the longest line accepted, in bytes without the line
	// ending (DefaultMaxLine when 0).
	MaxLine int64
	// MaxRatio caps the decompressed size of a gzip or BGZF file at
	// MaxRatio times its compressed size, or InflateFloor when that is
	// more (DefaultMaxRatio when 0).
	MaxRatio int64
}

const (
	// DefaultMaxLine is generous: MAF rows with VEP's all_effects run to
	// tens of kilobytes, and no text format concord reads has a reason
	// for a line of megabytes.
	DefaultMaxLine = 64 << 20
	// DefaultMaxRatio: DEFLATE cannot expand more than 1032:1 (a 258-byte
	// match costs at least 2 bits, RFC 1951), so a decompression bomb
	// sits near that ratio. Call files compress far less: 3–5× for the
	// VCFs in testdata and the bench workload, about 17× for a cBioPortal
	// CNA matrix of mostly zeros (20,000 genes × 500 samples, gzip -6).
	// 100× leaves a wide margin above real files and stops a bomb after
	// a tenth of what it would inflate to.
	DefaultMaxRatio = 100
	// InflateFloor is what any compressed file may inflate to whatever its
	// ratio: small files of repetitive text compress beyond 100× (the CNA
	// matrix above with only zeros: 184×, 20 MB from 110 KB), and 64 MiB
	// costs a fraction of a second, not memory, since readers stream.
	InflateFloor = 64 << 20
)

func (l Limits) maxLine() int64 {
	if l.MaxLine > 0 {
		return l.MaxLine
	}
	return DefaultMaxLine
}

func (l Limits) maxRatio() int64 {
	if l.MaxRatio > 0 {
		return l.MaxRatio
	}
	return DefaultMaxRatio
}

// LimitError reports an input beyond Limits.
type LimitError struct {
	Line       bool  // a line is too long (else: the file inflates too much)
	Cap        int64 // the cap in bytes
	Compressed int64 // compressed bytes read when the inflate cap was hit
	Ratio      int64
}

func (e *LimitError) Error() string {
	if e.Line {
		return fmt.Sprintf("xio: a line longer than %s (%d bytes, the --max-line-bytes cap): not a text file of this format?", Size(e.Cap), e.Cap)
	}
	return fmt.Sprintf("xio: the compressed file inflates to more than %s from %s (the cap is %d× its compressed size, at least %s: --max-inflate-ratio): a decompression bomb?",
		Size(e.Cap), Size(e.Compressed), e.Ratio, Size(InflateFloor))
}

// Size writes a byte count for people: 512 bytes, 64 MiB, 1.5 GiB.
func Size(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	x, suffix := float64(n), ""
	for _, s := range []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"} {
		x, suffix = x/unit, s
		if x < unit {
			break
		}
	}
	if x == float64(int64(x)) {
		return fmt.Sprintf("%d %s", int64(x), suffix)
	}
	return fmt.Sprintf("%.1f %s", x, suffix)
}

// Limit returns r held to lim's line cap (a plain stream: the inflate cap
// does not apply).
func Limit(r io.Reader, lim Limits) io.Reader {
	l := &limiter{}
	l.reset(r, lim, nil, -1)
	return l
}

// limiter passes a stream through while checking every line's length and,
// for compressed streams, the total decompressed size. When a check
// fails, the bytes before the line at fault are passed on first, so a
// reader counting lines names that line; the error follows.
//
// The line check costs a backward scan over the last line of each chunk
// (bytes.LastIndexByte), not a pass over every byte: lines wholly inside a
// window of MaxLine bytes are shorter than MaxLine, so only the line that
// straddles windows needs measuring.
type limiter struct {
	r       io.Reader
	maxLine int64
	run     int64 // bytes of the current line seen so far

	ratio int64       // 0: no inflate cap (plain stream)
	size  int64       // compressed size, when known up front (OpenBytes)
	tail  *tailReader // else the compressed bytes read so far
	out   int64       // decompressed bytes passed on

	err error // the failed check, returned from then on
	w   limitWriter
}

func (l *limiter) reset(r io.Reader, lim Limits, tail *tailReader, size int64) {
	*l = limiter{r: r, maxLine: lim.maxLine(), tail: tail, size: size}
	if tail != nil || size >= 0 {
		l.ratio = lim.maxRatio()
	}
	l.w.l = l
}

func (l *limiter) outCap() int64 {
	n := l.size
	if l.tail != nil {
		n = l.tail.total
	}
	return max(InflateFloor, n*l.ratio)
}

// check returns how many bytes of p may be passed on: all of them, or the
// bytes before the line that breaks a cap, with the error.
func (l *limiter) check(p []byte) (int, error) {
	allowed := len(p)
	var bomb error
	if l.ratio > 0 {
		c := l.outCap()
		if l.out+int64(len(p)) > c {
			allowed = int(max(0, c-l.out))
			n := l.size
			if l.tail != nil {
				n = l.tail.total
			}
			bomb = &LimitError{Cap: c, Compressed: n, Ratio: l.ratio}
		}
		l.out += int64(allowed)
	}
	k, err := l.lines(p[:allowed])
	if err != nil {
		return k, err
	}
	if bomb != nil {
		// Pass on the whole lines only: the error then names the line in
		// which the cap was reached.
		return bytes.LastIndexByte(p[:allowed], '\n') + 1, bomb
	}
	return len(p), nil
}

// lines checks the line lengths in p, continuing from earlier chunks.
func (l *limiter) lines(p []byte) (int, error) {
	start := 0 // where the current line starts in p (0: before p)
	for off := 0; off < len(p); {
		w := p[off:]
		if int64(len(w)) > l.maxLine {
			w = w[:l.maxLine]
		}
		i := bytes.LastIndexByte(w, '\n')
		if i < 0 {
			l.run += int64(len(w))
			if l.run > l.maxLine {
				return start, &LimitError{Line: true, Cap: l.maxLine}
			}
		} else {
			// Lines between the first and the last '\n' of w are shorter
			// than w; only the one ending at the first '\n' may be long.
			if l.run+int64(i) > l.maxLine {
				if j := bytes.IndexByte(w, '\n'); l.run+int64(j) > l.maxLine {
					return start, &LimitError{Line: true, Cap: l.maxLine}
				}
			}
			l.run = int64(len(w) - 1 - i)
			start = off + i + 1
		}
		off += len(w)
	}
	return len(p), nil
}

func (l *limiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	if n > 0 {
		k, cerr := l.check(p[:n])
		if cerr != nil {
			l.err = cerr
			if k > 0 {
				return k, nil
			}
			return 0, cerr
		}
	}
	return n, err
}

// WriteTo keeps the source's WriteTo fast path (the inflater writes
// straight from its window), checking each chunk on its way.
func (l *limiter) WriteTo(w io.Writer) (int64, error) {
	if l.err != nil {
		return 0, l.err
	}
	l.w.w = w
	n, err := io.Copy(&l.w, l.r)
	l.w.w = nil
	if l.err != nil {
		// The source may have wrapped the error it got from Write.
		return n, l.err
	}
	return n, err
}

type limitWriter struct {
	l *limiter
	w io.Writer
}

func (lw *limitWriter) Write(p []byte) (int, error) {
	k, err := lw.l.check(p)
	if err != nil {
		if k > 0 {
			if _, werr := lw.w.Write(p[:k]); werr != nil {
				return 0, werr
			}
		}
		lw.l.err = err
		return k, err
	}
	return lw.w.Write(p)
}
