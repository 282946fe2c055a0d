package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/cbioportal"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/sheet"
	"github.com/concord-oncology/concord/internal/outdir"
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

func loadCohort(o *runOptions) (*cohort, error) {
	switch {
	case o.sheet != "" && o.cbioportal != "":
		return nil, usagef("give --sheet or --cbioportal, not both")
	case o.cbioportal != "":
		return loadStudy(o)
	case o.sheet != "":
		return loadSheet(o)
	}
	return nil, usagef("--sheet is required (a TSV/CSV with patient_id, tissue_calls and plasma_calls columns), or --cbioportal DIR")
}

func loadSheet(o *runOptions) (*cohort, error) {
	path, err := filepath.Abs(o.sheet)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, concordance.FileError(o.sheet, err)
	}
	base := filepath.Dir(path)
	sh, err := sheet.Read(strings.NewReader(string(b)), sheet.Options{BaseDir: base, USDates: o.usDates})
	if err != nil {
		return nil, concordance.AtFile(o.sheet, err)
	}
	return &cohort{patients: sh.Patients, base: base, synthetic: sh.Synthetic,
		inputs: []output.InputFile{hashed(filepath.Base(path), b, "sample_sheet")},
		read: []outdir.Input{{Path: path, What: "the sample sheet"},
			// call files are named relative to it: --out must not replace it, but inside it is the usual place
			{Path: base, What: "the sample sheet's folder", Dir: true, AllowInside: true}}}, nil
}

// loadStudy reads a cBioPortal study: patients paired from the clinical
// sample file, calls from its mutation, SV/fusion and CNA files.
func loadStudy(o *runOptions) (*cohort, error) {
	dir, err := filepath.Abs(o.cbioportal)
	if err != nil {
		return nil, err
	}
	fsys := os.DirFS(dir)
	st, err := cbioportal.Load(fsys, cbioportal.LoadOptions{StageColumn: o.stageColumn, AllFilters: o.allFilters})
	if err != nil {
		return nil, concordance.AtFile(o.cbioportal, err)
	}
	c := &cohort{patients: st.Patients, base: dir, extra: map[string]json.RawMessage{},
		read: []outdir.Input{{Path: dir, What: "the cBioPortal study", Dir: true}}}
	for _, name := range st.Files {
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

func hashed(name string, b []byte, format string) output.InputFile {
	sum := sha256.Sum256(b)
	return output.InputFile{Path: name, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(b)), Format: format}
}
