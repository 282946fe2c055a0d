package universe

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
	"github.com/concord-oncology/concord/internal/text"
)

// All is the panel of an assay that can report any alteration (an exome or
// genome, or --universe all): it covers everything.
func All(name string) *Panel { return &Panel{Name: name, all: true} }

// IsAll reports whether the panel covers everything.
func (p *Panel) IsAll() bool { return p.all }

// builtIn are the panels concord knows by name (sheet columns tissue_assay
// and plasma_assay): only panels whose gene list is public and
// redistributable, each with its source. Keys are lower case without
// spaces, '-' or '_'.
var builtIn = map[string]func() *Panel{
	// Illumina's published TruSight Oncology 500 gene list (523 genes;
	// the tissue and ctDNA assays list the same genes: genes/README.md).
	"tso500":                   func() *Panel { return GenePanel("TSO500", genes.TSO500()) },
	"trusightoncology500":      func() *Panel { return GenePanel("TSO500", genes.TSO500()) },
	"tso500ctdna":              func() *Panel { return GenePanel("TSO500 ctDNA", genes.TSO500()) },
	"trusightoncology500ctdna": func() *Panel { return GenePanel("TSO500 ctDNA", genes.TSO500()) },
	// Whole-exome and whole-genome assays report any gene.
	"exome":       func() *Panel { return All("exome (every gene)") },
	"wes":         func() *Panel { return All("exome (every gene)") },
	"wholeexome":  func() *Panel { return All("exome (every gene)") },
	"genome":      func() *Panel { return All("genome (every gene)") },
	"wgs":         func() *Panel { return All("genome (every gene)") },
	"wholegenome": func() *Panel { return All("genome (every gene)") },
}

// BuiltInNames are the names BuiltIn knows, for messages.
const BuiltInNames = "TSO500, TSO500 ctDNA, exome (WES), genome (WGS)"

func builtInKey(name string) string {
	return strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(name)))
}

// BuiltIn returns the built-in panel of an assay name ("TSO500",
// "TruSight Oncology 500 ctDNA", "WES" ...), or false.
func BuiltIn(name string) (*Panel, bool) {
	f, ok := builtIn[builtInKey(name)]
	if !ok {
		return nil, false
	}
	return f(), true
}

// ReadPanel reads a panel file: a BED (its first data line has at least
// three fields, the second and third whole numbers) or else a gene list.
func ReadPanel(r io.Reader, name string) (*Panel, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	first, _ := br.Peek(64 << 10)
	if isBED(first) {
		return ReadBED(br, name)
	}
	return ReadGeneList(br, name)
}

// isBED looks at the first data line of a panel file.
func isBED(head []byte) bool {
	for _, l := range strings.Split(strings.TrimPrefix(string(head), "\ufeff"), "\n") {
		s := strings.TrimSpace(l)
		if s == "" || s[0] == '#' || strings.HasPrefix(s, "track") || strings.HasPrefix(s, "browser") {
			continue
		}
		f := strings.Fields(s)
		if len(f) < 3 {
			return false
		}
		_, e1 := strconv.Atoi(f[1])
		_, e2 := strconv.Atoi(f[2])
		return e1 == nil && e2 == nil
	}
	return false
}

// ReadGeneList reads a gene list: one HGNC symbol a line (the first field
// when a line has several, separated by tabs, commas or spaces), '#' lines
// and blank lines skipped, previous symbols updated. At least one symbol
// must be a known gene (genes.Known): a file of something else is an
// error, not a panel that covers nothing.
func ReadGeneList(r io.Reader, name string) (*Panel, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var list []string
	known, line := 0, 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == ',' || r == ' ' })
		if len(f) == 0 {
			continue // separators only (",,"): no gene
		}
		g := f[0]
		if err := text.Check(g); err != nil {
			return nil, lineErr(line, "gene %s: %v", concordance.Quote(g), err)
		}
		g = genes.Current(g)
		if genes.Known(g) {
			known++
		}
		list = append(list, g)
	}
	if err := sc.Err(); err != nil {
		return nil, &concordance.LineError{Line: line + 1, Err: fmt.Errorf("universe: %v", err)}
	}
	if known == 0 {
		return nil, errors.New("universe: the panel file is neither a BED (chrom, start, end) nor a list of gene symbols (none of its entries is a known gene)")
	}
	return GenePanel(name, list), nil
}
