package simulate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/concord-oncology/concord/concordance"
)

// csqHeader declares the VEP annotation every small-variant record carries.
const csqHeader = `##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|CANONICAL">`

// vcfRecord is one line of a small-variant VCF before formatting.
type vcfRecord struct {
	v       concordance.Variant
	alts    []string // ALT alleles as written (e.g. "T", "<M>")
	qual    string
	filter  string
	info    []string
	format  string
	sample  string
	sortKey int // tie-break within a position
}

func sortRecords(recs []vcfRecord) {
	sort.SliceStable(recs, func(i, j int) bool {
		a, b := recs[i], recs[j]
		if ca, cb := chromIndex(a.v.Chrom), chromIndex(b.v.Chrom); ca != cb {
			return ca < cb
		}
		if a.v.Pos != b.v.Pos {
			return a.v.Pos < b.v.Pos
		}
		if a.sortKey != b.sortKey {
			return a.sortKey < b.sortKey
		}
		return strings.Join(a.alts, ",") < strings.Join(b.alts, ",")
	})
}

func writeRecords(b *strings.Builder, recs []vcfRecord) {
	for _, r := range recs {
		b.WriteString(r.v.Chrom)
		b.WriteByte('\t')
		b.WriteString(strconv.Itoa(r.v.Pos))
		b.WriteString("\t.\t")
		b.WriteString(r.v.Ref)
		b.WriteByte('\t')
		b.WriteString(strings.Join(r.alts, ","))
		b.WriteByte('\t')
		b.WriteString(r.qual)
		b.WriteByte('\t')
		b.WriteString(r.filter)
		b.WriteByte('\t')
		b.WriteString(strings.Join(r.info, ";"))
		b.WriteByte('\t')
		b.WriteString(r.format)
		b.WriteByte('\t')
		b.WriteString(r.sample)
		b.WriteByte('\n')
	}
}

// csq is the VEP CSQ value of an allele written as v (VEP's Allele drops
// the first base when REF and ALT share it; '=' is escaped as %3D, as VEP
// does in VCF output).
func csq(a *alteration, v concordance.Variant, ann annotation) string {
	allele := v.Alt
	if len(v.Ref) != len(v.Alt) && v.Ref[0] == v.Alt[0] {
		allele = v.Alt[1:]
		if allele == "" {
			allele = "-"
		}
	}
	g := a.gene
	exon, intron, hgvsp := "", "", ""
	if ann.exon > 0 {
		exon = strconv.Itoa(ann.exon) + "/" + strconv.Itoa(g.TotalExons)
	}
	if ann.intron > 0 { // VEP's INTRON: number / introns of the transcript
		intron = strconv.Itoa(ann.intron) + "/" + strconv.Itoa(g.TotalExons-1)
	}
	if ann.hgvsp != "" { // VEP leaves HGVSp empty for intronic and UTR changes
		hgvsp = g.Protein + ":" + strings.ReplaceAll(ann.hgvsp, "=", "%3D")
	}
	f := []string{
		allele, ann.consequence, ann.impact, g.Name, g.GeneID, "Transcript", g.Transcript, "protein_coding",
		exon, intron, g.Transcript + ":" + ann.hgvsc, hgvsp, "YES",
	}
	return "CSQ=" + strings.Join(f, "|")
}

func contigHeader(b *strings.Builder, gn *Genome) {
	for _, c := range gn.Contigs {
		fmt.Fprintf(b, "##contig=<ID=%s,length=%d>\n", c.Name, len(c.Seq))
	}
}

// synthetic is the header line every call file carries.
func synthetic(cfg *Config, pt *patient) string {
	return fmt.Sprintf("##concord_synthetic=<Preset=%s,Seed=%d,Patient=%s,Description=\"Synthetic data from concord simulate; not from a real patient\">\n", cfg.preset(), cfg.Seed, pt.id)
}

func date(t time.Time) string { return t.Format("20060102") }

// tissueVCF renders the tissue small variants as the TSO500 Local App's
// Pisces/Scylla VCF: VAF in FORMAT VF, no germline flag, left-aligned
// alleles, Scylla-merged MNVs, and multi-allelic sites as separate records
// whose ALT lists the allele and <M>.
func tissueVCF(cfg *Config, gn *Genome, pt *patient, r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("##fileformat=VCFv4.1\n")
	fmt.Fprintf(&b, "##fileDate=%s\n", date(pt.tissueDate))
	b.WriteString("##source=Pisces 5.2.11.63\n##VariantPhaser=Scylla 5.2.11.63\n##reference=reference/genome.fa\n")
	b.WriteString(synthetic(cfg, pt))
	b.WriteString(`##INFO=<ID=DP,Number=1,Type=Integer,Description="Total Depth">` + "\n")
	b.WriteString(csqHeader + "\n")
	b.WriteString(`##FILTER=<ID=q30,Description="Quality score less than 30">
##FILTER=<ID=SB,Description="Variant strand bias too high">
##FILTER=<ID=LowDP,Description="Low coverage (DP tag), therefore no genotype called">
##FILTER=<ID=LowVariantFreq,Description="Variant frequency less than 0.0500">
##FILTER=<ID=LowSupport,Description="Variant supported by too few reads">
##FILTER=<ID=Blacklist,Description="Variant is in a blacklisted (recurrent artifact) position">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype Quality">
##FORMAT=<ID=AD,Number=.,Type=Integer,Description="Allele Depth">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Total Depth Used For Variant Calling">
##FORMAT=<ID=VF,Number=.,Type=Float,Description="Variant Frequency">
##FORMAT=<ID=NL,Number=1,Type=Integer,Description="Applied BaseCall Noise Level">
##FORMAT=<ID=SB,Number=1,Type=Float,Description="StrandBias Score">
##FORMAT=<ID=NC,Number=1,Type=Float,Description="Fraction of bases which were uncalled or with basecall quality below the minimum threshold">
##FORMAT=<ID=US,Number=.,Type=String,Description="Supporting read counts: stitched, forward and reverse, for the reference and the alternate allele">
##ALT=<ID=M,Description="There is an overlapping other allele that has been called in a separate VCF record">
`)
	contigHeader(&b, gn)
	fmt.Fprintf(&b, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t%s_T\n", pt.id)

	var recs []vcfRecord
	for _, a := range pt.alts {
		if !a.class.IsSmall() || a.t.written == writtenAbsent {
			continue
		}
		o := &a.t
		filter := "PASS"
		if o.written == writtenFiltered {
			filter = o.filter
		}
		qual := min(100, 20+3*o.alt)
		if strings.Contains(filter, "q30") {
			qual = 10 + o.alt*3
		}
		vf := float64(o.alt) / float64(o.depth)
		gt := "0/1"
		if vf >= 0.95 {
			gt = "1/1"
		}
		sb := "-100.0000"
		if filter == "SB" {
			sb = fmt.Sprintf("%.4f", -5+4*r.Float64())
		}
		sample := fmt.Sprintf("%s:%d:%d,%d:%d:%.4f:20:%s:%.4f:0,0,0,0,0,0,0,0,0,0,0,0",
			gt, qual, o.depth-o.alt, o.alt, o.depth, vf, sb, 0.002*r.Float64())
		recs = append(recs, vcfRecord{v: o.v, alts: []string{o.v.Alt}, qual: strconv.Itoa(qual), filter: filter,
			info: []string{"DP=" + strconv.Itoa(o.depth), csq(a, o.v, a.ann)}, format: "GT:GQ:AD:DP:VF:NL:SB:NC:US", sample: sample})
	}
	// Alleles sharing a position are written as separate records listing <M>.
	byPos := map[string]int{}
	for _, rc := range recs {
		byPos[rc.v.Chrom+":"+strconv.Itoa(rc.v.Pos)]++
	}
	for i := range recs {
		if byPos[recs[i].v.Chrom+":"+strconv.Itoa(recs[i].v.Pos)] > 1 {
			recs[i].alts = append(recs[i].alts, "<M>")
			recs[i].sample = "1/2" + recs[i].sample[3:]
		}
	}
	sortRecords(recs)
	writeRecords(&b, recs)
	return b.String()
}

// plasmaVCF renders the plasma small variants as the TSO500 ctDNA v2
// (DRAGEN) hard-filtered VCF: VAF in FORMAT AF, QUAL ".", INFO
// GermlineStatus and hotspot, indels sometimes right-shifted or padded,
// MNVs with or without their component SNVs (MNVTAG, PS).
func plasmaVCF(cfg *Config, gn *Genome, pt *patient, r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("##fileformat=VCFv4.2\n##FILTER=<ID=PASS,Description=\"All filters passed\">\n")
	fmt.Fprintf(&b, "##fileDate=%s\n", date(pt.plasmaDate))
	b.WriteString("##source=DRAGEN_SNV\n##DRAGENVersion=<ID=dragen,Version=\"SW: 07.021.645.4.0.3, HW: 07.021.645\">\n##reference=reference/genome.fa\n")
	b.WriteString(synthetic(cfg, pt))
	b.WriteString(`##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth (informative and non-informative); some reads may have been filtered based on mapq etc.">
##INFO=<ID=MQ,Number=1,Type=Float,Description="RMS Mapping Quality">
##INFO=<ID=FractionInformativeReads,Number=1,Type=Float,Description="The fraction of informative reads out of the total reads">
##INFO=<ID=hotspot,Number=0,Type=Flag,Description="The variant is a known somatic hotspot">
##INFO=<ID=MNVTAG,Number=1,Type=String,Description="The MNV (chr:pos_REF->ALT) this record is part of">
##INFO=<ID=GermlineStatus,Number=1,Type=String,Description="Germline status of the variant: Germline_DB, Germline_Proxi, Somatic or Somatic_Putative_CH">
`)
	b.WriteString(csqHeader + "\n")
	b.WriteString(`##FILTER=<ID=weak_evidence,Description="Somatic variant score (SQ) does not meet threshold">
##FILTER=<ID=low_depth,Description="Site is filtered due to low sequencing depth">
##FILTER=<ID=multiallelic,Description="Site filtered because more than two alt alleles pass tumor LOD">
##FILTER=<ID=systematic_noise,Description="Site filtered based on evidence of systematic noise in normals">
##FILTER=<ID=no_reliable_supporting_read,Description="No reliable supporting read found">
##FILTER=<ID=read_position,Description="Median read position of the alt allele is too close to the read ends">
##FILTER=<ID=too_few_supporting_reads,Description="Too few supporting reads after filtering">
##FILTER=<ID=excluded_regions,Description="Site overlaps a region excluded from calling">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=SQ,Number=A,Type=Float,Description="Somatic quality">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths (counting only informative reads out of the total reads) for the ref and alt alleles in the order listed">
##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions for alt alleles in the order listed">
##FORMAT=<ID=F1R2,Number=R,Type=Integer,Description="Count of reads in F1R2 pair orientation supporting each allele">
##FORMAT=<ID=F2R1,Number=R,Type=Integer,Description="Count of reads in F2R1 pair orientation supporting each allele">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth (reads with MQ=255 or with bad mates are filtered)">
##FORMAT=<ID=SB,Number=4,Type=Integer,Description="Per-sample component statistics which comprise the Fisher's exact test to detect strand bias">
##FORMAT=<ID=MB,Number=4,Type=Integer,Description="Per-sample component statistics to detect mate bias">
##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Physical phasing ID information, where each unique ID within a given sample (but not across samples) connects records within a phasing group">
`)
	contigHeader(&b, gn)
	fmt.Fprintf(&b, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t%s_P\n", pt.id)

	var recs []vcfRecord
	for _, a := range pt.alts {
		if !a.class.IsSmall() || a.p.written == writtenAbsent {
			continue
		}
		o := &a.p
		filter := "PASS"
		if o.written == writtenFiltered {
			filter = o.filter
		}
		rec := func(v concordance.Variant, ann annotation, extra []string, ps int, key int) vcfRecord {
			ref := o.depth - o.alt
			af := float64(o.alt) / float64(o.depth)
			sq := math.Min(60, 3+1.7*float64(o.alt))
			if filter == "weak_evidence" || strings.Contains(filter, "weak_evidence") {
				sq = 0.5 + 2.4*r.Float64()
			}
			f1 := o.alt / 2
			rf1 := ref / 2
			gt := "0/1"
			if af >= 0.95 {
				gt = "1/1"
			}
			format := "GT:SQ:AD:AF:F1R2:F2R1:DP:SB:MB"
			sample := fmt.Sprintf("%s:%.2f:%d,%d:%.4f:%d,%d:%d,%d:%d:%d,%d,%d,%d:%d,%d,%d,%d",
				gt, sq, ref, o.alt, af, rf1, f1, ref-rf1, o.alt-f1, o.depth,
				rf1, ref-rf1, f1, o.alt-f1, ref-rf1, rf1, o.alt-f1, f1)
			if ps > 0 {
				format += ":PS"
				gt = "0|1"
				sample = gt + sample[3:] + ":" + strconv.Itoa(ps)
			}
			info := []string{"DP=" + strconv.Itoa(o.depth+o.depth/20), "MQ=60.00", "FractionInformativeReads=0.952"}
			if a.hotspot && a.origin != originGermline {
				info = append(info, "hotspot")
			}
			info = append(info, extra...)
			info = append(info, "GermlineStatus="+o.status, csq(a, v, ann))
			return vcfRecord{v: v, alts: []string{v.Alt}, qual: ".", filter: filter, info: info, format: format, sample: sample, sortKey: key}
		}
		switch o.repr {
		case "mnv+components", "components":
			tag := fmt.Sprintf("MNVTAG=%s:%d_%s->%s", a.v.Chrom, a.v.Pos, a.v.Ref, a.v.Alt)
			var extra []string
			if o.repr == "mnv+components" {
				extra = []string{tag}
				recs = append(recs, rec(a.v, a.ann, extra, a.v.Pos, 1))
			}
			for _, c := range components(a.v) {
				cds, _ := a.gene.cdsOf(c.Pos)
				ann, err := a.gene.annotate(cdsEdit{cds, 1, c.Alt})
				if err != nil {
					ann = a.ann
				}
				recs = append(recs, rec(c, ann, extra, a.v.Pos, 0))
			}
		default:
			recs = append(recs, rec(o.v, a.ann, nil, 0, 0))
		}
	}
	sortRecords(recs)
	writeRecords(&b, recs)
	return b.String()
}
