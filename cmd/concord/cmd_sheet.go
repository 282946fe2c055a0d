package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/sheetbuild"
	"github.com/concord-oncology/concord/internal/outdir"
)

// runSheet writes a sample sheet from pipeline output folders
// (concordance/sheetbuild).
func runSheet(_ context.Context, args []string, e *env) error {
	var (
		tissue, plasma                []string
		pairs, pattern, clinical, out string
		force, strict                 bool
	)
	fs := newFlags("sheet", e)
	fs.StringArrayVar(&tissue, "tissue", nil, "a folder of tissue results (TSO500 Local App v2, DRAGEN TSO500); repeat for several")
	fs.StringArrayVar(&plasma, "plasma", nil, "a folder of plasma results (TSO500 ctDNA v1 or v2); repeat for several")
	fs.StringVar(&pattern, "pattern", "", `regular expression extracting the patient id from a sample id: its group "patient", else its first group (e.g. '^(P\d+)_')`)
	fs.StringVar(&pairs, "pairs", "", "table (TSV/CSV) of patient_id, tissue_sample_id, plasma_sample_id, instead of --pattern")
	fs.StringVar(&clinical, "clinical", "", "table (TSV/CSV) with patient_id and clinical columns (cancer_type, stage, ...) to join")
	fs.StringVar(&out, "out", "", "the sheet to write (required; - for standard output); paths in it are relative to its folder")
	fs.BoolVar(&force, "force", false, "replace --out if it exists")
	fs.BoolVar(&strict, "strict", false, "write nothing, and fail, when any sample is left out")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case len(tissue) == 0 || len(plasma) == 0:
		return usagef("sheet: give --tissue and --plasma folders")
	case (pairs == "") == (pattern == ""):
		return usagef("sheet: give --pairs or --pattern (one of them)")
	case out == "":
		return usagef("sheet: --out is required (- for standard output)")
	}
	var opt sheetbuild.Options
	var err error
	if pattern != "" {
		if opt.Pattern, err = regexp.Compile(pattern); err != nil {
			return usagef("sheet: --pattern: %v", err)
		}
	}
	if _, err := os.Lstat(out); err == nil && !force && out != "-" {
		return &outdir.Error{Msg: fmt.Sprintf("%s exists; concord sheet replaces it only with --force", concordance.Quote(out))}
	}
	if opt.Roots, err = sheetbuild.DirRoots(filepath.Dir(out), tissue, plasma); err != nil {
		return err
	}
	closeTables, err := sheetbuild.OpenTables(&opt, pairs, clinical, out)
	if err != nil {
		return err
	}
	defer closeTables()
	var sheet bytes.Buffer
	rep, err := sheetbuild.Build(opt, &sheet)
	if err != nil {
		return err
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(e.stderr, "concord: sheet: %s\n", p)
	}
	if err := rep.Refusal(strict, tissue[0]); err != nil {
		return err
	}
	if out == "-" {
		_, err = e.stdout.Write(sheet.Bytes())
		return err
	}
	if err := outdir.ReplaceFile(out, sheet.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s; wrote %s (%d problems listed on stderr); %s: concord check --sheet %s\n",
		rep.Found(), out, len(rep.Problems), map[bool]string{true: "check it", false: "fill its clinical columns, then check it"}[clinical != ""], out)
	return nil
}
