package regression

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance/internal/table"
	"github.com/concord-oncology/concord/concordance/schema"
)

// Change is one difference between two results folders.
type Change struct {
	What   string // alteration, summary, stratum, input
	Key    string // the alteration, summary path, stratum or input path
	Field  string // the column that changed ("present" when on one side only)
	Before string
	After  string
	Delta  string // after − before, for numbers
}

// DiffColumns are the columns of the diff table.
var DiffColumns = []string{"what", "key", "field", "before", "after", "delta"}

// alterationKey and alterationFields: what identifies an alteration row,
// and what a change of is reported.
var (
	alterationKey    = []string{"patient_id", "class", "gene", "partner", "chrom", "pos", "ref", "alt", "protein"}
	alterationFields = []string{"category", "tissue_status", "plasma_status", "match_tier", "reason", "flags"}
	stratumKey       = []string{"dimension", "level"}
)

// summarySkip are the parts of summary.json a diff leaves to the input
// check (provenance) or that say nothing of results.
var summarySkip = map[string]bool{"provenance": true}

// Diff compares two results folders of one cohort.
func Diff(oldFS fs.FS, oldName string, newFS fs.FS, newName string) ([]Change, error) {
	a, b := newFolder(oldFS, oldName), newFolder(newFS, newName)
	var out []Change
	for _, t := range []struct {
		file, what string
		key        []string
		fields     []string // nil: every column but the key
	}{
		{schema.AlterationsFile, "alteration", alterationKey, alterationFields},
		{schema.StrataTSV.File, "stratum", stratumKey, nil},
	} {
		ta, err := a.table(t.file)
		if err != nil {
			return nil, err
		}
		tb, err := b.table(t.file)
		if err != nil {
			return nil, err
		}
		out = append(out, diffTable(t.what, ta, tb, t.key, t.fields)...)
	}
	sa, err := a.summaryMap()
	if err != nil {
		return nil, err
	}
	sb, err := b.summaryMap()
	if err != nil {
		return nil, err
	}
	la, lb := map[string]float64{}, map[string]float64{}
	leaves(sa, "", summarySkip, la)
	leaves(sb, "", summarySkip, lb)
	for _, k := range unionKeys(la, lb) {
		x, okx := la[k]
		y, oky := lb[k]
		if okx && oky && x == y {
			continue
		}
		out = append(out, numberChange("summary", k, "value", x, okx, y, oky))
	}
	ia, err := a.inputs()
	if err != nil {
		return nil, err
	}
	ib, err := b.inputs()
	if err != nil {
		return nil, err
	}
	return append(out, diffInputs(ia, ib)...), nil
}

// inputs maps each input's path to its SHA-256, from provenance.tsv; a
// folder without one (written before concord had it) gives none, and its
// inputs are not compared.
func (f *folder) inputs() (map[string]string, error) {
	out := map[string]string{}
	if _, err := fs.Stat(f.fsys, schema.ProvenanceFile); err != nil {
		return out, nil
	}
	t, err := f.table(schema.ProvenanceFile)
	if err != nil {
		return nil, err
	}
	p, okp := t.col["path"]
	s, oks := t.col["sha256"]
	if !okp || !oks {
		return nil, table.Errorf(path.Join(f.name, schema.ProvenanceFile), 1, "no path and sha256 columns")
	}
	for _, r := range t.cells {
		out[r[p]] = r[s]
	}
	return out, nil
}

// diffTable compares two tables row by row, rows matched by key.
func diffTable(what string, a, b *rows, key, fields []string) []Change {
	ia, ib := index(a, key), index(b, key)
	if fields == nil {
		for _, h := range a.header {
			if !contains(key, h) {
				fields = append(fields, h)
			}
		}
	}
	var out []Change
	for _, k := range unionKeys(ia, ib) {
		ra, oka := ia[k]
		rb, okb := ib[k]
		if !oka || !okb {
			out = append(out, Change{What: what, Key: k, Field: "present", Before: yesNo(oka), After: yesNo(okb)})
			continue
		}
		for _, f := range fields {
			x, y := cell(a, ra, f), cell(b, rb, f)
			if x == y {
				continue
			}
			c := Change{What: what, Key: k, Field: f, Before: x, After: y}
			if fx, err1 := strconv.ParseFloat(x, 64); err1 == nil {
				if fy, err2 := strconv.ParseFloat(y, 64); err2 == nil {
					c.Delta = strconv.FormatFloat(fy-fx, 'g', 6, 64)
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// index maps each row's key (its key cells, joined by spaces; a repeated
// key gets #2, #3 ...) to the row.
func index(t *rows, key []string) map[string][]string {
	out := map[string][]string{}
	for _, r := range t.cells {
		var parts []string
		for _, k := range key {
			if v := cell(t, r, k); v != "." && v != "" {
				parts = append(parts, v)
			}
		}
		k := strings.Join(parts, " ")
		for n, base := 2, k; ; n++ {
			if _, dup := out[k]; !dup {
				break
			}
			k = base + " #" + strconv.Itoa(n)
		}
		out[k] = r
	}
	return out
}

func cell(t *rows, r []string, col string) string {
	if i, ok := t.col[col]; ok {
		return r[i]
	}
	return ""
}

// diffInputs compares the inputs' checksums by path.
func diffInputs(sa, sb map[string]string) []Change {
	var out []Change
	for _, p := range unionKeys(sa, sb) {
		x, oka := sa[p]
		y, okb := sb[p]
		switch {
		case !oka || !okb:
			out = append(out, Change{What: "input", Key: p, Field: "present", Before: yesNo(oka), After: yesNo(okb)})
		case x != y:
			out = append(out, Change{What: "input", Key: p, Field: "sha256", Before: x, After: y})
		}
	}
	return out
}

func numberChange(what, key, field string, x float64, okx bool, y float64, oky bool) Change {
	c := Change{What: what, Key: key, Field: field, Before: ".", After: "."}
	if okx {
		c.Before = strconv.FormatFloat(x, 'g', -1, 64)
	}
	if oky {
		c.After = strconv.FormatFloat(y, 'g', -1, 64)
	}
	if okx && oky {
		c.Delta = strconv.FormatFloat(y-x, 'g', 6, 64)
	}
	return c
}

// WriteDiff writes the changes as a TSV table.
func WriteDiff(w io.Writer, changes []Change) error {
	tw := table.NewWriter(w, DiffColumns)
	for _, c := range changes {
		tw.Row(c.What, c.Key, c.Field, c.Before, c.After, c.Delta)
	}
	return tw.Flush()
}

// headline are the summary paths a human summary of a diff shows.
var headline = []string{"patients", "alterations.shared", "alterations.tissue_only", "alterations.plasma_only",
	"union_shares.shared", "union_shares.tissue_only", "union_shares.plasma_only",
	"ppa_plasma_vs_tissue.value", "ppv_plasma.value"}

// Summarize writes a few lines for a human: how many alterations changed
// and how, the headline numbers that moved, the inputs that changed.
func Summarize(w io.Writer, changes []Change) {
	if len(changes) == 0 {
		fmt.Fprintln(w, "no differences: the same alterations, numbers and inputs")
		return
	}
	alts := map[string]bool{}
	fields := map[string]int{}
	counts := map[string]int{}
	for _, c := range changes {
		counts[c.What]++
		if c.What == "alteration" {
			alts[c.Key] = true
			fields[c.Field]++
		}
	}
	if len(alts) > 0 {
		var parts []string
		for _, f := range append([]string{"present"}, alterationFields...) {
			if fields[f] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", f, fields[f]))
			}
		}
		fmt.Fprintf(w, "%d alterations changed (%s)\n", len(alts), strings.Join(parts, ", "))
	}
	for _, h := range headline {
		for _, c := range changes {
			if c.What == "summary" && c.Key == h {
				fmt.Fprintf(w, "%s: %s → %s (%s)\n", h, c.Before, c.After, signed(c.Delta))
			}
		}
	}
	if n := counts["summary"]; n > 0 {
		fmt.Fprintf(w, "%d numbers of summary.json moved\n", n)
	}
	if n := counts["stratum"]; n > 0 {
		fmt.Fprintf(w, "%d stratum cells changed\n", n)
	}
	if n := counts["input"]; n > 0 {
		fmt.Fprintf(w, "%d inputs changed (by SHA-256 or path)\n", n)
	}
}

func signed(d string) string {
	if d == "" || strings.HasPrefix(d, "-") {
		return d
	}
	return "+" + d
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func unionKeys[V any](a, b map[string]V) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range []map[string]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}
