// Package concordance is the domain of tissue–plasma (ctDNA) concordance: the
// alterations a tumour tissue sample and a plasma sample of the same patient
// carry, how one sample's call is matched to the other's, and the status and
// category each alteration ends up with.
//
// The vocabulary follows DESIGN.md of the concord project:
//
//   - An Alteration is what changed, independent of which sample saw it.
//     Small variants are keyed by their normalised VCF-style allele
//     (chrom:pos:ref:alt, 1-based, indels with their anchor base, as in the
//     VCF 4.3 specification and Tan et al. 2015, "Unified representation of
//     genetic variants", Bioinformatics 31:2202); copy-number changes by gene
//     and direction; fusions by their unordered gene pair.
//   - A Call is one sample's observation of an alteration (VAF, depth, FILTER,
//     caller flags, source file and line).
//   - Each alteration of a patient has a Status on each side (tissue, plasma)
//     and, inside the comparison universe, a Category: shared, tissue-only or
//     plasma-only. A shared alteration records the Tier by which it matched.
//
// Readers of input formats live in subpackages and know formats, not
// concordance; the matcher here knows alterations, not files.
package concordance
