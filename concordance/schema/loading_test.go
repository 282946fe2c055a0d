package schema

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const loadingPath = "../../docs/loading.md"

// Markers of the generated column types in docs/loading.md.
const (
	typesBegin = "<!-- generated types by go test ./concordance/schema -regen: do not edit by hand -->"
	typesEnd   = "<!-- end of generated types -->"
)

// loadingTypes is the generated part of docs/loading.md: each table's
// TypeCodes as an R named vector and a Python dict.
func loadingTypes() string {
	var r, py strings.Builder
	for i, tb := range Tables {
		sep := ","
		if i == len(Tables)-1 {
			sep = ""
		}
		fmt.Fprintf(&r, "  %q = %q%s\n", tb.File, tb.TypeCodes(), sep)
		fmt.Fprintf(&py, "    %q: %q,\n", tb.File, tb.TypeCodes())
	}
	return typesBegin + "\n```r types\nconcord_types <- c(\n" + r.String() + ")\n```\n\n```python types\nCONCORD_TYPES = {\n" +
		py.String() + "}\n```\n" + typesEnd
}

// TestLoadingTypes checks that docs/loading.md's column types are the
// schema's (-regen rewrites them).
func TestLoadingTypes(t *testing.T) {
	b, err := os.ReadFile(loadingPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, want := string(b), loadingTypes()
	i, j := strings.Index(doc, typesBegin), strings.Index(doc, typesEnd)
	if i < 0 || j < i {
		t.Fatalf("docs/loading.md lacks the markers of its generated types")
	}
	if *regen {
		if err := os.WriteFile(loadingPath, []byte(doc[:i]+want+doc[j+len(typesEnd):]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if doc[i:j+len(typesEnd)] != want {
		t.Errorf("the column types of docs/loading.md are not the schema's (go test ./concordance/schema -regen)")
	}
}

// snippets are docs/loading.md's code blocks by their info string
// ("r readr", "python pandas", ...).
func snippets(t *testing.T) map[string]string {
	b, err := os.ReadFile(loadingPath)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range regexp.MustCompile("(?ms)^```(\\w+ [\\w.]+)\n(.*?)^```$").FindAllStringSubmatch(string(b), -1) {
		out[m[1]] = m[2]
	}
	for _, k := range []string{"r types", "r readr", "r data.table", "python types", "python pandas", "sql duckdb"} {
		if out[k] == "" {
			t.Fatalf("docs/loading.md has no %q block", k)
		}
	}
	return out
}

// loaded is what a reader made of one column: its type's name, the rows
// and the missing values.
type loaded struct {
	typ           string
	rows, missing int
}

// expected are, for each table file present in dir, its rows and each
// column's "." cells, read as the tables are written (tab-separated, no
// quoting).
func expected(t *testing.T, dir string) (present []*Table, rows map[string]int, missing map[string]int) {
	rows, missing = map[string]int{}, map[string]int{}
	for _, tb := range Tables {
		f, err := os.Open(filepath.Join(dir, tb.File))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		present = append(present, tb)
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		sc.Scan() // the header, which the schema fixes
		for sc.Scan() {
			rows[tb.File]++
			for i, cell := range strings.Split(sc.Text(), "\t") {
				if cell == "." && i < len(tb.Columns) {
					missing[tb.File+"\t"+tb.Columns[i].Name]++
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return present, rows, missing
}

// TestLoadingSnippets runs docs/loading.md's snippets (R readr, R
// data.table, pandas, DuckDB) on the results folder in
// $CONCORD_LOADING_RESULTS, loading every table, and checks each column of
// each: the type its kind calls for (Kind.TypeCode), every row, and as many
// missing values as the table has "." cells. scripts/test-loading.sh runs
// it on the demo's output (make test); under CI a missing reader fails.
func TestLoadingSnippets(t *testing.T) {
	src := os.Getenv("CONCORD_LOADING_RESULTS")
	if src == "" {
		t.Skip("SKIPPED: set CONCORD_LOADING_RESULTS to a results folder (scripts/test-loading.sh runs the demo and sets it)")
	}
	src, err := filepath.Abs(src)
	if err != nil {
		t.Fatal(err)
	}
	code := snippets(t)
	present, rows, missing := expected(t, src)
	if len(present) < 10 {
		t.Fatalf("%s has %d of the tables", src, len(present))
	}
	// The snippets read the folder "results" of the working directory.
	work := t.TempDir()
	if err := os.Symlink(src, filepath.Join(work, "results")); err != nil {
		t.Fatal(err)
	}
	var rFiles, pyFiles []string
	for _, tb := range present {
		rFiles = append(rFiles, strconv.Quote(tb.File))
		pyFiles = append(pyFiles, strconv.Quote(tb.File))
	}
	rEpilogue := func(reader, check string) string {
		return fmt.Sprintf("\nfor (file in c(%s)) {\n  x <- %s(file)\n  %s\n"+
			"  for (col in names(x)) cat(file, col, class(x[[col]])[1], nrow(x), sum(is.na(x[[col]])), sep = \"\\t\", fill = TRUE)\n}\n",
			strings.Join(rFiles, ", "), reader, check)
	}
	python := "/usr/bin/python3" // Debian's, where python3-pandas installs
	if _, err := os.Stat(python); err != nil {
		python = "python3"
	}
	modules, _ := filepath.Abs("../../scripts/duckdb/node_modules")
	duck := fmt.Sprintf(`const { DuckDBInstance } = require("@duckdb/node-api");
(async () => {
  const c = await (await DuckDBInstance.create(":memory:")).connect();
  for (const file of [%s]) {
    const view = file.replace(".tsv", "");
    await c.run(%s.replace(/\bstrata\b/g, view));
    const cols = (await c.runAndReadAll("DESCRIBE " + view)).getRows();
    const counts = (await c.runAndReadAll("SELECT count(*), " + cols.map(r => 'count("' + r[0] + '")').join(", ") + " FROM " + view)).getRows()[0];
    cols.forEach((r, i) => console.log([file, r[0], r[1], counts[0], counts[0] - counts[i + 1]].join("\t")));
  }
})().catch(e => { console.error(e); process.exit(1); });
`, strings.Join(pyFiles, ", "), strconv.Quote(code["sql duckdb"]))
	// The same DuckDB check on the Parquet files of --format parquet (issue
	// 15): typed by the writer, so nothing is guessed.
	duckParquet := strings.Replace(duck, "await c.run("+strconv.Quote(code["sql duckdb"])+".replace(/\\bstrata\\b/g, view));",
		"await c.run(\"CREATE VIEW \" + view + \" AS SELECT * FROM read_parquet('results/\" + view + \".parquet')\");", 1)
	if duckParquet == duck {
		t.Fatal("the Parquet variant of the DuckDB script was not made")
	}
	types := map[byte][3]string{ // readr and data.table, pandas, DuckDB
		'c': {"character", "string", "VARCHAR"},
		'i': {"integer", "Int64", "BIGINT"},
		'd': {"numeric", "float64", "DOUBLE"},
		'l': {"logical", "boolean", "BOOLEAN"},
	}
	readers := []struct {
		name, lang string
		col        int // in types
		needs      []string
		cmd        []string
		script     string
	}{
		{"readr", "R", 0, []string{"Rscript", "-e", `library(readr); library(jsonlite)`}, []string{"Rscript", "script"},
			"options(warn = 2)\n" + code["r types"] + code["r readr"] + rEpilogue("read_concord", "stopifnot(nrow(problems(x)) == 0)")},
		{"data.table", "R", 0, []string{"Rscript", "-e", `library(data.table)`}, []string{"Rscript", "script"},
			"options(warn = 2)\n" + code["r types"] + code["r data.table"] + rEpilogue("fread_concord", "")},
		{"pandas", "python", 1, []string{python, "-c", "import pandas"}, []string{python, "script"},
			"import warnings\nwarnings.simplefilter(\"error\")\n" + code["python types"] + code["python pandas"] +
				"\nfor file in [" + strings.Join(pyFiles, ", ") + "]:\n    x = read_concord(file)\n" +
				"    for col in x.columns:\n        print(file, col, str(x[col].dtype), len(x), int(x[col].isna().sum()), sep=\"\\t\")\n"},
		{"duckdb", "node", 2, []string{"node", "-e", `require("@duckdb/node-api")`}, []string{"node", "script"}, duck},
		{"duckdb parquet", "node", 2, []string{"node", "-e", `require("@duckdb/node-api")`}, []string{"node", "script"}, duckParquet},
	}
	for _, rd := range readers {
		t.Run(rd.name, func(t *testing.T) {
			env := append(os.Environ(), "NODE_PATH="+modules)
			probe := exec.Command(rd.needs[0], rd.needs[1:]...)
			probe.Env = env
			if out, err := probe.CombinedOutput(); err != nil {
				msg := fmt.Sprintf("%s cannot run (%v: %s); scripts/test-deps.sh installs it", rd.name, err, strings.TrimSpace(string(out)))
				if os.Getenv("CI") != "" {
					t.Fatal(msg)
				}
				t.Skip("SKIPPED: " + msg)
			}
			if rd.name == "duckdb parquet" {
				if _, err := os.Stat(filepath.Join(src, "strata.parquet")); err != nil {
					msg := "no Parquet tables in the results folder (run with --format parquet; scripts/test-loading.sh does)"
					if os.Getenv("CI") != "" {
						t.Fatal(msg)
					}
					t.Skip("SKIPPED: " + msg)
				}
			}
			script := filepath.Join(work, strings.ReplaceAll(rd.name, " ", "_")+".script")
			if err := os.WriteFile(script, []byte(rd.script), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(rd.cmd[0], script)
			cmd.Dir, cmd.Env = work, env
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s: %v\n%s", rd.name, err, stderr.String())
			}
			got := map[string]loaded{}
			for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				f := strings.Split(line, "\t")
				if len(f) != 5 {
					t.Fatalf("%s printed %q", rd.name, line)
				}
				n, _ := strconv.Atoi(f[3])
				m, _ := strconv.Atoi(f[4])
				got[f[0]+"\t"+f[1]] = loaded{f[2], n, m}
			}
			for _, tb := range present {
				file := tb.File
				for _, c := range tb.Columns {
					key := file + "\t" + c.Name
					l, ok := got[key]
					if !ok {
						t.Errorf("%s: %s has no column %s", rd.name, file, c.Name)
						continue
					}
					want := types[c.Kind.TypeCode()][rd.col]
					// DuckDB guesses: a column without a value is VARCHAR.
					allMissing := missing[key] == rows[file]
					if l.typ != want && !(rd.name == "duckdb" && allMissing && l.typ == "VARCHAR") {
						t.Errorf("%s: %s column %s (%s) loads as %s, want %s", rd.name, file, c.Name, c.Kind, l.typ, want)
					}
					if l.rows != rows[file] || l.missing != missing[key] {
						t.Errorf("%s: %s column %s: %d rows, %d missing; the file has %d rows, %d \".\"", rd.name, file, c.Name, l.rows, l.missing, rows[file], missing[key])
					}
				}
			}
		})
	}
}
