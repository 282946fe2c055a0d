// Package universe decides which alterations each assay could have
// reported, and so which ones are compared: the comparison universe is the
// intersection of the tissue and plasma assays' panels (Razavi et al. 2019
// Nat Med: "only variants mapping to the intersection of the ... gene
// panels were considered"; METHODS.md §2.2). An alteration outside one
// assay's panel is reported with status not_covered on that side and
// category not_compared, never counted; "not covered" is kept apart from
// "not detected" as in MSK-ACCESS's Called / Genotyped / Not Called / Not
// Covered (msk-access/access_data_analysis, docs/analysis/filter-calls.md).
//
// Panels are BED files (UCSC BED; BEDv1 of samtools/hts-specs): 0-based,
// half-open intervals, "track", "browser" and "#" lines skipped, contig
// names matched whatever their "chr" prefix (concordance.ContigKey). Without
// a BED, a side's panel is the TSO500 gene list (genes.TSO500), which both
// TSO500 assays share.
//
// Coverage rules:
//
//   - A small variant with a position is covered when a base it changes
//     lies in a target interval. The changed bases are the allele without
//     its VCF anchor: a substitution's or deletion's REF bases, and for a
//     pure insertion the two bases either side of the insertion point.
//     This is the same whether the input carried an anchor base (VCF) or
//     not (MAF), as the matcher's keys are; an indel straddling a target
//     edge is covered.
//   - Copy-number and splice alterations, and small variants known only by
//     gene and protein change, are covered when their gene is a panel gene:
//     one named in the BED's name column (the symbol before the first ':',
//     '_' or whitespace, so "EGFR", "EGFR_exon19" and "EGFR:exon19" all
//     name EGFR; several genes may be listed with ',', ';' or '|').
//   - A fusion is covered when either partner is a panel gene. Both TSO500
//     assays target one gene of a pair and find the partner from the reads:
//     the tissue assay's RNA probes capture the targeted gene's transcript
//     and chimeric reads name whatever partner is fused to it, and the ctDNA
//     assay's DNA probes tile the targeted gene's breakpoint introns and
//     split or discordant reads name the partner. EML4–ALK is found through
//     ALK; EML4 is on neither panel. Requiring both partners would put most
//     real fusions outside the universe.
//   - A gene-level alteration whose gene is unknown (no annotation) is
//     taken as covered: there is nothing to judge it by, and leaving it out
//     would silently drop calls of unannotated inputs. A BED whose names are
//     not gene symbols (amplicon ids, coordinates: none of its names is a
//     known TSO500 or IntOGen gene) judges positions only, and the same
//     holds for its gene-level alterations; the classifier notes it.
//
// With the default (TSO500 genes on both sides) every call of a TSO500
// cohort lies in the universe. For other assays the default restricts the
// comparison to the TSO500 genes: a call annotated with another gene is
// not compared, a call without a gene annotation is compared. Give each
// assay's BED to compare other panels.
//
// A sample the sheet marks failed (SampleRef.Failed) has status
// sample_failed on every row of its patient, and those rows are not
// compared.
package universe
