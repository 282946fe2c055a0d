package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/evidence"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/input/cbioportal"
	"github.com/concord-oncology/concord/concordance/scope"
	"github.com/concord-oncology/concord/concordance/strata"
	"github.com/concord-oncology/concord/internal/infile"
)

// Options are what `concord run` is told. The zero value is not usable:
// start from DefaultOptions. Paths are as the caller gives them (relative
// to the working folder); paths inside the cohort's folder are written
// relative to it in the outputs.
type Options struct {
	// The cohort: a sample sheet (TSV or CSV) or a cBioPortal study
	// folder, exactly one of them.
	Sheet      string
	CBioPortal string
	// StageColumn is the cBioPortal attribute holding stage ("": the usual
	// names).
	StageColumn string
	// Pairing chooses among a cBioPortal patient's several samples of one
	// kind: cbioportal.PairNearest ("" too), PairFirst, PairLatest or
	// PairUnion.
	Pairing string
	// USDates accepts M/D/YY dates in the sample sheet.
	USDates bool
	// Reference is a FASTA with its .fai index, for left-alignment and REF
	// checks; "" trims alleles only.
	Reference string

	// Threads is the number of workers (0: all cores); outputs do not
	// depend on it.
	Threads int
	// Limits cap what one input may cost (line length, inflation);
	// internal/infile's defaults when zero.
	Limits infile.Limits
	// AllFilters keeps calls whose FILTER is not PASS.
	AllFilters bool
	// KeepGermline keeps calls the caller flagged germline.
	KeepGermline bool
	// AllowSameFile accepts a patient whose tissue and plasma calls are the
	// same data (by default an error: every alteration would be shared).
	AllowSameFile bool
	// SkipFailedPatients leaves out a patient whose files are bad input,
	// listing it in the ledger (patient_skipped), summary.json and the
	// headline, instead of failing the run.
	SkipFailedPatients bool
	// FilteredEvidence counts the other sample's FILTERed call of an allele
	// as sub-threshold evidence (status below_threshold); not with
	// AllFilters, where those calls are kept.
	FilteredEvidence bool
	// MaxTier is the loosest match tier allowed.
	MaxTier concordance.Tier
	// FusionOrientation keeps apart fusions whose known 5′–3′ orientations
	// differ (by default a gene pair matches in either order).
	FusionOrientation bool
	// Scope is which alterations count (--scope) and the reportable
	// scope's thresholds.
	Scope scope.Options

	// TissuePanel and PlasmaPanel are the assays' reportable regions (BED
	// or gene list); "" is the TSO500 genes. A sheet's panel and assay
	// columns win.
	TissuePanel, PlasmaPanel string
	// Universe is UniversePanels ("" too: the assays' panels bound the
	// comparison) or UniverseAll (no restriction).
	Universe string
	// Evidence are the thresholds of the evidence at discordant sites.
	Evidence evidence.Options
	// Explain are the thresholds of the flags, detection power and reasons
	// and the exclusions (Explain.Exclude).
	Explain explain.Options
	// Actionable is an actionability table (TSV: gene, alteration, cohort,
	// source); "" is concord's built-in table. ActionableTable, when set,
	// is a table already read and wins.
	Actionable      string
	ActionableTable *actionable.Table
	// MinGroupPatients: blood_alone.tsv's groups with fewer patients with
	// an actionable tissue alteration are not judged.
	MinGroupPatients int

	// Bootstrap is the number of patient-bootstrap replicates (0: off),
	// Seed their seed, TopGenes the genes of the gene dimension.
	Bootstrap int
	Seed      uint64
	TopGenes  int
	// TwoWay are the two-way strata of strata.tsv, "dimension:dimension2"
	// (TwoWayDefault by default; "none" or empty for none).
	TwoWay []string
	// StrataColumns are sample-sheet columns (or cBioPortal clinical
	// attributes) made dimensions of the stratified tables.
	StrataColumns []string
	// CancerGroups is a file grouping cancer types into the levels of
	// cancer_type (levels.Groups documents it); "" groups them by
	// OncoTree tissue.
	CancerGroups string

	// Shard, when set, analyses only the cohort's patients in that shard:
	// Patients gives results to write in the partial form (WritePartial),
	// for Merge to put together with the other shards'.
	Shard Shard
	// AddTo is a results folder to extend: its patients (read from its
	// partial form, not from their files) come before the sheet's, which
	// must all be new.
	AddTo string
	// NoPartial leaves the partial form out of the results (Result.Files):
	// the demo's, whose cohort lives in a temporary folder deleted after
	// the run, would name files that are gone.
	NoPartial bool
	// KeepCalls keeps every row's calls in the results (PerPatient.
	// Patients) for a caller that reads them. By default a patient's
	// calls are released as soon as its alterations.tsv lines and partial
	// record are written to temporary files (concordance.ReleaseRows), so
	// that memory does not grow with the calls; the tables are the same
	// either way. --add-to runs keep them.
	KeepCalls bool
	// Compress writes alterations.tsv gzip-compressed (alterations.tsv.gz),
	// the table that grows with the cohort.
	Compress bool
	// Parquet writes every table also as TABLE.parquet (output.Parquet).
	Parquet bool

	// Synthetic marks the cohort as simulated in every output (a sheet
	// written by concord simulate says so itself).
	Synthetic bool
	// Version, Command and Parameters are recorded as the provenance of
	// the outputs.
	Version, Command string
	Parameters       map[string]any

	// Opened, when set, is called once the cohort (the sample sheet or the
	// study) is read and before anything else is: a caller can check what
	// the run will read (the command line keeps --out clear of every
	// input).
	Opened func(*Opened) error
	// Progress, when set, is called after each patient (StageReading) and
	// once before the cohort stage (StageTables, done = total).
	Progress func(stage Stage, done, total int)
}

// Stage names what a run is doing, for Options.Progress.
type Stage string

// Stages of a run.
const (
	StageReading Stage = "reading" // the per-patient pipeline
	StageTables  Stage = "tables"  // the cohort stage
)

// DefaultOptions are concord's defaults (those of `concord run`'s flags).
func DefaultOptions() Options {
	return Options{
		FilteredEvidence: true,
		MaxTier:          concordance.TierHaplotype,
		Scope:            scope.DefaultOptions(),
		Evidence:         evidence.DefaultOptions(),
		Explain:          explain.DefaultOptions(),
		MinGroupPatients: actionable.DefaultMinPatients,
		Bootstrap:        strata.DefaultReplicates,
		Seed:             strata.DefaultSeed,
		TopGenes:         strata.DefaultTopGenes,
		TwoWay:           TwoWayDefault(),
	}
}

// OptionError is an impossible option: the command line reports it as a
// usage error. Its message names the flag.
type OptionError struct{ msg string }

func (e *OptionError) Error() string { return e.msg }

func optionf(format string, args ...any) error { return &OptionError{fmt.Sprintf(format, args...)} }

// validate checks the options of a whole run that need no file.
func (o *Options) validate() error {
	if err := o.validateCohortStage(); err != nil {
		return err
	}
	switch {
	case o.Sheet != "" && o.CBioPortal != "":
		return optionf("give --sheet or --cbioportal, not both")
	case o.Sheet == "" && o.CBioPortal == "":
		return optionf("--sheet is required (a TSV/CSV with patient_id, tissue_calls and plasma_calls columns), or --cbioportal DIR")
	case o.CBioPortal != "" && (o.Shard.N > 0 || o.AddTo != ""):
		return optionf("--shard and --add-to take a sample sheet, not a cBioPortal study (read as a whole)")
	case o.Shard.N > 0 && o.AddTo != "":
		return optionf("give --shard or --add-to, not both (shard the new patients, merge, then add)")
	case o.SkipFailedPatients && (o.Shard.N > 0 || o.AddTo != ""):
		// a partial result has no place yet for the patients left out
		return optionf("--skip-failed-patients takes a whole run, not --shard or --add-to")
	}
	if err := o.validateInputs(); err != nil {
		return err
	}
	return validateEvidence(o.Evidence)
}

// Universe values (--universe).
const (
	UniversePanels = "panels"
	UniverseAll    = "all"
)

// validateInputs checks the options of how the cohort is read (run and
// check).
func (o *Options) validateInputs() error {
	if o.Universe != "" && o.Universe != UniversePanels && o.Universe != UniverseAll {
		return optionf("--universe: %s (want panels or all)", concordance.Quote(o.Universe))
	}
	if o.Pairing != "" && !slices.Contains(cbioportal.Pairings, o.Pairing) {
		return optionf("--pairing: %s (want %s)", concordance.Quote(o.Pairing), strings.Join(cbioportal.Pairings, ", "))
	}
	if o.Pairing != "" && o.Pairing != cbioportal.PairNearest && o.CBioPortal == "" {
		return optionf("--pairing chooses among a cBioPortal study's samples: give it with --cbioportal")
	}
	return nil
}

// validateCohortStage checks the options the cohort stage uses.
func (o *Options) validateCohortStage() error {
	switch {
	case o.Bootstrap < 0:
		return optionf("--bootstrap: %d replicates (want 0 to turn it off, or more)", o.Bootstrap)
	case o.TopGenes < 0:
		return optionf("--top-genes: %d (want 0 or more)", o.TopGenes)
	case o.MinGroupPatients < 1:
		return optionf("--min-group-patients must be at least 1")
	}
	if _, err := o.twoWay(); err != nil {
		return err
	}
	if err := o.Scope.Validate(); err != nil {
		return optionf("%s", strings.TrimPrefix(err.Error(), "scope: "))
	}
	if err := o.Explain.Validate(); err != nil {
		return optionf("%s", strings.TrimPrefix(err.Error(), "explain: "))
	}
	return nil
}

func validateEvidence(e evidence.Options) error {
	switch {
	case e.MinAltReads < 1:
		return optionf("--min-alt-reads must be at least 1")
	case e.MinDepth[0] < 0 || e.MinDepth[1] < 0:
		return optionf("--min-depth-tissue and --min-depth-plasma must not be negative")
	case e.Filter.MinBaseQuality < 0 || e.Filter.MinBaseQuality > 93:
		return optionf("--min-base-quality must be a Phred score in 0..93")
	case e.Filter.MinMappingQuality < 0 || e.Filter.MinMappingQuality > 254:
		return optionf("--min-mapping-quality must be in 0..254")
	}
	return nil
}
