// Package report writes report.html: one self-contained page (inline SVG
// figures, inline CSS and a few lines of inline JavaScript to sort tables;
// no network, no external scripts or fonts) with a run's headline numbers
// and their denominators, the figures, the strata tables, the methods and
// every parameter, the ledger and the provenance, drawn from the result
// tables of a results folder (package results) alone.
//
// Everything that comes from inputs (cancer types, genes, file names,
// commands) is escaped by html/template; the figures are SVG that package
// plots wrote, whose text gonum/plot escapes. A synthetic cohort
// (summary.json "synthetic": true) is announced by a banner at the top.
package report
