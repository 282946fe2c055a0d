package concordance

import (
	"fmt"
	"math"
	"strings"

	"github.com/concord-oncology/concord/concordance/schema"
)

// Side is the assay a call comes from.
type Side uint8

const (
	Tissue Side = iota
	Plasma
	// WBC is a matched white-blood-cell (buffy coat) sample: evidence of
	// clonal haematopoiesis and germline origin, never compared itself. It
	// labels the WBC files' records in the ledger; arrays indexed by side
	// ([2]...) hold tissue and plasma only.
	WBC
)

func (s Side) String() string {
	switch s {
	case Tissue:
		return schema.Tissue
	case Plasma:
		return schema.Plasma
	case WBC:
		return schema.WBC
	}
	return fmt.Sprintf("Side(%d)", uint8(s))
}

// Other returns the opposite side of tissue or plasma.
func (s Side) Other() Side { return 1 - s }

// ParseSide parses "tissue" or "plasma" (case-insensitive).
func ParseSide(s string) (Side, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "tissue":
		return Tissue, nil
	case "plasma", "blood", "cfdna", "ctdna", "liquid":
		return Plasma, nil
	case "wbc", "buffy_coat", "buffy coat":
		return WBC, nil
	}
	return 0, fmt.Errorf("unknown sample side %s (want tissue, plasma or wbc)", Quote(s))
}

// Class is the kind of alteration. Sample-level biomarkers (TMB, MSI) are
// not alterations and are kept apart from the alteration counts.
type Class uint8

const (
	ClassUnknown Class = iota
	SNV
	MNV
	Indel
	Amplification
	Deletion // copy-number loss
	Fusion
	Splice
)

var classNames = [...]string{schema.ClassUnknown, schema.SNV, schema.MNV, schema.Indel, schema.Amplification, schema.Deletion, schema.Fusion, schema.Splice}

func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return fmt.Sprintf("Class(%d)", uint8(c))
}

// Classes lists the alteration classes in their display order.
func Classes() []Class { return []Class{SNV, MNV, Indel, Amplification, Deletion, Fusion, Splice} }

// ParseClass parses a class name as written by Class.String, accepting a few
// common synonyms (cnv gain/loss, sv, del/ins).
func ParseClass(s string) (Class, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "snv", "snp", "substitution":
		return SNV, nil
	case "mnv", "dnp", "tnp", "onp", "mnp":
		return MNV, nil
	case "indel", "ins", "del", "insertion", "deletion_small", "delins", "complex":
		return Indel, nil
	case "amplification", "amp", "gain", "cnv_gain":
		return Amplification, nil
	case "deletion", "loss", "cnv_loss", "homdel", "deep_deletion":
		return Deletion, nil
	case "fusion", "sv", "rearrangement":
		return Fusion, nil
	case "splice", "splice_variant":
		return Splice, nil
	}
	return ClassUnknown, fmt.Errorf("unknown alteration class %s", Quote(s))
}

// IsSmall reports whether the class is a small variant keyed by alleles.
func (c Class) IsSmall() bool { return c == SNV || c == MNV || c == Indel }

// Status is the state of an alteration on one side.
type Status uint8

const (
	StatusUnknown Status = iota
	Called
	BelowThreshold // evidence present but under the calling threshold
	NotDetected    // covered, no evidence
	NotCovered     // outside that assay's reportable region
	SampleFailed   // the sample as a whole failed or was not assessed
)

var statusNames = [...]string{".", schema.Called, schema.BelowThreshold, schema.NotDetected, schema.NotCovered, schema.SampleFailed}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// Category is the concordance category of an alteration in the comparison
// universe. NotCompared marks alterations reported but outside the universe
// (or removed from the counts by an exclusion), which are never counted.
type Category uint8

const (
	NotCompared Category = iota
	Shared
	TissueOnly
	PlasmaOnly
)

var categoryNames = [...]string{schema.NotCompared, schema.Shared, schema.TissueOnly, schema.PlasmaOnly}

func (c Category) String() string {
	if int(c) < len(categoryNames) {
		return categoryNames[c]
	}
	return fmt.Sprintf("Category(%d)", uint8(c))
}

// Tier is how a shared alteration was matched, from strictest to loosest.
type Tier uint8

const (
	TierNone      Tier = iota
	TierExact          // identical normalised alleles (or identical gene-level key for CNV/fusion/splice)
	TierHaplotype      // same haplotype written differently: MNV vs its SNVs, equivalent indel representations
	TierProtein        // same gene and equivalent HGVS protein change
	TierGene           // same gene and class only (gene-level inputs)
)

var tierNames = [...]string{".", schema.TierExact, schema.TierHaplotype, schema.TierProtein, schema.TierGene}

func (t Tier) String() string {
	if int(t) < len(tierNames) {
		return tierNames[t]
	}
	return fmt.Sprintf("Tier(%d)", uint8(t))
}

// ParseTier parses a tier name.
func ParseTier(s string) (Tier, error) {
	for i, n := range tierNames {
		if i > 0 && strings.EqualFold(s, n) {
			return Tier(i), nil
		}
	}
	return TierNone, fmt.Errorf("unknown match tier %s (want exact, haplotype, protein or gene)", Quote(s))
}

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

// Missing is the value of an unknown float quantity (VAF, tumour fraction).
var Missing = math.NaN()

// Known reports whether x is a known (non-NaN) value.
func Known(x float64) bool { return !math.IsNaN(x) }
