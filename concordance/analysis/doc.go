// Package analysis runs concord's analysis of a cohort, as `concord run`
// and `concord demo` run it, for any caller: the command line, the tests,
// notebooks.
//
// Run does it all: it loads the cohort (a sample sheet or a cBioPortal
// study) and what the options name (reference, panels, actionability
// table), runs the per-patient pipeline with the classifiers in their
// order (comparison universe, evidence at discordant sites, the other
// caller's FILTERed calls, then the explanation, which reads all the
// others' statuses and flags), and computes the cohort summaries: strata,
// patient strata, models, reasons, detection power, blood alone and
// summary.json. It returns a Result and writes nothing; Result.Write
// writes the tables, summary.json and README.md into a folder (the figures
// and report.html are drawn from those tables by package render).
//
// The two stages are also separate functions: Patients runs the cohort's
// patients (the work that grows with the cohort and parallelises by
// patient) and Cohort computes the cohort stage from per-patient results
// alone, so that results computed in parts can be summarised together.
package analysis
