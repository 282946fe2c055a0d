// Package actionable answers IMPRESS-Norway's question "who can be tested
// with blood alone?": it maps alterations to biomarker cohorts with an
// actionability table and, for each cancer type × stage group, counts the
// patients with an actionable tissue alteration and how often the plasma
// alone found it (blood_alone.tsv; docs/outputs.md is its contract).
//
// # The actionability table
//
// A tab-separated table with a header naming gene, alteration, cohort and
// (optionally) source; "#" lines are comments. The built-in table
// (default.tsv, Default) is written from public biomarker–drug approvals
// and trial cohorts, each line naming its source: BRAF V600, KRAS G12C,
// ERBB2 amplification and activating mutations, NTRK1/2/3, FGFR2, ALK,
// ROS1, RET and NRG1 fusions, FGFR3 fusions and hotspots, EGFR sensitising
// mutations (exon 19 deletions, L858R, G719X, L861Q, S768I), T790M and exon
// 20 insertions, MET exon 14 skipping and amplification, PIK3CA, AKT1 and
// ESR1 hotspots, IDH1 R132 and IDH2, BRCA1/2 loss of function, KIT and
// PDGFRA. A fusion matches the rules of either of its genes.
//
// The alteration column is a pattern, or several separated by commas:
//
//	p.V600E            that protein change (HGVS-equivalent: package hgvs,
//	                   so p.Val600Glu and p.V600E are one change)
//	p.V600             any substitution or in-frame change starting at codon
//	                   600 whose reference residue is V (OncoKB's "V600",
//	                   "G719X")
//	exon19:deletion    an in-frame deletion (or deletion–insertion that
//	                   removes residues) in exon 19 (VEP's EXON field);
//	                   also :insertion, :inframe, :missense, :truncating,
//	                   :mutation (any protein-altering change)
//	p.729-761:deletion the same kinds in a codon range (for inputs without
//	                   an exon annotation)
//	truncating, missense, inframe, deletion, insertion, mutation
//	                   anywhere in the gene
//	amplification, fusion, deep_deletion
//	exon14_skipping    a splice alteration naming exon 14, or a small
//	                   variant at its splice sites
//
// # Found by blood alone
//
// A patient's actionable tissue alteration is found when the plasma called
// it too (shared). The clinically meaningful question is whether blood
// alone would have assigned the patient to a biomarker cohort, and one
// biomarker is enough for that (IMPRESS and DRUP assign a patient by one
// alteration), so the table's primary fraction is found_any: patients for
// whom plasma found at least one of their actionable tissue alterations.
// found_all (plasma found every one) is reported beside it: it answers
// whether blood would have given the same set of options. Intervals are
// Wilson's (95%). Groups with fewer than DefaultMinPatients (10) patients
// with an actionable alteration are marked not judged; judged groups are
// ranked within their kind by the lower bound of the found_any interval,
// so that groups where blood alone reliably suffices come first and a
// small group's lucky 100% does not.
package actionable
