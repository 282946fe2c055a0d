// Package normalize puts small variants into one canonical form against a
// reference genome, so that the same change written differently by two
// callers (tissue Pisces, plasma DRAGEN, a MAF producer) compares equal.
//
// The canonical form is the normalised representation of the VCF
// specification (VCF 4.3 §5, "a variant is normalized if and only if it is
// parsimonious and left aligned") computed as in Tan, Abecasis and Kang,
// "Unified representation of genetic variants", Bioinformatics 31:2202
// (2015): trim the bases all alleles share at their end, extending them
// with reference bases on the left whenever an allele would run empty, then
// trim the bases they share at their start while every allele keeps one.
// Where the paper leaves choices open (the anchor base at the start of a
// contig, reference N and IUPAC codes, symbolic alleles, multi-allelic
// records) this package follows bcftools 1.16 `norm -f` (vcfnorm.c,
// realign), and it reproduces the bcftools 1.16 and vt test vectors in
// testdata/peer. `bcftools norm -m-` (Split), `norm --atomize` (Atomize,
// AtomizeRecord) and joint normalisation of multi-allelic records
// (NormalizeRecord) are here too.
//
// Normalizer.Normalize is the per-allele entry point: contig renamed to the
// reference's (chr1 ↔ 1, chrM ↔ MT), REF checked against the reference
// (*RefMismatchError), alleles trimmed and left-aligned, MAF-style
// anchor-free alleles given their anchor. FASTA gives random access to an
// indexed FASTA (.fai, read with github.com/biogo/hts/fai) through an
// io.ReaderAt, best a memory mapping (internal/mmapfile), and checks a VCF
// header's contig lengths against the reference (CheckContigs, a
// *BuildMismatchError names the contig, both lengths and the builds).
//
// Everything here is safe for concurrent use. An SNV costs one reference
// lookup and no allocation; an indel costs one lookup for the REF check and
// a second only when it can move left.
//
// Errors carry the "normalize:" prefix and no file name or line: callers
// add them (concordance.AtFile).
package normalize
