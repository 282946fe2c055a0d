package output

import (
	"io"
	"math"
	"strconv"

	"github.com/concord-oncology/concord/concordance/internal/table"
	"github.com/concord-oncology/concord/concordance/schema"
)

// tsv writes one table of schema: the header from the schema, then rows
// whose cells are added column by column, each formatted as its column's
// kind says (the decimals of a number are the schema's). A cell of the
// wrong kind, or a row of the wrong width, is a bug in this package and
// panics: the writers' tests write every table.
type tsv struct {
	w     *table.Writer
	t     *schema.Table
	cells []string
}

func newTSV(w io.Writer, t *schema.Table) *tsv {
	return &tsv{w: table.NewWriter(w, t.Names()), t: t, cells: make([]string, 0, len(t.Columns))}
}

// newRows is newTSV without the header line.
func newRows(w io.Writer, t *schema.Table) *tsv {
	return &tsv{w: table.NewRowWriter(w), t: t, cells: make([]string, 0, len(t.Columns))}
}

// next checks that the next cell is of one of the kinds.
func (x *tsv) next(kinds ...schema.Kind) schema.Column {
	if len(x.cells) >= len(x.t.Columns) {
		panic("output: " + x.t.File + ": more cells than columns")
	}
	c := x.t.Columns[len(x.cells)]
	for _, k := range kinds {
		if c.Kind == k {
			return c
		}
	}
	panic("output: " + x.t.File + ": column " + c.Name + " is " + c.Kind.String())
}

// text adds a text, enum, list or sources cell ("." when empty).
func (x *tsv) text(s string) *tsv {
	x.next(schema.Text, schema.Enum, schema.List, schema.Sources)
	x.cells = append(x.cells, s)
	return x
}

// num adds a number with the column's decimals ("." when not finite).
func (x *tsv) num(v float64) *tsv {
	c := x.next(schema.Number)
	x.cells = append(x.cells, table.FormatFloat(v, c.Decimals))
	return x
}

// boolean adds a boolean cell: true or false, "." when !known.
func (x *tsv) boolean(b, known bool) *tsv {
	x.next(schema.Bool)
	s := ""
	switch {
	case !known:
	case b:
		s = schema.True
	default:
		s = schema.False
	}
	x.cells = append(x.cells, s)
	return x
}

// p adds a p- or q-value (PValue).
func (x *tsv) p(v float64) *tsv {
	x.next(schema.PValue)
	x.cells = append(x.cells, PValue(v))
	return x
}

// count adds a count ("." when negative: unknown).
func (x *tsv) count(n int) *tsv {
	x.next(schema.Count)
	x.cells = append(x.cells, Int(n))
	return x
}

// integer adds a signed whole number, "." when !ok.
func (x *tsv) integer(n int, ok bool) *tsv {
	x.next(schema.Integer)
	s := ""
	if ok {
		s = strconv.Itoa(n)
	}
	x.cells = append(x.cells, s)
	return x
}

// end writes the row.
func (x *tsv) end() {
	if len(x.cells) != len(x.t.Columns) {
		panic("output: " + x.t.File + ": " + strconv.Itoa(len(x.cells)) + " cells for " + strconv.Itoa(len(x.t.Columns)) + " columns")
	}
	x.w.Row(x.cells...)
	x.cells = x.cells[:0]
}

func (x *tsv) flush() error { return x.w.Flush() }

// PValue formats a p- or q-value with four significant digits ("0.03125",
// "1.234e-08"), "." when undefined, so that small values keep their size.
func PValue(p float64) string {
	if math.IsNaN(p) || math.IsInf(p, 0) {
		return "."
	}
	return strconv.FormatFloat(p, 'g', 4, 64)
}

// Int formats a count, "." when negative (unknown).
func Int(n int) string {
	if n < 0 {
		return "."
	}
	return strconv.Itoa(n)
}
