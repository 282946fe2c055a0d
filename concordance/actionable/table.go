package actionable

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/hgvs"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// Rule is one line of an actionability table: alterations of Gene that
// match Pattern qualify a patient for Cohort.
type Rule struct {
	Gene    string
	Pattern string // as written
	Cohort  string
	Source  string
	Line    int // line in the table (0 for the built-in one)
	match   matcher
}

// Table is an actionability table.
type Table struct {
	Name   string // "default" or the file's name
	Rules  []Rule
	byGene map[string][]int
}

// Columns of an actionability TSV: gene, alteration and cohort are
// required, source is optional; other columns are ignored.
var Columns = []string{"gene", "alteration", "cohort", "source"}

// Read parses an actionability table: tab-separated, a header naming at
// least gene, alteration and cohort (and optionally source), "#" comment
// lines and blank lines skipped. The alteration column is a pattern (see
// the package documentation); a pattern concord cannot read is an error
// naming the line.
func Read(r io.Reader, name string) (*Table, error) {
	lines := table.NewLines(r)
	t := &Table{Name: name}
	col := map[string]int{}
	for lines.NextRow() {
		fields := strings.Split(lines.Text, "\t")
		if len(col) == 0 {
			for i, f := range fields {
				col[strings.ToLower(strings.TrimSpace(f))] = i
			}
			for _, c := range Columns[:3] {
				if _, ok := col[c]; !ok {
					return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("actionable: the header lacks column %s (want %s, tab-separated)", concordance.Quote(c), strings.Join(Columns, ", "))}
				}
			}
			continue
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(fields) {
				return strings.TrimSpace(fields[i])
			}
			return ""
		}
		rule := Rule{Gene: get("gene"), Pattern: get("alteration"), Cohort: get("cohort"), Source: get("source"), Line: lines.N}
		if rule.Gene == "" || rule.Pattern == "" || rule.Cohort == "" {
			return nil, &concordance.LineError{Line: lines.N, Err: errors.New("actionable: gene, alteration and cohort must not be empty")}
		}
		for _, v := range []string{rule.Gene, rule.Pattern, rule.Cohort, rule.Source} {
			if err := concordance.CheckText(v); err != nil { // the values reach blood_alone.tsv
				return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("actionable: %w", err)}
			}
		}
		m, err := parsePattern(rule.Pattern)
		if err != nil {
			return nil, &concordance.LineError{Line: lines.N, Err: err}
		}
		rule.match = m
		t.Rules = append(t.Rules, rule)
	}
	if err := lines.Err(); err != nil {
		return nil, &concordance.LineError{Line: lines.N + 1, Err: fmt.Errorf("actionable: %w", err)}
	}
	if len(col) == 0 {
		return nil, &concordance.LineError{Line: max(lines.N, 1), Err: errors.New("actionable: empty table (want a header: gene, alteration, cohort, source)")}
	}
	if len(t.Rules) == 0 {
		return nil, &concordance.LineError{Line: lines.N, Err: errors.New("actionable: no rules after the header")}
	}
	t.index()
	return t, nil
}

func (t *Table) index() {
	t.byGene = map[string][]int{}
	for i, r := range t.Rules {
		t.byGene[r.Gene] = append(t.byGene[r.Gene], i)
	}
}

// Cohorts returns the cohorts an alteration qualifies for, sorted and
// without repeats; call is the call whose annotation (protein change,
// consequence, exon) describes it, nil for copy-number and fusion
// alterations without one. A fusion is looked up under its driver (Gene:
// genes.Fusion names it), so that EML4–ALK is an ALK fusion and never an
// EML4 one.
func (t *Table) Cohorts(a *concordance.Alteration, call *concordance.Call) []string {
	seen := map[string]bool{}
	var out []string
	for _, i := range t.byGene[a.Gene] {
		r := &t.Rules[i]
		if !seen[r.Cohort] && r.match(a, call) {
			seen[r.Cohort] = true
			out = append(out, r.Cohort)
		}
	}
	sort.Strings(out)
	return out
}

// Actionable reports whether a row's alteration qualifies for any cohort
// (Cohorts is not empty). It builds the row's annotated call only for a
// gene the table names: the cohort stage asks of every row, and building
// it for each was 156 MB of garbage in a 100,000-patient run.
func (t *Table) Actionable(r *concordance.Row) bool {
	rules := t.byGene[r.Gene]
	if len(rules) == 0 {
		return false
	}
	call := r.AnnotatedCall()
	for _, i := range rules {
		if t.Rules[i].match(&r.Alteration, call) {
			return true
		}
	}
	return false
}

// matcher reports whether an alteration (with its annotated call) matches
// a pattern.
type matcher func(a *concordance.Alteration, call *concordance.Call) bool

var (
	exonPattern  = regexp.MustCompile(`^exon(\d+):(deletion|insertion|inframe|mutation|missense|truncating)$`)
	rangePattern = regexp.MustCompile(`^p\.(\d+)-(\d+):(deletion|insertion|inframe|mutation|missense|truncating)$`)
	codonPattern = regexp.MustCompile(`^p\.([ACDEFGHIKLMNPQRSTVWY])(\d+)$`)
	skipPattern  = regexp.MustCompile(`^exon(\d+)_skipping$`)
)

// parsePattern reads an alteration pattern. Several patterns separated by
// "," match when any does.
func parsePattern(s string) (matcher, error) {
	var parts []matcher
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		m, err := parseOne(p)
		if err != nil {
			return nil, err
		}
		parts = append(parts, m)
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("actionable: empty alteration pattern")
	}
	return func(a *concordance.Alteration, call *concordance.Call) bool {
		for _, m := range parts {
			if m(a, call) {
				return true
			}
		}
		return false
	}, nil
}

func parseOne(p string) (matcher, error) {
	lower := strings.ToLower(p)
	switch lower {
	case "amplification", "amp":
		return classIs(concordance.Amplification), nil
	case "deletion_cn", "homdel", "deep_deletion", "copy_loss":
		return classIs(concordance.Deletion), nil
	case "fusion", "rearrangement":
		return classIs(concordance.Fusion), nil
	case "mutation", "truncating", "missense", "inframe", "deletion", "insertion":
		return effectIn(lower, 0, 0, 0), nil
	}
	if m := exonPattern.FindStringSubmatch(lower); m != nil {
		exon, _ := strconv.Atoi(m[1])
		return effectIn(m[2], exon, 0, 0), nil
	}
	if m := rangePattern.FindStringSubmatch(lower); m != nil {
		from, _ := strconv.Atoi(m[1])
		to, _ := strconv.Atoi(m[2])
		if to < from {
			return nil, fmt.Errorf("actionable: codon range %s runs backwards", concordance.Quote(p))
		}
		return effectIn(m[3], 0, from, to), nil
	}
	if m := skipPattern.FindStringSubmatch(lower); m != nil {
		exon, _ := strconv.Atoi(m[1])
		return skipping(exon), nil
	}
	if m := codonPattern.FindStringSubmatch(p); m != nil {
		// p.V600: any substitution or in-frame change at the codon whose
		// reference residue is V (OncoKB's V600, "G719X").
		ref := m[1][0]
		pos, _ := strconv.Atoi(m[2])
		return func(a *concordance.Alteration, call *concordance.Call) bool {
			e, ok := effect(a, call)
			return ok && e.HasChange && (e.Kind == explain.Missense || e.Kind == explain.Inframe) &&
				e.Change.Start == pos && e.Change.First == ref
		}, nil
	}
	if strings.HasPrefix(p, "p.") {
		want, err := hgvs.Parse(p)
		if err != nil {
			return nil, fmt.Errorf("actionable: alteration %s: %v", concordance.Quote(p), err)
		}
		return func(a *concordance.Alteration, call *concordance.Call) bool {
			e, ok := effect(a, call)
			return ok && e.HasChange && e.Change.Equivalent(want)
		}, nil
	}
	return nil, fmt.Errorf("actionable: unknown alteration pattern %s (want e.g. p.V600E, p.V600, exon19:deletion, p.729-761:deletion, truncating, missense, mutation, amplification, fusion, exon14_skipping)", concordance.Quote(p))
}

func classIs(c concordance.Class) matcher {
	return func(a *concordance.Alteration, _ *concordance.Call) bool { return a.Class == c }
}

// effect reads the protein effect of a small variant: its annotated call,
// or the alteration's own protein change.
func effect(a *concordance.Alteration, call *concordance.Call) (explain.Effect, bool) {
	if !a.Class.IsSmall() {
		return explain.Effect{}, false
	}
	if call == nil {
		call = &concordance.Call{Alteration: *a}
	}
	return explain.EffectOf(call), true
}

// effectIn matches small variants of an effect kind, optionally in one
// exon or codon range. "deletion" and "insertion" are in-frame changes
// that remove (deletion, deletion–insertion) or add (insertion,
// duplication) residues; "mutation" is any protein-altering change.
func effectIn(kind string, exon, from, to int) matcher {
	return func(a *concordance.Alteration, call *concordance.Call) bool {
		e, ok := effect(a, call)
		if !ok {
			return false
		}
		if exon > 0 && !e.InExons(exon) {
			return false
		}
		if from > 0 && !e.Overlaps(from, to) {
			return false
		}
		switch kind {
		case "mutation":
			return e.Kind == explain.Truncating || e.Kind == explain.Missense || e.Kind == explain.Inframe
		case "truncating":
			return e.Kind == explain.Truncating
		case "missense":
			return e.Kind == explain.Missense
		case "inframe":
			return e.Kind == explain.Inframe
		case "deletion":
			return e.Kind == explain.Inframe && e.HasChange && (e.Change.Kind == hgvs.Deletion || e.Change.Kind == hgvs.DelIns && len(e.Change.Alt) < e.Change.End-e.Change.Start+1)
		case "insertion":
			return e.Kind == explain.Inframe && e.HasChange && (e.Change.Kind == hgvs.Insertion || e.Change.Kind == hgvs.Duplication ||
				e.Change.Kind == hgvs.DelIns && len(e.Change.Alt) > e.Change.End-e.Change.Start+1)
		}
		return false
	}
}

// skipping matches an exon-skipping event: a splice alteration naming the
// exon (TSO500 RNA "MET exon 14 skipping"), or a small variant at the
// exon's splice sites (canonical splice-site consequence, annotated in that
// exon or in the introns either side of it when VEP names the exon).
func skipping(exon int) matcher {
	return func(a *concordance.Alteration, call *concordance.Call) bool {
		if a.Class == concordance.Splice {
			for _, x := range strings.FieldsFunc(a.Exons, func(r rune) bool { return r == ',' || r == '-' || r == ' ' || r == '_' }) {
				if n, err := strconv.Atoi(strings.TrimPrefix(strings.ToLower(x), "exon")); err == nil && n == exon {
					return true
				}
			}
			return false
		}
		if !a.Class.IsSmall() || call == nil {
			return false
		}
		c := strings.ToLower(call.Consequence)
		if !strings.Contains(c, "splice_donor") && !strings.Contains(c, "splice_acceptor") && !strings.Contains(c, "splice_region") {
			return false
		}
		e := explain.EffectOf(call)
		return e.InExons(exon) || e.HasChange && e.Change.Kind == hgvs.SpliceSite
	}
}
