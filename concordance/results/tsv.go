package results

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
)

// table reads a tab-separated table with a header row, by column name.
type table struct {
	sc     *bufio.Scanner
	cols   map[string]int
	cells  []string
	line   int
	err    error
	header []string
}

func newTable(r io.Reader, required []string) (*table, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	t := &table{sc: sc, cols: map[string]int{}}
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("results: %w", err)
		}
		return nil, &concordance.LineError{Line: 1, Err: errors.New("results: empty table, expected a header row")}
	}
	t.line = 1
	t.header = strings.Split(strings.TrimSuffix(sc.Text(), "\r"), "\t")
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
		return nil, &concordance.LineError{Line: 1, Err: fmt.Errorf("results: header lacks column(s) %s", strings.Join(missing, ", "))}
	}
	return t, nil
}

// next advances to the next non-empty row.
func (t *table) next() bool {
	if t.err != nil {
		return false
	}
	for t.sc.Scan() {
		t.line++
		s := strings.TrimSuffix(t.sc.Text(), "\r")
		if s == "" {
			continue
		}
		t.cells = strings.Split(s, "\t")
		if len(t.cells) != len(t.header) {
			t.err = &concordance.LineError{Line: t.line, Err: fmt.Errorf("results: %d cells, expected %d (one per header column)", len(t.cells), len(t.header))}
			return false
		}
		return true
	}
	if err := t.sc.Err(); err != nil {
		t.err = &concordance.LineError{Line: t.line + 1, Err: fmt.Errorf("results: %w", err)}
	}
	return false
}

func (t *table) fail(col, want, got string) {
	if t.err == nil {
		t.err = &concordance.LineError{Line: t.line, Err: fmt.Errorf("results: column %s: %s is not %s", col, concordance.Quote(got), want)}
	}
}

// str returns a cell, "" for "." or an absent optional column.
func (t *table) str(col string) string {
	i, ok := t.cols[col]
	if !ok {
		return ""
	}
	if v := t.cells[i]; v != "." {
		return v
	}
	return ""
}

// float returns a number, NaN for ".".
func (t *table) float(col string) float64 {
	s := t.str(col)
	if s == "" {
		return math.NaN()
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) {
		t.fail(col, "a number or '.'", s)
		return math.NaN()
	}
	return x
}

// count returns a non-negative integer, -1 for ".".
func (t *table) count(col string) int {
	s := t.str(col)
	if s == "" {
		return -1
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		t.fail(col, "a count or '.'", s)
		return -1
	}
	return n
}

// oneOf checks a cell against the values its column allows.
func (t *table) oneOf(col string, allowed ...string) string {
	s := t.str(col)
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	t.fail(col, "one of "+strings.Join(allowed, ", "), t.cells[t.cols[col]])
	return s
}

// integer returns a signed whole number as a float64, NaN for ".".
func (t *table) integer(col string) float64 {
	s := t.str(col)
	if s == "" {
		return math.NaN()
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.fail(col, "a whole number or '.'", s)
		return math.NaN()
	}
	return float64(n)
}
