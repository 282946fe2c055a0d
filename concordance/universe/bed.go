package universe

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
)

// Panel is what one assay can report: target intervals from a BED, the
// genes they name, or a gene list alone.
type Panel struct {
	// Name says where the panel came from (a file name, or the default).
	Name string
	// Intervals is the number of intervals read (before merging).
	Intervals int
	contigs   map[string][]span // by concordance.ContigKey, sorted and merged
	genes     map[string]bool   // nil: the panel names no genes
	all       bool              // covers everything (All)
}

// span is a 0-based half-open interval.
type span struct{ start, end int }

// ReadBED reads a panel BED: at least three whitespace-separated columns
// (chrom, 0-based start, end), an optional name column naming the gene.
// Errors name the line.
func ReadBED(r io.Reader, name string) (*Panel, error) {
	p := &Panel{Name: name, contigs: map[string][]span{}}
	named := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if line == 1 {
			t = strings.TrimPrefix(t, "\ufeff")
		}
		t = strings.TrimRight(t, "\r")
		if s := strings.TrimSpace(t); s == "" || s[0] == '#' || strings.HasPrefix(s, "track") || strings.HasPrefix(s, "browser") {
			continue
		}
		var f []string
		if strings.IndexByte(t, '\t') >= 0 {
			f = strings.Split(t, "\t")
		} else {
			f = strings.Fields(t) // some panels are written with spaces
		}
		if len(f) < 3 {
			return nil, lineErr(line, "expected at least 3 columns (chrom, start, end), found %d", len(f))
		}
		chrom := strings.TrimSpace(f[0])
		start, err1 := strconv.Atoi(strings.TrimSpace(f[1]))
		end, err2 := strconv.Atoi(strings.TrimSpace(f[2]))
		switch {
		case chrom == "":
			return nil, lineErr(line, "empty chrom")
		case err1 != nil || start < 0:
			return nil, lineErr(line, "start %s is not a non-negative integer", concordance.Quote(f[1]))
		case err2 != nil || end < 0:
			return nil, lineErr(line, "end %s is not a non-negative integer", concordance.Quote(f[2]))
		case end < start:
			return nil, lineErr(line, "end %d is before start %d (BED intervals are 0-based, half-open)", end, start)
		}
		key := concordance.ContigKey(chrom)
		p.contigs[key] = append(p.contigs[key], span{start, end})
		p.Intervals++
		if len(f) > 3 {
			for _, g := range GenesOf(f[3]) {
				named[g] = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &concordance.LineError{Line: line + 1, Err: fmt.Errorf("universe: %v", err)}
	}
	if p.Intervals == 0 {
		return nil, errors.New("universe: the BED has no intervals")
	}
	for k, s := range p.contigs {
		p.contigs[k] = merge(s)
	}
	// Names are gene symbols only when some of them are known genes:
	// amplicon ids or coordinates in the name column must not make every
	// gene-level alteration "not covered".
	for g := range named {
		if genes.Known(g) {
			p.genes = named
			break
		}
	}
	return p, nil
}

func lineErr(line int, format string, args ...any) error {
	return &concordance.LineError{Line: line, Err: fmt.Errorf("universe: "+format, args...)}
}

// merge sorts intervals and joins those that overlap or touch. Zero-length
// intervals cover no base and are dropped here (they were counted).
func merge(s []span) []span {
	sort.Slice(s, func(i, j int) bool { return s[i].start < s[j].start || s[i].start == s[j].start && s[i].end < s[j].end })
	out := s[:0]
	for _, x := range s {
		if x.end == x.start {
			continue
		}
		if n := len(out); n > 0 && x.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, x.end)
			continue
		}
		out = append(out, x)
	}
	return out
}

// GenesOf reads the gene symbols a BED name names: entries separated by
// ',', ';' or '|', each the symbol before its first ':', '_' or
// whitespace ("EGFR_exon19", "EGFR:exon19" -> EGFR), previous HGNC symbols
// updated (genes.Current). Names that are coordinates ("chr7:55000-55100")
// or "." name no gene.
func GenesOf(name string) []string {
	var out []string
	for _, e := range strings.FieldsFunc(name, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		e = strings.TrimSpace(e)
		if i := strings.IndexAny(e, ":_ \t"); i >= 0 {
			e = e[:i]
		}
		if e == "" || e == "." || isContigName(e) {
			continue
		}
		out = append(out, genes.Current(e))
	}
	return out
}

// isContigName reports names like chr7, chrX or chrM that start a
// coordinate string.
func isContigName(s string) bool {
	return len(s) > 3 && strings.EqualFold(s[:3], "chr") && concordance.IsChromosome(s)
}

// GenePanel is a panel known by its genes alone (no intervals): small
// variants are judged by their gene.
func GenePanel(name string, list []string) *Panel {
	p := &Panel{Name: name, genes: make(map[string]bool, len(list))}
	for _, g := range list {
		p.genes[genes.Current(g)] = true
	}
	return p
}

// TSO500 is the default panel of both sides: the 523 TSO500 genes.
func TSO500() *Panel { return GenePanel("TSO500 genes (default)", genes.TSO500()) }

// Positional reports whether the panel has target intervals.
func (p *Panel) Positional() bool { return p.contigs != nil }

// NamesGenes reports whether the panel can judge gene-level alterations.
func (p *Panel) NamesGenes() bool { return p.genes != nil }

// Overlaps reports whether any base of the 0-based half-open interval
// [start, end) of chrom lies in a target.
func (p *Panel) Overlaps(chrom string, start, end int) bool {
	s := p.contigs[concordance.ContigKey(chrom)]
	// First target ending after start; it overlaps when it starts before end.
	i := sort.Search(len(s), func(i int) bool { return s[i].end > start })
	return i < len(s) && s[i].start < end
}

// HasGene reports whether gene, or any gene of a ';'-separated list (a
// caller's genes at one breakpoint, "ROS1;GOPC"), is a panel gene.
func (p *Panel) HasGene(gene string) bool {
	for _, g := range strings.Split(gene, ";") {
		if g = strings.TrimSpace(g); g != "" && p.genes[genes.Current(g)] {
			return true
		}
	}
	return false
}

// Span is the 0-based half-open interval of reference bases a small
// variant changes: its REF bases without the VCF anchor; for a pure
// insertion, the two bases either side of the insertion point.
func Span(v concordance.Variant) (start, end int) {
	pos, ref := v.Pos, v.Ref
	if len(v.Ref) != len(v.Alt) && len(v.Ref) > 0 && len(v.Alt) > 0 && v.Ref[0] == v.Alt[0] {
		pos, ref = pos+1, ref[1:]
	}
	if len(ref) == 0 {
		// Insertion before 1-based pos: the bases pos-1 and pos.
		return max(0, pos-2), pos
	}
	return pos - 1, pos - 1 + len(ref)
}

// Covers reports whether the panel covers an alteration; judged is false
// when the panel had nothing to judge it by (the alteration is then taken
// as covered: see the package documentation).
func (p *Panel) Covers(a *concordance.Alteration) (covered, judged bool) {
	if p.all {
		return true, true
	}
	if a.Class.IsSmall() && a.Chrom != "" && a.Pos > 0 && p.Positional() {
		start, end := Span(a.Variant)
		return p.Overlaps(a.Chrom, start, end), true
	}
	if !p.NamesGenes() || a.Gene == "" && a.Partner == "" {
		return true, false
	}
	if a.Class == concordance.Fusion {
		return p.HasGene(a.Gene) || p.HasGene(a.Partner), true
	}
	return p.HasGene(a.Gene), true
}
