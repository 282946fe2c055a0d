package simulate

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/concord-oncology/concord/concordance"
)

// Issue 11: the calls a panel VCF holds besides protein-altering ones
// (intronic and UTR passengers; synonymous ones the model drew already)
// and copy losses. They are drawn from their own random stream, after the
// rest of the patient, so that the tumour, CH, germline and artifacts of a
// patient are what they were before issue 11.
const scopeStream = 0x5C0FE11

// Kinds of non-coding passenger.
const (
	kindIntron = "intron"
	kindUTR5   = "utr5"
	kindUTR3   = "utr3"
)

// noncodingPerCoding is the mean number of intronic and UTR passenger
// calls per coding passenger. The TSO500 panel targets 1.94 Mb (Illumina's
// TSO500 data sheet) of which 1.28 Mb are the coding bases its TMB counts
// (the CVO's "Coding Region Size in Megabases", FORMATS.md §1): the other
// 0.66 Mb, intronic flanks of the baited exons and UTRs, hold about
// 0.66/1.28 ≈ 0.5 passenger calls per coding one at an even mutation
// density (somatic density is no lower in introns than in exons:
// Lawrence et al. 2013, Nature 499:214). Of them, UTRs are about a fifth
// (the baited UTR sequence of first and last exons is short beside the
// intronic flanks of every exon).
const (
	noncodingPerCoding = 0.5
	noncodingUTRShare  = 0.2
)

// Introns and UTRs the model places calls in: at least deepIntron bases
// into an intron (past VEP's splice region, 3–8 bases), and within utrSpan
// bases of the coding sequence for UTR calls.
const (
	deepIntron = 12
	utrSpan    = 60
)

// deletionTable: probability of a homozygous (deep) deletion of a tumour
// suppressor by diagnosis, approximately the frequencies of the TCGA
// PanCancer Atlas studies on cBioPortal (CDKN2A: glioblastoma ~55%,
// mesothelioma ~45%, melanoma ~30%, bladder and squamous lung ~25%;
// PTEN: prostate ~15%; RB1: leiomyosarcoma ~15%), rounded; every other
// diagnosis has deletionDefault. Only genes both CNV callers report.
var (
	deletionDefault = []geneProb{{"CDKN2A", 0.03}, {"PTEN", 0.01}}
	deletionTable   = map[string][]geneProb{
		"GB": {{"CDKN2A", 0.55}, {"PTEN", 0.08}}, "ASTR": {{"CDKN2A", 0.1}},
		"PLMESO": {{"CDKN2A", 0.45}}, "PEMESO": {{"CDKN2A", 0.25}},
		"BLCA": {{"CDKN2A", 0.25}}, "UTUC": {{"CDKN2A", 0.2}},
		"SKCM": {{"CDKN2A", 0.3}, {"PTEN", 0.05}}, "ACRM": {{"CDKN2A", 0.2}}, "MUCM": {{"CDKN2A", 0.2}},
		"PAAD": {{"CDKN2A", 0.2}}, "LUSC": {{"CDKN2A", 0.25}}, "LUAD": {{"CDKN2A", 0.15}},
		"HNSC": {{"CDKN2A", 0.2}}, "ESCA": {{"CDKN2A", 0.2}}, "ESCC": {{"CDKN2A", 0.2}}, "STAD": {{"CDKN2A", 0.07}},
		"PRAD": {{"PTEN", 0.15}, {"BRCA2", 0.03}, {"RB1", 0.03}},
		"BRCA": {{"PTEN", 0.02}, {"RB1", 0.02}, {"CDKN2A", 0.03}},
		"LMS":  {{"RB1", 0.15}, {"PTEN", 0.1}}, "ULMS": {{"RB1", 0.1}, {"PTEN", 0.05}},
		"UPS": {{"CDKN2A", 0.15}, {"RB1", 0.05}}, "CHS": {{"CDKN2A", 0.2}}, "OS": {{"CDKN2A", 0.1}, {"RB1", 0.05}},
		"SCLC": {{"RB1", 0.1}}, "HGSOC": {{"RB1", 0.05}, {"PTEN", 0.03}}, "UCEC": {{"PTEN", 0.03}},
		"IHCH": {{"CDKN2A", 0.1}}, "EHCH": {{"CDKN2A", 0.1}}, "GBC": {{"CDKN2A", 0.1}},
	}
)

// issue11 adds a patient's copy losses and non-coding passengers, drawn
// from the stream r, and observes them.
func (m *model) issue11(r *rand.Rand, pt *patient) {
	first := len(pt.alts)
	m.deletions(r, pt)
	m.noncoding(r, pt)
	for _, a := range pt.alts[first:] {
		m.observe(r, pt, a)
	}
}

// deletions draws the tumour's homozygous deletions (copy number 0 in the
// tumour cells that carry them; clonal 85% of the time, like
// amplifications), never of a gene the tumour amplifies.
func (m *model) deletions(r *rand.Rand, pt *patient) {
	table, ok := deletionTable[pt.ct.code]
	if !ok {
		table = deletionDefault
	}
	for _, d := range table {
		if !chance(r, d.p) || pt.hasCNV(d.gene) {
			continue
		}
		a := &alteration{class: concordance.Deletion, gene: m.gn.Gene(d.gene), cn: 0}
		m.clonality(r, pt, a, chance(r, 0.15))
		pt.alts = append(pt.alts, a)
	}
}

// hasCNV reports whether the patient has a copy-number change of a gene.
func (pt *patient) hasCNV(gene string) bool {
	for _, a := range pt.alts {
		if (a.class == concordance.Amplification || a.class == concordance.Deletion) && a.gene.Name == gene {
			return true
		}
	}
	return false
}

// noncoding draws the intronic and UTR passengers: as many on average as
// noncodingPerCoding × the coding passengers the tumour's mutation rate
// gives, in genes by coding length (their exon count follows it), clonal
// or subclonal like coding passengers.
func (m *model) noncoding(r *rand.Rand, pt *patient) {
	mean := pt.ct.tmb * noncodingPerCoding
	if pt.hyper {
		mean *= 10
	}
	n := min(poisson(r, mean*gamma(r, m.prm.passengerK)/m.prm.passengerK), 60)
	for i := 0; i < n; i++ {
		g := m.panel[pick(r, m.panelW)]
		kind := kindIntron
		if chance(r, noncodingUTRShare) {
			kind = []string{kindUTR5, kindUTR3}[r.IntN(2)]
		}
		a := m.newNoncoding(r, pt, g, kind)
		if a == nil {
			continue
		}
		m.clonality(r, pt, a, chance(r, m.prm.subclonal))
		copyState(r, a)
		pt.alts = append(pt.alts, a)
	}
}

// newNoncoding places an SNV deep in an intron or in a UTR of g and
// annotates it as VEP does (intron_variant with INTRON n/N and c.N+d or
// c.N-d; 5_prime_UTR_variant c.-d; 3_prime_UTR_variant c.*d, with the exon
// holding the UTR), or returns nil when no free place was found.
func (m *model) newNoncoding(r *rand.Rand, pt *patient, g *Gene, kind string) *alteration {
	for try := 0; try < 20; try++ {
		var pos int
		ann := annotation{impact: "MODIFIER"}
		switch kind {
		case kindIntron:
			if len(g.Exons) < 2 {
				return nil
			}
			j := r.IntN(len(g.Exons) - 1)
			lo, hi := g.Exons[j].End+deepIntron, g.Exons[j+1].Start-deepIntron
			if hi < lo {
				continue
			}
			pos = lo + r.IntN(hi-lo+1)
			ann.consequence, ann.intron = "intron_variant", g.Exons[j].Number
			if d, u := pos-g.Exons[j].End, g.Exons[j+1].Start-pos; d <= u {
				ann.hgvsc = fmt.Sprintf("c.%d+%d", g.Exons[j].CDSStart+g.Exons[j].Len()-1, d)
			} else {
				ann.hgvsc = fmt.Sprintf("c.%d-%d", g.Exons[j+1].CDSStart, u)
			}
		case kindUTR5:
			d := 1 + r.IntN(utrSpan)
			pos = g.Start() - d
			ann.consequence, ann.exon = "5_prime_UTR_variant", g.Exons[0].Number
			ann.hgvsc = fmt.Sprintf("c.-%d", d)
		default:
			d := 1 + r.IntN(utrSpan)
			pos = g.End() + d
			ann.consequence, ann.exon = "3_prime_UTR_variant", g.Exons[len(g.Exons)-1].Number
			ann.hgvsc = fmt.Sprintf("c.*%d", d)
		}
		ref := m.gn.base(g.Chrom, pos)
		alt := transitionOrOther(r, ref)
		ann.hgvsc += fmt.Sprintf("%c>%c", ref, alt)
		v := concordance.Variant{Chrom: g.Chrom, Pos: pos, Ref: string(ref), Alt: string(alt)}
		if m.reserved(v) || !pt.occupy(v) {
			continue
		}
		return &alteration{class: concordance.SNV, gene: g, ann: ann, v: v, cn: 2, mult: 1}
	}
	return nil
}

// inScope reports whether a consequence the simulator wrote is one the
// default scope counts: everything it writes except synonymous, intronic
// and UTR changes. (The simulator's own list of what it draws, not
// concord's rules, which read the annotation.)
func inScope(consequence string) bool {
	switch consequence {
	case "synonymous_variant", "intron_variant", "5_prime_UTR_variant", "3_prime_UTR_variant":
		return false
	}
	return true
}

// observeDeletion: the fold change of a homozygous deletion is
// (f·CCF·0 + 2(1 − f·CCF))/2 = 1 − f·CCF for purity or TF f, with the
// measurement noise of amplifications. Craft writes <DEL> PASS from a
// fold change of at most tissueDelFC and LowValidation up to
// tissueDelFilt; DRAGEN LOSS PASS at a copy ratio of at most plasmaDelSM,
// LoDFail up to plasmaDelLoD: plasma sees a deletion only at a tumour
// fraction of 25% or more, which is why ctDNA assays seldom report losses.
func (m *model) observeDeletion(r *rand.Rand, pt *patient, a *alteration) {
	prm := &m.prm
	a.t.ratio = (1 - pt.purity*a.ccfT) * math.Exp(0.08*r.NormFloat64())
	a.p.ratio = (1 - pt.tf*a.ccfP) * math.Exp(0.05*r.NormFloat64())
	switch {
	case a.t.ratio <= prm.tissueDelFC:
		a.t.written = writtenPass
	case a.t.ratio <= prm.tissueDelFilt:
		a.t.written, a.t.filter = writtenFiltered, "LowValidation"
	default:
		a.t.written = writtenAbsent
	}
	switch {
	case a.p.ratio <= prm.plasmaDelSM:
		a.p.written = writtenPass
	case a.p.ratio <= prm.plasmaDelLoD:
		a.p.written, a.p.filter = writtenFiltered, "LoDFail"
	default:
		a.p.written = writtenAbsent
	}
	a.t.repr, a.p.repr = "cnv", "cnv"
}
