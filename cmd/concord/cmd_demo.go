package main

import (
	"context"
)

// runDemo analyses the demo cohort end to end.
func runDemo(ctx context.Context, args []string, e *env) error {
	o := runOptions{out: "concord-demo"}
	fs := newFlags("demo", e)
	o.register(fs, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	o.sheet = "testdata/cohort/samplesheet.tsv"
	o.reference = "testdata/cohort/ref.fa"
	return analyse(ctx, &o, fs, e, false)
}
