package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/internal/xio"
)

// runCheck validates a sheet and every file it names: each file must open,
// decompress, parse, contain the named sample and match the reference's
// genome build. It writes nothing. All problems are listed, one a line.
func runCheck(ctx context.Context, args []string, e *env) error {
	var o runOptions
	fs := newFlags("check", e)
	fs.StringVar(&o.sheet, "sheet", "", "sample sheet to validate")
	fs.StringVar(&o.reference, "reference", "", "reference FASTA (+ .fai) to check genome builds and REF alleles against")
	fs.BoolVar(&o.usDates, "us-dates", false, "accept M/D/YY dates in the sample sheet")
	fs.IntVar(&o.threads, "threads", 0, "worker threads (0 = all cores)")
	fs.BoolVar(&o.allowSameFile, "allow-same-file", false, "accept a patient whose tissue and plasma calls are the same data")
	fs.StringVar(&o.explain.actionable, "actionable", "", "actionability table (TSV) to validate")
	o.registerLimits(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkThreads(o.threads); err != nil {
		return err
	}
	lim, err := o.limits()
	if err != nil {
		return err
	}
	if _, err := o.explain.readTable(lim); err != nil {
		return err
	}
	if o.sheet == "" {
		return usagef("check: --sheet is required")
	}
	co, err := loadSheet(&o, lim)
	if err != nil {
		return err
	}
	patients := co.patients
	cfg := pipeline.Config{Threads: o.threads, Limits: lim, Sheet: o.sheet, AllowSameFile: o.allowSameFile}
	ref, err := openReference(o.reference, lim)
	if err != nil {
		return err
	}
	if ref != nil {
		defer ref.Close()
		cfg.Normalizer, cfg.Contigs = ref.normalizer, ref.contigs
	}
	problems := pipeline.Check(ctx, patients, cfg)
	problems = append(problems, checkSideFiles(patients, lim)...)
	files := 0
	for _, p := range patients {
		files += len(p.Tissue.Calls) + len(p.Plasma.Calls) + len(p.WBC.Calls)
	}
	if len(problems) == 0 {
		fmt.Fprintf(e.stdout, "%s: %d patients, %d call files: all readable and consistent\n", o.sheet, len(patients), files)
		return nil
	}
	const show = 50
	for i, p := range problems {
		if i == show {
			fmt.Fprintf(e.stderr, "concord: ... and %d more problems\n", len(problems)-show)
			break
		}
		fmt.Fprintf(e.stderr, "concord: %s\n", concordance.Escape(strings.ReplaceAll(p.Error(), "\n", " ")))
	}
	return &concordance.InputError{File: o.sheet, Err: fmt.Errorf("%d of %d patients have problems (listed above)", len(problems), len(patients))}
}

// checkSideFiles checks the files besides the calls: each panel BED parses
// (once per path), each BAM has its .bai, each BAM and genome VCF opens.
func checkSideFiles(patients []concordance.Patient, lim xio.Limits) []error {
	var out []error
	seen := map[string]bool{}
	for i := range patients {
		for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
			ref := patients[i].Sample(s)
			if p := ref.Panel; p != "" && !seen[p] {
				seen[p] = true
				o := classifyOptions{tissuePanel: p, minAltReads: 1}
				if _, _, err := o.classifiers(nil, lim); err != nil {
					out = append(out, err)
				}
			}
			for _, f := range []string{ref.BAM, ref.GVCF} {
				if f == "" || seen[f] {
					continue
				}
				seen[f] = true
				if err := xio.CheckFile(f); err != nil {
					out = append(out, concordance.FileError(f, err))
					continue
				}
				if f == ref.BAM {
					e1 := xio.CheckFile(f + ".bai")
					e2 := xio.CheckFile(strings.TrimSuffix(f, ".bam") + ".bai")
					if e1 != nil && e2 != nil {
						out = append(out, &concordance.InputError{File: f, Err: fmt.Errorf("no .bai index beside the BAM (make one with samtools index)")})
					}
				}
			}
		}
	}
	return out
}
