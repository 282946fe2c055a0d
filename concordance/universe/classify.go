package universe

import (
	"fmt"

	"github.com/concord-oncology/concord/concordance"
)

// Classifier sets each row's coverage statuses and takes rows outside the
// comparison universe out of the counts. Use its Classify as a
// pipeline.Config.Classify step, first among the classifiers (evidence,
// flags and reasons read the statuses it sets).
type Classifier struct {
	// Default is each side's panel when the sheet names none for a
	// sample (--tissue-panel, --plasma-panel); nil means TSO500().
	Default [2]*Panel
	// ByPath holds the panels the sheet names (tissue_panel, plasma_panel
	// columns), read beforehand, by the path in SampleRef.Panel.
	ByPath map[string]*Panel
	// ByAssay holds the panels of the assays samples name (SampleRef.Assay:
	// a built-in panel, or a cBioPortal study's gene panel), by name.
	ByAssay map[string]*Panel
	// Everything, when set, is every side's panel: no restriction
	// (--universe all).
	Everything *Panel

	tso500 *Panel
}

// PanelOf returns the panel of one side of a patient.
func (c *Classifier) PanelOf(p *concordance.Patient, s concordance.Side) (*Panel, error) {
	if c.Everything != nil {
		return c.Everything, nil
	}
	if a := p.Sample(s).Assay; a != "" && p.Sample(s).Panel == "" {
		if pn, ok := c.ByAssay[a]; ok {
			return pn, nil
		}
		return nil, fmt.Errorf("universe: the %s assay %s of patient %s has no panel (a bug: resolve every assay into ByAssay)", s, a, p.ID)
	}
	if path := p.Sample(s).Panel; path != "" {
		if pn, ok := c.ByPath[path]; ok {
			return pn, nil
		}
		return nil, fmt.Errorf("universe: the %s panel %s of patient %s was not read (a bug: read every sheet panel into ByPath)", s, path, p.ID)
	}
	if c.Default[s] != nil {
		return c.Default[s], nil
	}
	if c.tso500 == nil {
		return nil, fmt.Errorf("universe: Classifier not made with New")
	}
	return c.tso500, nil
}

// New returns a classifier with the given default panels (nil: TSO500
// genes) and the sheet's panels by path.
func New(tissue, plasma *Panel, byPath map[string]*Panel) *Classifier {
	return &Classifier{Default: [2]*Panel{tissue, plasma}, ByPath: byPath, tso500: TSO500()}
}

// Classify applies the universe to one patient:
//
//   - a failed sample (Patient.Sample(s).Failed, or PatientResult.Failed)
//     makes that side sample_failed on every row, and the rows not
//     compared;
//   - a side whose panel does not cover the alteration and did not call it
//     becomes not_covered;
//   - a row outside either panel (called or not) is not compared and
//     flagged off_panel: the universe is fixed by the panels, not by what
//     was found, so that shared and discordant alterations outside it are
//     treated alike.
//
// It is safe for concurrent use on different patients.
func (c *Classifier) Classify(pr *concordance.PatientResult) error {
	p := pr.Patient
	var panels [2]*Panel
	for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
		pn, err := c.PanelOf(p, s)
		if err != nil {
			return err
		}
		panels[s] = pn
		if p.Sample(s).IsFailed() {
			pr.Failed[s] = true
		}
	}
	var unjudged [2]bool
	for i := range pr.Rows {
		r := &pr.Rows[i]
		compared := true
		for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
			o := r.Side(s)
			if pr.Failed[s] {
				o.Status = concordance.SampleFailed
				compared = false
				continue
			}
			covered, judged := panels[s].Covers(&r.Alteration)
			if !judged && !panels[s].NamesGenes() && panels[s].Positional() {
				unjudged[s] = true
			}
			if covered {
				continue
			}
			compared = false
			r.Flags |= concordance.FlagOffPanel
			if o.Status != concordance.Called {
				o.Status = concordance.NotCovered
			}
		}
		if !compared {
			r.Category = concordance.NotCompared
		}
	}
	for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
		if unjudged[s] {
			pr.Notes = append(pr.Notes, fmt.Sprintf("%s panel %s names no known genes: copy-number, fusion and splice alterations taken as covered", s, panels[s].Name))
		}
	}
	return nil
}
