package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const evidenceCohort = "../../testdata/evidence"

// readTSV returns the rows of a table as maps by column name.
func readTSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	head := strings.Split(lines[0], "\t")
	var out []map[string]string
	for _, l := range lines[1:] {
		m := map[string]string{}
		for i, v := range strings.Split(l, "\t") {
			m[head[i]] = v
		}
		out = append(out, m)
	}
	return out
}

// The expected rows and counts are derived in testdata/evidence/README.md.
func TestRunUniverseAndEvidence(t *testing.T) {
	for _, tc := range []struct {
		name  string
		extra []string
		low   string // flags of E1 chr1:1000
	}{
		{"default depths", nil, "low_coverage,scope_unknown"},
		{"min depth plasma 30", []string{"--min-depth-plasma", "30"}, "scope_unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "res")
			args := append([]string{"run", "--sheet", evidenceCohort + "/samplesheet.tsv", "--reference", evidenceCohort + "/ref.fa", "--out", out, "--quiet"}, tc.extra...)
			if status, _, stderr := concord(t, args...); status != 0 {
				t.Fatalf("status %d: %s", status, stderr)
			}
			s := readJSON(t, filepath.Join(out, "summary.json"))
			if got := [3]float64{num(s, "alterations", "shared"), num(s, "alterations", "tissue_only"), num(s, "alterations", "plasma_only")}; got != [3]float64{1, 2, 2} {
				t.Errorf("S/T/P = %v, want [1 2 2]", got)
			}
			if num(s, "ledger", "records_read") != 9 || num(s, "ledger", "records_used") != 8 {
				t.Errorf("ledger %v, want 9 read, 8 used", s["ledger"])
			}
			// The cohort's VCFs carry no consequence annotation: under the
			// default scope every row is kept and flagged scope_unknown
			// (issue 11).
			want := map[string]string{
				"E1 300":  "called below_threshold tissue_only 10/44 bam scope_unknown",
				"E1 600":  "called called shared 50/1000 . scope_unknown",
				"E1 1000": "called not_detected tissue_only 0/40 bam " + tc.low,
				"E1 1150": "called not_covered not_compared ./. . off_panel,scope_unknown",
				"E2 300":  "below_threshold called plasma_only 40/2000 . scope_unknown",
				"E2 1000": "not_detected called plasma_only 30/2000 . scope_unknown",
				"E3 300":  "called sample_failed not_compared ./. . scope_unknown",
			}
			rows := readTSV(t, filepath.Join(out, "alterations.tsv"))
			if len(rows) != len(want) {
				t.Fatalf("%d rows, want %d", len(rows), len(want))
			}
			for _, r := range rows {
				k := r["patient_id"] + " " + r["pos"]
				got := strings.Join([]string{r["tissue_status"], r["plasma_status"], r["category"], r["plasma_alt_reads"] + "/" + r["plasma_depth"], r["plasma_evidence"], r["flags"]}, " ")
				if got != want[k] {
					t.Errorf("%s: %q, want %q", k, got, want[k])
				}
			}
			for _, r := range rows {
				if r["patient_id"] == "E2" && r["pos"] == "300" && (r["tissue_evidence"] != "gvcf" || r["tissue_alt_reads"] != "4" || r["tissue_depth"] != "820") {
					t.Errorf("E2 tissue evidence: %s %s/%s", r["tissue_evidence"], r["tissue_alt_reads"], r["tissue_depth"])
				}
			}
			led, err := os.ReadFile(filepath.Join(out, "ledger.tsv"))
			if err != nil || !strings.Contains(string(led), "E3_P.vcf\tE3\tplasma\texcluded\tsample_failed\t.\t1\n") {
				t.Errorf("ledger lacks E3's failed plasma record:\n%s", led)
			}
		})
	}
}

func TestRunPanelFlagsAndErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.bed")
	os.WriteFile(bad, []byte("chr1\t100\t50\tEGFR\n"), 0o644)
	for _, tc := range []struct {
		name   string
		args   []string
		status int
		msg    string
	}{
		{"bad BED", []string{"--tissue-panel", bad}, exitInput, "bad.bed:1: universe: end 50 is before start 100"},
		{"missing BED", []string{"--plasma-panel", filepath.Join(dir, "none.bed")}, exitInput, "none.bed: no such file"},
		{"min alt reads 0", []string{"--min-alt-reads", "0"}, exitUsage, "--min-alt-reads must be at least 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"run", "--sheet", testCohort + "/samplesheet.tsv", "--out", filepath.Join(dir, "o"), "--quiet"}, tc.args...)
			status, _, stderr := concord(t, args...)
			if status != tc.status || !strings.Contains(stderr, tc.msg) {
				t.Errorf("status %d, stderr %q; want %d with %q", status, stderr, tc.status, tc.msg)
			}
		})
	}
	// A flag panel applies to every patient without a sheet panel: the
	// hand-made cohort's plasma panel cut to chr1 takes its chr2 calls out.
	chr1 := filepath.Join(dir, "chr1.bed")
	os.WriteFile(chr1, []byte("chr1\t0\t600\tEGFR\n"), 0o644)
	out := filepath.Join(dir, "res")
	if status, _, stderr := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--reference", testCohort+"/ref.fa", "--out", out, "--quiet", "--plasma-panel", chr1); status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	// testdata/cohort/README.md: shared 6, tissue-only 3, plasma-only 2 with
	// the reference; on chr2 lie P1's plasma-only chr2:100, P2's tissue-only
	// chr2:150, plasma-only chr2:300 and the shared MNV at chr2:250.
	s := readJSON(t, filepath.Join(out, "summary.json"))
	if got := [3]float64{num(s, "alterations", "shared"), num(s, "alterations", "tissue_only"), num(s, "alterations", "plasma_only")}; got != [3]float64{5, 2, 0} {
		t.Errorf("S/T/P = %v, want [5 2 0]", got)
	}
}

// Issue 11: the scope is stated in summary.json and the headline, never
// drops a record (the ledger is the same under every scope), and only the
// reportable scope has thresholds.
func TestScopeStated(t *testing.T) {
	var ledgers []string
	for _, sc := range []string{"all", "coding", "reportable"} {
		out := filepath.Join(t.TempDir(), "res")
		status, stdout, stderr := concord(t, "run", "--sheet", evidenceCohort+"/samplesheet.tsv", "--reference", evidenceCohort+"/ref.fa",
			"--out", out, "--figures=false", "--scope", sc, "--min-copy-number", "8")
		if status != 0 {
			t.Fatalf("--scope %s: status %d: %s", sc, status, stderr)
		}
		s := readJSON(t, filepath.Join(out, "summary.json"))
		scope, _ := s["scope"].(map[string]any)
		if scope["name"] != sc {
			t.Errorf("--scope %s: summary.json scope %v", sc, scope)
		}
		if (sc == "reportable") != (scope["min_copy_number"] != nil) || sc == "reportable" && scope["min_copy_number"] != 8.0 {
			t.Errorf("--scope %s: min_copy_number %v", sc, scope["min_copy_number"])
		}
		if !strings.Contains(stdout, "; scope "+sc) {
			t.Errorf("--scope %s: headline %q does not name the scope", sc, stdout)
		}
		led, err := os.ReadFile(filepath.Join(out, "ledger.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		ledgers = append(ledgers, string(led))
	}
	if ledgers[0] != ledgers[1] || ledgers[1] != ledgers[2] {
		t.Error("ledger.tsv differs between scopes: a scope must never drop a record")
	}
}
