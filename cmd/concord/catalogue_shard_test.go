package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/concordance/schema"
)

// shardOf runs one shard of the test cohort into root/name, with the
// earlier run's settings (catalogue_test.go) and extra flags.
func shardOf(t *testing.T, root, name, shard string, extra ...string) string {
	t.Helper()
	out := filepath.Join(root, name)
	args := append(cohortArgs(root, "--out", out, "--shard", shard, "--figures=false", "--bootstrap", "0"), extra...)
	if status, _, stderr := concord(t, args...); status != 0 {
		t.Fatalf("%v: %s", args, stderr)
	}
	return out
}

// partOfTestCohort is a shard of two holding some but not all of the test
// cohort's three patients.
func partOfTestCohort(t *testing.T) string {
	for _, k := range []int{1, 2} {
		n := 0
		for _, id := range []string{"P1", "P2", "P3"} {
			if (analysis.Shard{K: k, N: 2}).Holds(id) {
				n++
			}
		}
		if n > 0 && n < 3 {
			return []string{"", "1/2", "2/2"}[k]
		}
	}
	t.Fatal("one shard of two holds every patient")
	return ""
}

// TestCatalogueShards: shards, merge and --add-to refuse what cannot make
// one run, naming the file and why.
func TestCatalogueShards(t *testing.T) {
	runCatalogue(t, []badCase{
		{name: "merge nothing", setup: func(t *testing.T, root string) []string {
			return []string{"merge", "--out", filepath.Join(root, "m")}
		}, status: exitUsage, want: `merge: name the partial results to merge`},
		{name: "merge with a shard missing", setup: func(t *testing.T, root string) []string {
			return []string{"merge", shardOf(t, root, "s", partOfTestCohort(t)), "--out", filepath.Join(root, "m")}
		}, status: exitInput, want: `s/partial\.bin\.gz: the partials hold [12] of the cohort's 3 patients: is a shard missing\?`},
		{name: "merge overlapping partials", setup: func(t *testing.T, root string) []string {
			return []string{"merge", filepath.Join(root, "res"), filepath.Join(root, "res", schema.PartialFile), "--out", filepath.Join(root, "m")}
		}, status: exitInput, want: `res/partial\.bin\.gz: patient "P1" is also in .*res/partial\.bin\.gz: partials to merge must not overlap`},
		{name: "merge shards run with other parameters", setup: func(t *testing.T, root string) []string {
			return []string{"merge", shardOf(t, root, "a", "1/2"), shardOf(t, root, "b", "2/2", "--seed", "9"), "--out", filepath.Join(root, "m")}
		}, status: exitInput, want: `b/partial\.bin\.gz: run with other parameters than .*a/partial\.bin\.gz \(--bootstrap-seed\)`},
		{name: "merge shards of other inputs", setup: func(t *testing.T, root string) []string {
			a := shardOf(t, root, "a", "1/2")
			b := filepath.Join(root, "b")
			args := []string{"run", "--sheet", filepath.Join(root, "cohort", "samplesheet.tsv"), "--out", b, "--quiet",
				"--shard", "2/2", "--figures=false", "--bootstrap", "0", "--reference", filepath.Join(root, "cohort", "ref.fa")}
			os.WriteFile(filepath.Join(root, "cohort", "samplesheet.tsv"), append(mustRead(filepath.Join(root, "cohort", "samplesheet.tsv")), "\n"...), 0o644)
			if status, _, stderr := concord(t, args...); status != 0 {
				t.Fatal(stderr)
			}
			return []string{"merge", a, b, "--out", filepath.Join(root, "m")}
		}, status: exitInput, want: `b/partial\.bin\.gz: run on other inputs than .*a/partial\.bin\.gz \(the sample sheet`},
		{name: "merge a file that is not a partial", setup: func(t *testing.T, root string) []string {
			return []string{"merge", filepath.Join(root, "res", schema.SummaryFile), "--out", filepath.Join(root, "m")}
		}, status: exitInput, want: `res/summary\.json: not a concord partial file`},
		{name: "merge a truncated partial", setup: func(t *testing.T, root string) []string {
			b := mustRead(filepath.Join(root, "res", schema.PartialFile))
			put(t, root, map[string]string{"t/partial.bin.gz": string(b[:len(b)/2])})
			return []string{"merge", filepath.Join(root, "t"), "--out", filepath.Join(root, "m")}
		}, status: exitInput, want: `t/partial\.bin\.gz: .*(ends early|unexpected EOF)`},
		{name: "add-to with a patient already there", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--add-to", filepath.Join(root, "res"), "--out", filepath.Join(root, "more"), "--figures=false", "--bootstrap", "0")
		}, status: exitInput, want: `res/partial\.bin\.gz: --add-to: patient "P1" is in the results already: the sheet must list only new patients`},
		{name: "add-to with other parameters", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--add-to", filepath.Join(root, "res"), "--out", filepath.Join(root, "more"))
		}, status: exitInput, want: `res/partial\.bin\.gz: --add-to: run with other parameters \(--bootstrap, --figures\)`},
		{name: "add-to a shard", setup: func(t *testing.T, root string) []string {
			s := shardOf(t, root, "s", partOfTestCohort(t))
			return cohortArgs(root, "--add-to", s, "--out", filepath.Join(root, "more"), "--figures=false", "--bootstrap", "0")
		}, status: exitInput, want: `s/partial\.bin\.gz: --add-to: a shard \([12]/2\), not a finished run: merge the shards first`},
		{name: "add-to into itself", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--add-to", filepath.Join(root, "res"), "--figures=false", "--bootstrap", "0")
		}, status: exitOutput, want: `--out .*/res is the results folder --add-to extends`},
		{name: "shard 0 of 3", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--shard", "0/3")
		}, status: exitUsage, want: `--shard: "0/3" \(want K/N with 1 ≤ K ≤ N, e\.g\. 2/8\)`},
		{name: "shard and add-to", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--shard", "1/3", "--add-to", filepath.Join(root, "res"))
		}, status: exitUsage, want: `give --shard or --add-to, not both`},
		{name: "shard skipping failed patients", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--shard", "1/3", "--skip-failed-patients")
		}, status: exitUsage, want: `--skip-failed-patients takes a whole run, not --shard or --add-to`},
		{name: "add-to skipping failed patients", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--add-to", filepath.Join(root, "res"), "--skip-failed-patients")
		}, status: exitUsage, want: `--skip-failed-patients takes a whole run, not --shard or --add-to`},
	})
}
