package normalize

import (
	"fmt"

	"github.com/concord-oncology/concord/concordance"
)

// Record is the allele part of one VCF record before it is split: REF and
// every ALT. ALT "." (no alternate allele) is written as Alts = ["."] or
// left empty.
type Record struct {
	Chrom string
	Pos   int
	Ref   string
	Alts  []string
}

// Split returns one biallelic variant per ALT allele, alleles exactly as
// given: bcftools norm -m- (without -f) and vt decompose. Symbolic ALTs are
// returned too (the caller drops them); a record without ALT gives none.
// Normalise each variant afterwards (bcftools norm -m- -f does the same).
func Split(r Record) []concordance.Variant {
	out := make([]concordance.Variant, 0, len(r.Alts))
	for _, a := range r.Alts {
		if a == "." {
			continue
		}
		out = append(out, concordance.Variant{Chrom: r.Chrom, Pos: r.Pos, Ref: r.Ref, Alt: a})
	}
	return out
}

// NormalizeRecord normalises a multi-allelic record jointly, as bcftools
// norm -f does without -m: all alleles are trimmed and shifted together, so
// the record moves only as far as every ALT allows (2:114 TC>TTCC,TTC
// becomes T>TTC,TT in place, although TC>TTC alone would move 13 bases
// left). Checks, renaming and anchor rules are those of Normalize, except:
//   - a record without ALT (a reference block) keeps only its first REF
//     base, after the REF check, as bcftools does;
//   - an ALT equal to REF is ErrNotVariant (bcftools leaves such records
//     unaligned and, unless told -c x/w, stops).
//
// Records with a symbolic ALT are returned unchanged apart from the contig,
// REF checked unless an ALT is structural (see Normalize).
func (n *Normalizer) NormalizeRecord(r Record) (Record, error) {
	symbolic, structural := false, false
	for _, a := range r.Alts {
		symbolic = symbolic || isSymbolic(a)
		structural = structural || isStructural(a)
	}
	if symbolic {
		chrom, err := n.passThrough(r.Chrom, r.Pos, r.Ref, !structural)
		r.Chrom = chrom
		return r, err
	}
	where := concordance.Variant{Chrom: r.Chrom, Pos: r.Pos}
	ref, ok := upperAllele(r.Ref)
	if !ok || ref == "" {
		return r, fmt.Errorf("%w: REF %s at %s:%d (want A, C, G, T or N)", ErrInvalidAllele, concordance.Quote(r.Ref), r.Chrom, r.Pos)
	}
	refBlock := len(r.Alts) == 0 || len(r.Alts) == 1 && r.Alts[0] == "."
	als := make([]string, 1, 1+len(r.Alts))
	als[0] = ref
	if !refBlock {
		for i, a := range r.Alts {
			u, ok := upperAllele(a)
			if !ok || u == "" {
				return r, fmt.Errorf("%w: ALT %s at %s:%d (want A, C, G, T or N)", ErrInvalidAllele, concordance.Quote(a), r.Chrom, r.Pos)
			}
			if u == ref {
				return r, fmt.Errorf("%w: ALT %d equals REF %s at %s:%d", ErrNotVariant, i+1, concordance.Quote(r.Ref), r.Chrom, r.Pos)
			}
			als = append(als, u)
		}
	}
	var s source
	if n.Ref != nil {
		c := n.Ref.contig(r.Chrom)
		if c == nil {
			return r, fmt.Errorf("%w: %s", ErrUnknownContig, concordance.Quote(r.Chrom))
		}
		s = source{f: n.Ref, c: c, chrom: c.rec.Name}
		where.Chrom = s.chrom
	}
	rl := realigner{src: s}
	defer rl.release()
	if s.ok() {
		if err := s.checkRef(r.Pos, ref, rl.scratch(len(ref))); err != nil {
			return r, err
		}
	}
	if refBlock {
		return Record{Chrom: where.Chrom, Pos: r.Pos, Ref: ref[:1], Alts: r.Alts}, nil
	}
	out := make([]string, len(als))
	p, err := rl.run(r.Pos, als, out)
	if err != nil {
		return r, err
	}
	return Record{Chrom: where.Chrom, Pos: p, Ref: out[0], Alts: out[1:]}, nil
}
