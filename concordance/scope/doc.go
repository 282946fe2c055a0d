// Package scope decides which alterations count (issue 11 §1): every PASS
// call (All), the protein-altering ones (Coding, the default), or what a
// clinical report would list (Reportable). The decision is read from each
// call's own annotation: the consequence term of a VEP CSQ or snpEff ANN
// field (Sequence Ontology terms, https://www.sequenceontology.org; VEP's
// calculated consequences, https://www.ensembl.org/info/genome/variation/prediction/predicted_data.html),
// a MAF Variant_Classification (GDC MAF specification), a TSO500
// CombinedVariantOutput Consequence(s) cell, or the protein change a
// report-level table or MAF gives (HGVS p. notation, package hgvs). A small
// variant whose annotation cannot decide is kept and flagged
// scope_unknown; an alteration left out stays in alterations.tsv as
// not_compared with reason out_of_scope, never dropped.
//
// The Reportable rules and their cited defaults:
//
//   - small variants: Coding ones at a cancer hotspot (hotspots.tsv,
//     written from cancerhotspots.org, Chang et al. 2016 Nat Biotechnol
//     34:155 and 2018 Cancer Discov 8:174; or marked hotspot by the caller)
//     or truncating in a cancer driver gene (IntOGen release 2023-05-31,
//     CC0, package genes);
//   - amplifications with a total copy number above MinCopyNumber (6, the
//     report rules of InPreD, Norway's national infrastructure for
//     precision diagnostics, as issue 11 quotes them); when
//     the caller gives a fold change only, copy number = 2 × fold change
//     (the fold change is relative to a diploid baseline);
//   - deletions (copy loss) of a driver gene;
//   - fusions with at least MinFusionReads supporting reads (3 unique
//     reads, InPreD), and splice events.
//
// A copy-number change or fusion without a size or read count is kept
// under Reportable and flagged scope_unknown, like an unannotated small
// variant.
package scope
