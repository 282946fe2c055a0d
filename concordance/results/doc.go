// Package results reads a concord results folder back into structs: the
// tables that docs/outputs.md defines (alterations.tsv, patients.tsv,
// strata.tsv, patient_strata.tsv, models.tsv, ledger.tsv) and summary.json.
// Figures and the HTML report are drawn from these tables alone, so a
// results folder can be re-rendered without re-running the analysis.
//
// Columns are found by name in the header row, so added columns do not
// break a reader; a missing required column, or a cell that is not what its
// column promises, is an error naming the line. "." is a missing value:
// NaN for numbers, -1 for counts.
package results
