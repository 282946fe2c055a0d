package analysis

import (
	"context"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/evidence"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/internal/infile"
)

// Checked is what Check found.
type Checked struct {
	Patients int
	// Files counts the call files the sheet names (tissue, plasma, WBC).
	Files int
	// Problems are the problems found, one per patient with a bad call
	// file and one per bad panel, BAM or genome VCF.
	Problems []error
}

// Check validates a sample sheet and every file it names, as a run would
// read them, and analyses nothing: each call file must open, decompress,
// parse, hold the named sample and match the reference's genome build;
// each panel must parse, each BAM have its index. Options.Sheet,
// USDates, Reference, Threads and Actionable are used. A problem with
// the sheet itself (or the reference, or the actionability table) is
// returned as the error; problems with the files it names are listed.
func Check(ctx context.Context, opt Options) (*Checked, error) {
	if _, _, _, err := readActionable(&opt); err != nil {
		return nil, err
	}
	if opt.Sheet == "" {
		return nil, optionf("check: --sheet is required")
	}
	co, err := loadSheet(&opt)
	if err != nil {
		return nil, err
	}
	cfg := pipeline.Config{Threads: opt.Threads, Limits: opt.Limits, Sheet: opt.Sheet, AllowSameFile: opt.AllowSameFile}
	ref, err := openReference(opt.Reference, opt.Limits)
	if err != nil {
		return nil, err
	}
	defer ref.Close()
	if ref != nil {
		cfg.Reference = ref.fasta
	}
	c := &Checked{Patients: len(co.Patients)}
	c.Problems = append(pipeline.Check(ctx, co.Patients, cfg), checkSideFiles(co.Patients, opt.Limits)...)
	for _, p := range co.Patients {
		c.Files += len(p.Tissue.Calls) + len(p.Plasma.Calls) + len(p.WBC.Calls)
	}
	return c, nil
}

// checkSideFiles checks the files besides the calls: each panel BED parses
// (once per path), each BAM has its .bai, each BAM and genome VCF opens.
func checkSideFiles(patients []concordance.Patient, lim infile.Limits) []error {
	var out []error
	seen := map[string]bool{}
	for i := range patients {
		for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma, concordance.WBC} {
			ref := patients[i].Sample(s)
			if p := ref.Panel; p != "" && !seen[p] {
				seen[p] = true
				if _, _, err := readPanel(p, lim); err != nil {
					out = append(out, err)
				}
			}
			for _, f := range []string{ref.BAM, ref.GVCF} {
				if f == "" || seen[f] {
					continue
				}
				seen[f] = true
				if err := infile.CheckFile(f); err != nil {
					out = append(out, concordance.FileError(f, err))
					continue
				}
				if f == ref.BAM {
					check := func(p string) (struct{}, error) { return struct{}{}, infile.CheckFile(p) }
					if _, _, err := evidence.OpenIndex(f, check); err != nil {
						out = append(out, err)
					}
				}
			}
		}
	}
	return out
}
