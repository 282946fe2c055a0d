package concordance

import "testing"

func TestObservationEvidenceFallback(t *testing.T) {
	call := &Call{VAF: 0.1, Depth: 200, AltReads: 20}
	for _, tc := range []struct {
		name           string
		obs            Observation
		depth, altRead int
	}{
		{"calls win over evidence", Observation{Calls: []*Call{call}, Evidence: Evidence{Source: EvidenceBAM, AltReads: 1, Depth: 50}}, 200, 20},
		{"no calls, evidence from a BAM", Observation{Evidence: Evidence{Source: EvidenceBAM, AltReads: 3, Depth: 812}}, 812, 3},
		{"no calls, gVCF without alt reads", Observation{Evidence: Evidence{Source: EvidenceGVCF, AltReads: -1, Depth: 95}}, 95, -1},
		{"nothing looked up", Observation{}, -1, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.obs.Depth(); got != tc.depth {
				t.Errorf("Depth() = %d, want %d", got, tc.depth)
			}
			if got := tc.obs.AltReads(); got != tc.altRead {
				t.Errorf("AltReads() = %d, want %d", got, tc.altRead)
			}
		})
	}
}

func TestFlagNames(t *testing.T) {
	if got := (FlagLowCoverage | FlagOffPanel | FlagFilteredOther).String(); got != "filtered_in_other,low_coverage,off_panel" {
		t.Errorf("flags = %q", got)
	}
}
