package strata

import (
	"math"
	"sort"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/oncotree"
)

// Dimensions of strata.tsv, in output order.
const (
	All          = "all"
	CancerType   = "cancer_type"
	CancerGroup  = "cancer_group"
	Stage        = "stage"
	Class        = "class"
	Gene         = "gene"
	TFTier       = "tf_tier"
	TissueVAFBin = "tissue_vaf_bin"
	DaysBetween  = "days_between"
)

// Dimensions lists the dimensions of strata.tsv in output order;
// PatientDimensions those of patient_strata.tsv (the patient-level ones).
var (
	Dimensions        = []string{All, CancerType, CancerGroup, Stage, Class, Gene, TFTier, TissueVAFBin, DaysBetween}
	PatientDimensions = []string{All, CancerType, CancerGroup, Stage, TFTier, DaysBetween}
)

// Level names shared by several dimensions.
const (
	LevelAll     = "all"
	LevelUnknown = "unknown"
	// LevelNoTissueCall is the tissue-VAF level of plasma-only
	// alterations: the tissue did not call them, so they have no tissue
	// VAF to bin.
	LevelNoTissueCall = "no_tissue_call"
)

// Fixed level orders of the ordered dimensions.
var (
	stageOrder   = []string{"0", "I", "II", "III", "IV", LevelUnknown}
	groupOrder   = []string{"common", "rare", LevelUnknown}
	tfOrder      = []string{"<1%", "1-10%", ">=10%", LevelUnknown}
	vafOrder     = []string{"<5%", "5-10%", "10-20%", "20-40%", ">=40%", LevelUnknown, LevelNoTissueCall}
	daysOrder    = []string{"<=30", "31-90", ">90", LevelUnknown}
	vafBinUpper  = []float64{0.05, 0.10, 0.20, 0.40} // upper bounds (exclusive) of the first four bins
	vafTrendBins = vafOrder[:5]
)

// VAFBin names the tissue-VAF bin of a tissue VAF in [0, 1]: "<5%",
// "5-10%", "10-20%", "20-40%", ">=40%", or "unknown" when it is missing.
// Bins are closed below and open above (a VAF of exactly 10% is in
// "10-20%"). The low bins are narrow because detection in plasma changes
// fastest there: a tissue VAF under 5% is a subclonal or low-purity call
// whose plasma VAF sits near the assay's limit of detection.
func VAFBin(vaf float64) string {
	if !concordance.Known(vaf) || math.IsInf(vaf, 0) {
		return LevelUnknown
	}
	for i, u := range vafBinUpper {
		if vaf < u {
			return vafOrder[i]
		}
	}
	return vafOrder[4]
}

// DaysBin names the sampling-interval bin of a patient: "<=30", "31-90",
// ">90" days between tissue and plasma collection, whichever came first,
// or "unknown" without both dates. The 90-day bound is NCI-MATCH's window
// for contemporaneous samples (METHODS.md §2.4).
func DaysBin(p *concordance.Patient) string {
	d, ok := p.DaysBetween()
	if !ok {
		return LevelUnknown
	}
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 30:
		return daysOrder[0]
	case d <= 90:
		return daysOrder[1]
	default:
		return daysOrder[2]
	}
}

// StageLevel is the stage level of a patient: "0", "I"–"IV" or "unknown".
func StageLevel(p *concordance.Patient) string {
	if p.Stage == "" {
		return LevelUnknown
	}
	return p.Stage
}

// CancerGroupLevel is "rare", "common" or "unknown" (oncotree.Classify).
func CancerGroupLevel(p *concordance.Patient) string {
	return oncotree.Classify(p.OncotreeCode, p.CancerType).Rarity.String()
}

// cancerTypes names each patient's cancer type: the sheet's free text,
// grouped without regard to case and spacing and spelled as its first
// patient in sheet order has it; without free text, the OncoTree name of
// the code (or the code itself); "unknown" when there is neither.
func cancerTypes(patients []concordance.PatientResult) []string {
	out := make([]string, len(patients))
	first := map[string]string{}
	for i := range patients {
		p := patients[i].Patient
		label := strings.Join(strings.Fields(p.CancerType), " ")
		if label == "" {
			if in, ok := oncotree.Lookup(p.OncotreeCode); ok {
				label = in.Name
			} else {
				label = strings.ToUpper(strings.TrimSpace(p.OncotreeCode))
			}
		}
		if label == "" {
			out[i] = LevelUnknown
			continue
		}
		key := strings.ToLower(label)
		if f, ok := first[key]; ok {
			label = f
		} else {
			first[key] = label
		}
		out[i] = label
	}
	return out
}

// patientLevels maps each patient-level dimension to the function giving
// a patient's (by index) level in it.
func patientLevels(patients []concordance.PatientResult) map[string]func(i int) string {
	types := cancerTypes(patients)
	return map[string]func(i int) string{
		All:         func(int) string { return LevelAll },
		CancerType:  func(i int) string { return types[i] },
		CancerGroup: func(i int) string { return CancerGroupLevel(patients[i].Patient) },
		Stage:       func(i int) string { return StageLevel(patients[i].Patient) },
		TFTier:      func(i int) string { return patients[i].TFTier() },
		DaysBetween: func(i int) string { return DaysBin(patients[i].Patient) },
	}
}

// tissueCalled reports whether the tissue called the alteration (shared
// or tissue-only).
func tissueCalled(r *concordance.Row) bool {
	return r.Category == concordance.Shared || r.Category == concordance.TissueOnly
}

// rowVAFBin is the tissue-VAF level of a counted row.
func rowVAFBin(r *concordance.Row) string {
	if !tissueCalled(r) {
		return LevelNoTissueCall
	}
	return VAFBin(r.Tissue.VAF())
}

// rowGenes are the genes an alteration counts under: its gene and, for a
// fusion, its partner too (a fusion belongs to both genes).
func rowGenes(r *concordance.Row) []string {
	g := strings.TrimSpace(r.Gene)
	p := strings.TrimSpace(r.Partner)
	switch {
	case g == "" && p == "":
		return nil
	case r.Class == concordance.Fusion && p != "" && p != g && g != "":
		return []string{g, p}
	case g == "":
		return []string{p}
	}
	return []string{g}
}

// topGenes returns the n genes with the most counted alterations, most
// first, ties by name.
func topGenes(patients []concordance.PatientResult, n int) []string {
	if n <= 0 {
		return nil
	}
	count := map[string]int{}
	for i := range patients {
		for j := range patients[i].Rows {
			r := &patients[i].Rows[j]
			if r.Counted() {
				for _, g := range rowGenes(r) {
					count[g]++
				}
			}
		}
	}
	genes := make([]string, 0, len(count))
	for g := range count {
		genes = append(genes, g)
	}
	sort.Slice(genes, func(a, b int) bool {
		if count[genes[a]] != count[genes[b]] {
			return count[genes[a]] > count[genes[b]]
		}
		return genes[a] < genes[b]
	})
	if len(genes) > n {
		genes = genes[:n]
	}
	return genes
}

func classOrder() []string {
	var out []string
	for _, c := range concordance.Classes() {
		out = append(out, c.String())
	}
	return append(out, concordance.ClassUnknown.String())
}
