package concordance

import (
	"fmt"
	"strings"

	"github.com/concord-oncology/concord/concordance/schema"
)

// The standing of an alteration in a patient: its status on each side,
// its concordance category and the tier it was matched at.

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

func (s Status) String() string { return enumName(statusNames[:], s, "Status") }

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

func (c Category) String() string { return enumName(categoryNames[:], c, "Category") }

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

func (t Tier) String() string { return enumName(tierNames[:], t, "Tier") }

// ParseTier parses a tier name.
func ParseTier(s string) (Tier, error) {
	for i, n := range tierNames {
		if i > 0 && strings.EqualFold(s, n) {
			return Tier(i), nil
		}
	}
	return TierNone, fmt.Errorf("unknown match tier %s (want exact, haplotype, protein or gene)", Quote(s))
}

// enumName spells an enumeration's value by its names, or Type(n) for a
// value beyond them (a bug, visible rather than a panic).
func enumName[T ~uint8](names []string, v T, typ string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, uint8(v))
}
