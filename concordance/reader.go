package concordance

import "io"

// ReadOptions tell a format reader which sample to read and how to label
// what it reads. Readers never open files: File is only a name for Source
// and the ledger.
type ReadOptions struct {
	File     string
	Patient  string
	Side     Side
	SampleID string // selects a sample (column or barcode) in multi-sample files; "" = the only one
	// AllFilters keeps calls whose FILTER is not PASS; by default they are
	// counted in the ledger as ReasonFiltered and not returned.
	AllFilters bool
	// Filtered, when not nil, receives the sites of the records skipped for
	// their FILTER (readers that can do so cheaply: VCF), as evidence of
	// sub-threshold calls.
	Filtered *FilteredSites
}

// Biomarkers are sample-level measurements kept apart from alteration
// counts. Missing values are NaN ("" for MSIStatus).
type Biomarkers struct {
	TMB       float64 // mutations per megabase
	MSIScore  float64 // percent unstable sites, or the pipeline's score
	MSIStatus string  // "MSI-H", "MSS", or ""
}

// NoBiomarkers returns Biomarkers with every value missing.
func NoBiomarkers() Biomarkers { return Biomarkers{TMB: Missing, MSIScore: Missing} }

// ReusedCalls is the most calls whose memory a reader or a worker keeps
// for the next sample (TSO500 samples have hundreds to a few thousand PASS
// calls), so that one huge sample does not hold it for the rest of a run.
const ReusedCalls = 1 << 14

// SampleData is what a reader returns for one sample.
type SampleData struct {
	Calls []Call
	// Build is the genome build the file names or implies ("GRCh37",
	// "GRCh38"; "" when unknown). Contigs are the contig lengths its header
	// declares (VCF ##contig), used to catch build mismatches. Contigs and
	// ContigLines are read only: a reader may share them between samples.
	Build   string
	Contigs map[string]int
	// ContigLines are the header lines declaring each contig, so that a
	// build mismatch can name the line.
	ContigLines map[string]int
	Biomarkers  Biomarkers
	// Sample is the sample the reader selected in a file that holds several
	// (a VCF's sample column, a MAF barcode, a report table's patient and
	// side); "" for a file of one sample. Two reads of the same bytes with
	// the same Sample read the same calls.
	Sample string
}

// CallReader reads one sample's calls from r. Every record of the input is
// either returned as (part of) a call or counted in led with a reason.
// Errors are LineErrors (or wrap one) so the caller can name file and line.
type CallReader func(r io.Reader, opt ReadOptions, led *Ledger) (*SampleData, error)
