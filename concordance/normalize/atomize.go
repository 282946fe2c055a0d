package normalize

import (
	"sort"

	"github.com/concord-oncology/concord/concordance"
)

// Atom is one primitive piece of a record split by AtomizeRecord: an SNV,
// or an indel (with its anchor base), or what is left of a complex change
// after greedy matching.
type Atom struct {
	concordance.Variant
	// Sources are the 1-based indexes of the record's ALT alleles that carry
	// this atom, ascending (bcftools' OLD_REC "USED_ALT_IDX").
	Sources []int
	// Overlapped is set when another atom of the record (from another ALT,
	// identical or not) overlaps this one: bcftools norm --atomize then
	// writes a second ALT "*" for the overlapping alleles, and with
	// --atom-overlaps . it writes none.
	Overlapped bool
}

// atom is an atom during atomization: offsets into the record's REF.
type atom struct {
	ref, alt string
	alt1     int // 1-based ALT index
	beg, end int // 0-based inclusive offsets into REF
}

// AtomizeRecord splits a record into atoms as bcftools 1.16 norm --atomize
// does (abuf.c): each ALT is compared with REF base by base after their
// common suffix is trimmed, with no alignment; each mismatching base is an
// SNV, and bases one allele has beyond the other join the atom before them
// into an indel or a complex change. Atoms are sorted by position, REF and
// ALT; identical atoms from several ALTs become one, with all of them as
// Sources.
//
// ok is false when the record cannot be atomized and must be kept as it
// is: no ALT, or an ALT that is not plain sequence (symbolic, *, .).
// Alleles are upper-cased first.
func AtomizeRecord(r Record) (atoms []Atom, ok bool) {
	ref, good := upperAllele(r.Ref)
	if !good || ref == "" || len(r.Alts) == 0 {
		return nil, false
	}
	alts := make([]string, len(r.Alts))
	for i, a := range r.Alts {
		u, good := upperAllele(a)
		if !good || u == "" {
			return nil, false
		}
		alts[i] = u
	}
	var all []atom
	for i, a := range alts {
		all = atomizeAllele(all, ref, a, i+1)
	}
	sort.SliceStable(all, func(i, j int) bool { return atomLess(&all[i], &all[j]) })

	// One output atom per distinct (beg, ref, alt); the duplicates and
	// every other atom that overlaps it decide Sources and Overlapped.
	var outIdx []int
	for i := range all {
		if i > 0 && sameAtom(&all[i-1], &all[i]) {
			continue
		}
		outIdx = append(outIdx, i)
	}
	atoms = make([]Atom, len(outIdx))
	for k, i := range outIdx {
		a := &all[i]
		atoms[k] = Atom{
			Variant: concordance.Variant{Chrom: r.Chrom, Pos: r.Pos + a.beg, Ref: a.ref, Alt: a.alt},
			Sources: []int{a.alt1},
		}
	}
	for i := range all {
		a := &all[i]
		for k, j := range outIdx {
			o := &all[j]
			if i == j || a.beg > o.end {
				continue
			}
			if a.end < o.beg {
				break // outputs are sorted by beg: none further can overlap
			}
			atoms[k].Overlapped = true
			if sameAtom(a, o) {
				atoms[k].Sources = append(atoms[k].Sources, a.alt1)
			}
		}
	}
	for k := range atoms {
		sort.Ints(atoms[k].Sources)
	}
	return atoms, true
}

// Atomize splits one biallelic variant into its atoms (AtomizeRecord with a
// single ALT, whose atoms never overlap): an MNV into SNVs, a
// deletion–insertion into SNVs and an indel where greedy matching allows.
// A variant that cannot be atomized (anchor-free, symbolic, invalid bases)
// is returned alone and unchanged. Atoms keep Chrom; they are not
// left-aligned (NormalizeAtoms does that).
func Atomize(v concordance.Variant) []concordance.Variant {
	atoms, ok := AtomizeRecord(Record{Chrom: v.Chrom, Pos: v.Pos, Ref: v.Ref, Alts: []string{v.Alt}})
	if !ok {
		return []concordance.Variant{v}
	}
	out := make([]concordance.Variant, len(atoms))
	for i, a := range atoms {
		out[i] = a.Variant
	}
	return out
}

// NormalizeAtoms checks v as Normalize does, atomizes it, and normalises
// each atom, sorted by position: bcftools norm --atomize -f, which
// atomizes before it realigns. An MNV comes back as its SNVs, so it can be
// compared with callers that report them one by one.
func (n *Normalizer) NormalizeAtoms(v concordance.Variant) ([]concordance.Variant, error) {
	if _, ok := AtomizeRecord(Record{Chrom: v.Chrom, Pos: v.Pos, Ref: v.Ref, Alts: []string{v.Alt}}); !ok {
		w, err := n.Normalize(v)
		if err != nil {
			return nil, err
		}
		return []concordance.Variant{w}, nil
	}
	// Check the whole REF once: the atoms' REFs are pieces of it.
	if _, err := n.Normalize(v); err != nil {
		return nil, err
	}
	atoms := Atomize(v)
	out := atoms[:0]
	for _, a := range atoms {
		w, err := n.Normalize(a)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos < out[j].Pos })
	return out, nil
}

// atomizeAllele appends the atoms of one ALT against REF (bcftools
// _atomize_allele): trim the common suffix while both alleles keep a base,
// then walk both from the left; a mismatching base opens an SNV atom, a
// matching base followed by the end of either allele opens an anchor atom,
// and bases past the end of the other allele extend the open atom.
func atomizeAllele(dst []atom, ref, alt string, alt1 int) []atom {
	rlen, alen := len(ref), len(alt)
	for rlen > 1 && alen > 1 && ref[rlen-1] == alt[alen-1] {
		rlen--
		alen--
	}
	open := -1 // index in dst of the atom that gap bases extend
	for i := 0; i < max(rlen, alen); i++ {
		switch {
		case i >= rlen: // an extra ALT base: insertion
			if open < 0 {
				open = len(dst)
				dst = append(dst, atom{alt1: alt1, beg: i, end: i - 1})
			}
			dst[open].alt += alt[i : i+1]
		case i >= alen: // an extra REF base: deletion
			if open < 0 {
				open = len(dst)
				dst = append(dst, atom{alt1: alt1, beg: i, end: i - 1})
			}
			dst[open].ref += ref[i : i+1]
			dst[open].end++
		case ref[i] != alt[i]:
			open = len(dst)
			dst = append(dst, atom{ref: ref[i : i+1], alt: alt[i : i+1], alt1: alt1, beg: i, end: i})
		case i+1 >= rlen || i+1 >= alen:
			// A matching base right before the end of either allele anchors
			// the indel that follows (or is a no-op atom when both end).
			open = len(dst)
			dst = append(dst, atom{ref: ref[i : i+1], alt: alt[i : i+1], alt1: alt1, beg: i, end: i})
		}
	}
	return dst
}

func atomLess(a, b *atom) bool {
	if a.beg != b.beg {
		return a.beg < b.beg
	}
	if a.ref != b.ref {
		return a.ref < b.ref
	}
	if a.alt != b.alt {
		return a.alt < b.alt
	}
	return a.alt1 < b.alt1
}

func sameAtom(a, b *atom) bool { return a.beg == b.beg && a.ref == b.ref && a.alt == b.alt }
