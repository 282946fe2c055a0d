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

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/internal/cmdline"
	"github.com/concord-oncology/concord/internal/process"
)

// Version is concord's version, set at build time with
// -ldflags "-X main.Version=v1.2.3".
var Version = "0.1.0-dev"

// The exit statuses (cmdline.ExitStatuses).
const (
	exitOK, exitInput, exitUsage, exitInternal, exitOutput = cmdline.ExitOK, cmdline.ExitInput, cmdline.ExitUsage, cmdline.ExitInternal, cmdline.ExitOutput
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
	if len(args) == 2 && args[0] == "help" {
		args = []string{args[1], "--help"}
	}
	if len(args) > 0 && args[0] == "--version" {
		args[0] = "version"
	}
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
			return cmdline.Report(e.stderr, err)
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
	fmt.Fprintln(w, "\nRun 'concord help <command>' (or 'concord <command> --help') for a command's flags and examples.")
	fmt.Fprintln(w, "\nExamples:\n  concord demo\n  concord sheet --tissue t/ --plasma p/ --pattern '^(P[0-9]+)_' --out samples.tsv\n  concord run --sheet samples.tsv --reference hg19.fa --out results/")
	fmt.Fprintln(w, "\n"+cmdline.ExitStatuses)
}

var usagef = cmdline.Usagef

func runVersion(_ context.Context, args []string, e *env) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintln(e.stdout, cmdline.VersionLine(Version))
	return nil
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string, e *env) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.SortFlags = false
	fs.Usage = func() { cmdline.PrintHelp(fs.Output(), cmdline.Docs[name], fs) }
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
