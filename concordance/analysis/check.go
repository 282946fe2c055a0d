package analysis

import (
	"context"
	"errors"
	"fmt"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/evidence"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/internal/infile"
)

// Checked is what Check found.
type Checked struct {
	Patients int
	// Files counts the call files the sheet names (tissue, plasma, WBC),
	// or the files of a cBioPortal study.
	Files int
	// Problems are the problems found, one per patient with a bad call
	// file and one per bad panel, BAM or genome VCF; a file read by several
	// patients is listed once, and a file with several unreadable rows
	// (concordance.RowErrors) has one problem per row.
	Problems []error
	// PatientsWithProblems counts the patients whose files have problems.
	PatientsWithProblems int
	// Cohort is the sheet or study checked, as given.
	Cohort string
	study  bool
}

// String says that all is well (when Problems is empty).
func (c *Checked) String() string {
	files := "call files"
	if c.study {
		files = "data files"
	}
	return fmt.Sprintf("%s: %d patients, %d %s: all readable and consistent", c.Cohort, c.Patients, c.Files, files)
}

// Err is nil without problems, else the closing error of a check that
// listed them.
func (c *Checked) Err() error {
	switch {
	case len(c.Problems) == 0:
		return nil
	case c.PatientsWithProblems == 0:
		return &concordance.InputError{File: c.Cohort, Err: fmt.Errorf("%d problems (listed above)", len(c.Problems))}
	}
	return &concordance.InputError{File: c.Cohort, Err: fmt.Errorf("%d of %d patients have problems (listed above)", c.PatientsWithProblems, c.Patients)}
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
	switch {
	case opt.Sheet == "" && opt.CBioPortal == "":
		return nil, optionf("check: --sheet or --cbioportal is required")
	case opt.Sheet != "" && opt.CBioPortal != "":
		return nil, optionf("check: give --sheet or --cbioportal, not both")
	}
	if err := opt.validateInputs(); err != nil {
		return nil, err
	}
	co, err := loadCohort(&opt)
	if err != nil {
		return nil, err
	}
	cfg := pipeline.Config{Threads: opt.Threads, Limits: opt.Limits, Sheet: opt.Sheet, AllowSameFile: opt.AllowSameFile, Load: co.load}
	ref, err := openReference(opt.Reference, opt.Limits)
	if err != nil {
		return nil, err
	}
	defer ref.Close()
	if ref != nil {
		cfg.Reference = ref.fasta
	}
	c := &Checked{Patients: len(co.Patients), Cohort: opt.Sheet + opt.CBioPortal, study: co.Study != ""}
	var problems []error
	for _, e := range pipeline.CheckEach(ctx, co.Patients, cfg) {
		if len(e) > 0 {
			c.PatientsWithProblems++
			problems = append(problems, e...)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	problems = append(problems, checkSideFiles(co.Patients, opt.Limits)...)
	if _, err := assayPanels(&opt, co.Patients, co.genePanels); err != nil {
		problems = append(problems, err)
	}
	c.Problems = listProblems(problems)
	for _, p := range co.Patients {
		c.Files += len(p.Tissue.Calls) + len(p.Plasma.Calls) + len(p.WBC.Calls)
	}
	if co.Study != "" {
		c.Files = len(co.inputs) // the study's clinical and data files
	}
	return c, nil
}

// listProblems expands the unreadable rows of a file into one problem
// each and lists each problem once (a report table or MAF shared by the
// cohort fails the same way for every patient that reads it).
func listProblems(errs []error) []error {
	var out []error
	seen := map[string]int{}
	for _, err := range errs {
		list := []error{err}
		var rows *concordance.RowErrors
		if errors.As(err, &rows) {
			list = rows.Problems()
		}
		for _, e := range list {
			m := e.Error()
			var pe *concordance.PatientError
			if errors.As(e, &pe) {
				m = pe.Err.Error()
			}
			if at, dup := seen[m]; dup {
				// the same file's problem for another patient: a file the
				// cohort shares, said once and for no one patient
				if errors.As(out[at], &pe) {
					out[at] = pe.Err
				}
				continue
			}
			seen[m] = len(out)
			out = append(out, e)
		}
	}
	return out
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
