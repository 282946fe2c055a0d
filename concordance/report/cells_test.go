package report

import (
	"html/template"
	"strings"
	"testing"
)

// TestCellsAsTemplate: a table's Cells are what html/template writes for
// the head and rows through the template they replaced (oracle:
// html/template executing it), for text with every character it escapes,
// NUL, '+', other Unicode and invalid UTF-8, numeric and text columns,
// empty cells and a table without rows.
func TestCellsAsTemplate(t *testing.T) {
	oracle := template.Must(template.New("cells").Parse(`<thead><tr>{{$num := .Numeric}}{{range $i, $h := .Head}}<th{{if index $num $i}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range $i, $c := .}}<td{{if index $num $i}} class="num"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</tbody>`))
	odd := []string{"", "a<b>&c", `"quoted" 'single'`, "1+2=3", "nul\x00here", "µ ≥ 0.5 — ✓", "bad \xff\xfe utf8 <", "&amp; already", "tab\tand\nnewline", "\uFFFD", strings.Repeat("<>", 100)}
	for _, tc := range []*table{
		{Head: []string{"gene", "n", "share"}, Numeric: []bool{false, true, true}, Rows: [][]string{{"KRAS", "12", "45.0%"}, {"A+B", "0", "."}}},
		{Head: odd, Numeric: make([]bool, len(odd)), Rows: [][]string{odd, odd[1:]}},
		{Head: []string{"only <head>"}, Numeric: []bool{true}},
	} {
		var want strings.Builder
		if err := oracle.Execute(&want, tc); err != nil {
			t.Fatal(err)
		}
		if got := string(tc.Cells()); got != want.String() {
			t.Errorf("cells\n%q\nwant\n%q", got, want.String())
		}
	}
}
