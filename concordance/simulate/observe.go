package simulate

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
)

func patientID(index, width int) string { return fmt.Sprintf("P%0*d", width, index+1) }

// siteDepth draws the deduplicated depth at one site: the sample's median
// times a log-normal site effect, with occasional local dips (GC-rich or
// poorly captured targets).
func (m *model) siteDepth(r *rand.Rand, median, sd float64, dips float64) int {
	d := lognormal(r, median, sd)
	if chance(r, dips) {
		d *= uniform(r, 0.05, 0.2)
	}
	return max(1, int(math.Round(d)))
}

// observe sequences an alteration in both samples and applies each
// caller's thresholds.
func (m *model) observe(r *rand.Rand, pt *patient, a *alteration) {
	switch a.class {
	case concordance.Amplification:
		m.observeCNV(r, pt, a)
	case concordance.Deletion:
		m.observeDeletion(r, pt, a)
	case concordance.Fusion:
		if a.origin == originArtifact { // a rejected RNA candidate, written as made
			a.t.repr, a.p.repr = "rna_fusion", "dna_fusion"
			return
		}
		m.observeFusion(r, pt, a)
	default:
		m.observeSmall(r, pt, a)
	}
}

// expected VAFs, from purity (tissue) or tumour fraction (plasma),
// cancer-cell fraction and copy state; CH from the blood clone; germline
// from the genotype with the tumour's copy state mixed in.
func (m *model) expectedVAF(pt *patient, a *alteration) (t, p float64) {
	mix := func(f, ccf float64) float64 {
		return f * ccf * float64(a.mult) / (f*a.cn + 2*(1-f))
	}
	switch a.origin {
	case originCH:
		return a.chVAF * pt.bloodFrac, a.chVAF * (1 - pt.tf)
	case originGermline:
		if a.t.repr == "hom" {
			return 0.998, 0.998 // homozygous: every read but the odd error carries the allele
		}
		// Normal cells carry one copy; tumour cells a.mult of a.cn.
		germ := func(f float64) float64 { return (f*float64(a.mult) + (1 - f)) / (f*a.cn + 2*(1-f)) }
		return germ(pt.purity), germ(pt.tf)
	case originArtifact:
		return 0, 0
	}
	return mix(pt.purity, a.ccfT), mix(pt.tf, a.ccfP)
}

func (m *model) observeSmall(r *rand.Rand, pt *patient, a *alteration) {
	prm := &m.prm
	if a.origin == originGermline {
		switch {
		case a.mult == 2: // homozygous
			a.t.repr = "hom"
		default:
			m.germlineLOH(r, a)
		}
	}
	vt, vp := m.expectedVAF(pt, a)
	a.t.vafTrue, a.p.vafTrue = vt, vp
	a.t.v, a.p.v = a.v, a.v
	if a.t.repr == "" {
		a.t.repr = "canonical"
	}
	a.p.repr = m.plasmaRepr(r, a)
	a.p.v = m.plasmaVariant(r, a)

	// Tissue: Pisces.
	a.t.depth = m.siteDepth(r, pt.tDepth, prm.tissueDepthSD, prm.tissueLowDepthSite)
	if a.origin == originArtifact {
		m.artifactReads(r, &a.t, true)
	} else {
		a.t.alt = binomial(r, a.t.depth, vt)
		vf := a.t.vafObs()
		switch {
		case a.t.alt < 3 || vf < prm.tissueLowVF:
			a.t.written = writtenAbsent
		case a.t.depth < 100:
			a.t.written, a.t.filter = writtenFiltered, "LowDP"
		case vf < prm.tissueMinVF || a.t.alt < prm.tissueMinAlt:
			a.t.written, a.t.filter = writtenFiltered, "LowVariantFreq"
			if a.t.alt < 5 {
				a.t.filter = "q30;LowVariantFreq"
			}
		default:
			a.t.written = writtenPass
		}
	}

	// Plasma: DRAGEN. Germline calls are never in a depth dip, so that a
	// germline call is always written PASS with its status (the germline
	// exclusion rule then applies unambiguously).
	dips := prm.lowDepthSite
	if a.origin == originGermline {
		dips = 0
	}
	a.p.depth = m.siteDepth(r, pt.pDepth, prm.plasmaDepthSD, dips)
	if a.origin == originArtifact {
		m.artifactReads(r, &a.p, false)
	} else {
		a.p.alt = binomial(r, a.p.depth, vp)
		af := a.p.vafObs()
		minAlt, minAF := prm.plasmaMinAlt, prm.plasmaMinAF
		if a.hotspot {
			minAlt, minAF = prm.plasmaHotMinAlt, prm.plasmaHotMinAF
		}
		switch {
		case a.p.alt >= minAlt && af >= minAF && a.p.depth < 250:
			a.p.written, a.p.filter = writtenFiltered, "low_depth"
		case a.p.alt >= minAlt && af >= minAF:
			a.p.written = writtenPass
		case a.p.alt >= 2 && chance(r, prm.weakWritten):
			a.p.written, a.p.filter = writtenFiltered, "weak_evidence"
		default:
			a.p.written = writtenAbsent
		}
	}
	a.p.status = m.germlineStatus(r, pt, a)
}

// artifactReads sets reads for an artifact whose written state was chosen
// when it was made: low-VAF noise under a FILTER, or (rarely) a PASS call.
func (m *model) artifactReads(r *rand.Rand, o *sideObs, tissue bool) {
	if o.written == writtenAbsent {
		o.alt = 0
		return
	}
	var vaf float64
	switch {
	case tissue && o.written == writtenPass:
		vaf = uniform(r, 0.05, 0.1) // FFPE deamination passing the 5% cut-off
	case tissue && o.filter == "Blacklist":
		vaf = uniform(r, 0.04, 0.15)
	case tissue:
		vaf = uniform(r, 0.02, 0.045)
	case o.written == writtenPass:
		vaf = uniform(r, 0.0025, 0.006)
	case o.filter == "systematic_noise":
		vaf = uniform(r, 0.002, 0.006)
	default:
		vaf = uniform(r, 0.0008, 0.002)
	}
	o.alt = max(2, binomial(r, o.depth, vaf))
	if o.written == writtenPass {
		o.alt = max(o.alt, 6)
	}
	if o.filter == "" && o.written == writtenFiltered {
		if tissue {
			o.filter = []string{"LowVariantFreq", "q30;LowVariantFreq", "SB", "LowSupport"}[r.IntN(4)]
		} else {
			o.filter = []string{"weak_evidence", "weak_evidence", "systematic_noise", "no_reliable_supporting_read", "read_position"}[r.IntN(5)]
		}
	}
}

// germlineStatus is DRAGEN's INFO GermlineStatus for a plasma call.
func (m *model) germlineStatus(r *rand.Rand, pt *patient, a *alteration) string {
	prm := &m.prm
	switch a.origin {
	case originGermline:
		if a.hotspot { // rare pathogenic: in ClinVar/gnomAD or not
			return []string{"Germline_DB", "Germline_Proxi", "Germline_Proxi", "Somatic", "Somatic"}[r.IntN(5)]
		}
		switch x := r.Float64(); {
		case x < prm.dragenMissGL:
			return "Somatic"
		case x < prm.dragenMissGL+0.01:
			return "Germline_Proxi"
		}
		return "Germline_DB"
	case originCH:
		p := prm.chFlaggedOth
		switch {
		case !dragenCHGenes[a.gene.Name]:
			p = prm.chFlaggedNew
		case a.hotspot:
			p = prm.chFlagged
		}
		if chance(r, p) {
			return "Somatic_Putative_CH"
		}
	case originClonal, originSubclonal, originHeterogeneity:
		// (Not for an MNV written as separate SNVs: the flag would then sit
		// on alleles the tissue does not have, a case the truth leaves out.)
		if a.p.depth > 0 && a.p.vafObs() >= 0.3 && a.p.repr != "components" && chance(r, prm.glProxiTum) {
			return "Germline_Proxi" // a high-VAF somatic call taken for germline
		}
		for _, c := range chGenes {
			if c.gene == a.gene.Name && chance(r, 0.05) {
				return "Somatic_Putative_CH" // a tumour call in a CH gene taken for CH
			}
		}
	}
	return "Somatic"
}

// plasmaRepr chooses how DRAGEN writes the allele: indels may be written
// right-shifted in their repeat or padded with context; MNVs as one
// record, with their component SNVs (MNVTAG), or as separate SNVs.
func (m *model) plasmaRepr(r *rand.Rand, a *alteration) string {
	if a.p.repr != "" {
		return a.p.repr
	}
	prm := &m.prm
	switch a.class {
	case concordance.Indel:
		shifted := m.gn.rightShift(a.v) != a.v
		switch x := r.Float64(); {
		case shifted && x < prm.plasmaRightShift:
			return "right_shifted"
		case x < prm.plasmaRightShift+prm.plasmaPadded:
			return "padded"
		}
	case concordance.MNV:
		switch x := r.Float64(); {
		case x < prm.mnvComponents:
			return "mnv+components"
		case x < prm.mnvComponents+prm.mnvSplit:
			return "components"
		}
		return "mnv"
	}
	return "canonical"
}

func (m *model) plasmaVariant(r *rand.Rand, a *alteration) concordance.Variant {
	switch a.p.repr {
	case "right_shifted":
		return m.gn.rightShift(a.v)
	case "padded":
		return m.gn.padRight(a.v, 1+r.IntN(3))
	}
	return a.v
}

// components are the SNVs an MNV is made of.
func components(v concordance.Variant) []concordance.Variant {
	var out []concordance.Variant
	for i := 0; i < len(v.Ref); i++ {
		if v.Ref[i] != v.Alt[i] {
			out = append(out, concordance.Variant{Chrom: v.Chrom, Pos: v.Pos + i, Ref: v.Ref[i : i+1], Alt: v.Alt[i : i+1]})
		}
	}
	return out
}

// observeCNV: Craft fold change in tissue, DRAGEN copy ratio in plasma.
// Both are the mean copy number over 2 in the sample's cell mix, with
// measurement noise; plasma needs a high tumour fraction (Woodhouse 2020:
// LoD95 21.7% TF for amplifications).
func (m *model) observeCNV(r *rand.Rand, pt *patient, a *alteration) {
	prm := &m.prm
	ratio := func(f, ccf float64) float64 { return (f*ccf*a.cn + 2*(1-f*ccf)) / 2 }
	a.t.ratio = ratio(pt.purity, a.ccfT) * math.Exp(0.08*r.NormFloat64())
	a.p.ratio = ratio(pt.tf, a.ccfP) * math.Exp(0.05*r.NormFloat64())
	a.t.written = writtenAbsent
	if a.t.ratio >= prm.tissueAmpFC {
		a.t.written = writtenPass
	}
	switch {
	case a.p.ratio >= prm.plasmaAmpSM:
		a.p.written = writtenPass
	case a.p.ratio >= prm.plasmaAmpLoD:
		a.p.written, a.p.filter = writtenFiltered, "LoDFail"
	default:
		a.p.written = writtenAbsent
	}
	a.t.repr, a.p.repr = "cnv", "cnv"
}

// observeFusion: RNA supporting reads in tissue (expression × purity),
// breakend-spanning DNA reads in plasma where the assay covers the genes.
func (m *model) observeFusion(r *rand.Rand, pt *patient, a *alteration) {
	prm := &m.prm
	a.t.alt = poisson(r, prm.fusionRNAReads*lognormal(r, 1, 0.6)*pt.purity*a.ccfT)
	switch {
	case a.t.alt >= 5:
		a.t.written = writtenPass
	case a.t.alt >= 2:
		a.t.written, a.t.filter = writtenFiltered, "LowQ"
	default:
		a.t.written = writtenAbsent
	}
	a.t.repr, a.p.repr = "rna_fusion", "dna_fusion"
	if !plasmaFusionCovered(a) {
		a.p.written = writtenAbsent
		a.p.repr = "not_covered"
		return
	}
	a.p.vafTrue = pt.tf * a.ccfP / 2
	a.p.depth = m.siteDepth(r, pt.pDepth*prm.plasmaFusionEff, prm.plasmaDepthSD, prm.lowDepthSite)
	a.p.alt = binomial(r, a.p.depth, a.p.vafTrue)
	switch {
	case a.p.alt >= prm.plasmaFusionMinAlt:
		a.p.written = writtenPass
	case a.p.alt >= 1 && chance(r, 0.5):
		a.p.written, a.p.filter = writtenFiltered, "LowSupport"
	default:
		a.p.written = writtenAbsent
	}
}

func plasmaFusionCovered(a *alteration) bool {
	return plasmaFusionGenes[a.gene.Name] || plasmaFusionGenes[a.partner]
}

// fusionName is the driver and the other partner, as genes.Fusion names
// them (the simulated gene is the 5′ partner).
func fusionName(a *alteration) (string, string) {
	f := genes.Fusion(genes.Side{a.gene.Name}, genes.Side{a.partner}, true)
	return f.Gene, f.Partner
}
