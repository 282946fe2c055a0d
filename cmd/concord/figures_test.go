package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const resultsFixture = "../../testdata/results"

// copyResults copies the fixed results folder (its tables only).
func copyResults(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"alterations.tsv", "patients.tsv", "strata.tsv", "patient_strata.tsv", "models.tsv", "ledger.tsv", "summary.json",
		"reasons.tsv", "power.tsv", "blood_alone.tsv"} {
		b, err := os.ReadFile(filepath.Join(resultsFixture, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var figureNames = []string{"fig1_cancer_type", "fig2_stage", "fig3_class_tf", "fig4_vaf_scatter", "fig5_forest_ppa",
	"fig6_oncoprint", "fig7_detection_vaf", "fig8_upset", "fig9_genes", "fig10_reasons", "fig11_blood_alone", "fig12_detection_tf"}

func TestFiguresCommand(t *testing.T) {
	dir := copyResults(t)
	args := []string{"figures", "--results", dir, "--format", "png,svg", "--width", "12cm", "--dpi", "72"}
	status, stdout, stderr := concord(t, args...)
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if !strings.Contains(stdout, "12 of 12 figures drawn") {
		t.Errorf("stdout %q", stdout)
	}
	first := map[string][]byte{}
	for _, n := range figureNames {
		for _, ext := range []string{"png", "svg"} {
			b, err := os.ReadFile(filepath.Join(dir, "figures", n+"."+ext))
			if err != nil {
				t.Fatal(err)
			}
			first[n+"."+ext] = b
		}
		if _, err := os.Stat(filepath.Join(dir, "figures", n+".pdf")); err == nil {
			t.Errorf("%s.pdf written without --format pdf", n)
		}
	}
	// 12 cm wide SVG: 12/2.54*72 = 340.157 pt
	if !bytes.Contains(first["fig2_stage.svg"], []byte(`width="340.1`)) {
		t.Errorf("--width 12cm not applied: %.120s", first["fig2_stage.svg"])
	}
	// the same tables, the same bytes
	if status, _, stderr := concord(t, args...); status != 0 {
		t.Fatal(stderr)
	}
	for name, b := range first {
		again, _ := os.ReadFile(filepath.Join(dir, "figures", name))
		if !bytes.Equal(b, again) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "report.html")); err == nil {
		t.Error("report.html written without --report")
	}
	if status, _, stderr := concord(t, "figures", "--results", dir, "--format", "svg", "--report"); status != 0 {
		t.Fatal(stderr)
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(html, []byte(`<svg role="img" class="figure"`)); n != len(figureNames) {
		t.Errorf("report.html has %d inline figures, want %d", n, len(figureNames))
	}
}

func TestFiguresCommandErrors(t *testing.T) {
	dir := copyResults(t)
	tests := []struct {
		name   string
		args   []string
		status int
		want   string
	}{
		{"no results", []string{"figures"}, exitUsage, "--results is required"},
		{"bad format", []string{"figures", "--results", dir, "--format", "png,jpeg"}, exitUsage, `unknown format "jpeg"`},
		{"bad width", []string{"figures", "--results", dir, "--width", "wide"}, exitUsage, "--width"},
		{"bad dpi", []string{"figures", "--results", dir, "--dpi", "5"}, exitUsage, "--dpi 5"},
		{"bad preset", []string{"figures", "--results", dir, "--preset", "billboard"}, exitUsage, `--preset: plots: unknown preset "billboard" (journal, poster, slide)`},
		{"bad preset on run", []string{"run", "--sheet", testCohort + "/samplesheet.tsv", "--preset", "a4"}, exitUsage, `unknown preset "a4"`},
		{"absent folder", []string{"figures", "--results", filepath.Join(dir, "nope")}, exitInput, "nope"},
		{"empty folder", []string{"figures", "--results", t.TempDir()}, exitInput, "no result tables"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, _, stderr := concord(t, tc.args...)
			if status != tc.status || !strings.Contains(stderr, tc.want) {
				t.Errorf("status %d, stderr %q; want %d and %q", status, stderr, tc.status, tc.want)
			}
		})
	}
	// a malformed table names file and line
	bad := copyResults(t)
	b, _ := os.ReadFile(filepath.Join(bad, "strata.tsv"))
	lines := strings.SplitN(string(b), "\n", 3)
	lines[1] = strings.Replace(lines[1], "\t87\t", "\t8x7\t", 1)
	os.WriteFile(filepath.Join(bad, "strata.tsv"), []byte(strings.Join(lines, "\n")), 0o644)
	status, _, stderr := concord(t, "figures", "--results", bad)
	if status != exitInput || !strings.Contains(stderr, "strata.tsv:2:") {
		t.Errorf("status %d, stderr %q", status, stderr)
	}
}

// --preset sizes every figure for its medium: the preset's width (its
// narrow one for a figure that reads in one column), and its resolution
// unless --dpi says otherwise.
func TestFiguresPreset(t *testing.T) {
	dir := copyResults(t)
	if status, _, stderr := concord(t, "figures", "--results", dir, "--preset", "journal", "--format", "svg,png"); status != 0 {
		t.Fatal(stderr)
	}
	// journal: 18 cm = 510.24 pt, 8.8 cm = 249.45 pt (fig2 is narrow)
	for name, width := range map[string]string{"fig1_cancer_type": "510.24pt", "fig2_stage": "249.45pt"} {
		b, err := os.ReadFile(filepath.Join(dir, "figures", name+".svg"))
		if err != nil || !bytes.Contains(b, []byte(`<svg width="`+width+`"`)) {
			t.Errorf("%s.svg not %s wide: %.100s (%v)", name, width, b, err)
		}
	}
	// 8.8 cm at the preset's 600 dpi: 2078.7 px
	png, _ := os.ReadFile(filepath.Join(dir, "figures", "fig2_stage.png"))
	if w := int(png[16])<<24 | int(png[17])<<16 | int(png[18])<<8 | int(png[19]); w < 2078 || w > 2079 {
		t.Errorf("fig2_stage.png %d px wide, want 2079 (8.8 cm at 600 dpi)", w)
	}
	if status, _, stderr := concord(t, "figures", "--results", dir, "--preset", "journal", "--dpi", "100", "--format", "png"); status != 0 {
		t.Fatal(stderr)
	}
	png, _ = os.ReadFile(filepath.Join(dir, "figures", "fig2_stage.png"))
	if w := int(png[16])<<24 | int(png[17])<<16 | int(png[18])<<8 | int(png[19]); w < 346 || w > 347 {
		t.Errorf("fig2_stage.png %d px wide, want 347 (8.8 cm at 100 dpi)", w)
	}
	// run draws its figures at a preset too (slide: 30 cm = 850.39 pt), and
	// does not record it among the parameters that can change results
	out := filepath.Join(t.TempDir(), "res")
	if status, _, stderr := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--out", out, "--quiet", "--bootstrap", "0", "--preset", "slide"); status != 0 {
		t.Fatal(stderr)
	}
	if b, err := os.ReadFile(filepath.Join(out, "figures", "fig1_cancer_type.svg")); err != nil || !bytes.Contains(b, []byte(`<svg width="850.39pt"`)) {
		t.Errorf("run --preset slide: fig1 %.100s (%v)", b, err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "summary.json")); bytes.Contains(b, []byte(`"preset"`)) {
		t.Error("summary.json records --preset")
	}
}

// TestRunWritesFiguresAndReport: run draws figures/ and report.html from
// the tables it wrote.
func TestRunWritesFiguresAndReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "res")
	status, _, stderr := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--reference", testCohort+"/ref.fa", "--out", out, "--quiet")
	if status != 0 {
		t.Fatal(stderr)
	}
	// figures drawn from alterations.tsv alone are always there
	for _, n := range []string{"fig4_vaf_scatter", "fig6_oncoprint", "fig7_detection_vaf", "fig8_upset"} {
		for _, ext := range []string{"png", "svg", "pdf"} {
			if st, err := os.Stat(filepath.Join(out, "figures", n+"."+ext)); err != nil || st.Size() == 0 {
				t.Errorf("%s.%s: %v", n, ext, err)
			}
		}
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	// every figure is in the report: drawn, or said why not
	for _, n := range figureNames {
		if !bytes.Contains(html, []byte(`id="fig-`+n+`"`)) {
			t.Errorf("report.html lacks figure %s", n)
		}
	}
	if !bytes.Contains(html, []byte("S/(S&#43;T) = 6/9")) { // testdata/cohort: 6 shared, 3 tissue-only
		t.Error("report.html lacks the PPA with its denominator")
	}
}
