package concordance

import "testing"

// The spellings of one contig that UCSC (chr1, chrM), Ensembl/GRCh (1, MT)
// and hand-made files (CHR1, chrMT) use fold to one key.
func TestContigKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"chr1", "1"}, {"1", "1"}, {"CHR1", "1"}, {"Chr1", "1"},
		{"chrX", "X"}, {"x", "X"}, {"chrM", "MT"}, {"chrMT", "MT"}, {"MT", "MT"}, {"M", "MT"}, {"mt", "MT"},
		{"chr", "CHR"}, {"chrUn_gl000220", "UN_GL000220"}, {"GL000220.1", "GL000220.1"},
	}
	for _, tt := range tests {
		if got := ContigKey(tt.in); got != tt.want {
			t.Errorf("ContigKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContigLess(t *testing.T) {
	// natural order; the same contig spelt two ways compares by name
	order := []string{"1", "chr2", "CHR10", "22", "chrX", "Y", "MT", "chrM", "GL000220.1", "chrUn_gl000220"}
	for i := range order {
		for j := range order {
			if got, want := ContigLess(order[i], order[j]), i < j; got != want {
				t.Errorf("ContigLess(%q, %q) = %v, want %v", order[i], order[j], got, want)
			}
		}
	}
	for _, c := range []string{"chr1", "1", "CHR22", "chrX", "y", "chrM", "MT", "chrMT"} {
		if !IsChromosome(c) {
			t.Errorf("IsChromosome(%q) = false", c)
		}
	}
	for _, c := range []string{"chrUn_gl000220", "GL000220.1", "chr", "EGFR", "chr0"} {
		if IsChromosome(c) {
			t.Errorf("IsChromosome(%q) = true", c)
		}
	}
}
