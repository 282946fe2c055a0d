package evidence

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

func openTestBAM(t testing.TB, filter ReadFilter) *BAM {
	t.Helper()
	f, err := os.Open("testdata/bam/reads.bam")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	idx, err := os.Open("testdata/bam/reads.bam.bai")
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	b, err := OpenBAM(f, idx, filter)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// TestBAMCountsEqualMpileup checks concord's counts against samtools
// mpileup 1.16.1 on the same sites with the same cut-offs (-A -B, and -Q 20
// -q 20 or -Q 1 -q 0): testdata/bam/expected.tsv and expected_q1.tsv,
// derived from mpileup.txt and mpileup_q1.txt by expected.py (make.sh makes
// them all). The site chr1:300 has overlapping pairs whose mates disagree
// with equal qualities: the counts hold only if the mate htslib keeps
// (by a hash of the read name) is the one concord keeps.
func TestBAMCountsEqualMpileup(t *testing.T) {
	for _, tc := range []struct {
		file   string
		filter ReadFilter
	}{
		{"expected.tsv", ReadFilter{MinBaseQuality: 20, MinMappingQuality: 20}},
		{"expected_q1.tsv", ReadFilter{MinBaseQuality: 1}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b := openTestBAM(t, tc.filter)
			f, err := os.Open("testdata/bam/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Scan() // header
			n := 0
			for sc.Scan() {
				c := strings.Split(sc.Text(), "\t")
				pos, _ := strconv.Atoi(c[1])
				wantAlt, _ := strconv.Atoi(c[4])
				wantDepth, _ := strconv.Atoi(c[5])
				v := concordance.Variant{Chrom: c[0], Pos: pos, Ref: c[2], Alt: c[3]}
				got, err := b.Count(v)
				if err != nil {
					t.Fatal(err)
				}
				if got.Alt != wantAlt || got.Depth != wantDepth {
					t.Errorf("%s: alt %d depth %d, want %d / %d (%s)", v, got.Alt, got.Depth, wantAlt, wantDepth, c[6])
				}
				n++
			}
			if n != 6 {
				t.Fatalf("%d sites in %s, want 6", n, tc.file)
			}
		})
	}
}

// The SNV at chr1:300 against bcftools 1.16 mpileup -a AD,DP with the same
// cut-offs (testdata/bam/bcftools.txt: AD 34,10,0 and DP 44).
func TestBAMCountsEqualBcftoolsAD(t *testing.T) {
	b := openTestBAM(t, ReadFilter{MinBaseQuality: 20, MinMappingQuality: 20})
	got, err := b.Count(concordance.Variant{Chrom: "chr1", Pos: 300, Ref: "C", Alt: "T"})
	if err != nil || got != (Counts{Alt: 10, Depth: 44}) {
		t.Errorf("got %+v, %v; bcftools AD=34,10 DP=44", got, err)
	}
}

func TestBAMContigs(t *testing.T) {
	b := openTestBAM(t, ReadFilter{MinBaseQuality: 20, MinMappingQuality: 20})
	// "1" and "chr1" are one contig (concordance.ContigKey).
	if got, err := b.Count(concordance.Variant{Chrom: "1", Pos: 300, Ref: "C", Alt: "T"}); err != nil || got != (Counts{Alt: 10, Depth: 44}) {
		t.Errorf("contig without chr: %+v, %v", got, err)
	}
	if _, err := b.Count(concordance.Variant{Chrom: "chr9", Pos: 1, Ref: "A", Alt: "C"}); !errors.Is(err, ErrNoContig) {
		t.Errorf("contig absent from the BAM: err = %v", err)
	}
	// chr2 is in the header but has no reads; past the last read of chr1 neither.
	for _, v := range []concordance.Variant{{Chrom: "chr2", Pos: 50, Ref: "A", Alt: "C"}, {Chrom: "chr1", Pos: 1190, Ref: "A", Alt: "C"}} {
		if got, err := b.Count(v); err != nil || got != (Counts{}) {
			t.Errorf("%s: %+v, %v", v, got, err)
		}
	}
}

// A BAM's index is found as samtools writes it (reads.bam.bai), else as
// Picard does (reads.bai); neither is an input error naming the BAM.
func TestOpenIndex(t *testing.T) {
	for _, tc := range []struct {
		bam, have, want string
	}{
		{"d/reads.bam", "d/reads.bam.bai", "d/reads.bam.bai"},
		{"d/reads.bam", "d/reads.bai", "d/reads.bai"},
		{"d/reads.bam", "", ""},
	} {
		open := func(p string) (string, error) {
			if p == tc.have {
				return p, nil
			}
			return "", os.ErrNotExist
		}
		got, _, err := OpenIndex(tc.bam, open)
		if got != tc.want || (err == nil) != (tc.want != "") {
			t.Errorf("%s with %q: %q, %v; want %q", tc.bam, tc.have, got, err, tc.want)
		}
		if err != nil && (!concordance.IsInputError(err) || !strings.Contains(err.Error(), tc.bam)) {
			t.Errorf("error %v: want an input error naming %s", err, tc.bam)
		}
	}
}

// A corrupt .bai (a flipped count, a cut) is an error wrapping ErrBadIndex,
// never a panic or an allocation of what the count says: biogo trusts the
// counts (makeslice: len out of range, or out of memory, in a worker: issue
// 14's audit of errors reaching the command line). Offsets are those of
// testdata/bam/reads.bam.bai (SAM spec §5.2): n_ref at 4, the first
// reference's n_bin at 8, its first bin's n_chunk at 16.
func TestOpenBAMCorruptIndex(t *testing.T) {
	good, err := os.ReadFile("testdata/bam/reads.bam.bai")
	if err != nil {
		t.Fatal(err)
	}
	bamBytes, err := os.ReadFile("testdata/bam/reads.bam")
	if err != nil {
		t.Fatal(err)
	}
	set := func(off int, v uint32) []byte {
		b := bytes.Clone(good)
		binary.LittleEndian.PutUint32(b[off:], v)
		return b
	}
	for _, tc := range []struct {
		name string
		bai  []byte
	}{
		{"n_ref 2^31-1", set(4, 0x7fffffff)},
		{"n_bin 2^31-1", set(8, 0x7fffffff)},
		{"n_chunk negative", set(16, 0xffffffff)},
		{"n_chunk 2^28", set(16, 1<<28)},
		{"cut inside a chunk", good[:30]},
		{"cut inside n_no_coor", good[:len(good)-3]},
		{"not an index", []byte("BAM\x01 or anything else")},
		{"empty", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := OpenBAM(bytes.NewReader(bamBytes), bytes.NewReader(tc.bai), ReadFilter{})
			if !errors.Is(err, ErrBadIndex) {
				t.Errorf("error %v, want ErrBadIndex", err)
			}
		})
	}
	// The valid index, with and without its optional n_no_coor.
	for _, bai := range [][]byte{good, good[:len(good)-8]} {
		b, err := OpenBAM(bytes.NewReader(bamBytes), bytes.NewReader(bai), ReadFilter{})
		if err != nil {
			t.Fatalf("%d-byte index: %v", len(bai), err)
		}
		b.Close()
	}
}
