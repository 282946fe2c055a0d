package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The record-level half of issue 10's bad-input catalogue: values out of
// range in every reader, missing columns and short rows, hostile protein
// changes, sheet values and the same data on both sides. Each case breaks
// one thing in a copy of testdata/cohort (P2's tissue file P2_T.vcf is plain
// text; its first record is on line 7) or gives P2 a file of another format,
// and names the file, the line and what was expected.

// replaceInCohort replaces old by new in root/cohort/name, once; the test
// fails when old is not there.
func replaceInCohort(t *testing.T, root, name, old, new string) {
	t.Helper()
	editFile(t, filepath.Join(root, "cohort", name), func(s string) string {
		if !strings.Contains(s, old) {
			t.Fatalf("%s has no %q", name, old)
		}
		return strings.Replace(s, old, new, 1)
	})
}

// writeCohortFile writes root/cohort/name.
func writeCohortFile(t *testing.T, root, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, "cohort", name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// setCell sets one cell of the sample sheet: column col of patient's row.
func setCell(t *testing.T, root, patient, col, value string) {
	t.Helper()
	p := filepath.Join(root, "cohort", "samplesheet.tsv")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var header []string
	done := false
	for i, l := range lines {
		cells := strings.Split(l, "\t")
		switch {
		case strings.HasPrefix(l, "#") || l == "":
		case header == nil:
			header = cells
		case cells[0] == patient:
			for j, h := range header {
				if h == col {
					cells[j], done = value, true
				}
			}
			lines[i] = strings.Join(cells, "\t")
		}
	}
	if !done {
		t.Fatalf("the sheet has no column %s for patient %s", col, patient)
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// p2Tissue makes name (written with text) P2's tissue call file.
func p2Tissue(t *testing.T, root, name, text string) []string {
	t.Helper()
	writeCohortFile(t, root, name, text)
	setCell(t, root, "P2", "tissue_calls", name)
	return cohortArgs(root)
}

const (
	mafHeader = "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tt_depth\tt_ref_count\tt_alt_count\n"
	mafRow    = "BRAF\tchr2\t150\t150\tC\tC\tG\tP2_T\t500\t465\t35\n"
	cvoSmall  = "TruSight Oncology 500 - Combined Variant Output\n\n[Small Variants]\nGene\tChromosome\tGenomic Position\tReference Call\tAlternative Call\tAllele Frequency\tDepth\n"
	ctdnaHead = "#SOURCE,DNAFusionFilter,2.0.0.88\nSample,Name,Chr1,Pos1,Chr2,Pos2,Direction,Alt_Depth,BP1_Depth,BP2_Depth,Total_Depth,VAF,Gene1,Gene2,Contig,Filter,Is_Cosmic_GenePair\n"
	ctdnaRow  = "P2_T,M:1,chr2,29446380,chr5,170818803,L1rL2,12,410,380,395,0.03,ALK,NPM1,AC,PASS,True\n"
	reportTSV = "patient_id\tsample\tgene\talteration\tvaf\n"
)

// dropColumn removes one column from every line of a tab-separated text.
func dropColumn(text, col string) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	i := -1
	for j, h := range strings.Split(lines[0], "\t") {
		if h == col {
			i = j
		}
	}
	for k, l := range lines {
		cells := strings.Split(l, "\t")
		lines[k] = strings.Join(append(cells[:i:i], cells[i+1:]...), "\t")
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestCatalogueRecords(t *testing.T) {
	vf := func(v string) func(t *testing.T, root string) []string {
		return func(t *testing.T, root string) []string {
			replaceInCohort(t, root, "P2_T.vcf", "500:0.3:20", "500:"+v+":20")
			return cohortArgs(root)
		}
	}
	// P3's plasma file has one FILTERed record; a PASS record after it
	// (line 9) carries the value.
	plasmaAF := func(v string) func(t *testing.T, root string) []string {
		return func(t *testing.T, root string) []string {
			replaceInCohort(t, root, "P3_P.vcf", "1,1,1,1:1,1,1,1\n", "1,1,1,1:1,1,1,1\nchr1\t160\t.\tG\tT\t.\tPASS\tDP=2000\tGT:AD:AF:DP\t0/1:1990,10:"+v+":2000\n")
			return cohortArgs(root)
		}
	}
	sheet := func(patient, col, value string) func(t *testing.T, root string) []string {
		return func(t *testing.T, root string) []string {
			setCell(t, root, patient, col, value)
			return cohortArgs(root)
		}
	}
	mafWithout := func(col string) func(t *testing.T, root string) []string {
		return func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_T.maf", dropColumn(mafHeader+mafRow, col))
		}
	}
	runCatalogue(t, []badCase{
		// Values out of range: VCF (Pisces VF, DRAGEN AF, PCGR TVAF, depths).
		{name: "VCF VF=-1", setup: vf("-1"), status: exitInput,
			want: `P2_T\.vcf:7: vcf: FORMAT VF is "-1": want an allele fraction in \[0, 1\]`},
		{name: "VCF VF=1.5", setup: vf("1.5"), status: exitInput,
			want: `P2_T\.vcf:7: vcf: FORMAT VF is "1\.5": want an allele fraction in \[0, 1\]`},
		{name: "VCF AF=nan", setup: plasmaAF("nan"), status: exitInput,
			want: `P3_P\.vcf:9: vcf: FORMAT AF is "nan": want an allele fraction in \[0, 1\]`},
		{name: "VCF AF=inf", setup: plasmaAF("inf"), status: exitInput,
			want: `P3_P\.vcf:9: vcf: FORMAT AF is "inf": want an allele fraction`},
		{name: "VCF negative depth", setup: func(t *testing.T, root string) []string {
			replaceInCohort(t, root, "P2_T.vcf", "350,150:500:0.3", "350,150:-500:0.3")
			return cohortArgs(root)
		}, status: exitInput, want: `P2_T\.vcf:7: vcf: FORMAT DP is "-500": want a read count \(a whole number, 0 or more\)`},
		{name: "VCF negative alt reads", setup: func(t *testing.T, root string) []string {
			replaceInCohort(t, root, "P2_T.vcf", "350,150:500:0.3", "350,-150:500:0.3")
			return cohortArgs(root)
		}, status: exitInput, want: `P2_T\.vcf:7: vcf: FORMAT AD is "-150": want a read count`},
		{name: "PCGR VCF TVAF=2", setup: func(t *testing.T, root string) []string {
			setCell(t, root, "P2", "tissue_sample_id", "") // sites only: no sample column
			return p2Tissue(t, root, "P2_T.pcgr.vcf", "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=600>\n##contig=<ID=chr2,length=400>\n"+
				"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr2\t150\t.\tC\tG\t.\tPASS\tTVAF=2;TDP=500\n")
		}, status: exitInput, want: `P2_T\.pcgr\.vcf:5: vcf: INFO TVAF is "2": want an allele fraction in \[0, 1\]`},
		{name: "WBC VCF VF=1.5", setup: func(t *testing.T, root string) []string {
			writeCohortFile(t, root, "P2_WBC.vcf", "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP2_WBC\nchr2\t150\t.\tC\tG\t.\tPASS\t.\tGT:VF\t0/1:1.5\n")
			replaceInCohort(t, root, "samplesheet.tsv", "plasma_calls\n", "plasma_calls\twbc_calls\n")
			replaceInCohort(t, root, "samplesheet.tsv", "P2_P.vcf.gz\n", "P2_P.vcf.gz\tP2_WBC.vcf\n")
			return cohortArgs(root)
		}, status: exitInput, want: `P2_WBC\.vcf:3: vcf: FORMAT VF is "1\.5"`},
		{name: "gVCF evidence negative depth", setup: func(t *testing.T, root string) []string {
			// P2's plasma-only chr2:300 is looked up in the tissue gVCF.
			writeCohortFile(t, root, "P2_T.g.vcf", "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP2_T\n"+
				"chr2\t290\t.\tA\t.\t.\tPASS\tEND=310\tGT:DP\t0/0:-5\n")
			replaceInCohort(t, root, "samplesheet.tsv", "plasma_calls\n", "plasma_calls\ttissue_gvcf\n")
			replaceInCohort(t, root, "samplesheet.tsv", "P2_P.vcf.gz\n", "P2_P.vcf.gz\tP2_T.g.vcf\n")
			return cohortArgs(root)
		}, status: exitInput, want: `P2_T\.g\.vcf:3: evidence: FORMAT DP is "-5": want a read count`},
		{name: "BAM evidence with a corrupt index", setup: func(t *testing.T, root string) []string {
			// P2's plasma-only chr2:300 is looked up in the tissue BAM, whose
			// index claims 2^31-1 references (biogo allocated them and the
			// worker panicked: exit 2 with a stack trace).
			bamBytes, err := os.ReadFile("../../concordance/evidence/testdata/bam/reads.bam")
			if err != nil {
				t.Fatal(err)
			}
			bai, err := os.ReadFile("../../concordance/evidence/testdata/bam/reads.bam.bai")
			if err != nil {
				t.Fatal(err)
			}
			bai[4], bai[5], bai[6], bai[7] = 0xff, 0xff, 0xff, 0x7f
			writeCohortFile(t, root, "P2_T.bam", string(bamBytes))
			writeCohortFile(t, root, "P2_T.bam.bai", string(bai))
			replaceInCohort(t, root, "samplesheet.tsv", "plasma_calls\n", "plasma_calls\ttissue_bam\n")
			replaceInCohort(t, root, "samplesheet.tsv", "P2_P.vcf.gz\n", "P2_P.vcf.gz\tP2_T.bam\n")
			return cohortArgs(root)
		}, status: exitInput, want: `P2_T\.bam\.bai: evidence: not a valid BAM index \(remake it with samtools index\): n_ref 2147483647 at byte 4 does not fit the \d+ bytes left`},
		{name: "CNV VCF infinite fold change", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_CopyNumberVariants.vcf", "##fileformat=VCFv4.1\n##source=Craft 1.0.0.49\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP2_T\n"+
				"chr2\t100\t.\tN\t<DUP>\t30\tPASS\tSVTYPE=CNV;END=300;ANT=MYC\tFC\tinf\n")
		}, status: exitInput, want: `P2_CopyNumberVariants\.vcf:4: tso500: FORMAT FC "inf" is not a fold change`},

		// Values out of range: tables.
		{name: "CVO allele frequency 1.2", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_CombinedVariantOutput.tsv", cvoSmall+"BRAF\tchr2\t150\tC\tG\t1.2\t500\n")
		}, status: exitInput, want: `P2_CombinedVariantOutput\.tsv:5: tso500: \[Small Variants\] Allele Frequency is "1\.2": want an allele fraction in \[0, 1\], or a percentage in \[0%, 100%\]`},
		{name: "CVO negative depth", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_CombinedVariantOutput.tsv", cvoSmall+"BRAF\tchr2\t150\tC\tG\t0.07\t-500\n")
		}, status: exitInput, want: `P2_CombinedVariantOutput\.tsv:5: .*Depth is "-500": want a read count`},
		{name: "MAF t_alt_count above t_depth", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_T.maf", mafHeader+"BRAF\tchr2\t150\t150\tC\tC\tG\tP2_T\t500\t0\t535\n")
		}, status: exitInput, want: `P2_T\.maf:2: maf: t_alt_count 535 exceeds t_depth 500: want at most as many alt reads as the depth`},
		{name: "MAF negative t_depth", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_T.maf", mafHeader+"BRAF\tchr2\t150\t150\tC\tC\tG\tP2_T\t-500\t465\t35\n")
		}, status: exitInput, want: `P2_T\.maf:2: maf: t_depth is "-500": want a read count`},
		{name: "fusion CSV VAF 1.4", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_Fusions.csv", ctdnaHead+strings.Replace(ctdnaRow, ",0.03,", ",1.4,", 1))
		}, status: exitInput, want: `P2_Fusions\.csv:3: tso500: VAF is "1\.4": want an allele fraction`},
		{name: "fusion CSV Alt_Depth above Total_Depth", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_Fusions.csv", ctdnaHead+strings.Replace(ctdnaRow, ",12,410,380,395,", ",412,410,380,395,", 1))
		}, status: exitInput, want: `P2_Fusions\.csv:3: tso500: Alt_Depth 412 exceeds Total_Depth 395`},
		{name: "report table vaf 150%", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "report.tsv", reportTSV+"P2\ttissue\tBRAF\tp.V600E\t150%\n")
		}, status: exitInput, want: `report\.tsv:2: reporttable: vaf is "150%": want an allele fraction in \[0, 1\], or a percentage`},
		{name: "report table vaf -0.1", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "report.tsv", reportTSV+"P2\ttissue\tBRAF\tp.V600E\t-0.1\n")
		}, status: exitInput, want: `report\.tsv:2: reporttable: vaf is "-0\.1"`},
		// Issue 11 §4: the optional depth and alt_reads columns are checked,
		// and every unreadable row is named in one error.
		{name: "report table alt_reads above depth", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "report.tsv", "patient_id\tsample\tgene\talteration\tdepth\talt_reads\nP2\ttissue\tBRAF\tV600E\t100\t120\n")
		}, status: exitInput, want: `report\.tsv:2: reporttable: alt_reads 120 is more than depth 100`},
		{name: "report table depth not a count", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "report.tsv", "patient_id\tsample\tgene\talteration\tdepth\nP2\ttissue\tBRAF\tV600E\t-3\n")
		}, status: exitInput, want: `report\.tsv:2: reporttable: depth is "-3": want a read count`},
		{name: "report table several unreadable rows", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "report.tsv", reportTSV+"P2\ttissue\tBRAF\tactivating\t\nP2\ttissue\tKRAS\tG12C\t\nP2\ttissue\tEGFR\tsensitising\t\n")
		}, status: exitInput, want: `report\.tsv:2: reporttable: alteration "activating" is not a protein change .*; .*report\.tsv:4: reporttable: alteration "sensitising" is not .* \(2 unreadable rows\)`},
		{name: "PCGR fusion negative split reads", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2.pcgr.fusions.tsv", "FusionGene\tLeftBreakpoint\tRightBreakpoint\tSplitReads\nEML4--ALK\tchr2:42522656\tchr2:29446394\t-7\n")
		}, status: exitInput, want: `P2\.pcgr\.fusions\.tsv:2: pcgr: SplitReads is "-7": want a read count`},

		// Hostile protein changes.
		{name: "report table p.A7999999900B", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "report.tsv", reportTSV+"P2\ttissue\tBRAF\tp.A1B\t\nP2\ttissue\tBRAF\tp.A7999999900B\t\n")
		}, status: exitInput, want: `report\.tsv:3: reporttable: alteration: hgvs: not a protein change: "p\.A7999999900B": 7999999900 is more than 40000 residues \(beyond the longest human protein: titin has 34,350\)`},

		// Missing columns are named, short rows are errors at their line.
		{name: "MAF without Tumor_Sample_Barcode", setup: mafWithout("Tumor_Sample_Barcode"), status: exitInput,
			want: `P2_T\.maf:1: the header has no Tumor_Sample_Barcode column to select sample "P2_T" by`},
		{name: "MAF without Reference_Allele", setup: mafWithout("Reference_Allele"), status: exitInput,
			want: `P2_T\.maf:1: maf: header lacks Reference_Allele`},
		{name: "MAF without Start_Position", setup: mafWithout("Start_Position"), status: exitInput,
			want: `P2_T\.maf:1: maf: header lacks Start_Position`},
		{name: "MAF without Tumor_Seq_Allele2", setup: mafWithout("Tumor_Seq_Allele2"), status: exitInput,
			want: `P2_T\.maf:1: maf: header lacks Tumor_Seq_Allele2`},
		{name: "MAF row too short", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_T.maf", mafHeader+mafRow+"KRAS\tchr1\t50\t50\tA\tA\tC\tP2_T\n")
		}, status: exitInput, want: `P2_T\.maf:3: maf: the row has 8 fields but the header has 11`},
		{name: "RNA fusion row too short", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_AllFusions.csv", "Gene A,Gene B,KeepFusion,Alt Split,Alt Pair\nEML4,ALK,True,10,4\nEML4,ALK\n")
		}, status: exitInput, want: `P2_AllFusions\.csv:3: tso500: AllFusions\.csv: the row has 2 fields but the header has 5`},
		{name: "ctDNA fusion row too short", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_Fusions.csv", ctdnaHead+"P2_T,M:1,chr2,29446380,chr5\n")
		}, status: exitInput, want: `P2_Fusions\.csv:3: tso500: Fusions\.csv: the row has 5 fields but the header has 17`},
		{name: "CVO row too short", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "P2_CombinedVariantOutput.tsv", cvoSmall+"BRAF\tchr2\t150\tC\tG\n")
		}, status: exitInput, want: `P2_CombinedVariantOutput\.tsv:5: tso500: \[Small Variants\] the row has 5 fields but the header has 7`},
		{name: "report table row too short", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "report.tsv", reportTSV+"P2\ttissue\tBRAF\n")
		}, status: exitInput, want: `report\.tsv:2: reporttable: the row has 3 fields: want at least 4`},

		// The sample sheet.
		{name: "sheet date 9999-01-01", setup: sheet("P2", "plasma_collection_date", "9999-01-01"), status: exitInput,
			want: `samplesheet\.tsv:4: sheet: plasma_collection_date: "9999-01-01": year 9999 is outside 1900–2100`},
		{name: "sheet date 1850", setup: sheet("P1", "tissue_collection_date", "1850-02-01"), status: exitInput,
			want: `samplesheet\.tsv:3: sheet: tissue_collection_date: "1850-02-01": year 1850 is outside 1900–2100`},
		{name: "sheet tumour fraction 1.7", setup: sheet("P2", "ctdna_tumor_fraction", "1.7"), status: exitInput,
			want: `samplesheet\.tsv:4: sheet: ctdna_tumor_fraction: "1\.7" is outside \[0, 1\]`},
		{name: "sheet tumour purity 150%", setup: func(t *testing.T, root string) []string {
			replaceInCohort(t, root, "samplesheet.tsv", "ctdna_tumor_fraction", "tumor_purity")
			setCell(t, root, "P3", "tumor_purity", "150%")
			return cohortArgs(root)
		}, status: exitInput, want: `samplesheet\.tsv:5: sheet: tumor_purity: "150%" is outside \[0, 1\]`},
		{name: "cBioPortal tumour fraction 1.7", setup: func(t *testing.T, root string) []string {
			study := filepath.Join(root, "study")
			os.MkdirAll(study, 0o755)
			os.WriteFile(filepath.Join(study, "data_clinical_sample.txt"), []byte("PATIENT_ID\tSAMPLE_ID\tSAMPLE_CLASS\tTUMOR_FRACTION\nP\tS1\tFFPE\t\nP\tS2\tcfDNA\t1.7\n"), 0o644)
			os.WriteFile(filepath.Join(study, "data_mutations_extended.txt"), []byte(strings.ReplaceAll(mafHeader+mafRow, "P2_T", "S1")), 0o644)
			return []string{"run", "--cbioportal", study, "--out", filepath.Join(root, "res"), "--quiet"}
		}, status: exitInput, want: `data_clinical_sample\.txt:3: cbioportal: TUMOR_FRACTION is "1\.7": want a fraction in \[0, 1\]`},
		{name: "cBioPortal collection date 9999", setup: func(t *testing.T, root string) []string {
			study := filepath.Join(root, "study")
			os.MkdirAll(study, 0o755)
			os.WriteFile(filepath.Join(study, "data_clinical_sample.txt"), []byte("PATIENT_ID\tSAMPLE_ID\tSAMPLE_CLASS\tCOLLECTION_DATE\nP\tS1\tFFPE\t9999-01-01\nP\tS2\tcfDNA\t2021-01-01\n"), 0o644)
			os.WriteFile(filepath.Join(study, "data_mutations_extended.txt"), []byte(strings.ReplaceAll(mafHeader+mafRow, "P2_T", "S1")), 0o644)
			return []string{"run", "--cbioportal", study, "--out", filepath.Join(root, "res"), "--quiet"}
		}, status: exitInput, want: `data_clinical_sample\.txt:2: cbioportal: COLLECTION_DATE "9999-01-01": year 9999 is outside 1900–2100`},
		{name: "same file as tissue and plasma", setup: func(t *testing.T, root string) []string {
			setCell(t, root, "P2", "plasma_calls", "P2_T.vcf")
			setCell(t, root, "P2", "plasma_sample_id", "P2_T")
			return cohortArgs(root)
		}, status: exitInput, want: `samplesheet\.tsv:4: patient P2: .*P2_T\.vcf is both the tissue and the plasma calls.*--allow-same-file`},
		{name: "a copy as tissue and plasma", setup: func(t *testing.T, root string) []string {
			b, _ := os.ReadFile(filepath.Join(root, "cohort", "P2_T.vcf"))
			writeCohortFile(t, root, "P2_copy.vcf", string(b))
			setCell(t, root, "P2", "plasma_calls", "P2_copy.vcf")
			setCell(t, root, "P2", "plasma_sample_id", "P2_T")
			return cohortArgs(root)
		}, status: exitInput, want: `samplesheet\.tsv:4: patient P2: tissue .*P2_T\.vcf and plasma .*P2_copy\.vcf are identical \(SHA-256 [0-9a-f]{64}\).*--allow-same-file`},

		// The command line.
		{name: "run --threads -1", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--threads", "-1")
		}, status: exitUsage, want: `^concord: --threads: -1 \(want 0 for all cores, or a number of workers\)`},
		{name: "check --threads -1", setup: func(t *testing.T, root string) []string {
			return []string{"check", "--sheet", filepath.Join(root, "cohort", "samplesheet.tsv"), "--threads", "-1"}
		}, status: exitUsage, want: `^concord: --threads: -1`},
		// One meaning per flag name: --seed is an old name of run's
		// --bootstrap-seed (simulate's cohort seed is --cohort-seed).
		{name: "run --seed and --bootstrap-seed disagree", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--seed", "3", "--bootstrap-seed", "4")
		}, status: exitUsage, want: `^concord: --seed and --bootstrap-seed disagree; give one`},
		{name: "run --bootstrap-seed and --seed disagree", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--bootstrap-seed", "4", "--seed", "3")
		}, status: exitUsage, want: `^concord: --seed and --bootstrap-seed disagree; give one`},
		{name: "config seed and bootstrap-seed disagree", setup: func(t *testing.T, root string) []string {
			os.WriteFile(filepath.Join(root, "cohort", "c.json"), []byte(`{"seed": 3, "bootstrap-seed": 4}`), 0o644)
			return cohortArgs(root, "--config", filepath.Join(root, "cohort", "c.json"))
		}, status: exitInput, want: `c\.json: "bootstrap-seed" and "seed" \(two names of --bootstrap-seed\) disagree; give one`},
		// Issue 11: the scope and its thresholds, a report's copy number.
		{name: "run --scope protein", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--scope", "protein")
		}, status: exitUsage, want: `--scope.*unknown scope "protein" \(want all, coding, reportable\)`},
		{name: "run --min-copy-number -1", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--min-copy-number", "-1")
		}, status: exitUsage, want: `^concord: --min-copy-number -1 \(want a copy number from 0 to 1000\)`},
		{name: "run --min-fusion-reads -2", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--min-fusion-reads", "-2")
		}, status: exitUsage, want: `^concord: --min-fusion-reads -2 \(want 0 or more\)`},
		{name: "report table copy number text", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "report.tsv", "patient_id\tsample\tgene\talteration\tcopy_number\nP2\ttissue\tERBB2\tamplification\thigh\n")
		}, status: exitInput, want: `report\.tsv:2: reporttable: copy_number is "high": want a copy number or fold change \(a number from 0 to 1000\)`},
		{name: "report table fold change on a mutation", setup: func(t *testing.T, root string) []string {
			return p2Tissue(t, root, "report.tsv", "patient_id\tsample\tgene\talteration\tfold_change\nP2\ttissue\tBRAF\tp.V600E\t2.5\n")
		}, status: exitInput, want: `report\.tsv:2: reporttable: fold_change "2\.5" on a snv row`},
	})
}

// TestSameFileAllowed: --allow-same-file says the same data on both sides
// is deliberate; the run then succeeds and every alteration of the patient
// is shared (the reason the default refuses).
func TestSameFileAllowed(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, mustReadTree(t, testCohort))
	sheet := filepath.Join(dir, "samplesheet.tsv")
	b, _ := os.ReadFile(sheet)
	text := strings.Replace(string(b), "P2_T\tP2_P", "P2_T\tP2_T", 1)
	text = strings.Replace(text, "P2_T.vcf\tP2_P.vcf.gz", "P2_T.vcf\tP2_T.vcf", 1)
	os.WriteFile(sheet, []byte(text), 0o644)
	out := filepath.Join(dir, "res")
	args := []string{"run", "--sheet", sheet, "--reference", filepath.Join(dir, "ref.fa"), "--out", out, "--quiet", "--figures=false", "--bootstrap", "0"}
	if status, _, stderr := concord(t, args...); status != exitInput || !strings.Contains(stderr, "--allow-same-file") {
		t.Fatalf("without the flag: status %d, %q; want the refusal", status, stderr)
	}
	if status, _, stderr := concord(t, append(args, "--allow-same-file")...); status != 0 {
		t.Fatalf("with --allow-same-file: status %d: %s", status, stderr)
	}
	patients, _ := os.ReadFile(filepath.Join(out, "patients.tsv"))
	// P2's tissue file holds 4 PASS alterations (README: the MNV, the
	// insertion, chr2:150, the chr2:250 MNV); all are shared with themselves.
	if !regexp.MustCompile(`(?m)^P2\t.*`).MatchString(string(patients)) {
		t.Fatalf("no P2 row in patients.tsv:\n%s", patients)
	}
	row := regexp.MustCompile(`(?m)^P2\t.*$`).FindString(string(patients))
	header := strings.Split(strings.SplitN(string(patients), "\n", 2)[0], "\t")
	cells := strings.Split(row, "\t")
	got := map[string]string{}
	for i, h := range header {
		if i < len(cells) {
			got[h] = cells[i]
		}
	}
	if got["shared"] != "4" || got["tissue_only"] != "0" || got["plasma_only"] != "0" {
		t.Errorf("P2 with one file on both sides: shared %s, tissue-only %s, plasma-only %s; want 4, 0, 0", got["shared"], got["tissue_only"], got["plasma_only"])
	}
}

// TestDuplicateRecordsCLI: identical PASS records are counted once and
// the rest in the ledger as duplicate, through the whole run (the memory
// this saves is measured on a million records in the branch's notes; 20,000
// keep the test fast).
func TestDuplicateRecordsCLI(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, mustReadTree(t, testCohort))
	const n = 20000
	rec := "chr2\t150\t.\tC\tG\t100\tPASS\tDP=500\tGT:GQ:AD:DP:VF:NL:SB:NC:US\t0/1:100:465,35:500:0.07:20:-100.0000:0.0000:1,2,3,4,5,6,7,8,9,10,11,12\n"
	p := filepath.Join(dir, "P2_T.vcf")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(string(b)+strings.Repeat(rec, n)), 0o644)
	out := filepath.Join(dir, "res")
	if status, _, stderr := concord(t, "run", "--sheet", filepath.Join(dir, "samplesheet.tsv"), "--reference", filepath.Join(dir, "ref.fa"),
		"--out", out, "--quiet", "--figures=false", "--bootstrap", "0"); status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	ledger, _ := os.ReadFile(filepath.Join(out, "ledger.tsv"))
	// The file held chr2:150 once already: all n appended records repeat it.
	want := fmt.Sprintf("excluded\tduplicate\t.\t%d", n)
	found := false
	for _, l := range strings.Split(string(ledger), "\n") {
		found = found || strings.Contains(l, "P2_T.vcf") && strings.HasSuffix(l, want)
	}
	if !found {
		t.Errorf("ledger.tsv has no P2_T.vcf line ending %q:\n%s", want, ledger)
	}
}
