// Package regression compares a results folder with what it should hold:
// Verify checks named metrics against an expectation table with a
// tolerance each (a lab's CI regression on its published numbers), and
// Diff lists what changed between two results folders of one cohort
// (alterations that changed category, status, tier or reason; headline
// and stratum numbers that moved; inputs whose bytes changed).
//
// Tables are addressed by their file names in concordance/schema and read
// as text, so that any cell of any table can be named; summary.json is
// read through results.ReadSummary and addressed by its JSON path.
package regression

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/table"
	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
)

// folder is a results folder read lazily, table by table.
type folder struct {
	fsys    fs.FS
	name    string
	tables  map[string]*rows
	summary map[string]any
}

// rows is one TSV table: its header and its rows.
type rows struct {
	header []string
	col    map[string]int
	cells  [][]string
}

func newFolder(fsys fs.FS, name string) *folder {
	return &folder{fsys: fsys, name: name, tables: map[string]*rows{}}
}

// known reports whether file is a table of the schema.
func known(file string) bool {
	for _, t := range schema.Tables {
		if t.File == file {
			return true
		}
	}
	return file == schema.SummaryFile
}

// table reads one TSV table of the folder (once).
func (f *folder) table(file string) (*rows, error) {
	if t, ok := f.tables[file]; ok {
		return t, nil
	}
	r, err := f.fsys.Open(file)
	if err != nil {
		return nil, concordance.FileError(path.Join(f.name, file), err)
	}
	defer r.Close()
	t := &rows{col: map[string]int{}}
	lines := table.NewLines(r)
	for lines.Next() {
		if lines.Text == "" {
			continue
		}
		cells := strings.Split(lines.Text, "\t")
		if t.header == nil {
			t.header = cells
			for i, h := range cells {
				t.col[h] = i
			}
			continue
		}
		if len(cells) != len(t.header) {
			return nil, table.Errorf(path.Join(f.name, file), lines.N, "%d cells, the header has %d", len(cells), len(t.header))
		}
		t.cells = append(t.cells, cells)
	}
	if err := lines.Err(); err != nil {
		return nil, table.Errorf(path.Join(f.name, file), lines.N+1, "%v", err)
	}
	if t.header == nil {
		return nil, table.Errorf(path.Join(f.name, file), 1, "empty table, expected a header row")
	}
	f.tables[file] = t
	return t, nil
}

// summaryMap reads summary.json through the schema, as a tree of JSON
// values for addressing by path.
func (f *folder) summaryMap() (map[string]any, error) {
	if f.summary != nil {
		return f.summary, nil
	}
	file := path.Join(f.name, schema.SummaryFile)
	r, err := f.fsys.Open(schema.SummaryFile)
	if err != nil {
		return nil, concordance.FileError(file, err)
	}
	defer r.Close()
	s, err := results.ReadSummary(r)
	if err != nil {
		return nil, concordance.AtFile(file, err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &f.summary); err != nil {
		return nil, err
	}
	return f.summary, nil
}

// lookup returns the value at a dotted JSON path of summary.json.
func lookup(m map[string]any, p string) (any, bool) {
	var v any = m
	for _, k := range strings.Split(p, ".") {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = mm[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// leaves lists the numeric leaves of a JSON tree by path, skipping the
// subtrees named in skip.
func leaves(v any, prefix string, skip map[string]bool, out map[string]float64) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			if !skip[p] {
				leaves(x[k], p, skip, out)
			}
		}
	case float64:
		out[prefix] = x
	}
}

// Row selects one row of a table by column=value pairs.
type Row []struct{ Column, Value string }

// ParseRow parses "column=value;column=value" ("" or "." selects the only
// row, or the summary).
func ParseRow(s string) (Row, error) {
	var r Row
	if s == "" || s == "." {
		return r, nil
	}
	for _, part := range strings.Split(s, ";") {
		c, v, ok := strings.Cut(part, "=")
		if !ok || c == "" {
			return nil, fmt.Errorf("row %s: want column=value;column=value", concordance.Quote(s))
		}
		r = append(r, struct{ Column, Value string }{c, v})
	}
	return r, nil
}

// find returns the one row of t that r selects.
func (t *rows) find(r Row) ([]string, error) {
	for _, kv := range r {
		if _, ok := t.col[kv.Column]; !ok {
			return nil, fmt.Errorf("no column %s", concordance.Quote(kv.Column))
		}
	}
	var hit []string
	n := 0
	for _, cells := range t.cells {
		ok := true
		for _, kv := range r {
			if cells[t.col[kv.Column]] != kv.Value {
				ok = false
				break
			}
		}
		if ok {
			hit = cells
			n++
		}
	}
	switch {
	case n == 0:
		return nil, errors.New("no row matches")
	case n > 1:
		return nil, fmt.Errorf("%d rows match (name more columns)", n)
	}
	return hit, nil
}
