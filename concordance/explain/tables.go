package explain

import (
	"math"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// levelOf is the level of row r of patient i: the patient's (patient-level
// dimensions) or the row's class.
func levelOf(lv *levels.Cohort, dim string, i int, r *concordance.Row) string {
	if dim == schema.DimClass {
		return r.Class.String()
	}
	return lv.Patient(dim, i)
}

// present returns the levels of a dimension that have at least one patient
// (patient-level dimensions) or one row (class), in display order.
func present(lv *levels.Cohort, dim string, patients []concordance.PatientResult) []string {
	seen := map[string]bool{}
	for i := range patients {
		if dim != schema.DimClass {
			seen[lv.Patient(dim, i)] = true
			continue
		}
		for j := range patients[i].Rows {
			seen[patients[i].Rows[j].Class.String()] = true
		}
	}
	var out []string
	for _, l := range lv.Order(dim) {
		if seen[l] {
			out = append(out, l)
		}
	}
	return out
}

// ReasonRow is one row of reasons.tsv.
type ReasonRow struct {
	Dimension, Level, Side, Reason string
	// Alterations called on Side only with this reason (counted or not:
	// off-panel and excluded alterations have reasons too); Counted those
	// counted in the headline numbers.
	Alterations, Counted int
	// Share is Alterations over all alterations called on Side only in the
	// level; NaN when there are none.
	Share float64
}

// oneSide names the side that alone called a row with a reason ("" when
// the row has no reason, or was left out by --scope: not an alteration of
// the analysis, so the shares of reasons.tsv add up to 1).
func oneSide(r *concordance.Row) string {
	if r.Reason == "" || r.Reason == schema.ReasonOutOfScope {
		return ""
	}
	if called(r, concordance.Tissue) {
		return schema.TissueOnly
	}
	return schema.PlasmaOnly
}

// Reasons counts the reasons of the alterations called on one side only,
// by dimension and level. Every reason of a side is listed, in precedence
// order, for every level with patients, so that empty cells are 0 and a
// level without such alterations shows share NaN (written "."). lv
// labels the patients (nil: package levels' defaults).
func Reasons(patients []concordance.PatientResult, lv *levels.Cohort) []ReasonRow {
	if lv == nil {
		lv = levels.New(patients, levels.Options{})
	}
	type cell struct{ n, counted int }
	var out []ReasonRow
	for _, dim := range schema.ExplainDimensions {
		cells := map[[3]string]*cell{}
		totals := map[[2]string]int{}
		for i := range patients {
			pr := &patients[i]
			for j := range pr.Rows {
				r := &pr.Rows[j]
				side := oneSide(r)
				if side == "" {
					continue
				}
				l := levelOf(lv, dim, i, r)
				k := [3]string{l, side, r.Reason}
				c := cells[k]
				if c == nil {
					c = &cell{}
					cells[k] = c
				}
				c.n++
				if r.Counted() {
					c.counted++
				}
				totals[[2]string{l, side}]++
			}
		}
		for _, l := range present(lv, dim, patients) {
			for _, side := range []string{schema.TissueOnly, schema.PlasmaOnly} {
				list := schema.TissueOnlyReasons
				if side == schema.PlasmaOnly {
					list = schema.PlasmaOnlyReasons
				}
				total := totals[[2]string{l, side}]
				for _, reason := range list {
					row := ReasonRow{Dimension: dim, Level: l, Side: side, Reason: reason, Share: math.NaN()}
					if c := cells[[3]string{l, side, reason}]; c != nil {
						row.Alterations, row.Counted = c.n, c.counted
					}
					if total > 0 {
						row.Share = float64(row.Alterations) / float64(total)
					}
					out = append(out, row)
				}
			}
		}
	}
	return out
}

// PowerRow is one row of power.tsv: the tissue alterations of a level,
// how many the plasma was expected to detect (the sum of their detection
// powers) and how many it did.
type PowerRow struct {
	Dimension, Level string
	Patients         int
	// TissueAlterations are the counted alterations the tissue called
	// (shared and tissue-only); WithPower those whose power is known.
	TissueAlterations, WithPower int
	ExpectedDetected             float64 // sum of powers over WithPower
	ObservedDetected             int     // shared among WithPower
	// ExpectedPPA and ObservedPPA are ExpectedDetected and
	// ObservedDetected over WithPower; the interval is Wilson's (95%) for
	// the observed one. NaN when WithPower is 0.
	ExpectedPPA, ObservedPPA float64
	ObservedCI               stats.Interval
}

// Power sums the detection powers by dimension and level; lv labels the
// patients (nil: package levels' defaults).
func Power(patients []concordance.PatientResult, lv *levels.Cohort) []PowerRow {
	if lv == nil {
		lv = levels.New(patients, levels.Options{})
	}
	var out []PowerRow
	for _, dim := range schema.ExplainDimensions {
		acc := map[string]*PowerRow{}
		pts := map[string]map[int]bool{}
		for i := range patients {
			pr := &patients[i]
			if dim != schema.DimClass {
				l := levelOf(lv, dim, i, nil)
				if pts[l] == nil {
					pts[l] = map[int]bool{}
				}
				pts[l][i] = true
			}
			for j := range pr.Rows {
				r := &pr.Rows[j]
				if !r.Counted() || r.Category != concordance.Shared && r.Category != concordance.TissueOnly {
					continue
				}
				l := levelOf(lv, dim, i, r)
				if dim == schema.DimClass {
					if pts[l] == nil {
						pts[l] = map[int]bool{}
					}
					pts[l][i] = true
				}
				a := acc[l]
				if a == nil {
					a = &PowerRow{}
					acc[l] = a
				}
				a.TissueAlterations++
				if r.Power == nil || r.Power.Side != concordance.Plasma || !concordance.Known(r.Power.Probability) {
					continue
				}
				a.WithPower++
				a.ExpectedDetected += r.Power.Probability
				if r.Category == concordance.Shared {
					a.ObservedDetected++
				}
			}
		}
		for _, l := range present(lv, dim, patients) {
			row := PowerRow{Dimension: dim, Level: l, Patients: len(pts[l]), ExpectedPPA: math.NaN(), ObservedPPA: math.NaN(), ObservedCI: stats.Undefined}
			if a := acc[l]; a != nil {
				row.TissueAlterations, row.WithPower = a.TissueAlterations, a.WithPower
				row.ExpectedDetected, row.ObservedDetected = a.ExpectedDetected, a.ObservedDetected
			}
			if row.WithPower > 0 {
				row.ExpectedPPA = row.ExpectedDetected / float64(row.WithPower)
				row.ObservedPPA = float64(row.ObservedDetected) / float64(row.WithPower)
				row.ObservedCI = stats.Wilson(row.ObservedDetected, row.WithPower, 0.95)
			}
			out = append(out, row)
		}
	}
	return out
}
