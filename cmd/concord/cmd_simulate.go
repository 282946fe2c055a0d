package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/concord-oncology/concord/concordance/simulate"
)

// runSimulate writes a synthetic cohort (docs/simulation.md).
func runSimulate(_ context.Context, args []string, e *env) error {
	var (
		out      string
		patients int
		seed     uint64
		preset   string
		threads  int
	)
	fs := newFlags("simulate", e)
	fs.StringVar(&out, "out", "", "folder to write the cohort into (required; must not exist or be empty)")
	fs.IntVar(&patients, "patients", simulate.DefaultPatients, "number of patients")
	fs.Uint64Var(&seed, "seed", simulate.DefaultSeed, "random seed: the same seed writes the same bytes")
	fs.StringVar(&preset, "preset", "impress", fmt.Sprintf("model preset %v", simulate.Presets()))
	fs.IntVar(&threads, "threads", 0, "worker threads (0 = all cores); the output does not depend on it")
	if err := parse(fs, args); err != nil {
		return err
	}
	if out == "" {
		return usagef("simulate: --out is required")
	}
	if patients < 1 {
		return usagef("simulate: --patients must be at least 1")
	}
	if err := checkThreads(threads); err != nil {
		return err
	}
	m, err := simulateInto(out, simulate.Config{Patients: patients, Seed: seed, Preset: preset, Threads: threads})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote a synthetic %s cohort of %d patients (seed %d) to %s: %d files, %.1f MB\n",
		m.Preset, m.Patients, m.Seed, out, len(m.Files), float64(m.Bytes)/1e6)
	fmt.Fprintf(e.stdout, "analyse it with: concord run --sheet %s --reference %s\n",
		filepath.Join(out, simulate.FileSampleSheet), filepath.Join(out, simulate.FileReference))
	return nil
}

// simulateInto writes a cohort into a new folder, atomically like run's
// outputs: a failure leaves nothing behind.
func simulateInto(out string, cfg simulate.Config) (*simulate.Manifest, error) {
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return nil, usagef("simulate: %s exists and is not empty", out)
	}
	var m *simulate.Manifest
	err := writeAtomically(out, func(dir string) error {
		var err error
		m, err = simulate.Write(cfg, simulate.DirSink(dir))
		if err != nil {
			return &outputError{err}
		}
		return nil
	})
	return m, err
}
