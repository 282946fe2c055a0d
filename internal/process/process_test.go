package process

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A SIGTERM sent to the process cancels the context with an Interrupted
// naming it (the end-to-end kill tests in cmd/concord send real signals to
// a real run; this checks the context's cause).
func TestSignalContext(t *testing.T) {
	ctx, stop := SignalContext()
	defer stop()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Skip(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("not cancelled")
	}
	var in Interrupted
	if !errors.As(context.Cause(ctx), &in) || in.Signal != syscall.SIGTERM ||
		in.Error() != "interrupted by SIGTERM: nothing written, earlier results left as they were" {
		t.Errorf("cause %v", context.Cause(ctx))
	}
}

func TestCPUProfile(t *testing.T) {
	stop, err := CPUProfile("")
	if err != nil {
		t.Fatal(err)
	}
	stop()
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	if stop, err = CPUProfile(path); err != nil {
		t.Fatal(err)
	}
	stop()
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Errorf("profile %v, %v: want a non-empty file", st, err)
	}
	if _, err := CPUProfile(filepath.Join(t.TempDir(), "no", "such", "dir", "p")); err == nil {
		t.Error("no error for an unwritable path")
	}
}
