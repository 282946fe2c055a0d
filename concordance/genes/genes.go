// Package genes holds the gene symbols concord knows without a reference
// annotation: the TSO500 panel genes and the IntOGen cancer drivers
// (embedded; see README.md for sources and licences), a small table of
// previous HGNC symbols still written by older pipelines, and the rule that
// splits a fusion's gene-pair string into its two sides.
//
// Gene symbols contain hyphens (NKX2-1, HLA-A, RP11-458D21.5, PAX8-AS1), so
// a pair written "A-B" is never split on the first hyphen: SplitPair tries
// every separator position and keeps the one whose sides are known genes.
package genes

import (
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/concord-oncology/concord/concordance"
)

//go:embed tso500_genes.txt
var tso500Text string

//go:embed intogen_drivers_2023-05-31.tsv
var intogenText string

var known = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(tso500Text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			m[l] = true
		}
	}
	for i, l := range strings.Split(intogenText, "\n") {
		if f := strings.SplitN(l, "\t", 2); i > 0 && strings.TrimSpace(f[0]) != "" {
			m[strings.TrimSpace(f[0])] = true
		}
	}
	for old, cur := range previous {
		if m[cur] {
			m[old] = true
		}
	}
	return m
}()

// previous maps symbols HGNC has withdrawn to the current ones (HGNC
// "previous symbol" entries) for genes on the TSO500 panel or the driver
// list that pipelines still write under the old name.
var previous = map[string]string{
	"MYCL1":    "MYCL",
	"MLL":      "KMT2A",
	"MLL2":     "KMT2D",
	"MLL3":     "KMT2C",
	"WHSC1":    "NSD2",
	"WHSC1L1":  "NSD3",
	"H3F3A":    "H3-3A",
	"H3F3B":    "H3-3B",
	"HIST1H3B": "H3C2",
	"FAM123B":  "AMER1",
	"FAM175A":  "ABRAXAS1",
	"PARK2":    "PRKN",
	"MRE11A":   "MRE11",
	"GPR124":   "ADGRA2",
	"C11orf30": "EMSY",
	"SEPT14":   "SEPTIN14",
	"SEPT9":    "SEPTIN9",
	"KIAA1524": "CIP2A",
	"FAM46C":   "TENT5C",
}

// Known reports whether sym is a TSO500 panel gene or an IntOGen driver
// (or a previous symbol of one).
func Known(sym string) bool { return known[sym] }

// Current returns the current HGNC symbol for a previous one (MYCL1 →
// MYCL), or sym unchanged.
func Current(sym string) string {
	if c, ok := previous[sym]; ok {
		return c
	}
	return sym
}

// Side is one side of a fusion: the gene, or the genes a caller lists
// because they overlap the breakpoint (ROS1;GOPC).
type Side []string

// ParseSide splits a side written as a list (';', '/' or ',' between
// genes), trims, updates previous symbols, and drops duplicates. The order
// is sorted so that equal sides compare equal.
func ParseSide(s string) Side {
	var out Side
	seen := map[string]bool{}
	for _, g := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '/' || r == ',' }) {
		g = Current(strings.TrimSpace(g))
		if g != "" && !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	sort.Strings(out)
	return out
}

// String joins the side's genes with ';', the form concord stores in
// Alteration.Gene / Alteration.Partner.
func (s Side) String() string { return strings.Join(s, ";") }

func (s Side) known() int {
	n := 0
	for _, g := range s {
		if Known(g) {
			n++
		}
	}
	return n
}

// ErrPair is wrapped by SplitPair's errors.
var ErrPair = errors.New("genes: cannot split gene pair")

// SplitPair splits a fusion gene-pair string into its two sides.
//
// The rule: an explicit double separator ("A--B" as written by
// STAR-Fusion, Arriba and PCGR, or "A::B" as in current HGVS/ISCN usage)
// splits there. Otherwise every '-' is a candidate split point (and, when
// no '-' gives two non-empty sides, every ';'). A candidate is scored by
// how many of its two sides name at least one known gene, then by how many
// known genes the sides hold; the best candidate wins. A pair with a single
// candidate is split there even if neither side is known. When several
// candidates tie for the best score the string is ambiguous and an error
// says so: use the format's separate gene columns or breakpoints instead.
//
// Examples: "EML4-ALK" → EML4 | ALK; "NKX2-1-ALK" → NKX2-1 | ALK;
// "CD74-ROS1;GOPC" → CD74 | GOPC;ROS1; "RP11-458D21.5-ALK" →
// RP11-458D21.5 | ALK; "PPARG/AC016683.6;PAX8" → AC016683.6;PPARG | PAX8.
func SplitPair(s string) (a, b Side, err error) {
	t := strings.TrimSpace(s)
	for _, sep := range []string{"--", "::"} {
		if i := strings.Index(t, sep); i >= 0 {
			a, b = ParseSide(t[:i]), ParseSide(t[i+len(sep):])
			if len(a) == 0 || len(b) == 0 {
				return nil, nil, fmt.Errorf("%w %s: a side is empty", ErrPair, concordance.Quote(s))
			}
			return a, b, nil
		}
	}
	for _, sep := range []byte{'-', ';'} {
		type cand struct {
			a, b         Side
			sides, genes int
		}
		var cands []cand
		for i := 0; i < len(t); i++ {
			if t[i] != sep {
				continue
			}
			x, y := ParseSide(t[:i]), ParseSide(t[i+1:])
			if len(x) == 0 || len(y) == 0 {
				continue
			}
			c := cand{a: x, b: y, genes: x.known() + y.known()}
			if x.known() > 0 {
				c.sides++
			}
			if y.known() > 0 {
				c.sides++
			}
			cands = append(cands, c)
		}
		if len(cands) == 0 {
			continue
		}
		best, tie := 0, false
		for i := 1; i < len(cands); i++ {
			c, b := cands[i], cands[best]
			switch {
			case c.sides > b.sides || c.sides == b.sides && c.genes > b.genes:
				best, tie = i, false
			case c.sides == b.sides && c.genes == b.genes:
				tie = true
			}
		}
		if tie {
			return nil, nil, fmt.Errorf("%w %s: it splits equally well at several '%c' (give the genes in separate columns)", ErrPair, concordance.Quote(s), sep)
		}
		return cands[best].a, cands[best].b, nil
	}
	return nil, nil, fmt.Errorf("%w %s: want two genes joined by '-', '--' or '::'", ErrPair, concordance.Quote(s))
}
