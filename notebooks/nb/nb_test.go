package nb

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
)

// fixture is concord's plots/report fixture (internal/fixturegen), a
// results folder written by analysis.Cohort and package output.
const fixture = "../../testdata/results"

// TestFrameEveryColumn: a frame far wider than gota's text rendering
// shows every column and cell, escaped, and says which rows it leaves out.
func TestFrameEveryColumn(t *testing.T) {
	var cols []series.Series
	for j := 0; j < 40; j++ {
		cols = append(cols, series.New([]string{fmt.Sprintf("r0c%d", j), "<b>&", "x", "y"}, series.String, fmt.Sprintf("column_%02d", j)))
	}
	df := dataframe.New(cols...)
	if s := df.String(); strings.Contains(s, "column_39") {
		t.Log("gota's String shows every column here; the HTML table is still checked")
	}
	h := Frame("wide", df, 2)
	for j := 0; j < 40; j++ {
		if !strings.Contains(h, fmt.Sprintf("<th>column_%02d</th>", j)) || !strings.Contains(h, fmt.Sprintf("<td>r0c%d</td>", j)) {
			t.Fatalf("column %d missing from the HTML table", j)
		}
	}
	if strings.Contains(h, "<b>&") || !strings.Contains(h, "&lt;b&gt;&amp;") {
		t.Error("cells are not escaped")
	}
	if strings.Contains(h, "<td>x</td>") || !strings.Contains(h, "2 more rows not shown") {
		t.Error("rows beyond maxRows shown, or not said")
	}
	if !strings.Contains(h, "(4 rows × 40 columns)") {
		t.Error("the frame's size is not said")
	}
}

// TestReadFrame: alterations.tsv and patients.tsv load with schema's types,
// every row and column, and agree with concord's own reader cell by cell
// where both read a value.
func TestReadFrame(t *testing.T) {
	df, err := ReadFrame(fixture, schema.AlterationsTSV)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(fixture, schema.AlterationsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := results.ReadAlterations(f)
	if err != nil {
		t.Fatal(err)
	}
	if df.Nrow() != len(rows) || df.Nrow() == 0 {
		t.Fatalf("%d rows in the frame, %d read by results", df.Nrow(), len(rows))
	}
	for _, c := range []struct {
		name string
		want series.Type
	}{{"pos", series.Int}, {"tissue_vaf", series.Float}, {"gene", series.String}, {"category", series.String}} {
		if got := df.Col(c.name).Type(); got != c.want {
			t.Errorf("%s: gota type %s, want %s", c.name, got, c.want)
		}
	}
	vaf, na := df.Col("tissue_vaf").Float(), df.Col("tissue_vaf").IsNaN()
	gene, missingVAF := df.Col("gene").Records(), 0
	for i, r := range rows {
		if gene[i] != r.Gene {
			t.Fatalf("row %d: gene %q, results reads %q", i+1, gene[i], r.Gene)
		}
		if math.IsNaN(r.TissueVAF) != na[i] || !na[i] && vaf[i] != r.TissueVAF {
			t.Fatalf("row %d: tissue_vaf %v, results reads %v", i+1, vaf[i], r.TissueVAF)
		}
		if na[i] {
			missingVAF++
		}
	}
	if missingVAF == 0 {
		t.Error("the fixture has no missing tissue VAF: the \".\" case is untested")
	}
	p, err := ReadFrame(fixture, schema.PatientsTSV)
	if err != nil {
		t.Fatal(err)
	}
	if p.Col("days_between").Type() != series.Int || p.Nrow() == 0 {
		t.Errorf("patients.tsv: days_between is %s, %d rows", p.Col("days_between").Type(), p.Nrow())
	}
	if _, err := ReadFrame(t.TempDir(), schema.PatientsTSV); err == nil {
		t.Error("a folder without patients.tsv read without error")
	}
}

func TestPct(t *testing.T) {
	for _, c := range []struct {
		x    float64
		d    int
		want string
	}{{0.519, 1, "51.9%"}, {0.5, 0, "50%"}, {math.NaN(), 1, "."}} {
		if got := Pct(c.x, c.d); got != c.want {
			t.Errorf("Pct(%v, %d) = %q, want %q", c.x, c.d, got, c.want)
		}
	}
}
