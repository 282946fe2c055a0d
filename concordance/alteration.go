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
// identified by the unordered pair {Gene, Partner}; NewFusion stores it in
// sorted order so that EML4–ALK equals ALK–EML4. Splice events are
// identified by Gene and Exons (e.g. MET "14").
type Alteration struct {
	Class   Class
	Gene    string // HGNC symbol when known
	Variant        // small variants only
	Protein string // HGVS protein change in one-letter short form (p.V600E) when known
	Partner string // fusion partner gene
	Exons   string // splice: skipped/affected exon(s)
}

// NewFusion returns a fusion alteration with its gene pair in canonical
// (sorted) order.
func NewFusion(a, b string) Alteration {
	if b < a {
		a, b = b, a
	}
	return Alteration{Class: Fusion, Gene: a, Partner: b}
}

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
		g, p := a.Gene, a.Partner
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
