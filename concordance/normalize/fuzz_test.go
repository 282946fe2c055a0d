package normalize

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// FuzzFASTA gives NewFASTA any FASTA and .fai bytes. It must not panic,
// must refuse with ErrBadIndex only; and on a FASTA it accepts every
// lookup within a contig must either return bases (A, C, G, T, N) or fail
// with ErrBadIndex, never read outside the file or panic. The same index
// over a reader that does not tell its size (no layout checks) must not
// panic either.
func FuzzFASTA(f *testing.F) {
	for _, p := range []string{"../../testdata/cohort/ref.fa", "testdata/bcftools-random/random.fa", "../evidence/testdata/bam/ref.fa"} {
		fa, err1 := os.ReadFile(p)
		fai, err2 := os.ReadFile(p + ".fai")
		if err1 == nil && err2 == nil && len(fa) < 1<<16 {
			f.Add(fa, fai)
		}
	}
	f.Add([]byte(">c\r\nACGTA\r\nCCGGT\r\n"), []byte("c\t10\t4\t5\t7\n"))
	f.Add([]byte(">c desc\nACGTA\nCC\n>d\nAC\n"), []byte("c\t7\t8\t5\t6\nd\t2\t20\t2\t3\n"))
	f.Fuzz(func(t *testing.T, fa, fai []byte) {
		for _, sized := range []bool{true, false} {
			var seq interface {
				ReadAt([]byte, int64) (int, error)
			} = bytes.NewReader(fa)
			if !sized {
				seq = onlyReaderAt{bytes.NewReader(fa)}
			}
			ref, err := NewFASTA(seq, bytes.NewReader(fai))
			if err != nil {
				if !errors.Is(err, ErrBadIndex) {
					t.Fatalf("sized=%v: error %v is not ErrBadIndex", sized, err)
				}
				continue
			}
			for _, name := range ref.Names() {
				n, _ := ref.Length(name)
				for _, r := range [][2]int{{1, min(n, 200)}, {max(1, n-50), n}, {n / 2, n/2 + 1}} {
					if r[0] < 1 || r[1] > n || r[1] < r[0]-1 {
						continue
					}
					b, err := ref.Bases(name, r[0], r[1])
					if err != nil {
						// Sized, the index was bounded by the file: only
						// non-sequence bytes fail. Unsized, a read may
						// also run off the end.
						if !errors.Is(err, ErrBadIndex) && (sized || !errors.Is(err, io.ErrUnexpectedEOF)) {
							t.Fatalf("sized=%v: Bases(%s, %d, %d): %v", sized, name, r[0], r[1], err)
						}
						continue
					}
					if len(b) != r[1]-r[0]+1 || bytes.IndexFunc(b, func(r rune) bool { return !strings.ContainsRune("ACGTN", r) }) >= 0 {
						t.Fatalf("Bases(%s, %d, %d) = %q", name, r[0], r[1], b)
					}
				}
			}
			// Normalising a variant at the start of each contig must not
			// panic whatever the index says.
			n := Normalizer{Ref: ref}
			for _, name := range ref.Names() {
				n.Normalize(concordance.Variant{Chrom: name, Pos: 1, Ref: "A", Alt: "AC"})
			}
		}
	})
}
