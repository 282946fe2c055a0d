package infile

import (
	"bytes"
	stdgzip "compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/biogo/hts/bgzf"
)

func gz(t *testing.T, s string) []byte {
	var b bytes.Buffer
	w := stdgzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func bgz(t *testing.T, s string) []byte {
	var b bytes.Buffer
	w := bgzf.NewWriter(&b, 1)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readAll(d *Decompressor, in []byte) (string, Kind, error) {
	r, k, err := d.Open(bytes.NewReader(in))
	if err != nil {
		return "", k, err
	}
	b, err := io.ReadAll(r)
	return string(b), k, err
}

func TestOpen(t *testing.T) {
	text := strings.Repeat("##fileformat=VCFv4.2\nchr1\t1\t.\tA\tC\n", 5000)
	good := bgz(t, text)
	multi := append(gz(t, text[:100]), gz(t, text[100:])...)
	tests := []struct {
		name    string
		in      []byte
		kind    Kind
		wantErr error
	}{
		{"plain", []byte(text), Plain, nil},
		{"empty", nil, Plain, nil},
		{"gzip", gz(t, text), Gzip, nil},
		{"multi-member gzip", multi, Gzip, nil},
		{"bgzf", good, BGZF, nil},
		// Cut at the EOF block: every block before it is intact.
		{"bgzf without EOF marker", good[:len(good)-len(bgzfEOF)], BGZF, ErrTruncated},
		{"bgzf cut inside a block", good[:len(good)/2], BGZF, ErrTruncatedData},
		{"gzip cut", gz(t, text)[:40], Gzip, ErrTruncatedData},
		{"corrupt gzip", append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, bytes.Repeat([]byte{0xff}, 64)...), Gzip, ErrCorrupt},
	}
	for _, path := range inflaters {
		var d Decompressor // reused across cases on purpose
		d.pureGo = path.pureGo
		for _, tc := range tests {
			for _, mem := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/inmemory=%v", path.name, tc.name, mem), func(t *testing.T) {
					testOpenCase(t, &d, tc.in, mem, tc.kind, tc.wantErr, text)
				})
			}
		}
	}
}

// inflaters are the paths every decompression test runs: the pure-Go
// inflater, and libdeflate in a libdeflate build.
var inflaters = func() []inflaterPath {
	paths := []inflaterPath{{"pure-go", true}}
	if Libdeflate {
		paths = append(paths, inflaterPath{"libdeflate", false})
	}
	return paths
}()

type inflaterPath struct {
	name   string
	pureGo bool
}

func testOpenCase(t *testing.T, d *Decompressor, in []byte, mem bool, wantKind Kind, wantErr error, text string) {
	got, kind, err := readAll(d, in)
	if mem {
		got, kind, err = readBytes(d, in)
	}
	if kind != wantKind {
		t.Errorf("kind = %v, want %v", kind, wantKind)
	}
	if wantErr != nil {
		if !errors.Is(err, wantErr) {
			t.Fatalf("err = %v, want %v", err, wantErr)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	want := text
	if in == nil {
		want = ""
	}
	if got != want {
		t.Fatalf("content differs: got %d bytes, want %d", len(got), len(want))
	}
}

func readBytes(d *Decompressor, in []byte) (string, Kind, error) {
	r, k, err := d.OpenBytes(in)
	if err != nil {
		return "", k, err
	}
	b, err := io.ReadAll(r)
	return string(b), k, err
}

func TestTailReader(t *testing.T) {
	var tr tailReader
	src := []byte("abcdefghijklmnopqrstuvwxyz0123456789")
	tr.reset(&chunky{b: src, n: 5})
	io.Copy(io.Discard, &tr)
	if !tr.endsWith(src[len(src)-28:]) {
		t.Fatalf("tail = %q", tr.last[:tr.n])
	}
}

type chunky struct {
	b []byte
	n int
}

func (c *chunky) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	k := min(c.n, len(p), len(c.b))
	copy(p, c.b[:k])
	c.b = c.b[k:]
	return k, nil
}
