package table

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/internal/text"
)

// TSV reads a tab-separated table whose first row names its columns, cell
// by column name: concord's own result tables (docs/outputs.md), read back
// for figures and the report. Added columns do not break a reader; a
// missing required column, a row of the wrong width or a cell that is not
// what its column promises is a LineError. "." (or an absent optional
// column) is a missing value. Blank lines are skipped.
//
// The typed getters record the first bad cell and return a placeholder;
// Next then stops, and Err says which line and column were wrong.
type TSV struct {
	lines  *Lines
	cols   map[string]int
	header []string
	cells  []string
	err    error
}

// NewTSV reads the header row of r and checks that it has the required
// columns.
func NewTSV(r io.Reader, required []string) (*TSV, error) {
	t := &TSV{lines: NewLines(r), cols: map[string]int{}}
	if !t.lines.Next() {
		if err := t.lines.Err(); err != nil {
			return nil, &LineError{Line: 1, Err: err}
		}
		return nil, &LineError{Line: 1, Err: errors.New("empty table, expected a header row")}
	}
	t.header = strings.Split(t.lines.Text, "\t")
	for i, h := range t.header {
		t.cols[h] = i
	}
	var missing []string
	for _, c := range required {
		if _, ok := t.cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, &LineError{Line: 1, Err: fmt.Errorf("header lacks column(s) %s", strings.Join(missing, ", "))}
	}
	return t, nil
}

// Next advances to the next non-blank row.
func (t *TSV) Next() bool {
	if t.err != nil {
		return false
	}
	for t.lines.Next() {
		if t.lines.Text == "" {
			continue
		}
		// split into the last line's slice, not a new one for each line
		t.cells = t.cells[:0]
		for rest, more := t.lines.Text, true; more; {
			var c string
			c, rest, more = strings.Cut(rest, "\t")
			t.cells = append(t.cells, c)
		}
		if len(t.cells) != len(t.header) {
			t.err = &LineError{Line: t.lines.N, Err: fmt.Errorf("%d cells, expected %d (one per header column)", len(t.cells), len(t.header))}
			return false
		}
		return true
	}
	if err := t.lines.Err(); err != nil {
		t.err = &LineError{Line: t.lines.N + 1, Err: err}
	}
	return false
}

// Err is the first error of the table (a read error or a bad cell).
func (t *TSV) Err() error { return t.err }

// Has reports whether the header has the column.
func (t *TSV) Has(col string) bool {
	_, ok := t.cols[col]
	return ok
}

// Fail records that a cell of col is not what it should be (want), unless
// an earlier cell failed.
func (t *TSV) Fail(col, want, got string) {
	if t.err == nil {
		t.err = &LineError{Line: t.lines.N, Err: fmt.Errorf("column %s: %s is not %s", col, text.Quote(got), want)}
	}
}

// Str returns a cell, "" for "." or an absent optional column.
func (t *TSV) Str(col string) string {
	i, ok := t.cols[col]
	if !ok {
		return ""
	}
	if v := t.cells[i]; v != "." {
		return v
	}
	return ""
}

// Float returns a number, NaN for ".".
func (t *TSV) Float(col string) float64 {
	s := t.Str(col)
	if s == "" {
		return math.NaN()
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) {
		t.Fail(col, "a number or '.'", s)
		return math.NaN()
	}
	return x
}

// Count returns a non-negative integer, -1 for ".".
func (t *TSV) Count(col string) int {
	s := t.Str(col)
	if s == "" {
		return -1
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		t.Fail(col, "a count or '.'", s)
		return -1
	}
	return n
}

// Integer returns a signed whole number as a float64, NaN for ".".
func (t *TSV) Integer(col string) float64 {
	s := t.Str(col)
	if s == "" {
		return math.NaN()
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fail(col, "a whole number or '.'", s)
		return math.NaN()
	}
	return float64(n)
}

// OneOf returns a cell that must be one of allowed ("." is "" and must be
// allowed as "" to pass).
func (t *TSV) OneOf(col string, allowed ...string) string {
	s := t.Str(col)
	for _, a := range allowed {
		if s == a {
			return a // not a piece of the line, which a kept row would keep
		}
	}
	got := ""
	if i, ok := t.cols[col]; ok {
		got = t.cells[i]
	}
	t.Fail(col, "one of "+strings.Join(allowed, ", "), got)
	return s
}
