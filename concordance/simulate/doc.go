// Package simulate writes synthetic IMPRESS-like tissue–plasma cohorts: a
// synthetic reference genome holding the TSO500 genes, a panel BED, per
// patient the tissue call files in the TSO500 Local App dialects (Pisces
// VCF with VF, Craft CopyNumberVariants.vcf, RNA AllFusions.csv) and the
// plasma call files in the TSO500 ctDNA v2 / DRAGEN dialects
// (hard-filtered VCF with AF and GermlineStatus, cnv.vcf, DNA Fusions.csv),
// a sample sheet, and a truth table of what each patient carries and what
// a correct default `concord run` must report.
//
// It follows the file formats of FORMATS.md (§2 small-variant VCFs, §3 CNV
// VCFs, §4 fusion CSVs), the VCF 4.1/4.2 specifications, the SAM
// specification's BGZF (via github.com/biogo/hts/bgzf), Ensembl VEP's CSQ
// annotation and HGVS nomenclature (3' rule for c. and p. descriptions).
// The model's biology and every parameter's source are in
// docs/simulation.md: tumour fraction by shedding class and stage
// (Bettegowda et al. 2014, Sci Transl Med; FMI tumour-fraction study 2024,
// Clin Cancer Res; Lin et al. 2025, Oncologist), amplification detection
// limits (Woodhouse et al. 2020, PLoS One), clonal haematopoiesis
// (Jaiswal et al. 2014, Genovese et al. 2014, NEJM; Bick et al. 2020,
// Nature; Razavi et al. 2019, Nat Med) and sampling interval (NCI-MATCH,
// Clin Cancer Res 2025).
//
// Write is deterministic: each patient draws from its own PCG stream
// seeded by (seed, patient index), so the bytes depend on the seed and not
// on the number of threads.
package simulate
