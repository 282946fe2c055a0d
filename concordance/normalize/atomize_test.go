package normalize

import (
	"errors"
	"slices"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

func TestAtomize(t *testing.T) {
	tests := []struct {
		name string
		in   concordance.Variant
		want []string
	}{
		{"MNV", v("1", 100, "CC", "GG"), []string{"1:100:C:G", "1:101:C:G"}},
		{"MNV with a shared base", v("1", 100, "CAT", "GAC"), []string{"1:100:C:G", "1:102:T:C"}},
		{"lower-case", v("1", 100, "cat", "gac"), []string{"1:100:C:G", "1:102:T:C"}},
		// bcftools _atomize_allele: SNV at the first base, then the matching
		// base before the extra ALT bases anchors an insertion.
		{"SNV and insertion", v("1", 100, "AC", "GCTT"), []string{"1:100:A:G", "1:101:C:CTT"}},
		{"deletion stays whole", v("1", 101, "GCGT", "G"), []string{"1:101:GCGT:G"}},
		{"SNV stays", v("1", 101, "G", "T"), []string{"1:101:G:T"}},
		{"suffix trimmed before the walk", v("1", 200, "AAA", "CAC"), []string{"1:200:A:C", "1:202:A:C"}},
		{"anchor-free is kept whole", v("1", 200, "GT", ""), []string{"1:200:GT:-"}},
		{"symbolic is kept whole", v("1", 200, "G", "<DEL>"), []string{"1:200:G:<DEL>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, a := range Atomize(tt.in) {
				got = append(got, a.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Atomize(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// atomize.split.1 record 11:101 GCGT>G,GCGA,GTGA,CCGT: its OLD_REC tags in
// atomize.split.1.1.out (bcftools 1.16) give each atom's source ALTs, and
// the "*" allele on every row marks the overlaps.
func TestAtomizeRecordSources(t *testing.T) {
	atoms, ok := AtomizeRecord(Record{"11", 101, "GCGT", []string{"G", "GCGA", "GTGA", "CCGT"}})
	if !ok {
		t.Fatal("not atomized")
	}
	want := []struct {
		v       string
		sources []int
	}{
		{"11:101:G:C", []int{4}},
		{"11:101:GCGT:G", []int{1}},
		{"11:102:C:T", []int{3}},
		{"11:104:T:A", []int{2, 3}},
	}
	if len(atoms) != len(want) {
		t.Fatalf("%d atoms, want %d", len(atoms), len(want))
	}
	for i, a := range atoms {
		if a.String() != want[i].v || !slices.Equal(a.Sources, want[i].sources) || !a.Overlapped {
			t.Errorf("atom %d = %s %v overlapped %v, want %s %v overlapped", i, a, a.Sources, a.Overlapped, want[i].v, want[i].sources)
		}
	}
	if _, ok := AtomizeRecord(Record{"1", 110, "C", []string{"T", "<*>"}}); ok {
		t.Error("record with a symbolic ALT atomized")
	}
	if _, ok := AtomizeRecord(Record{"1", 50, "A", []string{"."}}); ok {
		t.Error("reference block atomized")
	}
}

func TestNormalizeAtoms(t *testing.T) {
	n := &Normalizer{Ref: unitRef(t)}
	tests := []struct {
		name string
		in   concordance.Variant
		want []string
	}{
		// chr1:5-9 ACAGC: an MNV of its first and last bases (bcftools 1.16:
		// chr1:5 A>G and chr1:9 C>T).
		{"MNV to SNVs", v("1", 5, "ACAGC", "GCAGT"), []string{"chr1:5:A:G", "chr1:9:C:T"}},
		// bcftools 1.16 (norm -a --atom-overlaps . -f): GT>CTT at chr1:14
		// stays one complex atom G>CT, since greedy matching pairs the
		// mismatching first base with the extra ALT base.
		{"complex atom", v("chr1", 14, "GT", "CTT"), []string{"chr1:14:G:CT"}},
		{"plain indel", v("chr1", 19, "TT", "T"), []string{"chr1:14:GT:G"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := n.NormalizeAtoms(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var s []string
			for _, a := range got {
				s = append(s, a.String())
			}
			if !slices.Equal(s, tt.want) {
				t.Errorf("NormalizeAtoms(%v) = %v, want %v", tt.in, s, tt.want)
			}
		})
	}
	// Stricter than bcftools, which checks each atom: a REF that is wrong
	// anywhere makes the whole record an error.
	var mm *RefMismatchError
	if _, err := n.NormalizeAtoms(v("chr1", 5, "ACAGA", "GCAGT")); !errors.As(err, &mm) {
		t.Errorf("REF mismatch in the last base: error %v, want *RefMismatchError", err)
	}
}
