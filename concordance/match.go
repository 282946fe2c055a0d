package concordance

import (
	"bytes"
	"sort"
	"strings"

	"github.com/concord-oncology/concord/concordance/hgvs"
)

// Reference gives reference bases for haplotype comparison.
type Reference interface {
	// Bases returns the bases of chrom from 1-based start to end inclusive.
	Bases(chrom string, start, end int) ([]byte, error)
}

// MatchOptions controls how calls of the two sides are matched.
type MatchOptions struct {
	// MaxTier is the loosest tier allowed: TierExact matches identical
	// alterations only; TierHaplotype (the default when zero) also joins
	// equivalent representations of one haplotype; TierProtein and TierGene
	// allow protein- and gene-level matches.
	MaxTier Tier
	// Reference supplies bases for haplotype comparison. Without it, the
	// window must be covered by the REF alleles of the calls themselves.
	Reference Reference
	// FusionOrientation keeps apart two fusions whose known orientations
	// differ (EML4–ALK and ALK–EML4); by default a gene pair matches in
	// either order, since DNA breakends (plasma) often carry none.
	FusionOrientation bool
}

func (o MatchOptions) maxTier() Tier {
	if o.MaxTier == TierNone {
		return TierHaplotype
	}
	return o.MaxTier
}

// Match matches one patient's tissue calls against its plasma calls and
// returns one row per alteration, in a stable order (small variants by
// position, then copy number, fusions and splice events by gene).
//
// Calls must already be normalised and unique per side by Key. Rows get the
// statuses Called / NotDetected; classification of coverage, evidence and
// reasons happens later.
//
// Tiers are tried strictest first, so a call is matched at the strictest
// tier available to it:
//  1. exact: identical Key;
//  2. haplotype: among unmatched small variants on one contig whose spans
//     touch, a set of calls on one side and a set on the other that spell the
//     same haplotype over their common window (an MNV and its SNVs, a complex
//     deletion–insertion written as separate records);
//  3. protein: same gene and equivalent protein change (hgvs.Equivalent:
//     ERBB2 Y772_A775dup = A775_G776insYVMA); also used, whatever MaxTier,
//     when one of the calls has a protein change but no position;
//  4. gene: same gene and class; also used, whatever MaxTier, for calls that
//     carry nothing finer than a gene.
func Match(tissue, plasma []Call, opt MatchOptions) []Row {
	m := matcher{opt: opt}
	m.used[Tissue] = make([]bool, len(tissue))
	m.used[Plasma] = make([]bool, len(plasma))
	m.calls[Tissue] = tissue
	m.calls[Plasma] = plasma

	m.exact()
	m.fusionLists()
	if m.opt.maxTier() >= TierHaplotype {
		m.haplotype()
	}
	m.protein()
	m.gene()
	m.singles()
	SortRows(m.rows)
	return m.rows
}

type matcher struct {
	opt   MatchOptions
	calls [2][]Call
	used  [2][]bool
	rows  []Row
}

func (m *matcher) shared(a Alteration, t, p []int, tier Tier) {
	r := Row{Alteration: a, Category: Shared, Tier: tier}
	r.Tissue.Status, r.Plasma.Status = Called, Called
	for _, i := range t {
		c := &m.calls[Tissue][i]
		r.Tissue.Calls = append(r.Tissue.Calls, c)
		r.Flags |= c.Flags
		m.used[Tissue][i] = true
	}
	for _, i := range p {
		c := &m.calls[Plasma][i]
		r.Plasma.Calls = append(r.Plasma.Calls, c)
		r.Flags |= c.Flags
		m.used[Plasma][i] = true
	}
	m.rows = append(m.rows, r)
}

func (m *matcher) exact() {
	idx := make(map[string]int, len(m.calls[Plasma]))
	for i := range m.calls[Plasma] {
		if hasKey(&m.calls[Plasma][i]) {
			idx[m.calls[Plasma][i].Key()] = i
		}
	}
	for i := range m.calls[Tissue] {
		t := &m.calls[Tissue][i]
		if !hasKey(t) {
			continue
		}
		if j, ok := idx[t.Key()]; ok && !m.used[Plasma][j] && !m.reversed(t, &m.calls[Plasma][j]) {
			a := t.Alteration
			mergeAnnotation(&a, &m.calls[Plasma][j].Alteration)
			m.shared(a, []int{i}, []int{j}, TierExact)
		}
	}
}

// fusionLists matches fusions whose sides overlap when a side lists several
// genes (a caller writes "ROS1;GOPC" when both genes overlap the
// breakpoint): CD74–ROS1;GOPC is the same gene pair as CD74–ROS1. This is
// still an exact (gene-pair) match: a list names the genes at one
// breakpoint, not different events.
func (m *matcher) fusionLists() {
	m.pairUp(TierExact, func(t, p *Call) bool {
		if t.Class != Fusion || p.Class != Fusion || !hasKey(t) || !hasKey(p) {
			return false
		}
		if m.reversed(t, p) {
			return false
		}
		t1, t2 := t.FusionSides()
		p1, p2 := p.FusionSides()
		return sidesOverlap(t1, p1) && sidesOverlap(t2, p2) || sidesOverlap(t1, p2) && sidesOverlap(t2, p1)
	})
}

// reversed reports whether --fusion-orientation keeps two fusions apart:
// both oriented, 5′ and 3′ swapped.
func (m *matcher) reversed(t, p *Call) bool {
	return m.opt.FusionOrientation && t.Class == Fusion && p.Class == Fusion && Reversed(t.Alteration, p.Alteration)
}

// fusionSide splits one side of a fusion into its genes (';' list).
func fusionSide(s string) []string { return strings.Split(s, ";") }

// fusionGenes are all genes a fusion names: its driver, partner and sides.
func fusionGenes(a *Alteration) []string {
	s1, s2 := a.FusionSides()
	out := append(fusionSide(a.Gene), fusionSide(a.Partner)...)
	return append(append(out, fusionSide(s1)...), fusionSide(s2)...)
}

func overlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x != "" && x == y {
				return true
			}
		}
	}
	return false
}

// hasKey reports whether a call carries enough to be matched exactly:
// alleles for small variants, a gene for the other classes.
func hasKey(c *Call) bool {
	if c.Class.IsSmall() || c.Class == ClassUnknown {
		return c.Chrom != "" && c.Pos > 0
	}
	if c.Class == Fusion {
		return c.Gene != "" && c.Partner != ""
	}
	return c.Gene != ""
}

// mergeAnnotation fills gene and protein from the other side when missing.
func mergeAnnotation(a, b *Alteration) {
	if a.Gene == "" {
		a.Gene = b.Gene
	}
	if a.Protein == "" {
		a.Protein = b.Protein
	}
}

// haplotype joins unmatched small variants that spell the same haplotype.
func (m *matcher) haplotype() {
	type item struct {
		side Side
		i    int
	}
	var items []item
	for s := Tissue; s <= Plasma; s++ {
		for i := range m.calls[s] {
			c := &m.calls[s][i]
			if !m.used[s][i] && c.Class.IsSmall() && c.Chrom != "" && c.Pos > 0 {
				items = append(items, item{s, i})
			}
		}
	}
	call := func(it item) *Call { return &m.calls[it.side][it.i] }
	sort.Slice(items, func(a, b int) bool {
		ca, cb := call(items[a]), call(items[b])
		if ca.Chrom != cb.Chrom {
			return ca.Chrom < cb.Chrom
		}
		if ca.Pos != cb.Pos {
			return ca.Pos < cb.Pos
		}
		return items[a].side < items[b].side
	})
	// Clusters of calls whose reference spans touch (adjacent bases count,
	// so that an insertion after its anchor meets the next base's change).
	for start := 0; start < len(items); {
		end := start + 1
		reach := spanEnd(call(items[start]))
		for end < len(items) && call(items[end]).Chrom == call(items[start]).Chrom && call(items[end]).Pos <= reach+1 {
			if e := spanEnd(call(items[end])); e > reach {
				reach = e
			}
			end++
		}
		var t, p []int
		for _, it := range items[start:end] {
			if it.side == Tissue {
				t = append(t, it.i)
			} else {
				p = append(p, it.i)
			}
		}
		if len(t) > 0 && len(p) > 0 {
			m.matchCluster(t, p)
		}
		start = end
	}
}

func spanEnd(c *Call) int {
	if len(c.Ref) == 0 {
		return c.Pos
	}
	return c.Pos + len(c.Ref) - 1
}

// matchCluster tries the whole cluster first, then each multi-base call
// against the other side's calls inside its span.
func (m *matcher) matchCluster(t, p []int) {
	if v, ok := m.sameHaplotype(t, p); ok {
		m.shared(m.haplotypeAlteration(v, t, p), t, p, TierHaplotype)
		return
	}
	for s := Tissue; s <= Plasma; s++ {
		mine, theirs := t, p
		if s == Plasma {
			mine, theirs = p, t
		}
		for _, i := range mine {
			if m.used[s][i] {
				continue
			}
			c := &m.calls[s][i]
			if len(c.Ref) == 1 && len(c.Alt) == 1 {
				continue
			}
			var inside []int
			for _, j := range theirs {
				o := &m.calls[s.Other()][j]
				if !m.used[s.Other()][j] && o.Pos <= spanEnd(c)+1 && spanEnd(o) >= c.Pos-1 {
					inside = append(inside, j)
				}
			}
			if len(inside) == 0 {
				continue
			}
			ti, pi := []int{i}, inside
			if s == Plasma {
				ti, pi = inside, []int{i}
			}
			if v, ok := m.sameHaplotype(ti, pi); ok {
				m.shared(m.haplotypeAlteration(v, ti, pi), ti, pi, TierHaplotype)
			}
		}
	}
}

// haplotypeAlteration is the row's alteration for a haplotype match: the
// single call when one side has exactly one, else the merged variant.
func (m *matcher) haplotypeAlteration(v Variant, t, p []int) Alteration {
	var a Alteration
	switch {
	case len(t) == 1:
		a = m.calls[Tissue][t[0]].Alteration
	case len(p) == 1:
		a = m.calls[Plasma][p[0]].Alteration
	default:
		a = Alteration{Variant: v}
	}
	a.Class = a.Variant.SmallClass()
	for _, i := range t {
		mergeAnnotation(&a, &m.calls[Tissue][i].Alteration)
	}
	for _, i := range p {
		mergeAnnotation(&a, &m.calls[Plasma][i].Alteration)
	}
	return a
}

// sameHaplotype applies the tissue calls t and the plasma calls p to the
// reference over their common window and compares the results. It returns
// the merged (trimmed) variant when they agree.
func (m *matcher) sameHaplotype(t, p []int) (Variant, bool) {
	var all []*Call
	for _, i := range t {
		all = append(all, &m.calls[Tissue][i])
	}
	for _, i := range p {
		all = append(all, &m.calls[Plasma][i])
	}
	chrom := all[0].Chrom
	ws, we := all[0].Pos, spanEnd(all[0])
	for _, c := range all[1:] {
		if c.Chrom != chrom {
			return Variant{}, false
		}
		ws = min(ws, c.Pos)
		we = max(we, spanEnd(c))
	}
	ref, ok := m.window(chrom, ws, we, all)
	if !ok {
		return Variant{}, false
	}
	ht, ok1 := applyVariants(ref, ws, m.calls[Tissue], t)
	hp, ok2 := applyVariants(ref, ws, m.calls[Plasma], p)
	if !ok1 || !ok2 || !bytes.Equal(ht, hp) || bytes.Equal(ht, ref) {
		return Variant{}, false
	}
	v := trimVariant(Variant{Chrom: chrom, Pos: ws, Ref: string(ref), Alt: string(ht)})
	return v, true
}

// window returns the reference bases ws..we, from the Reference when given,
// otherwise from the calls' own REF alleles (which must cover the window and
// agree with each other).
func (m *matcher) window(chrom string, ws, we int, calls []*Call) ([]byte, bool) {
	if m.opt.Reference != nil {
		b, err := m.opt.Reference.Bases(chrom, ws, we)
		if err == nil && len(b) == we-ws+1 {
			return bytes.ToUpper(b), true
		}
		return nil, false
	}
	w := make([]byte, we-ws+1)
	for _, c := range calls {
		for k := 0; k < len(c.Ref); k++ {
			b := c.Ref[k] &^ 0x20 // upper case
			at := c.Pos + k - ws
			if w[at] != 0 && w[at] != b {
				return nil, false
			}
			w[at] = b
		}
	}
	for _, b := range w {
		if b == 0 {
			return nil, false
		}
	}
	return w, true
}

// applyVariants writes the haplotype of ref (starting at ws) with the given
// calls applied; false when the calls overlap each other.
func applyVariants(ref []byte, ws int, calls []Call, idx []int) ([]byte, bool) {
	sel := make([]*Call, len(idx))
	for k, i := range idx {
		sel[k] = &calls[i]
	}
	sort.Slice(sel, func(a, b int) bool { return sel[a].Pos < sel[b].Pos })
	out := make([]byte, 0, len(ref)+16)
	cur := ws
	for _, c := range sel {
		if c.Pos < cur {
			return nil, false
		}
		out = append(out, ref[cur-ws:c.Pos-ws]...)
		out = append(out, strings.ToUpper(c.Alt)...)
		cur = c.Pos + len(c.Ref)
	}
	out = append(out, ref[cur-ws:]...)
	return out, true
}

// trimVariant removes the common suffix, then the common prefix, keeping at
// least one base in each allele (VCF style). It is normalize.Trim for the
// merged haplotype of a match; this package cannot import normalize, which
// imports it.
func trimVariant(v Variant) Variant {
	r, a := v.Ref, v.Alt
	for len(r) > 1 && len(a) > 1 && r[len(r)-1] == a[len(a)-1] {
		r, a = r[:len(r)-1], a[:len(a)-1]
	}
	for len(r) > 1 && len(a) > 1 && r[0] == a[0] {
		r, a = r[1:], a[1:]
		v.Pos++
	}
	v.Ref, v.Alt = r, a
	return v
}

func (m *matcher) protein() {
	all := m.opt.maxTier() >= TierProtein
	m.pairUp(TierProtein, func(t, p *Call) bool {
		if !all && !proteinOnly(t) && !proteinOnly(p) {
			return false
		}
		return t.Class.IsSmall() == p.Class.IsSmall() && t.Gene != "" && t.Gene == p.Gene &&
			t.Protein != "" && p.Protein != "" && hgvs.Equivalent(t.Protein, p.Protein)
	})
}

// proteinOnly reports whether a small-variant call carries a protein change
// but no genomic position (a clinical report, a CVO row without
// coordinates): for it the protein tier is the finest there is.
func proteinOnly(c *Call) bool {
	return (c.Class.IsSmall() || c.Class == ClassUnknown) && c.Chrom == "" && c.Protein != ""
}

// geneOnly reports whether a call carries nothing finer than its gene.
func geneOnly(c *Call) bool {
	if c.Gene == "" {
		return false
	}
	switch c.Class {
	case Fusion:
		return c.Partner == ""
	case Splice:
		return c.Exons == ""
	case Amplification, Deletion:
		return false
	}
	return c.Chrom == "" && c.Protein == ""
}

func (m *matcher) gene() {
	all := m.opt.maxTier() >= TierGene
	m.pairUp(TierGene, func(t, p *Call) bool {
		if t.Gene == "" || classGroup(t.Class) != classGroup(p.Class) {
			return false
		}
		if t.Class == Fusion {
			// A fusion's genes are both partners (and any listed genes): "ALK
			// fusion" meets EML4–ALK, whose sorted pair puts ALK first or not.
			tg := fusionGenes(&t.Alteration)
			pg := fusionGenes(&p.Alteration)
			if !overlap(tg, pg) {
				return false
			}
		} else if t.Gene != p.Gene {
			return false
		}
		return all || geneOnly(t) || geneOnly(p)
	})
}

// classGroup folds the small-variant classes together: a gene-level match
// compares "mutated" with "mutated", not an SNV with an indel.
func classGroup(c Class) Class {
	if c.IsSmall() || c == ClassUnknown {
		return SNV
	}
	if c == Fusion {
		// Fusion genes match by either partner at gene level.
		return Fusion
	}
	return c
}

// pairUp matches unmatched calls greedily in input order by a predicate.
func (m *matcher) pairUp(tier Tier, same func(t, p *Call) bool) {
	for i := range m.calls[Tissue] {
		if m.used[Tissue][i] {
			continue
		}
		t := &m.calls[Tissue][i]
		for j := range m.calls[Plasma] {
			if m.used[Plasma][j] {
				continue
			}
			p := &m.calls[Plasma][j]
			if same(t, p) {
				a := t.Alteration
				mergeAnnotation(&a, &p.Alteration)
				m.shared(a, []int{i}, []int{j}, tier)
				break
			}
		}
	}
}

func (m *matcher) singles() {
	for s := Tissue; s <= Plasma; s++ {
		for i := range m.calls[s] {
			if m.used[s][i] {
				continue
			}
			c := &m.calls[s][i]
			r := Row{Alteration: c.Alteration, Flags: c.Flags}
			if c.Class.IsSmall() && c.Chrom != "" {
				r.Class = c.Variant.SmallClass()
			}
			r.Side(s).Status = Called
			r.Side(s).Calls = []*Call{c}
			r.Side(s.Other()).Status = NotDetected
			if s == Tissue {
				r.Category = TissueOnly
			} else {
				r.Category = PlasmaOnly
			}
			m.rows = append(m.rows, r)
		}
	}
}

// SortRows puts rows in their output order: small variants by contig
// (natural order: 1..22, X, Y, M, then others), position and alleles; then
// copy number, fusions and splice events by gene.
func SortRows(rows []Row) {
	sort.SliceStable(rows, func(i, j int) bool { return rowLess(&rows[i].Alteration, &rows[j].Alteration) })
}

func rowLess(a, b *Alteration) bool {
	as, bs := a.Class.IsSmall() && a.Chrom != "", b.Class.IsSmall() && b.Chrom != ""
	if as != bs {
		return as
	}
	if as {
		if a.Chrom != b.Chrom {
			return ContigLess(a.Chrom, b.Chrom)
		}
		if a.Pos != b.Pos {
			return a.Pos < b.Pos
		}
		if a.Ref != b.Ref {
			return a.Ref < b.Ref
		}
		return a.Alt < b.Alt
	}
	if a.Class != b.Class {
		return a.Class < b.Class
	}
	if a.Gene != b.Gene {
		return a.Gene < b.Gene
	}
	if a.Partner != b.Partner {
		return a.Partner < b.Partner
	}
	if a.Exons != b.Exons {
		return a.Exons < b.Exons
	}
	return a.Protein < b.Protein
}
