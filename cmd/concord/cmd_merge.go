package main

import (
	"context"
	"math"
	"time"

	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/internal/cmdline"
)

// runMerge computes the cohort stage of partial results (shards of one
// run, or results folders) with the parameters they were run with, and
// writes a results folder equal to one run's.
func runMerge(ctx context.Context, args []string, e *env) error {
	start := time.Now()
	f := newRunFlags("concord-results")
	fs := newFlags("merge", e)
	fs.StringVar(&f.out, "out", f.out, "output folder, replaced as a whole when the merge succeeds")
	fs.BoolVar(&f.force, "force", false, "replace --out even when it holds files concord did not write")
	fs.IntVar(&f.opt.Threads, "threads", 0, "worker threads (0 = all cores); outputs do not depend on it")
	fs.BoolVar(&f.figures, "figures", true, "draw figures/ and report.html")
	fs.BoolVar(&f.quiet, "quiet", false, "no closing summary")
	if err := cmdline.Parse(fs, args, math.MaxInt); err != nil {
		return err
	}
	if err := checkThreads(f.opt.Threads); err != nil {
		return err
	}
	files, inputs := analysis.Partials(fs.Args()) // none: Merge says so
	target, err := prepareOut(f, inputs)
	if err != nil {
		return err
	}
	pp, err := analysis.Merge(files, Version)
	if err != nil {
		return err
	}
	// The cohort stage runs with the flags the partials were run with.
	run, rfs := newRunFlags(""), newFlags("run", e)
	run.register(rfs, true)
	if err := cmdline.SetParameters(rfs, pp.Parameters()); err != nil {
		return err
	}
	if err := run.options(rfs, e); err != nil {
		return err
	}
	run.opt.Threads, run.opt.Parameters = f.opt.Threads, pp.Parameters()
	res, err := analysis.Cohort(ctx, pp, run.opt)
	if err != nil {
		return err
	}
	return write(ctx, f, e, target, res, start)
}
