package input

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestSniffFiles(t *testing.T) {
	tests := []struct {
		path string
		want Format
	}{
		{"maf/testdata/test_b38.vcf", VCF},
		{"maf/testdata/test_b38_output.maf", MAF},
		{"maf/testdata/minimalist_test_maf.tsv", MAF},
		{"maf/testdata/tumor_sample.BRCA.pcgr.maf", MAF},
		{"maf/testdata/shifted_columns.maf", MAF}, // recognised as MAF; the reader reports it as suspect
		{"vcf/testdata/vardict_v1.8.x.simple.head60.vcf", VCF},
		{"vcf/testdata/T001-BRCA.grch38.vcf.gz", Gzip},
		{"tso500/testdata/cvo_localapp_tissue.tsv", CVO}, // BOM
		{"tso500/testdata/cvo_dragen_tissue.tsv", CVO},   // CRLF
		{"tso500/testdata/cvo_rna_only.tsv", CVO},
		{"tso500/testdata/craft_CopyNumberVariants.vcf", CNVVCF},
		{"tso500/testdata/dragen.cnv.vcf", CNVVCF},
		{"tso500/testdata/rna_AllFusions.csv", AllFusions},
		{"tso500/testdata/dragen_AllFusions.csv", AllFusions},
		{"tso500/testdata/ctdna_v1_Fusions.csv", CtDNAFusions}, // CRLF and #SOURCE preamble
		{"tso500/testdata/ctdna_v2_Fusions.csv", CtDNAFusions},
		{"reporttable/testdata/report.tsv", ReportTable},
		{"reporttable/testdata/report_bom_crlf.csv", ReportTable},
		{"cbioportal/testdata/study/data_clinical_sample.txt", CBioClinicalSample},
		{"cbioportal/testdata/study/data_clinical_patient.txt", CBioClinicalPatient},
		{"cbioportal/testdata/study/data_mutations_extended.txt", MAF},
		{"cbioportal/testdata/study/data_sv.txt", CBioSV},
		{"cbioportal/testdata/study/data_fusions.txt", CBioFusions},
		{"cbioportal/testdata/study/data_cna.txt", CBioCNA},
		{"pcgr/testdata/T001-BRCA.grch38.cna.tsv", PCGRCNA},
		{"pcgr/testdata/T001-BRCA.grch38.fusions.tsv", PCGRFusions},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			b, err := os.ReadFile(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) > SniffBytes {
				b = b[:SniffBytes]
			}
			got, err := Sniff(tc.path, b)
			if err != nil || got != tc.want {
				t.Errorf("Sniff = %v, %v; want %v", got, err, tc.want)
			}
			// The head the pipeline reads (ReadHead, as short as the rule
			// allows) sniffs the same.
			var buf [SniffBytes]byte
			head, err := ReadHead(bytes.NewReader(b), buf[:])
			if err != nil {
				t.Fatal(err)
			}
			if got, err := Sniff(tc.path, head); err != nil || got != tc.want {
				t.Errorf("Sniff(ReadHead: %d bytes) = %v, %v; want %v", len(head), got, err, tc.want)
			}
		})
	}
}

// ReadHead reads past a '#' preamble longer than its first 4 KiB until the
// header row is complete, and past a VCF's definitions to #CHROM: the
// decisive line is found by the rule Sniff uses (the split of that rule
// between the sniffer and the pipeline once made a fusion CSV with a long
// preamble unrecognisable).
func TestReadHeadSettles(t *testing.T) {
	preamble := strings.Repeat("#SOURCE\tsome long provenance line of a ctDNA fusion caller\n", 150) // ~9 KiB
	cnvDefs := strings.Repeat("##INFO=<ID=X,Number=1,Type=String,Description=\"padding\">\n", 120)
	tests := []struct {
		name, in string
		want     Format
	}{
		{"fusion CSV after a long preamble", preamble + "Gene1,Gene2,Alt_Depth,BreakPoint1\nEML4,ALK,12,chr2:1\n", CtDNAFusions},
		{"blank lines of commas before the header", ",,,\n\t\t\n" + preamble + "patient_id,sample,gene,alteration\nP1,tissue,EGFR,L858R\n", ReportTable},
		{"CRLF preamble", strings.ReplaceAll(preamble, "\n", "\r\n") + "Gene1,Gene2,Alt_Depth\r\nEML4,ALK,3\r\n", CtDNAFusions},
		{"CNV VCF with its telling definition after 4 KiB", "##fileformat=VCFv4.2\n" + cnvDefs + "##source=DRAGEN_CNV\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", CNVVCF},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf [SniffBytes]byte
			head, err := ReadHead(strings.NewReader(tc.in), buf[:])
			if err != nil {
				t.Fatal(err)
			}
			if len(head) <= 4096 {
				t.Fatalf("head of %d bytes: the case must need more than the first read", len(head))
			}
			if got, err := Sniff("f", head); err != nil || got != tc.want {
				t.Errorf("Sniff = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestSniffInline(t *testing.T) {
	const vcfHead = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n"
	tests := []struct {
		name, text string
		want       Format
	}{
		{"CNV VCF told by its records", vcfHead + "chr8\t100\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=CNV;END=200\tFC\t2\nchr9\t100\t.\tN\t.\t.\tPASS\tSVTYPE=CNV;END=200\tFC\t1\n", CNVVCF},
		{"SV VCF with one CNV is not a CNV VCF", vcfHead + "chr8\t100\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=CNV\tFC\t2\nchr8\t300\t.\tA\tG\t.\tPASS\t.\tFC\t1\n", VCF},
		{"splice VCF", "##fileformat=VCFv4.1\n##INFO=<ID=ALTDEDUP,Number=1,Type=Integer,Description=\"x\">\n#CHROM\tPOS\n", SpliceVCF},
		{"Craft by source", "##fileformat=VCFv4.1\n##source=Craft 1.0.0.49\n#CHROM\tPOS\n", CNVVCF},
		{"CVO without the title line", "[Analysis Details]\t\t\nPair ID\tX\t\n", CVO},
		{"CVO title with BOM", "\ufeffTruSight Oncology 500 - Combined Variant Output\t\t\n", CVO},
		{"report CSV with aliases", "Patient,Side,Gene,Alteration\nP1,tissue,BRAF,V600E\n", ReportTable},
		{"long CNA", "Samples\tGene\tGene panel\tCNA\tCytoband\n", CBioCNA},
		{"cBioPortal sample file with # rows", "#Patient Identifier\tSample Identifier\n#a\tb\n#STRING\tSTRING\n#1\t1\nPATIENT_ID\tSAMPLE_ID\n", CBioClinicalSample},
		{"GDC MAF with several # lines", "#version gdc-1.0.0\n#annotation.spec gdc-1.0.1\nHugo_Symbol\tEntrez_Gene_Id\tChromosome\tStart_Position\tEnd_Position\tReference_Allele\n", MAF},
		{"gzip magic", "\x1f\x8b\x08\x00", Gzip},
		// A MAF lacking a column it needs is still a MAF (issue 10: without
		// Reference_Allele or Start_Position it was taken for a CNA matrix),
		// so that its reader can name the column.
		{"MAF without Reference_Allele", "Hugo_Symbol\tChromosome\tStart_Position\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n", MAF},
		{"MAF without Start_Position", "Hugo_Symbol\tChromosome\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n", MAF},
		{"MAF without Tumor_Sample_Barcode", "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\n", MAF},
		{"CNA matrix is still a CNA matrix", "Hugo_Symbol\tEntrez_Gene_Id\tS1\tS2\n", CBioCNA},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Sniff("x", []byte(tc.text))
			if err != nil || got != tc.want {
				t.Errorf("Sniff = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	for _, bad := range []string{"", "   \n", "hello world\n", "a,b,c\n1,2,3\n"} {
		if f, err := Sniff("bad.txt", []byte(bad)); !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("Sniff(%q) = %v, %v; want ErrUnknownFormat", bad, f, err)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{
		"": Unknown, "auto": Unknown, "VCF": VCF, "cvo": CVO, "TSO500_CVO": CVO, "cnv vcf": CNVVCF,
		"Craft": CNVVCF, "maf": MAF, "report": ReportTable, "ctdna-fusions": CtDNAFusions,
		"AllFusions": AllFusions, "cbioportal_cna": CBioCNA, "pcgr-fusions": PCGRFusions,
	} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseFormat("bam"); err == nil {
		t.Error("ParseFormat(bam) accepted")
	}
	// Every format a user can name parses back from its own name.
	for _, f := range Formats() {
		if got, err := ParseFormat(f.String()); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %v, %v", f, got, err)
		}
	}
}

func TestReader(t *testing.T) {
	for _, f := range Formats() {
		_, ok := Reader(f)
		if want := f != PCGRCNA; ok != want {
			t.Errorf("Reader(%v) ok = %v, want %v", f, ok, want)
		}
	}
	for _, f := range []Format{Unknown, Gzip, SpliceVCF, CBioClinicalSample} {
		if _, ok := Reader(f); ok {
			t.Errorf("Reader(%v) should not exist", f)
		}
	}
}
