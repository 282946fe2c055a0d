package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeReportCohort writes a sheet whose patients read one report-level
// table for both sides.
func writeReportCohort(t *testing.T, table string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "report.tsv"), []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	sheet := "patient_id\ttissue_calls\tplasma_calls\tcancer_type\nP1\treport.tsv\treport.tsv\tLung\nP2\treport.tsv\treport.tsv\tColorectal\n"
	if err := os.WriteFile(filepath.Join(dir, "sheet.tsv"), []byte(sheet), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "sheet.tsv")
}

// TestCheckListsEveryUnreadableRow (issue 11 §4): concord check prints each
// unreadable row of a report table on its own line, once, although both
// patients read the table.
func TestCheckListsEveryUnreadableRow(t *testing.T) {
	sheet := writeReportCohort(t, "patient_id\tsample\tgene\talteration\n"+
		"P1\ttissue\tBRAF\tactivating\n"+
		"P1\tplasma\tBRAF\tV600E\n"+
		"P2\ttissue\tKRAS\tsomething\n"+
		"P2\tplasma\tKRAS\tG12C\n")
	status, _, stderr := concord(t, "check", "--sheet", sheet)
	if status != exitInput {
		t.Fatalf("status %d, want %d: %s", status, exitInput, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	want := []*regexp.Regexp{
		regexp.MustCompile(`^concord: .*report\.tsv:2: reporttable: alteration "activating" is not a protein change`),
		regexp.MustCompile(`^concord: .*report\.tsv:4: reporttable: alteration "something" is not a protein change`),
		regexp.MustCompile(`^concord: .*sheet\.tsv: 2 of 2 patients have problems`),
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), stderr)
	}
	for i, re := range want {
		if !re.MatchString(lines[i]) {
			t.Errorf("line %d %q, want %s", i+1, lines[i], re)
		}
	}
}

// TestGeneOnlyRowsDrawFigures (issue 11 §4): report rows of unknown class
// ("mutation", "truncation", "promoter") never stop the figures.
func TestGeneOnlyRowsDrawFigures(t *testing.T) {
	sheet := writeReportCohort(t, "patient_id\tsample\tgene\talteration\n"+
		"P1\ttissue\tTP53\tmutation\n"+
		"P1\tplasma\tTP53\tmutation\n"+
		"P1\ttissue\tTERT\tpromoter\n"+
		"P2\ttissue\tAPC\ttruncation\n"+
		"P2\tplasma\tKRAS\tmutation\n")
	out := filepath.Join(t.TempDir(), "res")
	status, _, stderr := concord(t, "run", "--sheet", sheet, "--out", out, "--quiet")
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if strings.Contains(stderr, "not drawn") {
		t.Errorf("figures not drawn: %s", stderr)
	}
	pngs, _ := filepath.Glob(filepath.Join(out, "figures", "*.png"))
	if len(pngs) != len(figureNames) {
		t.Errorf("%d figures, want %d", len(pngs), len(figureNames))
	}
	if _, err := os.Stat(filepath.Join(out, "report.html")); err != nil {
		t.Error(err)
	}
}

// addAssay adds tissue_assay and plasma_assay columns to the catalogue
// cohort's sheet, with P2's values.
func addAssay(t *testing.T, root, tissue, plasma string) {
	t.Helper()
	editFile(t, filepath.Join(root, "cohort", "samplesheet.tsv"), func(s string) string {
		var out []string
		header := true
		for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
			switch {
			case strings.HasPrefix(l, "#"):
			case header:
				l += "\ttissue_assay\tplasma_assay"
				header = false
			case strings.HasPrefix(l, "P2\t"):
				l += "\t" + tissue + "\t" + plasma
			default:
				l += "\t\t"
			}
			out = append(out, l)
		}
		return strings.Join(out, "\n") + "\n"
	})
}

// TestCatalogueIssue11: the refusals issue 11 added (§5, §6).
func TestCatalogueIssue11(t *testing.T) {
	study := "../../concordance/input/cbioportal/testdata/study"
	runCatalogue(t, []badCase{
		{name: "sheet assay not a built-in panel", setup: func(t *testing.T, root string) []string {
			addAssay(t, root, "FoundationOne CDx", "TSO500 ctDNA")
			return cohortArgs(root)
		}, status: exitInput, want: `samplesheet\.tsv: tissue_assay of patient "P2" is "FoundationOne CDx": not a built-in panel \(TSO500, TSO500 ctDNA, exome \(WES\), genome \(WGS\)\) nor a panel file`},
		{name: "sheet assay file that is no panel", setup: func(t *testing.T, root string) []string {
			writeCohortFile(t, root, "assay.txt", "hello\nworld\n")
			addAssay(t, root, "assay.txt", "")
			return cohortArgs(root)
		}, status: exitInput, want: `assay\.txt: universe: the panel file is neither a BED \(chrom, start, end\) nor a list of gene symbols`},
		{name: "run --universe some", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--universe", "some")
		}, status: exitUsage, want: `^concord: --universe: "some" \(want panels or all\)`},
		{name: "run --pairing best", setup: func(t *testing.T, root string) []string {
			return []string{"run", "--cbioportal", study, "--out", filepath.Join(root, "res2"), "--pairing", "best"}
		}, status: exitUsage, want: `^concord: --pairing: "best" \(want nearest, first, latest, union\)`},
		{name: "run --pairing with a sheet", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--pairing", "union")
		}, status: exitUsage, want: `^concord: --pairing chooses among a cBioPortal study's samples: give it with --cbioportal`},
		{name: "check --pairing latest with a sheet", setup: func(t *testing.T, root string) []string {
			return []string{"check", "--sheet", filepath.Join(root, "cohort", "samplesheet.tsv"), "--pairing", "latest"}
		}, status: exitUsage, want: `^concord: --pairing chooses among`},
		{name: "cBioPortal gene panel of Entrez ids", setup: func(t *testing.T, root string) []string {
			dir := filepath.Join(root, "study")
			writeTree(t, dir, mustReadTree(t, study))
			if err := os.WriteFile(filepath.Join(dir, "data_gene_panel_x.txt"), []byte("stable_id: X\ndescription: ids\ngene_list:\t3845\t7157\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{"run", "--cbioportal", dir, "--out", filepath.Join(root, "res2"), "--quiet"}
		}, status: exitInput, want: `data_gene_panel_x\.txt:3: cbioportal: gene_list holds Entrez ids: give the panel's gene symbols`},
	})
}

// TestAssaysAndUniverseAll (issue 11 §5): a tissue exome against a TSO500
// ctDNA plasma compares only TSO500 genes, and the headline says how many
// alterations that leaves out; --universe all compares them all.
func TestAssaysAndUniverseAll(t *testing.T) {
	dir := t.TempDir()
	// TP53 and KRAS are TSO500 genes; MUC16 and OR4F5 are not (nor is the
	// made-up XYZ1).
	table := "patient_id\tsample\tgene\talteration\n" +
		"P1\ttissue\tTP53\tp.R273H\nP1\tplasma\tTP53\tp.R273H\n" +
		"P1\ttissue\tMUC16\tp.A10T\nP1\ttissue\tOR4F5\tp.G5S\nP1\tplasma\tXYZ1\tp.A10T\n" +
		"P2\ttissue\tKRAS\tp.G12D\nP2\tplasma\tKRAS\tp.G12D\n"
	sheet := "patient_id\ttissue_calls\tplasma_calls\ttissue_assay\tplasma_assay\n" +
		"P1\treport.tsv\treport.tsv\tWES\tTSO500 ctDNA\nP2\treport.tsv\treport.tsv\texome\ttso500_ctdna\n"
	for name, text := range map[string]string{"report.tsv": table, "sheet.tsv": sheet} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		universe, headline, warning string
	}{
		{"panels", "2 patients, 2 alterations: shared 100.0%", "warning: 60% of the alterations (3 of 5) lie outside the comparison universe and are not compared (tissue panel: exome (every gene); plasma panel: TSO500 ctDNA)"},
		{"all", "2 patients, 5 alterations: shared 40.0%, tissue-only 40.0%, plasma-only 20.0%", ""},
	} {
		out := filepath.Join(dir, "res-"+tc.universe)
		status, stdout, stderr := concord(t, "run", "--sheet", filepath.Join(dir, "sheet.tsv"), "--out", out, "--figures=false", "--universe", tc.universe)
		if status != 0 {
			t.Fatalf("--universe %s: status %d: %s", tc.universe, status, stderr)
		}
		if !strings.HasPrefix(stdout, tc.headline) {
			t.Errorf("--universe %s: headline %q, want %q", tc.universe, stdout, tc.headline)
		}
		if got := strings.Contains(stdout, "warning:"); got != (tc.warning != "") || tc.warning != "" && !strings.Contains(stdout, tc.warning) {
			t.Errorf("--universe %s: %q, want warning %q", tc.universe, stdout, tc.warning)
		}
	}
}

// TestCheckCBioPortal (issue 11 §6): concord check takes a study folder,
// with --pairing, and lists what is wrong in it.
func TestCheckCBioPortal(t *testing.T) {
	study := "../../concordance/input/cbioportal/testdata/study"
	for _, pairing := range []string{"nearest", "union"} {
		status, stdout, stderr := concord(t, "check", "--cbioportal", study, "--pairing", pairing)
		if status != 0 || !strings.HasSuffix(stdout, "study: 4 patients, 5 data files: all readable and consistent\n" /* mutations, SV, fusions, CNA, log2 CNA */) {
			t.Errorf("--pairing %s: status %d, %q %q", pairing, status, stdout, stderr)
		}
	}
	dir := t.TempDir()
	writeTree(t, dir, mustReadTree(t, study))
	if err := os.WriteFile(filepath.Join(dir, "data_gene_panel_x.txt"), []byte("description: no id\ngene_list:\tKRAS\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	status, _, stderr := concord(t, "check", "--cbioportal", dir)
	if status != exitInput || !strings.Contains(stderr, "data_gene_panel_x.txt: cbioportal: gene panel file without stable_id") {
		t.Errorf("bad panel file: status %d, %q", status, stderr)
	}
}
