// Command concord measures tissue–plasma (ctDNA) concordance in a cohort:
// it reads each patient's tissue and plasma calls, normalises them against
// the reference genome, matches alterations patient by patient and reports
// shared, tissue-only and plasma-only alterations with their statistics.
//
// Usage:
//
//	concord demo     [--out DIR]                   synthetic IMPRESS-like cohort, analysed end to end
//	concord run      --sheet FILE [--reference FASTA] [--out DIR] [flags]
//	concord check    --sheet FILE [--reference FASTA]   validate inputs, analyse nothing
//	concord figures  --results DIR [--format png,svg,pdf] [--width 18cm] [--height H] [--dpi 300]
//	concord simulate --out DIR [--patients N] [--seed N]
//	concord version
//
// Run "concord <command> --help" for a command's flags. Errors about the
// input name the file and line and exit with status 1; usage errors exit
// with 2; anything else is a bug in concord and exits with 3.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
)

// Version is concord's version, set at build time with
// -ldflags "-X main.Version=v1.2.3".
var Version = "0.1.0-dev"

// Exit statuses.
const (
	exitOK       = 0
	exitInput    = 1
	exitUsage    = 2
	exitInternal = 3
)

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, env *env) error
}

// env is what a command may touch besides its arguments.
type env struct {
	stdout, stderr io.Writer
	// stderrTTY enables the progress bar.
	stderrTTY bool
	// args is the whole command line, for provenance.
	args []string
}

var commands = []command{
	{"demo", "analyse a synthetic IMPRESS-like cohort end to end", runDemo},
	{"run", "analyse a cohort given by a sample sheet", runRun},
	{"check", "validate a sample sheet and its files without analysing", runCheck},
	{"figures", "re-draw the figures of a results folder from its tables", runFigures},
	{"simulate", "write a synthetic IMPRESS-like cohort (VCFs, CNV and fusion files, sheet, truth)", runSimulate},
	{"version", "print the version", runVersion},
}

func main() {
	if os.Getenv("GOGC") == "" {
		// A run keeps its results (tens of bytes per alteration) while
		// streaming gigabytes of text through small buffers: collecting at
		// 4× the live heap instead of 2× cut GC work without a memory cost
		// that matters (peak RSS for 4,000 patients stays well under 1 GiB;
		// bench/README.md). GOGC in the environment still wins.
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// GOGC=400 lets the heap grow to 5× what is live: a hostile sample
		// of 200,000 distinct calls peaked at 1,038 MiB. A soft limit makes
		// the collector work harder only near it (ordinary runs stay far
		// below: bench/README.md), and that sample then peaks at 776 MiB.
		debug.SetMemoryLimit(768 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stderrTTY: isTerminal(os.Stderr), args: os.Args}
	os.Exit(Main(ctx, os.Args[1:], e))
}

// Main runs one command and returns the exit status.
func Main(ctx context.Context, args []string, e *env) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "concord: internal error (a bug; please report it): %v\n", r)
			status = exitInternal
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return report(e.stderr, c.run(ctx, args[1:], e))
		}
	}
	fmt.Fprintf(e.stderr, "concord: unknown command %q (commands: %s)\n", args[0], names())
	return exitUsage
}

func names() string {
	var n []string
	for _, c := range commands {
		n = append(n, c.name)
	}
	return strings.Join(n, ", ")
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "concord: tissue–plasma (ctDNA) concordance for a cohort")
	fmt.Fprintln(w, "\nUsage: concord <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'concord <command> --help' for the flags of a command.")
}

// usageError is a problem with the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// report prints err as one line and maps it to an exit status.
func report(w io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, pflag.ErrHelp) {
		return exitOK
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(w, "concord: %s\n", msg)
		return exitUsage
	case concordance.IsInputError(err), errors.Is(err, context.Canceled), errors.As(err, new(*outputError)):
		fmt.Fprintf(w, "concord: %s\n", msg)
		return exitInput
	default:
		fmt.Fprintf(w, "concord: internal error (a bug; please report it): %s\n", msg)
		return exitInternal
	}
}

func runVersion(_ context.Context, args []string, e *env) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(e.stdout, "concord %s\n", Version)
	return nil
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string, e *env) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.SortFlags = false
	return fs
}

// parse parses flags, turning pflag's errors into usage errors.
func parse(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return usagef("%s: %v", fs.Name(), err)
	}
	if fs.NArg() > 0 {
		return usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}
