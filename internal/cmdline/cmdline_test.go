package cmdline

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
)

func flags() *pflag.FlagSet {
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	fs.String("sheet", "", "")
	fs.String("reference", "", "")
	fs.String("max-tier", "haplotype", "")
	fs.Int("threads", 0, "")
	fs.Bool("quiet", false, "")
	fs.Bool("figures", true, "")
	fs.String("config", "", "")
	return fs
}

func TestApplyConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "conf", "c.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`{"reference": "hg19.fa", "sheet": "/abs/s.tsv", "max-tier": "exact", "threads": 3, "figures": false}`)
	fs := flags()
	if err := fs.Parse([]string{"--max-tier", "gene"}); err != nil {
		t.Fatal(err)
	}
	if err := ApplyConfig(fs, path, "reference", "sheet"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"reference": filepath.Join(dir, "conf", "hg19.fa"), // relative to the config's folder
		"sheet":     "/abs/s.tsv",                          // absolute: kept
		"max-tier":  "gene",                                // the command line wins
		"threads":   "3",
		"figures":   "false",
	} {
		if got := fs.Lookup(name).Value.String(); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	for _, tc := range []struct{ json, want string }{
		{`{"no-such-flag": 1}`, `c.json: unknown setting "no-such-flag"`},
		{`{"config": "other.json"}`, `c.json: unknown setting "config"`},
		{`{"threads": "many"}`, `c.json: setting "threads": `},
		{`["reference"]`, `c.json: not a JSON object of flag values`},
	} {
		write(tc.json)
		err := ApplyConfig(flags(), path)
		if err == nil || !concordance.IsInputError(err) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want an input error with %q", tc.json, err, tc.want)
		}
	}
	if err := ApplyConfig(flags(), ""); err != nil {
		t.Errorf("no config: %v", err)
	}
}

func TestCommandAndParameters(t *testing.T) {
	fs := flags()
	args := []string{"/usr/local/bin/concord-1.2", "run", "--sheet", "my sheet.tsv", "--threads", "4", "--quiet", "--threads=2", "--max-tier=exact", "--figures=false"}
	if err := fs.Parse(args[2:]); err != nil {
		t.Fatal(err)
	}
	got := Command(fs, "concord", args, "threads", "quiet")
	want := `concord run --sheet "my sheet.tsv" --max-tier=exact --figures=false`
	if got != want {
		t.Errorf("Command = %s\nwant      %s", got, want)
	}
	p := Parameters(fs, "quiet", "config")
	// Each value in its JSON type: the text of a string, a bool, an int64,
	// null for an empty string.
	if len(p) != 5 || p["sheet"] != "my sheet.tsv" || p["max-tier"] != "exact" || p["figures"] != false || p["reference"] != nil || p["threads"] != int64(2) {
		t.Errorf("Parameters = %#v", p)
	}
	lists := pflag.NewFlagSet("x", pflag.ContinueOnError)
	lists.Float64("vaf", 0.002, "")
	lists.StringSlice("strata", []string{"a:b", "c:d"}, "")
	lists.StringSlice("none", nil, "")
	lists.Uint("n", 7, "")
	q := Parameters(lists)
	if q["vaf"] != 0.002 || q["n"] != uint64(7) || !slices.Equal(q["strata"].([]string), []string{"a:b", "c:d"}) || len(q["none"].([]string)) != 0 {
		t.Errorf("Parameters = %#v", q)
	}
	if b, err := json.Marshal(q); err != nil || string(b) != `{"n":7,"none":[],"strata":["a:b","c:d"],"vaf":0.002}` {
		t.Errorf("Parameters as JSON = %s, %v", b, err)
	}
}

// TestAlias: an old name sets the flag it names, last value winning; the
// two names with different values are a usage error in either order; a
// boolean's old name is a boolean; Parameters records the new name only.
func TestAlias(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		tier    string
		figures bool
		bad     bool
	}{
		{args: []string{"--match-level", "gene"}, tier: "gene", figures: true},
		{args: []string{"--max-tier", "gene", "--match-level", "gene"}, tier: "gene", figures: true},
		{args: []string{"--match-level", "gene", "--max-tier", "gene"}, tier: "gene", figures: true},
		{args: []string{"--match-level", "gene", "--match-level", "exact"}, tier: "exact", figures: true},
		{args: []string{"--max-tier", "exact", "--match-level", "gene"}, bad: true},
		{args: []string{"--match-level", "gene", "--max-tier", "exact"}, bad: true},
		{args: []string{"--figs=false"}, tier: "haplotype", figures: false},
		{args: []string{"--figures=false", "--figs"}, bad: true},
	} {
		fs := flags()
		Alias(fs, "match-level", "max-tier")
		Alias(fs, "figs", "figures")
		err := Parse(fs, tc.args, 0)
		var usage *UsageError
		if tc.bad {
			if !errors.As(err, &usage) || !strings.Contains(err.Error(), "disagree; give one") {
				t.Errorf("%v: %v, want a usage error", tc.args, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", tc.args, err)
			continue
		}
		p := Parameters(fs)
		if p["max-tier"] != tc.tier || p["figures"] != tc.figures || p["match-level"] != nil || p["figs"] != nil {
			t.Errorf("%v: parameters %v", tc.args, p)
		}
	}
}
