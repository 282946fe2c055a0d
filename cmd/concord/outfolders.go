package main

import (
	"context"
	"io"
	"path"
	"strings"
	"sync"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/simulate"
	"github.com/concord-oncology/concord/internal/outdir"
	"github.com/concord-oncology/concord/plots"
)

// The kinds of folder concord writes and what each holds: the one
// definition the refusal to replace a folder checks against. Tests check
// that run, figures and simulate write nothing else
// (TestOutFolderSpecsCoverWhatIsWritten).
var (
	resultsSpec = outdir.Spec{Kind: outdir.Results, Noun: "results folder", Known: resultsKnown,
		Legacy: true, Requires: results.SummaryFile}
	figuresSpec = outdir.Spec{Kind: outdir.Figures, Noun: "figures folder", Known: figuresKnown, Legacy: true}
	cohortSpec  = outdir.Spec{Kind: outdir.Cohort, Noun: "simulated cohort", Known: cohortKnown}
)

// figureFiles are the names of every figure in every format.
var figureFiles = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, f := range plots.Figures() {
		for _, ft := range plots.Formats {
			m[f.Name+"."+string(ft)] = true
		}
	}
	return m
})

func resultsKnown(rel string, dir bool) bool {
	if dir {
		return rel == results.FiguresDir
	}
	d, name := path.Split(rel)
	switch d {
	case "":
		for _, f := range results.Files {
			if name == f {
				return true
			}
		}
		return name == results.ReadmeFile || name == results.ReportFile
	case results.FiguresDir + "/":
		return figureFiles()[name]
	}
	return false
}

func figuresKnown(rel string, dir bool) bool { return !dir && figureFiles()[rel] }

// cohortKnown: the files of simulate.Write; the calls of patient P are
// calls/P/P_*.
func cohortKnown(rel string, dir bool) bool {
	parts := strings.Split(rel, "/")
	if dir {
		return rel == path.Dir(simulate.FileReference) || parts[0] == "calls" && len(parts) <= 2
	}
	switch rel {
	case simulate.FileReference, simulate.FileReferenceFAI, simulate.FilePanel, simulate.FileSampleSheet,
		simulate.FileTruth, simulate.FileTruthPatients, simulate.FileReadme:
		return true
	}
	return len(parts) == 3 && parts[0] == "calls" && strings.HasPrefix(parts[2], parts[1]+"_")
}

// runInputs lists every file and folder a run reads, which --out must not
// be, hold or lie inside: the cohort's (the sheet and its folder, or the
// study), the flags' files and those each patient's row names. They are
// the paths the readers open, so provenance records a subset of them
// (TestOutInputsCoverProvenance).
func runInputs(o *runOptions, co *cohort) []outdir.Input {
	in := append([]outdir.Input{}, co.read...)
	add := func(p, what string) {
		if p != "" {
			in = append(in, outdir.Input{Path: p, What: what})
		}
	}
	add(o.config, "the config file")
	add(o.reference, "the reference")
	if o.reference != "" {
		add(o.reference+".fai", "the reference index")
	}
	add(o.classify.tissuePanel, "the tissue panel")
	add(o.classify.plasmaPanel, "the plasma panel")
	add(o.explain.actionable, "the actionability table")
	for i := range co.patients {
		for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma, concordance.WBC} {
			ref := co.patients[i].Sample(s)
			for _, c := range ref.Calls {
				add(c, "the call file")
			}
			if ref.BAM != "" {
				add(ref.BAM, "the BAM")
				add(ref.BAM+".bai", "the BAM index")
				add(strings.TrimSuffix(ref.BAM, ".bam")+".bai", "the BAM index")
			}
			add(ref.GVCF, "the genome VCF")
			add(ref.Panel, "the panel")
		}
	}
	return in
}

// prepareOut validates --out for run and demo before the analysis.
func prepareOut(o *runOptions, inputs []outdir.Input) (*outdir.Target, error) {
	if o.out == "" {
		return nil, usagef("--out: give a folder")
	}
	return outdir.Prepare(o.out, outdir.Options{Spec: resultsSpec, Force: o.force, Inputs: inputs, Version: Version})
}

// ctxSink stops a simulated cohort's writing once ctx is cancelled
// (SIGINT, SIGTERM).
type ctxSink struct {
	ctx context.Context
	simulate.Sink
}

func (s ctxSink) Create(name string) (io.WriteCloser, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	return s.Sink.Create(name)
}
