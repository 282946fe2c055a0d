package process

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// PauseAt is a test hook, and the only one: the kill tests
// (cmd/concord/kill_test.go) set CONCORD_TEST_PAUSE_AT to a stage
// (reading, tables, writing, figures, report, swap); when concord reaches
// that stage it prints "paused at STAGE" on stderr and waits until its
// context is cancelled (the test's signal) or 30 s have passed, so that a
// real signal reaches a real process at a known stage. Without the
// variable it does nothing.
func PauseAt(ctx context.Context, stage string, stderr io.Writer) {
	if os.Getenv("CONCORD_TEST_PAUSE_AT") != stage {
		return
	}
	fmt.Fprintf(stderr, "paused at %s\n", stage)
	select {
	case <-ctx.Done():
	case <-time.After(30 * time.Second):
	}
}

// Pausing reports whether a test asked for a pause at some stage.
func Pausing() bool { return os.Getenv("CONCORD_TEST_PAUSE_AT") != "" }
