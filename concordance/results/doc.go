// Package results reads a concord results folder back into structs: the
// tables and summary.json that package schema defines (docs/outputs.md).
// Figures and the HTML report are drawn from these alone, so a results
// folder can be re-rendered without re-running the analysis.
//
// Every column is read by the name schema gives it, and checked against
// the kind and values schema allows; added columns do not break a reader,
// a missing required column or a cell that is not what its column promises
// is an error naming the line. "." is a missing value: NaN for numbers, -1
// for counts, "" for text.
//
// results depends on schema and the table reader only: not on the domain,
// the analysis or the writers.
package results
