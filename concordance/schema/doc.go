// Package schema is concord's output contract in code: the files of a
// results folder, every table's columns (name, kind, decimals, meaning),
// the spelling of every enumerated value (categories, statuses, tiers,
// classes, flags, reasons, stratum dimensions and levels ...) and the
// types of summary.json.
//
// Each fact is written here once. The domain spells its enums with these
// constants (concordance.Category.String returns schema.Shared, ...),
// package output writes every table through its Table (header, cell count
// and number formats), package results reads through it (column names and
// allowed values), and docs/outputs.md is checked against it by
// TestDocumentedColumns: a column or a value added here and not in the
// document, or the other way round, fails the build.
package schema
