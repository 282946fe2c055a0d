package concordance

import "testing"

func TestKeyWithoutPosition(t *testing.T) {
	a := Alteration{Class: SNV, Gene: "BRAF", Protein: "p.V600E"}
	b := Alteration{Class: SNV, Gene: "KRAS", Protein: "p.G12C"}
	if a.Key() == b.Key() {
		t.Fatalf("position-less calls of different genes share the key %q", a.Key())
	}
	if got := a.Key(); got != "protein:BRAF:p.V600E" {
		t.Errorf("key %q", got)
	}
	v := Alteration{Class: SNV, Gene: "BRAF", Protein: "p.V600E", Variant: Variant{Chrom: "7", Pos: 140453136, Ref: "A", Alt: "T"}}
	if got := v.Key(); got != "7:140453136:A:T" {
		t.Errorf("positioned key %q", got)
	}
}
