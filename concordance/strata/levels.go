package strata

import (
	"sort"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/schema"
)

// Dimensions of strata.tsv (schema's spellings; package levels names and
// orders their levels).
const (
	All          = schema.DimAll
	CancerType   = schema.DimCancerType
	Diagnosis    = schema.DimDiagnosis
	CancerGroup  = schema.DimCancerGroup
	Stage        = schema.DimStage
	Class        = schema.DimClass
	Gene         = schema.DimGene
	TFTier       = schema.DimTFTier
	TissueVAFBin = schema.DimTissueVAFBin
	DaysBetween  = schema.DimDaysBetween
)

// Dimensions lists the dimensions of strata.tsv in output order;
// PatientDimensions those of patient_strata.tsv (the patient-level ones).
var (
	Dimensions        = schema.StrataDimensions
	PatientDimensions = schema.PatientDimensions
)

// Level names shared by several dimensions.
const (
	LevelAll          = schema.LevelAll
	LevelUnknown      = schema.LevelUnknown
	LevelNoTissueCall = schema.LevelNoTissueCall
	LevelNoCtDNA      = schema.LevelNoCtDNA
)

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
				for _, g := range levels.Genes(r) {
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
