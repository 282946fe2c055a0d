package main

import (
	"context"
	"fmt"

	"github.com/concord-oncology/concord/concordance/simulate"
	"github.com/concord-oncology/concord/internal/cmdline"
	"github.com/concord-oncology/concord/internal/outdir"
)

// runSimulate writes a synthetic cohort (docs/simulation.md).
func runSimulate(ctx context.Context, args []string, e *env) error {
	var (
		out      string
		patients int
		seed     uint64
		preset   string
		threads  int
		force    bool
		wbc      float64
		layout   string
	)
	fs := newFlags("simulate", e)
	fs.StringVar(&out, "out", "", "folder to write the cohort into (required); an existing one must be empty or a cohort concord simulated")
	fs.BoolVar(&force, "force", false, "replace --out even when it holds files concord did not write")
	fs.IntVar(&patients, "patients", simulate.DefaultPatients, "number of patients")
	fs.Uint64Var(&seed, "cohort-seed", simulate.DefaultSeed, "seed of the cohort: the same seed writes the same bytes (as demo's --cohort-seed)")
	cmdline.Alias(fs, "seed", "cohort-seed")
	fs.StringVar(&preset, "preset", "impress", fmt.Sprintf("model preset %v", simulate.Presets()))
	fs.IntVar(&threads, "threads", 0, "worker threads (0 = all cores); the output does not depend on it")
	fs.Float64Var(&wbc, "wbc", 0, "share of patients with a matched white-blood-cell sample (calls and genome VCF; 0 to 1)")
	fs.StringVar(&layout, "layout", simulate.LayoutConcord, fmt.Sprintf("how the files are laid out %v: tso500 writes the pipelines' output folders and a clinical table, for concord sheet", simulate.Layouts()))
	if err := parse(fs, args); err != nil {
		return err
	}
	if out == "" {
		return usagef("simulate: --out is required")
	}
	cfg := simulate.Config{Patients: patients, Seed: seed, Preset: preset, Threads: threads, WBC: wbc, Layout: layout}
	if err := cfg.Check(); err != nil {
		return usagef("%v", err)
	}
	if err := checkThreads(threads); err != nil {
		return err
	}
	target, err := outdir.Prepare(out, outdir.Options{Spec: cohortSpec, Force: force, Version: Version})
	if err != nil {
		return err
	}
	m, err := simulateInto(ctx, target, cfg)
	if err != nil {
		return err
	}
	m.Describe(e.stdout, out, layout)
	return nil
}

// simulateInto writes a cohort into the target folder, atomically like
// run's outputs: a failure or a signal leaves nothing behind.
func simulateInto(ctx context.Context, target *outdir.Target, cfg simulate.Config) (*simulate.Manifest, error) {
	var m *simulate.Manifest
	err := target.Build(ctx, func(dir string) error {
		var err error
		m, err = simulate.Write(cfg, simulate.ContextSink(ctx, simulate.DirSink(dir)))
		if err != nil {
			return outdir.WriteFailed(err)
		}
		return nil
	})
	return m, err
}
