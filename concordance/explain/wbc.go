package explain

import (
	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/hgvs"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// wbcIndex finds a row's alteration among the WBC calls: by key, else by
// gene and equivalent protein change.
type wbcIndex struct {
	byKey  map[string]*concordance.Call
	byGene map[string][]*concordance.Call
}

func newWBCIndex(calls []concordance.Call) *wbcIndex {
	if len(calls) == 0 {
		return nil
	}
	w := &wbcIndex{byKey: map[string]*concordance.Call{}, byGene: map[string][]*concordance.Call{}}
	for i := range calls {
		c := &calls[i]
		w.byKey[c.Key()] = c
		if c.Gene != "" && c.Protein != "" {
			w.byGene[c.Gene] = append(w.byGene[c.Gene], c)
		}
	}
	return w
}

func (w *wbcIndex) find(r *concordance.Row) *concordance.Call {
	if w == nil {
		return nil
	}
	if c, ok := w.byKey[r.Key()]; ok {
		return c
	}
	for _, side := range []*concordance.Observation{&r.Plasma, &r.Tissue} {
		for _, rc := range side.Calls {
			if c, ok := w.byKey[rc.Key()]; ok {
				return c
			}
		}
	}
	if r.Gene != "" && r.Protein != "" {
		for _, c := range w.byGene[r.Gene] {
			if hgvs.Equivalent(c.Protein, r.Protein) {
				return c
			}
		}
	}
	return nil
}

// wbcObserve sets what the matched white-blood-cell sample shows at the
// site of a plasma call (Row.WBC) and flags the row by it. The counts are
// those of the WBC sample's own call of the allele when it has one, else
// those the evidence classifier read from its BAM or genome VCF. A genome
// VCF that covers the site (a reference block or a record of another
// allele) without a record of the allele says its caller saw no support
// worth writing: 0 reads. The status, by Caris's buffy-coat rules
// (Magee et al. 2025 Clin Cancer Res 31:2710; Abraham et al. 2025;
// METHODS.md §2.1):
//
//   - present: WBC VAF ≥ WBCGermlineVAF (30%) with at least
//     GermlineMinDepth reads: germline_likely; else at least WBCMinAlt
//     reads carry the allele, the WBC VAF is under WBCCHMaxVAF (20%) and
//     the plasma VAF is not clearly above the WBC's: ch_evidence;
//   - absent: the lower 95% Wilson bound of the plasma VAF is above the
//     upper bound of the WBC's ("tumour origin" in Caris's rule): the WBC
//     covers the site and lacks the allele at the plasma's level, so the
//     call is neither CH nor germline, whatever the rules below say;
//   - inconclusive: the WBC covers the site but too shallowly to tell, or
//     its VAF lies in Caris's 20–30% band (possible mosaicism);
//   - "" (nothing): no WBC sample, or no depth at the site. Without
//     coverage the absence of a WBC call means nothing.
func (c *Classifier) wbcObserve(r *concordance.Row, wbc *wbcIndex) {
	if !called(r, concordance.Plasma) {
		return
	}
	if w := wbc.find(r); w != nil {
		if w.AltReads >= 0 && w.Depth > 0 && w.AltReads <= w.Depth {
			r.WBC.Evidence = concordance.Evidence{Source: schema.EvidenceCall, AltReads: w.AltReads, Depth: w.Depth}
		} else if concordance.Known(w.VAF) {
			// A call without read counts (a report table): its VAF alone.
			r.WBC.Evidence = concordance.Evidence{Source: schema.EvidenceCall, AltReads: -1, Depth: -1}
			switch {
			case w.VAF >= c.WBCGermlineVAF:
				c.markWBCPresent(r, true)
			case w.VAF < c.WBCCHMaxVAF:
				c.markWBCPresent(r, false)
			default:
				r.WBC.Status = schema.WBCInconclusive
			}
			return
		}
	}
	e := r.WBC.Evidence
	if !e.Looked() || e.Depth <= 0 {
		return
	}
	alt := max(e.AltReads, 0) // a genome VCF's covered site without the allele: 0
	alt = min(alt, e.Depth)
	vaf := float64(alt) / float64(e.Depth)
	if vaf >= c.WBCGermlineVAF && e.Depth >= c.GermlineMinDepth {
		c.markWBCPresent(r, true)
		return
	}
	if pa, pd, ok := counts(&r.Plasma); ok {
		if stats.Wilson(pa, pd, 0.95).Low > stats.Wilson(alt, e.Depth, 0.95).High {
			r.WBC.Status = schema.WBCAbsent
			return
		}
	}
	if alt >= c.WBCMinAlt && vaf < c.WBCCHMaxVAF {
		c.markWBCPresent(r, false)
		return
	}
	r.WBC.Status = schema.WBCInconclusive
}

func (c *Classifier) markWBCPresent(r *concordance.Row, germline bool) {
	r.WBC.Status = schema.WBCPresent
	if germline {
		r.Flags |= concordance.FlagGermlineLikely
	} else {
		r.Flags |= concordance.FlagCHEvidence
	}
}

// wbcAbsent reports whether the WBC sample covers the row's site and lacks
// the allele: no rule may then call it CH or germline.
func wbcAbsent(r *concordance.Row) bool { return r.WBC.Status == schema.WBCAbsent }

// wbcPresent reports whether the WBC sample carries the allele.
func wbcPresent(r *concordance.Row) bool { return r.WBC.Status == schema.WBCPresent }
