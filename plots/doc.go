// Package plots draws concord's figure set from the result tables of a run
// (package results; docs/outputs.md is their contract) in one house style,
// on gonum/plot v0.17.0.
//
// The house style (Style) is the same for every figure: Liberation Sans (a
// metric clone of Arial, shipped with gonum/plot), text sized in proportion
// to the figure's width so a figure enlarged for a poster keeps its
// proportions, the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008,
// "Color Universal Design", https://jfly.uni-koeln.de/color/) with fixed
// colours for shared, tissue-only and plasma-only alterations, legends in a
// panel of their own above the data, and PNG (300 dpi by default), SVG and
// PDF output.
//
// Each figure is an entry of Figures: a name, a title, a caption and a draw
// function. Render draws one figure in one format and turns gonum/plot's
// panics into errors. Known gonum/plot traps are handled here rather than in
// each figure: PDF text is transliterated to ASCII (gonum/plot issue #347:
// the PDF backend writes cp1252), log axes never see a zero (undetected
// values are drawn in a strip of their own), and the PDF creation date,
// which fpdf would take from the clock, is fixed so the same tables give
// the same bytes in every format.
//
// The figures follow METHODS.md §7 item 17: stacked 100% bars by stratum,
// a tissue-vs-plasma VAF scatter with a zero strip, a dual-layer
// oncoprint, a forest of PPA by subgroup, the plasma detection curve and an
// UpSet summary; the binned-probability figure follows the usual
// calibration plot (points with Wilson intervals, Wilson 1927) under the
// fitted logistic curve.
package plots
