package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance/simulate"
	"github.com/concord-oncology/concord/internal/outdir"
)

// TestDemoRegression is the CI regression on the published numbers: the demo
// cohort, analysed end to end from its raw files, gives exactly the
// recorded counts, and union shares within ±2 percentage points of
// IMPRESS-Norway's 50 / 42 / 8.
func TestDemoRegression(t *testing.T) {
	var want struct {
		Patients   int `json:"patients"`
		Shared     int `json:"shared"`
		TissueOnly int `json:"tissue_only"`
		PlasmaOnly int `json:"plasma_only"`
		Published  struct {
			Source     string  `json:"source"`
			Shared     float64 `json:"shared"`
			TissueOnly float64 `json:"tissue_only"`
			PlasmaOnly float64 `json:"plasma_only"`
			Tolerance  float64 `json:"tolerance"`
		} `json:"published"`
	}
	b, err := os.ReadFile("../../testdata/regression/demo.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	pub := want.Published
	out := filepath.Join(t.TempDir(), "demo")
	status, _, stderr := concord(t, "demo", "--out", out, "--quiet")
	if status != 0 {
		t.Fatalf("concord demo: status %d: %s", status, stderr)
	}
	verifyDemo(t, out)
	s := readJSON(t, filepath.Join(out, "summary.json"))
	if s["synthetic"] != true {
		t.Error("summary.json does not say the demo cohort is synthetic")
	}
	// summary.json stays a summary at any cohort size (issue 13 §3): the
	// inputs' checksums are in provenance.tsv, and no list in it grows
	// with the cohort (notes and ranked cancer types are capped at 20 and
	// 10), so with 640 patients and 3,842 inputs every list is short.
	if b, err := os.ReadFile(filepath.Join(out, "summary.json")); err != nil || len(b) > 50<<10 || regexp.MustCompile(`[0-9a-f]{64}`).Match(b) {
		t.Errorf("summary.json: %d bytes (at most 50 KB), checksums in it: %v (%v)", len(b), regexp.MustCompile(`[0-9a-f]{64}`).Match(b), err)
	}
	var longest func(v any) int
	longest = func(v any) int {
		n := 0
		switch v := v.(type) {
		case []any:
			n = len(v)
			for _, x := range v {
				n = max(n, longest(x))
			}
		case map[string]any:
			for _, x := range v {
				n = max(n, longest(x))
			}
		}
		return n
	}
	if n := longest(s); n > 20 {
		t.Errorf("summary.json has a list of %d items: one that grows with the cohort?", n)
	}
	if prov, err := os.ReadFile(filepath.Join(out, "provenance.tsv")); err != nil || bytes.Count(prov, []byte("\n")) < 2*640 {
		t.Errorf("provenance.tsv has %d lines, want one per input (%v)", bytes.Count(prov, []byte("\n")), err)
	}
	if readme, _ := os.ReadFile(filepath.Join(out, "README.md")); !strings.Contains(string(readme), "SYNTHETIC COHORT") {
		t.Error("the results README does not say the cohort is synthetic")
	}
	if got := int(num(s, "patients")); got != want.Patients {
		t.Fatalf("%d patients, want %d", got, want.Patients)
	}
	got := map[string]int{
		"shared": int(num(s, "alterations", "shared")), "tissue_only": int(num(s, "alterations", "tissue_only")), "plasma_only": int(num(s, "alterations", "plasma_only")),
	}
	exact := map[string]int{"shared": want.Shared, "tissue_only": want.TissueOnly, "plasma_only": want.PlasmaOnly}
	published := map[string]float64{"shared": pub.Shared, "tissue_only": pub.TissueOnly, "plasma_only": pub.PlasmaOnly}
	total := got["shared"] + got["tissue_only"] + got["plasma_only"]
	for _, k := range []string{"shared", "tissue_only", "plasma_only"} {
		share := float64(got[k]) / float64(total)
		if got[k] != exact[k] {
			t.Errorf("%s: %d alterations (%.1f%% of %d), recorded %d: the demo's numbers moved (testdata/regression/demo.json says when to re-record)",
				k, got[k], 100*share, total, exact[k])
		}
		if d := share - published[k]; d > pub.Tolerance || d < -pub.Tolerance {
			t.Errorf("%s: %.1f%% is more than %.0f points from IMPRESS-Norway's published %.0f%% (%s)",
				k, 100*share, 100*pub.Tolerance, 100*published[k], pub.Source)
		}
	}
}

// TestSimulatedTruthRecovered: the analysis of simulated cohorts recovers
// their truth tables exactly (every alteration in its expected category,
// nothing else counted), for two seeds at 2,000 patients.
func TestSimulatedTruthRecovered(t *testing.T) {
	if testing.Short() {
		t.Skip("cohort-scale test (two 2,000-patient cohorts) skipped with -short")
	}
	for _, seed := range []string{"1", "2"} {
		t.Run("seed "+seed, func(t *testing.T) {
			dir := t.TempDir()
			cohort := filepath.Join(dir, "cohort")
			if status, _, stderr := concord(t, "simulate", "--out", cohort, "--patients", "2000", "--seed", seed); status != 0 {
				t.Fatal(stderr)
			}
			out := filepath.Join(dir, "res")
			if status, _, stderr := concord(t, "run", "--sheet", filepath.Join(cohort, simulate.FileSampleSheet),
				"--reference", filepath.Join(cohort, simulate.FileReference), "--out", out, "--quiet"); status != 0 {
				t.Fatal(stderr)
			}
			cmp := checkTruth(t, cohort, out)
			t.Logf("seed %s: agreed %v", seed, cmp.Agreed)
		})
	}
}

// TestDemoDeterministic: the same demo gives byte-identical outputs whatever
// the thread count (the cohort is simulated into a fresh temporary folder
// each time, which no output may name).
func TestDemoDeterministic(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	var first map[string][]byte
	for _, threads := range []string{"1", "2"} {
		os.RemoveAll(out)
		if status, _, stderr := concord(t, "demo", "--out", out, "--quiet", "--threads", threads, "--patients", "200"); status != 0 {
			t.Fatal(stderr)
		}
		files := map[string][]byte{}
		entries, err := os.ReadDir(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.IsDir() && e.Name() != outdir.MarkerName { // the marker records the run, so differs by design
				files[e.Name()], _ = os.ReadFile(filepath.Join(out, e.Name()))
			}
		}
		if first == nil {
			first = files
			continue
		}
		for name, b := range first {
			if string(b) != string(files[name]) {
				t.Errorf("%s differs between --threads 1 and %s", name, threads)
			}
		}
	}
}

// verifyDemo (issue 17 §4): the shipped IMPRESS expectation passes on the
// demo, as a lab's CI would run it; a copy expecting one more shared
// alteration fails with exit status 1 and names the metric; concord diff
// finds nothing between the folder and itself and exits 0.
func verifyDemo(t *testing.T, out string) {
	const expect = "../../testdata/regression/impress-demo.tsv"
	status, stdout, stderr := concord(t, "verify", "--results", out, "--expect", expect)
	if status != 0 || strings.Contains(stdout, "DRIFT") || strings.Count(stdout, "\nok\t") != 13 {
		t.Errorf("verify: status %d\n%s%s", status, stdout, stderr)
	}
	b, err := os.ReadFile(expect)
	if err != nil {
		t.Fatal(err)
	}
	drifted := filepath.Join(t.TempDir(), "drifted.tsv")
	os.WriteFile(drifted, []byte(strings.Replace(string(b), "alterations.shared\t1271\t", "alterations.shared\t1272\t", 1)), 0o644)
	status, stdout, stderr = concord(t, "verify", "--results", out, "--expect", drifted)
	if status != exitInput || !strings.Contains(stdout, "DRIFT\tsummary.json:alterations.shared\t1272\t1271\tabs:0\toff by 1\n") ||
		!strings.Contains(stderr, "1 of 13 metrics drifted") {
		t.Errorf("drifted verify: status %d\n%s%s", status, stdout, stderr)
	}
	status, stdout, stderr = concord(t, "diff", out, out)
	if status != 0 || stdout != strings.Join([]string{"what", "key", "field", "before", "after", "delta"}, "\t")+"\n" || !strings.Contains(stderr, "no differences") {
		t.Errorf("diff of a folder with itself: status %d\n%s%s", status, stdout, stderr)
	}
}

// checkTruth compares a run's alterations.tsv (in results) with the
// simulated cohort's truth table: every discrepancy (the first 20 shown)
// and an empty category fail the test.
func checkTruth(t *testing.T, cohort, results string) *simulate.Comparison {
	t.Helper()
	truth, err := os.Open(filepath.Join(cohort, simulate.FileTruth))
	if err != nil {
		t.Fatal(err)
	}
	defer truth.Close()
	alts, err := os.Open(filepath.Join(results, "alterations.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer alts.Close()
	cmp, err := simulate.CompareTruth(truth, alts)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range cmp.Discrepancies {
		if i == 20 {
			t.Errorf("... %d discrepancies in all", len(cmp.Discrepancies))
			break
		}
		t.Errorf("discrepancy: %+v", d)
	}
	if cmp.Agreed["shared"] == 0 || cmp.Agreed["tissue_only"] == 0 || cmp.Agreed["plasma_only"] == 0 {
		t.Errorf("agreed %v: a category is empty", cmp.Agreed)
	}
	return cmp
}
