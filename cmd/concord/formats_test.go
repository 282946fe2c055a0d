package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Each format's malformed file gives one error line with file:line, exit
// status 1 and no --out (issue 6). The tissue side is the broken file; the
// plasma side a valid VCF.
func TestMalformedFormats(t *testing.T) {
	plasma := "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr7\t140453136\t.\tA\tT\t.\tPASS\t.\n"
	cvoHead := "TruSight Oncology 500 - Combined Variant Output\t\n\n[Analysis Details]\nPair ID\tP1\n\n"
	tests := []struct {
		name, file, text, want string
	}{
		{"CVO: bad allele frequency", "P1_CombinedVariantOutput.tsv",
			cvoHead + "[Small Variants]\nGene\tChromosome\tGenomic Position\tReference Call\tAlternative Call\tAllele Frequency\tDepth\nBRAF\tchr7\t140453136\tA\tT\tabc\t10\n",
			`P1_CombinedVariantOutput\.tsv:8: .*Allele Frequency`},
		{"MAF: non-DNA allele", "t.maf",
			"Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tVariant_Type\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n" +
				"BRAF\t7\t140453136\t140453136\tSNP\tA\tA\tT\tS1\nKRAS\t12\t25398284\t25398284\tSNP\tC\tC\trs12345\tS1\n",
			`t\.maf:3: `},
		{"ctDNA fusions: bad depth", "P1_Fusions.csv",
			"#SOURCE,DNAFusionFilter,2.0.0.88\r\nSample,Name,Chr1,Pos1,Chr2,Pos2,Direction,Alt_Depth,BP1_Depth,BP2_Depth,Total_Depth,VAF,Gene1,Gene2,Contig,Filter,Is_Cosmic_GenePair\r\n" +
				"S1,M:1,chr2,29446380,chr5,170818803,L1rL2,many,410,380,395,0.03,ALK,NPM1,AC,PASS,True\r\n",
			`P1_Fusions\.csv:3: `},
		{"CNV VCF: non-numeric fold change", "cnv.vcf",
			"##fileformat=VCFv4.1\n##source=Craft 1.0.0.49\n##INFO=<ID=ANT,Number=1,Type=String,Description=\"gene\">\n##FORMAT=<ID=FC,Number=1,Type=Float,Description=\"fold change\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n" +
				"chr8\t128748315\t.\tN\t<DUP>\t30\tPASS\tSVTYPE=CNV;END=128753680;ANT=MYC\tFC\thigh\n",
			`cnv\.vcf:6: `},
		{"report table: percentage over 100", "report.tsv",
			"patient_id\tsample\tgene\talteration\tvaf\nP1\ttissue\tBRAF\tp.V600E\t140%\n",
			`report\.tsv:2: `},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, tc.file), []byte(tc.text), 0o644)
			os.WriteFile(filepath.Join(dir, "p.vcf"), []byte(plasma), 0o644)
			sheet := "patient_id\ttissue_sample_id\ttissue_calls\tplasma_calls\nP1\tS1\t" + tc.file + "\tp.vcf\n"
			os.WriteFile(filepath.Join(dir, "sheet.tsv"), []byte(sheet), 0o644)
			out := filepath.Join(dir, "res")
			status, _, stderr := concord(t, "run", "--sheet", filepath.Join(dir, "sheet.tsv"), "--out", out, "--quiet")
			if status != exitInput || strings.Count(stderr, "\n") != 1 || !regexp.MustCompile(tc.want).MatchString(stderr) {
				t.Errorf("status %d, stderr %q; want one line matching %q", status, stderr, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("--out written after a failed run")
			}
		})
	}
}
