// Package process sets concord up as a process: the garbage collector's
// defaults, a context that SIGINT and SIGTERM cancel (every stage of a run
// checks it, so a cancelled run writes nothing and leaves earlier results
// as they were), and a CPU profile for developers. The command line maps
// what ends a run to its exit status.
package process

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"golang.org/x/term"
)

// TuneGC sets the collector's defaults unless the environment sets them
// (GOGC, GOMEMLIMIT).
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		// A run keeps its results (tens of bytes per alteration) while
		// streaming gigabytes of text through small buffers: collecting at
		// 4× the live heap instead of 2× cut GC work without a memory cost
		// that matters (peak RSS for 4,000 patients stays well under 1 GiB;
		// bench/README.md).
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// GOGC=400 lets the heap grow to 5× what is live: a hostile sample
		// of 200,000 distinct calls peaked at 1,038 MiB. A soft limit makes
		// the collector work harder only near it (ordinary runs stay far
		// below: bench/README.md), and that sample then peaks at 776 MiB.
		debug.SetMemoryLimit(768 << 20)
	}
}

// SignalContext is cancelled by the first SIGINT or SIGTERM, with an
// Interrupted naming the signal as its cause. A second signal ends the
// process at once (the default action); the temporary folder it may leave
// is removed by the next run into the same --out. stop releases the
// signals and the context.
func SignalContext() (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-ch
		signal.Stop(ch)
		if sig, ok := s.(syscall.Signal); ok {
			cancel(Interrupted{sig})
		} else {
			cancel(Interrupted{syscall.SIGINT})
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel(nil) }
}

// Interrupted is the cause of a run cancelled by a signal.
type Interrupted struct{ Signal syscall.Signal }

func (i Interrupted) Error() string {
	name := map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM"}[i.Signal]
	if name == "" {
		name = i.Signal.String()
	}
	return "interrupted by " + name + ": nothing written, earlier results left as they were"
}

// CPUProfile writes a Go CPU profile to path until stop is called; "" does
// nothing. Its errors are about writing the profile.
func CPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// IsTerminal reports whether f is a terminal (a progress bar then, else
// progress lines).
func IsTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
