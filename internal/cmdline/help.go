package cmdline

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
)

// VersionLine is what concord version prints: the version (the module's,
// when go install stamped one and no -ldflags -X set it), and the commit
// and Go version the binary was built from (its build info, written by
// go build in a git checkout unless -buildvcs=false; "+dirty" when the
// tree had changes).
func VersionLine(version string) string {
	s := "concord " + version
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return s
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" && strings.HasSuffix(version, "-dev") {
		s = "concord " + v // go install ...@v1.2.3 records the module's version
	}
	var rev, dirty string
	for _, kv := range bi.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.modified":
			if kv.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		s += " (commit " + rev[:min(12, len(rev))] + dirty + ")"
	}
	return s + " " + bi.GoVersion
}

// Doc is a command's manual: what --help and concord help NAME print.
type Doc struct {
	Summary     string // one line, for concord help
	Usage       string
	Description string
	Examples    []string
}

// groups order the flags of a command's help; a flag goes in the first
// group that names it, the rest under "Other flags".
var groups = []struct {
	title string
	flags []string
}{
	{"Inputs", []string{"sheet", "cbioportal", "stage-column", "reference", "config", "tissue-panel", "plasma-panel", "actionable", "pairing", "cancer-groups",
		"tissue", "plasma", "pairs", "pattern", "clinical", "results", "expect", "patients", "cohort-seed", "preset", "wbc", "layout", "us-dates", "allow-same-file", "skip-failed-patients", "add-to", "shard"}},
	{"Matching", []string{"max-tier", "match-level", "fusion-orientation", "scope", "min-copy-number", "min-fusion-reads", "universe", "all-filters", "keep-germline", "filtered-evidence", "min-alt-reads",
		"min-depth-tissue", "min-depth-plasma", "min-base-quality", "min-mapping-quality"}},
	{"Explanation", []string{"exclude", "plasma-min-alt", "plasma-min-vaf", "tissue-min-alt", "tissue-min-vaf", "min-group-patients"}},
	{"Statistics", []string{"strata", "strata-column", "bootstrap", "bootstrap-seed", "top-genes"}},
	{"Output", []string{"out", "force", "strict", "figures", "format", "compress", "width", "height", "dpi", "quiet"}},
	{"Resources", []string{"threads", "max-line-bytes", "max-inflate-ratio", "cpuprofile"}},
}

// PrintHelp writes a command's manual: usage, description, its flags by
// group (hidden ones left out), examples.
func PrintHelp(w io.Writer, d Doc, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", d.Usage, strings.TrimSpace(d.Description))
	done := map[string]bool{}
	section := func(title string, names []string) {
		sub := pflag.NewFlagSet(title, pflag.ContinueOnError)
		sub.SortFlags = false
		for _, n := range names {
			if f := fs.Lookup(n); f != nil && !f.Hidden && !done[n] {
				sub.AddFlag(f)
				done[n] = true
			}
		}
		if sub.HasFlags() {
			fmt.Fprintf(w, "\n%s:\n%s", title, sub.FlagUsages())
		}
	}
	for _, g := range groups {
		section(g.title, g.flags)
	}
	var rest []string
	fs.VisitAll(func(f *pflag.Flag) { rest = append(rest, f.Name) })
	section("Other flags", rest)
	if len(d.Examples) > 0 {
		fmt.Fprintf(w, "\nExamples:\n")
		for _, e := range d.Examples {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
}

// Usage writes concord's own help: the commands, examples and exit
// statuses.
func Usage(w io.Writer) {
	fmt.Fprintln(w, "concord: tissue–plasma (ctDNA) concordance for a cohort")
	fmt.Fprintln(w, "\nUsage: concord <command> [flags]\n\nCommands:")
	for _, c := range Commands {
		fmt.Fprintf(w, "  %-9s %s\n", c, Docs[c].Summary)
	}
	fmt.Fprintln(w, "\nRun 'concord help <command>' (or 'concord <command> --help') for a command's flags and examples.")
	fmt.Fprintln(w, "\nExamples:\n  concord demo\n  concord sheet --tissue t/ --plasma p/ --pattern '^(P[0-9]+)_' --out samples.tsv\n  concord run --sheet samples.tsv --reference hg19.fa --out results/")
	fmt.Fprintln(w, "\n"+ExitStatuses)
}

// NewFlags returns a command's flag set: errors returned, not printed or
// exits (stderr gets what pflag itself writes); --help prints PrintHelp
// on help (standard output, as git and restic do).
func NewFlags(name string, help, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.Usage = func() { PrintHelp(help, Docs[name], fs) }
	return fs
}

// Parse parses flags, turning pflag's errors into usage errors; args
// left over are an error unless the command takes n of them.
func Parse(fs *pflag.FlagSet, args []string, n int) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return Usagef("%s: %v", fs.Name(), err)
	}
	if fs.NArg() > n {
		return Usagef("%s: unexpected argument %s", fs.Name(), concordance.Quote(fs.Arg(n)))
	}
	return checkAliases(fs)
}
