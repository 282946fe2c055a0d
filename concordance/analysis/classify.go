package analysis

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/evidence"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/universe"
	"github.com/concord-oncology/concord/internal/infile"
)

// readPanel reads a panel BED with its provenance.
func readPanel(path string, lim infile.Limits) (*universe.Panel, schema.InputFile, error) {
	in, err := infile.Open(path, lim)
	if err != nil {
		return nil, schema.InputFile{}, concordance.FileError(path, err)
	}
	defer in.Close()
	p, err := universe.ReadPanel(in, filepath.Base(path))
	if err != nil {
		return nil, schema.InputFile{}, concordance.AtFile(path, err)
	}
	prov, err := provenance(path, "panel_bed", in)
	if err != nil {
		return nil, schema.InputFile{}, concordance.FileError(path, err)
	}
	return p, prov, nil
}

// universeClassifier reads the panels (the options' and every one the
// sheet names, each once, in path order) and returns the comparison
// universe with the panels' provenance.
func universeClassifier(o *Options, patients []concordance.Patient, studyPanels map[string][]string) (*universe.Classifier, []schema.InputFile, error) {
	var prov []schema.InputFile
	var defaults [2]*universe.Panel
	for s, path := range []string{o.TissuePanel, o.PlasmaPanel} {
		if path == "" {
			continue
		}
		p, in, err := readPanel(path, o.Limits)
		if err != nil {
			return nil, nil, err
		}
		defaults[s], prov = p, append(prov, in)
	}
	var paths []string
	for i := range patients {
		for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
			if p := patients[i].Sample(s).Panel; p != "" {
				paths = append(paths, p)
			}
		}
	}
	sort.Strings(paths)
	byPath := map[string]*universe.Panel{}
	for _, path := range paths {
		if _, done := byPath[path]; done {
			continue
		}
		p, in, err := readPanel(path, o.Limits)
		if err != nil {
			return nil, nil, err
		}
		byPath[path], prov = p, append(prov, in)
	}
	c := universe.New(defaults[concordance.Tissue], defaults[concordance.Plasma], byPath)
	if o.Universe == UniverseAll {
		c.Everything = universe.All("all (--universe all: no panel restriction)")
		return c, prov, nil
	}
	var err error
	if c.ByAssay, err = assayPanels(o, patients, studyPanels); err != nil {
		return nil, nil, err
	}
	return c, prov, nil
}

// panelNames lists the panels each side's samples were judged by.
func panelNames(u *universe.Classifier, patients []concordance.Patient) ([2][]string, error) {
	var out [2][]string
	for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
		seen := map[string]bool{}
		for i := range patients {
			p, err := u.PanelOf(&patients[i], s)
			if err != nil {
				return out, err
			}
			if !seen[p.Name] {
				seen[p.Name] = true
				out[s] = append(out[s], p.Name)
			}
		}
		sort.Strings(out[s])
	}
	return out, nil
}

// assayPanels resolves the assays samples name: the cBioPortal study's
// own gene panels first, then concord's built-in panels; an assay that is
// neither is an error naming the sheet.
func assayPanels(o *Options, patients []concordance.Patient, study map[string][]string) (map[string]*universe.Panel, error) {
	out := map[string]*universe.Panel{}
	for i := range patients {
		for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
			a := patients[i].Sample(s).Assay
			if a == "" || out[a] != nil {
				continue
			}
			if list, ok := study[a]; ok {
				out[a] = universe.GenePanel(a+" (the study's gene panel)", list)
				continue
			}
			p, ok := universe.BuiltIn(a)
			if !ok {
				return nil, &concordance.InputError{File: o.Sheet + o.CBioPortal, Err: fmt.Errorf("%s_assay of patient %s is %s: not a built-in panel (%s) nor a panel file (a path, or a name ending in .bed or .txt)",
					s, concordance.Quote(patients[i].ID), concordance.Quote(a), universe.BuiltInNames)}
			}
			out[a] = p
		}
	}
	return out, nil
}

// classifiers returns the classifiers run after matching, in their order:
// the comparison universe, the evidence at discordant sites (BAM, genome
// VCF), the other caller's FILTERed calls (when asked for and kept apart),
// and last the explanation, which reads the statuses and flags of all the
// others, and the scope after it (the samples' tumour fraction, purity and
// flags do not depend on which alterations count).
func classifiers(o *Options, u *universe.Classifier, ref *normalize.FASTA) ([]func(*concordance.PatientResult) error, error) {
	ex, err := explain.New(o.Explain)
	if err != nil {
		return nil, optionf("%s", err)
	}
	out := []func(*concordance.PatientResult) error{u.Classify, (&evidence.Classifier{Options: o.Evidence, Limits: o.Limits}).Classify}
	if o.filteredSites() {
		out = append(out, evidence.FilteredCalls{Reference: ref}.Classify)
	}
	return append(out, ex.Classify, o.Scope.Classify), nil
}

// filteredSites reports whether the pipeline keeps the FILTERed records'
// sites for the evidence of the other caller's sub-threshold calls.
func (o *Options) filteredSites() bool { return o.FilteredEvidence && !o.AllFilters }

// readActionable reads Options.Actionable (or takes the table given, or
// the built-in one) with its provenance when it is a file.
// The table's bytes are kept for the partial form (the cohort stage of a
// merge needs the table).
func readActionable(o *Options) (*actionable.Table, []schema.InputFile, []byte, error) {
	path := o.Actionable
	if o.ActionableTable != nil {
		return o.ActionableTable, nil, nil, nil
	}
	if path == "" {
		return actionable.Default(), nil, nil, nil
	}
	in, err := infile.Open(path, o.Limits)
	if err != nil {
		return nil, nil, nil, concordance.FileError(path, err)
	}
	defer in.Close()
	var b bytes.Buffer
	t, err := actionable.Read(io.TeeReader(in, &b), filepath.Base(path))
	if err != nil {
		return nil, nil, nil, concordance.AtFile(path, err)
	}
	prov, err := provenance(filepath.Base(path), formatActionable, in)
	if err != nil {
		return nil, nil, nil, concordance.FileError(path, err)
	}
	return t, []schema.InputFile{prov}, b.Bytes(), nil
}

// formatActionable is the actionability table's format in provenance.
const formatActionable = "actionability_table"
