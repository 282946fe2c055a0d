package analysis

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/evidence"
	"github.com/concord-oncology/concord/concordance/input/cbioportal"
	"github.com/concord-oncology/concord/concordance/input/sheet"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/infile"
	"github.com/concord-oncology/concord/internal/outdir"
)

// Opened is a cohort read, before its call files are: what Options.Opened
// is shown.
type Opened struct {
	// Patients in sheet order, each naming its call files (and BAMs,
	// genome VCFs, panels).
	Patients []concordance.Patient
	// Sheet is the sample sheet's absolute path, Study the cBioPortal
	// study folder's ("" for the other).
	Sheet, Study string
	// Base is the folder relative paths in the outputs are relative to:
	// the sheet's folder or the study.
	Base string
}

// cohort is what a run analyses: patients from a sample sheet, or from a
// cBioPortal study folder read as a whole.
type cohort struct {
	Opened
	synthetic bool
	inputs    []schema.InputFile // the sheet, or the study's files
	// load supplies calls instead of the sheet's files (cBioPortal); finish
	// counts what no patient used once the run is over.
	load   func(p *concordance.Patient, side concordance.Side, led *concordance.Ledger) (*concordance.SampleData, error)
	finish func(led *concordance.Ledger)
	pairs  *schema.Pairs
	// columns are the cohort's columns concord does not read itself, as
	// concordance.Patient.Extra names them (what --strata-column may
	// name); columnsOf says whose ("the sample sheet").
	columns   []string
	columnsOf string
	// genePanels are a cBioPortal study's gene panels by id.
	genePanels map[string][]string
}

func loadCohort(o *Options) (*cohort, error) {
	if o.CBioPortal != "" {
		return loadStudy(o)
	}
	return loadSheet(o)
}

// loadSheet reads the sample sheet (gzip-compressed or not) as every
// input is read: a regular file only, within the caps.
func loadSheet(o *Options) (*cohort, error) {
	path, err := filepath.Abs(o.Sheet)
	if err != nil {
		return nil, err
	}
	if err := pathText(o.Sheet); err != nil {
		return nil, err
	}
	in, err := infile.Open(path, o.Limits)
	if err != nil {
		return nil, concordance.FileError(o.Sheet, err)
	}
	defer in.Close()
	base := filepath.Dir(path)
	sh, err := sheet.Read(in, sheet.Options{BaseDir: base, USDates: o.USDates})
	if err != nil {
		return nil, concordance.AtFile(o.Sheet, err)
	}
	prov, err := provenance(filepath.Base(path), formatSheet, in)
	if err != nil {
		return nil, concordance.FileError(o.Sheet, err)
	}
	return &cohort{Opened: Opened{Patients: sh.Patients, Sheet: path, Base: base}, synthetic: sh.Synthetic,
		inputs: []schema.InputFile{prov}, columns: sh.Extra, columnsOf: "the sample sheet"}, nil
}

// loadStudy reads a cBioPortal study: patients paired from the clinical
// sample file, calls from its mutation, SV/fusion and CNA files.
func loadStudy(o *Options) (*cohort, error) {
	dir, err := filepath.Abs(o.CBioPortal)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(dir); err != nil {
		return nil, concordance.FileError(o.CBioPortal, err)
	} else if !st.IsDir() {
		return nil, &concordance.InputError{File: o.CBioPortal, Err: errors.New("--cbioportal wants a study folder, not a file")}
	}
	fsys := infile.DirFS(dir, o.Limits)
	st, err := cbioportal.Load(fsys, cbioportal.LoadOptions{StageColumn: o.StageColumn, AllFilters: o.AllFilters, Pairing: o.Pairing})
	if err != nil {
		return nil, concordance.AtFile(o.CBioPortal, err)
	}
	c := &cohort{Opened: Opened{Patients: st.Patients, Study: dir, Base: dir}, pairs: pairsOf(st), genePanels: st.GenePanels,
		columns: extraColumns(st.Patients), columnsOf: "the study's clinical files"}
	for _, name := range st.Files {
		if err := pathText(filepath.Join(o.CBioPortal, name)); err != nil {
			return nil, err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, concordance.FileError(filepath.Join(o.CBioPortal, name), err)
		}
		sum, size := infile.SumBytes(b)
		c.inputs = append(c.inputs, schema.InputFile{Path: name, SHA256: sum, Bytes: size, Format: "cbioportal"})
	}
	c.load = func(p *concordance.Patient, side concordance.Side, led *concordance.Ledger) (*concordance.SampleData, error) {
		data, err := st.Use(p.Sample(side).ID, p.ID, side, led)
		return data, concordance.AtFile(o.CBioPortal, err)
	}
	c.finish = st.CountUnused
	return c, nil
}

// extraColumns are the attributes some patient has beyond those concord
// reads itself, sorted.
func extraColumns(patients []concordance.Patient) []string {
	var out []string
	for i := range patients {
		for k := range patients[i].Extra {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// pairsOf is the pairing of a study's samples: a choice concord made, which
// summary.json says.
func pairsOf(st *cbioportal.Study) *schema.Pairs {
	p := &schema.Pairs{}
	for _, c := range st.Choices {
		p.Choices = append(p.Choices, schema.PairChoice(c))
	}
	for _, u := range st.Unpaired {
		p.Unpaired = append(p.Unpaired, schema.PairLeftOut(u))
	}
	return p
}

// Reads lists every file and folder a run with these options reads: the
// cohort's (the sheet and its folder, or the study), the options' files
// and those each patient's row names. They are the paths the readers
// open; provenance records a subset of them. A results folder must not be,
// hold or lie inside any of them (internal/outdir), except that it may
// lie inside the sample sheet's folder (cohort/results), which is read
// only for the files the sheet names.
func (c *Opened) Reads(o *Options) []outdir.Input {
	var in []outdir.Input
	if c.Study != "" {
		in = append(in, outdir.Input{Path: c.Study, What: "the cBioPortal study", Dir: true})
	} else {
		in = append(in, outdir.Input{Path: c.Sheet, What: "the sample sheet"},
			outdir.Input{Path: c.Base, What: "the sample sheet's folder", Dir: true, AllowInside: true})
	}
	add := func(p, what string) {
		if p != "" {
			in = append(in, outdir.Input{Path: p, What: what})
		}
	}
	if o.AddTo != "" {
		in = append(in, outdir.Input{Path: o.AddTo, What: "the results folder --add-to extends", Dir: true})
	}
	add(o.Reference, "the reference")
	if o.Reference != "" {
		add(o.Reference+".fai", "the reference index")
	}
	add(o.TissuePanel, "the tissue panel")
	add(o.PlasmaPanel, "the plasma panel")
	add(o.Actionable, "the actionability table")
	add(o.CancerGroups, "the cancer groups file")
	for i := range c.Patients {
		for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma, concordance.WBC} {
			ref := c.Patients[i].Sample(s)
			for _, f := range ref.Calls {
				add(f, "the call file")
			}
			if ref.BAM != "" {
				add(ref.BAM, "the BAM")
				for _, idx := range evidence.IndexPaths(ref.BAM) {
					add(idx, "the BAM index")
				}
			}
			add(ref.GVCF, "the genome VCF")
			add(ref.Panel, "the panel")
		}
	}
	return in
}
