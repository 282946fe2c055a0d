package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// The bad-input catalogue (issue 10): every case runs the CLI on a copy of
// the test cohort next to the results of an earlier successful run, and
// asserts what a user must be able to rely on when concord refuses:
//
//   - the exit status the case names (1 input, 2 usage, ... see main.go);
//   - exactly one line on stderr, matching the case's pattern (which names
//     the file, and the line where there is one, and what was expected);
//   - no stack trace and no "internal error";
//   - nothing changed on disk: the cohort, the earlier results and every
//     other file under the test's root are byte-identical afterwards, and no
//     temporary folder is left (a snapshot of the whole tree before and
//     after is compared).
//
// Cases live in catalogue_*_test.go files, grouped by what they exercise;
// each file's test calls runCatalogue.

// badCase is one entry of the catalogue.
type badCase struct {
	name string
	// setup prepares the case inside a fresh root and returns the command
	// line (without "concord"). root holds cohort/ (a copy of
	// testdata/cohort) and res/ (the results of a successful run of that
	// cohort); setup may mutate anything under root.
	setup  func(t *testing.T, root string) []string
	status int    // the exit status wanted
	want   string // regexp the single stderr line must match
	// changes lists paths (relative to root) the command may create or
	// change although it fails, e.g. a FIFO's writer side; normally empty.
	changes []string
}

// cohortArgs is the usual run command line of a case: the cohort's sheet and
// reference, results into root/res.
func cohortArgs(root string, extra ...string) []string {
	args := []string{"run", "--sheet", filepath.Join(root, "cohort", "samplesheet.tsv"),
		"--reference", filepath.Join(root, "cohort", "ref.fa"), "--out", filepath.Join(root, "res"), "--quiet"}
	return append(args, extra...)
}

var (
	earlierOnce    sync.Once
	earlierResults map[string][]byte // relative path → bytes of a successful run's --out
	earlierErr     error
)

// earlier returns the results of one successful run of the test cohort,
// computed once per test binary (figures off: the catalogue is about
// refusals, and a results folder with figures is exercised elsewhere).
func earlier(t *testing.T) map[string][]byte {
	t.Helper()
	earlierOnce.Do(func() {
		dir, err := os.MkdirTemp("", "concord-catalogue-")
		if err != nil {
			earlierErr = err
			return
		}
		defer os.RemoveAll(dir)
		out := filepath.Join(dir, "res")
		status, _, stderr := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--reference", testCohort+"/ref.fa",
			"--out", out, "--quiet", "--figures=false", "--bootstrap", "0")
		if status != 0 {
			earlierErr = fmt.Errorf("earlier run: status %d: %s", status, stderr)
			return
		}
		earlierResults, earlierErr = readTree(out)
	})
	if earlierErr != nil {
		t.Fatal(earlierErr)
	}
	return earlierResults
}

// readTree reads every regular file under root; other kinds of files
// (FIFOs, devices, symlinks) are recorded by kind and target, never read.
func readTree(root string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		switch {
		case info.Mode().IsRegular():
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files[rel] = b
		case info.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(path)
			files[rel] = []byte("symlink → " + target)
		case info.IsDir():
			files[rel+"/"] = []byte(info.Mode().Perm().String())
		default:
			files[rel] = []byte("special " + info.Mode().String())
		}
		return nil
	})
	return files, err
}

// writeTree writes files (as read by readTree) under root.
func writeTree(t *testing.T, root string, files map[string][]byte) {
	t.Helper()
	for rel, b := range files {
		if strings.HasSuffix(rel, "/") {
			if err := os.MkdirAll(filepath.Join(root, rel), 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runCatalogue runs each case as a subtest.
func runCatalogue(t *testing.T, cases []badCase) {
	t.Helper()
	prev := earlier(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			writeTree(t, filepath.Join(root, "cohort"), mustReadTree(t, testCohort))
			writeTree(t, filepath.Join(root, "res"), prev)
			args := tc.setup(t, root)
			before := mustReadTree(t, root)
			status, _, stderr := concord(t, args...)
			if status != tc.status {
				t.Errorf("status %d, want %d; stderr: %q", status, tc.status, stderr)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
				t.Errorf("want exactly one line on stderr, got %q", clipForTest(stderr))
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") || strings.Contains(stderr, "internal error") {
				t.Errorf("a bug, not a refusal: %q", clipForTest(stderr))
			}
			if !regexp.MustCompile(tc.want).MatchString(stderr) {
				t.Errorf("error %q does not match %q", clipForTest(stderr), tc.want)
			}
			after := mustReadTree(t, root)
			allowed := map[string]bool{}
			for _, c := range tc.changes {
				allowed[c] = true
			}
			for p, b := range before {
				if a, ok := after[p]; !ok && !allowed[p] {
					t.Errorf("%s was removed", p)
				} else if ok && !bytes.Equal(a, b) && !allowed[p] {
					t.Errorf("%s was changed", p)
				}
			}
			for p := range after {
				if _, ok := before[p]; !ok && !allowed[p] {
					t.Errorf("%s was left behind", p)
				}
			}
		})
	}
}

func mustReadTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files, err := readTree(root)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// clipForTest keeps failure messages readable when a case echoes a lot.
func clipForTest(s string) string {
	if len(s) > 400 {
		return s[:400] + fmt.Sprintf("… (%d bytes)", len(s))
	}
	return s
}

// TestCatalogueExisting holds the refusals concord already made before the
// catalogue existed, so that every case meets the same bar.
func TestCatalogueExisting(t *testing.T) {
	runCatalogue(t, []badCase{
		{name: "missing call file", setup: func(t *testing.T, root string) []string {
			os.Remove(filepath.Join(root, "cohort", "P2_T.vcf"))
			return cohortArgs(root)
		}, status: exitInput, want: `P2_T\.vcf: no such file`},
		{name: "unknown flag", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--no-such-flag")
		}, status: exitUsage, want: `no-such-flag`},
		{name: "bootstrap negative", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--bootstrap", "-1")
		}, status: exitUsage, want: `--bootstrap`},
	})
}
