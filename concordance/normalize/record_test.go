package normalize

import (
	"errors"
	"slices"
	"testing"
)

func TestNormalizeRecord(t *testing.T) {
	n := &Normalizer{Ref: unitRef(t)}
	tests := []struct {
		name string
		in   Record
		want Record
	}{
		// TC>TTCC,TTC style: the joint record moves only as far as all ALTs
		// allow; here the deletion and the insertion of CAG move together.
		{"joint shift", Record{"chr1", 11, "GCAG", []string{"G", "GCAGCAG"}}, Record{"chr1", 5, "ACAG", []string{"A", "ACAGCAG"}}},
		{"an SNV pins the record", Record{"chr1", 19, "TT", []string{"T", "TA"}}, Record{"chr1", 19, "TT", []string{"T", "TA"}}},
		{"reference block keeps one base", Record{"1", 15, "TT", []string{"."}}, Record{"chr1", 15, "T", []string{"."}}},
		{"no ALT is a reference block", Record{"chr1", 15, "T", nil}, Record{"chr1", 15, "T", nil}},
		{"spanning deletion passes", Record{"chr1", 20, "T", []string{"TT", "*"}}, Record{"chr1", 20, "T", []string{"TT", "*"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := n.NormalizeRecord(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Chrom != tt.want.Chrom || got.Pos != tt.want.Pos || got.Ref != tt.want.Ref || !slices.Equal(got.Alts, tt.want.Alts) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	errs := []struct {
		name string
		in   Record
		want error
	}{
		{"ALT equals REF", Record{"chr1", 15, "T", []string{"C", "T"}}, ErrNotVariant},
		{"invalid ALT", Record{"chr1", 15, "T", []string{"C", "I"}}, ErrInvalidAllele},
		{"empty REF", Record{"chr1", 15, "", []string{"C"}}, ErrInvalidAllele},
		{"unknown contig", Record{"chr7", 15, "T", []string{"C"}}, ErrUnknownContig},
	}
	for _, tt := range errs {
		if _, err := n.NormalizeRecord(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
	}
	var mm *RefMismatchError
	if _, err := n.NormalizeRecord(Record{"chr1", 15, "A", []string{"C", "G"}}); !errors.As(err, &mm) {
		t.Errorf("REF mismatch: error %v", err)
	}
	if _, err := n.NormalizeRecord(Record{"chr1", 15, "A", []string{"."}}); !errors.As(err, &mm) {
		t.Errorf("reference block with a wrong REF: error %v", err)
	}
}

func TestSplit(t *testing.T) {
	got := Split(Record{"1", 10, "TG", []string{"TGG", "T", "<NON_REF>"}})
	want := []string{"1:10:TG:TGG", "1:10:TG:T", "1:10:TG:<NON_REF>"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i].String() != want[i] {
			t.Errorf("variant %d = %s, want %s", i, got[i], want[i])
		}
	}
	if got := Split(Record{"1", 10, "T", []string{"."}}); len(got) != 0 {
		t.Errorf("reference block split into %v", got)
	}
}
