package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/internal/cmdline"
)

// TestHelp (issue 17 §3): every command's help has a description, grouped
// flags and examples; hidden aliases stay hidden and still work.
func TestHelp(t *testing.T) {
	for _, c := range cmdline.Commands {
		if _, ok := commands[c]; !ok {
			t.Errorf("cmdline.Commands lists %s, which concord does not run", c)
		}
		if c == "version" {
			continue
		}
		status, stdout, stderr := concord(t, "help", c)
		if status != 0 || stderr != "" || !strings.HasPrefix(stdout, "Usage: concord "+c) || !strings.Contains(stdout, "\nExamples:\n  concord "+c) {
			t.Errorf("concord help %s: status %d\n%s%s", c, status, stdout, stderr)
		}
	}
	if len(commands) != len(cmdline.Commands) {
		t.Errorf("%d commands, cmdline.Commands lists %d", len(commands), len(cmdline.Commands))
	}
	_, run, _ := concord(t, "run", "--help")
	for _, g := range []string{"\nInputs:\n", "\nMatching:\n", "\nExplanation:\n", "\nStatistics:\n", "\nOutput:\n"} {
		if !strings.Contains(run, g) {
			t.Errorf("run --help lacks the group %q", g)
		}
	}
	if strings.Contains(run, "--match-level") || strings.Contains(run, "--seed ") || !strings.Contains(run, "--bootstrap-seed") {
		t.Errorf("run --help: want --bootstrap-seed, and not the hidden old names --match-level and --seed:\n%s", run)
	}
	if _, demo, _ := concord(t, "demo", "--help"); strings.Contains(demo, "--seed ") || !strings.Contains(demo, "--bootstrap-seed") || !strings.Contains(demo, "--cohort-seed") {
		t.Errorf("demo --help: want --bootstrap-seed and --cohort-seed, not --seed:\n%s", demo)
	}
	if _, sim, _ := concord(t, "simulate", "--help"); strings.Contains(sim, "--seed ") || !strings.Contains(sim, "--cohort-seed") {
		t.Errorf("simulate --help: want --cohort-seed, not --seed:\n%s", sim)
	}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		if status, stdout, _ := concord(t, args...); status != 0 || !regexp.MustCompile(`^concord \S+ .*go1\.\d+`).MatchString(stdout) {
			t.Errorf("%v: %q", args, stdout)
		}
	}
}

// TestREADMEGoVersion: the Go version the README asks for is go.mod's, and
// the bench/README.md the Makefile's bench target points to exists.
func TestREADMEGoVersion(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	readme, _ := os.ReadFile("../../README.md")
	if m == nil || !strings.Contains(string(readme), "Go ≥ "+string(m[1])) {
		t.Errorf("README does not ask for go.mod's Go %s", m[1])
	}
	if _, err := os.Stat("../../bench/README.md"); err != nil {
		t.Error(err)
	}
}
