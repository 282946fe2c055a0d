package output

import (
	"bytes"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/concord-oncology/concord/concordance/schema"
)

// TestParquet: a table's Parquet file has the TSV's columns in order,
// typed by kind (strings as STRING, so R's arrow and DuckDB read text),
// "." as NULL, and the cells' values; the same table gives the same
// bytes.
func TestParquet(t *testing.T) {
	tab := schema.PatientsTSV
	var names []string
	for _, c := range tab.Columns {
		names = append(names, c.Name)
	}
	row := func(id, tf, days, shared string) string {
		cells := make([]string, len(names))
		for i, n := range names {
			switch n {
			case "patient_id":
				cells[i] = id
			case "tumor_fraction":
				cells[i] = tf
			case "days_between":
				cells[i] = days
			case "shared":
				cells[i] = shared
			default:
				cells[i] = "."
			}
		}
		return strings.Join(cells, "\t") + "\n"
	}
	tsv := strings.Join(names, "\t") + "\n" + row("P1", "0.0125", "-3", "4") + row("P 2", ".", ".", "0")
	f := File{Name: tab.File, Write: func(w io.Writer) error { _, err := io.WriteString(w, tsv); return err }}
	var a, b bytes.Buffer
	if err := Parquet(f, tab).Write(&a); err != nil {
		t.Fatal(err)
	}
	Parquet(f, tab).Write(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) || Parquet(f, tab).Name != "patients.parquet" {
		t.Fatal("the same table gave other bytes, or the name is wrong")
	}
	pf, err := parquet.OpenFile(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	fields := pf.Schema().Fields()
	if len(fields) != len(names) {
		t.Fatalf("%d columns, want %d", len(fields), len(names))
	}
	col := map[string]int{}
	for i, fl := range fields {
		if fl.Name() != names[i] || !fl.Optional() {
			t.Fatalf("column %d is %s (optional %v), want optional %s", i, fl.Name(), fl.Optional(), names[i])
		}
		col[fl.Name()] = i
	}
	if lt := fields[col["patient_id"]].Type().LogicalType(); lt == nil || lt.String() != "STRING" {
		t.Errorf("patient_id is not a STRING column: %v", fields[col["patient_id"]].Type())
	}
	if k := fields[col["shared"]].Type().Kind(); k != parquet.Int64 {
		t.Errorf("shared is %v, want INT64", k)
	}
	if k := fields[col["tumor_fraction"]].Type().Kind(); k != parquet.Double {
		t.Errorf("tumor_fraction is %v, want DOUBLE", k)
	}
	rows := make([]parquet.Row, 3)
	rr := pf.RowGroups()[0].Rows()
	n, _ := rr.ReadRows(rows)
	if n != 2 {
		t.Fatalf("%d rows, want 2", n)
	}
	cell := func(r parquet.Row, name string) parquet.Value {
		for _, v := range r {
			if v.Column() == col[name] {
				return v
			}
		}
		t.Fatalf("no %s", name)
		return parquet.Value{}
	}
	r0, r1 := rows[0], rows[1]
	if cell(r0, "patient_id").String() != "P1" || cell(r1, "patient_id").String() != "P 2" ||
		math.Abs(cell(r0, "tumor_fraction").Double()-0.0125) > 0 || cell(r0, "days_between").Int64() != -3 ||
		cell(r1, "shared").Int64() != 0 || !cell(r1, "tumor_fraction").IsNull() || !cell(r1, "days_between").IsNull() || !cell(r0, "stage").IsNull() {
		t.Errorf("cells not read back: %v / %v", r0, r1)
	}
}
