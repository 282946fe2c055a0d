package evidence

import (
	"testing"

	"github.com/biogo/hts/sam"

	"github.com/concord-oncology/concord/concordance"
)

// rec builds a read on a 20-base reference "ACGTACGTACGTACGTACGT"
// (1-based positions) from its start, CIGAR and sequence.
func rec(t *testing.T, pos int, cigar []sam.CigarOp, seq string) *sam.Record {
	t.Helper()
	ref, err := sam.NewReference("chr1", "", "", 20, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sam.NewHeader(nil, []*sam.Reference{ref}); err != nil {
		t.Fatal(err)
	}
	q := make([]byte, len(seq))
	for i := range q {
		q[i] = 30
	}
	r, err := sam.NewRecord("r", ref, nil, pos-1, -1, 0, 60, cigar, []byte(seq), q, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func op(t sam.CigarOpType, n int) sam.CigarOp { return sam.NewCigarOp(t, n) }

// Reads the mpileup comparison cannot check: an MNV with an indel inside
// its span, and deletion–insertions without an anchor base, judged by the
// read's bases between the aligned flanking bases.
func TestObserveWindowAndMNV(t *testing.T) {
	// Reference 1-based: A1 C2 G3 T4 A5 C6 G7 T8 A9 C10 G11 T12 ...
	delins := concordance.Variant{Chrom: "chr1", Pos: 5, Ref: "ACG", Alt: "TT"} // 5-7 ACG -> TT
	mnv := concordance.Variant{Chrom: "chr1", Pos: 5, Ref: "AC", Alt: "TT"}
	for _, tc := range []struct {
		name    string
		v       concordance.Variant
		r       *sam.Record
		ok, alt bool
	}{
		{"delins spelled 1X1X1D", delins, rec(t, 1, []sam.CigarOp{op(sam.CigarMatch, 6), op(sam.CigarDeletion, 1), op(sam.CigarMatch, 6)}, "ACGTTTTACGTA"), true, true},
		{"delins spelled 1D2X", delins, rec(t, 1, []sam.CigarOp{op(sam.CigarMatch, 4), op(sam.CigarDeletion, 1), op(sam.CigarMatch, 8)}, "ACGTTTTACGTA"), true, true},
		{"reference read", delins, rec(t, 1, []sam.CigarOp{op(sam.CigarMatch, 12)}, "ACGTACGTACGT"), true, false},
		{"read ending inside the window", delins, rec(t, 1, []sam.CigarOp{op(sam.CigarMatch, 6)}, "ACGTTT"), false, false},
		{"MNV on one read", mnv, rec(t, 1, []sam.CigarOp{op(sam.CigarMatch, 10)}, "ACGTTTGTAC"), true, true},
		{"MNV bases with an insertion between", mnv, rec(t, 1, []sam.CigarOp{op(sam.CigarMatch, 5), op(sam.CigarInsertion, 1), op(sam.CigarMatch, 5)}, "ACGTTGTGTAC"), true, false},
		{"MNV half covered", mnv, rec(t, 1, []sam.CigarOp{op(sam.CigarMatch, 5)}, "ACGTT"), false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := newQuery(tc.v)
			o, ok := q.observe(tc.r)
			if ok != tc.ok || ok && o.alt != tc.alt {
				t.Errorf("informative %v alt %v, want %v %v", ok, o.alt, tc.ok, tc.alt)
			}
		})
	}
}
