package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/regression"
	"github.com/concord-oncology/concord/internal/cmdline"
	"github.com/concord-oncology/concord/internal/infile"
	"github.com/concord-oncology/concord/internal/outdir"
)

// runVerify checks a results folder against an expectation table
// (docs/verify.md): exit status 1 when any metric drifts.
func runVerify(_ context.Context, args []string, e *env) error {
	var dir, expect string
	fs := newFlags("verify", e)
	fs.StringVar(&dir, "results", "", "results folder to check (required)")
	fs.StringVar(&expect, "expect", "", "expectation table (TSV: table, row, column, expected, tolerance; docs/verify.md) (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if dir == "" || expect == "" {
		return usagef("verify: --results and --expect are required")
	}
	exp, err := regression.ReadExpectationsFile(expect)
	if err != nil {
		return err
	}
	checks, err := regression.Verify(infile.DirFS(dir, infile.Limits{}), dir, exp)
	if err != nil {
		return err
	}
	failed, err := regression.WriteChecks(e.stdout, checks)
	if err != nil {
		return outdir.WriteFailed(err)
	}
	if failed > 0 {
		return &concordance.InputError{File: dir, Err: fmt.Errorf("%d of %d metrics drifted from %s", failed, len(checks), expect)}
	}
	fmt.Fprintf(e.stderr, "concord: verify: all %d metrics as expected\n", len(checks))
	return nil
}

// runDiff lists what changed between two results folders of one cohort:
// a TSV (stdout, or --out) and a short summary; exit status 1 when they
// differ.
func runDiff(_ context.Context, args []string, e *env) error {
	var out string
	fs := newFlags("diff", e)
	fs.StringVar(&out, "out", "", "write the TSV of changes to this file (default: standard output, the summary on stderr)")
	if err := cmdline.Parse(fs, args, 2); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("diff: give two results folders: concord diff OLD NEW")
	}
	a, b := fs.Arg(0), fs.Arg(1)
	changes, err := regression.Diff(infile.DirFS(a, infile.Limits{}), a, infile.DirFS(b, infile.Limits{}), b)
	if err != nil {
		return err
	}
	var tsv bytes.Buffer
	if err := regression.WriteDiff(&tsv, changes); err != nil {
		return err
	}
	summary := e.stderr
	if out == "" {
		e.stdout.Write(tsv.Bytes())
	} else if err := outdir.ReplaceFile(out, tsv.Bytes()); err != nil {
		return err
	} else {
		summary = e.stdout
	}
	regression.Summarize(summary, changes)
	if len(changes) > 0 {
		return cmdline.Status(1)
	}
	return nil
}
