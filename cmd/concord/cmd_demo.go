package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/concord-oncology/concord/concordance/simulate"
	"github.com/concord-oncology/concord/internal/outdir"
)

// runDemo simulates the default IMPRESS-like cohort (640 patients, seed
// 42) into a temporary folder and analyses it end to end into --out. Every
// output says the cohort is synthetic.
func runDemo(ctx context.Context, args []string, e *env) error {
	f := newRunFlags("concord-demo")
	var (
		patients int
		seed     uint64
	)
	fs := newFlags("demo", e)
	f.register(fs, false)
	fs.IntVar(&patients, "patients", simulate.DefaultPatients, "patients in the synthetic cohort")
	fs.Uint64Var(&seed, "cohort-seed", simulate.DefaultSeed, "seed of the synthetic cohort")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := f.options(fs, e); err != nil {
		return err
	}
	// --out is refused before the cohort is simulated (the run checks it
	// again against the cohort's files).
	if _, err := prepareOut(f, nil); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "concord-demo-cohort-")
	if err != nil {
		return outdir.WriteFailed(err)
	}
	defer os.RemoveAll(tmp)
	cohortDir := filepath.Join(tmp, "cohort")
	target, err := outdir.Prepare(cohortDir, outdir.Options{Spec: cohortSpec, Version: Version})
	if err != nil {
		return err
	}
	if _, err := simulateInto(ctx, target, simulate.Config{Patients: patients, Seed: seed, Preset: "impress", Threads: f.opt.Threads}); err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(e.stdout, "simulated a SYNTHETIC IMPRESS-like cohort: %d patients, seed %d (concord simulate writes it to a folder)\n", patients, seed)
	}
	f.opt.Sheet = filepath.Join(cohortDir, simulate.FileSampleSheet)
	f.opt.Reference = filepath.Join(cohortDir, simulate.FileReference)
	f.opt.Synthetic, f.opt.NoPartial = true, true
	return execute(ctx, f, e)
}
