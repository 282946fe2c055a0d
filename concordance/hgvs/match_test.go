package hgvs_test

import (
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/hgvs"
)

// TestMatchProteinTier plugs Equivalent into the matcher: calls at
// different positions (tissue from a VCF, plasma from a report) meet at the
// protein tier only when their changes are equivalent.
func TestMatchProteinTier(t *testing.T) {
	call := func(side concordance.Side, gene, p string, pos int) concordance.Call {
		v := concordance.Variant{Chrom: "17", Pos: pos, Ref: "A", Alt: "AGCATACGTGATG"}
		if pos == 0 {
			v = concordance.Variant{}
		}
		return concordance.NewCall(side, concordance.Alteration{Class: concordance.Indel, Gene: gene, Protein: p, Variant: v}, concordance.Source{})
	}
	tissue := []concordance.Call{call(concordance.Tissue, "ERBB2", "p.Y772_A775dup", 37880981), call(concordance.Tissue, "EGFR", "p.E746_A750del", 55242464)}
	plasma := []concordance.Call{call(concordance.Plasma, "ERBB2", "p.A775_G776insYVMA", 0), call(concordance.Plasma, "EGFR", "p.L747_T751del", 0)}
	opt := concordance.MatchOptions{MaxTier: concordance.TierProtein, ProteinEquivalent: hgvs.Equivalent}
	rows := concordance.Match(tissue, plasma, opt)
	got := concordance.CountRows(rows)
	if got != (concordance.Counts{Shared: 1, TissueOnly: 1, PlasmaOnly: 1}) {
		t.Fatalf("counts %+v, want ERBB2 shared and the two EGFR deletions apart", got)
	}
	for _, r := range rows {
		if r.Category == concordance.Shared && (r.Gene != "ERBB2" || r.Tier != concordance.TierProtein) {
			t.Errorf("shared row %s at tier %v", r.Label(), r.Tier)
		}
	}
	// Without the hook, string equality keeps the two ERBB2 notations apart.
	opt.ProteinEquivalent = nil
	if c := concordance.CountRows(concordance.Match(tissue, plasma, opt)); c.Shared != 0 {
		t.Errorf("string equality matched %d", c.Shared)
	}
}
