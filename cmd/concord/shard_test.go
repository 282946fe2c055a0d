package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/outdir"
)

// simulatedCohort writes a simulated cohort (a share with WBC samples, so
// that every per-patient field is exercised) and returns its sheet and
// reference.
func simulatedCohort(t *testing.T, dir string, patients string) (sheet, ref string) {
	t.Helper()
	if status, _, stderr := concord(t, "simulate", "--out", dir, "--patients", patients, "--seed", "17", "--wbc", "0.3"); status != 0 {
		t.Fatalf("simulate: %s", stderr)
	}
	return filepath.Join(dir, "samplesheet.tsv"), filepath.Join(dir, "reference", "genome.fa")
}

// results reads a results folder but its marker (which records the run).
func results(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := mustReadTree(t, dir)
	delete(files, outdir.MarkerName)
	delete(files, "./")
	return files
}

// commandOf is the command line a results folder records.
func commandOf(t *testing.T, dir string) string {
	t.Helper()
	var s struct {
		Provenance struct{ Command string } `json:"provenance"`
	}
	b, err := os.ReadFile(filepath.Join(dir, schema.SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s); err != nil || s.Provenance.Command == "" {
		t.Fatalf("no command in %s: %v", dir, err)
	}
	return s.Provenance.Command
}

// sameResults requires two results folders to hold the same files, byte
// for byte, once got's recorded command line reads as want's (the only
// difference issue 15 allows).
func sameResults(t *testing.T, want, got string) {
	t.Helper()
	w, g := results(t, want), results(t, got)
	wc, gc := commandOf(t, want), commandOf(t, got)
	if len(w) < 20 {
		t.Fatalf("%s holds only %d files", want, len(w))
	}
	for name, b := range w {
		gb, ok := g[name]
		if !ok {
			t.Errorf("%s: missing", name)
			continue
		}
		if gb = bytes.ReplaceAll(gb, []byte(gc), []byte(wc)); !bytes.Equal(b, gb) {
			t.Errorf("%s differs: %s", name, firstDifference(b, gb))
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: not in one run's results", name)
		}
	}
}

// TestShardMergeEqualsOneRun is issue 15's test: run --shard k/4 four times
// and merge (the shards named in two orders) gives one run's results, byte
// for byte, every file (tables, summary.json, partial form, figures,
// report), the recorded command line aside.
func TestShardMergeEqualsOneRun(t *testing.T) {
	dir := t.TempDir()
	sheet, ref := simulatedCohort(t, filepath.Join(dir, "cohort"), "120")
	// a --cancer-groups table, which the partials carry: merge reads it
	// from them, not again from disk (it is gone by then)
	groups := filepath.Join(dir, "groups.tsv")
	if err := os.WriteFile(groups, []byte("cancer_type\tgroup\nCOADREAD\tdigestive\nLUAD\tthoracic\nNSCLC\tthoracic\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(out string, extra ...string) string {
		args := append([]string{"run", "--sheet", sheet, "--reference", ref, "--out", out, "--quiet", "--bootstrap", "50", "--cancer-groups", groups}, extra...)
		if status, _, stderr := concord(t, args...); status != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
		return out
	}
	single := run(filepath.Join(dir, "single"))
	if b, _ := os.ReadFile(filepath.Join(single, schema.StrataFile)); !bytes.Contains(b, []byte("\tdigestive\t")) {
		t.Fatal("the cancer groups were not applied: no digestive level in strata.tsv")
	}
	var shards []string
	for _, k := range []string{"1/4", "2/4", "3/4", "4/4"} {
		out := run(filepath.Join(dir, "shard"+k[:1]), "--shard", k)
		// a shard's folder holds its partial results only
		if got := slices.Sorted(func(yield func(string) bool) {
			for n := range results(t, out) {
				yield(n)
			}
		}); !slices.Equal(got, []string{schema.PartialFile}) {
			t.Fatalf("shard %s wrote %v", k, got)
		}
		shards = append(shards, out)
	}
	os.Remove(groups)
	// a partial written before --seed became --bootstrap-seed records
	// "seed": it merges with the others, which record the new name
	beforeRename(t, filepath.Join(shards[1], schema.PartialFile))
	for i, order := range [][]string{{shards[2], shards[0], shards[3], shards[1]}, {shards[3], shards[2], shards[1], filepath.Join(shards[0], schema.PartialFile)}} {
		merged := filepath.Join(dir, "merged"+string(rune('a'+i)))
		args := append(append([]string{"merge"}, order...), "--out", merged, "--quiet", "--threads", "1")
		if status, _, stderr := concord(t, args...); status != 0 {
			t.Fatalf("merge: %s", stderr)
		}
		sameResults(t, single, merged)
	}
}

// TestMergeCBioPortalRun: merging a cBioPortal run's partial gives the
// run's results, pairs.tsv (the study's pairing, which the partial
// carries) included.
func TestMergeCBioPortalRun(t *testing.T) {
	dir := t.TempDir()
	single := filepath.Join(dir, "single")
	if status, _, stderr := concord(t, "run", "--cbioportal", cbioStudy, "--out", single, "--quiet", "--bootstrap", "20"); status != 0 {
		t.Fatalf("run: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(single, schema.PairsFile)); err != nil {
		t.Fatalf("the run wrote no pairs.tsv: %v", err)
	}
	merged := filepath.Join(dir, "merged")
	if status, _, stderr := concord(t, "merge", single, "--out", merged, "--quiet"); status != 0 {
		t.Fatalf("merge: %s", stderr)
	}
	sameResults(t, single, merged)
}

// beforeRename rewrites a partial file's header as concord wrote it before
// run's --seed was renamed --bootstrap-seed.
func beforeRename(t *testing.T, path string) {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(mustRead(path)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	header, rest, _ := bytes.Cut(b, []byte("\n"))
	old := bytes.Replace(header, []byte(`"bootstrap-seed":`), []byte(`"seed":`), 1)
	if bytes.Equal(old, header) {
		t.Fatalf("%s: no bootstrap-seed in the header %s", path, header)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(append(append(old, '\n'), rest...))
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAddToEqualsOneRun: a run of the first 50 patients extended with
// --add-to by the other 30 gives one run of all 80 (tables, figures and
// the partial form's patients byte for byte; summary.json's provenance
// names both sheets), and reads no file of the first 50: they are
// deleted before the second run.
func TestAddToEqualsOneRun(t *testing.T) {
	dir := t.TempDir()
	sheet, ref := simulatedCohort(t, filepath.Join(dir, "cohort"), "80")
	b, err := os.ReadFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	head, rows := lines[:2], lines[2:] // the synthetic marker and the header
	if !strings.HasPrefix(head[1], "patient_id\t") || len(rows) < 80 {
		t.Fatalf("unexpected sheet layout: %q", head)
	}
	first, second := filepath.Join(dir, "cohort", "first.tsv"), filepath.Join(dir, "cohort", "second.tsv")
	os.WriteFile(first, []byte(strings.Join(append(slices.Clone(head), rows[:50]...), "")), 0o644)
	os.WriteFile(second, []byte(strings.Join(append(slices.Clone(head), rows[50:]...), "")), 0o644)
	run := func(sheet, out string, extra ...string) string {
		args := append([]string{"run", "--sheet", sheet, "--reference", ref, "--out", out, "--quiet", "--bootstrap", "50"}, extra...)
		if status, _, stderr := concord(t, args...); status != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
		return out
	}
	single := run(sheet, filepath.Join(dir, "single"))
	old := run(first, filepath.Join(dir, "first"))
	for _, row := range rows[:50] {
		id, _, _ := strings.Cut(row, "\t")
		if err := os.RemoveAll(filepath.Join(dir, "cohort", "calls", id)); err != nil {
			t.Fatal(err)
		}
	}
	both := run(second, filepath.Join(dir, "both"), "--add-to", old)
	w, g := results(t, single), results(t, both)
	for name, wb := range w {
		switch {
		case name == schema.SummaryFile:
			// equal but for the provenance: the command, the sheet
			// parameter and the two sheets' entries
			ws, gs := readJSON(t, filepath.Join(single, name)), readJSON(t, filepath.Join(both, name))
			wp, gp := ws["provenance"].(map[string]any), gs["provenance"].(map[string]any)
			delete(ws, "provenance")
			delete(gs, "provenance")
			if x, y := mustJSON(t, ws), mustJSON(t, gs); x != y {
				t.Errorf("summary.json differs beyond provenance: %s", firstDifference([]byte(x), []byte(y)))
			}
			if n, m := wp["input_files"].(float64), gp["input_files"].(float64); m != n+1 || n < 100 {
				t.Errorf("provenance counts %v inputs, want %v (the two sheets for one)", m, n+1)
			}
		case name == schema.ProvenanceFile:
			// the two sheets for one
			if n, m := bytes.Count(wb, []byte("\n")), bytes.Count(g[name], []byte("\n")); m != n+1 || !bytes.Contains(g[name], []byte("first.tsv\t")) || !bytes.Contains(g[name], []byte("second.tsv\t")) {
				t.Errorf("provenance.tsv has %d lines, want %d naming both sheets", m, n+1)
			}
		case name == schema.ReadmeFile || name == schema.ReportFile || name == schema.PartialFile:
			// they quote the provenance (checked above and by merge)
		default:
			if !bytes.Equal(wb, g[name]) {
				t.Errorf("%s differs: %s", name, firstDifference(wb, g[name]))
			}
		}
	}
	if len(g) != len(w) {
		t.Errorf("%d files, one run wrote %d", len(g), len(w))
	}
	// The report differs only where it quotes the provenance: the command,
	// the count of inputs, the sheet parameter and the sheets.
	re := regexp.MustCompile(`(?s)<dt>Command</dt>.*?</dl>|<dt>sheet</dt><dd>[^<]*</dd>|<tr><td>[^<]*</td><td>sample_sheet</td>.*?</tr>\n?`)
	wr, gr := re.ReplaceAll(w[schema.ReportFile], nil), re.ReplaceAll(g[schema.ReportFile], nil)
	if len(wr) > len(w[schema.ReportFile])-100 || len(wr) < len(w[schema.ReportFile])/2 {
		t.Errorf("the provenance pattern took %d of %d bytes", len(w[schema.ReportFile])-len(wr), len(w[schema.ReportFile]))
	}
	if !bytes.Equal(wr, gr) {
		t.Errorf("report.html differs beyond provenance: %s", firstDifference(wr, gr))
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCompress: --compress writes alterations.tsv.gz, which inflates to
// the alterations.tsv of the same run without it, and from which the
// figures are drawn the same.
func TestCompress(t *testing.T) {
	dir := t.TempDir()
	run := func(out string, extra ...string) map[string][]byte {
		args := append([]string{"run", "--sheet", testCohort + "/samplesheet.tsv", "--reference", testCohort + "/ref.fa", "--out", out, "--quiet", "--bootstrap", "20"}, extra...)
		if status, _, stderr := concord(t, args...); status != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
		return results(t, out)
	}
	plain, packed := run(filepath.Join(dir, "plain")), run(filepath.Join(dir, "packed"), "--compress")
	if _, ok := packed[schema.AlterationsFile]; ok {
		t.Fatal("alterations.tsv written with --compress")
	}
	zr, err := gzip.NewReader(bytes.NewReader(packed[schema.AlterationsFile+schema.Gzip]))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, plain[schema.AlterationsFile]) || len(got) == 0 {
		t.Fatalf("alterations.tsv.gz does not inflate to alterations.tsv (%v)", err)
	}
	figures := 0
	for name, b := range plain {
		if strings.HasPrefix(name, schema.FiguresDir+"/fig") {
			figures++
			if !bytes.Equal(b, packed[name]) {
				t.Errorf("%s differs when drawn from alterations.tsv.gz", name)
			}
		}
	}
	if figures < 12 { // the alteration-level figures among them (plots.Figures)
		t.Errorf("only %d figure files drawn", figures)
	}
}
