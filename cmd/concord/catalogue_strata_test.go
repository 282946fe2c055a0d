package main

import (
	"os"
	"path/filepath"
	"testing"
)

// The strata options' refusals (issue 13): two-way strata that name no
// dimension, sheet columns the sheet does not have, and a bad cancer
// groups file.
func TestCatalogueStrata(t *testing.T) {
	groups := func(t *testing.T, root, text string) string {
		t.Helper()
		path := filepath.Join(root, "cohort", "groups.tsv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	runCatalogue(t, []badCase{
		{name: "--strata names one dimension twice", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--strata", "stage:Stage")
		}, status: exitUsage, want: `^concord: --strata: "stage:stage" names one dimension twice\n$`},
		{name: "--strata names no dimension", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--strata", "cancer_type:stage,class:smoking")
		}, status: exitUsage, want: `^concord: --strata: "smoking" is not a dimension \(want two of cancer_type, diagnosis, .*, or a --strata-column\)\n$`},
		{name: "--strata not a pair", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--strata", "stage")
		}, status: exitUsage, want: `^concord: --strata: "stage" is not a pair of dimensions \(want e\.g\. cancer_type:stage\)\n$`},
		{name: "--strata-column the sheet lacks", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--strata-column", "smoking_status")
		}, status: exitUsage, want: `^concord: --strata-column "smoking_status": the sample sheet has no such column among those concord does not read itself \(none\)\n$`},
		{name: "--strata-column a built-in dimension", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--strata-column", "Stage")
		}, status: exitUsage, want: `^concord: --strata-column "stage": strata.tsv has a dimension stage already\n$`},
		{name: "--cancer-groups missing", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--cancer-groups", filepath.Join(root, "cohort", "nothere.tsv"))
		}, status: exitInput, want: `^concord: \S+/nothere\.tsv: .*no such file`},
		{name: "--cancer-groups is a FIFO", setup: func(t *testing.T, root string) []string {
			path := filepath.Join(root, "cohort", "groups.tsv")
			special(t, path, "fifo")
			return cohortArgs(root, "--cancer-groups", path)
		}, status: exitInput, want: `^concord: \S+/groups\.tsv: is a named pipe`},
		{name: "--cancer-groups without its columns", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--cancer-groups", groups(t, root, "type\tname\nLUAD\tNSCLC\n"))
		}, status: exitInput, want: `^concord: \S+/groups\.tsv:1: cancer groups: the header must name the columns cancer_type and group \(it has: "type", "name"\)\n$`},
		{name: "--cancer-groups grouping one type two ways", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--cancer-groups", groups(t, root, "cancer_type\tgroup\nLUAD\tNSCLC\n# comment\nluad\tLung\n"))
		}, status: exitInput, want: `^concord: \S+/groups\.tsv:4: cancer groups: "luad" is grouped as "Lung" here and as "NSCLC" on line 2\n$`},
	})
}
