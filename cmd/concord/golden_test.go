package main

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance/schema"
)

var regen = flag.Bool("regen", false, "rewrite the golden outputs of testdata/golden from the current code")

const goldenDir = "../../testdata/golden"

// goldenRuns are the runs whose every table, summary.json and README.md are
// kept in testdata/golden/<name>: the hand-made cohort with and without a
// reference, the evidence cohort (BAM and genome VCF evidence, panels, a
// failed sample) and a cBioPortal study.
var goldenRuns = []struct {
	name string
	args []string
}{
	{"cohort", []string{"--sheet", testCohort + "/samplesheet.tsv", "--reference", testCohort + "/ref.fa"}},
	{"cohort-trim-only", []string{"--sheet", testCohort + "/samplesheet.tsv", "--max-tier", "exact", "--bootstrap", "200", "--bootstrap-seed", "7"}},
	{"evidence", []string{"--sheet", "../../testdata/evidence/samplesheet.tsv", "--reference", "../../testdata/evidence/ref.fa", "--exclude", "ch,germline"}},
	{"cbioportal", []string{"--cbioportal", "../../concordance/input/cbioportal/testdata/study", "--min-group-patients", "1"}},
}

// goldenFiles are the files compared: every table of the output contract,
// summary.json and README.md.
func goldenFiles() []string {
	var out []string
	for _, t := range schema.Tables {
		out = append(out, t.File)
	}
	return append(out, schema.SummaryFile, schema.ReadmeFile)
}

// TestGoldenRuns compares the outputs of fixed runs byte for byte with
// testdata/golden, so that a change that moves any output (a number, a
// column, an order, a spelling) fails here and is seen in the diff of the
// regenerated files (go test ./cmd/concord -run TestGoldenRuns -regen).
// The results folder's own path, which the recorded command names, is
// written OUT.
func TestGoldenRuns(t *testing.T) {
	for _, run := range goldenRuns {
		t.Run(run.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "results")
			args := append(append([]string{"run"}, run.args...), "--out", out, "--quiet", "--figures=false")
			if status, _, stderr := concord(t, args...); status != 0 {
				t.Fatalf("status %d: %s", status, stderr)
			}
			dir := filepath.Join(goldenDir, run.name)
			if *regen {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			written := map[string]bool{}
			for _, name := range goldenFiles() {
				got, err := os.ReadFile(filepath.Join(out, name))
				if name == schema.PairsFile && errors.Is(err, fs.ErrNotExist) {
					continue // a cBioPortal run's only
				}
				if err != nil {
					t.Fatal(err)
				}
				written[name] = true
				got = bytes.ReplaceAll(got, []byte(out), []byte("OUT"))
				path := filepath.Join(dir, name)
				if *regen {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (regenerate with -regen)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s:\n%s", name, path, firstDifference(want, got))
				}
			}
			// Nothing else is kept: a stale golden file would test nothing.
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var extra []string
			for _, e := range entries {
				if !written[e.Name()] {
					extra = append(extra, e.Name())
				}
			}
			if len(extra) > 0 {
				sort.Strings(extra)
				t.Errorf("%s holds files no run writes: %s", dir, strings.Join(extra, ", "))
			}
		})
	}
}

// firstDifference shows the first line that differs.
func firstDifference(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n  want " + a + "\n  got  " + b
		}
	}
	return "same lines, different bytes"
}
