package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/render"
	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/plots"
)

// runFigures re-draws the figures (and, with --report, report.html) of a
// results folder from its tables.
func runFigures(ctx context.Context, args []string, e *env) error {
	fs := newFlags("figures", e)
	dir := fs.String("results", "", "results folder of a concord run (with alterations.tsv, strata.tsv, ...)")
	out := fs.String("out", "", "folder for the figures (default: RESULTS/figures, replaced as a whole)")
	format := fs.String("format", "png,svg,pdf", "comma-separated formats: png, svg, pdf")
	width := fs.String("width", "", "figure width, e.g. 18cm, 180mm, 7in (default 18cm; text grows with the width)")
	height := fs.String("height", "", "figure height (default: each figure's own aspect)")
	dpi := fs.Int("dpi", 300, "resolution of PNG figures")
	withReport := fs.Bool("report", false, "also rewrite RESULTS/report.html")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("figures: --results is required (the folder concord run or demo wrote)")
	}
	fo := render.Options{Style: plots.Style{DPI: *dpi}}
	var err error
	if fo.Formats, err = plots.ParseFormats(*format); err != nil {
		return usagef("--format: %v", err)
	}
	if *width != "" {
		if fo.Style.Width, err = plots.ParseLength(*width); err != nil {
			return usagef("--width: %v", err)
		}
	}
	if *height != "" {
		if fo.Style.Height, err = plots.ParseLength(*height); err != nil {
			return usagef("--height: %v", err)
		}
	}
	if *dpi < 30 || *dpi > 2400 {
		return usagef("--dpi %d out of range (30 to 2400)", *dpi)
	}
	rs, err := results.Load(*dir)
	if err != nil {
		return err
	}
	figDir := *out
	if figDir == "" {
		figDir = filepath.Join(*dir, "figures")
	}
	var figs *render.Figures
	err = writeAtomically(figDir, func(tmp string) error {
		if figs, err = render.Draw(ctx, tmp, rs, fo); err != nil {
			return writeError(err)
		}
		notes(e.stderr, figs)
		return nil
	})
	if err != nil {
		return err
	}
	drawn := figs.Drawn()
	fmt.Fprintf(e.stdout, "%d of %d figures drawn in %s\n", drawn, len(figs.Figures), figDir)
	if *withReport {
		return writeError(output.WriteFile(filepath.Join(*dir, schema.ReportFile), func(w io.Writer) error { return render.Report(w, rs, figs) }))
	}
	if drawn == 0 {
		return &concordance.InputError{File: *dir, Err: fmt.Errorf("no figure could be drawn")}
	}
	return nil
}
