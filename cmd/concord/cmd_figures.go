package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/concord-oncology/concord/concordance"
	htmlreport "github.com/concord-oncology/concord/concordance/report"
	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/internal/outdir"
	"github.com/concord-oncology/concord/plots"
)

// figureOptions say how figures are drawn.
type figureOptions struct {
	formats []plots.Format
	style   plots.Style
}

func defaultFigureOptions() figureOptions {
	return figureOptions{formats: plots.Formats, style: plots.Style{DPI: 300}}
}

// runFigures re-draws the figures (and, with --report, report.html) of a
// results folder from its tables. It writes into a results folder only when
// concord wrote it, and replaces figures/ as a whole, never leaving half of
// one.
func runFigures(ctx context.Context, args []string, e *env) error {
	fs := newFlags("figures", e)
	dir := fs.String("results", "", "results folder of a concord run (with alterations.tsv, strata.tsv, ...)")
	out := fs.String("out", "", "folder for the figures (default: RESULTS/figures, replaced as a whole)")
	format := fs.String("format", "png,svg,pdf", "comma-separated formats: png, svg, pdf")
	width := fs.String("width", "", "figure width, e.g. 18cm, 180mm, 7in (default 18cm; text grows with the width)")
	height := fs.String("height", "", "figure height (default: each figure's own aspect)")
	dpi := fs.Int("dpi", 300, "resolution of PNG figures")
	withReport := fs.Bool("report", false, "also rewrite RESULTS/report.html")
	force := fs.Bool("force", false, "write into RESULTS even when it is not a results folder concord wrote, and replace the figures folder even when it holds files concord did not write")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("figures: --results is required (the folder concord run or demo wrote)")
	}
	fo := figureOptions{style: plots.Style{DPI: *dpi}}
	var err error
	if fo.formats, err = plots.ParseFormats(*format); err != nil {
		return usagef("--format: %v", err)
	}
	if *width != "" {
		if fo.style.Width, err = plots.ParseLength(*width); err != nil {
			return usagef("--width: %v", err)
		}
	}
	if *height != "" {
		if fo.style.Height, err = plots.ParseLength(*height); err != nil {
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
	figDir, label := *out, "--out "+*out
	if figDir == "" {
		figDir, label = filepath.Join(*dir, results.FiguresDir), "--results "+*dir+": "+results.FiguresDir+"/"
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
	var (
		figs   []htmlreport.Figure
		report []byte
	)
	err = target.Build(ctx, func(tmp string) error {
		figs, err = drawFigures(ctx, tmp, rs, fo, e.stderr)
		if err != nil {
			return err
		}
		if *withReport {
			pauseAt(ctx, "report", e.stderr)
			if err := ctx.Err(); err != nil {
				return err
			}
			var b bytes.Buffer
			if err := htmlreport.Write(&b, rs, figs); err != nil {
				return err
			}
			report = b.Bytes()
		}
		pauseAt(ctx, "swap", e.stderr) // Build checks ctx once more before the swap
		return nil
	})
	if err != nil {
		return err
	}
	drawn := 0
	for _, f := range figs {
		if f.SVG != nil {
			drawn++
		}
	}
	fmt.Fprintf(e.stdout, "%d of %d figures drawn in %s\n", drawn, len(figs), figDir)
	if *withReport {
		return outdir.ReplaceFile(filepath.Join(*dir, results.ReportFile), report)
	}
	if drawn == 0 {
		return &concordance.InputError{File: *dir, Err: fmt.Errorf("no figure could be drawn")}
	}
	return nil
}

// drawFigures writes every figure in every format into dir and returns
// them as the report shows them. A figure that cannot be drawn from these
// tables (a table absent, a stratum missing) is reported on stderr and in
// the report, not dropped silently; it does not fail the run. Figures are
// drawn in parallel (one per core) and written in order, so the files do
// not depend on the number of cores. A cancelled ctx stops it between
// figures.
func drawFigures(ctx context.Context, dir string, rs *results.Set, fo figureOptions, stderr io.Writer) ([]htmlreport.Figure, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &outputError{err}
	}
	figs := plots.Figures()
	drawn := make([]drawnFigure, len(figs))
	jobs := make(chan int)
	var (
		wg    sync.WaitGroup
		pause sync.Once
	)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(figs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if ctx.Err() != nil {
					continue
				}
				drawn[i] = drawFigure(figs[i], rs, fo)
				pause.Do(func() { pauseAt(ctx, "figures", stderr) })
			}
		}()
	}
	for i := range figs {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	var out []htmlreport.Figure
	var skipped []string
	for i, d := range drawn {
		if d.absent {
			skipped = append(skipped, figs[i].Name)
		} else if d.Missing != "" {
			fmt.Fprintf(stderr, "concord: warning: figure %s not drawn: %v\n", figs[i].Name, firstLine(d.Missing))
		}
		for _, file := range d.files {
			if err := writeFile(filepath.Join(dir, file.name), func(w io.Writer) error {
				_, err := w.Write(file.data)
				return err
			}); err != nil {
				return nil, err
			}
		}
		out = append(out, d.Figure)
	}
	if len(skipped) > 0 {
		fmt.Fprintf(stderr, "concord: %d figure(s) not drawn for lack of tables: %s\n", len(skipped), strings.Join(skipped, ", "))
	}
	return out, nil
}

// drawnFigure is one figure drawn in memory, with its files.
type drawnFigure struct {
	htmlreport.Figure
	absent bool // a table it needs is absent
	files  []namedBytes
}

type namedBytes struct {
	name string
	data []byte
}

// drawFigure draws f in every format asked for, and as SVG for the report.
func drawFigure(f *plots.Figure, rs *results.Set, fo figureOptions) drawnFigure {
	d := drawnFigure{Figure: htmlreport.Figure{Name: f.Name, Title: f.Title, Caption: f.Caption}}
	if m := f.Missing(rs); len(m) > 0 {
		d.Missing = "needs " + strings.Join(m, ", ") + ", which the results folder lacks"
		d.absent = true
		return d
	}
	formats := fo.formats
	hasSVG := false
	for _, ft := range formats {
		hasSVG = hasSVG || ft == plots.SVG
	}
	if !hasSVG { // the report inlines the SVG
		formats = append(append([]plots.Format{}, formats...), plots.SVG)
	}
	var svg, png []byte
	for _, ft := range formats {
		var buf bytes.Buffer
		r, err := plots.Render(&buf, f, rs, fo.style, ft)
		if err != nil {
			d.Missing = err.Error()
			d.files = nil
			return d
		}
		d.Note = r.Note
		switch ft {
		case plots.PNG:
			png = buf.Bytes()
		case plots.SVG:
			svg = buf.Bytes()
			if !hasSVG {
				continue
			}
		}
		d.files = append(d.files, namedBytes{f.Name + "." + string(ft), buf.Bytes()})
	}
	d.SVG = svg
	if len(svg) > htmlreport.MaxInlineSVG && png == nil {
		// too large to inline: the report shows a PNG instead
		var buf bytes.Buffer
		if _, err := plots.Render(&buf, f, rs, fo.style, plots.PNG); err == nil {
			png = buf.Bytes()
		}
	}
	d.PNG = png
	return d
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// writeFiguresAndReport draws figures/ and report.html in a results folder
// from the tables already written there (run and demo).
//
// The tables are concord's own output, so failing to read them back is a
// bug in concord: it is reported, but the analysis's tables are kept.
func writeFiguresAndReport(ctx context.Context, dir string, stderr io.Writer) error {
	rs, err := results.Load(dir)
	if err != nil {
		fmt.Fprintf(stderr, "concord: warning: figures and report.html not drawn (a bug; please report it): %s\n", strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
		return nil
	}
	figs, err := drawFigures(ctx, filepath.Join(dir, results.FiguresDir), rs, defaultFigureOptions(), stderr)
	if err != nil {
		return err
	}
	pauseAt(ctx, "report", stderr)
	if err := ctx.Err(); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, results.ReportFile), func(w io.Writer) error { return htmlreport.Write(w, rs, figs) })
}
