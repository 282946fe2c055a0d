package results

import (
	"io"
	"strings"

	"github.com/concord-oncology/concord/concordance/internal/table"
	"github.com/concord-oncology/concord/concordance/schema"
)

// reader reads one table of schema by column name. Asking for a column the
// schema does not define is a bug in this package (a test reads every
// table), so it panics.
type reader struct {
	*table.TSV
	t *schema.Table
	// text holds one copy of each text cell read: cells are pieces of
	// their line, and a row kept with them kept its whole line (a
	// 100,000-patient alterations.tsv is 171 MB of lines for 617,000 rows
	// whose text repeats: patient, gene, cancer type).
	text map[string]string
}

func open(r io.Reader, t *schema.Table) (*reader, error) {
	tsv, err := table.NewTSV(r, t.Required())
	if err != nil {
		return nil, err
	}
	return &reader{TSV: tsv, t: t, text: map[string]string{}}, nil
}

func (r *reader) column(name string, kinds ...schema.Kind) schema.Column {
	c, ok := r.t.Column(name)
	if !ok {
		panic("results: " + r.t.File + " has no column " + name + " in schema")
	}
	for _, k := range kinds {
		if c.Kind == k {
			return c
		}
	}
	panic("results: " + r.t.File + " column " + name + " is " + c.Kind.String())
}

func (r *reader) str(name string) string { return r.keep(r.cell(name)) }

// cell returns a text cell as a piece of its line: for a row that is
// checked, not kept (keep copies what is).
func (r *reader) cell(name string) string {
	r.column(name, schema.Text, schema.Sources)
	return r.Str(name)
}

// keep returns the one copy of a cell's text that the table's rows share.
func (r *reader) keep(s string) string {
	if s == "" {
		return ""
	}
	if t, ok := r.text[s]; ok {
		return t
	}
	s = strings.Clone(s)
	r.text[s] = s
	return s
}

func (r *reader) float(name string) float64 {
	r.column(name, schema.Number, schema.PValue)
	return r.Float(name)
}

func (r *reader) count(name string) int {
	r.column(name, schema.Count)
	return r.Count(name)
}

func (r *reader) integer(name string) float64 {
	r.column(name, schema.Integer)
	return r.Integer(name)
}

func (r *reader) interval(prefix string) Interval {
	return Interval{r.float(prefix + "_low"), r.float(prefix + "_high")}
}

// boolean returns a cell that must be true or false (yes or no in results
// written before concord spelt booleans as R and pandas read them); false
// for ".".
func (r *reader) boolean(name string) bool {
	r.column(name, schema.Bool)
	switch r.Str(name) {
	case schema.True, "yes":
		return true
	case schema.False, "no", "":
		return false
	}
	r.OneOf(name, schema.True, schema.False)
	return false
}

// enum returns a cell that must be one of the column's values.
func (r *reader) enum(name string) string {
	return r.OneOf(name, r.column(name, schema.Enum).Values...)
}

// optional returns a cell that must be one of the column's values or
// missing ("").
func (r *reader) optional(name string) string {
	c := r.column(name, schema.Enum)
	if s := r.Str(name); s == "" {
		return s
	}
	return r.OneOf(name, c.Values...)
}

// list returns a comma-separated cell of the column's values.
func (r *reader) list(name string) []string {
	c := r.column(name, schema.List)
	s := r.Str(name)
	if s == "" {
		return nil
	}
	out := strings.Split(s, ",")
	for i, v := range out {
		ok := false
		for _, a := range c.Values {
			if v == a {
				out[i], ok = a, true // the schema's string, not a piece of the line
			}
		}
		if !ok {
			r.Fail(name, "a list of "+strings.Join(c.Values, ", "), s)
		}
	}
	return out
}
