package normalize

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// unitRef is a small reference with a homopolymer, a CAG repeat, an N run
// and an IUPAC code (R at chr1:30); chr2 starts with a run of A:
//
//	chr1  G AAAA CAGCAGCAG TTTTTT GAC NNNN ACRTG   (32 bases)
//	chr2  AAAAACGT                                  (8 bases)
func unitRef(t testing.TB) *FASTA {
	return memFASTA(t, 10,
		[2]string{"chr1", "GAAAACAGCAGCAGTTTTTTGACNNNNACRTG"},
		[2]string{"chr2", "AAAAACGT"},
		[2]string{"MT", "ACGTACGTAC"})
}

func v(chrom string, pos int, ref, alt string) concordance.Variant {
	return concordance.Variant{Chrom: chrom, Pos: pos, Ref: ref, Alt: alt}
}

func TestNormalize(t *testing.T) {
	n := &Normalizer{Ref: unitRef(t)}
	// Expected values of anchored variants are bcftools 1.16's
	// (bcftools norm -f on the same reference, -c w), except where a
	// comment says otherwise.
	tests := []struct {
		name string
		in   concordance.Variant
		want concordance.Variant
	}{
		{"SNV", v("chr1", 15, "T", "C"), v("chr1", 15, "T", "C")},
		{"SNV lower-case", v("chr1", 15, "t", "c"), v("chr1", 15, "T", "C")},
		{"SNV, contig renamed", v("1", 15, "T", "C"), v("chr1", 15, "T", "C")},
		{"chrM renamed to MT", v("chrM", 2, "C", "T"), v("MT", 2, "C", "T")},
		{"MNV trimmed to an SNV", v("chr1", 6, "CAG", "CAT"), v("chr1", 8, "G", "T")},
		{"deletion of a repeat unit shifts left", v("chr1", 11, "GCAG", "G"), v("chr1", 5, "ACAG", "A")},
		{"insertion of a repeat unit shifts left", v("chr1", 14, "G", "GCAG"), v("chr1", 5, "A", "ACAG")},
		{"deletion in a homopolymer", v("chr1", 19, "TT", "T"), v("chr1", 14, "GT", "G")},
		{"shared suffix trimmed, then shifted", v("chr1", 19, "TTG", "TG"), v("chr1", 14, "GT", "G")},
		{"insertion in a homopolymer", v("chr1", 20, "T", "TT"), v("chr1", 14, "G", "GT")},
		{"complex change kept", v("chr1", 21, "GAC", "TT"), v("chr1", 21, "GAC", "TT")},
		{"REF N over reference N", v("chr1", 24, "N", "A"), v("chr1", 24, "N", "A")},
		{"REF N over IUPAC R", v("chr1", 30, "N", "A"), v("chr1", 30, "N", "A")},
		{"deletion to the contig start (telomere)", v("chr2", 4, "AA", "A"), v("chr2", 1, "AA", "A")},
		{"insertion to the contig start", v("chr2", 5, "A", "AA"), v("chr2", 1, "A", "AA")},
		{"insertion at the contig start", v("chr2", 1, "A", "CA"), v("chr2", 1, "A", "CA")},
		{"insertion after the last base", v("chr2", 8, "T", "TT"), v("chr2", 7, "G", "GT")},
		// Anchor-free (MAF) forms of the same events: the anchor comes from
		// the reference, then the variant is left-aligned like the VCF form
		// (the VCF forms' bcftools results above).
		{"MAF deletion", v("chr1", 20, "T", ""), v("chr1", 14, "GT", "G")},
		{"MAF deletion with -", v("chr1", 20, "T", "-"), v("chr1", 14, "GT", "G")},
		{"MAF insertion", v("chr1", 21, "", "T"), v("chr1", 14, "G", "GT")},
		{"MAF insertion with -", v("chr1", 15, "-", "CAG"), v("chr1", 5, "A", "ACAG")},
		{"MAF deletion of the first base", v("chr2", 1, "A", ""), v("chr2", 1, "AA", "A")},
		{"MAF insertion before the first base", v("chr2", 1, "", "C"), v("chr2", 1, "A", "CA")},
		{"MAF insertion after the last base", v("chr2", 9, "", "T"), v("chr2", 7, "G", "GT")},
		// Symbolic alleles pass unchanged; a structural allele's REF is not
		// checked (DRAGEN writes N).
		{"symbolic <DEL>", v("1", 15, "N", "<DEL>"), v("chr1", 15, "N", "<DEL>")},
		{"spanning deletion *", v("1", 15, "T", "*"), v("chr1", 15, "T", "*")},
		{"breakend", v("1", 15, "T", "T[chr2:3["), v("chr1", 15, "T", "T[chr2:3[")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := n.Normalize(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Normalize(%v) = %v, want %v", tt.in, got, tt.want)
			}
			if isSymbolic(got.Alt) {
				return
			}
			again, err := n.Normalize(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: Normalize(%v) = %v, %v", got, again, err)
			}
		})
	}
}

func TestNormalizeErrors(t *testing.T) {
	n := &Normalizer{Ref: unitRef(t)}
	tests := []struct {
		name     string
		in       concordance.Variant
		want     error
		mismatch *RefMismatchError
	}{
		{"SNV REF mismatch", v("chr1", 15, "A", "C"), nil, &RefMismatchError{Chrom: "chr1", Pos: 15, Ref: "A", Reference: "T"}},
		{"mismatch reports the reference's name", v("1", 15, "A", "C"), nil, &RefMismatchError{Chrom: "chr1", Pos: 15, Ref: "A", Reference: "T"}},
		{"indel REF mismatch", v("chr1", 19, "TA", "T"), nil, &RefMismatchError{Chrom: "chr1", Pos: 19, Ref: "TA", Reference: "TT"}},
		// bcftools 1.16: REF_MISMATCH chr1 24 A N (a base over a reference N).
		{"REF base over reference N", v("chr1", 24, "A", "G"), nil, &RefMismatchError{Chrom: "chr1", Pos: 24, Ref: "A", Reference: "N"}},
		// bcftools 1.16: REF_MISMATCH chr1 31 TGA TG (REF past the end).
		{"REF past the contig end", v("chr1", 31, "TGA", "T"), nil, &RefMismatchError{Chrom: "chr1", Pos: 31, Ref: "TGA", Reference: "TG"}},
		{"MAF deletion mismatch", v("chr1", 20, "A", ""), nil, &RefMismatchError{Chrom: "chr1", Pos: 20, Ref: "A", Reference: "T"}},
		{"spanning deletion with a wrong REF", v("chr1", 15, "A", "*"), nil, &RefMismatchError{Chrom: "chr1", Pos: 15, Ref: "A", Reference: "T"}},
		// bcftools 1.16: NON_ACGTN_REF chr1 30 R.
		{"IUPAC code in REF", v("chr1", 30, "R", "A"), ErrInvalidAllele, nil},
		{"invalid ALT", v("chr1", 15, "T", "I"), ErrInvalidAllele, nil},
		{"REF equals ALT", v("chr1", 15, "T", "t"), ErrNotVariant, nil},
		{"both alleles empty", v("chr1", 15, "", "-"), ErrNotVariant, nil},
		{"reference block", v("chr1", 15, "T", "."), ErrNotVariant, nil},
		{"unknown contig", v("chr9", 15, "T", "C"), ErrUnknownContig, nil},
		{"unknown contig, symbolic", v("chr9", 15, "T", "<DEL>"), ErrUnknownContig, nil},
		{"position 0", v("chr1", 0, "T", "C"), ErrOutOfRange, nil},
		{"beyond the contig", v("chr1", 33, "A", "C"), ErrOutOfRange, nil},
		{"indel beyond the contig", v("chr1", 40, "AC", "A"), ErrOutOfRange, nil},
		{"MAF insertion beyond the contig", v("chr2", 10, "", "T"), ErrOutOfRange, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := n.Normalize(tt.in)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "normalize: ") {
				t.Errorf("error %q lacks the normalize: prefix", err)
			}
			if tt.mismatch != nil {
				var mm *RefMismatchError
				if !errors.As(err, &mm) {
					t.Fatalf("error %v, want a *RefMismatchError", err)
				}
				if *mm != *tt.mismatch {
					t.Errorf("got %+v, want %+v", *mm, *tt.mismatch)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestTrimOnly(t *testing.T) {
	n := &Normalizer{}
	tests := []struct {
		name     string
		in, want concordance.Variant
	}{
		{"contig kept, no REF check", v("1", 15, "A", "C"), v("1", 15, "A", "C")},
		{"shared suffix", v("1", 19, "TTG", "TG"), v("1", 19, "TT", "T")},
		{"MNV to SNV", v("1", 6, "cag", "cat"), v("1", 8, "G", "T")},
		{"anchor kept", v("1", 14, "G", "GT"), v("1", 14, "G", "GT")},
		{"right anchor is not moved", v("1", 14, "GT", "T"), v("1", 14, "GT", "T")},
		{"prefix and suffix", v("1", 5, "ACAGT", "ACTGT"), v("1", 7, "A", "T")},
		{"anchor-free stays anchor-free", v("1", 20, "T", "-"), v("1", 20, "T", "")},
		{"anchor-free insertion", v("1", 21, "", "TT"), v("1", 21, "", "TT")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := n.Normalize(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Normalize(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	if _, err := n.Normalize(v("1", 5, "T", "T")); !errors.Is(err, ErrNotVariant) {
		t.Errorf("REF = ALT without a reference: error %v, want ErrNotVariant", err)
	}
}

// seqRef is a concordance.Reference that is not a FASTA.
type seqRef map[string]string

func (s seqRef) Bases(chrom string, start, end int) ([]byte, error) {
	seq, ok := s[chrom]
	if !ok || start < 1 || end > len(seq) {
		return nil, errors.New("out of range")
	}
	return []byte(seq[start-1 : end]), nil
}

func TestLeftAlign(t *testing.T) {
	seq := "GAAAACAGCAGCAGTTTTTTGACNNNNACRTG"
	ref := seqRef{"chr1": seq}
	fa := unitRef(t)
	for _, in := range []concordance.Variant{
		v("chr1", 11, "GCAG", "G"), v("chr1", 20, "T", "TT"), v("chr1", 20, "T", ""), v("chr1", 6, "CAG", "CAT"),
		v("chr1", 15, "A", "C"), // no REF check here
	} {
		a, errA := LeftAlign(ref, in)
		b, errB := LeftAlign(fa, in)
		if errA != nil || errB != nil || a != b {
			t.Errorf("LeftAlign(%v): Reference %v, %v; FASTA %v, %v", in, a, errA, b, errB)
		}
	}
	// The shift through the T run fetches padding from the Reference.
	if got, err := LeftAlign(ref, v("chr1", 15, "TT", "T")); err != nil || got != v("chr1", 14, "GT", "G") {
		t.Errorf("LeftAlign through the generic Reference = %v, %v; want chr1:14:GT:G", got, err)
	}
	if _, err := LeftAlign(fa, v("chrZ", 1, "A", "C")); !errors.Is(err, ErrUnknownContig) {
		t.Errorf("unknown contig: error %v", err)
	}
}

// naiveNormalize is bcftools' algorithm written the slowest way: the
// whole contig in a string, one padding base at a time.
func naiveNormalize(seq string, pos int, ref, alt string) (int, string, string) {
	for {
		if len(ref) == 0 || len(alt) == 0 {
			if pos == 1 {
				break
			}
			pos--
			ref, alt = seq[pos-1:pos]+ref, seq[pos-1:pos]+alt
			continue
		}
		if ref[len(ref)-1] != alt[len(alt)-1] || min(len(ref), len(alt)) <= 1 && pos == 1 {
			break
		}
		ref, alt = ref[:len(ref)-1], alt[:len(alt)-1]
	}
	for min(len(ref), len(alt)) > 1 && ref[0] == alt[0] {
		ref, alt, pos = ref[1:], alt[1:], pos+1
	}
	return pos, ref, alt
}

// TestAgainstNaive compares Normalize with naiveNormalize on indels in
// long repeats (hundreds of bases, so the padding is extended and its
// buffer grown several times), at several FASTA line widths.
func TestAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 2202))
	var b strings.Builder
	b.WriteString("AC")
	b.WriteString(strings.Repeat("A", 700))
	b.WriteString("G")
	b.WriteString(strings.Repeat("CAG", 300))
	b.WriteString("T")
	b.WriteString(strings.Repeat("GATTACA", 80))
	for b.Len() < 3000 {
		b.WriteByte("ACGT"[rng.IntN(4)])
	}
	seq := b.String()
	for _, width := range []int{60, 13, 1000} {
		n := &Normalizer{Ref: memFASTA(t, width, [2]string{"r", seq})}
		for i := 0; i < 3000; i++ {
			p := 2 + rng.IntN(len(seq)-20)
			k := 1 + rng.IntN(10)
			ref := seq[p-1 : p-1+k]
			var alt string
			switch rng.IntN(3) {
			case 0: // deletion after the first base
				alt = ref[:1]
				if k == 1 {
					alt = ref + seq[p:p+1+rng.IntN(3)]
				}
			case 1: // tandem duplication
				alt = ref + seq[p-1+k:p-1+k+1+rng.IntN(6)]
			default: // anchor-free deletion
				alt = ""
			}
			if ref == alt {
				continue
			}
			got, err := n.Normalize(v("r", p, ref, alt))
			if err != nil {
				t.Fatalf("%v: %v", v("r", p, ref, alt), err)
			}
			wp, wr, wa := naiveNormalize(seq, p, ref, alt)
			if got != v("r", wp, wr, wa) {
				t.Fatalf("width %d: Normalize(%v) = %v, naive %v", width, v("r", p, ref, alt), got, v("r", wp, wr, wa))
			}
		}
	}
}

// All ways of writing one deletion in a repeat normalise to the same
// variant, and so to one match key.
func TestEquivalentRepresentations(t *testing.T) {
	n := &Normalizer{Ref: unitRef(t)}
	want := v("chr1", 5, "ACAG", "A")
	// Deleting any CAG (or AGC, GCA) of chr1:6-14 CAGCAGCAG.
	for p := 5; p <= 11; p++ {
		seq := "GAAAACAGCAGCAGTTTTTTGACNNNNACRTG"
		in := v("chr1", p, seq[p-1:p+3], seq[p-1:p])
		got, err := n.Normalize(in)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Normalize(%v) = %v, want %v", in, got, want)
		}
		maf := v("chr1", p+1, seq[p:p+3], "")
		if got, _ := n.Normalize(maf); got.MatchKey() != want.MatchKey() {
			t.Errorf("MAF form %v: key %s, want %s", maf, got.MatchKey(), want.MatchKey())
		}
	}
}
