// Package plots draws concord's figure set from the result tables of a run
// (package results; docs/outputs.md is their contract) in one house style,
// on gonum/plot v0.17.0.
//
// The house style (Style) is the same for every figure: Liberation Sans (a
// metric clone of Arial, shipped with gonum/plot), the Okabe–Ito
// colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design",
// https://jfly.uni-koeln.de/color/) with one meaning per colour across the
// figures (blue, orange and purple are shared, tissue-only and plasma-only
// and nothing else; the reasons of discordance and clonal haematopoiesis
// have colours of their own), gene symbols in italics, legends in a panel
// of their own above the data, and PNG (with its resolution recorded),
// SVG and PDF output. Text is sized in points by a Preset (journal,
// poster, slide); without one it grows with the width from 9 pt tick
// labels at 18 cm. A figure is as tall as its content needs at that type
// size: rows of bars or intervals get the same height at any width.
//
// Each figure is an entry of Figures: a name, a title, a caption and a draw
// function. Render draws one figure in one format and turns gonum/plot's
// panics into errors. Known gonum/plot traps are handled here rather than in
// each figure: PDFs are drawn by a canvas of this package (on internal/pdf)
// that embeds each face used (regular, bold, italic) as a TrueType subset
// with its text mapped to Unicode (gonum/plot's vgpdf embeds one face for
// all and writes cp1252, issue #347), log axes never see a zero
// (undetected values are drawn in a strip of their own), and the PDF
// creation date is fixed (2000-01-01), not the clock's, so the same tables
// give the same bytes in every format. In SVG each data
// mark carries a tooltip (an SVG <title>, tips.go) with the numbers behind
// it; PNG and PDF are drawn as without them.
//
// The figures follow METHODS.md §3: stacked 100% bars by stratum with the
// test across the levels, a tissue-vs-plasma VAF scatter with zero strips
// and agreement statistics, a dual-layer oncoprint with annotation tracks,
// a forest of PPA by subgroup (patient-bootstrap intervals, marker area
// proportional to n), plasma detection by tissue VAF in the bins of
// strata.tsv under the fitted logistic curve, an UpSet plot of patients
// by the categories of their alterations, and the blood-alone question.
package plots
