package infile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
)

// TestReusedInflaterAsNew: a Decompressor reuses its inflater from member
// to member and file to file, and what it gives for every member, good or
// bad, must be what a new inflater started at the member gives (oracle:
// klauspost's gzip reader, a new one per member, read through Read
// alone). The inputs are two members cut at every byte of the second and
// with each of the second's first 300 bits flipped, and FuzzDecompress's
// crasher, read by a Decompressor that read another file first, through
// Read and through WriteTo.
func TestReusedInflaterAsNew(t *testing.T) {
	var lines strings.Builder
	for i := range 400 {
		fmt.Fprintf(&lines, "chr%d\t%d\t.\t%s\t%s\t%d\tPASS\tDP=%d\n", i%22+1, 1000+i*37, "ACGT"[i%4:i%4+1], "TGCA"[i%3:i%3+1], i%60, i*7%900)
	}
	a := gz(t, lines.String())
	b := gz(t, strings.ToUpper(lines.String()[:5000]))
	crasher, err := os.ReadFile("testdata/fuzz/FuzzDecompress/e863ac1e8a44e866")
	if err != nil {
		t.Fatal(err)
	}
	var inputs [][]byte
	for k := range len(b) {
		inputs = append(inputs, append(clone(a), b[:k]...))
	}
	for bit := range 300 {
		c := append(clone(a), b...)
		c[len(a)+bit/8] ^= 1 << (bit % 8)
		inputs = append(inputs, c)
	}
	if v, ok := fuzzBytes(crasher); ok {
		inputs = append(inputs, v)
	} else {
		t.Fatal("crasher not read")
	}
	warm := gz(t, strings.Repeat("warm-up line with other tables 0123456789\n", 300))
	differ := 0
	for i, data := range inputs {
		want, wantErr := newPerMember(data)
		for _, writeTo := range []bool{false, true} {
			var d Decompressor
			d.pureGo = true
			if _, err := readBoth(&d, warm, writeTo); err != nil {
				t.Fatal(err)
			}
			got, err := readBoth(&d, data, writeTo)
			if !bytes.Equal(got, want) || class(err) != class(wantErr) {
				differ++
				if differ <= 5 {
					t.Errorf("input %d (WriteTo %v): %d bytes, error %v; a new inflater per member: %d bytes, error %v", i, writeTo, len(got), err, len(want), wantErr)
				}
			}
		}
	}
	if differ > 5 {
		t.Errorf("%d more differ", differ-5)
	}
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

// readBoth opens data in memory and reads it all through Read or WriteTo.
func readBoth(d *Decompressor, data []byte, writeTo bool) ([]byte, error) {
	r, _, err := d.OpenBytes(data)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if writeTo {
		_, err = r.(io.WriterTo).WriteTo(&out)
	} else {
		_, err = out.ReadFrom(struct{ io.Reader }{r})
	}
	return out.Bytes(), err
}

// newPerMember inflates data with a new klauspost reader per member, read
// through Read, its errors classed as Decompressor classes them.
func newPerMember(data []byte) ([]byte, error) {
	var out bytes.Buffer
	src := bytes.NewReader(data)
	for first := true; ; first = false {
		zr, err := gzip.NewReader(src)
		if err == io.EOF && !first {
			return out.Bytes(), nil
		}
		if err != nil {
			return out.Bytes(), classed(err)
		}
		zr.Multistream(false)
		if _, err := out.ReadFrom(struct{ io.Reader }{zr}); err != nil {
			return out.Bytes(), classed(err)
		}
	}
}

func classed(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
		return ErrTruncatedData
	}
	return ErrCorrupt
}

// fuzzBytes reads the []byte argument of a fuzz corpus file.
func fuzzBytes(file []byte) ([]byte, bool) {
	for _, l := range strings.Split(string(file), "\n") {
		if q, ok := strings.CutPrefix(l, "[]byte("); ok {
			s, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
			return []byte(s), err == nil
		}
	}
	return nil, false
}
