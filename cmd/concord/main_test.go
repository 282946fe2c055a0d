package main

import (
	"github.com/concord-oncology/concord/internal/cmdline"

	"os"
	"testing"
)

// The exit statuses the tests expect (cmdline.ExitStatuses).
const (
	exitOK, exitInput, exitUsage, exitInternal, exitOutput = cmdline.ExitOK, cmdline.ExitInput, cmdline.ExitUsage, cmdline.ExitInternal, cmdline.ExitOutput
)

// TestMain is the re-exec trick (STYLE.md, after x/tools' stringer): with
// CONCORD_TEST_IS_CONCORD=1 in its environment the test binary is concord
// itself, so tests that need a real process (a real signal, a real exit
// status) run os.Args[0] without building anything.
func TestMain(m *testing.M) {
	if os.Getenv("CONCORD_TEST_IS_CONCORD") == "1" {
		main()
		return
	}
	status := m.Run()
	for _, dir := range sharedTempDirs {
		os.RemoveAll(dir)
	}
	os.Exit(status)
}

// sharedTempDirs are folders shared by the tests of one binary (a cohort
// simulated once), removed when they have all run.
var sharedTempDirs []string
