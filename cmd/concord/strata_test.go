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
	out := runCohort(t, "--bootstrap-seed", "3", "--bootstrap", "200")
	for _, f := range []string{"strata.tsv", "patient_strata.tsv", "models.tsv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	st := readFile(t, filepath.Join(out, "strata.tsv"))
	// The all row of the cohort (testdata/cohort/README.md): 3 patients,
	// S 6, T 3, P 2; its bootstrap interval exists with 3 patients.
	if !strings.HasPrefix(strings.Split(st, "\n")[1], "all\tall\t.\t.\t1\t.\t3\t11\t6\t3\t2\t") {
		t.Errorf("all row %q", strings.Split(st, "\n")[1])
	}
	if lo := column(t, st, "ppa_boot_low")[0]; lo == "." {
		t.Error("no bootstrap interval for the all row")
	}
	s := readJSON(t, filepath.Join(out, "summary.json"))
	params := s["provenance"].(map[string]any)["parameters"].(map[string]any)
	// Parameters keep their JSON types: numbers, booleans, lists, null.
	if params["bootstrap"] != 200.0 || params["bootstrap-seed"] != 3.0 || params["seed"] != nil || params["top-genes"] != 20.0 || params["keep-germline"] != false ||
		params["plasma-min-vaf"] != 0.002 || params["exclude"] != nil || params["max-tier"] != "haplotype" {
		t.Errorf("parameters %v", params)
	}
	if strata, _ := params["strata"].([]any); len(strata) != 3 || strata[0] != "cancer_type:stage" {
		t.Errorf("--strata recorded as %v", params["strata"])
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
	if p := s0["provenance"].(map[string]any)["parameters"].(map[string]any); p["top-genes"] != 2.0 || p["bootstrap"] != 0.0 {
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
		{[]string{"--bootstrap-seed", "x"}, "--bootstrap-seed"},
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
			if column(t, st, "alteration_test")[i] != "trend_ppa" || column(t, st, "clustered_test")[i] != "trend_logit" {
				t.Errorf("stage tests %s, %s", column(t, st, "alteration_test")[i], column(t, st, "clustered_test")[i])
			}
		}
	}
	if !(tf["<1%"] < tf["1-10%"] && tf["1-10%"] < tf[">=10%"]) {
		t.Errorf("PPA by TF tier %v", tf)
	}
}

// --strata, --strata-column and --cancer-groups on the test cohort
// (testdata/cohort: P1 lung IV, P2 colorectal IIIB, P3 prostate of unknown
// stage): a sheet column is a dimension of strata.tsv and
// patient_strata.tsv and of a two-way stratum, the groups file names the cancer types, and summary.json
// says so in words; the inputs' checksums are in provenance.tsv.
func TestStrataOptions(t *testing.T) {
	dir := t.TempDir()
	copyInto(t, testCohort, filepath.Join(dir, "cohort"))
	sheet := filepath.Join(dir, "cohort", "samplesheet.tsv")
	b, err := os.ReadFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "patient_id"):
			l += "\tSmoking_Status"
		default:
			l += "\t" + []string{"", "", "never", "current", "NA"}[i]
		}
		lines = append(lines, l)
	}
	if err := os.WriteFile(sheet, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	groups := filepath.Join(dir, "groups.csv")
	if err := os.WriteFile(groups, []byte("cancer_type,group\nLUAD,NSCLC\nBowel,Colorectal\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "res")
	if status, _, stderr := concord(t, "run", "--sheet", sheet, "--reference", filepath.Join(dir, "cohort", "ref.fa"), "--out", out, "--quiet",
		"--figures=false", "--bootstrap", "0", "--strata-column", "smoking_status", "--strata", "smoking_status:stage",
		"--cancer-groups", groups); status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	st := readFile(t, filepath.Join(out, "strata.tsv"))
	var got []string
	for i, d := range column(t, st, "dimension") {
		if d == "cancer_type" || d == "smoking_status" || d == "smoking_status x stage" {
			got = append(got, d+"/"+column(t, st, "level")[i]+"/"+column(t, st, "level2")[i]+"/"+column(t, st, "alterations")[i])
		}
	}
	// Alterations per patient (testdata/cohort/README.md): P1 5, P2 5, P3 1.
	want := "cancer_type/Colorectal/./5 cancer_type/NSCLC/./5 cancer_type/Prostate/./1 " +
		"smoking_status/current/./5 smoking_status/never/./5 smoking_status/unknown/./1 " +
		"smoking_status x stage/current/III/5 smoking_status x stage/never/IV/5 smoking_status x stage/unknown/unknown/1"
	if strings.Join(got, " ") != want {
		t.Errorf("strata.tsv rows\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "patient_strata.tsv")), "\nsmoking_status\tcurrent\t1\t1\t") {
		t.Error("patient_strata.tsv lacks the sheet column")
	}
	s := readJSON(t, filepath.Join(out, "summary.json"))
	rules := s["strata"].(map[string]any)
	if rules["cancer_groups_file"] != "groups.csv" || !strings.HasPrefix(rules["cancer_type_rule"].(string), "Cancer types grouped as groups.csv says (2 cancer types into 2 groups)") ||
		len(rules["two_way"].([]any)) != 1 || rules["sheet_columns"].([]any)[0] != "smoking_status" {
		t.Errorf("summary.json strata %v", rules)
	}
	prov := readFile(t, filepath.Join(out, "provenance.tsv"))
	if !strings.HasPrefix(prov, "path\tsha256\tbytes\tformat\nsamplesheet.tsv\t") || !strings.Contains(prov, "\ngroups.csv\t") {
		t.Errorf("provenance.tsv:\n%s", prov)
	}
}

// TestBootstrapSeedOldName: run's --seed is an old name of --bootstrap-seed
// (simulate and demo call the cohort's seed --cohort-seed), on the command
// line and in a config file: each gives the same results, byte for byte
// but the recorded command line, which record the new name.
func TestBootstrapSeedOldName(t *testing.T) {
	dir := t.TempDir()
	config := filepath.Join(dir, "c.json")
	if err := os.WriteFile(config, []byte(`{"seed": 5}`), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(name string, flags ...string) string {
		out := filepath.Join(dir, name)
		args := append([]string{"run", "--sheet", testCohort + "/samplesheet.tsv", "--out", out, "--quiet", "--bootstrap", "100"}, flags...)
		if status, _, stderr := concord(t, args...); status != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
		return out
	}
	want := run("new", "--bootstrap-seed", "5")
	sameResults(t, want, run("old", "--seed", "5"))
	sameResults(t, want, run("config", "--config", config))
	// the seed changes the intervals: equal results above are the
	// seed's doing, not its being ignored
	other := run("other", "--bootstrap-seed", "6")
	if a, b := readFile(t, filepath.Join(want, "strata.tsv")), readFile(t, filepath.Join(other, "strata.tsv")); a == b {
		t.Error("--bootstrap-seed 5 and 6 gave the same strata.tsv")
	}
	params := readJSON(t, filepath.Join(want, "summary.json"))["provenance"].(map[string]any)["parameters"].(map[string]any)
	if params["bootstrap-seed"] != 5.0 || params["seed"] != nil {
		t.Errorf("recorded parameters %v: want bootstrap-seed 5 and no seed", params)
	}
}
