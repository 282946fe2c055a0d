//go:build unix

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	bigCohortOnce sync.Once
	bigCohort     string
	bigCohortErr  error
)

// simulated2000 returns a 2,000-patient simulated cohort, written once per
// test binary.
func simulated2000(t *testing.T) string {
	t.Helper()
	bigCohortOnce.Do(func() {
		dir, err := os.MkdirTemp("", "concord-kill-")
		if err != nil {
			bigCohortErr = err
			return
		}
		sharedTempDirs = append(sharedTempDirs, dir)
		bigCohort = filepath.Join(dir, "cohort")
		if status, _, stderr := concord(t, "simulate", "--out", bigCohort, "--patients", "2000"); status != 0 {
			bigCohortErr = fmt.Errorf("simulate: status %d: %s", status, stderr)
		}
	})
	if bigCohortErr != nil {
		t.Fatal(bigCohortErr)
	}
	return bigCohort
}

// killAt runs concord as a real process (TestMain) with args, waits until
// it says it has reached stage (the CONCORD_TEST_PAUSE_AT hook,
// testhook.go), sends it sig and returns its exit status and what it wrote
// on stderr after the pause.
func killAt(t *testing.T, stage string, sig syscall.Signal, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CONCORD_TEST_IS_CONCORD=1", "CONCORD_TEST_PAUSE_AT="+stage)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(stderr)
	paused := make(chan error, 1)
	var before strings.Builder
	go func() {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				paused <- fmt.Errorf("concord ended before pausing at %s: %v; stderr: %q", stage, err, before.String())
				return
			}
			if line == "paused at "+stage+"\n" {
				paused <- nil
				return
			}
			before.WriteString(line)
		}
	}()
	select {
	case err := <-paused:
		if err != nil {
			cmd.Wait()
			t.Fatal(err)
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("concord did not reach %s in 2 minutes", stage)
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(r)
	cmd.Wait()
	return cmd.ProcessState.ExitCode(), before.String() + string(rest)
}

// TestKillAtEveryStage: SIGINT and SIGTERM at each stage of a 2,000-patient
// run (issue 10) end it with 128 + the signal's number and one line saying
// so, leave the earlier results byte-identical and no temporary folder: the
// whole folder around the results is compared before and after.
func TestKillAtEveryStage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 2,000-patient cohort twelve times")
	}
	cohort := simulated2000(t)
	prev := earlier(t) // a results folder concord wrote (the catalogue's)
	for _, stage := range []string{"reading", "tables", "writing", "figures", "report", "swap"} {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			t.Run(fmt.Sprintf("%s %s", stage, sigName(sig)), func(t *testing.T) {
				t.Parallel()
				root := t.TempDir()
				writeTree(t, filepath.Join(root, "res"), prev)
				before := mustReadTree(t, root)
				status, stderr := killAt(t, stage, sig, "run", "--sheet", filepath.Join(cohort, "samplesheet.tsv"),
					"--reference", filepath.Join(cohort, "reference", "genome.fa"), "--out", filepath.Join(root, "res"), "--quiet", "--bootstrap", "0")
				checkKilled(t, root, before, status, stderr, sig)
			})
		}
	}
}

// TestKillFigures: the same for concord figures, which replaces figures/
// inside a results folder: it is left whole.
func TestKillFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("draws a results folder's figures")
	}
	for _, stage := range []string{"figures", "report", "swap"} {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			t.Run(fmt.Sprintf("%s %s", stage, sigName(sig)), func(t *testing.T) {
				t.Parallel()
				res := copyResults(t) // figures writes its temporary folder inside
				// the figures a first run drew: what must survive
				if status, _, stderr := concord(t, "figures", "--results", res, "--format", "svg", "--dpi", "72"); status != 0 {
					t.Fatal(stderr)
				}
				before := mustReadTree(t, res)
				status, stderr := killAt(t, stage, sig, "figures", "--results", res, "--report", "--dpi", "72")
				checkKilled(t, res, before, status, stderr, sig)
			})
		}
	}
}

func sigName(sig syscall.Signal) string {
	return map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM"}[sig]
}

func checkKilled(t *testing.T, root string, before map[string][]byte, status int, stderr string, sig syscall.Signal) {
	t.Helper()
	if want := 128 + int(sig); status != want {
		t.Errorf("exit status %d, want %d; stderr %q", status, want, stderr)
	}
	want := regexp.MustCompile(`^concord: interrupted by ` + sigName(sig) + `: nothing written, earlier results left as they were\n$`)
	if !want.MatchString(stderr) {
		t.Errorf("stderr after the signal %q, want one line matching %s", clipForTest(stderr), want)
	}
	after := mustReadTree(t, root)
	for p, b := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		} else if string(a) != string(b) {
			t.Errorf("%s was changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was left behind", p)
		}
	}
}

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if syscall.Kill(cmd.Process.Pid, 0) == nil {
		t.Skip("the pid of an ended process was reused")
	}
	return cmd.Process.Pid
}
