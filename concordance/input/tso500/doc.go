// Package tso500 reads the outputs of Illumina TruSight Oncology 500 (Local
// App v2.x and DRAGEN TSO500, tissue) and TSO500 ctDNA (v1 Local App, v2
// DRAGEN) other than the small-variant VCFs, as described in concord's
// FORMATS.md §1, §3 and §4, in the TSO500 Local App and DRAGEN TSO500 user
// guides, and in the public parsers umccr/dracarys and eastgenomics/TSO500R:
//
//   - CombinedVariantOutput.tsv (ReadCVO): a multi-section TSV parsed by
//     section name, never by position: [Small Variants], [Gene
//     Amplifications] / [Copy Number Variants], [Fusions], [Splice
//     Variants], [TMB], [MSI], with the BOM, tab padding, "NA" sentinel
//     rows, CRLF, blank or tab-only separators and unknown sections
//     ([Exon-Level CNVs], [Large Rearrangements], ...) handled;
//   - the CNV VCFs (ReadCNVVCF): Craft's *_CopyNumberVariants.vcf (ALT
//     <DUP>/<DEL>, gene in INFO ANT, fold change in FORMAT FC) and DRAGEN's
//     *.cnv.vcf (gene in INFO SEGID, copy ratio in FORMAT SM). Records with
//     ALT "." are copy-neutral and counted as not_reportable; the direction
//     comes from ALT, never from the fold change alone;
//   - RNA fusions *_AllFusions.csv (ReadAllFusions): only KeepFusion=True
//     rows are reported by Illumina; the others are counted as
//     not_reportable;
//   - ctDNA DNA fusions *_Fusions.csv (ReadCtDNAFusions): CRLF, '#'
//     preambles, and both reciprocal breakend records of a fusion (the
//     second is counted as a duplicate).
//
// Fusions are keyed by their unordered gene pair; a side that lists several
// genes ("ROS1;GOPC", "PPARG/AC016683.6") is kept as a ';' list (see
// package genes for the CVO "Gene Pair" split rule). Splice events are
// keyed by gene and affected exon(s) without the transcript's exon count
// ("14/21" → "14", "2-7/28" → "2-7"); a row without an exon keeps the gene
// only and matches at gene level.
//
// *_SpliceVariants.vcf is not read: its records name neither gene nor exon
// (INFO has only SVTYPE, END and read counts, and REF is not the reference
// base), so without a transcript annotation it gives nothing the CVO's
// [Splice Variants] section does not give better.
package tso500
