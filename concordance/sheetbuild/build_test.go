package sheetbuild

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/sheet"
)

// files makes a MapFS of empty files (the builder reads names only).
func files(names ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for _, n := range names {
		m[n] = &fstest.MapFile{}
	}
	return m
}

// The layouts of FORMATS.md §0, one patient each, as the pipelines name
// their files: Local App v2 and DRAGEN TSO500 tissue (a Results/<Pair>/
// folder with the DNA sample's VCFs and the RNA sample's fusions), ctDNA
// v2 plasma (Results/<S>/, intermediates under Logs_Intermediates) and
// ctDNA v1 plasma (a flat folder of several samples).
var (
	localApp = files(
		"Results/PT01-T/PT01-T_CombinedVariantOutput.tsv",
		"Results/PT01-T/PT01-T-DNA_MergedSmallVariants.vcf",
		"Results/PT01-T/PT01-T-DNA_MergedSmallVariants.genome.vcf",
		"Results/PT01-T/PT01-T-DNA_CopyNumberVariants.vcf",
		"Results/PT01-T/PT01-T-RNA_AllFusions.csv",
		"Results/PT01-T/PT01-T-RNA_SpliceVariants.vcf",
		"Results/MetricsOutput.tsv",
	)
	dragenTissue = files(
		"Results/PT02-T/PT02-T_CombinedVariantOutput.tsv",
		"Results/PT02-T/PT02-T.hard-filtered.vcf.gz",
		"Results/PT02-T/PT02-T.hard-filtered.vcf.gz.tbi",
		"Results/PT02-T/PT02-T.cnv.vcf.gz",
		"Results/PT02-T/PT02-T_DragenExonCNV.vcf",
		"Results/PT02-T/PT02-T-RNA_AllFusions.csv",
		"Logs_Intermediates/DragenCaller/PT02-T/PT02-T.hard-filtered.vcf.gz",
	)
	ctdnaV2 = files(
		"Results/PT01-P/PT01-P.hard-filtered.vcf.gz",
		"Results/PT01-P/PT01-P.hard-filtered.vcf.gz.tbi",
		"Results/PT01-P/PT01-P.cnv.vcf.gz",
		"Results/PT01-P/PT01-P_CombinedVariantOutput.tsv",
		"Results/PT01-P/PT01-P_Fusions.csv",
		"Results/PT01-P/PT01-P.tmb.trace.tsv",
		"Logs_Intermediates/SampleAnalysisResults/PT01-P_SampleAnalysisResults.json",
		"Logs_Intermediates/DragenCaller/PT01-P/PT01-P.hard-filtered.vcf.gz",
	)
	ctdnaV1 = files(
		"PT02-P_CombinedVariantOutput.tsv",
		"PT02-P_MergedSmallVariants.vcf",
		"PT02-P_MergedSmallVariants.genome.vcf",
		"PT02-P_CopyNumberVariants.vcf",
		"PT02-P_Fusions.csv",
		"PT03-P_MergedSmallVariants.vcf",
		"PT03-P_Fusions.csv",
	)
)

func build(t *testing.T, opt Options) (string, *Report) {
	t.Helper()
	var out bytes.Buffer
	rep, err := Build(opt, &out)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), rep
}

func problems(rep *Report) string {
	var s []string
	for _, p := range rep.Problems {
		s = append(s, p.String())
	}
	return strings.Join(s, "\n")
}

var fourRoots = []Root{
	{FS: localApp, Side: concordance.Tissue, Name: "tissue/localapp"},
	{FS: dragenTissue, Side: concordance.Tissue, Name: "tissue/dragen"},
	{FS: ctdnaV2, Side: concordance.Plasma, Name: "../plasma/v2"},
	{FS: ctdnaV1, Side: concordance.Plasma, Name: "/data/ctdna_v1"},
}

// TestBuildLayouts: every layout's files are found, one of each kind, and
// paired by a pattern; PT03 has plasma only and is reported, not written.
func TestBuildLayouts(t *testing.T) {
	got, rep := build(t, Options{Roots: fourRoots, Pattern: regexp.MustCompile(`^(PT\d+)-`)})
	want := "patient_id\ttissue_sample_id\tplasma_sample_id\tcancer_type\toncotree_code\tstage\ttissue_collection_date\tplasma_collection_date\tctdna_tumor_fraction\tage\ttissue_calls\tplasma_calls\n" +
		"PT01\tPT01-T-DNA\tPT01-P\t\t\t\t\t\t\t\t" +
		"tissue/localapp/Results/PT01-T/PT01-T-DNA_MergedSmallVariants.vcf;tissue/localapp/Results/PT01-T/PT01-T-DNA_CopyNumberVariants.vcf;tissue/localapp/Results/PT01-T/PT01-T-RNA_AllFusions.csv\t" +
		"../plasma/v2/Results/PT01-P/PT01-P.hard-filtered.vcf.gz;../plasma/v2/Results/PT01-P/PT01-P.cnv.vcf.gz;../plasma/v2/Results/PT01-P/PT01-P_Fusions.csv\n" +
		"PT02\tPT02-T\tPT02-P\t\t\t\t\t\t\t\t" +
		"tissue/dragen/Results/PT02-T/PT02-T.hard-filtered.vcf.gz;tissue/dragen/Results/PT02-T/PT02-T.cnv.vcf.gz;tissue/dragen/Results/PT02-T/PT02-T-RNA_AllFusions.csv\t" +
		"/data/ctdna_v1/PT02-P_MergedSmallVariants.vcf;/data/ctdna_v1/PT02-P_CopyNumberVariants.vcf;/data/ctdna_v1/PT02-P_Fusions.csv\n"
	if got != want {
		t.Errorf("sheet:\n%s\nwant:\n%s", got, want)
	}
	if p := problems(rep); p != `unpaired: plasma sample "PT03-P" (patient "PT03"): no tissue sample` {
		t.Errorf("problems:\n%s", p)
	}
	if rep.Samples != [2]int{2, 3} || rep.Patients != 2 || !rep.Written {
		t.Errorf("report %+v", rep)
	}
	// The sheet reads back (paths resolved against the sheet's folder).
	sh, err := sheet.Read(strings.NewReader(got), sheet.Options{BaseDir: "/work/cohort"})
	if err != nil {
		t.Fatal(err)
	}
	if len(sh.Patients) != 2 || sh.Patients[0].Plasma.Calls[0] != "/work/plasma/v2/Results/PT01-P/PT01-P.hard-filtered.vcf.gz" {
		t.Errorf("read back: %+v", sh.Patients)
	}
}

// TestBuildCVOOnly: a folder with a CombinedVariantOutput and no VCF is a
// sample whose one file is the CVO.
func TestBuildCVOOnly(t *testing.T) {
	got, rep := build(t, Options{Roots: []Root{
		{FS: files("Results/A1_T/A1_T_CombinedVariantOutput.tsv"), Side: concordance.Tissue, Name: "t"},
		{FS: files("A1_P_CombinedVariantOutput.tsv"), Side: concordance.Plasma, Name: "p"},
	}, Pattern: regexp.MustCompile(`^(?P<patient>A\d+)_`)})
	if !strings.Contains(got, "\tt/Results/A1_T/A1_T_CombinedVariantOutput.tsv\tp/A1_P_CombinedVariantOutput.tsv\n") || len(rep.Problems) != 0 {
		t.Errorf("sheet:\n%s\nproblems: %s", got, problems(rep))
	}
}

// TestBuildNeverGuesses: every sample that cannot be placed is a problem
// naming it, and its patient is left out.
func TestBuildNeverGuesses(t *testing.T) {
	tissue := files(
		// two small-variant VCFs of one sample in one folder
		"Results/B1-T/B1-T.hard-filtered.vcf.gz", "Results/B1-T/B1-T.hard-filtered.vcf",
		// two tissue samples for B2
		"Results/B2-T1/B2-T1.hard-filtered.vcf.gz", "Results/B2-T2/B2-T2.hard-filtered.vcf.gz",
		// a name the pattern does not match
		"Results/control/control.hard-filtered.vcf.gz",
		// a ';' in a file name, which the sheet uses between files
		"Results/B4-T/B4-T.hard-filtered.vcf.gz", "Results/B4-T/B4;T_AllFusions.csv",
		"Results/B5-T/B5-T.hard-filtered.vcf.gz",
	)
	plasma := files("B1-P.hard-filtered.vcf.gz", "B2-P.hard-filtered.vcf.gz", "B4-P.hard-filtered.vcf.gz", "B5-P.hard-filtered.vcf.gz")
	got, rep := build(t, Options{Roots: []Root{{FS: tissue, Side: concordance.Tissue, Name: "t"}, {FS: plasma, Side: concordance.Plasma, Name: "p"}},
		Pattern: regexp.MustCompile(`^(B\d+)-`)})
	want := strings.Join([]string{
		`ambiguous: tissue sample "B1-T": 2 candidate small-variant VCFs in "t/Results/B1-T": "B1-T.hard-filtered.vcf", "B1-T.hard-filtered.vcf.gz"`,
		`no_patient: tissue sample "control": the pattern "^(B\\d+)-" does not match it`,
		`unpaired: plasma sample "B1-P" (patient "B1"): no tissue sample`,
		`ambiguous: patient "B2": 2 tissue samples: "t/Results/B2-T1: B2-T1", "t/Results/B2-T2: B2-T2"`,
		`unwritable: tissue sample "B4-T" (patient "B4"): "t/Results/B4-T/B4;T_AllFusions.csv" contains ';', which separates a sample's files in the sheet`,
	}, "\n")
	if p := problems(rep); p != want {
		t.Errorf("problems:\n%s\nwant:\n%s", p, want)
	}
	if lines := strings.Count(got, "\n"); lines != 2 || !strings.Contains(got, "\nB5\tB5-T\tB5-P\t") {
		t.Errorf("sheet (want the header and B5 only):\n%s", got)
	}
}

// TestBuildPairsTable: a pairs table pairs samples whose ids share
// nothing; rows naming samples not found, and samples it does not list,
// are problems.
func TestBuildPairsTable(t *testing.T) {
	tissue := files("X/FFPE-0017.hard-filtered.vcf.gz", "Y/FFPE-0018.hard-filtered.vcf.gz", "Z/FFPE-0099.hard-filtered.vcf.gz")
	plasma := files("cf-551.hard-filtered.vcf.gz", "cf-552.hard-filtered.vcf.gz")
	pairs := "# pairs from the LIMS\nPatient,Tumor_Sample_ID,cfDNA_Sample_ID\nIMP-1,FFPE-0017,cf-551\nIMP-2,FFPE-0018,cf-999\n"
	got, rep := build(t, Options{Roots: []Root{{FS: tissue, Side: concordance.Tissue, Name: "t"}, {FS: plasma, Side: concordance.Plasma, Name: "p"}},
		Pairs: strings.NewReader(pairs), PairsName: "pairs.csv"})
	want := strings.Join([]string{
		`not_found: plasma sample "cf-999" (patient "IMP-2"): "pairs.csv" line 4 names it, no plasma folder holds it`,
		`no_patient: tissue sample "FFPE-0099": not a tissue sample in "pairs.csv"`,
		`no_patient: plasma sample "cf-552": not a plasma sample in "pairs.csv"`,
		`unpaired: tissue sample "FFPE-0018" (patient "IMP-2"): no plasma sample`,
	}, "\n")
	if p := problems(rep); p != want {
		t.Errorf("problems:\n%s\nwant:\n%s", p, want)
	}
	if !strings.Contains(got, "\nIMP-1\tFFPE-0017\tcf-551\t") || strings.Count(got, "\n") != 2 {
		t.Errorf("sheet:\n%s", got)
	}
}

// TestBuildClinical: the clinical table's columns are joined by patient,
// its comment lines lead the sheet, and patients on one side only are
// reported.
func TestBuildClinical(t *testing.T) {
	clin := "# concord-synthetic: preset=impress seed=1 patients=3\npatient_id\tcancer_type\tstage\nPT01\tLung adenocarcinoma\tIIIA\nPT09\tColorectal\tNA\n"
	got, rep := build(t, Options{Roots: fourRoots, Pattern: regexp.MustCompile(`^(PT\d+)-`), Clinical: strings.NewReader(clin), ClinicalName: "clinical.tsv"})
	if !strings.HasPrefix(got, "# concord-synthetic: preset=impress seed=1 patients=3\npatient_id\ttissue_sample_id\tplasma_sample_id\tcancer_type\tstage\ttissue_calls\tplasma_calls\n") {
		t.Errorf("sheet head:\n%s", got)
	}
	if !strings.Contains(got, "\nPT01\tPT01-T-DNA\tPT01-P\tLung adenocarcinoma\tIIIA\t") || !strings.Contains(got, "\nPT02\tPT02-T\tPT02-P\t\t\t") {
		t.Errorf("sheet:\n%s", got)
	}
	want := strings.Join([]string{
		`unpaired: plasma sample "PT03-P" (patient "PT03"): no tissue sample`,
		`no_clinical: patient "PT02": not in "clinical.tsv": its clinical columns are empty`,
		`clinical_unused: patient "PT09": "clinical.tsv" line 4: no paired samples`,
	}, "\n")
	if p := problems(rep); p != want {
		t.Errorf("problems:\n%s\nwant:\n%s", p, want)
	}
	sh, err := sheet.Read(strings.NewReader(got), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !sh.Synthetic || sh.Patients[0].Stage == "" {
		t.Errorf("read back: synthetic %v, %+v", sh.Synthetic, sh.Patients[0])
	}
}

// TestBuildBadTables: errors name the file and the line.
func TestBuildBadTables(t *testing.T) {
	roots := fourRoots[:1]
	for _, c := range []struct {
		name, pairs, clinical, want string
	}{
		{"pairs without plasma column", "patient_id\ttissue_sample_id\nA\tB\n", "", `pairs.tsv:1: sheet: pairs table: no plasma_sample_id column`},
		{"pairs duplicate patient", "patient_id\ttissue_sample_id\tplasma_sample_id\nA\tB\tC\nA\tD\tE\n", "", `pairs.tsv:3: sheet: pairs table: patient "A" again (first on line 2)`},
		{"pairs duplicate sample", "patient_id\ttissue_sample_id\tplasma_sample_id\nA\tB\tC\nD\tB\tE\n", "", `pairs.tsv:3: sheet: pairs table: tissue sample "B" again (first on line 2)`},
		{"pairs short row", "patient_id\ttissue_sample_id\tplasma_sample_id\nA\tB\n", "", `pairs.tsv:2: sheet: 2 fields, the header has 3`},
		{"pairs latin-1", "patient_id\ttissue_sample_id\tplasma_sample_id\nA\tB\xe9\tC\n", "", `pairs.tsv:2: sheet: `},
		{"clinical owns calls", "", "patient_id\ttissue_vcf\nA\tx\n", `clinical.tsv:1: sheet: clinical table: column "tissue_vcf" means tissue_calls, which concord sheet writes`},
		{"clinical without patient", "", "cancer_type\nA\n", `clinical.tsv:1: sheet: clinical table: no patient_id column`},
		{"clinical tab in CSV value", "", "patient_id,cancer_type\nA,\"x\ty\"\n", `clinical.tsv:2: sheet: column 2: "x\ty" holds the control character U+0009`},
	} {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{Roots: roots, Pattern: regexp.MustCompile(`(.*)`), ClinicalName: "clinical.tsv", PairsName: "pairs.tsv"}
			if c.pairs != "" {
				opt.Pattern, opt.Pairs = nil, strings.NewReader(c.pairs)
			}
			if c.clinical != "" {
				opt.Clinical = strings.NewReader(c.clinical)
			}
			_, err := Build(opt, &bytes.Buffer{})
			if err == nil || !strings.HasPrefix(err.Error(), c.want) || !concordance.IsInputError(err) {
				t.Errorf("error %v, want an input error starting %q", err, c.want)
			}
		})
	}
}
