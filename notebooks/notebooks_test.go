package notebooks

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// notebook is what these tests read of an .ipynb file (nbformat 4).
type notebook struct {
	Cells []struct {
		CellType       string            `json:"cell_type"`
		Source         multiline         `json:"source"`
		Outputs        []json.RawMessage `json:"outputs"`
		ExecutionCount *int              `json:"execution_count"`
	} `json:"cells"`
	Metadata struct {
		Kernelspec struct {
			Name string `json:"name"`
		} `json:"kernelspec"`
		Widgets json.RawMessage `json:"widgets"`
	} `json:"metadata"`
}

// multiline is a notebook's text: one string or a list of lines
// (nbformat 4 allows both; Jupyter writes lists).
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var lines []string
	if err := json.Unmarshal(b, &lines); err == nil {
		*m = multiline(strings.Join(lines, ""))
		return nil
	}
	return json.Unmarshal(b, (*string)(m))
}

func notebooks(t *testing.T) map[string]notebook {
	t.Helper()
	files, err := filepath.Glob("*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("%d notebooks, want at least poster, explore and blood_alone", len(files))
	}
	out := map[string]notebook{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var nb notebook
		if err := json.Unmarshal(b, &nb); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[f] = nb
	}
	return out
}

// TestStripped: notebooks are committed without outputs, execution counts
// or widget state, so that their diffs show code and text only (CI
// executes them; nothing a run prints belongs in the repository).
func TestStripped(t *testing.T) {
	for name, nb := range notebooks(t) {
		if nb.Metadata.Kernelspec.Name != "gonb" {
			t.Errorf("%s: kernel %q, want gonb", name, nb.Metadata.Kernelspec.Name)
		}
		if len(nb.Metadata.Widgets) > 0 {
			t.Errorf("%s: widget state in the metadata", name)
		}
		for i, c := range nb.Cells {
			if len(c.Outputs) > 0 {
				t.Errorf("%s: cell %d has %d outputs: strip them (jupyter nbconvert --clear-output --inplace %s)", name, i+1, len(c.Outputs), name)
			}
			if c.ExecutionCount != nil {
				t.Errorf("%s: cell %d has an execution count", name, i+1)
			}
		}
	}
}

// TestImportsPinned: every package a notebook imports is standard or
// imported by imports.go, hence required in go.mod with its checksum in
// go.sum: otherwise GoNB's bare `go get` would ask the proxy for @latest.
func TestImportsPinned(t *testing.T) {
	pinned := map[string]bool{}
	f, err := parser.ParseFile(token.NewFileSet(), "imports.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		pinned[p] = true
	}
	used := map[string]bool{}
	for name, nb := range notebooks(t) {
		n := 0
		for _, c := range nb.Cells {
			if c.CellType != "code" {
				continue
			}
			for _, p := range cellImports(string(c.Source)) {
				n++
				used[p] = true
				if !pinned[p] && strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
					t.Errorf("%s imports %s, which imports.go does not", name, p)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no import found (the parser below missed them?)", name)
		}
	}
	for p := range pinned {
		if !used[p] {
			t.Errorf("imports.go imports %s, which no notebook does", p)
		}
	}
}

var importBlock = regexp.MustCompile(`(?ms)^import \((.*?)^\)|^import\s+("[^"]+")`)
var quoted = regexp.MustCompile(`"([^"]+)"`)

// cellImports lists the import paths of a cell's Go code.
func cellImports(src string) []string {
	var out []string
	for _, m := range importBlock.FindAllStringSubmatch(src, -1) {
		for _, q := range quoted.FindAllStringSubmatch(m[1]+m[2], -1) {
			out = append(out, q[1])
		}
	}
	return out
}

func TestCellImports(t *testing.T) {
	src := "import (\n\t\"fmt\"\n\tdf \"github.com/go-gota/gota/dataframe\"\n)\nimport \"os\"\n%%\nfmt.Println(\"import (x)\")\n"
	got := strings.Join(cellImports(src), " ")
	if want := "fmt github.com/go-gota/gota/dataframe os"; got != want {
		t.Errorf("cellImports = %q, want %q", got, want)
	}
}
