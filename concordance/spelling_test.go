package concordance

import (
	"slices"
	"testing"

	"github.com/concord-oncology/concord/concordance/schema"
)

// The domain spells its enums as the output contract does: every value a
// table can hold is in schema's list, and every listed value has a domain
// value (a value added on one side only fails here).
func TestSpellingsAreSchemas(t *testing.T) {
	check := func(what string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s: domain spells %q, schema lists %q", what, got, want)
		}
	}
	var classes []string
	for _, c := range append(Classes(), ClassUnknown) {
		classes = append(classes, c.String())
	}
	check("classes", classes, schema.Classes)
	check("categories", []string{Shared.String(), TissueOnly.String(), PlasmaOnly.String(), NotCompared.String()}, schema.Categories)
	var statuses []string
	for s := Called; s <= SampleFailed; s++ {
		statuses = append(statuses, s.String())
	}
	check("statuses", statuses, schema.Statuses)
	var tiers []string
	for x := TierExact; x <= TierGene; x++ {
		tiers = append(tiers, x.String())
	}
	check("tiers", tiers, schema.Tiers)
	var flags []string
	for f := FlagGermlineCaller; f <= FlagScopeUnknown; f <<= 1 {
		flags = append(flags, f.String())
	}
	check("flags", flags, schema.Flags)
	check("sides", []string{Tissue.String(), Plasma.String(), WBC.String()}, schema.Sides)
	none := &PatientResult{TumorFraction: Missing, UninformativePlasma: true}
	check("tumour-fraction tiers", []string{none.TFTier(), TFTier(0.001), TFTier(0.05), TFTier(0.5), TFTier(Missing)}, schema.TFTierLevels)
}
