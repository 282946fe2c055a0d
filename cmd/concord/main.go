// Command concord measures tissue–plasma (ctDNA) concordance in a cohort:
// it reads each patient's tissue and plasma calls, normalises them against
// the reference genome, matches alterations patient by patient and reports
// shared, tissue-only and plasma-only alterations with their statistics.
//
// "concord help" lists the commands, "concord help NAME" gives a command's
// manual (internal/cmdline.Docs) and the exit statuses are in
// cmdline.ExitStatuses and the README.
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/internal/cmdline"
	"github.com/concord-oncology/concord/internal/process"
)

// Version is concord's version, set at build time with
// -ldflags "-X main.Version=v1.2.3".
var Version = "0.1.0-dev"

// env is what a command may touch besides its arguments.
type env struct {
	stdout, stderr io.Writer
	// stderrTTY enables the progress bar.
	stderrTTY bool
	// args is the whole command line, for provenance.
	args []string
}

// commands run concord's commands (cmdline.Commands lists them, with
// their manuals).
var commands = map[string]func(ctx context.Context, args []string, env *env) error{
	"demo": runDemo, "run": runRun, "check": runCheck, "figures": runFigures, "sheet": runSheet,
	"simulate": runSimulate, "verify": runVerify, "diff": runDiff, "version": runVersion, "merge": runMerge,
}

func main() {
	process.TuneGC()
	ctx, stop := process.SignalContext()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stderrTTY: process.IsTerminal(os.Stderr), args: os.Args}
	status := Main(ctx, os.Args[1:], e)
	stop()
	os.Exit(status)
}

// Main runs one command and returns the exit status.
func Main(ctx context.Context, args []string, e *env) int {
	return cmdline.Run(ctx, args, e.stdout, e.stderr, func(name string) cmdline.Runner {
		if run, ok := commands[name]; ok {
			return func(ctx context.Context, args []string) error { return run(ctx, args, e) }
		}
		return nil
	})
}

var usagef = cmdline.Usagef

func runVersion(_ context.Context, args []string, e *env) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintln(e.stdout, cmdline.VersionLine(Version))
	return nil
}

// newFlags and parse are cmdline's, for the commands' brevity.
func newFlags(name string, e *env) *pflag.FlagSet { return cmdline.NewFlags(name, e.stdout, e.stderr) }

func parse(fs *pflag.FlagSet, args []string) error { return cmdline.Parse(fs, args, 0) }
