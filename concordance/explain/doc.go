// Package explain says why each discordant alteration is discordant: it
// flags clonal haematopoiesis (CH) and germline calls, sets each patient's
// ctDNA tumour fraction (TF) and tissue purity, computes the detection
// power of every alteration, gives every alteration called on one side
// only a reason, and applies the --exclude options. METHODS.md §2 describes
// the causes and how published analyses handle them; docs/outputs.md is
// the contract of the tables this package writes (reasons.tsv, power.tsv).
//
// # White-blood-cell evidence
//
// A matched white-blood-cell (buffy-coat) sample is the truth for CH and
// germline origin (Razavi et al. 2019 Nat Med 25:1928; METHODS.md §2.1).
// Its counts at a plasma call's site come from its own call of the allele
// (sheet wbc_calls), else from its BAM or genome VCF (wbc_bam, wbc_gvcf),
// which give the depth there too: a call file alone cannot tell an
// uncovered site from a covered one without the allele. By Caris's
// buffy-coat rules (Magee et al. 2025 Clin Cancer Res 31:2710; Abraham et
// al. 2025) a call is present in the WBC (WBC VAF ≥ 30%: germline_likely;
// at least 2 reads and under 20%: ch_evidence), absent (the lower 95%
// Wilson bound of the plasma VAF above the upper bound of the WBC's: the
// WBC covers the site and lacks the allele, so the call is neither CH nor
// germline and no rule below flags it), or inconclusive (too shallow to
// tell, or 20–30%: possible mosaicism). Without coverage, absence means
// nothing and the rules decide.
//
// # Clonal haematopoiesis without conclusive WBC evidence
//
// A plasma call gets a probability of CH origin (alterations.tsv
// ch_probability) by naive Bayes: the prior of its gene, from the share of
// CH among the plasma variants of 16,812 advanced-cancer patients whose
// buffy coat was sequenced (Magee et al. 2025: BRCA2 39%, CHEK2 37.9%,
// BRCA1 27.4%, ATM 20.1%, TP53 18.5%, NRAS 7.3%, BRAF 5.8%, EGFR and KRAS
// 2.1%); for other genes 90% for a change the CH rules call specific to
// CH, 20% for a rule of a gene that is also a tumour driver, 10% for
// another change of a CH gene, 2% for any other gene. Its odds are then
// multiplied by the patient's age (doubling every decade from 65: Jaiswal
// et al. 2014 NEJM 371:2488; Magee et al. 2025), the caller's
// Somatic_Putative_CH (×4), the VAF against the patient's tumour signal
// (the largest VAF of its other plasma calls that show tumour DNA, or half
// the sheet's TF: ×0.25 from half the signal, up to ×20 far below it; not
// used under a 2% signal, where CH and tumour VAFs overlap) and the tissue
// (×0.02 when it called the change at a tumour-like VAF, ×2 at the VAF of
// the blood in a biopsy, ×2 when it missed a change a tumour variant at
// that ratio would have shown). From probability 0.5 the call is
// ch_candidate (probable CH: reason ch_candidate, dropped by --exclude
// ch), from 0.2 ch_possible (a flag only). No call at or above 35% plasma
// VAF is CH (a heterozygous clone would make up 70% of the blood:
// kbolton-lab/ArCH takes VAF ≥ 0.35 as germline, and Caris keeps CH under
// 20% buffy-coat VF), except the truncating DNMT3A, TET2, ASXL1 and PPM1D
// changes ArCH exempts; a call on fewer than 3 reads is not graded.
//
// The CH rules of chrules.go say which changes are CH-typical: the rules
// of Jaiswal et al. 2014, Bick et al. 2020 Nature 586:763, Bolton et al.
// 2020 Nat Genet 52:1219 and the M-CHIP table of kunstner/UKSH_liquidbiopsy,
// written out per gene with their sources: DNMT3A truncating or missense
// in codons 290–912; TET2 truncating or missense in 1104–1481 /
// 1843–2002; ASXL1 truncating in exons 11–12 (12–13 of the MANE
// transcript); PPM1D truncating in exons 5–6; JAK2 V617F and exon-12
// changes; TP53 and CHEK2 truncating and missense; ATM truncating and
// R337/R2832/N2875/I2888/R3008; SF3B1, SRSF2, U2AF1, IDH1/2, GNB1, GNAS,
// KRAS and NRAS hotspot codons; CBL linker–RING missense; loss of function
// of BCOR, BCORL1, BRCC3, PHF6, STAG2, ZRSR2, RUNX1. Rules read the call's
// protein change (canonical one-letter HGVS, package hgvs), consequence
// (VEP Sequence Ontology terms) and exon (VEP's EXON, "15/18").
//
// # Germline
//
// germline_likely: the caller's germline status (calls kept with
// --keep-germline), a population frequency ≥ 0.1% (gnomAD-style INFO or
// VEP CSQ fields), a WBC VAF ≥ 30%, or VAFs that one germline genotype
// explains in every sample that called it — heterozygous with the same
// tumour copy state everywhere (no change, copy-neutral loss of
// heterozygosity keeping or losing the allele, loss of one copy keeping or
// losing it: VAF (f·m + 1 − f)/(f·cn + 2(1 − f)) at tumour content f), or
// homozygous — and that are too high for tumour DNA in at least one of
// them (above the sample's content: purity, tumour fraction). The central
// exact binomial test decides both (p ≥ 1e-4, as kunstner/UKSH_liquidbiopsy;
// stats.BinomialCentral). A sample's content is the sheet's ÷/× 1.25, else
// [m, 2m] for the largest VAF m of the patient's other somatic calls there
// (a clonal variant sits between content/2 and the content). So a variant
// whose tissue VAF tracks the purity, or whose plasma VAF the tumour
// fraction explains, is not called germline: at TF 80% a clonal
// heterozygous variant with loss of heterozygosity sits anywhere between
// 40% and 80%. A call absent from a covering WBC sample is never germline.
//
// # Tumour fraction and purity
//
// The sheet's TF when given (source "sheet"); else the maximum somatic
// allele fraction of the plasma (MSAF, source "msaf"; Husain et al. 2022
// JCO Precis Oncol): the largest VAF of a plasma small variant that no
// flag calls germline or probable CH, outside genes with a copy-number
// change in either sample (a mutated amplified allele outgrows the
// content). Unlike the usual MSAF (kunstner/UKSH_liquidbiopsy leaves out
// VAFs ≥ 35% as putative germline) it keeps high VAFs: the germline test
// sees the tumour content and loss of heterozygosity, so what it leaves is
// tumour, and at high TF the tumour's own calls are exactly the high ones
// (a TP53 hotspot with loss of the other allele at 80%). MSAF is a biased
// estimate of TF: a heterozygous clonal SNV of a diploid region has VAF
// TF/2, so MSAF ≈ TF/2 for it, while the maximum over several calls and
// loss of heterozygosity pull MSAF up again. It is NOT doubled: the TF
// tiers (<1%, 1–10%, ≥10%) of Husain et al. were defined on MSAF itself,
// and an underestimate makes the detection power conservative. A plasma
// sample without any somatic call is uninformative (patients.tsv
// uninformative_plasma; its negatives say little, FMI 2024).
//
// Purity is the sheet's tumor_purity; else twice the median tissue VAF of
// the somatic small variants under 70% outside copy-number changes
// (clonal heterozygous variants of diploid regions have VAF purity/2;
// subclonal ones pull the median down, gains and LOH up), clamped to
// [5%, 100%]; else 50%.
//
// How reliable the flags are, without and with WBC, on synthetic cohorts
// the rules were not tuned on: docs/blood-alone.md.
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
//  3. ch_candidate: ch_candidate (probable CH) or ch_evidence; a
//     ch_possible call keeps its other reason.
//  4. low_tissue_purity: the tissue holds it under its threshold (evidence,
//     or the tissue caller's FILTERed call), or the tissue's power is under
//     0.5 (too few tumour cells in the biopsy to call it).
//  5. tumour_heterogeneity: the biopsy should have called it (power ≥ 0.5)
//     and did not: another lesion or clone sheds it (Parikh et al. 2019).
//
// Alterations of a patient with a failed sample get no reason.
//
// Flags never change a category. Options.Exclude ("ch", "germline") sets
// Row.Excluded on flagged rows (ch: ch_candidate or ch_evidence;
// germline: germline_likely), so they leave the counts
// (concordance.Row.Counted) while keeping their category; the summary
// shows the counts with and without them. A call the WBC sample covered
// and lacked carries none of these flags, so no exclusion drops it.
package explain
