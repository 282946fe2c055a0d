package normalize

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/internal/mmapfile"
)

// benchGenome writes a 64 Mb random genome (four contigs, 60 bases a line,
// with a homopolymer and a CAG repeat every kilobase) and returns its path
// and the 1-based start of each repeat in contig "b1" (homopolymers of 12
// A's at k*1000+100, CAG x 8 at k*1000+500).
func benchGenome(b *testing.B) (path string) {
	b.Helper()
	dir := b.TempDir()
	path = filepath.Join(dir, "genome.fa")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var fai bytes.Buffer
	rng := rand.New(rand.NewPCG(1, 1))
	off := 0
	const contigLen, width = 16 << 20, 60
	line := make([]byte, 0, width+1)
	for c := 1; c <= 4; c++ {
		header := fmt.Sprintf(">b%d\n", c)
		w.WriteString(header)
		off += len(header)
		fmt.Fprintf(&fai, "b%d\t%d\t%d\t%d\t%d\n", c, contigLen, off, width, width+1)
		for p := 0; p < contigLen; {
			line = line[:0]
			for len(line) < width && p < contigLen {
				line = append(line, benchBase(rng, p))
				p++
			}
			line = append(line, '\n')
			w.Write(line)
			off += len(line)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	if err := os.WriteFile(path+".fai", fai.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchBase is the base at 0-based p: repeats at fixed offsets in each
// kilobase, random bases elsewhere (never A or C next to a repeat, so the
// repeats have sharp edges).
func benchBase(rng *rand.Rand, p int) byte {
	switch k := p % 1000; {
	case k >= 99 && k < 111: // 1-based 100..111: AAAAAAAAAAAA
		return 'A'
	case k == 98 || k == 111 || k == 498 || k == 523:
		return 'T'
	case k >= 499 && k < 523: // 1-based 500..523: CAG x 8
		return "CAG"[(k-499)%3]
	}
	return "ACGT"[rng.IntN(4)]
}

func benchFASTA(b *testing.B, path, backend string) *FASTA {
	b.Helper()
	idx, err := os.ReadFile(path + ".fai")
	if err != nil {
		b.Fatal(err)
	}
	var ra interface {
		ReadAt([]byte, int64) (int, error)
	}
	switch backend {
	case "mmap":
		m, err := mmapfile.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { m.Close() })
		ra = m
	case "file": // pread per lookup, as without a mapping
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { f.Close() })
		ra = f
	}
	fa, err := NewFASTA(ra, bytes.NewReader(idx))
	if err != nil {
		b.Fatal(err)
	}
	return fa
}

// BenchmarkNormalizeSNV normalises SNVs at random positions of the genome
// whose REF matches (the common case: one lookup, no allocation).
func BenchmarkNormalizeSNV(b *testing.B) {
	path := benchGenome(b)
	for _, backend := range []string{"mmap", "file"} {
		b.Run(backend, func(b *testing.B) {
			fa := benchFASTA(b, path, backend)
			n := &Normalizer{Ref: fa}
			rng := rand.New(rand.NewPCG(2, 2))
			vs := make([]concordance.Variant, 1<<16)
			for i := range vs {
				chrom := fmt.Sprintf("b%d", 1+rng.IntN(4))
				pos := 1 + rng.IntN(16<<20)
				ref, _ := fa.Bases(chrom, pos, pos)
				alt := "ACGT"[(strings.IndexByte("ACGT", ref[0])+1)%4]
				vs[i] = concordance.Variant{Chrom: chrom, Pos: pos, Ref: string(ref), Alt: string(alt)}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := n.Normalize(vs[i&(len(vs)-1)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNormalizeIndel normalises 1-base deletions: "aligned" ones
// already in canonical position (REF check, nothing to shift), and
// "shifting" ones written at the right end of a 12-base homopolymer or
// of a CAG x 8 repeat, which move 11 and 21 bases left.
func BenchmarkNormalizeIndel(b *testing.B) {
	path := benchGenome(b)
	for _, backend := range []string{"mmap", "file"} {
		fa := benchFASTA(b, path, backend)
		n := &Normalizer{Ref: fa}
		rng := rand.New(rand.NewPCG(3, 3))
		aligned := make([]concordance.Variant, 1<<14)
		shifting := make([]concordance.Variant, 1<<14)
		for i := range aligned {
			chrom := fmt.Sprintf("b%d", 1+rng.IntN(4))
			kb := rng.IntN(16<<10 - 1)
			// A deletion of the base after a random base outside the
			// repeats; canonical unless the two bases are equal.
			for {
				pos := kb*1000 + 200 + rng.IntN(250)
				ref, _ := fa.Bases(chrom, pos-1, pos+1)
				if ref[0] != ref[1] && ref[1] != ref[2] {
					aligned[i] = concordance.Variant{Chrom: chrom, Pos: pos, Ref: string(ref[1:]), Alt: string(ref[1:2])}
					break
				}
			}
			if i%2 == 0 { // AAAAAAAAAAAA at 100..111: delete the last A
				shifting[i] = concordance.Variant{Chrom: chrom, Pos: kb*1000 + 110, Ref: "AA", Alt: "A"}
			} else { // CAGx8 at 500..523: delete the last CAG
				shifting[i] = concordance.Variant{Chrom: chrom, Pos: kb*1000 + 520, Ref: "GCAG", Alt: "G"}
			}
		}
		for _, set := range []struct {
			name string
			vs   []concordance.Variant
		}{{"aligned", aligned}, {"shifting", shifting}} {
			b.Run(backend+"/"+set.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					w, err := n.Normalize(set.vs[i&(len(set.vs)-1)])
					if err != nil {
						b.Fatal(err)
					}
					if set.name == "shifting" && w.Pos == set.vs[i&(len(set.vs)-1)].Pos {
						b.Fatalf("%v did not shift", w)
					}
				}
			})
		}
	}
}
