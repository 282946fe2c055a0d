package schema

// Dimensions of the stratified tables (strata.tsv, patient_strata.tsv,
// reasons.tsv, power.tsv "dimension").
const (
	DimAll          = "all"
	DimCancerType   = "cancer_type"
	DimDiagnosis    = "diagnosis"
	DimCancerGroup  = "cancer_group"
	DimStage        = "stage"
	DimClass        = "class"
	DimGene         = "gene"
	DimTFTier       = "tf_tier"
	DimTissueVAFBin = "tissue_vaf_bin"
	DimDaysBetween  = "days_between"
)

// The dimensions of each stratified table, in row order.
var (
	// StrataDimensions are strata.tsv's.
	// Sheet columns named by --strata-column follow them, then the
	// two-way dimensions (TwoWayDefault unless --strata names others).
	StrataDimensions = []string{DimAll, DimCancerType, DimDiagnosis, DimCancerGroup, DimStage, DimClass, DimGene, DimTFTier, DimTissueVAFBin, DimDaysBetween}
	// PatientDimensions are patient_strata.tsv's: the patient-level ones
	// (and the sheet columns of --strata-column).
	PatientDimensions = []string{DimAll, DimCancerType, DimDiagnosis, DimCancerGroup, DimStage, DimTFTier, DimDaysBetween}
	// ExplainDimensions are reasons.tsv's and power.tsv's.
	ExplainDimensions = []string{DimAll, DimCancerType, DimStage, DimClass, DimTFTier, DimDaysBetween}
)

// TwoWayDefault are the two-way strata of strata.tsv unless --strata names
// others: each pair is (dimension, dimension2), the rows of strata.tsv
// with both named, and the tests compare the levels of dimension2 within
// each level of dimension.
var TwoWayDefault = [][2]string{{DimCancerType, DimStage}, {DimClass, DimCancerType}, {DimClass, DimStage}}

// TwoWayName is the dimension column of a two-way stratum's rows in
// strata.tsv and counts.tsv, "cancer_type x stage" (as blood_alone.tsv
// names its cancer type × stage group rows): a filter on a dimension's
// name gives its one-way rows only, and on this name the two-way table,
// whose level and level2 columns hold the two levels.
func TwoWayName(dim, dim2 string) string { return dim + " x " + dim2 }

// DimensionTitles name the dimensions for people (report, figures).
var DimensionTitles = map[string]string{
	DimAll: "All alterations", DimCancerType: "Cancer type", DimDiagnosis: "Diagnosis (cancer type as given)",
	DimCancerGroup: "Cancer group (rare / common)",
	DimStage:       "Stage", DimClass: "Alteration class", DimGene: "Gene (most altered)", DimTFTier: "Tumour-fraction tier",
	DimTissueVAFBin: "Tissue VAF bin", DimDaysBetween: "Days between samples",
}

// Level names shared by several dimensions.
const (
	LevelAll     = "all"
	LevelUnknown = "unknown"
	// LevelNoTissueCall is the tissue-VAF level of plasma-only
	// alterations: the tissue did not call them, so they have no tissue
	// VAF to bin.
	LevelNoTissueCall = "no_tissue_call"
	// LevelNoCtDNA is the tumour-fraction level of a patient whose plasma
	// has no somatic call and whose sheet gives no tumour fraction: no
	// ctDNA was detected, so none could be measured. It is defined by the
	// outcome (every tissue alteration of such a patient is missed in
	// plasma), so tests and models leave it out.
	LevelNoCtDNA = "no_ctdna_detected"
)

// The tiers of a measured tumour fraction (Husain et al. 2022), lowest
// first: TFTierLevels between no_ctdna_detected and unknown.
const (
	TFBelow1     = "<1%"
	TF1To10      = "1-10%"
	TF10AndAbove = ">=10%"
)

// TFMeasured are the tiers of a measured tumour fraction, in order.
var TFMeasured = []string{TFBelow1, TF1To10, TF10AndAbove}

// The fixed levels of the ordered dimensions, in display order. Cancer
// types and genes have no fixed levels (package levels orders them); a
// class level is a class (Classes).
var (
	StageLevels       = []string{"0", "I", "II", "III", "IV", LevelUnknown}
	CancerGroupLevels = []string{"common", "rare", LevelUnknown}
	TFTierLevels      = []string{LevelNoCtDNA, TFBelow1, TF1To10, TF10AndAbove, LevelUnknown}
	VAFBinLevels      = []string{"<5%", "5-10%", "10-20%", "20-40%", ">=40%", LevelUnknown, LevelNoTissueCall}
	DaysLevels        = []string{"<=30", "31-90", ">90", LevelUnknown}
)

// VAFBinUpper are the upper bounds (exclusive) of the first four
// tissue-VAF bins, VAFBinLevels[0:4]; the fifth is closed at 1. The
// figures draw the bins from them, so the figure of detection by tissue
// VAF can be rebuilt from strata.tsv.
var VAFBinUpper = []float64{0.05, 0.10, 0.20, 0.40}
