package levels

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/oncotree"
)

// Groups is a user's grouping of cancer types (--cancer-groups FILE): the
// levels of the cancer_type dimension, and of every table that names a
// patient's cancer type, for the patients it matches. Patients it does
// not match are grouped by OncoTree tissue (Organ).
//
// The file is TSV or CSV (sniffed from the header line, as the sample
// sheet is), UTF-8, with a header naming two columns, cancer_type and
// group (case ignored; other columns are ignored), and one line per
// cancer type; blank lines and lines starting with "#" are skipped:
//
//	cancer_type	group
//	LUAD	NSCLC
//	Lung Squamous Cell Carcinoma	NSCLC
//	SCLC	SCLC
//	Bowel	Colorectal
//
// A cancer_type cell is matched, regardless of case and spacing, against
// a patient's OncoTree code, then its cancer type as the sheet writes it,
// then the OncoTree name of its code, then its OncoTree tissue (so
// "Bowel" groups every bowel cancer the lines before it did not); the
// first match gives the group.
type Groups struct {
	name   string
	groups map[string]string // key (folded) → group
	n      int               // distinct groups
}

// groupColumns are the columns of a groups file.
const (
	groupKeyColumn   = "cancer_type"
	groupValueColumn = "group"
)

// fold is how a cancer-type key is compared: case and runs of spaces
// ignored.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// ReadGroups reads a groups file; name is how the rule names it (its
// base name). Bad input is a *concordance.LineError naming the line.
func ReadGroups(r io.Reader, name string) (*Groups, error) {
	g := &Groups{name: name, groups: map[string]string{}}
	br := bufio.NewReader(r)
	line := 0
	var header string
	for {
		s, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return nil, &concordance.LineError{Line: line + 1, Err: fmt.Errorf("cancer groups: %w", err)}
		}
		if s == "" && err != nil {
			return nil, &concordance.LineError{Line: max(line, 1), Err: errors.New("cancer groups: no header line (want cancer_type and group columns)")}
		}
		line++
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		t := strings.TrimRight(s, "\r\n")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(strings.TrimSpace(t), "#") {
			continue
		}
		header = t
		break
	}
	headerLine := line
	cr := csv.NewReader(io.MultiReader(strings.NewReader(header+"\n"), br))
	cr.Comma = '\t'
	if strings.Count(header, ",") > strings.Count(header, "\t") {
		cr.Comma = ','
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.Comment = '#'
	cols, err := cr.Read()
	if err != nil {
		return nil, &concordance.LineError{Line: headerLine, Err: fmt.Errorf("cancer groups: %v", err)}
	}
	key, value := -1, -1
	for i, c := range cols {
		switch strings.ToLower(strings.TrimSpace(c)) {
		case groupKeyColumn:
			key = i
		case groupValueColumn:
			value = i
		}
	}
	if key < 0 || value < 0 {
		return nil, &concordance.LineError{Line: headerLine, Err: fmt.Errorf("cancer groups: the header must name the columns %s and %s (it has: %s)",
			groupKeyColumn, groupValueColumn, quoteAll(cols))}
	}
	first := map[string]int{} // key → line
	distinct := map[string]bool{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &concordance.LineError{Line: headerLine + pe.Line - 1, Err: fmt.Errorf("cancer groups: %v", pe.Err)}
			}
			return nil, &concordance.LineError{Line: headerLine, Err: fmt.Errorf("cancer groups: %w", err)}
		}
		pos, _ := cr.FieldPos(0)
		at := headerLine + pos - 1
		blank := true
		for _, c := range rec {
			if err := concordance.CheckText(c); err != nil {
				return nil, &concordance.LineError{Line: at, Err: fmt.Errorf("cancer groups: %w", err)}
			}
			blank = blank && strings.TrimSpace(c) == ""
		}
		if blank {
			continue
		}
		if key >= len(rec) || value >= len(rec) {
			return nil, &concordance.LineError{Line: at, Err: fmt.Errorf("cancer groups: %d fields, want a %s and a %s", len(rec), groupKeyColumn, groupValueColumn)}
		}
		k, v := fold(rec[key]), strings.Join(strings.Fields(rec[value]), " ")
		switch {
		case k == "":
			return nil, &concordance.LineError{Line: at, Err: fmt.Errorf("cancer groups: empty %s", groupKeyColumn)}
		case v == "":
			return nil, &concordance.LineError{Line: at, Err: fmt.Errorf("cancer groups: %s has an empty group", concordance.Quote(rec[key]))}
		}
		if old, dup := g.groups[k]; dup {
			if old != v {
				return nil, &concordance.LineError{Line: at, Err: fmt.Errorf("cancer groups: %s is grouped as %s here and as %s on line %d",
					concordance.Quote(rec[key]), concordance.Quote(v), concordance.Quote(old), first[k])}
			}
			continue
		}
		g.groups[k], first[k] = v, at
		distinct[v] = true
	}
	if len(g.groups) == 0 {
		return nil, &concordance.LineError{Line: headerLine, Err: errors.New("cancer groups: no cancer type after the header")}
	}
	g.n = len(distinct)
	return g, nil
}

func quoteAll(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = concordance.Quote(c)
	}
	return strings.Join(q, ", ")
}

// Of is a patient's cancer-type level: its group in g when a line
// matches, else its OncoTree tissue (Organ). A nil Groups groups every
// patient by OncoTree tissue.
func (g *Groups) Of(p *concordance.Patient) string {
	if g != nil {
		in := oncotree.Classify(p.OncotreeCode, p.CancerType)
		for _, k := range []string{p.OncotreeCode, p.CancerType, oncotreeName(p), in.Tissue} {
			if v, ok := g.groups[fold(k)]; ok && fold(k) != "" {
				return v
			}
		}
	}
	return Organ(p)
}

// oncotreeName is the OncoTree name of a patient's code, "" when OncoTree
// does not know it.
func oncotreeName(p *concordance.Patient) string {
	if in, ok := oncotree.Lookup(p.OncotreeCode); ok {
		return in.Name
	}
	return ""
}

// Name is the file's name as the rule gives it; "" for a nil Groups.
func (g *Groups) Name() string {
	if g == nil {
		return ""
	}
	return g.name
}

// defaultRule is the default grouping in words.
const defaultRule = "by OncoTree tissue (organ), from each patient's OncoTree code or, when OncoTree does not know the code, keywords of its cancer type; a cancer type OncoTree does not place keeps its own name"

// Rule says in plain words how g groups cancer types: what a figure of
// cancer types prints under it.
func (g *Groups) Rule() string {
	if g == nil {
		return "Cancer types grouped " + defaultRule + "."
	}
	return fmt.Sprintf("Cancer types grouped as %s says (%s into %s); the others %s.", g.name,
		plural(len(g.groups), "cancer type", "cancer types"), plural(g.n, "group", "groups"), defaultRule)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
