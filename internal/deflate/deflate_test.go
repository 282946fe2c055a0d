package deflate

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"testing"
)

// Writer writes compress/flate's BestSpeed stream byte for byte: for
// empty, tiny (stored and Huffman-only blocks) and large inputs across
// its 65,535-byte blocks, random or repetitive (long runs, as filtered
// figure rows are), written whole or in pieces.
func TestDeflateSameBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	gen := testInputs(rng)
	sizes := testSizes
	cases := 0
	for name, g := range gen {
		for _, n := range sizes {
			in := g(n)
			var want bytes.Buffer
			fw, _ := flate.NewWriter(&want, flate.BestSpeed)
			fw.Write(in)
			fw.Close()
			for _, chunk := range []int{0, 1 + rng.IntN(7000)} {
				var got bytes.Buffer
				writeIn(t, NewWriter(&got), in, chunk)
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Fatalf("%s, %d bytes in pieces of %d: %d bytes, compress/flate %d, differ", name, n, chunk, got.Len(), want.Len())
				}
				cases++
			}
		}
	}
	if cases != 4*len(sizes)*2 {
		t.Errorf("%d cases", cases)
	}
}

// commonPrefix is the length of the common prefix, at every length and
// every position of the first difference.
func TestCommonPrefix(t *testing.T) {
	for n := range 40 {
		a := make([]byte, n)
		for i := range a {
			a[i] = byte(i*7 + 1)
		}
		if got := commonPrefix(a, append([]byte(nil), a...)); got != n {
			t.Errorf("equal %d bytes: %d", n, got)
		}
		for d := range n {
			b := append([]byte(nil), a...)
			b[d] ^= 0x10
			if got := commonPrefix(a, b); got != d {
				t.Errorf("%d bytes differing at %d: %d", n, d, got)
			}
		}
	}
}

// testInputs are the kinds of input the tests compress, by name: each
// makes n bytes.
func testInputs(rng *rand.Rand) map[string]func(n int) []byte {
	return map[string]func(n int) []byte{
		"zeros": func(n int) []byte { return make([]byte, n) },
		"random": func(n int) []byte {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(rng.IntN(256))
			}
			return b
		},
		"runs": func(n int) []byte { // rows of a figure: runs of a few values, repeats
			b := make([]byte, 0, n)
			for len(b) < n {
				v, k := byte(rng.IntN(4)*85), 1+rng.IntN(700)
				if rng.IntN(5) == 0 && len(b) > 1000 {
					start := rng.IntN(len(b) - 500)
					b = append(b, b[start:start+1+rng.IntN(500)]...)
					continue
				}
				for range k {
					b = append(b, v)
				}
			}
			return b[:n]
		},
		"text": func(n int) []byte {
			words := []string{"shared ", "tissue ", "plasma ", "only ", "0.25 ", "\n"}
			var b []byte
			for len(b) < n {
				b = append(b, words[rng.IntN(len(words))]...)
			}
			return b[:n]
		},
	}
}

// testSizes cross compress/flate's 65,535-byte windows and its stored
// and Huffman-only cases.
var testSizes = []int{0, 1, 5, 16, 17, 127, 128, 1000, 65534, 65535, 65536, 65535*2 + 7, 300000, 1 << 20}

// NewWriterMerging's stream inflates (compress/flate's reader) to its
// input: every kind and size above, written whole or in pieces, and
// figure-like inputs of several MB (sparse non-zero bytes among zeros, a
// few hundred tokens a window) whose windows are merged into blocks of up
// to maxBlockTokens; it takes fewer bytes than NewWriter's stream there.
func TestWriterMergingRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	gen := testInputs(rng)
	gen["sparse"] = func(n int) []byte {
		b := make([]byte, n)
		for i := 0; i < n; i += 1 + rng.IntN(600) {
			b[i] = byte(1 + rng.IntN(255))
		}
		return b
	}
	for name, g := range gen {
		sizes := testSizes
		if name == "sparse" {
			sizes = append(sizes, 5<<20, 9<<20+3)
		}
		for _, n := range sizes {
			in := g(n)
			for _, chunk := range []int{0, 1 + rng.IntN(7000)} {
				var got bytes.Buffer
				writeIn(t, NewWriterMerging(&got), in, chunk)
				out, err := io.ReadAll(flate.NewReader(bytes.NewReader(got.Bytes())))
				if err != nil {
					t.Fatalf("%s, %d bytes in pieces of %d: %v", name, n, chunk, err)
				}
				if !bytes.Equal(out, in) {
					t.Fatalf("%s, %d bytes in pieces of %d: inflates to %d other bytes", name, n, chunk, len(out))
				}
				if name == "sparse" && n >= 5<<20 {
					var each bytes.Buffer
					writeIn(t, NewWriter(&each), in, chunk)
					if got.Len() >= each.Len() {
						t.Errorf("sparse, %d bytes: %d merged, %d a block a window", n, got.Len(), each.Len())
					}
				}
			}
		}
	}
}

// writeIn writes in to d whole (chunk 0) or in pieces of chunk bytes, and
// closes it.
func writeIn(t *testing.T, d *Writer, in []byte, chunk int) {
	t.Helper()
	if chunk == 0 {
		chunk = len(in) + 1
	}
	for p := in; len(p) > 0; {
		k := min(chunk, len(p))
		if _, err := d.Write(p[:k]); err != nil {
			t.Fatal(err)
		}
		p = p[k:]
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
}
