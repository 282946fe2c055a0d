package infile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedFiles adds the compressed and plain inputs in the repository's
// testdata as seeds.
func seedFiles(f *testing.F, globs ...string) {
	for _, g := range globs {
		paths, _ := filepath.Glob(g)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil && len(b) < 1<<20 {
				f.Add(b, uint16(0))
			}
		}
	}
}

// FuzzDecompress reads any bytes both ways (whole in memory and streamed)
// under a random line cap: the two must agree byte for byte and on the
// kind of error, no line passed on may exceed the cap, and a plain stream
// that is read without error comes out unchanged. In a libdeflate build
// each way is read by both inflaters too, which must agree byte for byte
// and on the error's message.
func FuzzDecompress(f *testing.F) {
	seedFiles(f, "../../testdata/cohort/*", "../../concordance/input/vcf/testdata/*.gz", "../../concordance/evidence/testdata/bam/*.bam")
	f.Add([]byte("a\nbb\nccc"), uint16(2))
	f.Add([]byte{0x1f, 0x8b}, uint16(0))
	f.Fuzz(func(t *testing.T, data []byte, cap16 uint16) {
		lim := Limits{MaxLine: int64(cap16%4096) + 1}
		if cap16 == 0 {
			lim = Limits{} // the defaults
		}
		a := Decompressor{Limits: lim, pureGo: true}
		b := Decompressor{Limits: lim, pureGo: true}
		outA, kindA, errA := readVia(&a, data, true)
		outB, kindB, errB := readVia(&b, data, false)
		if kindA != kindB {
			t.Fatalf("kind %v in memory, %v streamed", kindA, kindB)
		}
		if !bytes.Equal(outA, outB) {
			t.Fatalf("outputs differ: %d bytes in memory, %d streamed (errors %v / %v)", len(outA), len(outB), errA, errB)
		}
		if class(errA) != class(errB) {
			t.Fatalf("errors differ: %v in memory, %v streamed", errA, errB)
		}
		if Libdeflate {
			for _, mem := range []bool{true, false} {
				fast := Decompressor{Limits: lim}
				out, kind, err := readVia(&fast, data, mem)
				want, wantErr := outA, errA
				if !mem {
					want, wantErr = outB, errB
				}
				if full(err) || full(wantErr) {
					// The fuzz's output guard stopped one of them: where
					// depends on how each writes its output (in chunks of
					// 32 KiB or a member at a time), so only what both
					// passed on is compared.
					if k := min(len(out), len(want)); !bytes.Equal(out[:k], want[:k]) {
						t.Fatalf("inmemory=%v: libdeflate and pure Go differ in the first %d bytes", mem, k)
					}
					continue
				}
				if kind != kindA || !bytes.Equal(out, want) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
					t.Fatalf("inmemory=%v: libdeflate gave %v, %d bytes, error %v; pure Go %v, %d bytes, error %v",
						mem, kind, len(out), err, kindA, len(want), wantErr)
				}
			}
		}
		for _, l := range bytes.Split(outA, []byte("\n")) {
			if int64(len(l)) > lim.maxLine() {
				t.Fatalf("a line of %d bytes passed the cap of %d", len(l), lim.maxLine())
			}
		}
		if kindA == Plain && errA == nil && !bytes.Equal(outA, data) {
			t.Fatalf("plain input changed")
		}
	})
}

func readVia(d *Decompressor, data []byte, mem bool) ([]byte, Kind, error) {
	var r io.Reader
	var k Kind
	var err error
	if mem {
		r, k, err = d.OpenBytes(data)
	} else {
		r, k, err = d.Open(bytes.NewReader(data))
	}
	if err != nil {
		return nil, k, err
	}
	var out capped
	_, err = r.(io.WriterTo).WriteTo(&out)
	if errors.Is(err, errFull) {
		err = errFull // however the source wrapped it
	}
	return out.Bytes(), k, err
}

// capped stops a fuzz input after 4 MiB of output: a few bytes of DEFLATE
// can describe hundreds of megabytes, which would stall the fuzzer (the
// inflate cap itself is tested in TestInflateCap).
type capped struct{ bytes.Buffer }

var errFull = errors.New("fuzz: output over 4 MiB")

func (c *capped) Write(p []byte) (int, error) {
	if c.Len()+len(p) > 4<<20 {
		return 0, errFull
	}
	return c.Buffer.Write(p)
}

// full reports whether err comes from capped (the inflater wraps it).
func full(err error) bool { return err != nil && strings.Contains(err.Error(), errFull.Error()) }

// class is the kind of a read error, which both paths must agree on.
func class(err error) string {
	var le *LimitError
	switch {
	case err == nil:
		return "none"
	case errors.As(err, &le) && le.Line:
		return "line"
	case errors.As(err, &le):
		return "inflate"
	case errors.Is(err, ErrTruncated), errors.Is(err, ErrTruncatedData):
		return "truncated"
	case errors.Is(err, ErrCorrupt):
		return "corrupt"
	}
	return "other: " + err.Error()
}
