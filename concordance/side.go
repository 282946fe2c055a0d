package concordance

import (
	"fmt"
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
