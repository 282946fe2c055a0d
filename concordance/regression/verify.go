package regression

import (
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/table"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/infile"
)

// ExpectColumns are the columns of an expectation table (docs/verify.md).
var ExpectColumns = []string{"table", "row", "column", "expected", "tolerance"}

// Expectation is one metric to check.
type Expectation struct {
	Line      int
	Table     string // a result file: strata.tsv, summary.json, ...
	Row       string // column=value;... selecting one row ("." for summary.json)
	Column    string // a column, or a dotted JSON path in summary.json
	Expected  string
	Tolerance string // exact, abs:X, rel:X or ci
	row       Row
	kind      string
	tol       float64
}

// Name is how a report names the metric.
func (e *Expectation) Name() string {
	if e.Table == schema.SummaryFile {
		return e.Table + ":" + e.Column
	}
	return e.Table + "[" + e.Row + "]:" + e.Column
}

// ReadExpectations reads an expectation table: TSV, '#' comment lines,
// the columns of ExpectColumns (more are allowed: notes).
func ReadExpectations(r io.Reader) ([]Expectation, error) {
	lines := table.NewLines(r)
	var (
		col map[string]int
		out []Expectation
	)
	for lines.NextRow() {
		cells := strings.Split(lines.Text, "\t")
		if col == nil {
			col = map[string]int{}
			for i, h := range cells {
				col[strings.TrimSpace(h)] = i
			}
			for _, c := range ExpectColumns {
				if _, ok := col[c]; !ok {
					return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("header lacks column %s (want %s)", c, strings.Join(ExpectColumns, ", "))}
				}
			}
			continue
		}
		get := func(c string) string {
			if i := col[c]; i < len(cells) {
				return strings.TrimSpace(cells[i])
			}
			return ""
		}
		for _, c := range cells {
			if err := concordance.CheckText(c); err != nil {
				return nil, &concordance.LineError{Line: lines.N, Err: err}
			}
		}
		e := Expectation{Line: lines.N, Table: get("table"), Row: get("row"), Column: get("column"), Expected: get("expected"), Tolerance: get("tolerance")}
		if err := e.parse(); err != nil {
			return nil, &concordance.LineError{Line: e.Line, Err: err}
		}
		out = append(out, e)
	}
	if err := lines.Err(); err != nil {
		return nil, &concordance.LineError{Line: lines.N + 1, Err: err}
	}
	if len(out) == 0 {
		return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("no expectations (want a header %s and a row per metric)", strings.Join(ExpectColumns, ", "))}
	}
	return out, nil
}

func (e *Expectation) parse() error {
	if !known(e.Table) {
		return fmt.Errorf("table %s is not a file of a results folder (docs/outputs.md)", concordance.Quote(e.Table))
	}
	if e.Column == "" {
		return fmt.Errorf("empty column")
	}
	var err error
	if e.row, err = ParseRow(e.Row); err != nil {
		return err
	}
	kind, v, _ := strings.Cut(e.Tolerance, ":")
	e.kind = kind
	switch kind {
	case "exact", "ci":
		if v != "" {
			return fmt.Errorf("tolerance %s takes no value", concordance.Quote(e.Tolerance))
		}
	case "abs", "rel":
		e.tol, err = strconv.ParseFloat(v, 64)
		if err != nil || !(e.tol >= 0) || math.IsInf(e.tol, 0) {
			return fmt.Errorf("tolerance %s: want %s:X with X a number ≥ 0", concordance.Quote(e.Tolerance), kind)
		}
	default:
		return fmt.Errorf("tolerance %s: want exact, abs:X, rel:X or ci", concordance.Quote(e.Tolerance))
	}
	if kind != "exact" {
		if _, err := strconv.ParseFloat(e.Expected, 64); err != nil {
			return fmt.Errorf("expected %s is not a number (tolerance %s)", concordance.Quote(e.Expected), e.Tolerance)
		}
	}
	return nil
}

// Check is one metric's outcome.
type Check struct {
	*Expectation
	Observed string
	OK       bool
	Detail   string // why it failed, or the interval of a ci check
}

// Verify checks every expectation against the results folder in fsys
// (name names it in errors). A metric the folder lacks fails; an
// unreadable table is an error.
func Verify(fsys fs.FS, name string, exp []Expectation) ([]Check, error) {
	f := newFolder(fsys, name)
	out := make([]Check, len(exp))
	for i := range exp {
		c := Check{Expectation: &exp[i]}
		obs, lo, hi, err := f.observe(&exp[i])
		if err != nil {
			if concordance.IsInputError(err) {
				return nil, err
			}
			c.Detail = err.Error()
			out[i] = c
			continue
		}
		c.Observed = obs
		c.OK, c.Detail = judge(&exp[i], obs, lo, hi)
		out[i] = c
	}
	return out, nil
}

// observe returns a metric's observed value and, for ci checks, its
// interval.
func (f *folder) observe(e *Expectation) (obs string, lo, hi float64, err error) {
	lo, hi = math.NaN(), math.NaN()
	if e.Table == schema.SummaryFile {
		m, err := f.summaryMap()
		if err != nil {
			return "", lo, hi, err
		}
		v, ok := lookup(m, e.Column)
		if obj, isObj := v.(map[string]any); isObj {
			// an estimate: {value, ci_low, ci_high}
			v, ok = obj["value"]
			m = obj
		} else if i := strings.LastIndex(e.Column, "."); i >= 0 {
			parent, _ := lookup(m, e.Column[:i])
			m, _ = parent.(map[string]any) // a nil map: no interval
		}
		if !ok {
			return "", lo, hi, fmt.Errorf("%s has no %s", schema.SummaryFile, concordance.Quote(e.Column))
		}
		if l, ok := m["ci_low"].(float64); ok {
			lo = l
		}
		if h, ok := m["ci_high"].(float64); ok {
			hi = h
		}
		return fmt.Sprint(v), lo, hi, nil
	}
	t, err := f.table(e.Table)
	if err != nil {
		return "", lo, hi, err
	}
	cells, err := t.find(e.row)
	if err != nil {
		return "", lo, hi, fmt.Errorf("%s: %v", e.Table, err)
	}
	c, ok := t.col[e.Column]
	if !ok {
		return "", lo, hi, fmt.Errorf("%s has no column %s", e.Table, concordance.Quote(e.Column))
	}
	base := strings.TrimSuffix(e.Column, "_frac")
	for _, b := range []string{e.Column, base} {
		l, okl := t.col[b+"_ci_low"]
		h, okh := t.col[b+"_ci_high"]
		if okl && okh {
			lo, _ = strconv.ParseFloat(cells[l], 64)
			hi, _ = strconv.ParseFloat(cells[h], 64)
			break
		}
	}
	return cells[c], lo, hi, nil
}

// judge compares an observed value with the expectation.
func judge(e *Expectation, obs string, lo, hi float64) (bool, string) {
	if e.kind == "exact" {
		return obs == e.Expected, ""
	}
	want, _ := strconv.ParseFloat(e.Expected, 64)
	got, err := strconv.ParseFloat(obs, 64)
	if err != nil {
		return false, fmt.Sprintf("observed %s is not a number", concordance.Quote(obs))
	}
	d := math.Abs(got - want)
	switch e.kind {
	case "abs":
		return d <= e.tol+1e-12, fmt.Sprintf("off by %.4g", d)
	case "rel":
		return d <= e.tol*math.Abs(want)+1e-12, fmt.Sprintf("off by %.2f%%", 100*d/math.Abs(want))
	}
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return false, "no 95% interval for this metric (use abs: or rel:)"
	}
	return want >= lo && want <= hi, fmt.Sprintf("interval %.4g–%.4g", lo, hi)
}

// WriteChecks prints the checks as a table: status, metric, expected,
// observed, tolerance, detail.
func WriteChecks(w io.Writer, checks []Check) (failed int, err error) {
	tw := table.NewWriter(w, []string{"status", "metric", "expected", "observed", "tolerance", "detail"})
	for _, c := range checks {
		st := "ok"
		if !c.OK {
			st = "DRIFT"
			failed++
		}
		tw.Row(st, c.Name(), c.Expected, dot(c.Observed), c.Tolerance, dot(c.Detail))
	}
	return failed, tw.Flush()
}

func dot(s string) string {
	if s == "" {
		return "."
	}
	return s
}

// ReadExpectationsFile reads the expectation table at path (through
// internal/infile: a regular file, lines capped, gzip read): the package's
// one path-level helper, for the command line.
func ReadExpectationsFile(path string) ([]Expectation, error) {
	f, err := infile.Open(path, infile.Limits{})
	if err != nil {
		return nil, concordance.FileError(path, err)
	}
	defer f.Close()
	exp, err := ReadExpectations(f)
	return exp, concordance.AtFile(path, err)
}
