package concordance

// Source is where a call was read: the input file and its 1-based line
// (the record number for formats without lines).
type Source struct {
	File string
	Line int
}

// Call is one sample's observation of an alteration.
type Call struct {
	Alteration
	Side Side

	VAF        float64 // variant allele fraction in [0,1]; Missing when unknown
	Depth      int     // total depth at the site; -1 when unknown
	AltReads   int     // reads supporting the alternate allele; -1 when unknown
	FoldChange float64 // copy-number fold change or copy ratio (Craft FC, DRAGEN SM, CVO Fold Change); Missing when not a CNV or unknown
	CopyNumber float64 // total copy number when the input gives one (PCGR segments, DRAGEN CN, a report's column); Missing otherwise

	// PopAF is the allele's population frequency when the input carries
	// one (gnomAD-style INFO or CSQ AF); Missing otherwise.
	PopAF float64

	Filter         string // FILTER value; "PASS" for passing calls ("." in VCF counts as PASS)
	GermlineStatus string // the caller's germline/somatic label, verbatim (e.g. DRAGEN GermlineStatus)
	Flags          Flags

	// Group joins records a caller wrote for one event (DRAGEN MNVTAG): the
	// reader keeps the event once and counts its components in the ledger.
	Group string

	// Annotation carried by the input (VEP CSQ, snpEff ANN, CVO, MAF
	// columns): not part of the alteration's identity.
	Consequence string // e.g. missense_variant, frameshift_variant, stop_gained
	Exon        string // exon number as written, e.g. "15/18"
	HGVSc       string
	Transcript  string

	// OrigPos, OrigRef and OrigAlt keep the allele as written in the input,
	// before normalisation (for alterations.tsv provenance and debugging).
	OrigPos int
	OrigRef string
	OrigAlt string

	Source Source
}

// NewCall returns a call with unknown quantities set to their missing values.
func NewCall(side Side, a Alteration, src Source) Call {
	return Call{Alteration: a, Side: side, VAF: Missing, Depth: -1, AltReads: -1, FoldChange: Missing, CopyNumber: Missing, PopAF: Missing, Filter: "PASS", Source: src}
}
