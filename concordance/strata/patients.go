package strata

import (
	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/stats"
)

// PatientStratum is one row of patient_strata.tsv: patients as the unit.
type PatientStratum struct {
	Dimension string
	Level     string
	Order     int
	// Patients counts the patients of the level whose tissue and plasma
	// samples were both assessed (neither failed): the denominator of both
	// fractions.
	Patients int
	// CtDNADetected counts patients with at least one counted plasma call
	// (shared or plasma-only) that is not flagged germline or clonal
	// haematopoiesis (METHODS.md §1.2: ctDNA detected = ≥1 non-CH,
	// non-germline somatic call).
	CtDNADetected int
	CtDNA         stats.Interval // Wilson
	// WithShared counts patients with at least one counted shared
	// alteration.
	WithShared int
	Shared     stats.Interval // Wilson
}

// notSomatic are the flags that make a plasma call not count as ctDNA.
var notSomatic = []concordance.Flags{
	concordance.FlagGermlineCaller, concordance.FlagGermlineLikely,
	concordance.FlagCHCaller, concordance.FlagCHCandidate, concordance.FlagCHEvidence,
}

// CtDNADetected reports whether a patient has at least one counted plasma
// call not flagged germline or CH.
func CtDNADetected(pr *concordance.PatientResult) bool {
	for j := range pr.Rows {
		r := &pr.Rows[j]
		if !r.Counted() || (r.Category != concordance.Shared && r.Category != concordance.PlasmaOnly) {
			continue
		}
		somatic := true
		for _, f := range notSomatic {
			if r.Flags&f != 0 {
				somatic = false
				break
			}
		}
		if somatic {
			return true
		}
	}
	return false
}

func withShared(pr *concordance.PatientResult) bool {
	for j := range pr.Rows {
		if r := &pr.Rows[j]; r.Counted() && r.Category == concordance.Shared {
			return true
		}
	}
	return false
}

// PatientStrata builds patient_strata.tsv over the patient-level
// dimensions (all, cancer type, diagnosis, cancer group, stage, TF tier,
// days between, then the sheet columns of lv's options), with Wilson
// intervals at level (0: DefaultLevel); lv labels the patients (nil:
// package levels' defaults). Patients are independent units here, so the
// Wilson interval needs no clustering correction.
func PatientStrata(patients []concordance.PatientResult, lv *levels.Cohort, level float64) []PatientStratum {
	if level == 0 {
		level = DefaultLevel
	}
	if lv == nil {
		lv = levels.New(patients, levels.Options{})
	}
	detected := make([]bool, len(patients))
	shared := make([]bool, len(patients))
	assessed := make([]bool, len(patients))
	for i := range patients {
		pr := &patients[i]
		assessed[i] = !pr.Failed[concordance.Tissue] && !pr.Failed[concordance.Plasma]
		detected[i], shared[i] = CtDNADetected(pr), withShared(pr)
	}
	var out []PatientStratum
	for _, name := range append(append([]string(nil), PatientDimensions...), lv.Options().Columns...) {
		type tally struct{ n, det, sh int }
		counts := map[string]*tally{}
		for i := range patients {
			l := lv.Patient(name, i)
			t := counts[l]
			if t == nil {
				t = &tally{}
				counts[l] = t
			}
			if !assessed[i] {
				continue
			}
			t.n++
			if detected[i] {
				t.det++
			}
			if shared[i] {
				t.sh++
			}
		}
		k := 0
		for _, l := range lv.Order(name) {
			t, ok := counts[l]
			if !ok {
				continue
			}
			k++
			out = append(out, PatientStratum{
				Dimension: name, Level: l, Order: k, Patients: t.n,
				CtDNADetected: t.det, CtDNA: stats.Wilson(t.det, t.n, level),
				WithShared: t.sh, Shared: stats.Wilson(t.sh, t.n, level),
			})
		}
	}
	return out
}
