// Package evidence looks for sub-threshold support of an alteration in the
// sample that did not call it: reads in the sample's BAM (SAM/BAM format
// specification v1, samtools/hts-specs; read with biogo/hts) or depth and
// allele counts in its genome VCF (a Pisces / TSO500 Local App
// .genome.vcf; VCF 4.2). It turns what it finds into the status of that
// side: below_threshold when at least a minimum of reads carry the allele,
// not_detected otherwise, flagged low_coverage when the site's depth is
// under a minimum. This is the "Genotyped" state of MSK-ACCESS's
// Called / Genotyped / Not Called / Not Covered (msk-access/
// access_data_analysis, docs/analysis/filter-calls.md), computed from
// the BAM at the discordant sites only.
//
// BAM counts follow samtools mpileup (1.16) so that they can be checked
// against it site by site: the same read filters (unmapped, secondary,
// QC-failed and duplicate reads skipped; -q and -Q cut-offs), overlapping
// mates of a proper pair counted once with htslib's quality rule, indels
// read from the CIGAR operation after the anchor base. Unlike mpileup's
// default, improper pairs are counted (mpileup -A), as Pisces counts them.
package evidence
