package main

import (
	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/concordance/render"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/simulate"
	"github.com/concord-oncology/concord/internal/outdir"
)

// The kinds of folder concord writes and what each holds: the one
// definition the refusal to replace a folder checks against. Tests check
// that run, figures and simulate write nothing else
// (TestOutFolderSpecsCoverWhatIsWritten).
var (
	resultsSpec = outdir.Spec{Kind: outdir.Results, Noun: "results folder", Known: render.ResultsFolderHolds,
		Legacy: true, Requires: schema.SummaryFile}
	figuresSpec = outdir.Spec{Kind: outdir.Figures, Noun: "figures folder", Known: render.FiguresFolderHolds, Legacy: true}
	cohortSpec  = outdir.Spec{Kind: outdir.Cohort, Noun: "simulated cohort", Known: simulate.FolderHolds}
)

// runInputs lists every file and folder a run reads: the config file and
// analysis.Opened.Reads (TestOutInputsCoverProvenance).
func runInputs(f *runFlags, co *analysis.Opened) []outdir.Input {
	var in []outdir.Input
	if f.config != "" {
		in = append(in, outdir.Input{Path: f.config, What: "the config file"})
	}
	return append(in, co.Reads(&f.opt)...)
}

// prepareOut validates --out for run and demo before the analysis.
func prepareOut(f *runFlags, inputs []outdir.Input) (*outdir.Target, error) {
	if f.out == "" {
		return nil, usagef("--out: give a folder")
	}
	return outdir.Prepare(f.out, outdir.Options{Spec: resultsSpec, Force: f.force, Inputs: inputs, Version: Version})
}
