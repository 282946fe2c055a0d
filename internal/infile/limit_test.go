package infile

import (
	"bytes"
	"compress/flate"
	stdgzip "compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// firstLong is the oracle of the line cap: the text before the first line
// longer than max (its line ending excluded), and whether there is one.
func firstLong(text []byte, max int) ([]byte, bool) {
	off := 0
	for _, l := range bytes.SplitAfter(text, []byte("\n")) {
		if len(bytes.TrimSuffix(l, []byte("\n"))) > max {
			return text[:off], true
		}
		off += len(l)
	}
	return text, false
}

// randomText is lines of random lengths (mostly short, some long).
func randomText(rng *rand.Rand, n int) []byte {
	var b []byte
	for len(b) < n {
		k := rng.IntN(40)
		if rng.IntN(10) == 0 {
			k = rng.IntN(400)
		}
		b = append(b, bytes.Repeat([]byte{'a' + byte(rng.IntN(26))}, k)...)
		b = append(b, '\n')
	}
	if rng.IntN(2) == 0 {
		b = b[:len(b)-1] // a last line without its ending
	}
	return b
}

// sink records what WriteTo gives it.
type sink struct{ bytes.Buffer }

// TestLineCap checks the line cap against firstLong on random texts, for
// every way a stream reaches a reader: Read with small and large buffers,
// WriteTo from memory, from the inflater and from a buffered plain stream.
// Whatever the chunking, the bytes passed on are the text before the first
// long line and at most the cap's worth of that line, then a *LimitError.
func TestLineCap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	hows0 := []string{"read-1", "read-7", "read-4096", "writeto-bytes", "writeto-gzip", "writeto-stream", "read-gzip",
		"writeto-bgzf", "read-bgzf", "writeto-bgzf-stream", "read-bgzf-stream"}
	var hows []string // each way on each inflater
	for range inflaters {
		hows = append(hows, hows0...)
	}
	for trial := 0; trial < 300; trial++ {
		text := randomText(rng, 1+rng.IntN(5000))
		maxLine := 1 + rng.IntN(300)
		want, long := firstLong(text, maxLine)
		lim := Limits{MaxLine: int64(maxLine)}
		for i, how := range hows {
			path := inflaters[i/len(hows0)]
			d := Decompressor{Limits: lim, pureGo: path.pureGo}
			how := how + "/" + path.name
			var r io.Reader
			var err error
			switch {
			case strings.HasPrefix(how, "writeto-gzip"), strings.HasPrefix(how, "read-gzip"):
				r, _, err = d.OpenBytes(gzBytes(text))
			case strings.HasPrefix(how, "writeto-bgzf-stream"), strings.HasPrefix(how, "read-bgzf-stream"):
				r, _, err = d.Open(&chunky{b: bgzBlocks(t, text, 1+rng.IntN(2000)), n: 1 + rng.IntN(1000)})
			case strings.HasPrefix(how, "writeto-bgzf"), strings.HasPrefix(how, "read-bgzf"):
				r, _, err = d.OpenBytes(bgzBlocks(t, text, 1+rng.IntN(2000)))
			case strings.HasPrefix(how, "writeto-stream"):
				r, _, err = d.Open(&chunky{b: text, n: 1 + rng.IntN(100)})
			default:
				r, _, err = d.OpenBytes(text)
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []byte
			if strings.HasPrefix(how, "read-") {
				size := map[string]int{"read-1": 1, "read-7": 7, "read-4096": 4096, "read-gzip": 13, "read-bgzf": 13, "read-bgzf-stream": 4096}[how[:strings.IndexByte(how, '/')]]
				buf := make([]byte, size)
				for {
					n, rerr := r.Read(buf)
					got = append(got, buf[:n]...)
					if rerr != nil {
						err = rerr
						break
					}
				}
				if err == io.EOF {
					err = nil
				}
			} else {
				var s sink
				_, err = r.(io.WriterTo).WriteTo(&s)
				got = s.Bytes()
			}
			var le *LimitError
			if long != errors.As(err, &le) || (long && !le.Line) {
				t.Fatalf("trial %d %s: max %d: err %v, want a line error: %v", trial, how, maxLine, err, long)
			}
			if !long && err != nil {
				t.Fatalf("trial %d %s: %v", trial, how, err)
			}
			// Passed on: the text before the long line, then at most
			// maxLine bytes of it (no line ending: a line reader never
			// takes them for a line).
			extra := len(got) - len(want)
			if !bytes.HasPrefix(got, want) || !bytes.HasPrefix(text[len(want):], got[len(want):]) || extra > maxLine || (!long && extra != 0) {
				t.Fatalf("trial %d %s: max %d: passed on %d bytes, want %d (the text before the long line) and at most %d more of it", trial, how, maxLine, len(got), len(want), maxLine)
			}
		}
	}
}

// bgzBlocks is text as BGZF in blocks of at most block bytes of text
// (SAM spec §4.1: each block a gzip member with the BC subfield giving its
// size), then the EOF block, so that lines straddle blocks.
func bgzBlocks(t testing.TB, text []byte, block int) []byte {
	var out, z bytes.Buffer
	fw, _ := flate.NewWriter(&z, flate.BestSpeed)
	for len(text) > 0 {
		k := min(block, len(text))
		z.Reset()
		fw.Reset(&z)
		fw.Write(text[:k])
		fw.Close()
		out.Write(bgzfMember(z.Bytes(), crc32.ChecksumIEEE(text[:k]), uint32(k)))
		text = text[k:]
	}
	out.Write(bgzfEOF)
	return out.Bytes()
}

// bgzfMember wraps raw DEFLATE data in a BGZF block header and trailer.
func bgzfMember(deflated []byte, crc, isize uint32) []byte {
	b := []byte{0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 'B', 'C', 2, 0, 0, 0}
	binary.LittleEndian.PutUint16(b[16:], uint16(len(b)+len(deflated)+8-1))
	b = append(b, deflated...)
	b = binary.LittleEndian.AppendUint32(b, crc)
	return binary.LittleEndian.AppendUint32(b, isize)
}

func gzBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := stdgzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// TestInflateCap: a small gzip file of many short lines inflating past
// max(InflateFloor, ratio × size) is refused after whole lines, and one
// under the cap reads whole.
func TestInflateCap(t *testing.T) {
	// 80 MiB of "x\n" compresses to under 640 KiB (DEFLATE's ~1000:1), so
	// its cap is the floor: 64 MiB.
	var buf bytes.Buffer
	zw, _ := stdgzip.NewWriterLevel(&buf, stdgzip.BestCompression)
	chunk := bytes.Repeat([]byte("x\n"), 1<<19)
	for i := 0; i < 80; i++ {
		zw.Write(chunk)
	}
	zw.Close()
	// The same as BGZF: 1,280 blocks of 64 KiB (libdeflate inflates
	// these; the gzip bomb above is one member too large for it).
	var bgz bytes.Buffer
	block := bgzBlocks(t, chunk[:64<<10], 64<<10)
	block = block[:len(block)-len(bgzfEOF)]
	for i := 0; i < 80*16; i++ {
		bgz.Write(block)
	}
	bgz.Write(bgzfEOF)
	for _, bomb := range [][]byte{buf.Bytes(), bgz.Bytes()} {
		if len(bomb)*DefaultMaxRatio > InflateFloor {
			t.Fatalf("the bomb is %d bytes: its cap would not be the floor", len(bomb))
		}
		for _, path := range inflaters {
			for _, mem := range []bool{true, false} {
				d := Decompressor{pureGo: path.pureGo}
				var r io.Reader
				var err error
				if mem {
					r, _, err = d.OpenBytes(bomb)
				} else {
					r, _, err = d.Open(bytes.NewReader(bomb))
				}
				if err != nil {
					t.Fatal(err)
				}
				n, err := io.Copy(io.Discard, r)
				var le *LimitError
				if !errors.As(err, &le) || le.Line {
					t.Fatalf("%s inmemory=%v: err %v, want an inflate cap error", path.name, mem, err)
				}
				// The cap is the floor; lines pass whole.
				if le.Cap != InflateFloor || n > InflateFloor || n < InflateFloor-2 || n%2 != 0 {
					t.Fatalf("%s inmemory=%v: passed %d bytes, cap %d; want whole lines up to %d", path.name, mem, n, le.Cap, InflateFloor)
				}
				if !strings.Contains(err.Error(), "64 MiB") {
					t.Errorf("message %q does not give the cap", err)
				}
			}
		}
	}
	// Under the cap: a file that inflates 2× reads whole with ratio 2 ...
	small := []byte(strings.Repeat("chr1\t1\t.\tA\tC\n", 100))
	d := Decompressor{Limits: Limits{MaxRatio: 1000}}
	r, _, _ := d.OpenBytes(gzBytes(small))
	got, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(got, small) {
		t.Fatalf("under the cap: %v", err)
	}
}

// TestOpenFileRefuses: anything but a regular file is refused by kind,
// without blocking (a FIFO with no writer would block an open for reading).
func TestOpenFileRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "calls.vcf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	loop := filepath.Join(dir, "loop.vcf")
	os.Symlink(loop, loop)
	regular := filepath.Join(dir, "ok.vcf")
	os.WriteFile(regular, []byte("x\n"), 0o644)
	link := filepath.Join(dir, "link.vcf")
	os.Symlink(regular, link)
	for _, tc := range []struct{ path, want string }{
		{fifo, "named pipe (FIFO)"},
		{"/dev/zero", "character device"},
		{dir, "is a directory"},
		{loop, "symbolic link loop"},
		{filepath.Join(dir, "absent"), "no such file"},
	} {
		done := make(chan error, 1)
		go func() {
			f, _, err := OpenFile(tc.path)
			if f != nil {
				f.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: err %v, want %q", tc.path, err, tc.want)
			}
			var pe *fs.PathError
			if !errors.As(err, &pe) {
				t.Errorf("%s: %T is not a *fs.PathError", tc.path, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: OpenFile blocked", tc.path)
		}
		if err := CheckFile(tc.path); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckFile(%s): %v, want %q", tc.path, err, tc.want)
		}
	}
	for _, p := range []string{regular, link} {
		f, size, err := OpenFile(p)
		if err != nil || size != 2 {
			t.Fatalf("%s: %v (size %d)", p, err, size)
		}
		f.Close()
	}
	// The same through DirFS, as a cBioPortal study is read.
	fsys := DirFS(dir, Limits{})
	if _, err := fs.ReadFile(fsys, "calls.vcf"); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("DirFS FIFO: %v", err)
	}
	if b, err := fs.ReadFile(fsys, "ok.vcf"); err != nil || string(b) != "x\n" {
		t.Errorf("DirFS regular: %q %v", b, err)
	}
	if _, err := fs.ReadDir(fsys, "."); err != nil {
		t.Errorf("DirFS ReadDir: %v", err)
	}
}

// TestFileSum: File hashes the bytes on disk (compressed), even when the
// reader stops early.
func TestFileSum(t *testing.T) {
	dir := t.TempDir()
	text := []byte(strings.Repeat("line\n", 10000))
	p := filepath.Join(dir, "a.gz")
	z := gzBytes(text)
	os.WriteFile(p, z, 0o644)
	in, err := Open(p, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	head := make([]byte, 10)
	io.ReadFull(in, head)
	sum, n, err := in.Sum()
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%x", sha256.Sum256(z))
	if sum != want || n != int64(len(z)) || in.Kind() != Gzip {
		t.Fatalf("Sum = %s %d %v, want %s %d gzip", sum, n, in.Kind(), want, len(z))
	}
	if _, err := ReadAll(p, Limits{}, 100); err == nil || !strings.Contains(err.Error(), "larger than 100 bytes") {
		t.Errorf("ReadAll over max: %v", err)
	}
	if b, err := ReadAll(p, Limits{}, 1<<20); err != nil || !bytes.Equal(b, text) {
		t.Errorf("ReadAll: %v", err)
	}
}

// The cap above the floor is ratio × compressed size (exact arithmetic).
func TestOutCap(t *testing.T) {
	var l limiter
	l.reset(nil, Limits{}, nil, 10<<20)
	if got := l.outCap(); got != 1000<<20 {
		t.Errorf("cap of 10 MiB at the default ratio = %d, want %d", got, 1000<<20)
	}
	l.reset(nil, Limits{MaxRatio: 7}, nil, 1<<20)
	if got := l.outCap(); got != InflateFloor {
		t.Errorf("cap of 1 MiB at ratio 7 = %d, want the floor", got)
	}
	tail := &tailReader{total: 100 << 20}
	l.reset(nil, Limits{MaxRatio: 3}, tail, -1)
	if got := l.outCap(); got != 300<<20 {
		t.Errorf("streaming cap = %d, want 3 × the compressed bytes read", got)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 64 << 20: "64 MiB", 3 << 29: "1.5 GiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
