package concordance

import (
	"strings"

	"github.com/concord-oncology/concord/concordance/schema"
)

// Flags are per-call or per-alteration annotations. They never change a
// category by themselves; exclusions are explicit options.
type Flags uint32

const (
	FlagGermlineCaller Flags = 1 << iota // the caller marked the call germline (e.g. DRAGEN GermlineStatus=Germline_DB)
	FlagCHCaller                         // the caller marked the call as putative clonal haematopoiesis (Somatic_Putative_CH)
	FlagCHCandidate                      // concord's CH rules flag the call
	FlagCHEvidence                       // present in a matched white-blood-cell sample
	FlagGermlineLikely                   // VAF pattern or population frequency suggests germline
	FlagHotspot                          // the caller marked a hotspot
	FlagFilteredOther                    // the other side has a non-PASS call of the same allele
	FlagLowCoverage                      // the side without a call was looked up and its depth is under the minimum: not_detected is inconclusive
	FlagOffPanel                         // outside at least one assay's panel: the reason the row is not compared
	FlagCHPossible                       // concord's CH rules find clonal haematopoiesis possible, not probable
	FlagScopeUnknown                     // the annotation cannot tell whether the alteration is in the scope: kept, and counted in summary.json
)

// flagNames spell the flags in bit order, which is schema.Flags's order.
var flagNames = schema.Flags

// String lists set flags separated by commas, or "." when none are set.
func (f Flags) String() string {
	if f == 0 {
		return "."
	}
	var b strings.Builder
	for i, n := range flagNames {
		if f&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(n)
		}
	}
	return b.String()
}

// Has reports whether all flags in g are set.
func (f Flags) Has(g Flags) bool { return f&g == g }
