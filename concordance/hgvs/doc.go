// Package hgvs parses and compares protein changes written in HGVS protein
// notation (den Dunnen et al. 2016, "HGVS Recommendations for the
// Description of Sequence Variants: 2016 Update", Hum Mutat 37:564;
// https://hgvs-nomenclature.org/stable/recommendations/protein/) and in the
// short forms variant annotators emit (VEP/vcf2maf HGVSp_Short, Illumina
// TSO500 P-Dot Notation, clinical reports).
//
// Canonical form. Canonical rewrites a change in one-letter residue codes
// with a "p." prefix, no prediction parentheses and "*" for a stop:
// p.(Val600Glu), Val600Glu, p.V600E → p.V600E; p.(Ser406=), p.S406S →
// p.S406=; p.Trp54Ter, p.W54X → p.W54*; p.Asn139GlnfsTer5 → p.N139Qfs*5;
// p.Glu746_Ala750delGluLeuArgGluAla → p.E746_A750del. A leading transcript
// (NP_004324.2:p.…) and the CVO wrapping NM_…:c.…(p.(…)) are removed.
//
// Equivalence. Equivalent(a, b) decides whether two changes of the same
// gene describe the same protein. The rules, from strictest to loosest:
//
//  1. identical canonical forms are equivalent (except uninformative p.?,
//     p.= and p.0);
//  2. frameshifts are equivalent when their first changed residue and
//     position agree; the new residue and the distance to the new stop must
//     also agree when both sides write them, and a side that omits them
//     (p.N139fs) matches any tail at that residue (p.N139Qfs*5,
//     p.Asn139GlnfsTer5). A different tail length is a different reading
//     frame or a different event, so p.N139Qfs*5 ≠ p.N139Qfs*6;
//  3. a stop-loss written as a substitution of the stop (p.*110Q) matches
//     an extension from the same stop with the same residue (p.*110Qext*17);
//  4. substitutions, deletions, duplications, insertions and
//     deletion–insertions are compared as edits of the protein sequence.
//     Each notation names some reference residues (V600 says residue 600
//     is V; A775_G776ins says 775 is A and 776 is G; a dup repeats the
//     residues between its ends), and leaves the others unknown. Both edits
//     are applied to the window they cover and the two resulting residue
//     strings are unified, unknown reference residues acting as variables.
//     They are equivalent when a protein sequence exists that agrees with
//     every residue either notation names and under which both edits give
//     the same protein. This is what makes an in-frame insertion and the
//     duplication that a 3′-shifted description turns it into comparable
//     without a reference protein: ERBB2 p.Y772_A775dup = p.A775_G776insYVMA
//     (the insertion spells the duplicated residues; the dup names Y772 and
//     A775, which agree) and p.K5del = p.K6del when both residues are K.
//
// What that cannot decide. Residues neither notation names are assumed to
// be whatever makes the two agree: p.Y772_A775dup and p.A775_G776insYAAA
// would be called equivalent, since the dup does not say that residues 773
// and 774 are V and M. Unifying therefore needs each unknown residue it
// binds to be spelled by the other notation's inserted residues (it never
// invents a residue); it is still an assumption, and it is why the protein
// tier is opt-in and recorded as such. Inserted residues given only as a
// count (p.A775_G776ins4) are never equivalent to anything but the same
// text. Frameshifts, extensions and start losses are not shifted: their
// described position is fixed by HGVS (the first changed residue).
//
// X is read as a stop (p.W54X, fsX5) except in the MAF pseudo-notation for
// splice sites, p.X2151_splice, where it stands for an unknown residue; the
// three-letter Xaa is therefore not read (p.M1X would then mean two things).
//
// Bounds. Positions, distances to a new stop, inserted residues and counts
// are at most MaxResidues (40,000: titin, the longest human protein, has
// 34,350); anything longer is a parse error naming the value. Comparing two
// changes costs the length of their edits, not the distance between them.
package hgvs
