package output

import (
	"bufio"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/concord-oncology/concord/concordance/schema"
)

// Parquet is the table f writes (a TSV of schema table t) as a Parquet
// file, TABLE.parquet, for DuckDB, Arrow and pandas users. Its columns
// are the TSV's, in order, each typed by its schema kind: counts and whole
// numbers INT64, numbers and p-values DOUBLE, everything else (text,
// enums, lists, sources) STRING, so that R's arrow and DuckDB read text as
// text; every column is optional and "." (missing) is NULL. The TSV is
// the one definition of the cells: this reads what f writes.
func Parquet(f File, t *schema.Table) File {
	return File{Name: strings.TrimSuffix(t.File, ".tsv") + ".parquet", Write: func(w io.Writer) error {
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(f.Write(pw)) }()
		defer pr.Close() // ends the writer's goroutine on an early return
		return tsvToParquet(w, pr, t)
	}}
}

var (
	stringPtr = reflect.TypeFor[*string]()
	int64Ptr  = reflect.TypeFor[*int64]()
	floatPtr  = reflect.TypeFor[*float64]()
	boolPtr   = reflect.TypeFor[*bool]()
)

func tsvToParquet(w io.Writer, r io.Reader, t *schema.Table) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return err
		}
		return fmt.Errorf("output: %s: no header", t.File)
	}
	header := strings.Split(sc.Text(), "\t")
	fields := make([]reflect.StructField, len(header))
	kinds := make([]schema.Kind, len(header))
	for i, name := range header {
		c, ok := t.Column(name)
		if !ok {
			return fmt.Errorf("output: %s: column %s is not in the schema", t.File, name)
		}
		kinds[i] = c.Kind
		typ := stringPtr
		switch c.Kind {
		case schema.Count, schema.Integer:
			typ = int64Ptr
		case schema.Number, schema.PValue:
			typ = floatPtr
		case schema.Bool:
			typ = boolPtr
		}
		fields[i] = reflect.StructField{Name: fmt.Sprintf("C%d", i), Type: typ, Tag: reflect.StructTag(fmt.Sprintf(`parquet:"%s,optional"`, name))}
	}
	rowType := reflect.StructOf(fields)
	row := reflect.New(rowType)
	pw := parquet.NewWriter(w, parquet.SchemaOf(row.Interface()))
	for line := 2; sc.Scan(); line++ {
		cells := strings.Split(sc.Text(), "\t")
		if len(cells) != len(header) {
			return fmt.Errorf("output: %s line %d: %d cells, want %d", t.File, line, len(cells), len(header))
		}
		v := row.Elem()
		v.SetZero()
		for i, cell := range cells {
			if cell == "." {
				continue
			}
			switch kinds[i] {
			case schema.Count, schema.Integer:
				n, err := strconv.ParseInt(cell, 10, 64)
				if err != nil {
					return fmt.Errorf("output: %s line %d: %s: %v", t.File, line, header[i], err)
				}
				v.Field(i).Set(reflect.ValueOf(&n))
			case schema.Number, schema.PValue:
				x, err := strconv.ParseFloat(cell, 64)
				if err != nil {
					return fmt.Errorf("output: %s line %d: %s: %v", t.File, line, header[i], err)
				}
				v.Field(i).Set(reflect.ValueOf(&x))
			case schema.Bool:
				b, err := strconv.ParseBool(cell)
				if err != nil || (cell != "true" && cell != "false") {
					return fmt.Errorf("output: %s line %d: %s: %q is not true or false", t.File, line, header[i], cell)
				}
				v.Field(i).Set(reflect.ValueOf(&b))
			default:
				s := cell
				v.Field(i).Set(reflect.ValueOf(&s))
			}
		}
		if err := pw.Write(row.Interface()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return pw.Close()
}
