package report

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
)

// The explorable part of the page (issue 17 §2): every alteration as data
// for the script's table (filters, search, numeric sort, pages of 100 rows,
// so that 100,000 rows stay responsive), the patient view, and the
// explanation tables (blood-alone, reasons, power) as tables.

// exploreColumn is a column of the alteration table.
type exploreColumn struct {
	Name   string `json:"name"`  // alterations.tsv's column
	Label  string `json:"label"` // the heading shown
	Num    bool   `json:"num"`   // sorts as a number
	Filter bool   `json:"filter"`
}

// exploreColumns are the columns the page shows, in order; filters are on
// the categorical ones the issue names (category, class, cancer type,
// stage, flag, reason), with gene and a free-text search beside them.
var exploreColumns = []exploreColumn{
	{"patient_id", "patient", false, false},
	{"cancer_type", "cancer type", false, true},
	{"stage", "stage", false, true},
	{"class", "class", false, true},
	{"gene", "gene", false, false},
	{"alteration", "alteration", false, false},
	{"category", "category", false, true},
	{"match_tier", "match tier", false, false},
	{"tissue_status", "tissue status", false, false},
	{"plasma_status", "plasma status", false, false},
	{"tissue_vaf", "tissue VAF", true, false},
	{"plasma_vaf", "plasma VAF", true, false},
	{"tissue_depth", "tissue depth", true, false},
	{"plasma_depth", "plasma depth", true, false},
	{"flags", "flags", false, true},
	{"reason", "reason", false, true},
}

// exploreData is the JSON the script reads: the columns, then one array
// per alteration (numbers as numbers, null when missing).
type exploreData struct {
	Columns []exploreColumn `json:"columns"`
	Rows    [][]any         `json:"rows"`
}

// exploreRows caps the alterations the explorer holds: whole patients in
// sheet order up to this many rows (about 150 bytes each in the page).
// Uncapped, the page of a 10,000-patient cohort (62,000 rows) was 13 MB,
// 9.4 MB of it this table; alterations.tsv has every row.
const exploreRows = 20000

// alterationsJSON is the alteration table as JSON fit for a script
// element: strings escape <, > and & (as json.Marshal does), so no text
// from an input can end the element. Written by hand: json.Marshal's
// reflection over [][]any cost more than the rest of the report. It holds
// the first patients' rows up to exploreRows and returns how many.
func alterationsJSON(rs *results.Set) (template.JS, int, error) {
	cols, err := json.Marshal(exploreColumns)
	if err != nil {
		return "", 0, fmt.Errorf("report: %w", err)
	}
	n := len(rs.Alterations)
	if n > exploreRows {
		n = exploreRows
		for n > 0 && rs.Alterations[n].PatientID == rs.Alterations[n-1].PatientID {
			n-- // whole patients only
		}
		if n == 0 {
			n = exploreRows // one patient has more
		}
	}
	b := make([]byte, 0, 64+len(cols)+160*n)
	b = append(b, `{"columns":`...)
	b = append(b, cols...)
	b = append(b, `,"rows":[`...)
	for i := range rs.Alterations[:n] {
		a := &rs.Alterations[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, a.PatientID)
		for _, v := range []string{a.CancerType, a.Stage, a.Class, a.Gene, a.Label(), a.Category, a.MatchTier, a.TissueStatus, a.PlasmaStatus} {
			b = appendOptString(append(b, ','), v)
		}
		for _, x := range []float64{a.TissueVAF, a.PlasmaVAF} {
			b = append(b, ',')
			if math.IsNaN(x) || math.IsInf(x, 0) {
				b = append(b, "null"...)
			} else {
				b = strconv.AppendFloat(b, x, 'g', -1, 64)
			}
		}
		for _, n := range []int{a.TissueDepth, a.PlasmaDepth} {
			b = append(b, ',')
			if n < 0 {
				b = append(b, "null"...)
			} else {
				b = strconv.AppendInt(b, int64(n), 10)
			}
		}
		b = appendOptString(append(b, ','), strings.Join(a.Flags, ","))
		b = appendOptString(append(b, ','), a.Reason)
		b = append(b, ']')
	}
	b = append(b, "]}"...)
	return template.JS(b), n, nil
}

// appendOptString appends s as a JSON string, null when empty.
func appendOptString(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendJSONString(b, s)
}

// appendJSONString appends s as a JSON string that is also safe inside
// an HTML script element (encoding/json's HTML escaping).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20 || r == '<' || r == '>' || r == '&' || r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// testLabels are the readers' names of strata.tsv's tests (the page shows
// no internal names).
var testLabels = map[string]string{
	schema.TestChiSquare:       "chi-square test on the union categories",
	schema.TestFisher:          "Fisher's exact test on PPA",
	schema.TestFisherSimulated: "Fisher's exact test on PPA (Monte Carlo p-value)",
	schema.TestTrend:           "Cochran–Armitage trend test of PPA",
	schema.TestRaoScott:        "chi-square with Rao–Scott correction",
	schema.TestTrendLogit:      "logistic trend test of PPA",
}

func testLabel(t string) string { return label(testLabels, t) }

// modelLabels name models.tsv's models and terms for a reader.
var modelLabels = map[string]string{
	schema.ModelDetection:    "full model",
	schema.ModelDetectionVAF: "tissue VAF only",
	schema.TermIntercept:     "intercept",
	schema.TermVAF:           "log10 tissue VAF",
	schema.TermTFTier:        "tumour-fraction tier",
	schema.TermStage:         "stage",
	schema.TermClass:         "class",
	schema.TermOrganGroup:    "organ group",
}

func label(m map[string]string, k string) string {
	if l, ok := m[k]; ok {
		return l
	}
	return k
}

// explanationTables are blood_alone.tsv, reasons.tsv and power.tsv as
// tables (nil for an absent one).
func explanationTables(rs *results.Set) []table {
	var out []table
	if len(rs.BloodAlone) > 0 {
		t := table{ID: "blood-alone", Title: "Who can be tested with blood alone? (blood_alone.tsv)",
			Note:    "Patients with an actionable tissue alteration whose plasma found any (or all) of them; groups with too few patients are not judged.",
			Head:    []string{"group", "cancer type", "stage group", "patients", "with actionable", "found any", "share", "Wilson 95% CI", "found all", "share", "Wilson 95% CI", "plasma-only actionable", "judged", "rank"},
			Numeric: []bool{false, false, false, true, true, true, true, true, true, true, true, true, false, true}}
		for _, g := range rs.BloodAlone {
			judged, rank := "no", "."
			if g.Judged {
				judged, rank = "yes", count(g.Rank)
			}
			t.Rows = append(t.Rows, []string{g.Kind, g.CancerType, g.StageGroup, count(g.Patients), count(g.WithActionable), count(g.FoundAny), fpct(g.FoundAnyFrac),
				interval(g.FoundAnyCI), count(g.FoundAll), fpct(g.FoundAllFrac), interval(g.FoundAllCI), count(g.PlasmaOnlyActionable), judged, rank})
		}
		out = append(out, t)
	}
	if len(rs.Reasons) > 0 {
		t := table{ID: "reasons", Title: "Why discordant alterations are discordant (reasons.tsv)", Collapsed: true,
			Head: []string{"dimension", "level", "side", "reason", "alterations", "counted", "share"}, Numeric: []bool{false, false, false, false, true, true, true}}
		for _, r := range rs.Reasons {
			t.Rows = append(t.Rows, []string{dimTitle(r.Dimension), r.Level, r.Side, r.Reason, count(r.Alterations), count(r.Counted), fpct(r.Share)})
		}
		out = append(out, t)
	}
	if len(rs.Power) > 0 {
		t := table{ID: "power", Title: "Expected against observed plasma detection (power.tsv)", Collapsed: true,
			Head:    []string{"dimension", "level", "patients", "tissue alterations", "with power", "expected detected", "observed detected", "expected PPA", "observed PPA", "Wilson 95% CI"},
			Numeric: []bool{false, false, true, true, true, true, true, true, true, true}}
		for _, p := range rs.Power {
			t.Rows = append(t.Rows, []string{dimTitle(p.Dimension), p.Level, count(p.Patients), count(p.TissueAlterations), count(p.WithPower), fnum(p.ExpectedDetected, 1),
				count(p.ObservedDetected), fpct(p.ExpectedPPA), fpct(p.ObservedPPA), interval(p.ObservedCI)})
		}
		out = append(out, t)
	}
	return out
}
