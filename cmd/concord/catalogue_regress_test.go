package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCatalogueSheetVerifyDiff: the refusals of concord sheet, verify and
// diff (issue 17) meet the catalogue's bar: one line naming the file (and
// line), the right status, nothing changed on disk.
func TestCatalogueSheetVerifyDiff(t *testing.T) {
	write := func(t *testing.T, path, s string) string {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	sheet := func(root string, extra ...string) []string {
		return append([]string{"sheet", "--tissue", filepath.Join(root, "cohort"), "--plasma", filepath.Join(root, "cohort"), "--out", filepath.Join(root, "built.tsv")}, extra...)
	}
	runCatalogue(t, []badCase{
		{name: "sheet pairs table without a column", setup: func(t *testing.T, root string) []string {
			return sheet(root, "--pairs", write(t, filepath.Join(root, "pairs.tsv"), "patient_id\ttissue_sample_id\nP1\tP1_T\n"))
		}, status: exitInput, want: `^concord: \S+/pairs\.tsv:1: sheet: pairs table: no plasma_sample_id column`},
		{name: "sheet clinical table naming a call column", setup: func(t *testing.T, root string) []string {
			return sheet(root, "--pattern", "^(P[0-9])_", "--clinical", write(t, filepath.Join(root, "clinical.tsv"), "patient_id\ttissue_vcf\nP1\tx.vcf\n"))
		}, status: exitInput, want: `^concord: \S+/clinical\.tsv:1: sheet: clinical table: column "tissue_vcf" means tissue_calls`},
		{name: "sheet out exists", setup: func(t *testing.T, root string) []string {
			return sheet(root, "--pattern", "^(P[0-9])_", "--out", filepath.Join(root, "cohort", "samplesheet.tsv"))
		}, status: exitOutput, want: `^concord: "\S+" exists; concord sheet replaces it only with --force\n$`},
		{name: "sheet bad pattern", setup: func(t *testing.T, root string) []string {
			return sheet(root, "--pattern", "(P")
		}, status: exitUsage, want: `^concord: sheet: --pattern: error parsing regexp`},
		{name: "verify bad tolerance", setup: func(t *testing.T, root string) []string {
			exp := write(t, filepath.Join(root, "expect.tsv"), "table\trow\tcolumn\texpected\ttolerance\nsummary.json\t.\tpatients\t3\twithin:1\n")
			return []string{"verify", "--results", filepath.Join(root, "res"), "--expect", exp}
		}, status: exitInput, want: `^concord: \S+/expect\.tsv:2: tolerance "within:1": want exact, abs:X, rel:X or ci\n$`},
		{name: "verify a folder without results", setup: func(t *testing.T, root string) []string {
			exp := write(t, filepath.Join(root, "expect.tsv"), "table\trow\tcolumn\texpected\ttolerance\nstrata.tsv\tdimension=all;level=all\tppa\t0.5\tci\n")
			return []string{"verify", "--results", filepath.Join(root, "cohort"), "--expect", exp}
		}, status: exitInput, want: `^concord: \S+/cohort/strata\.tsv: no such file`},
		{name: "diff a folder without results", setup: func(t *testing.T, root string) []string {
			return []string{"diff", filepath.Join(root, "res"), filepath.Join(root, "cohort")}
		}, status: exitInput, want: `^concord: \S+/cohort/alterations\.tsv: no such file`},
		{name: "diff one folder", setup: func(t *testing.T, root string) []string {
			return []string{"diff", filepath.Join(root, "res")}
		}, status: exitUsage, want: `^concord: diff: give two results folders`},
	})
}
