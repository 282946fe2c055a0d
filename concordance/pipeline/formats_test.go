package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/tso500"
	"github.com/concord-oncology/concord/concordance/pipeline"
)

const (
	mafData = "../input/maf/testdata"
	vcfData = "../input/vcf/testdata"
	tsoData = "../input/tso500/testdata"
)

// Issue 6: the vcf2maf VCF and the MAF made from it, read as tissue and
// plasma of one patient without a reference, give 25 shared and nothing
// else (MAF alleles have no anchor base; match keys do not need one).
func TestVCFAgainstItsMAF(t *testing.T) {
	res := run(t, pipeline.Config{AllFilters: true},
		patient("vcf2maf", mafData+"/test_b38.vcf", "TUMOR", mafData+"/test_b38_output.maf", "TUMOR"))
	if c := res.Patients[0].Counts; c != (concordance.Counts{Shared: 25}) {
		t.Fatalf("counts %+v, want 25 shared and nothing else", c)
	}
	for _, r := range res.Patients[0].Rows {
		if r.Tier != concordance.TierExact {
			t.Errorf("%s matched at tier %s", r.Variant, r.Tier)
		}
	}
}

// Issue 6: PCGR's GRCh37 and GRCh38 VCFs of the same variants are refused
// as a genome-build mismatch (their headers name the builds only through
// liftOver lines).
func TestBuildMismatch(t *testing.T) {
	_, err := pipeline.Run(context.Background(), []concordance.Patient{
		patient("pcgr", vcfData+"/T001-BRCA.grch37.vcf.gz", "", vcfData+"/T001-BRCA.grch38.vcf.gz", ""),
	}, pipeline.Config{})
	var ie *concordance.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "GRCh38") || !strings.Contains(err.Error(), "GRCh37") {
		t.Fatalf("err = %v, want a build-mismatch InputError naming both builds", err)
	}
}

// A cohort mixing formats: VCF against MAF, a TSO500 CVO against a
// clinical report table, and one cohort MAF holding both samples of a
// patient and a sample of nobody's.
func TestMixedInputs(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.tsv")
	os.WriteFile(report, []byte("patient_id\tsample\tgene\talteration\tvaf\n"+
		"CVO\tplasma\tBRAF\tp.Val600Glu\t2.5%\n"+ // the CVO's chr7:140453136 A>T, protein only
		"CVO\tplasma\tERBB2\tamplification\t\n"+
		"CVO\tplasma\tALK\tEML4-ALK\t\n"+
		"CVO\tplasma\tKRAS\tp.G12D\t0.4%\n"), 0o644)
	cohortMAF := filepath.Join(dir, "cohort.maf")
	header := "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tVariant_Classification\tVariant_Type\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tHGVSp_Short\tt_depth\tt_alt_count\n"
	os.WriteFile(cohortMAF, []byte(header+
		"KRAS\t12\t25398284\t25398284\tMissense_Mutation\tSNP\tC\tC\tT\tM-T\tp.G12D\t400\t80\n"+
		"TP53\t17\t7577120\t7577120\tMissense_Mutation\tSNP\tC\tC\tT\tM-T\tp.R273H\t400\t120\n"+
		"KRAS\t12\t25398284\t25398284\tMissense_Mutation\tSNP\tC\tC\tT\tM-P\tp.G12D\t2000\t20\n"+
		"EGFR\t7\t55242465\t55242479\tIn_Frame_Del\tDEL\tGGAATTAAGAGAAGC\tGGAATTAAGAGAAGC\t-\tM-P\tp.E746_A750del\t2000\t10\n"+
		"PIK3CA\t3\t178952085\t178952085\tMissense_Mutation\tSNP\tA\tA\tG\tSOMEONE-ELSE\tp.H1047R\t300\t30\n"), 0o644)

	res := run(t, pipeline.Config{},
		patient("VCF-MAF", mafData+"/test_b38.vcf", "TUMOR", mafData+"/test_b38_output.maf", "TUMOR"),
		patient("CVO", tsoData+"/cvo_localapp_tissue.tsv", "", report, ""),
		patient("MAF", cohortMAF, "M-T", cohortMAF, "M-P"))

	if c := res.Patients[0].Counts; c != (concordance.Counts{Shared: 25}) {
		t.Errorf("VCF against MAF: %+v", c)
	}

	// The CVO against the report: BRAF V600E (protein tier: the report has
	// no position), ERBB2 amplification and EML4-ALK shared; KRAS G12D
	// plasma-only; every other CVO call tissue-only.
	var led concordance.Ledger
	f, _ := os.Open(tsoData + "/cvo_localapp_tissue.tsv")
	cvo, err := tso500.ReadCVO(f, concordance.ReadOptions{File: "cvo", Side: concordance.Tissue}, &led)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := concordance.Counts{Shared: 3, TissueOnly: len(cvo.Calls) - 3, PlasmaOnly: 1}
	cvoRes := res.Patients[1]
	if cvoRes.Counts != want {
		t.Errorf("CVO against report: %+v, want %+v", cvoRes.Counts, want)
	}
	tiers := map[string]concordance.Tier{}
	for _, r := range cvoRes.Rows {
		if r.Category == concordance.Shared {
			tiers[r.Gene] = r.Tier
		}
	}
	if tiers["BRAF"] != concordance.TierProtein || tiers["ERBB2"] != concordance.TierExact || len(tiers) != 3 {
		t.Errorf("shared tiers %v", tiers)
	}

	// One MAF for both sides: KRAS G12D shared, TP53 tissue-only, EGFR
	// plasma-only; the PIK3CA row belongs to nobody and is counted once as
	// other_sample; each of the 5 rows is counted exactly once.
	if c := res.Patients[2].Counts; c != (concordance.Counts{Shared: 1, TissueOnly: 1, PlasmaOnly: 1}) {
		t.Errorf("one MAF for both sides: %+v", c)
	}
	var rows, other int64
	for _, e := range res.Ledger().Entries() {
		if e.File == cohortMAF {
			rows += e.Records
			if e.Reason == concordance.ReasonOtherSample {
				other += e.Records
			}
		}
	}
	if rows != 5 || other != 1 {
		t.Errorf("cohort MAF ledger: %d rows (%d other_sample), want 5 (1)", rows, other)
	}
	hashed := 0
	for _, in := range res.Inputs() {
		if in.Path == cohortMAF {
			hashed++
		}
	}
	if hashed != 1 {
		t.Errorf("the shared MAF appears %d times in the inputs, want once", hashed)
	}
}

// A fusion CSV whose '#' preamble is longer than the first sniffing read
// (4 KiB) is still recognised: the head grows until its header row is in.
func TestLongPreambleSniffed(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("#SOURCE,DNAFusionFilter,2.0.0.88\r\n#DATE,2021-06-17\r\n")
	for b.Len() < 6000 {
		b.WriteString("#Col: a description of one column, long enough to make the preamble larger than the first read\r\n")
	}
	b.WriteString("Sample,Name,Chr1,Pos1,Chr2,Pos2,Direction,Alt_Depth,BP1_Depth,BP2_Depth,Total_Depth,VAF,Gene1,Gene2,Contig,Filter,Is_Cosmic_GenePair\r\n")
	b.WriteString("S1,M:1,chr2,29446380,chr5,170818803,L1rL2,12,410,380,395,0.0304,ALK,NPM1,AC,PASS,True\r\n")
	fusions := filepath.Join(dir, "P_Fusions.csv")
	os.WriteFile(fusions, []byte(b.String()), 0o644)
	// The same file on both sides, deliberately: the test is about sniffing.
	res := run(t, pipeline.Config{AllowSameFile: true}, patient("long", fusions, "", fusions, ""))
	if c := res.Patients[0].Counts; c != (concordance.Counts{Shared: 1}) {
		t.Fatalf("counts %+v, want the ALK-NPM1 fusion shared", c)
	}
}
