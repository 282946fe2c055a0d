package explain

import (
	"math"

	"github.com/concord-oncology/concord/concordance"
)

// chGenePrior is the share of clonal-haematopoiesis origin among the
// plasma variants of a gene in 16,812 advanced-cancer patients whose
// plasma and buffy coat were both sequenced (Caris Assure; Magee et al.
// 2025 Clin Cancer Res 31:2710, abstract; METHODS.md §2.1): the prior
// probability that a plasma call in the gene is CH before anything else
// about it is known.
var chGenePrior = map[string]float64{
	"BRCA2": 0.390, "CHEK2": 0.379, "BRCA1": 0.274, "ATM": 0.201, "TP53": 0.185,
	"NRAS": 0.073, "BRAF": 0.058, "EGFR": 0.021, "KRAS": 0.021,
}

// Priors of genes Magee et al. do not list, by what the CH rules say of
// the change (chrules.go):
//
//   - priorSpecific 0.9: a change the rules call specific to CH (DNMT3A,
//     TET2, ASXL1, PPM1D, JAK2 V617F, spliceosome hotspots, ...): these
//     genes carry most CH (two thirds of CHIP in DNMT3A, TET2 and ASXL1,
//     Jaiswal et al. 2014 NEJM 371:2488) and are seldom mutated in solid
//     tumours; Caris calls such variants CH whenever the buffy coat has
//     them at all (Magee et al. 2025).
//   - priorRule 0.2: a rule of a gene that is also a tumour driver (IDH1,
//     GNAS, PTPN11, EZH2, ...): as TP53's 18.5%.
//   - priorCHGene 0.1: another change of a CH gene (Bick et al. 2020 list).
//   - priorOther 0.02: any other gene, as KRAS and EGFR (2.1%), the
//     lowest shares Magee et al. report. CH clones also carry changes in
//     genes no list names (in 124 cancer patients 53% of cfDNA variants
//     had features of CH: Razavi et al. 2019 Nat Med 25:1928), so no gene
//     has a prior of zero.
const (
	priorSpecific = 0.9
	priorRule     = 0.2
	priorCHGene   = 0.1
	priorOther    = 0.02
)

// Likelihood ratios of the CH likelihood's other evidence (naive Bayes:
// each multiplies the prior odds). Their sizes are judgements written
// down before any cohort was scored, then checked, unchanged, on
// synthetic cohorts of seeds 1–4 (docs/blood-alone.md gives the scores on
// seeds 101–110, used for nothing else).
const (
	// lrCaller: DRAGEN's Somatic_Putative_CH, given to calls at known CH
	// sites.
	lrCaller = 4.0
	// lrClonal: the call's VAF is at least half the tumour signal, as a
	// clonal tumour variant's is.
	lrClonal = 0.25
	// lrRatioMax caps the ratio 0.5/r of a call far below the tumour
	// signal (r its VAF over the signal): a tumour variant so far below its
	// clonal level must be a small subclone, while a CH clone's VAF has
	// nothing to do with the tumour's.
	lrRatioMax = 20.0
	// signalMin: under a tumour signal of 2% VAF, CH clones (median blood
	// VAF well under 1%) and tumour variants overlap: the ratio is not
	// used.
	signalMin = 0.02
	// lrTissueTumour: the tissue called it at a tumour-like VAF.
	lrTissueTumour = 0.02
	// lrTissueBlood: the tissue called it at a VAF of the blood in the
	// biopsy (under CHSharedTissueVAF and half its plasma VAF).
	lrTissueBlood = 2.0
	// lrTissueMissed: the tissue, covered and deep enough, did not call
	// it although a tumour variant at its plasma ratio would have a tissue
	// VAF of at least twice the tissue caller's floor.
	lrTissueMissed = 2.0
	// ageRef and ageDoubling: CH prevalence doubles about every decade of
	// age (Jaiswal et al. 2014: 1% at 40–49, 9.5% at 70–79, 18.4% from 90;
	// Magee et al. 2025: 17% of patients aged 65–69 had a CH-classified
	// variant, 50% from 80).
	ageRef      = 65.0
	ageDoubling = 10.0
)

// chPrior is the prior probability that a plasma call of the change is CH.
func chPrior(gene string, rule CHRule) float64 {
	if p, ok := chGenePrior[gene]; ok {
		return p
	}
	switch {
	case rule.Matched && rule.Specific:
		return priorSpecific
	case rule.Matched:
		return priorRule
	case IsCHGene(gene):
		return priorCHGene
	}
	return priorOther
}

// arch exempts from the CH VAF bound the truncating changes of the genes
// whose CH clones grow largest, as kbolton-lab/ArCH does (a truncating
// DNMT3A, TET2, ASXL1 or PPM1D change at ≥ 35% VAF is kept as CH).
var archExempt = map[string]bool{"DNMT3A": true, "TET2": true, "ASXL1": true, "PPM1D": true}

// clonalHaematopoiesis grades the likelihood that a plasma call comes
// from clonal haematopoiesis when the WBC sample says nothing conclusive
// (present calls are ch_evidence, absent ones never CH: wbcObserve). The
// posterior probability (Row.CH) starts from the gene's prior (chPrior),
// its odds multiplied by:
//
//   - age: 2^((age − 65)/10), age clamped to 30–90 (1 when unknown);
//   - the caller's Somatic_Putative_CH: lrCaller;
//   - the VAF against the patient's tumour signal T (signalFor): ratio
//     r = VAF/T; lrClonal from r ≥ 1/2, else min(lrRatioMax, 0.5/r); 1
//     when T is unknown or under signalMin;
//   - the tissue: lrTissueTumour when it called the change at a
//     tumour-like VAF, lrTissueBlood at the VAF of blood in the biopsy,
//     lrTissueMissed when it did not call it where a tumour variant would
//     have shown.
//
// A plasma VAF at or above CHMaxVAF is not CH (probability 0): a
// heterozygous clone there would make up 70% of the blood cells
// (kbolton-lab/ArCH takes VAF ≥ 0.35 as germline, Caris calls buffy-coat
// VFs from 30% germline and keeps CH under 20%), except the truncating
// changes ArCH exempts. A call with fewer than CHMinAlt reads is not
// graded: one or two reads say too little. From CHProbable the call is
// ch_candidate (probable CH: the reason ch_candidate, dropped by --exclude
// ch), from CHPossible ch_possible (a flag only).
func (c *Classifier) clonalHaematopoiesis(pr *concordance.PatientResult, ps *patientScale, i int) {
	r := &pr.Rows[i]
	if !called(r, concordance.Plasma) || !r.Class.IsSmall() || r.Flags.Has(concordance.FlagGermlineLikely) ||
		wbcPresent(r) || wbcAbsent(r) {
		return
	}
	call := annotated(r)
	if call == nil {
		return
	}
	if alt, _, ok := counts(&r.Plasma); ok && alt < c.CHMinAlt {
		return
	}
	pv := r.Plasma.VAF()
	if !concordance.Known(pv) {
		return
	}
	rule := MatchCH(call)
	if pv >= c.CHMaxVAF && !(archExempt[call.Gene] && EffectOf(call).Kind == Truncating) {
		r.CH = &concordance.CHAssessment{Probability: 0}
		return
	}
	prior := chPrior(call.Gene, rule)
	odds := prior / (1 - prior)
	if age := pr.Patient.Age; concordance.Known(age) {
		odds *= math.Exp2((math.Min(90, math.Max(30, age)) - ageRef) / ageDoubling)
	}
	if r.Flags.Has(concordance.FlagCHCaller) {
		odds *= lrCaller
	}
	t := ps.signalFor(pr, i)
	ratio := math.NaN()
	if concordance.Known(t) && t >= signalMin {
		ratio = pv / t
		if ratio >= 0.5 {
			odds *= lrClonal
		} else {
			odds *= math.Min(lrRatioMax, 0.5/ratio)
		}
	}
	odds *= c.tissueLR(pr, ps, r, ratio)
	p := odds / (1 + odds)
	r.CH = &concordance.CHAssessment{Probability: p}
	switch {
	case p >= c.CHProbable:
		r.Flags |= concordance.FlagCHCandidate
	case p >= c.CHPossible:
		r.Flags |= concordance.FlagCHPossible
	}
}

// tissueLR is the tissue's likelihood ratio for CH (see
// clonalHaematopoiesis). ratio is the call's plasma VAF over the tumour
// signal (NaN when unknown).
func (c *Classifier) tissueLR(pr *concordance.PatientResult, ps *patientScale, r *concordance.Row, ratio float64) float64 {
	switch {
	case called(r, concordance.Tissue) && c.tumourLikeTissue(r):
		return lrTissueTumour
	case called(r, concordance.Tissue):
		return lrTissueBlood
	case r.Tissue.Status != concordance.NotDetected || r.Flags.Has(concordance.FlagLowCoverage) || pr.Failed[concordance.Tissue]:
		// Not covered, failed, held under the threshold (blood in the
		// biopsy or tumour: either), or too shallow to say.
		return 1
	case concordance.Known(ratio) && concordance.Known(ps.tissueMax) && ratio*ps.tissueMax >= 2*c.TissueMinVAF:
		return lrTissueMissed
	}
	return 1
}
