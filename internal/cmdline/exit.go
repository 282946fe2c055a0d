package cmdline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/internal/outdir"
	"github.com/concord-oncology/concord/internal/process"
)

// Exit statuses, as ExitStatuses says. A problem with where the results go
// is an output error (4): the data are fine, --out or the disk is what to
// fix.
const (
	ExitOK       = 0
	ExitInput    = 1
	ExitUsage    = 2
	ExitInternal = 3
	ExitOutput   = 4
	// A run ended by a signal exits with 128 + the signal's number, as
	// shells and workflow engines expect: 130 for SIGINT, 143 for SIGTERM.
	ExitSignal = 128
)

// ExitStatuses is the table concord --help prints (and the README).
const ExitStatuses = `Exit statuses:
  0    success
  1    input error: a file concord reads is missing, unreadable or malformed (the message names it, and the line);
       concord verify: a metric drifted; concord diff: the folders differ
  2    usage error: unknown command or flag, a bad flag value, a required flag missing
  3    internal error: a bug in concord (please report it)
  4    output error: the results cannot be written where asked. --out is a file; lies under /proc,
       /sys or /dev; is, holds or lies inside an input (never allowed; inside the sample sheet's folder
       is fine); holds files concord did not write (--force replaces it); or writing failed (disk full,
       permission denied, read-only disk)
  130  interrupted by SIGINT (Ctrl-C); 143: terminated by SIGTERM. Nothing is written and earlier results
       are left as they were`

// Report prints err as one line on w and maps it to an exit status.
func Report(w io.Writer, err error) int {
	if err == nil {
		return ExitOK
	}
	var st Status
	if errors.Is(err, pflag.ErrHelp) || errors.As(err, &st) {
		return int(st)
	}
	// One line, whatever the error holds: values are quoted and clipped
	// where they are echoed (concordance.Quote); this is the last guard.
	msg := concordance.Escape(strings.ReplaceAll(err.Error(), "\n", " "))
	var (
		ue  *UsageError
		sig process.Interrupted
	)
	switch {
	case errors.As(err, &sig):
		fmt.Fprintf(w, "concord: %s\n", msg)
		return ExitSignal + int(sig.Signal)
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(w, "concord: interrupted: nothing written, earlier results left as they were\n")
		return ExitSignal + int(syscall.SIGINT)
	case errors.As(err, &ue), errors.As(err, new(*analysis.OptionError)):
		fmt.Fprintf(w, "concord: %s\n", msg)
		return ExitUsage
	case concordance.IsInputError(err):
		fmt.Fprintf(w, "concord: %s\n", msg)
		return ExitInput
	case errors.As(err, new(*outdir.Error)), outdir.IsWriteFailure(err):
		fmt.Fprintf(w, "concord: %s\n", msg)
		return ExitOutput
	default:
		fmt.Fprintf(w, "concord: internal error (a bug; please report it): %s\n", msg)
		return ExitInternal
	}
}

// Runner runs one of concord's commands on its arguments.
type Runner func(ctx context.Context, args []string) error

// Run runs the command args names (lookup finds it, nil when there is
// none) and returns the exit status: "concord help [NAME]", -h/--help and
// --version are aliases, no command prints the help (a usage error), a
// panic is reported as a bug, and whatever fails once ctx is cancelled
// fails of the cancellation.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, lookup func(name string) Runner) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "concord: internal error (a bug; please report it): %v\n", r)
			status = ExitInternal
		}
	}()
	if len(args) == 2 && args[0] == "help" {
		args = []string{args[1], "--help"}
	}
	if len(args) > 0 && args[0] == "--version" {
		args[0] = "version"
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		Usage(stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	run := lookup(args[0])
	if run == nil {
		fmt.Fprintf(stderr, "concord: unknown command %s (commands: %s)\n", concordance.Quote(args[0]), strings.Join(Commands, ", "))
		return ExitUsage
	}
	err := run(ctx, args[1:])
	if err != nil && ctx.Err() != nil {
		// whatever failed once the run was cancelled, the cause is the cancellation
		err = context.Cause(ctx)
	}
	return Report(stderr, err)
}
