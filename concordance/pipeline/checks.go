package pipeline

import (
	"fmt"

	"github.com/concord-oncology/concord/concordance"
)

// checkText refuses a call whose text could not reach the outputs as
// written (not UTF-8, or a control character such as NUL or a tab: see
// concordance.CheckText), naming its file and line. It runs where calls
// enter the analysis, whatever reader made them.
func checkText(calls []concordance.Call) error {
	for i := range calls {
		if err := calls[i].CheckText(); err != nil {
			return &concordance.InputError{File: calls[i].Source.File, Line: calls[i].Source.Line, Err: err}
		}
	}
	return nil
}

// checkDetails refuses a ledger detail the readers took from a file (a
// FILTER value, a germline label) that could not reach ledger.tsv as
// written. Entries are few per patient (one per reason and detail).
func checkDetails(led *concordance.Ledger) error {
	for e := range led.All() {
		if err := concordance.CheckText(e.Detail); err != nil {
			return &concordance.InputError{File: e.File, Err: fmt.Errorf("a %s record's detail (FILTER value or label): %w", e.Reason, err)}
		}
	}
	return nil
}

// sameData refuses a patient whose tissue and plasma calls are the same
// data: a file (the same path, or identical bytes under another name) read
// for the same sample on both sides, so that every alteration would be
// shared (issue 10: PPA 100% without a word). A multi-sample file read for
// two different samples (a VCF's two columns, a MAF's two barcodes, a
// report table's two sides) is not the same data. AllowSameFile accepts it.
func (w *worker) sameData(p *concordance.Patient) error {
	if w.cfg.AllowSameFile {
		return nil
	}
	for _, t := range w.reads[concordance.Tissue] {
		for _, q := range w.reads[concordance.Plasma] {
			if t.path != q.path && (t.sum == "" || t.sum != q.sum) || t.sample != q.sample {
				continue
			}
			what := fmt.Sprintf("%s is both the tissue and the plasma calls", t.path)
			if t.path != q.path {
				what = fmt.Sprintf("tissue %s and plasma %s are identical (SHA-256 %s)", t.path, q.path, t.sum)
			}
			if t.sample != "" {
				what += fmt.Sprintf(", read for sample %q on both sides", t.sample)
			}
			return &concordance.InputError{File: w.cfg.Sheet, Line: p.Line, Err: fmt.Errorf(
				"patient %s: %s: every alteration would be shared; give --allow-same-file if that is deliberate", p.ID, what)}
		}
	}
	return nil
}

type buildOf struct{ file, build string }

// sameBuild refuses a patient whose files name different genome builds.
func sameBuild(patient string, b []buildOf) error {
	for _, x := range b[min(1, len(b)):] {
		if x.build != b[0].build {
			return &concordance.InputError{File: x.file, Err: fmt.Errorf(
				"genome build %s, but %s of the same patient (%s) is %s: lift one over or give files on one build", x.build, b[0].file, patient, b[0].build)}
		}
	}
	return nil
}

func mergeBiomarkers(acc, b concordance.Biomarkers, first bool) concordance.Biomarkers {
	if first {
		acc = concordance.NoBiomarkers()
	}
	if concordance.Known(b.TMB) {
		acc.TMB = b.TMB
	}
	if concordance.Known(b.MSIScore) {
		acc.MSIScore = b.MSIScore
	}
	if b.MSIStatus != "" {
		acc.MSIStatus = b.MSIStatus
	}
	return acc
}
