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
	if len(pngs) != 11 {
		t.Errorf("%d figures, want 11", len(pngs))
	}
	if _, err := os.Stat(filepath.Join(out, "report.html")); err != nil {
		t.Error(err)
	}
}
