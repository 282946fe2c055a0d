package concordance

import "testing"

// The protein tier matches equivalent HGVS changes (hgvs.Equivalent, the
// matcher's own rule): calls at different positions (tissue from a VCF,
// plasma from a report) meet at the protein tier only when their changes
// are equivalent.
func TestMatchProteinTierEquivalent(t *testing.T) {
	call := func(side Side, gene, p string, pos int) Call {
		v := Variant{Chrom: "17", Pos: pos, Ref: "A", Alt: "AGCATACGTGATG"}
		if pos == 0 {
			v = Variant{}
		}
		return NewCall(side, Alteration{Class: Indel, Gene: gene, Protein: p, Variant: v}, Source{})
	}
	tissue := []Call{call(Tissue, "ERBB2", "p.Y772_A775dup", 37880981), call(Tissue, "EGFR", "p.E746_A750del", 55242464)}
	plasma := []Call{call(Plasma, "ERBB2", "p.A775_G776insYVMA", 0), call(Plasma, "EGFR", "p.L747_T751del", 0)}
	rows := Match(tissue, plasma, MatchOptions{MaxTier: TierProtein})
	if got := CountRows(rows); got != (Counts{Shared: 1, TissueOnly: 1, PlasmaOnly: 1}) {
		t.Fatalf("counts %+v, want ERBB2 shared and the two EGFR deletions apart", got)
	}
	for _, r := range rows {
		if r.Category == Shared && (r.Gene != "ERBB2" || r.Tier != TierProtein) {
			t.Errorf("shared row %s at tier %v", r.Label(), r.Tier)
		}
	}
}
