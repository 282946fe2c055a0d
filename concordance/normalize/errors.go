package normalize

import (
	"errors"
	"fmt"

	"github.com/concord-oncology/concord/concordance"
)

// Sentinel errors. Each error this package returns has the "normalize:"
// prefix and either is one of these (compare with errors.Is) or is one of
// the typed errors below (extract with errors.As). None names a file or a
// line: the caller knows them and adds them (concordance.AtFile).
var (
	// ErrUnknownContig: the variant's contig is not in the reference, under
	// its own name or an alias (see FASTA.Resolve).
	ErrUnknownContig = errors.New("normalize: contig not in the reference")
	// ErrOutOfRange: a position outside the contig (before 1 or after its
	// last base).
	ErrOutOfRange = errors.New("normalize: position outside the contig")
	// ErrInvalidAllele: an allele with a character other than A, C, G, T, N
	// (either case), e.g. an IUPAC ambiguity code in REF. bcftools 1.16
	// treats these as REF mismatches (NON_ACGTN_REF, NON_ACGTN_ALT).
	ErrInvalidAllele = errors.New("normalize: invalid allele")
	// ErrNotVariant: REF equals ALT, both alleles are empty, or ALT is "."
	// (a reference block): there is no variant to normalise. Callers
	// usually count such records in the ledger rather than stop.
	ErrNotVariant = errors.New("normalize: not a variant")
	// ErrBadIndex: the .fai index is malformed or does not describe the
	// FASTA file it came with (e.g. an index left over from another file),
	// or the FASTA is compressed and cannot be read through the index.
	ErrBadIndex = errors.New("normalize: bad FASTA index")
)

// RefMismatchError reports a REF allele that differs from the reference
// genome at its position: usually a genome-build mismatch or a file written
// against another reference. Reference holds the reference bases over the
// same span, upper-cased with IUPAC codes as N; it is shorter than Ref when
// Ref runs past the end of the contig.
type RefMismatchError struct {
	Chrom     string // the reference's contig name
	Pos       int    // 1-based position of the first REF base
	Ref       string // the REF allele given
	Reference string // the reference bases at Pos..Pos+len(Ref)-1
}

func (e *RefMismatchError) Error() string {
	return fmt.Sprintf("normalize: REF mismatch at %s:%d: REF is %s but the reference has %s (wrong genome build or reference?)",
		e.Chrom, e.Pos, concordance.Quote(e.Ref), concordance.Quote(e.Reference))
}

// BuildMismatchError reports a contig whose length in a VCF header differs
// from the reference's: the file was written against another genome build.
type BuildMismatchError struct {
	Contig          string // name as declared in the header
	RefContig       string // the reference's name for it
	DeclaredLength  int
	ReferenceLength int
	DeclaredBuild   string // "" when the lengths do not tell (concordance.InferBuild)
	ReferenceBuild  string // likewise
	Others          int    // further declared contigs whose lengths differ
}

func (e *BuildMismatchError) Error() string {
	name := e.Contig
	if e.RefContig != e.Contig {
		name = fmt.Sprintf("%s (reference %s)", e.Contig, e.RefContig)
	}
	msg := fmt.Sprintf("normalize: genome build mismatch: contig %s has length %d in the header but %d in the reference",
		name, e.DeclaredLength, e.ReferenceLength)
	if e.DeclaredBuild != "" || e.ReferenceBuild != "" {
		msg += fmt.Sprintf(" (header looks like %s, reference like %s)", orUnknown(e.DeclaredBuild), orUnknown(e.ReferenceBuild))
	}
	if e.Others > 0 {
		msg += fmt.Sprintf("; %d more contigs differ", e.Others)
	}
	return msg
}

func orUnknown(s string) string {
	if s == "" {
		return "an unknown build"
	}
	return s
}
