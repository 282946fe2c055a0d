package tso500

import (
	"errors"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func opt(name string) concordance.ReadOptions {
	return concordance.ReadOptions{File: name, Patient: "PT001", Side: concordance.Tissue}
}

// keys lists the calls' alteration keys, sorted.
func keys(calls []concordance.Call) []string {
	var k []string
	for _, c := range calls {
		k = append(k, c.Key())
	}
	sort.Strings(k)
	return k
}

func byKey(calls []concordance.Call) map[string]concordance.Call {
	m := map[string]concordance.Call{}
	for _, c := range calls {
		m[c.Key()] = c
	}
	return m
}

func checkKeys(t *testing.T, calls []concordance.Call, want ...string) {
	t.Helper()
	sort.Strings(want)
	if got := keys(calls); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("calls\n got %q\nwant %q", got, want)
	}
}

// checkLedger checks the reader's ledger together with its calls: a
// reader counts only the records it does not return.
func checkLedger(t *testing.T, led *concordance.Ledger, calls []concordance.Call, want map[string]int64) {
	t.Helper()
	led.CountCalls("", 0, calls)
	got := led.ByReason()
	for r, n := range want {
		if got[r] != n {
			t.Errorf("ledger %s = %d, want %d (all %v)", r, got[r], n, got)
		}
	}
	for r, n := range got {
		if _, ok := want[r]; !ok {
			t.Errorf("unexpected ledger reason %s = %d", r, n)
		}
	}
}

func TestCVOLocalApp(t *testing.T) {
	var led concordance.Ledger
	c, err := ParseCVO(open(t, "cvo_localapp_tissue.tsv"), opt("cvo_localapp_tissue.tsv"), &led)
	if err != nil {
		t.Fatal(err)
	}
	if c.PairID != "PT001-T" || c.RNASampleID != "PT001-T-RNA" || c.PipelineVersion != "ruo-2.2.0.12" {
		t.Errorf("analysis details %+v", c)
	}
	b := c.Data.Biomarkers
	if b.TMB != 12.5 || b.MSIScore != 2.68 || b.MSIStatus != "" {
		t.Errorf("biomarkers %+v, want TMB 12.5, MSI 2.68%%, no status", b)
	}
	checkKeys(t, c.Data.Calls,
		"amplification:MYC", "amplification:ERBB2", "amplification:MYCL", // MYCL1 is MYCL's previous symbol
		"splice:MET:14", "splice:EGFR:2-7", "splice:AR:",
		"fusion:ALK::EML4", "fusion:CD74::GOPC;ROS1", "fusion:AC016683.6;PPARG::PAX8",
		"chr7:140453136:A:T", "chr7:55242465:GGAATTAAGAGAAGC:-", "chr7:151945071:G:A", "chr19:40761084:G:A",
		"chr9:19072413:C:T", "chr17:7578263:G:A", "chr22:29091858:A:-")
	m := byKey(c.Data.Calls)
	for k, want := range map[string]string{
		"chr7:140453136:A:T":              "p.V600E",
		"chr7:55242465:GGAATTAAGAGAAGC:-": "p.E746_A750del",
		"chr7:151945071:G:A":              "p.N999=", // P-Dot wraps the c. change: NM_…:c.2997C>T(p.(Asn999=))
		"chr22:29091858:A:-":              "p.T410Mfs*15",
		"chr17:7578263:G:A":               "", // splice donor: empty P-Dot
	} {
		if got := m[k].Protein; got != want {
			t.Errorf("%s protein %q, want %q", k, got, want)
		}
	}
	if braf := m["chr7:140453136:A:T"]; braf.Gene != "BRAF" || braf.VAF != 0.312 || braf.Depth != 512 ||
		braf.Transcript != "NM_004333.4" || braf.HGVSc != "c.1799T>A" || braf.Exon != "15/18" || braf.Source.Line != 47 {
		t.Errorf("BRAF call %+v", braf)
	}
	if g := m["chr9:19072413:C:T"].Gene; g != "" {
		t.Errorf("intergenic row gene %q, want empty", g)
	}
	if akt2 := m["chr19:40761084:G:A"]; akt2.VAF != 1 {
		t.Errorf("AKT2 AF %v, want 1 (germline homozygous kept: the CVO still holds germline)", akt2.VAF)
	}
	if myc := m["amplification:MYC"]; myc.FoldChange != 4.76 {
		t.Errorf("MYC fold change %v", myc.FoldChange)
	}
	if met := m["splice:MET:14"]; met.AltReads != 160 || met.Depth != 200 || met.VAF != 0.8 || met.Exon != "14/21" {
		t.Errorf("MET splice %+v", met)
	}
	if ar := m["splice:AR:"]; ar.AltReads != 12 || ar.Depth != -1 {
		t.Errorf("AR splice (no exon, NA reference reads) %+v", ar)
	}
	if eml4 := m["fusion:ALK::EML4"]; eml4.AltReads != 57 {
		t.Errorf("EML4-ALK %+v", eml4)
	}
	if strings.Join(c.Skipped, ",") != "Exon-Level CNVs" {
		t.Errorf("skipped sections %q", c.Skipped)
	}
	// 16 calls; the repeated BRAF row and the reciprocal ALK-EML4 row are duplicates.
	checkLedger(t, &led, c.Data.Calls, map[string]int64{concordance.ReasonUsed: 16, concordance.ReasonDuplicate: 2})
}

func TestCVODragen(t *testing.T) {
	var led concordance.Ledger
	c, err := ParseCVO(open(t, "cvo_dragen_tissue.tsv"), opt("cvo_dragen_tissue.tsv"), &led)
	if err != nil {
		t.Fatal(err)
	}
	if b := c.Data.Biomarkers; b.TMB != 4.72 || b.MSIScore != 25.62 {
		t.Errorf("biomarkers %+v", b)
	}
	checkKeys(t, c.Data.Calls, "amplification:ERBB2", "deletion:CDKN2A", "fusion:ALK::NKX2-1",
		"chr12:25398284:C:A", "chr17:37880982:-:GCATACGTGATG")
	m := byKey(c.Data.Calls)
	if p := m["chr17:37880982:-:GCATACGTGATG"].Protein; p != "p.Y772_A775dup" {
		t.Errorf("ERBB2 protein %q", p)
	}
	if fc := m["deletion:CDKN2A"].FoldChange; fc != 0.21 {
		t.Errorf("CDKN2A fold change %v", fc)
	}
	if strings.Join(c.Skipped, ",") != "Gene-level Loss of Heterozygosity,Large Rearrangements" {
		t.Errorf("skipped %q", c.Skipped)
	}
	// Data rows of the two unread sections (2 + 1) are counted, not dropped.
	checkLedger(t, &led, c.Data.Calls, map[string]int64{concordance.ReasonUsed: 5, concordance.ReasonNotReportable: 3})
}

func TestCVORNAOnly(t *testing.T) {
	var led concordance.Ledger
	c, err := ParseCVO(open(t, "cvo_rna_only.tsv"), opt("cvo_rna_only.tsv"), &led)
	if err != nil {
		t.Fatal(err)
	}
	if c.DNASampleID != "" || c.PairID != "PT002-R" {
		t.Errorf("details %+v", c)
	}
	if b := c.Data.Biomarkers; !math.IsNaN(b.TMB) || !math.IsNaN(b.MSIScore) {
		t.Errorf("biomarkers %+v, want missing", b)
	}
	checkKeys(t, c.Data.Calls, "fusion:ERG::TMPRSS2")
	if c.Data.Calls[0].AltReads != -1 {
		t.Errorf("no read column: alt reads %d, want -1", c.Data.Calls[0].AltReads)
	}
	checkLedger(t, &led, c.Data.Calls, map[string]int64{concordance.ReasonUsed: 1})
}

func TestFusionCSVs(t *testing.T) {
	tests := []struct {
		file   string
		read   concordance.CallReader
		keys   []string
		ledger map[string]int64
	}{
		{"ctdna_v1_Fusions.csv", ReadCtDNAFusions,
			[]string{"fusion:ALK::NPM1", "fusion:::ROS1"}, // ROS1 to NonGene: a gene-level fusion (Key sorts the empty partner first)
			map[string]int64{concordance.ReasonUsed: 2, concordance.ReasonDuplicate: 1, concordance.ReasonFiltered: 1, concordance.ReasonNotReportable: 1}},
		{"ctdna_v2_Fusions.csv", ReadCtDNAFusions, []string{"fusion:ALK::EML4"},
			map[string]int64{concordance.ReasonUsed: 1}},
		{"rna_AllFusions.csv", ReadAllFusions, []string{"fusion:ALK::EML4", "fusion:CD74::GOPC;ROS1", "fusion:ALK::MYCL"},
			map[string]int64{concordance.ReasonUsed: 3, concordance.ReasonDuplicate: 1, concordance.ReasonNotReportable: 1}},
		{"dragen_AllFusions.csv", ReadAllFusions, []string{"fusion:ERG::TMPRSS2"},
			map[string]int64{concordance.ReasonUsed: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			var led concordance.Ledger
			sd, err := tc.read(open(t, tc.file), opt(tc.file), &led)
			if err != nil {
				t.Fatal(err)
			}
			checkKeys(t, sd.Calls, tc.keys...)
			checkLedger(t, &led, sd.Calls, tc.ledger)
		})
	}
	// ctDNA v1: the first ALK-NPM1 record (line 7) is kept with its counts.
	var led concordance.Ledger
	sd, _ := ReadCtDNAFusions(open(t, "ctdna_v1_Fusions.csv"), opt("f"), &led)
	if c := sd.Calls[0]; c.Source.Line != 7 || c.AltReads != 12 || c.Depth != 395 || c.VAF != 0.0304 {
		t.Errorf("ALK-NPM1 %+v", c)
	}
	// AllFusions: alt reads are the unique split + pair reads (Alt Split
	// Dedup 35 + Alt Pair Dedup 15 of line 6), or all of them when a row
	// has no deduplicated counts (line 7, SpliceGirl: Alt Split 38).
	sd, _ = ReadAllFusions(open(t, "rna_AllFusions.csv"), opt("f"), &led)
	if c := sd.Calls[0]; c.AltReads != 50 || c.Source.Line != 6 {
		t.Errorf("EML4-ALK %+v", c)
	}
	line7 := "Caller,Gene A,Gene B,Alt Split,Alt Pair,KeepFusion,Alt Split Dedup,Alt Pair Dedup\nSpliceGirl,EML4,ALK,38,N/A,True,N/A,N/A\n"
	sd, err := ReadAllFusions(strings.NewReader(line7), opt("f"), &led)
	if err != nil || len(sd.Calls) != 1 || sd.Calls[0].AltReads != 38 {
		t.Errorf("SpliceGirl row without deduplicated counts: %v %+v", err, sd)
	}
}

func TestCNVVCF(t *testing.T) {
	tests := []struct {
		file   string
		keys   []string
		fc     map[string]float64
		ledger map[string]int64
	}{
		{"craft_CopyNumberVariants.vcf", []string{"amplification:MYC", "amplification:MYCL"},
			map[string]float64{"amplification:MYC": 1.95, "amplification:MYCL": 2.4},
			map[string]int64{concordance.ReasonUsed: 2, concordance.ReasonNotReportable: 2, concordance.ReasonFiltered: 1}},
		{"dragen.cnv.vcf", []string{"amplification:ERBB2", "deletion:CDKN2A"},
			map[string]float64{"amplification:ERBB2": 5.12, "deletion:CDKN2A": 0.21},
			map[string]int64{concordance.ReasonUsed: 2, concordance.ReasonNotReportable: 1, concordance.ReasonFiltered: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			var led concordance.Ledger
			sd, err := ReadCNVVCF(open(t, tc.file), opt(tc.file), &led)
			if err != nil {
				t.Fatal(err)
			}
			checkKeys(t, sd.Calls, tc.keys...)
			for k, c := range byKey(sd.Calls) {
				if c.FoldChange != tc.fc[k] {
					t.Errorf("%s fold change %v, want %v", k, c.FoldChange, tc.fc[k])
				}
			}
			if sd.Build != "GRCh37" {
				t.Errorf("build %q, want GRCh37 (chr1 length 249250621)", sd.Build)
			}
			checkLedger(t, &led, sd.Calls, tc.ledger)
		})
	}
	// Issue 11 §3: DRAGEN's FORMAT CN, when written, is the call's copy
	// number beside its copy ratio; a CN that is no number is refused.
	rec := CNVRecord{Line: 9, Alt: "<DUP>", Filter: "PASS", Info: map[string]string{"SEGID": "ERBB2"}, Format: map[string]string{"SM": "3.1", "CN": "6"}}
	if calls, _, _, err := CNVCalls(rec, opt("cnv")); err != nil || calls[0].CopyNumber != 6 || calls[0].FoldChange != 3.1 {
		t.Errorf("CN 6, SM 3.1: %v %+v", err, calls)
	}
	rec.Format["CN"] = "six"
	if _, _, _, err := CNVCalls(rec, opt("cnv")); err == nil || !strings.Contains(err.Error(), `FORMAT CN "six"`) {
		t.Errorf("CN six: %v", err)
	}
	// --all-filters keeps the filtered loss.
	var led concordance.Ledger
	o := opt("craft")
	o.AllFilters = true
	sd, err := ReadCNVVCF(open(t, "craft_CopyNumberVariants.vcf"), o, &led)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := byKey(sd.Calls)["deletion:CDKN2A"]; !ok || c.Filter != "LowValidation" {
		t.Errorf("with AllFilters: CDKN2A %+v", c)
	}
}

func TestMalformed(t *testing.T) {
	const cvoHead = "TruSight Oncology 500 - Combined Variant Output\n\n"
	const small = "[Small Variants]\nGene\tChromosome\tGenomic Position\tReference Call\tAlternative Call\tAllele Frequency\tDepth\n"
	const csvHead = "Sample,Name,Chr1,Pos1,Chr2,Pos2,Direction,Alt_Depth,BP1_Depth,BP2_Depth,Total_Depth,VAF,Gene1,Gene2,Contig,Filter\n"
	const vcfHead = "##fileformat=VCFv4.1\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n"
	tests := []struct {
		name, text string
		read       concordance.CallReader
		line       int
		msg        string
	}{
		{"cvo: not a CVO", "Gene\tChromosome\n", ReadCVO, 1, "not a CombinedVariantOutput"},
		{"cvo: no sections", "TruSight Oncology 500\n", ReadCVO, 1, "no [Section]"},
		{"cvo: bad AF", cvoHead + small + "BRAF\tchr7\t140453136\tA\tT\tabc\t10\n", ReadCVO, 5, "Allele Frequency"},
		{"cvo: bad position", cvoHead + small + "BRAF\tchr7\t-5\tA\tT\t0.1\t10\n", ReadCVO, 5, "position"},
		{"cvo: bad alleles", cvoHead + small + "BRAF\tchr7\t5\tA\tA\t0.1\t10\n", ReadCVO, 5, "alleles"},
		{"cvo: missing column", cvoHead + "[Small Variants]\nGene\tChromosome\n", ReadCVO, 4, "Genomic Position"},
		{"cvo: section twice", cvoHead + "[TMB]\nTotal TMB\t1\n\n[TMB]\n", ReadCVO, 6, "twice"},
		{"cvo: rows after NA", cvoHead + small + "NA\nBRAF\tchr7\t5\tA\tT\t0.1\t10\n", ReadCVO, 6, "after its NA"},
		{"cvo: bad TMB", cvoHead + "[TMB]\nTotal TMB\thigh\n", ReadCVO, 4, "not a number"},
		{"cvo: ambiguous gene pair", cvoHead + "[Fusions]\nGene Pair\nFOO-BAR-BAZ\n", ReadCVO, 5, "cannot split"},
		{"cvo: bad fold change", cvoHead + "[Gene Amplifications]\nGene\tFold Change\nMYC\tfour\n", ReadCVO, 5, "Fold Change"},
		{"AllFusions: KeepFusion", "Gene A,Gene B,KeepFusion\nEML4,ALK,maybe\n", ReadAllFusions, 2, "KeepFusion"},
		{"AllFusions: no Gene B", "# c\nGene A,Caller\n", ReadAllFusions, 2, "Gene B"},
		{"AllFusions: empty", "# only comments\n", ReadAllFusions, 0, "no header"},
		{"Fusions.csv: bad VAF", csvHead + "S,n,chr2,1,chr5,2,L1rL2,1,1,1,10,lots,ALK,NPM1,A,PASS\n", ReadCtDNAFusions, 2, "VAF"},
		{"Fusions.csv: CRLF bad depth", strings.ReplaceAll(csvHead, "\n", "\r\n") + "S,n,chr2,1,chr5,2,L1rL2,1,1,1,x,0.1,ALK,NPM1,A,PASS\r\n", ReadCtDNAFusions, 2, "Total_Depth"},
		{"CNV VCF: not a VCF", "chr1\t1\n", ReadCNVVCF, 1, "not a VCF"},
		{"CNV VCF: bad ALT", vcfHead + "chr1\t10\t.\tN\t<INV>\t.\tPASS\tANT=MYC\tFC\t2\n", ReadCNVVCF, 3, "<INV>"},
		{"CNV VCF: bad POS", vcfHead + "chr1\tten\t.\tN\t<DUP>\t.\tPASS\tANT=MYC\tFC\t2\n", ReadCNVVCF, 3, "POS"},
		{"CNV VCF: bad FC", vcfHead + "chr1\t10\t.\tN\t<DUP>\t.\tPASS\tANT=MYC\tFC\tbig\n", ReadCNVVCF, 3, "fold change"},
		{"CNV VCF: short record", vcfHead + "chr1\t10\t.\tN\n", ReadCNVVCF, 3, "columns"},
		// Issue 10: values out of range and rows cut short.
		{"cvo: AF above 1", cvoHead + small + "BRAF\tchr7\t140453136\tA\tT\t1.5\t10\n", ReadCVO, 5, `Allele Frequency is "1.5": want an allele fraction in [0, 1], or a percentage`},
		{"cvo: AF negative percentage", cvoHead + small + "BRAF\tchr7\t140453136\tA\tT\t-3%\t10\n", ReadCVO, 5, `Allele Frequency is "-3%"`},
		{"cvo: negative depth", cvoHead + small + "BRAF\tchr7\t140453136\tA\tT\t0.1\t-10\n", ReadCVO, 5, `Depth is "-10": want a read count`},
		{"cvo: short row", cvoHead + small + "BRAF\tchr7\t140453136\tA\tT\n", ReadCVO, 5, "the row has 5 fields but the header has 7"},
		{"AllFusions: short row", "Gene A,Gene B,KeepFusion,Alt Split\nEML4,ALK,True,3\nEML4,ALK\n", ReadAllFusions, 3, "the row has 2 fields but the header has 4"},
		{"Fusions.csv: short row", csvHead + "S,n,chr2,1,chr5,2,L1rL2,1,1,1,10,0.1,ALK\n", ReadCtDNAFusions, 2, "the row has 13 fields but the header has 16"},
		{"Fusions.csv: alt over total", csvHead + "S,n,chr2,1,chr5,2,L1rL2,12,1,1,10,0.1,ALK,NPM1,A,PASS\n", ReadCtDNAFusions, 2, "Alt_Depth 12 exceeds Total_Depth 10"},
		{"Fusions.csv: VAF above 1", csvHead + "S,n,chr2,1,chr5,2,L1rL2,1,1,1,10,1.2,ALK,NPM1,A,PASS\n", ReadCtDNAFusions, 2, `VAF is "1.2"`},
		{"CNV VCF: infinite FC", vcfHead + "chr1\t10\t.\tN\t<DUP>\t.\tPASS\tANT=MYC\tFC\tinf\n", ReadCNVVCF, 3, `FC "inf" is not a fold change`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.read(strings.NewReader(tc.text), opt("bad"), &concordance.Ledger{})
			var le *concordance.LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %v, want a LineError", err)
			}
			if le.Line != tc.line || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q at line %d, want line %d mentioning %q", err, le.Line, tc.line, tc.msg)
			}
			if !strings.HasPrefix(le.Err.Error(), "tso500: ") {
				t.Errorf("error %q lacks the package prefix", le.Err)
			}
		})
	}
}
