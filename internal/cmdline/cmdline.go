// Package cmdline turns a command line into data and back: the flag values
// a --config JSON file gives, and the command line and parameters a run
// records as its provenance (summary.json). It works on pflag flag sets,
// so the command keeps only the list of its flags.
package cmdline

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/internal/infile"
)

// MaxConfig is the largest config file read: it holds flag values.
const MaxConfig = 1 << 20

// ApplyConfig sets the flags of fs from a JSON object of flag values in the
// file at path ("" sets nothing), in key order, leaving alone the flags the
// command line gave; an old name of a flag (Alias) sets that flag. The
// values of the flags named in paths are file paths: a relative one is
// relative to the config file's folder. A file that is not a JSON object,
// a key that names no flag (or "config"), two names of one flag with
// different values and a value the flag refuses are InputErrors naming
// the file.
func ApplyConfig(fs *pflag.FlagSet, path string, paths ...string) error {
	if path == "" {
		return nil
	}
	b, err := infile.ReadAll(path, infile.Limits{}, MaxConfig)
	if err != nil {
		return concordance.FileError(path, err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return &concordance.InputError{File: path, Err: fmt.Errorf("not a JSON object of flag values: %v", err)}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	set := map[string]string{} // flag name -> the key that set it
	for _, k := range keys {
		fl := fs.Lookup(k)
		if fl == nil || k == "config" {
			return &concordance.InputError{File: path, Err: fmt.Errorf("unknown setting %s", concordance.Quote(k))}
		}
		fl = aliasOf(fl) // an old name sets the flag it names
		if other, ok := set[fl.Name]; ok {
			if fmt.Sprint(m[other]) != fmt.Sprint(m[k]) {
				return &concordance.InputError{File: path, Err: fmt.Errorf("%s and %s (two names of --%s) disagree; give one", concordance.Quote(other), concordance.Quote(k), fl.Name)}
			}
			continue
		}
		if fl.Changed {
			continue
		}
		set[fl.Name] = k
		v := fmt.Sprint(m[k])
		for _, p := range paths {
			if k == p && !filepath.IsAbs(v) {
				v = filepath.Join(filepath.Dir(path), v)
			}
		}
		if err := fs.Set(fl.Name, v); err != nil {
			return &concordance.InputError{File: path, Err: fmt.Errorf("setting %s: %v", concordance.Quote(k), err)}
		}
	}
	return nil
}

// Command is the command as run (args as os.Args gives them, the program
// first), with the program named program, so that outputs do not depend
// on where the binary lives, and without the long flags in drop and their
// values (fs tells which flags take one): flags that cannot change
// results, so that outputs are byte-identical whatever they are. An
// argument with spaces or quotes is written quoted.
func Command(fs *pflag.FlagSet, program string, args []string, drop ...string) string {
	parts := []string{program}
	for i := 1; i < len(args); i++ {
		a := args[i]
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "--") && slices.Contains(drop, name) {
			if fl := fs.Lookup(name); !hasValue && (fl == nil || fl.Value.Type() != "bool") {
				i++ // skip the separate value
			}
			continue
		}
		if strings.ContainsAny(a, " \t\"'") {
			a = fmt.Sprintf("%q", a)
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

// Parameters records every flag of fs but those in drop and old names
// (Alias), with its value
// in its JSON type (issue 13 §3: summary.json's parameters load without
// cleaning): a number for an integer or a decimal, a boolean, a list of
// strings for a list, a string otherwise, and null for an empty string
// (missing values are null in JSON, "." in the tables).
func Parameters(fs *pflag.FlagSet, drop ...string) map[string]any {
	m := map[string]any{}
	fs.VisitAll(func(f *pflag.Flag) {
		if _, old := f.Value.(*alias); !old && !slices.Contains(drop, f.Name) {
			m[f.Name] = parameter(f.Value)
		}
	})
	return m
}

// parameter is one flag's value in its JSON type (Parameters).
func parameter(v pflag.Value) any {
	s := v.String()
	switch v.Type() {
	case "bool":
		return s == "true"
	case "int", "int8", "int16", "int32", "int64":
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	case "uint", "uint8", "uint16", "uint32", "uint64":
		if n, err := strconv.ParseUint(s, 10, 64); err == nil {
			return n
		}
	case "float32", "float64":
		if x, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(x, 0) && !math.IsNaN(x) {
			return x
		}
	case "stringSlice", "stringArray":
		if sl, ok := v.(pflag.SliceValue); ok {
			return append([]string{}, sl.GetSlice()...)
		}
	}
	if s == "" {
		return nil
	}
	return s
}

// UsageError is a problem with the command line (exit status 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usagef returns a UsageError.
func Usagef(format string, args ...any) error { return &UsageError{fmt.Sprintf(format, args...)} }

// SetParameters sets the flags of fs to recorded parameters (Parameters'
// map, as summary.json and partial results keep it): `concord merge` runs
// the cohort stage with the flags the partials were run with. A parameter
// that names no flag is an error: the parameters come from another
// version.
func SetParameters(fs *pflag.FlagSet, params map[string]any) error {
	for _, k := range slices.Sorted(maps.Keys(params)) {
		if fs.Lookup(k) == nil {
			return fmt.Errorf("the recorded parameter %s is no flag of this concord", concordance.Quote(k))
		}
		if err := fs.Set(k, flagText(params[k])); err != nil {
			return fmt.Errorf("the recorded parameter %s: %v", concordance.Quote(k), err)
		}
	}
	return nil
}

// Limits are the flags capping what one input may cost (run, demo, check).
type Limits struct{ maxLine, maxRatio int64 }

// Register adds the flags to fs.
func (l *Limits) Register(fs *pflag.FlagSet) {
	fs.Int64Var(&l.maxLine, "max-line-bytes", infile.DefaultMaxLine, "longest line accepted in any input file, in bytes; a longer line is an input error (a binary or corrupt file)")
	fs.Int64Var(&l.maxRatio, "max-inflate-ratio", infile.DefaultMaxRatio, fmt.Sprintf("a gzip/BGZF input may inflate to this many times its size on disk (or %s, if more); beyond is refused as a decompression bomb", infile.Size(infile.InflateFloor)))
}

// Limits returns the caps the flags give; an error (a usage error) when
// one is under 1.
func (l *Limits) Limits() (infile.Limits, error) {
	if l.maxLine < 1 || l.maxRatio < 1 {
		return infile.Limits{}, Usagef("--max-line-bytes and --max-inflate-ratio must be at least 1")
	}
	return infile.Limits{MaxLine: l.maxLine, MaxRatio: l.maxRatio}, nil
}

// Status ends a command with an exit status and no message: what it had
// to say it printed (concord diff: 1 when the folders differ, as diff(1)).
type Status int

func (s Status) Error() string { return fmt.Sprintf("exit status %d", int(s)) }

// flagText writes a recorded parameter (a JSON value, as parameter gives
// it or a JSON decoder reads it back) as the flag's text.
func flagText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []string:
		return strings.Join(x, ",")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = flagText(e)
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(v)
}
