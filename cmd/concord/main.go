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
// Run "concord <command> --help" for a command's flags. The exit statuses
// are listed by "concord --help" (exitStatuses below) and in the README.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/internal/cmdline"
	"github.com/concord-oncology/concord/internal/outdir"
	"github.com/concord-oncology/concord/internal/process"
)

// Version is concord's version, set at build time with
// -ldflags "-X main.Version=v1.2.3".
var Version = "0.1.0-dev"

// Exit statuses, as exitStatuses says. A problem with where the results go
// is an output error (4): the data are fine, --out or the disk is what to
// fix.
const (
	exitOK       = 0
	exitInput    = 1
	exitUsage    = 2
	exitInternal = 3
	exitOutput   = 4
	// A run ended by a signal exits with 128 + the signal's number, as
	// shells and workflow engines expect: 130 for SIGINT, 143 for SIGTERM.
	exitSignal = 128
)

const exitStatuses = `Exit statuses:
  0    success
  1    input error: a file concord reads is missing, unreadable or malformed (the message names it, and the line)
  2    usage error: unknown command or flag, a bad flag value, a required flag missing
  3    internal error: a bug in concord (please report it)
  4    output error: the results cannot be written where asked. --out is a file; lies under /proc,
       /sys or /dev; is, holds or lies inside an input (never allowed; inside the sample sheet's folder
       is fine); holds files concord did not write (--force replaces it); or writing failed (disk full,
       permission denied, read-only disk)
  130  interrupted by SIGINT (Ctrl-C); 143: terminated by SIGTERM. Nothing is written and earlier results
       are left as they were`

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
	{"sheet", "write a sample sheet from TSO500 / TSO500 ctDNA output folders", runSheet},
	{"simulate", "write a synthetic IMPRESS-like cohort (VCFs, CNV and fusion files, sheet, truth)", runSimulate},
	{"verify", "check a results folder against expected numbers (a CI regression)", runVerify},
	{"diff", "list what changed between two results folders of one cohort", runDiff},
	{"version", "print the version", runVersion},
}

func main() {
	process.TuneGC()
	ctx, stop := process.SignalContext()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stderrTTY: isTerminal(os.Stderr), args: os.Args}
	status := Main(ctx, os.Args[1:], e)
	stop()
	os.Exit(status)
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
			err := c.run(ctx, args[1:], e)
			if err != nil && ctx.Err() != nil {
				// whatever failed once the run was cancelled, the cause is the cancellation
				err = context.Cause(ctx)
			}
			return report(e.stderr, err)
		}
	}
	fmt.Fprintf(e.stderr, "concord: unknown command %s (commands: %s)\n", concordance.Quote(args[0]), names())
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
	fmt.Fprintln(w, "\n"+exitStatuses)
}

var usagef = cmdline.Usagef

// report prints err as one line and maps it to an exit status.
func report(w io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	var st cmdline.Status
	if errors.Is(err, pflag.ErrHelp) || errors.As(err, &st) {
		return int(st)
	}
	// One line, whatever the error holds: values are quoted and clipped
	// where they are echoed (concordance.Quote); this is the last guard.
	msg := concordance.Escape(strings.ReplaceAll(err.Error(), "\n", " "))
	var (
		ue  *cmdline.UsageError
		sig process.Interrupted
	)
	switch {
	case errors.As(err, &sig):
		fmt.Fprintf(w, "concord: %s\n", msg)
		return exitSignal + int(sig.Signal)
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(w, "concord: interrupted: nothing written, earlier results left as they were\n")
		return exitSignal + int(syscall.SIGINT)
	case errors.As(err, &ue), errors.As(err, new(*analysis.OptionError)):
		fmt.Fprintf(w, "concord: %s\n", msg)
		return exitUsage
	case concordance.IsInputError(err):
		fmt.Fprintf(w, "concord: %s\n", msg)
		return exitInput
	case outdir.IsOutputError(err):
		fmt.Fprintf(w, "concord: %s\n", msg)
		return exitOutput
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
		return usagef("%s: unexpected argument %s", fs.Name(), concordance.Quote(fs.Arg(0)))
	}
	return nil
}
