package simulate

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
)

// tissueCNV renders the Craft CopyNumberVariants.vcf of the TSO500 Local
// App: one record per CNV gene, copy-neutral genes with ALT ".", gains as
// <DUP> with SVTYPE=CNV, the gene in INFO ANT and the fold change in
// FORMAT FC (FORMATS.md §3).
func tissueCNV(cfg *Config, gn *Genome, m *model, pt *patient, r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("##fileformat=VCFv4.1\n")
	fmt.Fprintf(&b, "##fileDate=%s\n", date(pt.tissueDate))
	b.WriteString("##source=Craft 1.0.0.49\n##reference=reference/genome.fa\n")
	b.WriteString(synthetic(cfg, pt))
	b.WriteString(`##ALT=<ID=DUP,Description="Duplication">
##ALT=<ID=DEL,Description="Deletion">
##INFO=<ID=END,Number=1,Type=Integer,Description="End position of the variant described in this record">
##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">
##INFO=<ID=ANT,Number=.,Type=String,Description="Gene annotation">
##FILTER=<ID=LowValidation,Description="Copy-number loss not validated">
##FORMAT=<ID=FC,Number=1,Type=Float,Description="Fold change">
`)
	contigHeader(&b, gn)
	fmt.Fprintf(&b, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t%s_T\n", pt.id)
	amps := cnvAlterations(pt)
	for _, g := range m.cnv {
		pos := g.Start() - 1
		ref := string(gn.base(g.Chrom, pos))
		if a := amps[g.Name]; a != nil && a.t.written != writtenAbsent {
			alt, filter := "<DUP>", "PASS"
			if a.class == concordance.Deletion {
				alt = "<DEL>"
			}
			if a.t.written == writtenFiltered {
				filter = a.t.filter
			}
			fmt.Fprintf(&b, "%s\t%d\t.\t%s\t%s\t%d\t%s\tSVTYPE=CNV;END=%d;ANT=%s\tFC\t%.2f\n", g.Chrom, pos, ref, alt, 60+r.IntN(40), filter, g.End(), g.Name, a.t.ratio)
			continue
		}
		fc := 1.0
		if a := amps[g.Name]; a != nil {
			fc = a.t.ratio
		} else {
			fc = lognormal(r, 1, 0.06)
		}
		fmt.Fprintf(&b, "%s\t%d\t.\t%s\t.\t%d\tPASS\tEND=%d;ANT=%s\tFC\t%.2f\n", g.Chrom, pos, ref, 60+r.IntN(40), g.End(), g.Name, fc)
	}
	return b.String()
}

// cnvAlterations are the patient's copy-number changes by gene (a gene is
// amplified or deleted, never both).
func cnvAlterations(pt *patient) map[string]*alteration {
	m := map[string]*alteration{}
	for _, a := range pt.alts {
		if a.class == concordance.Amplification || a.class == concordance.Deletion {
			m[a.gene.Name] = a
		}
	}
	return m
}

// sortedGenes orders genes by contig and position.
func sortedGenes(gs []*Gene) []*Gene {
	out := append([]*Gene(nil), gs...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && geneLess(out[j], out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func geneLess(a, b *Gene) bool {
	if ca, cb := chromIndex(a.Chrom), chromIndex(b.Chrom); ca != cb {
		return ca < cb
	}
	return a.Start() < b.Start()
}

// plasmaCNV renders the DRAGEN cnv.vcf of TSO500 ctDNA v2: one segment
// per CNV gene, ID DRAGEN:GAIN:… or DRAGEN:REF:…, REF N, POS the base
// before a called segment, INFO SEGID = gene, FORMAT GT:SM:BC:PE with the
// linear copy ratio in SM.
func plasmaCNV(cfg *Config, gn *Genome, m *model, pt *patient, r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("##fileformat=VCFv4.2\n")
	fmt.Fprintf(&b, "##fileDate=%s\n", date(pt.plasmaDate))
	b.WriteString("##source=DRAGEN_CNV\n##DRAGENVersion=<ID=dragen,Version=\"SW: 07.021.645.4.0.3, HW: 07.021.645\">\n##reference=reference/genome.fa\n")
	b.WriteString(synthetic(cfg, pt))
	b.WriteString(`##ALT=<ID=DEL,Description="Deletion">
##ALT=<ID=DUP,Description="Duplication">
##INFO=<ID=REFLEN,Number=1,Type=Integer,Description="Number of REF positions included in this record">
##INFO=<ID=SVLEN,Number=.,Type=Integer,Description="Difference in length between REF and ALT alleles">
##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">
##INFO=<ID=END,Number=1,Type=Integer,Description="End position of the variant described in this record">
##INFO=<ID=SEGID,Number=.,Type=String,Description="Segment (gene) identifier">
##FILTER=<ID=cnvQual,Description="CNV with quality below threshold">
##FILTER=<ID=cnvBinSupportRatio,Description="CNV with too few supporting bins">
##FILTER=<ID=cnvCopyRatio,Description="CNV with copy ratio within +/- 0.2 of 1.0">
##FILTER=<ID=LoDFail,Description="CNV below the limit of detection for the sample's tumour fraction">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=SM,Number=1,Type=Float,Description="Linear copy ratio of the segment mean">
##FORMAT=<ID=BC,Number=1,Type=Integer,Description="Number of bins in the region">
##FORMAT=<ID=PE,Number=2,Type=Integer,Description="Number of improperly paired end reads at start and stop breakpoints">
`)
	contigHeader(&b, gn)
	fmt.Fprintf(&b, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t%s_P\n", pt.id)
	amps := cnvAlterations(pt)
	for _, g := range m.cnv {
		start, end := g.Start(), g.End()
		bins := max(2, (end-start)/800)
		if a := amps[g.Name]; a != nil && a.p.written != writtenAbsent {
			filter := "PASS"
			if a.p.written == writtenFiltered {
				filter = a.p.filter
			}
			l := end - start + 1
			kind, alt, svlen := "GAIN", "<DUP>", l
			if a.class == concordance.Deletion {
				kind, alt, svlen = "LOSS", "<DEL>", -l
			}
			fmt.Fprintf(&b, "%s\t%d\tDRAGEN:%s:%s:%d-%d\tN\t%s\t%d\t%s\tSVTYPE=CNV;END=%d;REFLEN=%d;SVLEN=%d;SEGID=%s\tGT:SM:BC:PE\t./1:%.3f:%d:0,0\n",
				g.Chrom, start-1, kind, g.Chrom, start, end, alt, 20+r.IntN(80), filter, end, l, svlen, g.Name, a.p.ratio, bins)
			continue
		}
		sm := lognormal(r, 1, 0.04)
		if a := amps[g.Name]; a != nil {
			sm = a.p.ratio
		}
		fmt.Fprintf(&b, "%s\t%d\tDRAGEN:REF:%s:%d-%d\tN\t.\t%d\tPASS\tEND=%d;REFLEN=%d;SEGID=%s\tGT:SM:BC:PE\t./.:%.3f:%d:0,0\n",
			g.Chrom, start, g.Chrom, start, end, 40+r.IntN(60), end, end-start+1, g.Name, sm, bins)
	}
	return b.String()
}

var allFusionColumns = []string{
	"Caller", "Gene A", "Gene B", "Gene A Breakpoint", "Gene B Breakpoint", "Score", "Filter", "Precise/Imprecise",
	"Intragenic Call", "Ref A Split", "Ref A Pair", "Ref B Split", "Ref B Pair", "Alt Split", "Alt Pair",
	"CandidateAlt", "Contig", "ContigAlign1", "ContigAlign2", "KeepFusion", "Ref A Dedup", "Ref B Dedup",
	"Alt Split Dedup", "Alt Pair Dedup", "Fusion Directionality Known",
}

var allFusionHelp = map[string]string{
	"Caller": "Name of the fusion caller", "Gene A": "Gene(s) at the 5' breakpoint", "Gene B": "Gene(s) at the 3' breakpoint",
	"Gene A Breakpoint": "Breakpoint in gene A (chr:pos)", "Gene B Breakpoint": "Breakpoint in gene B (chr:pos)",
	"Score": "Fusion score", "Filter": "Filters failed (PASS if none)", "Precise/Imprecise": "Whether the breakpoint is precise",
	"Intragenic Call": "Whether both breakpoints are in one gene", "Ref A Split": "Split reads supporting the reference at A",
	"Ref A Pair": "Read pairs supporting the reference at A", "Ref B Split": "Split reads supporting the reference at B",
	"Ref B Pair": "Read pairs supporting the reference at B", "Alt Split": "Split reads supporting the fusion",
	"Alt Pair": "Read pairs supporting the fusion", "CandidateAlt": "Candidate alternative fusions",
	"Contig": "Assembled fusion contig", "ContigAlign1": "Contig alignment to gene A", "ContigAlign2": "Contig alignment to gene B",
	"KeepFusion": "True when the fusion passes all filters and is reported", "Ref A Dedup": "Deduplicated reference reads at A",
	"Ref B Dedup": "Deduplicated reference reads at B", "Alt Split Dedup": "Deduplicated split reads supporting the fusion",
	"Alt Pair Dedup": "Deduplicated read pairs supporting the fusion", "Fusion Directionality Known": "Whether the 5'/3' order is known",
}

// fusionContig is the junction sequence: 25 bases either side.
func fusionContig(gn *Genome, a *alteration) string {
	ga, gb := a.gene, gn.Gene(a.partner)
	return string(gn.contig[ga.Chrom].Seq[a.bpA-25:a.bpA]) + string(gn.contig[gb.Chrom].Seq[a.bpB-1:a.bpB+24])
}

// tissueFusions renders the RNA AllFusions.csv of the TSO500 Local App:
// a "#" preamble, then one row per candidate fusion; reported fusions
// have KeepFusion True.
func tissueFusions(gn *Genome, pt *patient, r *rand.Rand) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Source = RnaFusionFilter (synthetic data from concord simulate; not from a real patient)\n# FileDate = %s\n", pt.tissueDate.Format("2006-01-02"))
	for _, c := range allFusionColumns {
		fmt.Fprintf(&b, "# %s = %s\n", c, allFusionHelp[c])
	}
	b.WriteString(strings.Join(allFusionColumns, ",") + "\n")
	for _, a := range pt.alts {
		if a.class != concordance.Fusion || a.t.written == writtenAbsent {
			continue
		}
		gb := gn.Gene(a.partner)
		filter, keep, precise := "PASS", "True", "Precise"
		if a.t.written == writtenFiltered {
			filter, keep, precise = "Imprecise;"+a.t.filter, "False", "Imprecise"
		}
		split := a.t.alt / 2
		pair := a.t.alt - split
		refA, refB := 20+r.IntN(200), 20+r.IntN(200)
		f := []string{
			"RnaFusionFilter", a.gene.Name, gb.Name,
			fmt.Sprintf("%s:%d", a.gene.Chrom, a.bpA), fmt.Sprintf("%s:%d", gb.Chrom, a.bpB),
			fmt.Sprintf("%.3f", 0.5+0.5*float64(a.t.alt)/float64(a.t.alt+10)), filter, precise, "False",
			strconv.Itoa(refA / 2), strconv.Itoa(refA - refA/2), strconv.Itoa(refB / 2), strconv.Itoa(refB - refB/2),
			strconv.Itoa(split), strconv.Itoa(pair), "", fusionContig(gn, a), "N/A", "N/A", keep,
			strconv.Itoa(refA * 9 / 10), strconv.Itoa(refB * 9 / 10), strconv.Itoa(split * 9 / 10), strconv.Itoa(pair * 9 / 10), "True",
		}
		b.WriteString(strings.Join(f, ",") + "\n")
	}
	return b.String()
}

var dnaFusionColumns = []string{
	"Sample", "Name", "Chr1", "Pos1", "Chr2", "Pos2", "Direction", "Alt_Depth", "BP1_Depth", "BP2_Depth",
	"Total_Depth", "VAF", "Gene1", "Gene2", "Contig", "Filter", "Is_Cosmic_GenePair", "Fusion_Directionality_Known",
}

// plasmaFusions renders the ctDNA DNA Fusions.csv: CRLF line ends, a "#"
// preamble, and both reciprocal breakend rows of each fusion.
func plasmaFusions(gn *Genome, pt *patient, r *rand.Rand) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\r\n") }
	line("#SOURCE,DNAFusionFilter,2.0.0.88")
	line("#DATE," + pt.plasmaDate.Format("2006-01-02"))
	line("#NOTE,Synthetic data from concord simulate; not from a real patient")
	help := []string{"Sample: sample name", "Name: Manta breakend ID", "Chr1: chromosome of breakpoint 1",
		"Pos1: position of breakpoint 1", "Chr2: chromosome of breakpoint 2", "Pos2: position of breakpoint 2",
		"Direction: orientation of the breakends", "Alt_Depth: reads supporting the fusion",
		"BP1_Depth: depth at breakpoint 1", "BP2_Depth: depth at breakpoint 2", "Total_Depth: mean depth at the breakpoints",
		"VAF: Alt_Depth / Total_Depth", "Gene1: gene at breakpoint 1", "Gene2: gene at breakpoint 2",
		"Contig: assembled breakpoint contig", "Filter: PASS or the filters failed",
		"Is_Cosmic_GenePair: the gene pair is a known (COSMIC) fusion", "Fusion_Directionality_Known: whether the 5'/3' order is known"}
	for _, h := range help {
		line("#" + h)
	}
	line(strings.Join(dnaFusionColumns, ","))
	n := 0
	for _, a := range pt.alts {
		if a.class != concordance.Fusion || a.p.written == writtenAbsent {
			continue
		}
		gb := gn.Gene(a.partner)
		filter := "PASS"
		if a.p.written == writtenFiltered {
			filter = a.p.filter
		}
		// DNA breakends lie in the introns next to the RNA junction.
		p1 := a.bpA + 20 + r.IntN(60)
		p2 := a.bpB - 20 - r.IntN(60)
		d1 := a.p.depth + r.IntN(40) - 20
		d2 := a.p.depth + r.IntN(40) - 20
		vaf := float64(a.p.alt) / float64(a.p.depth)
		contig := fusionContig(gn, a)
		row := func(id int, c1 string, q1 int, c2 string, q2 int, dir, g1, g2 string, e1, e2 int) {
			line(strings.Join([]string{pt.id + "_P", fmt.Sprintf("MantaBND:%d:0:1:0:0:0:%d", n, id), c1, strconv.Itoa(q1), c2, strconv.Itoa(q2), dir,
				strconv.Itoa(a.p.alt), strconv.Itoa(e1), strconv.Itoa(e2), strconv.Itoa(a.p.depth), fmt.Sprintf("%.4f", vaf),
				g1, g2, contig, filter, "True", "True"}, ","))
		}
		row(0, a.gene.Chrom, p1, gb.Chrom, p2, "L1rL2", a.gene.Name, gb.Name, d1, d2)
		row(1, gb.Chrom, p2, a.gene.Chrom, p1, "rR2R1", gb.Name, a.gene.Name, d2, d1)
		n++
	}
	return b.String()
}
