package schema

// Dimensions of the stratified tables (strata.tsv, patient_strata.tsv,
// reasons.tsv, power.tsv "dimension").
const (
	DimAll          = "all"
	DimCancerType   = "cancer_type"
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
	StrataDimensions = []string{DimAll, DimCancerType, DimCancerGroup, DimStage, DimClass, DimGene, DimTFTier, DimTissueVAFBin, DimDaysBetween}
	// PatientDimensions are patient_strata.tsv's: the patient-level ones.
	PatientDimensions = []string{DimAll, DimCancerType, DimCancerGroup, DimStage, DimTFTier, DimDaysBetween}
	// ExplainDimensions are reasons.tsv's and power.tsv's.
	ExplainDimensions = []string{DimAll, DimCancerType, DimStage, DimClass, DimTFTier, DimDaysBetween}
)

// DimensionTitles name the dimensions for people (report, figures).
var DimensionTitles = map[string]string{
	DimAll: "All alterations", DimCancerType: "Cancer type", DimCancerGroup: "Cancer group (rare / common)",
	DimStage: "Stage", DimClass: "Alteration class", DimGene: "Gene (most altered)", DimTFTier: "Tumour-fraction tier",
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
)

// The fixed levels of the ordered dimensions, in display order. Cancer
// types and genes have no fixed levels (package levels orders them); a
// class level is a class (Classes).
var (
	StageLevels       = []string{"0", "I", "II", "III", "IV", LevelUnknown}
	CancerGroupLevels = []string{"common", "rare", LevelUnknown}
	TFTierLevels      = []string{"<1%", "1-10%", ">=10%", LevelUnknown}
	VAFBinLevels      = []string{"<5%", "5-10%", "10-20%", "20-40%", ">=40%", LevelUnknown, LevelNoTissueCall}
	DaysLevels        = []string{"<=30", "31-90", ">90", LevelUnknown}
)
