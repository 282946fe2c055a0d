package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/cbioportal"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/sheet"
	"github.com/concord-oncology/concord/internal/outdir"
	"github.com/concord-oncology/concord/internal/xio"
)

// cohort is what a run analyses: patients from a sample sheet, or from a
// cBioPortal study folder read as a whole.
type cohort struct {
	patients  []concordance.Patient
	base      string // folder that relative paths in outputs are relative to
	synthetic bool
	inputs    []output.InputFile // the sheet, or the study's files
	read      []outdir.Input     // the same, as paths --out must keep clear of (runInputs)
	// load supplies calls instead of the sheet's files (cBioPortal); finish
	// counts what no patient used once the run is over.
	load   func(p *concordance.Patient, side concordance.Side, led *concordance.Ledger) (*concordance.SampleData, error)
	finish func(led *concordance.Ledger)
	extra  map[string]json.RawMessage
}

func loadCohort(o *runOptions, lim xio.Limits) (*cohort, error) {
	switch {
	case o.sheet != "" && o.cbioportal != "":
		return nil, usagef("give --sheet or --cbioportal, not both")
	case o.cbioportal != "":
		return loadStudy(o, lim)
	case o.sheet != "":
		return loadSheet(o, lim)
	}
	return nil, usagef("--sheet is required (a TSV/CSV with patient_id, tissue_calls and plasma_calls columns), or --cbioportal DIR")
}

// loadSheet reads the sample sheet (gzip-compressed or not) as every
// input is read: a regular file only, within the caps.
func loadSheet(o *runOptions, lim xio.Limits) (*cohort, error) {
	path, err := filepath.Abs(o.sheet)
	if err != nil {
		return nil, err
	}
	if err := pathText(o.sheet); err != nil {
		return nil, err
	}
	in, err := xio.Open(path, lim)
	if err != nil {
		return nil, concordance.FileError(o.sheet, err)
	}
	defer in.Close()
	base := filepath.Dir(path)
	sh, err := sheet.Read(in, sheet.Options{BaseDir: base, USDates: o.usDates})
	if err != nil {
		return nil, concordance.AtFile(o.sheet, err)
	}
	sum, size, err := in.Sum()
	if err != nil {
		return nil, concordance.FileError(o.sheet, err)
	}
	return &cohort{patients: sh.Patients, base: base, synthetic: sh.Synthetic,
		inputs: []output.InputFile{{Path: filepath.Base(path), SHA256: sum, Bytes: size, Format: "sample_sheet"}},
		read: []outdir.Input{{Path: path, What: "the sample sheet"},
			// call files are named relative to it: --out must not replace it, but inside it is the usual place
			{Path: base, What: "the sample sheet's folder", Dir: true, AllowInside: true}}}, nil
}

// loadStudy reads a cBioPortal study: patients paired from the clinical
// sample file, calls from its mutation, SV/fusion and CNA files.
func loadStudy(o *runOptions, lim xio.Limits) (*cohort, error) {
	dir, err := filepath.Abs(o.cbioportal)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(dir); err != nil {
		return nil, concordance.FileError(o.cbioportal, err)
	} else if !st.IsDir() {
		return nil, &concordance.InputError{File: o.cbioportal, Err: errors.New("--cbioportal wants a study folder, not a file")}
	}
	fsys := xio.DirFS(dir, lim)
	st, err := cbioportal.Load(fsys, cbioportal.LoadOptions{StageColumn: o.stageColumn, AllFilters: o.allFilters})
	if err != nil {
		return nil, concordance.AtFile(o.cbioportal, err)
	}
	c := &cohort{patients: st.Patients, base: dir, extra: map[string]json.RawMessage{},
		read: []outdir.Input{{Path: dir, What: "the cBioPortal study", Dir: true}}}
	for _, name := range st.Files {
		if err := pathText(filepath.Join(o.cbioportal, name)); err != nil {
			return nil, err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, &concordance.InputError{File: filepath.Join(o.cbioportal, name), Err: err}
		}
		c.inputs = append(c.inputs, hashed(name, b, "cbioportal"))
	}
	c.load = func(p *concordance.Patient, side concordance.Side, led *concordance.Ledger) (*concordance.SampleData, error) {
		return st.Use(p.Sample(side).ID, p.ID, side, led)
	}
	c.finish = st.CountUnused
	// The pairing is a choice concord made; say which samples it took.
	pairs := struct {
		Choices  []cbioportal.Choice   `json:"choices"`
		Unpaired []cbioportal.Unpaired `json:"unpaired"`
	}{st.Choices, st.Unpaired}
	if c.extra["cbioportal_pairs"], err = json.Marshal(pairs); err != nil {
		return nil, err
	}
	return c, nil
}

// pathText refuses a file name that could not be written into the outputs
// (provenance.tsv, ledger.tsv, summary.json) as it is: names of files
// named in a sheet are checked with the sheet's cells.
func pathText(path string) error {
	if err := concordance.CheckText(path); err != nil {
		return &concordance.InputError{File: concordance.Escape(path), Err: fmt.Errorf("the file name: %w (rename the file)", err)}
	}
	return nil
}

func hashed(name string, b []byte, format string) output.InputFile {
	sum := sha256.Sum256(b)
	return output.InputFile{Path: name, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(b)), Format: format}
}
