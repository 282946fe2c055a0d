package explain

import (
	"math"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/stats"
)

// germlineState is the tumour's copy state at a heterozygous germline
// site: its copy number and the copies carrying the allele. The VAF of a
// sample whose tumour content (purity, tumour fraction) is f is
// (f·m + (1 − f)) / (f·cn + 2(1 − f)): the normal cells carry one copy of
// two, the tumour cells m of cn.
type germlineState struct{ cn, m float64 }

// germlineStates: no change, copy-neutral loss of heterozygosity keeping
// or losing the allele, and loss of one copy keeping or losing it (loss
// of heterozygosity is common in tumours: a clonal heterozygous
// variant then sits anywhere between the content's half and the content).
var germlineStates = []germlineState{{2, 1}, {2, 2}, {2, 0}, {1, 1}, {1, 0}}

func (g germlineState) vaf(f float64) float64 {
	return (f*g.m + (1 - f)) / (f*g.cn + 2*(1-f))
}

// homVAF is the least VAF taken as homozygous (every read but errors).
const homVAF = 0.98

// consistent reports whether alt of depth reads are consistent with a VAF
// in [lo, hi]: the central two-sided exact binomial test against the
// nearest point of the range (1 inside it) is at least p.
func consistent(alt, depth int, lo, hi, p float64) bool {
	v := math.Min(math.Max(float64(alt)/float64(depth), lo), hi)
	return stats.BinomialCentral(alt, depth, v) >= p
}

// sideCounts are one sample's counts at a row, with the tumour content it
// is judged with.
type sideCounts struct {
	alt, depth int
	lo, hi     float64 // tumour content range
	called     bool
}

// germline sets germline_likely. A call the WBC sample covers and lacks
// is never germline; one the WBC carries at ≥ 30% already is (wbcObserve).
// Otherwise a call is germline-likely by the caller's germline status
// (calls kept with --keep-germline), by a population frequency ≥
// GermlinePopAF, or by its VAFs:
//
//   - consistent with one germline genotype on every sample that called it
//     (and on the tissue's evidence counts at a site it did not call): a
//     heterozygous variant with the same tumour copy state in every
//     sample (germlineStates, at the sample's tumour content range,
//     contentRange), or a homozygous one (VAF ≥ 98%); central exact
//     binomial test, p ≥ GermlineP (kunstner/UKSH_liquidbiopsy's 1e-4);
//   - and not somatic on at least one of them: its VAF significantly above
//     the most a somatic variant reaches there, the sample's tumour
//     content (every tumour copy mutated, copy number ≤ 2): P(X ≥ alt) <
//     GermlineP at the top of the content range. A variant whose tissue
//     VAF tracks the purity, or whose plasma VAF the patient's tumour
//     fraction explains, is therefore somatic: at a tumour fraction of
//     80% a clonal heterozygous variant with loss of heterozygosity sits
//     anywhere between 40% and 80%.
//
// Every sample that called it needs GermlineMinDepth reads for the VAF
// route; a gene with a copy-number change is not tested by VAF.
func (c *Classifier) germline(pr *concordance.PatientResult, ps *patientScale, i int) {
	r := &pr.Rows[i]
	if !r.Class.IsSmall() || wbcAbsent(r) || r.Flags.Has(concordance.FlagGermlineLikely) {
		return
	}
	for _, side := range []*concordance.Observation{&r.Tissue, &r.Plasma} {
		for _, call := range side.Calls {
			if call.Flags.Has(concordance.FlagGermlineCaller) || concordance.Known(call.PopAF) && call.PopAF >= c.GermlinePopAF {
				r.Flags |= concordance.FlagGermlineLikely
				return
			}
		}
	}
	if !called(r, concordance.Plasma) || ps.cnGenes[r.Gene] {
		return
	}
	var sides [2]sideCounts
	n := 0
	for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
		o := r.Side(s)
		var alt, depth int
		switch {
		case called(r, s):
			var ok bool
			if alt, depth, ok = counts(o); !ok || depth < c.GermlineMinDepth {
				return // a sample that called it cannot be tested: no VAF verdict
			}
		case o.Evidence.Looked() && o.Evidence.AltReads >= 0 && o.Evidence.Depth >= c.GermlineMinDepth:
			alt, depth = min(o.Evidence.AltReads, o.Evidence.Depth), o.Evidence.Depth
		default:
			continue
		}
		lo, hi := contentRange(pr, ps, s, i)
		sides[n] = sideCounts{alt: alt, depth: depth, lo: lo, hi: hi, called: called(r, s)}
		n++
	}
	if c.germlineVAF(sides[:n]) {
		r.Flags |= concordance.FlagGermlineLikely
	}
}

// germlineVAF applies the VAF route of germline to the samples' counts.
func (c *Classifier) germlineVAF(sides []sideCounts) bool {
	notSomatic := false
	for _, s := range sides {
		// P(X ≥ alt) under the largest somatic VAF, the content's top.
		if s.called && s.hi < 1 && stats.BinomialUpper(s.alt-1, s.depth, s.hi) < c.GermlineP {
			notSomatic = true
		}
	}
	if !notSomatic {
		return false
	}
	hom := true
	for _, s := range sides {
		if !consistent(s.alt, s.depth, homVAF, 1, c.GermlineP) {
			hom = false
			break
		}
	}
	if hom {
		return true
	}
	for _, g := range germlineStates {
		all := true
		for _, s := range sides {
			a, b := g.vaf(s.lo), g.vaf(s.hi)
			if !consistent(s.alt, s.depth, math.Min(a, b), math.Max(a, b), c.GermlineP) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
