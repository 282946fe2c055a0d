package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/internal/cmdline"
	"github.com/concord-oncology/concord/internal/outdir"
	"github.com/concord-oncology/concord/internal/process"
)

// TestOutFolderSpecsCoverWhatIsWritten: the names outfolders.go accepts as
// concord's are all that run, figures and simulate write, so a concord
// folder is always replaceable by the next run, and a new output file
// cannot be added without saying so there.
func TestOutFolderSpecsCoverWhatIsWritten(t *testing.T) {
	dir := t.TempDir()
	res, figs, cohort := filepath.Join(dir, "res"), filepath.Join(dir, "figs"), filepath.Join(dir, "cohort")
	for _, args := range [][]string{
		{"run", "--sheet", testCohort + "/samplesheet.tsv", "--reference", testCohort + "/ref.fa", "--out", res, "--quiet", "--bootstrap", "0"},
		{"figures", "--results", res, "--format", "svg", "--dpi", "72", "--report"}, // figures/ replaced in place
		{"figures", "--results", res, "--out", figs, "--dpi", "72"},
		{"simulate", "--out", cohort, "--patients", "3"},
	} {
		if status, _, stderr := concord(t, args...); status != 0 {
			t.Fatalf("%v: status %d: %s", args, status, stderr)
		}
	}
	for _, tc := range []struct {
		dir  string
		spec outdir.Spec
		must []string // entries the folder must hold, so that the check is not empty
	}{
		{res, resultsSpec, []string{"alterations.tsv", "README.md", "report.html", "figures/fig1_cancer_type.svg", "figures/.concord"}},
		{figs, figuresSpec, []string{"fig1_cancer_type.png", "fig1_cancer_type.svg", "fig1_cancer_type.pdf"}},
		{cohort, cohortSpec, []string{"samplesheet.tsv", "reference/genome.fa.fai", "calls/P0001/P0001_T.vcf.gz", "truth.tsv"}},
	} {
		for _, m := range tc.must {
			if _, err := os.Stat(filepath.Join(tc.dir, m)); err != nil {
				t.Errorf("%s: %v", tc.spec.Kind, err)
			}
		}
		foreign, err := outdir.Foreign(tc.dir, tc.spec.Known)
		if err != nil || len(foreign) > 0 {
			t.Errorf("%s: concord wrote entries its spec does not know: %v %v", tc.spec.Kind, foreign, err)
		}
		if m, err := outdir.ReadMarker(tc.dir); err != nil || m.Kind != tc.spec.Kind || m.Version != Version {
			t.Errorf("%s: marker %+v, %v", tc.spec.Kind, m, err)
		}
	}
	// Without its marker (written before markers existed) a results folder
	// is still concord's: every entry is one concord writes.
	os.Remove(filepath.Join(res, outdir.MarkerName))
	os.Remove(filepath.Join(res, "figures", outdir.MarkerName))
	if status, _, stderr := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--out", res, "--quiet", "--figures=false"); status != 0 {
		t.Errorf("a legacy results folder was not replaced: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(res, "figures")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the previous figures/ survived the replacement: %v", err)
	}
}

// runInputsOf parses a run command line as runRun does and returns the
// inputs the --out check compares with (the analysis stops once the cohort
// is read).
func runInputsOf(t *testing.T, args ...string) []outdir.Input {
	t.Helper()
	f := newRunFlags("concord-results")
	e := &env{stderr: new(bytes.Buffer), args: append([]string{"concord", "run"}, args...)}
	fs := newFlags("run", e)
	f.register(fs, true)
	if err := parse(fs, args); err != nil {
		t.Fatal(err)
	}
	if err := cmdline.ApplyConfig(fs, f.config, pathFlags...); err != nil {
		t.Fatal(err)
	}
	if err := f.options(fs, e); err != nil {
		t.Fatal(err)
	}
	var in []outdir.Input
	stop := errors.New("stop after the cohort")
	f.opt.Opened = func(co *analysis.Opened) error {
		in = runInputs(f, co)
		return stop
	}
	if _, err := analysis.Patients(context.Background(), f.opt); err != stop {
		t.Fatal(err)
	}
	return in
}

// TestOutInputsCoverProvenance: every input provenance.tsv records is
// among the paths --out is checked against, so the two lists cannot drift
// apart. The evidence cohort names BAMs, genome VCFs and panels in its
// sheet; the flags add a reference, a panel, an actionability table, a
// cancer groups file and a config file; a cBioPortal study is the other
// kind of cohort.
func TestOutInputsCoverProvenance(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "conf", "c.json")
	put(t, dir, map[string]string{"conf/c.json": `{"max-tier": "exact"}`, "conf/groups.tsv": "cancer_type\tgroup\nLUAD\tNSCLC\n"})
	for _, args := range [][]string{
		{"--sheet", evidenceCohort + "/samplesheet.tsv", "--reference", evidenceCohort + "/ref.fa", "--tissue-panel", evidencePane,
			"--actionable", defaultTable, "--config", cfg, "--cancer-groups", filepath.Join(dir, "conf", "groups.tsv")},
		{"--cbioportal", cbioStudy},
	} {
		out := filepath.Join(dir, "res")
		all := append(append([]string{"run"}, args...), "--out", out, "--quiet", "--figures=false", "--bootstrap", "0")
		if status, _, stderr := concord(t, all...); status != 0 {
			t.Fatalf("status %d: %s", status, stderr)
		}
		var checked, folders []string
		for _, in := range runInputsOf(t, args...) {
			abs, err := filepath.Abs(in.Path)
			if err != nil {
				t.Fatal(err)
			}
			checked = append(checked, filepath.ToSlash(abs))
			if in.Dir && !in.AllowInside { // read as a whole (a study), not the sheet's folder
				folders = append(folders, abs)
			}
		}
		b, err := os.ReadFile(filepath.Join(out, "provenance.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		prov := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")[1:]
		if len(prov) < 3 {
			t.Fatalf("only %d inputs in provenance", len(prov))
		}
		for _, p := range prov {
			path, _, _ := strings.Cut(p, "\t")
			abs, _ := filepath.Abs(path) // a flag's path is recorded as given
			found := false
			for _, c := range checked {
				found = found || c == filepath.ToSlash(abs) || strings.HasSuffix(c, "/"+path)
			}
			for _, f := range folders { // a study's files, relative to it
				_, err := os.Stat(filepath.Join(f, path))
				found = found || err == nil
			}
			if !found {
				t.Errorf("provenance records %s, which --out is not checked against", path)
			}
		}
		os.RemoveAll(out)
	}
}

// TestRunReplacesWhatItWrote: what concord may replace, it does: its own
// results (a run's leftovers cleaned on the way), results inside the sheet's
// folder (the usual place), and with --force a user's folder.
func TestRunReplacesWhatItWrote(t *testing.T) {
	root := t.TempDir()
	copyInto(t, testCohort, filepath.Join(root, "cohort"))
	sheet := filepath.Join(root, "cohort", "samplesheet.tsv")
	run := func(out string, extra ...string) {
		t.Helper()
		args := append([]string{"run", "--sheet", sheet, "--out", out, "--quiet", "--figures=false", "--bootstrap", "0"}, extra...)
		if status, _, stderr := concord(t, args...); status != 0 {
			t.Fatalf("%v: status %d: %s", args, status, stderr)
		}
	}
	// inside the sheet's folder, twice
	inside := filepath.Join(root, "cohort", "results")
	run(inside)
	first, _ := outdir.ReadMarker(inside)
	// a killed run's temporary folder next to it: removed by the next run
	host, _ := os.Hostname()
	leftover := filepath.Join(root, "cohort", ".results.tmp-00000000000000aa")
	put(t, leftover, map[string]string{"alterations.tsv": "half",
		outdir.MarkerName: fmt.Sprintf(`{"tool": "concord", "kind": "results", "run_id": "00000000000000aa", "pid": %d, "host": %q}`, deadPID(t), host)})
	run(inside)
	second, err := outdir.ReadMarker(inside)
	if err != nil || first == nil || second.RunID == first.RunID {
		t.Errorf("the second run did not replace the first: %+v %+v %v", first, second, err)
	}
	entries, _ := os.ReadDir(filepath.Join(root, "cohort"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("%s left next to the results", e.Name())
		}
	}
	// a user's folder, forced
	user := filepath.Join(root, "mine")
	put(t, user, map[string]string{"notes.txt": "x"})
	run(user, "--force")
	if _, err := os.Stat(filepath.Join(user, "notes.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("--force did not replace the folder: %v", err)
	}
}

// TestExitStatusesDocumented: every exit status is in concord --help and
// in the README's "Exit statuses".
func TestExitStatusesDocumented(t *testing.T) {
	status, help, _ := concord(t, "--help")
	if status != exitOK {
		t.Fatalf("status %d", status)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "### Exit statuses")
	if !ok {
		t.Fatal(`README has no "### Exit statuses"`)
	}
	section, _, _ = strings.Cut(section, "\n#")
	for _, s := range []int{exitOK, exitInput, exitUsage, exitInternal, exitOutput, cmdline.ExitSignal + int(syscall.SIGINT), cmdline.ExitSignal + int(syscall.SIGTERM)} {
		re := regexp.MustCompile(fmt.Sprintf(`(?m)(^  %d  |; %d: )`, s, s))
		if !re.MatchString(help) {
			t.Errorf("concord --help does not document exit status %d", s)
		}
		if !regexp.MustCompile(fmt.Sprintf("(?m)^\\| `%d` \\|", s)).MatchString(section) {
			t.Errorf("README does not document exit status %d", s)
		}
	}
}

// TestReportStatuses: each kind of error maps to its exit status with one
// line, and a failing disk is never "a bug".
func TestReportStatuses(t *testing.T) {
	enospc := &fs.PathError{Op: "write", Path: "/r/alterations.tsv", Err: syscall.ENOSPC}
	for _, tc := range []struct {
		err    error
		status int
		want   string
	}{
		{&concordance.InputError{File: "s.tsv", Line: 3, Err: errors.New("bad")}, exitInput, "concord: s.tsv:3: bad\n"},
		{usagef("--x: bad"), exitUsage, "concord: --x: bad\n"},
		{errors.New("boom"), exitInternal, "concord: internal error (a bug; please report it): boom\n"},
		{&outdir.Error{Msg: "--out x is a file"}, exitOutput, "concord: --out x is a file\n"},
		{outdir.WriteFailed(enospc), exitOutput, "concord: cannot write /r/alterations.tsv: no space left on device\n"},
		{fmt.Errorf("plots: %w", enospc), exitOutput, "concord: plots: write /r/alterations.tsv: no space left on device\n"},
		{&fs.PathError{Op: "open", Path: "/r/x", Err: syscall.EROFS}, exitOutput, "concord: open /r/x: read-only file system\n"},
		{process.Interrupted{Signal: syscall.SIGINT}, 130, "concord: interrupted by SIGINT: nothing written, earlier results left as they were\n"},
		{process.Interrupted{Signal: syscall.SIGTERM}, 143, "concord: interrupted by SIGTERM: nothing written, earlier results left as they were\n"},
		{fmt.Errorf("x: %w", context.Canceled), 130, "concord: interrupted: nothing written, earlier results left as they were\n"},
	} {
		var b bytes.Buffer
		if status := cmdline.Report(&b, tc.err); status != tc.status || b.String() != tc.want {
			t.Errorf("%v: status %d, %q; want %d, %q", tc.err, status, b.String(), tc.status, tc.want)
		}
	}
}
