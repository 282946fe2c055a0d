package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// runCohort runs the demo cohort with extra flags and returns the output
// folder.
func runCohort(t *testing.T, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "res")
	args := append([]string{"run", "--sheet", testCohort + "/samplesheet.tsv", "--reference", testCohort + "/ref.fa", "--out", out, "--quiet"}, extra...)
	if status, _, stderr := concord(t, args...); status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// column returns the values of a named column of a TSV.
func column(t *testing.T, tsv, name string) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(tsv, "\n"), "\n")
	header := strings.Split(lines[0], "\t")
	k := -1
	for i, h := range header {
		if h == name {
			k = i
		}
	}
	if k < 0 {
		t.Fatalf("no column %s", name)
	}
	var out []string
	for _, l := range lines[1:] {
		out = append(out, strings.Split(l, "\t")[k])
	}
	return out
}

func TestStrataOutputs(t *testing.T) {
	out := runCohort(t, "--seed", "3", "--bootstrap", "200")
	for _, f := range []string{"strata.tsv", "patient_strata.tsv", "models.tsv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	st := readFile(t, filepath.Join(out, "strata.tsv"))
	// The all row of the cohort (testdata/cohort/README.md): 3 patients,
	// S 6, T 3, P 2; its bootstrap interval exists with 3 patients.
	if !strings.HasPrefix(strings.Split(st, "\n")[1], "all\tall\t1\t3\t11\t6\t3\t2\t") {
		t.Errorf("all row %q", strings.Split(st, "\n")[1])
	}
	if lo := column(t, st, "ppa_boot_low")[0]; lo == "." {
		t.Error("no bootstrap interval for the all row")
	}
	s := readJSON(t, filepath.Join(out, "summary.json"))
	params := s["provenance"].(map[string]any)["parameters"].(map[string]any)
	if params["bootstrap"] != "200" || params["seed"] != "3" || params["top-genes"] != "20" {
		t.Errorf("parameters %v", params)
	}
	if num(s, "bootstrap", "replicates") != 200 || num(s, "bootstrap", "seed") != 3 {
		t.Errorf("bootstrap block %v", s["bootstrap"])
	}

	// (That another seed moves the intervals is tested in package strata:
	// with three patients the percentile limits are the same for most seeds.)

	// --bootstrap 0: no bootstrap intervals anywhere.
	off := runCohort(t, "--bootstrap", "0", "--top-genes", "2")
	st0 := readFile(t, filepath.Join(off, "strata.tsv"))
	for _, c := range []string{"shared_share_boot_low", "ppa_boot_high", "ppv_boot_low"} {
		for _, v := range column(t, st0, c) {
			if v != "." {
				t.Errorf("%s = %s with --bootstrap 0", c, v)
			}
		}
	}
	s0 := readJSON(t, filepath.Join(off, "summary.json"))
	if s0["bootstrap"] != nil || s0["union_shares_bootstrap"] != nil {
		t.Errorf("summary with --bootstrap 0: %v", s0["bootstrap"])
	}
	if p := s0["provenance"].(map[string]any)["parameters"].(map[string]any); p["top-genes"] != "2" || p["bootstrap"] != "0" {
		t.Errorf("parameters %v", p)
	}
}

func TestStrataFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--bootstrap", "-1"}, "--bootstrap"},
		{[]string{"--top-genes", "-3"}, "--top-genes"},
		{[]string{"--seed", "x"}, "--seed"},
	} {
		args := append([]string{"run", "--sheet", testCohort + "/samplesheet.tsv", "--out", filepath.Join(t.TempDir(), "r")}, tc.args...)
		status, _, stderr := concord(t, args...)
		if status != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: status %d, %q", tc.args, status, stderr)
		}
	}
}

// On a simulated cohort, the strata tables have the same bytes for any
// --threads, and show what they are for: the patient bootstrap interval of
// the overall PPA is wider than Wilson's (alterations cluster within
// patients), PPA rises with the tumour-fraction tier, and every stage level
// carries both intervals.
func TestStrataOnSimulatedCohort(t *testing.T) {
	dir := t.TempDir()
	var first map[string]string
	for _, threads := range []string{"1", "2", "5"} {
		out := filepath.Join(dir, "t"+threads)
		if status, _, stderr := concord(t, "demo", "--patients", "200", "--out", out, "--threads", threads, "--quiet"); status != 0 {
			t.Fatalf("status %d: %s", status, stderr)
		}
		files := map[string]string{}
		for _, f := range []string{"strata.tsv", "patient_strata.tsv", "models.tsv"} {
			files[f] = readFile(t, filepath.Join(out, f))
		}
		// summary.json names the output folder and the demo's temporary
		// cohort folder; its bootstrap parts must agree.
		s := readJSON(t, filepath.Join(out, "summary.json"))
		for _, k := range []string{"bootstrap", "union_shares_bootstrap", "ppa_plasma_vs_tissue", "ppv_plasma"} {
			b, _ := json.Marshal(s[k])
			files["summary.json "+k] = string(b)
		}
		if first == nil {
			first = files
			continue
		}
		for f, b := range first {
			if files[f] != b {
				t.Errorf("%s differs between --threads 1 and %s", f, threads)
			}
		}
	}
	st := first["strata.tsv"]
	dims, levels := column(t, st, "dimension"), column(t, st, "level")
	num := func(c string, i int) float64 {
		v, err := strconv.ParseFloat(column(t, st, c)[i], 64)
		if err != nil {
			t.Fatalf("%s row %d: %v", c, i, err)
		}
		return v
	}
	if wilson, boot := num("ppa_ci_high", 0)-num("ppa_ci_low", 0), num("ppa_boot_high", 0)-num("ppa_boot_low", 0); boot <= wilson {
		t.Errorf("overall PPA: bootstrap width %.4f not wider than Wilson's %.4f", boot, wilson)
	}
	tf := map[string]float64{}
	for i := range dims {
		switch dims[i] {
		case "tf_tier":
			tf[levels[i]] = num("ppa", i)
		case "stage":
			if levels[i] != "unknown" && (column(t, st, "ppa_boot_low")[i] == "." || column(t, st, "ppa_ci_low")[i] == ".") {
				t.Errorf("stage %s lacks an interval", levels[i])
			}
			if column(t, st, "test")[i] != "trend_ppa" {
				t.Errorf("stage test %s", column(t, st, "test")[i])
			}
		}
	}
	if !(tf["<1%"] < tf["1-10%"] && tf["1-10%"] < tf[">=10%"]) {
		t.Errorf("PPA by TF tier %v", tf)
	}
}
