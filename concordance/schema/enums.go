package schema

// Categories of an alteration (alterations.tsv "category").
const (
	Shared      = "shared"
	TissueOnly  = "tissue_only"
	PlasmaOnly  = "plasma_only"
	NotCompared = "not_compared"
)

// Categories lists the categories, counted ones first.
var Categories = []string{Shared, TissueOnly, PlasmaOnly, NotCompared}

// Statuses of an alteration on one side (tissue_status, plasma_status).
const (
	Called         = "called"
	BelowThreshold = "below_threshold"
	NotDetected    = "not_detected"
	NotCovered     = "not_covered"
	SampleFailed   = "sample_failed"
)

// Statuses lists the statuses.
var Statuses = []string{Called, BelowThreshold, NotDetected, NotCovered, SampleFailed}

// Match tiers of a shared alteration (match_tier), strictest first.
const (
	TierExact     = "exact"
	TierHaplotype = "haplotype"
	TierProtein   = "protein"
	TierGene      = "gene"
)

// Tiers lists the match tiers, strictest first.
var Tiers = []string{TierExact, TierHaplotype, TierProtein, TierGene}

// Alteration classes (class), in display order; ClassUnknown is the class
// of a call whose input did not say (a report-level row without one).
const (
	SNV           = "snv"
	MNV           = "mnv"
	Indel         = "indel"
	Amplification = "amplification"
	Deletion      = "deletion"
	Fusion        = "fusion"
	Splice        = "splice"
	ClassUnknown  = "unknown"
)

// Classes lists the classes in display order, unknown last.
var Classes = []string{SNV, MNV, Indel, Amplification, Deletion, Fusion, Splice, ClassUnknown}

// Flags of an alteration (flags), in the order they are written.
const (
	FlagGermlineCaller = "germline_caller"
	FlagCHCaller       = "ch_caller"
	FlagCHCandidate    = "ch_candidate"
	FlagCHEvidence     = "ch_evidence"
	FlagGermlineLikely = "germline_likely"
	FlagHotspot        = "hotspot"
	FlagFilteredOther  = "filtered_in_other"
	FlagLowCoverage    = "low_coverage"
	FlagOffPanel       = "off_panel"
	FlagCHPossible     = "ch_possible"
	FlagScopeUnknown   = "scope_unknown" // kept in the scope because its annotation cannot decide (package scope)
)

// Flags lists the flags in the order they are written.
var Flags = []string{FlagGermlineCaller, FlagCHCaller, FlagCHCandidate, FlagCHEvidence, FlagGermlineLikely,
	FlagHotspot, FlagFilteredOther, FlagLowCoverage, FlagOffPanel, FlagCHPossible, FlagScopeUnknown}

// Sides of a sample (ledger.tsv "side").
const (
	Tissue = "tissue"
	Plasma = "plasma"
	WBC    = "wbc"
)

// Sides lists the sides.
var Sides = []string{Tissue, Plasma, WBC}

// Where a side without a call was looked up (tissue_evidence,
// plasma_evidence).
const (
	EvidenceBAM          = "bam"
	EvidenceGVCF         = "gvcf"
	EvidenceFilteredCall = "filtered_call"
)

// EvidenceSources lists the evidence sources.
var EvidenceSources = []string{EvidenceBAM, EvidenceGVCF, EvidenceFilteredCall}

// Where the matched white-blood-cell sample's counts at a plasma call's
// site came from (wbc_evidence): its own call of the allele, its BAM, or
// its genome VCF.
const EvidenceCall = "call"

// WBCEvidenceSources lists them.
var WBCEvidenceSources = []string{EvidenceCall, EvidenceBAM, EvidenceGVCF}

// What the matched white-blood-cell sample shows at a plasma call's site
// (wbc_status): it carries the allele (clonal haematopoiesis, or germline
// from 30% VAF); it covers the site and carries the allele clearly less
// than the plasma (the call comes neither from the blood cells nor from
// the germline); or its counts cannot tell. "." when there is no WBC
// sample or it does not cover the site.
const (
	WBCPresent      = "present"
	WBCAbsent       = "absent"
	WBCInconclusive = "inconclusive"
)

// WBCStatuses lists them.
var WBCStatuses = []string{WBCPresent, WBCAbsent, WBCInconclusive}

// Exclusions (--exclude values, alterations.tsv "excluded").
const (
	ExcludeCH       = "ch"
	ExcludeGermline = "germline"
)

// Exclusions lists the exclusions.
var Exclusions = []string{ExcludeCH, ExcludeGermline}

// Reasons of a discordant alteration (alterations.tsv and reasons.tsv
// "reason").
const (
	// Called in tissue only.
	ReasonNotCovered       = "not_covered"       // the plasma assay cannot report it (panel, or an alteration class it does not assay there)
	ReasonBelowThreshold   = "below_threshold"   // the plasma holds it under the caller's threshold (evidence, or a non-PASS call)
	ReasonSamplingInterval = "sampling_interval" // the plasma should have called it; the time between samples most likely explains the miss
	ReasonSubclonal        = "subclonal"         // subclonal in the biopsy: clonal, the plasma would have called it
	ReasonLowPower         = "low_power"         // the plasma could not be expected to call it (tumour fraction or depth too low), or missed it by chance
	// Called in plasma only.
	ReasonNotCoveredTissue = "not_covered_in_tissue" // the tissue assay cannot report it
	ReasonGermline         = "germline"              // germline-like VAF, population frequency, caller status or WBC
	ReasonCH               = "ch_candidate"          // clonal haematopoiesis by rule or by WBC evidence
	ReasonLowPurity        = "low_tissue_purity"     // the biopsy holds too few tumour cells to call it (or holds it under the threshold)
	ReasonHeterogeneity    = "tumour_heterogeneity"  // the biopsy should have called it: another lesion or clone sheds it
)

// TissueOnlyReasons and PlasmaOnlyReasons list the reasons of each side in
// precedence order (the first that applies is given).
var (
	TissueOnlyReasons = []string{ReasonNotCovered, ReasonBelowThreshold, ReasonSamplingInterval, ReasonSubclonal, ReasonLowPower}
	PlasmaOnlyReasons = []string{ReasonNotCoveredTissue, ReasonGermline, ReasonCH, ReasonLowPurity, ReasonHeterogeneity}
)

// Reasons lists every reason of a discordant alteration, tissue-only
// ones first.
func Reasons() []string {
	return append(append([]string(nil), TissueOnlyReasons...), PlasmaOnlyReasons...)
}

// ReasonOutOfScope is the reason of an alteration left out of the
// comparison by --scope (category not_compared): a synonymous, intronic
// or UTR call under the default scope, or one a clinical report would not
// list under --scope reportable.
const ReasonOutOfScope = "out_of_scope"

// AlterationReasons lists the reasons alterations.tsv may give: those of
// discordant alterations, then out_of_scope.
func AlterationReasons() []string { return append(Reasons(), ReasonOutOfScope) }

// Scopes of a run (--scope, summary.json scope.name): which alterations
// count. ScopeCoding is the default.
const (
	ScopeAll        = "all"        // every call
	ScopeCoding     = "coding"     // protein-altering and splice-site small variants, copy number, fusions, splice events
	ScopeReportable = "reportable" // what a clinical report lists: hotspots, truncating driver changes, high-level amplifications, well-supported fusions
)

// Scopes lists the scopes, widest first.
var Scopes = []string{ScopeAll, ScopeCoding, ScopeReportable}

// Sources of the tumour fraction (tumor_fraction_source) and of the
// purity (tumor_purity_source).
const (
	SourceSheet     = "sheet"
	SourceMSAF      = "msaf"       // maximum somatic allele fraction of the plasma (Husain et al. 2022)
	SourceTissueVAF = "tissue_vaf" // twice the median tissue VAF of somatic small variants
	SourceDefault   = "default"
)

// TumorFractionSources and PuritySources list them.
var (
	TumorFractionSources = []string{SourceSheet, SourceMSAF}
	PuritySources        = []string{SourceSheet, SourceTissueVAF, SourceDefault}
)

// True and False spell a boolean cell (kind Bool: uninformative_plasma,
// judged, chosen), as R (readr, data.table), pandas and DuckDB read a
// logical column without being told.
const (
	True  = "true"
	False = "false"
)

// Ledger outcomes (ledger.tsv "outcome").
const (
	OutcomeUsed     = "used"
	OutcomeExcluded = "excluded"
)

// Ledger reasons (ledger.tsv "reason"): used, or why a record was
// excluded.
const (
	LedgerUsed           = "used"
	LedgerFiltered       = "filtered"
	LedgerGermline       = "germline"
	LedgerReferenceBlock = "reference_block"
	LedgerSymbolic       = "symbolic_allele"
	LedgerNotInSample    = "not_in_sample"
	LedgerMNVComponent   = "mnv_component"
	LedgerDuplicate      = "duplicate"
	LedgerNotVariant     = "not_a_variant"
	LedgerNotReportable  = "not_reportable"
	LedgerOtherSample    = "other_sample"
	LedgerSampleFailed   = "sample_failed"
	// LedgerPatientSkipped: run --skip-failed-patients left the patient out
	// (a file of it could not be read); its rows list its call files, with
	// the records read before the failure (0 for a missing file).
	LedgerPatientSkipped = "patient_skipped"
)

// LedgerReasons lists the ledger reasons, used first.
var LedgerReasons = []string{LedgerUsed, LedgerFiltered, LedgerGermline, LedgerReferenceBlock, LedgerSymbolic,
	LedgerNotInSample, LedgerMNVComponent, LedgerDuplicate, LedgerNotVariant, LedgerNotReportable,
	LedgerOtherSample, LedgerSampleFailed, LedgerPatientSkipped}

// Tests across the levels of a stratum dimension with alterations as
// independent units (strata.tsv "alteration_test"): descriptive.
const (
	TestChiSquare       = "chisq"
	TestFisher          = "fisher_ppa"
	TestFisherSimulated = "fisher_ppa_simulated"
	TestTrend           = "trend_ppa"
)

// Tests lists the alteration-level tests.
var Tests = []string{TestChiSquare, TestFisher, TestFisherSimulated, TestTrend}

// Patient-clustered tests across the levels of a stratum dimension
// (strata.tsv "clustered_test"): alterations clustered in patients.
const (
	// TestRaoScott is Pearson's chi-square on the levels × {shared,
	// tissue-only, plasma-only} table with Rao and Scott's (1984)
	// second-order correction for patients as clusters: an F statistic
	// on clustered_df1 and clustered_df2 degrees of freedom (R's
	// survey::svychisq, statistic "F").
	TestRaoScott = "rao_scott"
	// TestTrendLogit is the Wald test of the slope of a logistic
	// regression of plasma detection of tissue alterations on the level's
	// score, with patient-clustered (sandwich) standard errors: the
	// statistic is the slope's z (R's lmtest::coeftest with
	// sandwich::vcovCL).
	TestTrendLogit = "trend_logit"
)

// ClusteredTests lists the patient-clustered tests.
var ClusteredTests = []string{TestRaoScott, TestTrendLogit}

// Models and terms of models.tsv.
const (
	ModelDetection    = "detection"
	ModelDetectionVAF = "detection_vaf"
	// ModelDetectionTF has the tumour fraction as a continuous covariate
	// (log10) in place of its tier.
	ModelDetectionTF = "detection_tf"

	TermIntercept  = "(Intercept)"
	TermVAF        = "log10_tissue_vaf"
	TermTF         = "log10_tumor_fraction"
	TermTFTier     = "tf_tier"
	TermStage      = "stage"
	TermClass      = "class"
	TermOrganGroup = "organ_group"
)

// Models and Terms list them.
var (
	Models = []string{ModelDetection, ModelDetectionVAF, ModelDetectionTF}
	Terms  = []string{TermIntercept, TermVAF, TermTF, TermTFTier, TermStage, TermClass, TermOrganGroup}
)

// Kinds of blood_alone.tsv rows and the stage groups they split by.
const (
	KindAll    = "all"
	KindStage  = "stage_group"
	KindCancer = "cancer_type"
	KindCell   = "cancer_type x stage_group"

	StageGroupEarly   = "0-II"
	StageGroupIII     = "III"
	StageGroupIV      = "IV"
	StageGroupUnknown = LevelUnknown
)

// BloodAloneKinds lists the kinds in row order; StageGroups the stage
// groups in clinical order.
var (
	BloodAloneKinds = []string{KindAll, KindStage, KindCancer, KindCell}
	StageGroups     = []string{StageGroupEarly, StageGroupIII, StageGroupIV, StageGroupUnknown}
)
