package explain

import (
	"math"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
)

// top2 keeps the two largest values of a set of rows and the row holding
// the largest, so that each row can be compared with the largest value of
// the others (a scan of all rows per row made a sample of many calls
// quadratic).
type top2 struct {
	first, second float64
	at            int
}

func newTop2() top2 { return top2{math.NaN(), math.NaN(), -1} }

func (t *top2) add(i int, v float64) {
	switch {
	case !concordance.Known(v):
	case !(v <= t.first):
		t.first, t.second, t.at = v, t.first, i
	case !(v <= t.second):
		t.second = v
	}
}

// without is the largest value of the rows other than i (NaN when none).
func (t top2) without(i int) float64 {
	if i == t.at {
		return t.second
	}
	return t.first
}

// patientScale is what a patient's other calls say about the tumour
// content of its samples: the tissue and plasma VAFs of calls that look
// somatic (scale, read by the germline test), the plasma tumour signal a
// possible CH call is compared with (signal), the largest somatic tissue
// VAF (tissueMax) and the genes with a copy-number change (cnGenes).
type patientScale struct {
	cnGenes   map[string]bool
	scale     [2]top2
	signal    top2
	tissueMax float64
}

// copyNumberGenes lists the genes with an amplification or a copy loss
// called in either sample: a small variant there can have a VAF above the
// sample's tumour content (a mutated amplified allele), so it neither
// measures the content nor is tested against it.
func copyNumberGenes(pr *concordance.PatientResult) map[string]bool {
	var m map[string]bool
	for i := range pr.Rows {
		r := &pr.Rows[i]
		if (r.Class == concordance.Amplification || r.Class == concordance.Deletion) &&
			(called(r, concordance.Tissue) || called(r, concordance.Plasma)) {
			if m == nil {
				m = map[string]bool{}
			}
			m[r.Gene] = true
		}
	}
	return m
}

// germlineLooking reports whether a side's counts are consistent with a
// plain heterozygous or homozygous germline genotype (50%, or ≥ 98%),
// or too few to tell at a VAF the conventions leave out of a somatic
// summary (≥ 35%: kunstner/UKSH_liquidbiopsy; kbolton-lab/ArCH).
func (c *Classifier) germlineLooking(o *concordance.Observation) bool {
	alt, depth, ok := counts(o)
	if !ok || depth < c.GermlineMinDepth {
		v := o.VAF()
		return concordance.Known(v) && v >= chMaxVAFConvention
	}
	return consistent(alt, depth, 0.5, 0.5, c.GermlineP) || consistent(alt, depth, homVAF, 1, c.GermlineP)
}

// chMaxVAFConvention is the VAF from which CH and tumour-fraction
// conventions treat a call as possibly germline (kunstner/UKSH_liquidbiopsy
// leaves VAF ≥ 0.35 out of its tumour-fraction surrogate; kbolton-lab/ArCH
// PostPipelineFilters.R takes VAF ≥ 0.35 as germline).
const chMaxVAFConvention = 0.35

// somaticScale sets the scales: per side, the VAFs of calls that look
// somatic (not flagged germline or CH by the caller, the population or
// the WBC sample, not germline-looking, outside copy-number changes).
func (c *Classifier) somaticScale(pr *concordance.PatientResult, ps *patientScale) {
	ps.scale = [2]top2{newTop2(), newTop2()}
	for i := range pr.Rows {
		r := &pr.Rows[i]
		if !r.Class.IsSmall() || ps.cnGenes[r.Gene] || wbcPresent(r) ||
			r.Flags&(concordance.FlagGermlineLikely|concordance.FlagCHEvidence|concordance.FlagCHCaller) != 0 {
			continue
		}
		for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
			o := r.Side(s)
			if called(r, s) && !c.germlineLooking(o) {
				ps.scale[s].add(i, o.VAF())
			}
		}
	}
}

// sheetSlack widens the sheet's tumour fraction and purity into a range
// for the germline test: pathology purity and TF estimates are uncertain
// by about a quarter of their value.
const sheetSlack = 1.25

// contentRange is the range of tumour content (purity for the tissue,
// tumour fraction for the plasma) that row i is judged with: the sheet's
// value ÷/× sheetSlack (raised to the largest somatic VAF of the patient's
// other calls on that side when that is higher: the content is at least
// that); else, from the other calls, [m, 2m] for the largest somatic VAF m
// (a clonal variant has VAF between content/2, heterozygous in a diploid
// region, and the content itself, with loss of heterozygosity); else
// [0, maxContent], which judges little.
func contentRange(pr *concordance.PatientResult, ps *patientScale, s concordance.Side, i int) (lo, hi float64) {
	m := ps.scale[s].without(i)
	sheet := pr.Patient.TumorFraction
	if s == concordance.Tissue {
		sheet = pr.Patient.TumorPurity
	}
	switch {
	case concordance.Known(sheet) && sheet > 0:
		lo, hi = sheet/sheetSlack, math.Min(1, sheet*sheetSlack)
		if concordance.Known(m) && m > hi {
			hi = math.Min(1, m)
		}
		return lo, hi
	case concordance.Known(m):
		return m, math.Min(maxContent[s], 2*m)
	}
	return 0, maxContent[s]
}

// maxContent is the most tumour content a sample can hold: a biopsy can be
// all tumour, cell-free DNA always carries the blood cells' own (tumour
// fractions beyond 90% are not reported: the simulator's and ichorCNA's
// ceiling).
var maxContent = [2]float64{concordance.Tissue: 1, concordance.Plasma: 0.95}

// tumourLikeTissue reports whether the tissue called the row at a VAF of
// tumour DNA rather than of the blood in the biopsy (a CH allele reaches a
// tissue sample through its blood cells, a few percent of its blood VAF).
func (c *Classifier) tumourLikeTissue(r *concordance.Row) bool {
	if !called(r, concordance.Tissue) {
		return false
	}
	tv, pv := r.Tissue.VAF(), r.Plasma.VAF()
	return concordance.Known(tv) && !(tv < c.CHSharedTissueVAF && concordance.Known(pv) && tv <= pv/2)
}

// tumourSignal sets the plasma tumour signal a possible CH call is
// compared with: the VAFs of the patient's other plasma calls that show
// tumour DNA: not germline-likely, not in the WBC sample, outside
// copy-number changes, and either matching no CH rule, or shared with the
// tissue at a tumour-like VAF, or too high for CH (≥ CHMaxVAF), or shown
// absent from the WBC sample. The largest somatic tissue VAF is kept for
// the tissue factor of the CH likelihood.
func (c *Classifier) tumourSignal(pr *concordance.PatientResult, ps *patientScale) {
	ps.signal, ps.tissueMax = newTop2(), math.NaN()
	for i := range pr.Rows {
		r := &pr.Rows[i]
		if !r.Class.IsSmall() || ps.cnGenes[r.Gene] || wbcPresent(r) ||
			r.Flags&(concordance.FlagGermlineLikely|concordance.FlagCHEvidence) != 0 {
			continue
		}
		if tv := r.Tissue.VAF(); called(r, concordance.Tissue) && c.tumourLikeTissue(r) && !(tv <= ps.tissueMax) {
			ps.tissueMax = tv
		}
		if !called(r, concordance.Plasma) {
			continue
		}
		v := r.Plasma.VAF()
		if a := annotated(r); wbcAbsent(r) || a == nil || !MatchCH(a).Matched || c.tumourLikeTissue(r) || v >= c.CHMaxVAF {
			ps.signal.add(i, v)
		}
	}
}

// signalFor is the tumour signal row i is compared with: the largest VAF
// of the others, at least half the sheet's tumour fraction (the VAF of a
// clonal heterozygous variant in a diploid region); NaN when unknown.
func (ps *patientScale) signalFor(pr *concordance.PatientResult, i int) float64 {
	t := ps.signal.without(i)
	if tf := pr.Patient.TumorFraction; concordance.Known(tf) && !(tf/2 <= t) {
		t = tf / 2
	}
	return t
}

// somatic reports whether a plasma call of the row counts as somatic
// tumour signal: not germline-likely, not in the WBC sample, not probable
// CH by the rules or the caller (a ch_possible call is more likely tumour
// than not, and counts).
func somatic(r *concordance.Row) bool {
	return r.Flags&(concordance.FlagGermlineLikely|concordance.FlagCHCandidate|
		concordance.FlagCHEvidence|concordance.FlagCHCaller) == 0 && !wbcPresent(r)
}

// tumourFraction sets the patient's tumour fraction: the sheet's, else the
// maximum somatic allele fraction (MSAF) of the plasma's small variants
// (Husain et al. 2022 JCO Precis Oncol). Somatic calls are those no flag
// calls germline or CH and that lie outside copy-number changes. Unlike
// the usual MSAF it does not leave out VAFs ≥ 35%: the germline test sees
// the patient's tumour content and loss of heterozygosity, so what it
// leaves is tumour, and at high tumour fraction the tumour's own calls
// are exactly the high ones (a TP53 hotspot with loss of the other allele
// at 80%). A plasma with no somatic call of any class is uninformative.
func (c *Classifier) tumourFraction(pr *concordance.PatientResult, ps *patientScale) {
	msaf := math.NaN()
	somaticCalls := 0
	for i := range pr.Rows {
		r := &pr.Rows[i]
		if !called(r, concordance.Plasma) || !somatic(r) {
			continue
		}
		somaticCalls++
		if v := r.Plasma.VAF(); r.Class.IsSmall() && !ps.cnGenes[r.Gene] && concordance.Known(v) && !(v <= msaf) {
			msaf = v
		}
	}
	pr.UninformativePlasma = somaticCalls == 0 && !pr.Failed[concordance.Plasma]
	switch {
	case concordance.Known(pr.Patient.TumorFraction):
		pr.TumorFraction, pr.TumorFractionSource = pr.Patient.TumorFraction, schema.SourceSheet
	case concordance.Known(msaf):
		pr.TumorFraction, pr.TumorFractionSource = msaf, schema.SourceMSAF
	default:
		pr.TumorFraction, pr.TumorFractionSource = math.NaN(), ""
	}
}

// purity sets the tissue purity: the sheet's, else twice the median tissue
// VAF of somatic small variants under 70% outside copy-number changes
// (clamped to [5%, 100%]), else DefaultPurity.
func (c *Classifier) purity(pr *concordance.PatientResult, ps *patientScale) {
	if pu := pr.Patient.TumorPurity; concordance.Known(pu) && pu > 0 {
		pr.Purity, pr.PuritySource = pu, schema.SourceSheet
		return
	}
	var vafs []float64
	for i := range pr.Rows {
		r := &pr.Rows[i]
		if !r.Class.IsSmall() || !called(r, concordance.Tissue) || ps.cnGenes[r.Gene] || !somatic(r) {
			continue
		}
		if v := r.Tissue.VAF(); concordance.Known(v) && v > 0 && v < 2*chMaxVAFConvention {
			vafs = append(vafs, v)
		}
	}
	if len(vafs) == 0 {
		pr.Purity, pr.PuritySource = c.DefaultPurity, schema.SourceDefault
		return
	}
	pr.Purity, pr.PuritySource = math.Min(1, math.Max(0.05, 2*median(vafs))), schema.SourceTissueVAF
}
