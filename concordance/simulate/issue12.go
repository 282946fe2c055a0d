package simulate

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
)

// The parts of the model issue 12 added (clonal haematopoiesis beyond the
// myeloid genes, loss of heterozygosity at germline sites), kept apart
// from the model they extend.

// chGene is the gene of a CH clone: the table's, or for the entry without
// one a panel gene drawn by coding length.
func (m *model) chGene(r *rand.Rand, name string) *Gene {
	if name == "" {
		return m.panel[pick(r, m.panelW)]
	}
	return m.gn.Gene(name)
}

// germlineLOH draws the tumour's copy state at a heterozygous germline
// site. With probability loh the tumour lost heterozygosity there: half
// the time copy-neutrally (copy number 2, the allele on both copies or on
// none), else by losing one copy (copy number 1, keeping the allele or
// not). A rare pathogenic variant of a predisposition gene (BRCA1/2, ATM,
// CHEK2, PALB2) loses the other allele far more often, as its second hit
// (lohPathogenic, keeping the variant 90% of the time).
func (m *model) germlineLOH(r *rand.Rand, a *alteration) {
	prm := &m.prm
	p, keep := prm.loh, 0.5
	if a.hotspot {
		p, keep = prm.lohPathogenic, 0.9
	}
	if !chance(r, p) {
		return
	}
	kept := chance(r, keep)
	if chance(r, 0.5) {
		a.cn, a.mult = 2, 0
		if kept {
			a.mult = 2
		}
		return
	}
	a.cn, a.mult = 1, 0
	if kept {
		a.mult = 1
	}
}

// wbcStream seeds the white-blood-cell samples' own random stream, apart
// from the model's: a cohort simulated with WBC samples holds the same
// tissue and plasma files as one without.
const wbcStream = 0x3BC5A3

// wbcObs is the matched white-blood-cell sample's view of an alteration.
type wbcObs struct {
	vafTrue    float64
	depth, alt int
	written    string // writtenPass, writtenFiltered or writtenAbsent
}

// wbcSample is a patient's matched white-blood-cell (buffy-coat) sample,
// sequenced with the plasma's panel: its depth per panel exon, what it
// shows of each small variant the patient carries, and whether a genome
// VCF (depth at every panel base) comes with its calls.
type wbcSample struct {
	gvcf bool
	exon map[*Gene][]int // depth per exon, in exon order
	obs  map[*alteration]*wbcObs
}

// wbcSample simulates the patient's WBC sample, or returns nil when the
// patient has none (a share cfg.WBC of patients has one). Blood cells
// carry the CH clones at their blood VAF and the germline genotype
// (no loss of heterozygosity: that is the tumour's), and no tumour DNA
// (circulating tumour cells in the buffy coat are not modelled). Depth:
// per patient LogNormal(wbcDepth, 0.2), per exon × LogNormal(1,
// wbcDepthSD), a share wbcLowExon of exons dipping to 5–20% (poorly
// captured targets). The caller writes an allele with at least 2 reads,
// PASS from wbcMinAlt reads and wbcMinAF.
func (m *model) wbcSample(cfg *Config, pt *patient) *wbcSample {
	if cfg.WBC <= 0 {
		return nil
	}
	prm := &m.prm
	r := patientRand(cfg.Seed^wbcStream, pt.index)
	if !chance(r, cfg.WBC) {
		return nil
	}
	w := &wbcSample{gvcf: chance(r, prm.wbcGVCF), exon: map[*Gene][]int{}, obs: map[*alteration]*wbcObs{}}
	median := lognormal(r, prm.wbcDepth, 0.2)
	for _, g := range m.panel {
		d := make([]int, len(g.Exons))
		for k := range d {
			d[k] = m.siteDepth(r, median, prm.wbcDepthSD, prm.wbcLowExon)
		}
		w.exon[g] = d
	}
	for _, a := range pt.alts {
		if !a.class.IsSmall() {
			continue
		}
		o := &wbcObs{written: writtenAbsent}
		switch a.origin {
		case originCH:
			o.vafTrue = a.chVAF
		case originGermline:
			o.vafTrue = 0.5
			if a.t.repr == "hom" {
				o.vafTrue = 0.998
			}
		}
		o.depth = w.siteDepth(a)
		if o.depth <= 0 {
			o.depth = m.siteDepth(r, median, prm.wbcDepthSD, prm.wbcLowExon)
		}
		o.alt = binomial(r, o.depth, o.vafTrue)
		switch vaf := float64(o.alt) / float64(o.depth); {
		case o.alt >= prm.wbcMinAlt && vaf >= prm.wbcMinAF:
			o.written = writtenPass
		case o.alt >= 2:
			o.written = writtenFiltered
		}
		w.obs[a] = o
	}
	return w
}

// siteDepth is the depth of the exon holding a's position (0 outside the
// panel's exons).
func (w *wbcSample) siteDepth(a *alteration) int {
	d := w.exon[a.gene]
	for k, ex := range a.gene.Exons {
		if k < len(d) && a.v.Pos >= ex.Start && a.v.Pos <= ex.End {
			return d[k]
		}
	}
	return 0
}

// wbcRecords are the WBC sample's variant records: each allele with at
// least 2 supporting reads, PASS or weak_evidence.
func wbcRecords(pt *patient, w *wbcSample) []vcfRecord {
	var recs []vcfRecord
	for _, a := range pt.alts {
		o := w.obs[a]
		if o == nil || o.written == writtenAbsent {
			continue
		}
		filter := "PASS"
		if o.written == writtenFiltered {
			filter = "weak_evidence"
		}
		gt := "0/1"
		if float64(o.alt) >= 0.95*float64(o.depth) {
			gt = "1/1"
		}
		sample := fmt.Sprintf("%s:%d,%d:%.4f:%d", gt, o.depth-o.alt, o.alt, float64(o.alt)/float64(o.depth), o.depth)
		recs = append(recs, vcfRecord{v: a.v, alts: []string{a.v.Alt}, qual: ".", filter: filter,
			info: []string{"DP=" + strconv.Itoa(o.depth), csq(a, a.v, a.ann)}, format: "GT:AD:AF:DP", sample: sample, sortKey: 1})
	}
	return recs
}

const wbcHeader = `##INFO=<ID=DP,Number=1,Type=Integer,Description="Read depth">
##INFO=<ID=END,Number=1,Type=Integer,Description="End position of a reference block">
##FILTER=<ID=weak_evidence,Description="Somatic variant score does not meet threshold">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles">
##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions for alt alleles">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">
`

// wbcVCF renders the WBC sample's calls as a DRAGEN-style VCF (the calls
// of the buffy coat sequenced with the plasma's panel).
func wbcVCF(cfg *Config, gn *Genome, pt *patient, w *wbcSample) string {
	var b strings.Builder
	b.WriteString("##fileformat=VCFv4.2\n##source=DRAGEN_SNV\n##reference=reference/genome.fa\n")
	b.WriteString(synthetic(cfg, pt))
	b.WriteString(wbcHeader + csqHeader + "\n")
	contigHeader(&b, gn)
	fmt.Fprintf(&b, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t%s_WBC\n", pt.id)
	recs := wbcRecords(pt, w)
	sortRecords(recs)
	writeRecords(&b, recs)
	return b.String()
}

// wbcGVCF renders the WBC sample's genome VCF: one reference block per
// panel exon with its depth, and the variant records.
func wbcGVCF(cfg *Config, m *model, pt *patient, w *wbcSample) string {
	var b strings.Builder
	b.WriteString("##fileformat=VCFv4.2\n##source=DRAGEN_SNV gVCF\n##reference=reference/genome.fa\n")
	b.WriteString(synthetic(cfg, pt))
	b.WriteString(wbcHeader + csqHeader + "\n")
	contigHeader(&b, m.gn)
	fmt.Fprintf(&b, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t%s_WBC\n", pt.id)
	recs := wbcRecords(pt, w)
	for _, g := range m.panel {
		seq := m.gn.contig[g.Chrom].Seq
		for k, ex := range g.Exons {
			d := w.exon[g][k]
			recs = append(recs, vcfRecord{v: concordance.Variant{Chrom: g.Chrom, Pos: ex.Start, Ref: string(seq[ex.Start-1])},
				alts: []string{"<NON_REF>"}, qual: ".", filter: "PASS",
				info: []string{"END=" + strconv.Itoa(ex.End), "DP=" + strconv.Itoa(d)}, format: "GT:AD:DP",
				sample: "0/0:" + strconv.Itoa(d) + ",0:" + strconv.Itoa(d)})
		}
	}
	sortRecords(recs)
	writeRecords(&b, recs)
	return b.String()
}

// wbcSheetHeader are the sample sheet's columns of a cohort simulated with
// WBC samples.
var wbcSheetHeader = []string{"wbc_calls", "wbc_gvcf"}

// wbcFiles simulates the patient's WBC sample (pt.wbc) and renders its
// files: the calls and, for most, the genome VCF; it returns them with the
// patient's cells of the wbc_calls and wbc_gvcf columns (empty without a
// sample).
func (m *model) wbcFiles(cfg *Config, pt *patient, dir string) ([]namedBytes, []string, error) {
	pt.wbc = m.wbcSample(cfg, pt)
	if pt.wbc == nil {
		return nil, []string{"", ""}, nil
	}
	calls, err := bgzip([]byte(wbcVCF(cfg, m.gn, pt, pt.wbc)))
	if err != nil {
		return nil, nil, err
	}
	name := dir + pt.id + "_WBC.vcf.gz"
	files := []namedBytes{{name, calls}}
	cells := []string{name, ""}
	if pt.wbc.gvcf {
		g, err := bgzip([]byte(wbcGVCF(cfg, m, pt, pt.wbc)))
		if err != nil {
			return nil, nil, err
		}
		cells[1] = dir + pt.id + "_WBC.genome.vcf.gz"
		files = append(files, namedBytes{cells[1], g})
	}
	return files, cells, nil
}
