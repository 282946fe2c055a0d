// Package explain says why each discordant alteration is discordant: it
// flags clonal haematopoiesis (CH) and germline calls, sets each patient's
// ctDNA tumour fraction (TF) and tissue purity, computes the detection
// power of every alteration, gives every alteration called on one side
// only a reason, and applies the --exclude options. METHODS.md §2 describes
// the causes and how published analyses handle them; docs/outputs.md is
// the contract of the tables this package writes (reasons.tsv, power.tsv).
//
// # Clonal haematopoiesis
//
// A change is CH-typical when it matches a variant rule of its gene
// (MatchCH; the rules of Jaiswal et al. 2014 NEJM 371:2488, Bick et al.
// 2020 Nature 586:763, Bolton et al. 2020 Nat Genet 52:1219 and the M-CHIP
// table of kunstner/UKSH_liquidbiopsy, written out per gene in chrules.go
// with their sources): DNMT3A truncating or missense in codons 290–912;
// TET2 truncating or missense in 1104–1481 / 1843–2002; ASXL1 truncating in
// exons 11–12 (12–13 of the MANE transcript); PPM1D truncating in exons 5–6; JAK2 V617F and exon-12
// changes; TP53 and CHEK2 truncating and missense; ATM truncating and
// R337/R2832/N2875/I2888/R3008; SF3B1, SRSF2, U2AF1, IDH1/2, GNB1, GNAS,
// KRAS and NRAS hotspot codons; CBL linker–RING missense; loss of function
// of BCOR, BCORL1, BRCC3, PHF6, STAG2, ZRSR2, RUNX1. Rules read the call's
// protein change (canonical one-letter HGVS, package hgvs), consequence
// (VEP Sequence Ontology terms) and exon (VEP's EXON, "15/18").
//
// The rule alone decides for changes seldom seen in solid tumours; for
// genes that are also tumour drivers (TP53, KRAS, NRAS, CHEK2, ATM, IDH1,
// GNAS, EZH2, PTPN11) the VAF pattern must agree: the plasma VAF at most
// half of the patient's tumour signal (the largest VAF of its other somatic
// plasma calls, or TF/2 from the sheet), or no tumour signal at all, or the
// caller's Somatic_Putative_CH. A shared change is CH only when its tissue
// VAF is small (< 10%) and at most half its plasma VAF: blood in the biopsy,
// not tumour. A call also in the matched white-blood-cell sample is CH by
// evidence (flag ch_evidence) unless its WBC VAF is germline-like (≥ 30%)
// or the plasma VAF is clearly above the WBC's (Caris's buffy-coat rule,
// METHODS.md §2.1).
//
// # Germline
//
// germline_likely: the caller's germline status (calls kept with
// --keep-germline), a population frequency ≥ 0.1% (gnomAD-style INFO or VEP
// CSQ fields), or VAFs consistent with 50% or 100% on every side that
// called it (exact binomial test, p ≥ 1e-4, as kunstner/UKSH_liquidbiopsy),
// or a WBC VAF ≥ 30%.
//
// # Tumour fraction and purity
//
// The sheet's TF when given (source "sheet"); else the maximum somatic
// allele fraction of the plasma (MSAF, source "msaf": the largest VAF of a
// plasma small variant that is not CH, not germline-likely and under 35%;
// Husain et al. 2022 JCO Precis Oncol; METHODS.md §2.1). MSAF is a
// biased estimate of TF: a heterozygous clonal SNV of a diploid region has
// VAF TF/2, so MSAF ≈ TF/2 for it, while the maximum over several calls,
// copy gains and loss of heterozygosity pull MSAF up again. It is NOT
// doubled: the TF tiers (<1%, 1–10%, ≥10%) of Husain et al. were defined on
// MSAF itself, and an underestimate makes the detection power
// conservative (a miss is blamed on low power rather than on the sampling
// interval). On the simulated demo cohort the median true TF / MSAF is
// about 1.3. A plasma sample without any somatic call is uninformative
// (patients.tsv uninformative_plasma; its negatives say little, FMI 2024).
//
// Purity is the sheet's tumor_purity; else twice the median tissue VAF of
// the somatic small variants (clonal heterozygous variants of diploid
// regions have VAF purity/2; subclonal ones pull the median down, gains
// and LOH up), clamped to [5%, 100%]; else 50%.
//
// # Detection power
//
// For an alteration the tissue called, the probability that the plasma
// should have called it: expected plasma VAF = tissue VAF × TF / purity;
// alt reads ~ Binomial(depth, VAF); called when alt reads ≥ the caller's
// minimum and alt/depth ≥ its minimum VAF (manasvitavashisth/PowerAnalysis,
// METHODS.md §2.3). The depth is the evidence's (BAM or gVCF) at the site,
// else the call's own, else the median depth of the sample's small-variant
// calls with the power averaged over a log-normal spread of site depths
// (σ from the calls' depths, 0.3 by default). Fusions use VAF TF/2;
// amplifications the copy number implied by the tissue fold change and
// purity, detectable when the plasma fold change it implies reaches the
// caller's. A plasma-only alteration gets the tissue's power the same way
// (expected tissue VAF = plasma VAF × purity / TF).
//
// # Reasons and their precedence
//
// The first that applies is given.
//
// Tissue-only (called in tissue, not in plasma):
//
//  1. not_covered: the plasma side is not_covered (outside its panel), or
//     the alteration is a fusion of genes the plasma assay does not assay
//     for rearrangements (Options.PlasmaFusionGenes).
//  2. below_threshold: the plasma holds it under the caller's threshold
//     (status below_threshold from BAM/gVCF evidence, or the plasma
//     caller's FILTERed call of the allele).
//  3. sampling_interval: the posterior probability that the alteration is
//     gone from the shedding tumour, q / (q + (1 − q)(1 − π)) with power π
//     and prior q = 0.5·(1 − e^(−days/365)) (NCI-MATCH; 90 days when the
//     dates are unknown), is at least 1/2.
//  4. subclonal: its tissue cancer-cell fraction (2 × VAF / purity) is
//     under 0.5, the power at that fraction is under 0.5 and the power had
//     it been clonal is at least 0.5.
//  5. low_power: the rest: TF or depth too low (or unknown: an
//     uninformative plasma), or a miss within binomial sampling noise.
//
// Plasma-only (called in plasma, not in tissue):
//
//  1. not_covered_in_tissue: the tissue side is not_covered.
//  2. germline: germline_likely.
//  3. ch_candidate: ch_candidate or ch_evidence.
//  4. low_tissue_purity: the tissue holds it under its threshold (evidence,
//     or the tissue caller's FILTERed call), or the tissue's power is under
//     0.5 (too few tumour cells in the biopsy to call it).
//  5. tumour_heterogeneity: the biopsy should have called it (power ≥ 0.5)
//     and did not: another lesion or clone sheds it (Parikh et al. 2019).
//
// Alterations of a patient with a failed sample get no reason.
//
// Flags never change a category. Options.Exclude ("ch", "germline") sets
// Row.Excluded on flagged rows, so they leave the counts
// (concordance.Row.Counted) while keeping their category; the summary
// shows the counts with and without them.
package explain
