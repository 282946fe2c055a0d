package report

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strings"

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

// alterationLabel names an alteration as a reader does: the protein change,
// else the genomic change, the fusion partner or the class.
func alterationLabel(a *results.Alteration) string {
	switch {
	case a.Class == "fusion" && a.Partner != "":
		return a.Gene + "–" + a.Partner
	case a.Protein != "":
		return a.Protein
	case a.Chrom != "" && a.Pos > 0:
		return fmt.Sprintf("%s:%d %s>%s", a.Chrom, a.Pos, a.Ref, a.Alt)
	}
	return a.Class
}

func numOrNull(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

func countOrNull(n int) any {
	if n < 0 {
		return nil
	}
	return n
}

func strOrNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// alterationsJSON is the alteration table as JSON fit for a script
// element: json.Marshal escapes <, > and &, so no text from an input can
// end the element.
func alterationsJSON(rs *results.Set) (template.JS, int, error) {
	d := exploreData{Columns: exploreColumns, Rows: make([][]any, 0, len(rs.Alterations))}
	for i := range rs.Alterations {
		a := &rs.Alterations[i]
		d.Rows = append(d.Rows, []any{a.PatientID, strOrNull(a.CancerType), strOrNull(a.Stage), a.Class, strOrNull(a.Gene), alterationLabel(a),
			a.Category, strOrNull(a.MatchTier), a.TissueStatus, a.PlasmaStatus, numOrNull(a.TissueVAF), numOrNull(a.PlasmaVAF),
			countOrNull(a.TissueDepth), countOrNull(a.PlasmaDepth), strOrNull(strings.Join(a.Flags, ",")), strOrNull(a.Reason)})
	}
	b, err := json.Marshal(d)
	if err != nil {
		return "", 0, fmt.Errorf("report: %w", err)
	}
	return template.JS(b), len(d.Rows), nil
}

// testLabels are the readers' names of strata.tsv's tests (the page shows
// no internal names).
var testLabels = map[string]string{
	schema.TestChiSquare:       "chi-square test on the union categories",
	schema.TestFisher:          "Fisher's exact test on PPA",
	schema.TestFisherSimulated: "Fisher's exact test on PPA (Monte Carlo p-value)",
	schema.TestTrend:           "Cochran–Armitage trend test of PPA",
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
