package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/internal/cmdline"
)

// runCheck validates a sheet and every file it names: each file must open,
// decompress, parse, contain the named sample and match the reference's
// genome build. It writes nothing. All problems are listed, one a line.
func runCheck(ctx context.Context, args []string, e *env) error {
	o := analysis.DefaultOptions()
	fs := newFlags("check", e)
	fs.StringVar(&o.Sheet, "sheet", "", "sample sheet to validate")
	fs.StringVar(&o.CBioPortal, "cbioportal", "", "a cBioPortal study folder to validate instead of a sheet")
	fs.StringVar(&o.Pairing, "pairing", "nearest", pairingHelp)
	fs.StringVar(&o.Reference, "reference", "", "reference FASTA (+ .fai) to check genome builds and REF alleles against")
	fs.BoolVar(&o.USDates, "us-dates", false, "accept M/D/YY dates in the sample sheet")
	fs.IntVar(&o.Threads, "threads", 0, "worker threads (0 = all cores)")
	fs.BoolVar(&o.AllowSameFile, "allow-same-file", false, "accept a patient whose tissue and plasma calls are the same data")
	fs.StringVar(&o.Actionable, "actionable", "", "actionability table (TSV) to validate")
	var lim cmdline.Limits
	lim.Register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkThreads(o.Threads); err != nil {
		return err
	}
	var err error
	if o.Limits, err = lim.Limits(); err != nil {
		return err
	}
	c, err := analysis.Check(ctx, o)
	if err != nil {
		return err
	}
	if len(c.Problems) == 0 {
		fmt.Fprintln(e.stdout, c)
		return nil
	}
	const show = 50 + concordance.MaxRowErrors // room for every listed row of a report table
	for i, p := range c.Problems {
		if i == show {
			fmt.Fprintf(e.stderr, "concord: ... and %d more problems\n", len(c.Problems)-show)
			break
		}
		fmt.Fprintf(e.stderr, "concord: %s\n", concordance.Escape(strings.ReplaceAll(p.Error(), "\n", " ")))
	}
	return c.Err()
}
