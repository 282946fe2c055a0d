package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance/simulate"
)

// TestSheetEndToEnd (issue 17 §1): a cohort simulated in the pipelines'
// folder layout, its sheet built by concord sheet, and a run of that sheet
// recover the truth exactly, and count what a run of the same cohort in
// concord's layout counts, byte for byte (the tables that name no file).
func TestSheetEndToEnd(t *testing.T) {
	dir := t.TempDir()
	lay, std := filepath.Join(dir, "lay"), filepath.Join(dir, "std")
	for _, c := range [][]string{
		{"simulate", "--out", lay, "--patients", "300", "--seed", "7", "--layout", "tso500"},
		{"simulate", "--out", std, "--patients", "300", "--seed", "7"},
	} {
		if status, _, stderr := concord(t, c...); status != 0 {
			t.Fatal(stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(lay, simulate.FileSampleSheet)); err == nil {
		t.Fatal("the tso500 layout came with a sheet")
	}
	sheet := filepath.Join(lay, simulate.FileSampleSheet)
	status, stdout, stderr := concord(t, "sheet", "--tissue", filepath.Join(lay, simulate.DirTissue), "--plasma", filepath.Join(lay, simulate.DirPlasma),
		"--pattern", `^(P[0-9]+)_`, "--clinical", filepath.Join(lay, simulate.FileClinical), "--out", sheet)
	if status != 0 || stderr != "" || !strings.Contains(stdout, "300 tissue and 300 plasma samples found, 300 patients paired") {
		t.Fatalf("status %d\nstdout %s\nstderr %s", status, stdout, stderr)
	}
	b, err := os.ReadFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\ttissue/Results/P0001_T/P0001_T_MergedSmallVariants.vcf;") {
		t.Errorf("the sheet does not name files relative to itself:\n%.600s", b)
	}
	for _, c := range []struct{ cohort, sheet string }{{lay, sheet}, {std, filepath.Join(std, simulate.FileSampleSheet)}} {
		if status, _, stderr := concord(t, "run", "--sheet", c.sheet, "--reference", filepath.Join(c.cohort, simulate.FileReference),
			"--out", c.cohort+"-res", "--quiet", "--figures=false", "--bootstrap", "20"); status != 0 {
			t.Fatal(stderr)
		}
	}
	checkTruth(t, lay, lay+"-res")
	for _, f := range []string{"patients.tsv", "strata.tsv", "patient_strata.tsv", "models.tsv", "reasons.tsv", "power.tsv", "blood_alone.tsv"} {
		a, _ := os.ReadFile(filepath.Join(lay+"-res", f))
		b, _ := os.ReadFile(filepath.Join(std+"-res", f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between the layouts (%d and %d bytes)", f, len(a), len(b))
		}
	}
}

// TestSheetRefusals: concord sheet's command-line refusals, each one line,
// nothing written.
func TestSheetRefusals(t *testing.T) {
	dir := t.TempDir()
	tissue, plasma := filepath.Join(dir, "t"), filepath.Join(dir, "p")
	for _, f := range []string{filepath.Join(tissue, "A1_T.hard-filtered.vcf.gz"), filepath.Join(plasma, "A1_P.hard-filtered.vcf.gz"), filepath.Join(plasma, "A2_P.hard-filtered.vcf.gz")} {
		os.MkdirAll(filepath.Dir(f), 0o755)
		os.WriteFile(f, nil, 0o644)
	}
	existing := filepath.Join(dir, "existing.tsv")
	os.WriteFile(existing, []byte("mine\n"), 0o644)
	out := filepath.Join(dir, "sheet.tsv")
	base := []string{"sheet", "--tissue", tissue, "--plasma", plasma}
	for _, c := range []struct {
		name   string
		args   []string
		status int
		want   string
	}{
		{"no pairing", append(base, "--out", out), exitUsage, "give --pairs or --pattern"},
		{"both pairings", append(base, "--out", out, "--pattern", "x", "--pairs", existing), exitUsage, "give --pairs or --pattern"},
		{"bad pattern", append(base, "--out", out, "--pattern", "(P"), exitUsage, "--pattern: error parsing regexp"},
		{"no plasma", []string{"sheet", "--tissue", tissue, "--pattern", "x", "--out", out}, exitUsage, "give --tissue and --plasma"},
		{"out exists", append(base, "--out", existing, "--pattern", "^(A[0-9])"), exitOutput, "exists; concord sheet replaces it only with --force"},
		{"out is the clinical table", append(base, "--out", existing, "--force", "--pattern", "^(A[0-9])", "--clinical", existing), exitOutput, "is an input"},
		{"strict", append(base, "--out", out, "--pattern", "^(A[0-9])", "--strict"), exitInput, "1 problems .*--strict: nothing written"},
		{"folder missing", append(base[:2], filepath.Join(dir, "nope"), "--plasma", plasma, "--out", out, "--pattern", "x"), exitInput, "nope: not a folder"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, _, stderr := concord(t, c.args...)
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			if status != c.status || !matches(lines[len(lines)-1], c.want) {
				t.Errorf("status %d, stderr %q; want %d and %q", status, stderr, c.status, c.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a sheet was written")
			}
			if b, _ := os.ReadFile(existing); string(b) != "mine\n" {
				t.Error("the existing file was changed")
			}
		})
	}
	// without --strict the unpaired sample is listed and the rest written
	status, _, stderr := concord(t, append(base, "--out", out, "--pattern", "^(A[0-9])")...)
	if status != 0 || stderr != "concord: sheet: unpaired: plasma sample \"A2_P\" (patient \"A2\"): no tissue sample\n" {
		t.Errorf("status %d, stderr %q", status, stderr)
	}
	if b, _ := os.ReadFile(out); !strings.Contains(string(b), "\nA1\tA1_T\tA1_P\t") || strings.Contains(string(b), "A2") {
		t.Errorf("sheet:\n%s", b)
	}
}

func matches(s, pattern string) bool { return regexp.MustCompile(pattern).MatchString(s) }
