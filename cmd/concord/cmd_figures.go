package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"

	"github.com/concord-oncology/concord/internal/process"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/render"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/outdir"
	"github.com/concord-oncology/concord/plots"
)

// runFigures re-draws the figures (and, with --report, report.html) of a
// results folder from its tables. It writes into a results folder only when
// concord wrote it, and replaces figures/ as a whole, never leaving half of
// one.
func runFigures(ctx context.Context, args []string, e *env) error {
	fs := newFlags("figures", e)
	dir := fs.String("results", "", "results folder of a concord run (with alterations.tsv, strata.tsv, ...)")
	out := fs.String("out", "", "folder for the figures (default: RESULTS/figures, replaced as a whole)")
	format := fs.String("format", "png,svg,pdf", "comma-separated formats: png, svg, pdf")
	preset := fs.String("preset", "", plots.PresetHelp())
	width := fs.String("width", "", "figure width, e.g. 18cm, 180mm, 7in (default: the preset's, or 18cm with text growing with the width)")
	height := fs.String("height", "", "figure height (default: what each figure's content needs)")
	dpi := fs.Int("dpi", 0, "resolution of PNG figures (default: the preset's, or 300)")
	withReport := fs.Bool("report", false, "also rewrite RESULTS/report.html")
	force := fs.Bool("force", false, "write into RESULTS even when it is not a results folder concord wrote, and replace the figures folder even when it holds files concord did not write")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("figures: --results is required (the folder concord run or demo wrote)")
	}
	fo, err := render.ParseOptions(*preset, *format, *width, *height, *dpi)
	if err != nil {
		return usagef("%v", err)
	}
	rs, err := render.Load(*dir)
	if err != nil {
		return err
	}
	figDir, label := *out, "--out "+*out
	if figDir == "" {
		figDir, label = filepath.Join(*dir, schema.FiguresDir), "--results "+*dir+": "+schema.FiguresDir+"/"
	}
	if (*out == "" || *withReport) && !*force {
		// writing into the results folder: only into one concord wrote
		if err := outdir.IsConcords(*dir, resultsSpec, "--results "+*dir); err != nil {
			return err
		}
	}
	target, err := outdir.Prepare(figDir, outdir.Options{Spec: figuresSpec, Force: *force, Version: Version, Label: label,
		Inputs: []outdir.Input{{Path: *dir, What: "the results folder", Dir: true, AllowInside: true}}})
	if err != nil {
		return err
	}
	fo = renderOptions(ctx, fo, e)
	var (
		figs   *render.Figures
		report bytes.Buffer
	)
	err = target.Build(ctx, func(tmp string) error {
		if figs, err = render.Draw(ctx, tmp, rs, fo); err != nil {
			return outdir.WriteError(err)
		}
		figs.WriteNotes(e.stderr)
		if *withReport {
			fo.Reporting()
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := render.Report(&report, rs, figs); err != nil {
				return err
			}
		}
		process.PauseAt(ctx, "swap", e.stderr) // Build checks ctx once more before the swap
		return nil
	})
	if err != nil {
		return err
	}
	drawn := figs.Drawn()
	fmt.Fprintf(e.stdout, "%d of %d figures drawn in %s\n", drawn, len(figs.Figures), figDir)
	if *withReport {
		return outdir.ReplaceFile(filepath.Join(*dir, schema.ReportFile), report.Bytes())
	}
	if drawn == 0 {
		return &concordance.InputError{File: *dir, Err: fmt.Errorf("no figure could be drawn")}
	}
	return nil
}
