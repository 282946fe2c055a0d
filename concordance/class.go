package concordance

import (
	"fmt"
	"strings"

	"github.com/concord-oncology/concord/concordance/schema"
)

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

func (c Class) String() string { return enumName(classNames[:], c, "Class") }

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
