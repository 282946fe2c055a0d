package simulate

import (
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

func TestExonEnds(t *testing.T) {
	tests := []struct {
		name    string
		n, k    int
		first   int
		anch    []anchor
		wantErr bool
	}{
		{"even split", 300, 3, 1, nil, false},
		// Codon 50 (c.148-150) must sit in exon 3 of exons 2..4.
		{"anchored", 300, 3, 2, []anchor{{50, 50, 3}}, false},
		{"two anchors", 3000, 10, 1, []anchor{{100, 105, 2}, {900, 900, 9}}, false},
		{"anchor outside", 300, 3, 1, []anchor{{50, 50, 7}}, true},
		{"no room", 30, 5, 1, []anchor{{2, 2, 5}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := exonEnds(tt.n, tt.k, tt.first, tt.anch)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err != nil {
				return
			}
			if len(got) != tt.k || got[tt.k-1] != tt.n {
				t.Fatalf("ends %v: want %d exons ending at %d", got, tt.k, tt.n)
			}
			for i := 1; i < len(got); i++ {
				if got[i] <= got[i-1] {
					t.Fatalf("ends %v: exon %d empty", got, tt.first+i)
				}
			}
			if tt.anch == nil {
				for i := range got {
					start := 0
					if i > 0 {
						start = got[i-1]
					}
					if l := got[i] - start; 10*l < 8*tt.n/tt.k || 10*l > 12*tt.n/tt.k {
						t.Errorf("ends %v: exon length %d far from %d", got, l, tt.n/tt.k)
					}
				}
			}
			for _, a := range tt.anch {
				j := a.exon - tt.first
				lo := 1
				if j > 0 {
					lo = got[j-1] + 1
				}
				if 3*a.from-2 < lo || 3*a.to > got[j] {
					t.Errorf("codons %d-%d not inside exon %d (%d-%d)", a.from, a.to, a.exon, lo, got[j])
				}
			}
		})
	}
}

// Every representation the writers use normalises back to the canonical
// allele, as bcftools norm would.
func TestRepresentationsNormalise(t *testing.T) {
	gn := testGenome(t)
	tests := []struct {
		gene string
		edit cdsEdit
	}{
		{"ASXL1", cdsEdit{1928, 0, "G"}}, // dup in a G8 tract
		{"RNF43", cdsEdit{1971, 1, ""}},  // del in a G7 tract
		{"KIT", cdsEdit{1669, 6, ""}},    // exon 11 deletion that shifts by two
		{"EGFR", cdsEdit{2235, 15, ""}},  // exon 19 deletion that does not shift
		{"BRAF", cdsEdit{1798, 2, "AA"}}, // MNV
		{"KRAS", cdsEdit{35, 1, "A"}},    // SNV
	}
	for _, tt := range tests {
		t.Run(tt.gene, func(t *testing.T) {
			g := gn.Gene(tt.gene)
			v := gn.normalize(g.vcfVariant(tt.edit))
			for _, w := range []concordance.Variant{gn.rightShift(v), gn.padRight(v, 1), gn.padRight(v, 3)} {
				if got := gn.normalize(w); got != v {
					t.Errorf("%v normalises to %v, want %v", w, got, v)
				}
				ref, err := gn.Bases(w.Chrom, w.Pos, w.End())
				if err != nil || string(ref) != w.Ref {
					t.Errorf("%v: REF does not match the genome (%s)", w, ref)
				}
			}
			if tt.gene == "ASXL1" || tt.gene == "RNF43" || tt.gene == "KIT" {
				if gn.rightShift(v) == v {
					t.Errorf("%v should move right in its repeat", v)
				}
			}
		})
	}
}

func TestOneLetter(t *testing.T) {
	for in, want := range map[string]string{
		"p.Val600Glu":            "p.V600E",
		"p.Gly646TrpfsTer12":     "p.G646Wfs*12",
		"p.Arg213Ter":            "p.R213*",
		"p.Glu746_Ala750del":     "p.E746_A750del",
		"p.Leu123=":              "p.L123=",
		"p.Lys10_Leu11insGlyVal": "p.K10_L11insGV",
	} {
		if got := oneLetter(in); got != want {
			t.Errorf("oneLetter(%s) = %s, want %s", in, got, want)
		}
	}
}
