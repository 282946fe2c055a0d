package concordance

import (
	"strings"
	"testing"
)

func TestCallCheckText(t *testing.T) {
	c := NewCall(Tissue, Alteration{Class: SNV, Gene: "BRAF", Protein: "p.V600E", Variant: Variant{Chrom: "chr7", Pos: 1, Ref: "A", Alt: "T"}}, Source{})
	if err := c.CheckText(); err != nil {
		t.Fatal(err)
	}
	c.Protein = "p.V600E\tx"
	if err := c.CheckText(); err == nil || !strings.HasPrefix(err.Error(), "protein change: ") {
		t.Errorf("err = %v, want it to name the protein change", err)
	}
	c.Protein, c.Gene = "p.V600E", "BR\xc3"
	if err := c.CheckText(); err == nil || !strings.HasPrefix(err.Error(), "gene: ") {
		t.Errorf("err = %v, want it to name the gene", err)
	}
}
