package concordance

import (
	"strconv"
	"strings"
)

// Variant is a small variant in VCF conventions: 1-based position, REF and
// one ALT allele, indels carrying their anchor base. After normalisation it
// is biallelic, trimmed and left-aligned, and Chrom uses the reference's
// contig name.
//
// Formats without an anchor base (MAF) give an empty Ref (insertion) or Alt
// (deletion); Pos is then the first deleted base, or the base just after the
// insertion point. Normalisation against a reference adds the anchor.
type Variant struct {
	Chrom string
	Pos   int
	Ref   string
	Alt   string
}

// End is the last reference position the variant's REF allele covers.
func (v Variant) End() int { return v.Pos + len(v.Ref) - 1 }

// String writes chrom:pos:ref:alt ("-" for an empty allele).
func (v Variant) String() string {
	return v.Chrom + ":" + strconv.Itoa(v.Pos) + ":" + dash(v.Ref) + ":" + dash(v.Alt)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// MatchKey identifies the variant independently of whether it carries an
// anchor base: an indel written VCF-style (CGT>C at 100) and MAF-style
// (GT>- at 101) get the same key, chrom:101:GT:-. Both must be trimmed
// (normalised) first.
func (v Variant) MatchKey() string {
	if len(v.Ref) != len(v.Alt) && len(v.Ref) > 0 && len(v.Alt) > 0 && v.Ref[0] == v.Alt[0] {
		v = Variant{Chrom: v.Chrom, Pos: v.Pos + 1, Ref: v.Ref[1:], Alt: v.Alt[1:]}
	}
	return v.String()
}

// SmallClass classifies a normalised biallelic variant: equal-length single
// base is an SNV, equal-length longer is an MNV, anything else an indel
// (including complex deletion–insertions and anchor-free MAF indels).
func (v Variant) SmallClass() Class {
	switch {
	case len(v.Ref) == 1 && len(v.Alt) == 1:
		return SNV
	case len(v.Ref) == len(v.Alt):
		return MNV
	default:
		return Indel
	}
}

// Alteration is what changed, independent of the sample that saw it.
//
// Small variants (SNV, MNV, indel) are identified by Variant. Copy-number
// alterations are identified by Gene and Class (the direction). Fusions are
// identified by the unordered pair of their sides (FusionSides), so that
// EML4–ALK equals ALK–EML4; Gene names the driver partner and Partner the
// other side (genes.Fusion decides which is which). Splice events are
// identified by Gene and Exons (e.g. MET "14").
type Alteration struct {
	Class   Class
	Gene    string // HGNC symbol when known
	Variant        // small variants only
	Protein string // HGVS protein change in one-letter short form (p.V600E) when known
	Partner string // fusion: the side that is not the driver
	Exons   string // splice: skipped/affected exon(s)
	// Gene5p and Gene3p are a fusion's two sides as the source wrote them
	// (each a gene or a ';' list of the genes at one breakpoint): the 5′
	// and 3′ partners when Oriented, else in sorted order. Empty for a
	// fusion known by one gene only ("ROS1 fusion").
	Gene5p, Gene3p string
	Oriented       bool
}

// NewFusion returns a fusion of genes a and b with no known orientation
// and no driver naming: Gene is the alphabetically first side. Readers use
// genes.Fusion, which names the driver and keeps the orientation.
func NewFusion(a, b string) Alteration {
	if b < a {
		a, b = b, a
	}
	return Alteration{Class: Fusion, Gene: a, Partner: b, Gene5p: a, Gene3p: b}
}

// FusionSides returns a fusion's two sides: Gene5p and Gene3p when set,
// else Gene and Partner.
func (a Alteration) FusionSides() (string, string) {
	if a.Gene5p != "" || a.Gene3p != "" {
		return a.Gene5p, a.Gene3p
	}
	return a.Gene, a.Partner
}

// Reversed reports whether two oriented fusions name the same genes with
// 5′ and 3′ swapped (EML4–ALK against ALK–EML4); false when either has no
// known orientation.
func Reversed(a, b Alteration) bool {
	if !a.Oriented || !b.Oriented {
		return false
	}
	a5, a3 := a.FusionSides()
	b5, b3 := b.FusionSides()
	return !(sidesOverlap(a5, b5) && sidesOverlap(a3, b3)) && sidesOverlap(a5, b3) && sidesOverlap(a3, b5)
}

// sidesOverlap reports whether two fusion sides (';' lists) share a gene.
func sidesOverlap(a, b string) bool { return overlap(fusionSide(a), fusionSide(b)) }

// Key identifies the alteration for exact matching within a patient.
func (a Alteration) Key() string {
	switch a.Class {
	case SNV, MNV, Indel:
		if a.Chrom == "" {
			// No position (clinical-report inputs): the gene and protein
			// change are all there is to tell two calls apart.
			return "protein:" + a.Gene + ":" + a.Protein
		}
		return a.Variant.MatchKey()
	case Amplification, Deletion:
		return a.Class.String() + ":" + a.Gene
	case Fusion:
		g, p := a.FusionSides()
		if p < g {
			g, p = p, g
		}
		return "fusion:" + g + "::" + p
	case Splice:
		return "splice:" + a.Gene + ":" + a.Exons
	}
	return "unknown:" + a.Gene + ":" + a.Variant.String()
}

// Label is a short human-readable description, e.g. "BRAF p.V600E",
// "chr7:140453136:A:T", "ERBB2 amplification", "EML4–ALK fusion".
func (a Alteration) Label() string {
	switch a.Class {
	case Amplification, Deletion:
		return a.Gene + " " + a.Class.String()
	case Fusion:
		if a.Oriented {
			return a.Gene5p + "–" + a.Gene3p + " fusion"
		}
		return a.Gene + "–" + a.Partner + " fusion"
	case Splice:
		if a.Exons != "" {
			return a.Gene + " exon " + a.Exons + " splice"
		}
		return a.Gene + " splice"
	}
	var parts []string
	if a.Gene != "" {
		parts = append(parts, a.Gene)
	}
	if a.Protein != "" {
		parts = append(parts, a.Protein)
	} else if a.Chrom != "" {
		parts = append(parts, a.Variant.String())
	}
	return strings.Join(parts, " ")
}
