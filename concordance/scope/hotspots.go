package scope

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance/hgvs"
)

//go:embed hotspots.tsv
var hotspotText string

// hotspot is one row of hotspots.tsv: a residue whose substitutions count,
// or a codon range whose in-frame indels do.
type hotspot struct {
	residue    byte // one-letter code at From (substitution rows)
	from, to   int
	inframe    bool
	sourceLine int
}

// hotspots are hotspots.tsv's rows by gene, parsed once at start-up (a
// broken embedded table is a bug: the tests parse it).
var hotspots = func() map[string][]hotspot {
	m, err := parseHotspots(hotspotText)
	if err != nil {
		panic(err)
	}
	return m
}()

func parseHotspots(text string) (map[string][]hotspot, error) {
	m := map[string][]hotspot{}
	header := false
	for i, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if !header {
			if strings.Join(f, "\t") != "gene\tresidue\tchanges\tsource" {
				return nil, fmt.Errorf("scope: hotspots.tsv line %d: header %q", i+1, line)
			}
			header = true
			continue
		}
		if len(f) != 4 || f[3] == "" {
			return nil, fmt.Errorf("scope: hotspots.tsv line %d: want gene, residue, changes, source", i+1)
		}
		h := hotspot{sourceLine: i + 1}
		switch f[2] {
		case "substitution":
			n, err := strconv.Atoi(f[1][1:])
			if len(f[1]) < 2 || err != nil || n < 1 {
				return nil, fmt.Errorf("scope: hotspots.tsv line %d: residue %q (want e.g. V600)", i+1, f[1])
			}
			h.residue, h.from, h.to = f[1][0], n, n
		case "inframe":
			lo, hi, ok := strings.Cut(f[1], "-")
			a, err1 := strconv.Atoi(lo)
			b, err2 := strconv.Atoi(hi)
			if !ok || err1 != nil || err2 != nil || a < 1 || b < a {
				return nil, fmt.Errorf("scope: hotspots.tsv line %d: range %q (want e.g. 745-759)", i+1, f[1])
			}
			h.from, h.to, h.inframe = a, b, true
		default:
			return nil, fmt.Errorf("scope: hotspots.tsv line %d: changes %q (want substitution or inframe)", i+1, f[2])
		}
		m[f[0]] = append(m[f[0]], h)
	}
	return m, nil
}

// Hotspot reports whether a protein change of a gene hits a listed
// hotspot: a substitution (missense or nonsense) of the listed residue, or
// an in-frame deletion, insertion, duplication or deletion–insertion
// inside a listed range. The reference residue must agree when the change
// names it, so that a change on another transcript's numbering does not
// pass for a hotspot.
func Hotspot(gene string, ch hgvs.Change) bool {
	for _, h := range hotspots[gene] {
		switch {
		case !h.inframe && ch.Kind == hgvs.Substitution:
			if ch.Start == h.from && ch.First == h.residue && ch.Alt != string(ch.First) {
				return true
			}
		case h.inframe && (ch.Kind == hgvs.Deletion || ch.Kind == hgvs.Insertion || ch.Kind == hgvs.Duplication || ch.Kind == hgvs.DelIns):
			end := max(ch.End, ch.Start)
			if ch.Start >= h.from && end <= h.to {
				return true
			}
		}
	}
	return false
}
