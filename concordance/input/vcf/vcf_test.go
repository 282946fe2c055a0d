package vcf

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/concord-oncology/concord/concordance"
)

const pisces = `##fileformat=VCFv4.1
##source=Pisces 5.2.11.63
##reference=/genomes/hg19_hardPAR/WholeGenomeFasta
##contig=<ID=chr1,length=249250621>
##contig=<ID=chr7,length=159138663>
##FORMAT=<ID=VF,Number=.,Type=Float,Description="Variant Frequency">
#CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	S1
chr1	100	.	A	G	100	PASS	DP=500	GT:GQ:AD:DP:VF:NL:SB:NC:US	0/1:100:400,100:500:0.200:20:-100.0000:0.0000:1,2,3,4,5,6,7,8,9,10,11,12
chr1	200	.	C	T,<M>	100	PASS	DP=300	GT:GQ:AD:DP:VF:NL:SB:NC:US	1/2:100:200,90:300:0.300:20:-100.0000:0.0000:1,2,3,4,5,6,7,8,9,10,11,12
chr1	210	.	C	<M>	100	PASS	DP=300	GT:GQ:AD:DP:VF:NL:SB:NC:US	1/2:100:200,90:300:0.300:20:-100.0000:0.0000:1,2,3,4,5,6,7,8,9,10,11,12
chr1	300	.	G	A	12	LowSupport;q30	DP=400	GT:GQ:AD:DP:VF:NL:SB:NC:US	0/1:12:399,1:400:0.002:20:-100.0000:0.0000:1,2,3,4,5,6,7,8,9,10,11,12
chr1	310	.	G	A	12	LowSupport;q30	DP=400	GT:GQ:AD:DP:VF:NL:SB:NC:US	0/1:12:399,1:400:0.002:20:-100.0000:0.0000:1,2,3,4,5,6,7,8,9,10,11,12
chr1	400	.	T	.	100	PASS	DP=23	GT:GQ:AD:DP:VF:NL:SB:NC:US	0/0:100:23:23:0.000:20:-100.0000:0.0000:0,0,0,0,0,0,0,0,0,0,0,0
chr7	140453136	.	TGCCCGC	GGTGGGG	100	.	DP=800	GT:GQ:AD:DP:VF:NL:SB:NC:US	0/1:100:600,200:800:0.250:20:-100.0000:0.0000:1,2,3,4,5,6,7,8,9,10,11,12
`

const dragen = `##fileformat=VCFv4.2
##source=DRAGEN 3.11.2
##contig=<ID=chr1,length=249250621>
##INFO=<ID=GermlineStatus,Number=1,Type=String,Description="Germline status">
##INFO=<ID=MNVTAG,Number=.,Type=String,Description="MNV tag">
##INFO=<ID=hotspot,Number=0,Type=Flag,Description="hotspot">
#CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	P1
chr1	1000	.	C	T	.	PASS	DP=2100;MQ=60;GermlineStatus=Germline_DB	GT:SQ:AD:AF:F1R2:F2R1:DP:SB:MB	0/1:80:1000,1000:0.500:500,500:500,500:2000:1,1,1,1:1,1,1,1
chr1	2000	.	G	A	.	PASS	DP=3000;GermlineStatus=Somatic_Putative_CH;hotspot	GT:SQ:AD:AF:F1R2:F2R1:DP:SB:MB	0/1:30:2970,30:0.010:1,1:1,1:3000:1,1,1,1:1,1,1,1
chr1	3000	.	T	C	.	weak_evidence	DP=3000;GermlineStatus=Somatic	GT:SQ:AD:AF:F1R2:F2R1:DP:SB:MB	0/1:2:2995,5:0.002:1,1:1,1:3000:1,1,1,1:1,1,1,1
chr1	4000	.	TA	T,TT	.	PASS	DP=1000;GermlineStatus=Somatic	GT:SQ:AD:AF:F1R2:F2R1:DP:SB:MB	1/2:40,41:900,60,40:0.060,0.040:1,1,1:1,1,1:1000:1,1,1,1:1,1,1,1
chr1	5000	.	A	C	.	PASS	DP=1000;MNVTAG=chr1:5000_AGGGGGC->CGGGGGT;GermlineStatus=Somatic	GT:SQ:AD:AF:F1R2:F2R1:DP:SB:MB:PS	0|1:40:950,50:0.050:1,1:1,1:1000:1,1,1,1:1,1,1,1:5000
chr1	5000	.	AGGGGGC	CGGGGGT	.	PASS	DP=1000;MNVTAG=chr1:5000_AGGGGGC->CGGGGGT;GermlineStatus=Somatic	GT:SQ:AD:AF:F1R2:F2R1:DP:SB:MB:PS	0|1:40:950,50:0.050:1,1:1,1:1000:1,1,1,1:1,1,1,1:5000
chr1	5006	.	C	T	.	PASS	DP=1000;MNVTAG=chr1:5000_AGGGGGC->CGGGGGT;GermlineStatus=Somatic	GT:SQ:AD:AF:F1R2:F2R1:DP:SB:MB:PS	0|1:40:950,50:0.050:1,1:1,1:1000:1,1,1,1:1,1,1,1:5000
`

func read(t *testing.T, text string, opt concordance.ReadOptions) (*concordance.SampleData, *concordance.Ledger) {
	t.Helper()
	var led concordance.Ledger
	d, err := ReadCalls(strings.NewReader(text), opt, &led)
	if err != nil {
		t.Fatal(err)
	}
	return d, &led
}

func reasons(led *concordance.Ledger) map[string]int64 {
	m := map[string]int64{}
	for _, e := range led.Entries() {
		k := e.Reason
		if e.Detail != "" {
			k += ":" + e.Detail
		}
		m[k] += e.Records
	}
	return m
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestPisces(t *testing.T) {
	d, led := read(t, pisces, concordance.ReadOptions{File: "t.vcf", Side: concordance.Tissue})
	if d.Build != "GRCh37" {
		t.Errorf("build = %q, want GRCh37 (chr1 length 249250621)", d.Build)
	}
	var keys []string
	for _, c := range d.Calls {
		keys = append(keys, c.Variant.String())
	}
	want := []string{"chr1:100:A:G", "chr1:200:C:T", "chr7:140453136:TGCCCGC:GGTGGGG"}
	if strings.Join(keys, " ") != strings.Join(want, " ") {
		t.Fatalf("calls = %v, want %v", keys, want)
	}
	c := d.Calls[0]
	if !near(c.VAF, 0.2) || c.Depth != 500 || c.AltReads != 100 || c.Source.Line != 8 || c.Filter != "PASS" {
		t.Errorf("first call = VAF %v depth %d alt %d line %d filter %s", c.VAF, c.Depth, c.AltReads, c.Source.Line, c.Filter)
	}
	if d.Calls[2].Filter != "PASS" || d.Calls[2].Class != concordance.MNV {
		t.Errorf("FILTER '.' must count as PASS; class %v", d.Calls[2].Class)
	}
	got := reasons(led)
	wantR := map[string]int64{"symbolic_allele:<M>": 1, "filtered:LowSupport;q30": 2, "reference_block": 1}
	if len(got) != len(wantR) {
		t.Fatalf("ledger = %v, want %v", got, wantR)
	}
	for k, v := range wantR {
		if got[k] != v {
			t.Errorf("ledger[%s] = %d, want %d (all: %v)", k, got[k], v, got)
		}
	}
}

func TestDragen(t *testing.T) {
	d, led := read(t, dragen, concordance.ReadOptions{File: "p.vcf", Side: concordance.Plasma, SampleID: "P1"})
	if len(d.Calls) != 7 {
		t.Fatalf("got %d calls, want 7 (germline, CH, split 2, MNV trio)", len(d.Calls))
	}
	if !d.Calls[0].Flags.Has(concordance.FlagGermlineCaller) || d.Calls[0].GermlineStatus != "Germline_DB" {
		t.Errorf("germline call flags %v status %q", d.Calls[0].Flags, d.Calls[0].GermlineStatus)
	}
	if !d.Calls[1].Flags.Has(concordance.FlagCHCaller | concordance.FlagHotspot) {
		t.Errorf("CH call flags = %v", d.Calls[1].Flags)
	}
	// Multi-allelic split: per-allele AF and AD re-indexed.
	a, b := d.Calls[2], d.Calls[3]
	if a.Alt != "T" || !near(a.VAF, 0.06) || a.AltReads != 60 || b.Alt != "TT" || !near(b.VAF, 0.04) || b.AltReads != 40 {
		t.Errorf("split alleles: %s %v %d / %s %v %d", a.Alt, a.VAF, a.AltReads, b.Alt, b.VAF, b.AltReads)
	}
	for _, c := range d.Calls[4:] {
		if c.Group != "chr1:5000_AGGGGGC->CGGGGGT" {
			t.Errorf("MNV group = %q", c.Group)
		}
	}
	if got := reasons(led); got["filtered:weak_evidence"] != 1 || len(got) != 1 {
		t.Errorf("ledger = %v", got)
	}
	// With all filters kept, the weak_evidence call is returned with its FILTER.
	d, led = read(t, dragen, concordance.ReadOptions{AllFilters: true})
	if len(d.Calls) != 8 || d.Calls[2].Filter != "weak_evidence" || len(led.Entries()) != 0 {
		t.Errorf("AllFilters: %d calls, filter %q, ledger %v", len(d.Calls), d.Calls[2].Filter, reasons(led))
	}
}

func TestAnnotations(t *testing.T) {
	csq := `##fileformat=VCFv4.2
##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|CANONICAL">
#CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO
chr7	140453136	.	A	T	.	PASS	CSQ=T|missense_variant|MODERATE|BRAF|ENSG1|Transcript|ENST2|protein_coding|15/18||ENST2:c.1799T>A|ENSP2:p.Val600Glu|,T|missense_variant|MODERATE|BRAF|ENSG1|Transcript|ENST1|protein_coding|15/18||ENST1:c.1799T>A|ENSP1:p.Val600Glu|YES
chr2	100	.	CAG	C,CA	.	PASS	CSQ=-|frameshift_variant|HIGH|DNMT3A|G|Transcript|T1|pc|8/23||T1:c.1del|P1:p.Ser300fs|YES,A|frameshift_variant|HIGH|DNMT3A|G|Transcript|T1|pc|8/23||T1:c.2del|P1:p.Ser300%3D|YES
`
	d, _ := read(t, csq, concordance.ReadOptions{})
	c := d.Calls[0]
	if c.Gene != "BRAF" || c.Protein != "p.Val600Glu" || c.Transcript != "ENST1" || c.Exon != "15/18" || c.Consequence != "missense_variant" {
		t.Errorf("CSQ annotation = %q %q %q %q %q (want the CANONICAL entry)", c.Gene, c.Protein, c.Transcript, c.Exon, c.Consequence)
	}
	if d.Calls[1].Protein != "p.Ser300fs" || d.Calls[2].Protein != "p.Ser300=" {
		t.Errorf("per-allele CSQ: %q, %q", d.Calls[1].Protein, d.Calls[2].Protein)
	}
	ann := `##fileformat=VCFv4.2
##INFO=<ID=ANN,Number=.,Type=String,Description="Functional annotations: 'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | AA.pos / AA.length | Distance | ERRORS / WARNINGS / INFO' ">
#CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO
12	25398284	.	C	A	.	PASS	ANN=A|missense_variant|MODERATE|KRAS|ENSG|transcript|ENST3|protein_coding|2/6|c.35G>T|p.Gly12Val|||||
`
	d, _ = read(t, ann, concordance.ReadOptions{})
	if c := d.Calls[0]; c.Gene != "KRAS" || c.Protein != "p.Gly12Val" || c.Exon != "2/6" {
		t.Errorf("ANN annotation = %q %q %q", c.Gene, c.Protein, c.Exon)
	}
}

// Population frequency: an INFO key (per allele), else the largest gnomAD
// field of the chosen CSQ entry ("&" joins colocated variants); missing when
// neither is present.
func TestPopAF(t *testing.T) {
	text := `##fileformat=VCFv4.2
##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL|gnomADe_AF|gnomADg_AF|CANONICAL">
#CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO
chr1	100	.	A	G,T	.	PASS	gnomAD_AF=0.25,0.0001
chr1	200	.	C	T	.	PASS	CSQ=T|missense_variant|TP53|0.00002&0.003|0.001|YES
chr1	300	.	G	A	.	PASS	CSQ=A|missense_variant|TP53|||YES
chr1	400	.	G	C	.	PASS	gnomAD_AF=.;MAX_AF=0.02
`
	d, _ := read(t, text, concordance.ReadOptions{})
	want := []float64{0.25, 0.0001, 0.003, math.NaN(), 0.02}
	for i, c := range d.Calls {
		if got := c.PopAF; !(near(got, want[i]) || math.IsNaN(got) && math.IsNaN(want[i])) {
			t.Errorf("call %d (%s): PopAF %v, want %v", i, c.Variant, got, want[i])
		}
	}
}

func TestRealFiles(t *testing.T) {
	t.Run("VarDict single sample: VAF in FORMAT AF", func(t *testing.T) {
		f, _ := os.ReadFile("testdata/vardict_v1.8.x.simple.head60.vcf")
		d, led := read(t, string(f), concordance.ReadOptions{SampleID: "abc"})
		read, used, _ := led.Totals()
		// 60-line excerpt; every data line is either returned or in the ledger.
		lines := 0
		for _, l := range strings.Split(string(f), "\n") {
			if l != "" && l[0] != '#' {
				lines++
			}
		}
		if int(read)+len(d.Calls) != lines || used != 0 {
			t.Fatalf("records: %d in ledger + %d calls, file has %d data lines", read, len(d.Calls), lines)
		}
		c := d.Calls[0]
		// First PASS record of the file; values from its FORMAT column.
		if c.Depth <= 0 || !concordance.Known(c.VAF) || c.AltReads < 0 {
			t.Errorf("first call %v: depth %d VAF %v alt %d", c.Variant, c.Depth, c.VAF, c.AltReads)
		}
	})
	t.Run("VarDict paired: tumour column with GT 0/0 still carries the call", func(t *testing.T) {
		f, _ := os.ReadFile("testdata/vardict_v1.8.x.paired.head60.vcf")
		d, led := read(t, string(f), concordance.ReadOptions{SampleID: "abc", AllFilters: true})
		if len(d.Calls) == 0 {
			t.Fatalf("no calls; ledger %v", reasons(led))
		}
		// 20:68384 G>A has GT 0/0 but AF 0.0076 and AD 262,2 in sample abc.
		c := d.Calls[0]
		if c.Pos != 68384 || !near(c.VAF, 0.0076) || c.AltReads != 2 || c.Depth != 264 {
			t.Errorf("first call %v VAF %v alt %d depth %d", c.Variant, c.VAF, c.AltReads, c.Depth)
		}
	})
	t.Run("PCGR: VAF and depth in INFO TVAF/TDP", func(t *testing.T) {
		f, _ := os.Open("testdata/T001-BRCA.grch38.vcf.gz")
		defer f.Close()
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		var led concordance.Ledger
		d, err := ReadCalls(z, concordance.ReadOptions{}, &led)
		if err != nil {
			t.Fatal(err)
		}
		// First record: 1 1968826 C>T TVAF=0.222222222222 TDP=144.
		c := d.Calls[0]
		if c.Pos != 1968826 || !near(c.VAF, 0.222222222222) || c.Depth != 144 {
			t.Errorf("first call %v VAF %v depth %d", c.Variant, c.VAF, c.Depth)
		}
		if len(d.Calls) != 196 {
			t.Errorf("%d calls, want the 196 variants SOURCES.md describes", len(d.Calls))
		}
	})
}

func TestErrors(t *testing.T) {
	head := "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
	tests := []struct {
		name, text string
		opt        concordance.ReadOptions
		line       int
		msg        string
	}{
		{"not a VCF", "chr1\t1\t.\tA\tC\n", concordance.ReadOptions{}, 1, "not a VCF"},
		{"empty file", "", concordance.ReadOptions{}, 1, "not a VCF"},
		{"no #CHROM line", "##fileformat=VCFv4.2\n##source=x\n", concordance.ReadOptions{}, 2, "no #CHROM"},
		{"too few columns", head + "chr1\t5\t.\tA\tC\t.\tPASS\n", concordance.ReadOptions{}, 3, "at least 8"},
		{"missing sample column", head + "chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT\n", concordance.ReadOptions{}, 3, "expected 10 tab-separated columns"},
		{"non-numeric POS", head + "chr1\t5x\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\n", concordance.ReadOptions{}, 3, `POS "5x"`},
		{"bad ALT", head + "chr1\t5\t.\tA\tI\t.\tPASS\t.\tGT\t0/1\n", concordance.ReadOptions{}, 3, `ALT allele "I"`},
		{"sample not in VCF", head + "chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\n", concordance.ReadOptions{SampleID: "TUMOR"}, 2, `sample "TUMOR" not in the file (samples: "S1")`},
		{"bad contig length", "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=big>\n", concordance.ReadOptions{}, 2, "length"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var led concordance.Ledger
			_, err := ReadCalls(strings.NewReader(tc.text), tc.opt, &led)
			var le *concordance.LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a LineError", err)
			}
			if le.Line != tc.line || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %v (line %d), want line %d containing %q", err, le.Line, tc.line, tc.msg)
			}
			if got := concordance.AtFile("x.vcf", err).Error(); !strings.HasPrefix(got, "x.vcf:") || strings.Contains(got, "\n") {
				t.Errorf("with file: %q", got)
			}
		})
	}
}

func TestLongLinesAndCRLF(t *testing.T) {
	long := strings.Repeat("X", 600<<10) // longer than the read buffer
	text := "##fileformat=VCFv4.2\r\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\r\nchr1\t5\t.\tA\tC\t.\tPASS\tNOTE=" + long + "\r\nchr1\t6\t.\tA\tG\t.\tPASS\t.\r\n"
	d, _ := read(t, text, concordance.ReadOptions{})
	if len(d.Calls) != 2 || d.Calls[1].Alt != "G" || d.Calls[1].Source.Line != 4 {
		t.Fatalf("calls = %+v", d.Calls)
	}
}

func TestGenotypeHas(t *testing.T) {
	for _, tc := range []struct {
		gt   string
		a    int
		want bool
	}{{"0/1", 1, true}, {"1|2", 2, true}, {"0/0", 1, false}, {"./.", 1, false}, {"0/10", 1, false}, {"0/10", 10, true}, {"1", 1, true}} {
		if got := genotypeHas([]byte(tc.gt), tc.a); got != tc.want {
			t.Errorf("genotypeHas(%q, %d) = %v", tc.gt, tc.a, got)
		}
	}
}

func BenchmarkReadCalls(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(pisces[:strings.Index(pisces, "chr1\t100")])
	line := "chr1\t300\t.\tG\tA\t12\tLowSupport\tDP=400\tGT:GQ:AD:DP:VF:NL:SB:NC:US\t0/1:12:399,1:400:0.002:20:-100.0000:0.0000:1,2,3,4,5,6,7,8,9,10,11,12\n"
	pass := "chr1\t100\t.\tA\tG\t100\tPASS\tDP=500\tGT:GQ:AD:DP:VF:NL:SB:NC:US\t0/1:100:400,100:500:0.200:20:-100.0000:0.0000:1,2,3,4,5,6,7,8,9,10,11,12\n"
	for i := 0; i < 2000; i++ {
		if i%100 == 0 {
			buf.WriteString(pass)
		} else {
			buf.WriteString(line)
		}
	}
	data := buf.Bytes()
	var cr CallReader
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var led concordance.Ledger
		if _, err := cr.Read(bytes.NewReader(data), concordance.ReadOptions{}, &led); err != nil {
			b.Fatal(err)
		}
	}
	_ = io.EOF
}

func TestHeader(t *testing.T) {
	text := "##fileformat=VCFv4.3\n##contig=<ID=chr1,length=248956422,assembly=\"GRCh38, primary\">\n##contig=<ID=chrUn>\n" +
		"##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Total depth, all reads\">\n##FILTER=<ID=weak_evidence,Description=\"Somatic variant score does not meet threshold\">\n" +
		"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\tN\n"
	r, err := NewReader(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	h := r.Header
	if h.Version != "VCFv4.3" || len(h.Contigs) != 2 || h.Contigs[0].Length != 248956422 || h.Contigs[1].Length != 0 || h.Lines != 6 {
		t.Fatalf("header = %+v", h)
	}
	if got := concordance.InferBuild(h.ContigLengths()); got != "GRCh38" {
		t.Errorf("build %q", got)
	}
	if d, ok := h.InfoDef("DP"); !ok || d.Number != "1" || d.Description != "Total depth, all reads" {
		t.Errorf("InfoDef(DP) = %+v, %v", d, ok)
	}
	if d, ok := h.FilterDescription("weak_evidence"); !ok || !strings.HasPrefix(d, "Somatic") {
		t.Errorf("FilterDescription = %q %v", d, ok)
	}
	if err := r.SelectSample(""); err == nil || !strings.Contains(err.Error(), `2 samples ("T, N")`) {
		t.Errorf("SelectSample(\"\") on two samples: %v", err)
	}
	if err := r.SelectSample("N"); err != nil || r.Sample() != 1 {
		t.Errorf("SelectSample(N): %v %d", err, r.Sample())
	}
}

// oneByOne hides WriterTo and returns a few bytes per Read, so lines
// straddle the splitter's writes.
type oneByOne struct {
	s string
	n int
}

func (o *oneByOne) Read(p []byte) (int, error) {
	if o.s == "" {
		return 0, io.EOF
	}
	k := min(o.n, len(p), len(o.s))
	copy(p, o.s[:k])
	o.s = o.s[k:]
	return k, nil
}

func TestScanPathsAgree(t *testing.T) {
	for _, text := range []string{pisces, dragen, strings.TrimSuffix(dragen, "\n")} {
		want, _ := read(t, text, concordance.ReadOptions{AllFilters: true})
		for _, chunk := range []int{1, 7, 64} {
			var led concordance.Ledger
			got, err := ReadCalls(&oneByOne{s: text, n: chunk}, concordance.ReadOptions{AllFilters: true}, &led)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Calls) != len(want.Calls) {
				t.Fatalf("chunk %d: %d calls, want %d", chunk, len(got.Calls), len(want.Calls))
			}
			for i := range got.Calls {
				g, w := got.Calls[i], want.Calls[i]
				if g.Variant != w.Variant || g.Source != w.Source || g.Group != w.Group || g.Depth != w.Depth {
					t.Fatalf("chunk %d call %d: %+v, want %+v", chunk, i, g.Variant, w.Variant)
				}
			}
		}
		// The pull reader sees the same records.
		r, err := NewReader(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if !rec.IsReferenceBlock() {
				n++
			}
		}
		if n < len(want.Calls)-2 { // multi-allelic records give several calls
			t.Errorf("Next saw %d records for %d calls", n, len(want.Calls))
		}
	}
}

// The header is held in memory whole, so it is bounded (MaxHeader), and
// reading it is linear in its lines (##source values were once joined a
// line at a time, quadratic in their number: 200,000 of them copied ~40 GB,
// minutes; joined once, milliseconds; the 20 s bound allows a busy machine).
func TestHeaderBounds(t *testing.T) {
	var b strings.Builder
	b.WriteString("##fileformat=VCFv4.2\n")
	for i := 0; i < 200000; i++ {
		b.WriteString("##source=s\n")
	}
	b.WriteString("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
	start := time.Now()
	r, err := NewReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(r.Header.Source, "; "); n != 199999 || time.Since(start) > 20*time.Second {
		t.Errorf("%d sources joined in %v", n+1, time.Since(start))
	}
	line := "##x=" + strings.Repeat("y", 1<<20) + "\n"
	big := "##fileformat=VCFv4.2\n" + strings.Repeat(line, MaxHeader>>20) + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
	_, err = NewReader(strings.NewReader(big))
	var le *concordance.LineError
	if !errors.As(err, &le) || le.Line != MaxHeader>>20+1 || !strings.Contains(err.Error(), "header is over 64 MiB") {
		t.Errorf("err = %v, want the header cap on line %d", err, MaxHeader>>20+1)
	}
}

// TestCallReaderReuse: a CallReader that read other files first (a larger
// one, whose calls' memory it reuses, and one with other FILTERs and
// duplicates) returns for each file the calls and ledger a new reader
// returns (oracle: ReadCalls, a new reader per file).
func TestCallReaderReuse(t *testing.T) {
	var files [][]byte
	names := []string{"T001-BRCA.grch38.vcf.gz", "vardict_v1.8.x.simple.head60.vcf", "T001-BRCA.grch37.vcf.gz", "vardict_v1.8.x.paired.head60.vcf"}
	samples := []string{"", "", "", "abc"}
	for _, name := range names {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if raw, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		files = append(files, raw)
	}
	opt := concordance.ReadOptions{File: "f", Patient: "P", Side: concordance.Tissue}
	var cr CallReader
	for round := range 2 {
		for i, raw := range files {
			o := opt
			o.SampleID = samples[i]
			var wantLed, gotLed concordance.Ledger
			want, wantErr := ReadCalls(bytes.NewReader(raw), o, &wantLed)
			got, err := cr.Read(bytes.NewReader(raw), o, &gotLed)
			if err != nil || wantErr != nil {
				t.Fatalf("round %d file %d: error %v, a new reader %v", round, i, err, wantErr)
			}
			// %#v: every field, NaN equal to NaN (DeepEqual's is not).
			if len(got.Calls) == 0 || fmt.Sprintf("%#v", got.Calls) != fmt.Sprintf("%#v", want.Calls) || !reflect.DeepEqual(gotLed.Entries(), wantLed.Entries()) {
				t.Errorf("round %d file %d: %d calls, a new reader %d (or the ledgers differ)", round, i, len(got.Calls), len(want.Calls))

			}
		}
	}
}
