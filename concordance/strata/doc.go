// Package strata computes concord's stratified statistics from the
// per-patient results of a run: strata.tsv (concordance by dimension and
// level, alterations as the unit, with Wilson and patient-bootstrap
// intervals and a test across levels), patient_strata.tsv (ctDNA detection
// and patients with a shared alteration, patients as the unit) and
// models.tsv (logistic models of plasma detection of tissue alterations
// with patient-clustered standard errors). docs/outputs.md is the contract
// of the tables; METHODS.md §1 and §6 give the methods.
//
// Denominators: with S shared, T tissue-only and P plasma-only counted
// alterations (concordance.Row.Counted), U = S+T+P; union shares S/U, T/U,
// P/U; PPA S/(S+T); PPV S/(S+P).
//
// Dimensions and levels:
//
//   - all; cancer_type (the sheet's free text, by size); cancer_group
//     (rare, common, unknown: package oncotree, RARECARE's < 6 per 100,000
//     per year); stage (0, I–IV, unknown); tf_tier (<1%, 1-10%, >=10%,
//     unknown: Husain et al. 2022); days_between (<=30, 31-90, >90 days
//     between the two collections, unknown): attributes of the patient,
//     which carry all its alterations.
//   - class; gene (the TopGenes genes with most counted alterations, a
//     fusion counting under both its genes); tissue_vaf_bin (<5%, 5-10%,
//     10-20%, 20-40%, >=40% of the tissue VAF; unknown for tissue calls
//     without a VAF, such as most copy-number changes and fusions;
//     no_tissue_call for plasma-only alterations): attributes of the
//     alteration, so a patient is in several levels at once. In the VAF
//     dimension PPA is the meaningful metric: shared and tissue-only
//     alterations have a tissue VAF, plasma-only ones by definition do not,
//     so the union shares of a VAF bin only restate how tissue calls split.
//
// Intervals. Wilson (1927) intervals treat alterations as independent.
// They are too narrow: alterations cluster within patients, whose tumour
// fraction decides whether any of them reaches the plasma (METHODS.md
// §1.3). The bootstrap intervals resample patients (Field and Welsh 2007)
// with all their alterations: each replicate draws as many patients as the
// cohort has, with replacement, and every level's statistic is a ratio of
// sums of per-patient counts over the draw, so one bootstrap call serves
// all levels of a dimension and every dimension sees the same draws for a
// seed. (The call is stats.Bootstrap over sparse per-patient sums: it draws
// the patients stats.BootstrapSums would and gives the same sums, but a
// replicate only touches the levels its patients are in.) A patient in several levels brings its alterations to
// each, which keeps the within-patient correlation between levels. A ratio
// undefined in a replicate (its level absent from the draw) is left out,
// so intervals are conditional on the level being drawn; a level with
// fewer than two patients behind a denominator gets no bootstrap interval.
// Results are identical for a seed whatever the number of workers.
//
// Tests across levels ("unknown" levels left out) are descriptive, with
// alterations as independent units: the Cochran–Armitage trend of PPA for
// stage I–IV and for the tissue-VAF bins; elsewhere Pearson's chi-square
// on levels × {S, T, P} when the table meets Cochran's (1954) rule (every
// expected count ≥ 1, at most 20% below 5), else the Freeman–Halton exact
// test of PPA on levels × {S, T}. Benjamini–Hochberg (1995) q-values are
// taken across the dimensions tested. The detection model (Models) is the
// patient-aware test of the same questions.
//
// References: Wilson EB (1927) JASA 22:209; Efron B, Tibshirani RJ (1993)
// An Introduction to the Bootstrap, ch. 13; Field CA, Welsh AH (2007) JRSS
// B 69:369; Cochran WG (1954) Biometrics 10:417; Armitage P (1955)
// Biometrics 11:375; Freeman GH, Halton JH (1951) Biometrika 38:141;
// Benjamini Y, Hochberg Y (1995) JRSS B 57:289; Zeileis A et al. (2020)
// J Stat Softw 95(1) (cluster-robust covariance); Husain H et al. (2022)
// JCO Precis Oncol (tumour-fraction tiers).
package strata
