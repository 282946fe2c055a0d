// Package nb holds what concord's notebooks share: where a notebook reads
// and writes, tables and figures shown as HTML in the notebook, and the
// results folder's tables loaded into gota data frames typed by concord's
// output contract (package schema). It holds no analysis: the notebooks
// call concord's packages for that.
package nb

import (
	"encoding/base64"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/janpfeifer/gonb/gonbui"

	"github.com/concord-oncology/concord/concordance/schema"
)

// Env is the environment variable name, or def when it is unset or empty.
func Env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// Results is the results folder a notebook reads: CONCORD_RESULTS, or def.
func Results(def string) string { return Env("CONCORD_RESULTS", def) }

// Out is the folder dir a notebook writes into: under CONCORD_NOTEBOOK_OUT
// when set, else beside the notebook.
func Out(dir string) string { return filepath.Join(Env("CONCORD_NOTEBOOK_OUT", "."), dir) }

// Check stops the cell (and a headless run) when err is not nil.
func Check(err error) {
	if err != nil {
		panic(err)
	}
}

// Pct writes a share as a percentage with decimals digits, "." when it is
// undefined.
func Pct(x float64, decimals int) string {
	if math.IsNaN(x) {
		return "."
	}
	return fmt.Sprintf("%.*f%%", decimals, 100*x)
}

// Table renders rows as an HTML table, the first row as its header, every
// cell escaped.
func Table(rows [][]string) string {
	var b strings.Builder
	b.WriteString(`<div style="overflow-x:auto"><table>`)
	for i, r := range rows {
		tag := "td"
		if i == 0 {
			tag = "th"
		}
		b.WriteString("<tr>")
		for _, c := range r {
			fmt.Fprintf(&b, "<%s>%s</%s>", tag, html.EscapeString(c), tag)
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table></div>")
	return b.String()
}

// Frame renders a data frame as an HTML table with every column (the
// table scrolls sideways; gota's String cuts wide frames) and at most
// maxRows rows, saying how many it leaves out. Numbers are written with
// four significant digits, missing values as ".".
func Frame(title string, df dataframe.DataFrame, maxRows int) string {
	rows := [][]string{df.Names()}
	cols := make([][]string, df.Ncol())
	for j, name := range df.Names() {
		c := df.Col(name)
		cols[j] = c.Records()
		na := c.IsNaN()
		for i := range cols[j] {
			switch {
			case na[i]:
				cols[j][i] = "."
			case c.Type() == series.Float:
				cols[j][i] = fmt.Sprintf("%.4g", c.Elem(i).Float())
			}
		}
	}
	for i := 0; i < df.Nrow() && i < maxRows; i++ {
		r := make([]string, len(cols))
		for j := range cols {
			r[j] = cols[j][i]
		}
		rows = append(rows, r)
	}
	out := fmt.Sprintf("<p><b>%s</b> (%d rows × %d columns)</p>", html.EscapeString(title), df.Nrow(), df.Ncol()) + Table(rows)
	if df.Nrow() > maxRows {
		out += fmt.Sprintf("<p>… %d more rows not shown</p>", df.Nrow()-maxRows)
	}
	return out
}

// PNG is an HTML image of a PNG, as wide as the notebook at most.
func PNG(png []byte) string {
	return `<img style="max-width:100%" src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(png) + `">`
}

// Show displays HTML in the notebook and waits until GoNB has it: a cell
// that displays and exits at once may otherwise lose what it displayed.
func Show(html string) {
	gonbui.DisplayHTML(html)
	gonbui.Sync()
}

// ShowMarkdown displays Markdown in the notebook, as Show does HTML.
func ShowMarkdown(md string) {
	gonbui.DisplayMarkdown(md)
	gonbui.Sync()
}

// ReadFrame loads one table of a results folder into a data frame, each
// column typed by schema (counts and integers as gota ints, numbers and
// p-values as floats, the rest as strings; a column schema does not know
// is a string) and "." read as a missing value. gota keeps its errors on
// the frame; ReadFrame returns them.
func ReadFrame(dir string, t *schema.Table) (dataframe.DataFrame, error) {
	f, err := os.Open(filepath.Join(dir, t.File))
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	defer f.Close()
	types := map[string]series.Type{}
	for _, c := range t.Columns {
		types[c.Name] = gotaType(c.Kind)
	}
	df := dataframe.ReadCSV(f, dataframe.WithDelimiter('\t'), dataframe.WithLazyQuotes(true),
		dataframe.DetectTypes(false), dataframe.DefaultType(series.String),
		dataframe.WithTypes(types), dataframe.NaNValues([]string{"."}))
	if df.Err != nil {
		return df, fmt.Errorf("%s: %w", t.File, df.Err)
	}
	return df, nil
}

// gotaType is the gota column type of a schema column kind.
func gotaType(k schema.Kind) series.Type {
	switch k {
	case schema.Count, schema.Integer:
		return series.Int
	case schema.Number, schema.PValue:
		return series.Float
	}
	return series.String
}
