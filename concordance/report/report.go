package report

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/text"
)

// Figure is one figure as the report shows it.
type Figure struct {
	Name, Title, Caption, Note string
	// SVG is the figure drawn as SVG; nil when it was not drawn.
	SVG []byte
	// PNG is the figure as PNG, shown instead of an SVG larger than
	// MaxInlineSVG (a scatter of tens of thousands of points); may be nil.
	PNG []byte
	// Missing says why a figure was not drawn (e.g. a table is absent).
	Missing string
}

// Write writes report.html for the results set rs with its figures.
func Write(w io.Writer, rs *results.Set, figures []Figure) error {
	if rs == nil {
		return errors.New("report: no results")
	}
	page, err := build(rs, figures)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, page); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

type page struct {
	Title     string
	Synthetic bool
	Headline  []headline
	Warnings  []string // summary.json's warnings: the headline's closing lines
	Figures   []figure
	Strata    []table
	Patient   []table
	Models    *table
	// Alterations is alterations.tsv as JSON for the explorer (explore.go).
	Alterations    template.JS
	NAlterations   int // rows in Alterations
	AllAlterations int // rows in alterations.tsv
	Explain        []table
	Methods        []kv
	Parameters     []kv
	Ledger         *table
	LedgerSum      []kv
	LedgerNote     string
	Provenance     []kv
	Inputs         *string // the file of the inputs with their SHA-256
	Missing        []string
}

type headline struct {
	Label, Value, Detail string
}

type figure struct {
	ID, Title, Caption, Note, Missing string
	SVG                               template.HTML
	PNG                               template.URL
}

// MaxInlineSVG is the largest SVG inlined in the page; a larger figure is
// shown as an inline PNG (a data URL, still no network) so the page stays
// quick to open. figures/ has the SVG.
const MaxInlineSVG = 2 << 20

type kv struct{ Key, Value string }

type table struct {
	ID, Title, Note string
	// Collapsed tables (long ones) open on a click.
	Collapsed bool
	Head      []string
	Numeric   []bool
	Rows      [][]string
}

func pct(x *float64) string {
	if x == nil {
		return "."
	}
	return results.Percent(*x)
}

func fnum(x float64, d int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "."
	}
	return fmt.Sprintf("%.*f", d, x)
}

// fpct and interval are the one spelling of shares and intervals, which
// the figures' tooltips share.
var (
	fpct     = results.Percent
	interval = results.Interval.Percent
)

func count(n int) string {
	if n < 0 {
		return "."
	}
	return fmt.Sprint(n)
}

func pval(x float64) string {
	switch {
	case math.IsNaN(x):
		return "."
	case x == 0:
		return "< 1e-300" // underflow: smaller than a double can hold
	case x < 1e-4:
		return fmt.Sprintf("%.1e", x)
	default:
		return fmt.Sprintf("%.4f", x)
	}
}

func build(rs *results.Set, figures []Figure) (*page, error) {
	p := &page{Title: "concord: tissue–plasma concordance report", Synthetic: rs.Synthetic(), Missing: absent(rs.Missing)}
	if s := rs.Summary; s != nil {
		a := s.Alterations
		u := a.Total
		// Counts with commas, as the figures print them: 100,000.
		n := text.Thousands
		p.Headline = []headline{
			{"Patients", n(s.Patients), fmt.Sprintf("%s with at least one alteration, %s with at least one shared", n(s.PatientLevel.WithAnyAlteration), n(s.PatientLevel.WithShared))},
			{"Alterations", n(u), "U = S + T + P, inside the comparison universe"},
			{"Shared (S)", fmt.Sprintf("%s (%s)", n(a.Shared), pct(s.UnionShares.Shared)), fmt.Sprintf("S/U = %s/%s", n(a.Shared), n(u))},
			{"Tissue only (T)", fmt.Sprintf("%s (%s)", n(a.TissueOnly), pct(s.UnionShares.TissueOnly)), fmt.Sprintf("T/U = %s/%s", n(a.TissueOnly), n(u))},
			{"Plasma only (P)", fmt.Sprintf("%s (%s)", n(a.PlasmaOnly), pct(s.UnionShares.PlasmaOnly)), fmt.Sprintf("P/U = %s/%s", n(a.PlasmaOnly), n(u))},
			{"PPA of plasma", pct(s.PPA.Value), fmt.Sprintf("S/(S+T) = %s/%s; 95%% CI %s–%s (%s)", n(s.PPA.Numerator), n(s.PPA.Denominator), pct(s.PPA.CILow), pct(s.PPA.CIHigh), s.PPA.Method)},
			{"PPV of plasma", pct(s.PPV.Value), fmt.Sprintf("S/(S+P) = %s/%s; 95%% CI %s–%s (%s)", n(s.PPV.Numerator), n(s.PPV.Denominator), pct(s.PPV.CILow), pct(s.PPV.CIHigh), s.PPV.Method)},
		}
		p.Warnings = s.Warnings
		if sc := s.Scope; sc.Name != "" {
			p.Headline[1].Detail += fmt.Sprintf(" and the scope (%s: %s; %s alterations left out, %s kept with scope_unknown)", sc.Name, sc.Definition, n(sc.OutOfScope), n(sc.ScopeUnknown))
		}
		if s.PPA.BootLow != nil && s.PPA.BootHigh != nil {
			p.Headline[5].Detail += fmt.Sprintf("; patient bootstrap %s–%s", pct(s.PPA.BootLow), pct(s.PPA.BootHigh))
		}
		if s.PPV.BootLow != nil && s.PPV.BootHigh != nil {
			p.Headline[6].Detail += fmt.Sprintf("; patient bootstrap %s–%s", pct(s.PPV.BootLow), pct(s.PPV.BootHigh))
		}
	}
	for _, f := range figures {
		// f.Note is drawn on the figure itself; the caption adds only what the page changed
		fig := figure{ID: "fig-" + f.Name, Title: f.Title, Caption: f.Caption, Missing: f.Missing}
		if len(f.SVG) > MaxInlineSVG && len(f.PNG) > 0 {
			fig.PNG = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(f.PNG))
			fig.Note = fmt.Sprintf("Shown here as PNG: its SVG (%.1f MB, in figures/) is too large to inline.", float64(len(f.SVG))/(1<<20))
		} else if f.SVG != nil {
			svg, err := inlineSVG(f.SVG)
			if err != nil {
				return nil, fmt.Errorf("report: figure %s: %w", f.Name, err)
			}
			fig.SVG = template.HTML(svg) // drawn by package plots; its text is escaped there
		}
		p.Figures = append(p.Figures, fig)
	}
	p.Strata = strataTables(rs)
	p.Patient = patientStrataTables(rs)
	if len(rs.Models) > 0 {
		t := &table{ID: "models", Title: "Models of plasma detection (models.tsv)",
			Note:    "Logistic regression of plasma detection of tissue alterations (shared against tissue only): the full model on log10 tissue VAF, tumour-fraction tier, stage, class and organ group; the other on log10 tissue VAF only. Patient-clustered robust standard errors.",
			Head:    []string{"model", "term", "level", "estimate", "odds ratio", "95% CI", "SE", "z", "p", "alterations", "patients", "note"},
			Numeric: []bool{false, false, false, true, true, true, true, true, true, true, true, false}}
		for _, m := range rs.Models {
			ci := "."
			if !math.IsNaN(m.ORCI.Low) {
				ci = fmt.Sprintf("%.3g–%.3g", m.ORCI.Low, m.ORCI.High)
			}
			t.Rows = append(t.Rows, []string{label(modelLabels, m.Model), label(modelLabels, m.Term), strings.ReplaceAll(dot(m.Level), "_", " "), fnum(m.Estimate, 4), fnum(m.OddsRatio, 3), ci, fnum(m.SE, 4), fnum(m.Z, 3), pval(m.PValue), count(m.NAlterations), count(m.NPatients), dot(m.Note)})
		}
		p.Models = t
	}
	var err error
	p.AllAlterations = len(rs.Alterations)
	if p.Alterations, p.NAlterations, err = alterationsJSON(rs); err != nil {
		return nil, err
	}
	p.Explain = explanationTables(rs)
	p.Methods, p.Parameters, p.Provenance, p.Inputs = methods(rs)
	p.Ledger, p.LedgerSum, p.LedgerNote = ledger(rs)
	return p, nil
}

func dot(s string) string {
	if s == "" {
		return "."
	}
	return s
}

// dimensions orders the dimensions present: strata.tsv's order, then any
// other by name.
func dimensions(levels []string) []string {
	order := schema.StrataDimensions
	seen := map[string]bool{}
	for _, l := range levels {
		seen[l] = true
	}
	var out []string
	for _, d := range order {
		if seen[d] {
			out = append(out, d)
			delete(seen, d)
		}
	}
	var rest []string
	for d := range seen {
		rest = append(rest, d)
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func dimTitle(d string) string {
	if t, ok := schema.DimensionTitles[d]; ok {
		return t
	}
	return d
}

func strataTables(rs *results.Set) []table {
	var dims []string
	for _, s := range rs.Strata {
		if s.Dimension2 == "" { // the two-way strata are in strata.tsv and counts.tsv
			dims = append(dims, s.Dimension)
		}
	}
	var out []table
	for _, d := range dimensions(dims) {
		t := table{ID: "strata-" + d, Title: dimTitle(d),
			Head:    []string{"level", "patients", "alterations", "S", "T", "P", "shared share", "Wilson 95% CI", "PPA S/(S+T)", "Wilson 95% CI", "bootstrap 95% CI", "PPV S/(S+P)", "Wilson 95% CI", "bootstrap 95% CI"},
			Numeric: []bool{false, true, true, true, true, true, true, true, true, true, true, true, true, true}}
		for _, s := range rs.Dimension(d) {
			t.Rows = append(t.Rows, []string{s.Level, count(s.Patients), count(s.Alterations), count(s.Shared), count(s.TissueOnly), count(s.PlasmaOnly),
				fpct(s.SharedShare), interval(s.SharedShareCI), fpct(s.PPA), interval(s.PPACI), interval(s.PPABoot),
				fpct(s.PPV), interval(s.PPVCI), interval(s.PPVBoot)})
		}
		if rows := rs.Dimension(d); len(rows) > 0 {
			t.Note = testNote(rows[0].Clustered, rows[0].Alteration)
		}
		out = append(out, t)
	}
	return out
}

// testNote says the tests across a dimension's levels: the
// patient-clustered one first, then the alteration-level one as
// descriptive; "" when there is neither.
func testNote(c, a results.Test) string {
	var parts []string
	if c.Name != "" {
		stat := "z = " + fnum(c.Statistic, 2)
		if !math.IsNaN(c.DF1) {
			stat = fmt.Sprintf("F = %s on %s and %s df", fnum(c.Statistic, 2), fnum(c.DF1, 1), fnum(c.DF2, 1))
		}
		parts = append(parts, fmt.Sprintf("patient-clustered %s, %s, p = %s, BH q = %s", testLabel(c.Name), stat, pval(c.P), pval(c.Q)))
	}
	if a.Name != "" {
		p := "p = " + pval(a.P)
		switch {
		case strings.HasPrefix(a.Note, "p <"):
			p = a.Note
		case a.Note != "":
			p += " (" + a.Note + ")"
		}
		parts = append(parts, fmt.Sprintf("alteration-level %s (alterations as independent, descriptive), %s, BH q = %s", testLabel(a.Name), p, pval(a.Q)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Tests across the levels: " + strings.Join(parts, "; ") + "."
}

func patientStrataTables(rs *results.Set) []table {
	var dims []string
	for _, s := range rs.PatientStrata {
		dims = append(dims, s.Dimension)
	}
	var out []table
	for _, d := range dimensions(dims) {
		t := table{ID: "patients-" + d, Title: dimTitle(d) + " (patients)",
			Head:    []string{"level", "patients", "ctDNA detected", "share", "Wilson 95% CI", "with ≥1 shared", "share", "Wilson 95% CI"},
			Numeric: []bool{false, true, true, true, true, true, true, true}}
		var rows []results.PatientStratum
		for _, s := range rs.PatientStrata {
			if s.Dimension == d {
				rows = append(rows, s)
			}
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].LevelOrder < rows[j].LevelOrder })
		for _, s := range rows {
			t.Rows = append(t.Rows, []string{s.Level, count(s.Patients), count(s.CtDNADetected), fpct(s.CtDNADetectedFrac), interval(s.CtDNACI),
				count(s.WithShared), fpct(s.WithSharedFrac), interval(s.WithSharedCI)})
		}
		out = append(out, t)
	}
	return out
}

func methods(rs *results.Set) (m, params, prov []kv, inputs *string) {
	m = []kv{
		{"Categories", "Each alteration inside the comparison universe (reportable by both assays) is shared (found in tissue and plasma), tissue only or plasma only; alterations outside it are listed in alterations.tsv as not_compared and not counted."},
		{"Union shares", "S/U, T/U, P/U with U = S + T + P (the IMPRESS form)."},
		{"PPA and PPV", "PPA of plasma against tissue S/(S+T); PPV of plasma S/(S+P)."},
		{"Intervals", "Wilson 95% score intervals (alterations treated as independent); patient-clustered bootstrap 95% percentile intervals (patients resampled, seeded) where strata.tsv gives them."},
		{"Tests", "Across the levels of a dimension, with patients as clusters: Pearson's chi-square on the union categories with Rao and Scott's correction (survey::svychisq), or for stage and tissue VAF the Wald test of a logistic trend in PPA with patient-clustered standard errors; with alterations as independent units (descriptive): chi-square or Fisher's exact test, Cochran–Armitage trend of PPA; Benjamini–Hochberg q-values within the one-way dimensions and within each two-way stratum (strata.tsv)."},
		{"Detection model", "Plasma detection of tissue alterations (shared vs tissue only) by logistic regression on log10 tissue VAF, and on VAF, tumour-fraction tier, stage, class and organ group, with patient-clustered robust standard errors (models.tsv)."},
	}
	s := rs.Summary
	if s == nil {
		return m, nil, []kv{{"summary.json", "absent: no provenance recorded"}}, nil
	}
	if s.Normalisation.Note != "" {
		m = append(m, kv{"Normalisation", s.Normalisation.Note})
	}
	if len(s.MatchTiers) > 0 {
		var parts []string
		for _, k := range sortedKeys(s.MatchTiers) {
			parts = append(parts, fmt.Sprintf("%s %d", k, s.MatchTiers[k]))
		}
		m = append(m, kv{"Match tiers of shared alterations", strings.Join(parts, ", ")})
	}
	keys := make([]string, 0, len(s.Provenance.Parameters))
	for k := range s.Provenance.Parameters {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		params = append(params, kv{k, jsonValue(s.Provenance.Parameters[k])})
	}
	seed := "none recorded (no resampling in this run)"
	for _, k := range []string{"bootstrap-seed", "seed"} { // "seed" in results of concord before the rename
		if v, ok := s.Provenance.Parameters[k]; ok {
			seed = jsonValue(v)
			break
		}
	}
	if bs := s.Bootstrap; bs != nil {
		m = append(m, kv{"Bootstrap", fmt.Sprintf("%s, %d replicates, seed %d", bs.Method, bs.Replicates, bs.Seed)})
	}
	prov = []kv{
		{"concord version", dot(s.Provenance.Version)},
		{"Command", dot(s.Provenance.Command)},
		{"Seed", seed},
		{"Synthetic cohort", fmt.Sprint(s.Synthetic)},
		{"Input files", fmt.Sprintf("%d (%d bytes)", s.Provenance.InputFiles, s.Provenance.InputBytes)},
	}
	return m, params, prov, provenanceFile(s)
}

// provenanceFile names the table of the inputs with their SHA-256, which
// the report links rather than lists (at 4,000 patients it is megabytes);
// nil when summary.json names none (results written before it).
func provenanceFile(s *schema.Summary) *string {
	if s.Provenance.InputsFile == "" {
		return nil
	}
	f := s.Provenance.InputsFile
	return &f
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func jsonValue(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// LedgerRows caps the per-file ledger in the page; ledger.tsv has all (a
// results.Set read for the report need keep no more: results.Options).
const LedgerRows = 2000

func ledger(rs *results.Set) (*table, []kv, string) {
	var sum []kv
	if s := rs.Summary; s != nil {
		l := s.Ledger
		sum = append(sum, kv{"Records read", fmt.Sprint(l.RecordsRead)}, kv{"Used", fmt.Sprint(l.RecordsUsed)}, kv{"Excluded", fmt.Sprint(l.RecordsExcluded)})
		reasons := make([]string, 0, len(l.ExcludedBy))
		for r := range l.ExcludedBy {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		for _, r := range reasons {
			sum = append(sum, kv{"Excluded: " + r, fmt.Sprint(l.ExcludedBy[r])})
		}
	}
	if len(rs.Ledger) == 0 {
		return nil, sum, ""
	}
	t := &table{ID: "ledger", Title: "Ledger (ledger.tsv)", Head: []string{"file", "patient", "side", "outcome", "reason", "detail", "records"},
		Numeric: []bool{false, false, false, false, false, false, true}}
	note := ""
	for i, l := range rs.Ledger {
		if i == LedgerRows {
			break
		}
		t.Rows = append(t.Rows, []string{l.File, l.PatientID, l.Side, l.Outcome, l.Reason, dot(l.Detail), fmt.Sprint(l.Records)})
	}
	if total := max(rs.LedgerTotal, len(rs.Ledger)); total > len(t.Rows) {
		note = fmt.Sprintf("The first %d of %d ledger rows; ledger.tsv has them all.", len(t.Rows), total)
	}
	return t, sum, note
}

var (
	xmlProlog = regexp.MustCompile(`^\s*<\?xml[^>]*\?>\s*(<!--[^>]*-->\s*)?`)
	svgSize   = regexp.MustCompile(`^<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`)
)

// scriptLike reports whether SVG text has a tag that runs script: a
// script, foreignObject or iframe element (a tag whose name starts so,
// any case), or an attribute named on… (an event handler) in any tag. It
// is the regular expression
//
//	(?i)<\s*(script|foreignObject|iframe)|<[^>]*\son[a-z]+\s*=
//
// (for ASCII), as a scan of the tags: the expression took half the time
// of building a report with tooltips, which fill the SVGs with text.
func scriptLike(s string) bool {
	region := -1 // the end of the tag text last checked for handlers ('>' or the end)
	for i := strings.IndexByte(s, '<'); i >= 0; {
		if i >= region { // a new tag: its text is checked once
			region = len(s)
			if end := strings.IndexByte(s[i+1:], '>'); end >= 0 {
				region = i + 1 + end
			}
			if handler(s[i+1 : region]) {
				return true
			}
		}
		// (a '<' inside that text starts a part of it, whose name counts)
		name := strings.TrimLeft(s[i+1:region], " \t\n\f\r")
		for _, n := range [...]string{"script", "foreignobject", "iframe"} {
			if len(name) >= len(n) && strings.EqualFold(name[:len(n)], n) {
				return true
			}
		}
		next := strings.IndexByte(s[i+1:], '<')
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// handler reports whether a tag's text holds \son[a-z]+\s*= (any case).
func handler(tag string) bool {
	space := func(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }
	letter := func(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }
	for j := 0; j+3 < len(tag); j++ {
		if !space(tag[j]) || tag[j+1]|0x20 != 'o' || tag[j+2]|0x20 != 'n' || !letter(tag[j+3]) {
			continue
		}
		k := j + 4
		for k < len(tag) && letter(tag[k]) {
			k++
		}
		for k < len(tag) && space(tag[k]) {
			k++
		}
		if k < len(tag) && tag[k] == '=' {
			return true
		}
	}
	return false
}

// inlineSVG makes a figure's SVG file fit for inlining in HTML: no XML
// prolog, and the fixed size in points replaced by a width that follows the
// page (the viewBox keeps the aspect). It refuses SVG with script.
func inlineSVG(b []byte) (string, error) {
	s := xmlProlog.ReplaceAllString(string(b), "")
	if !strings.HasPrefix(s, "<svg") {
		return "", errors.New("not an SVG document")
	}
	if scriptLike(s) {
		return "", errors.New("SVG with script or event handlers")
	}
	s = svgSize.ReplaceAllString(s, `<svg role="img" class="figure" preserveAspectRatio="xMidYMid meet"`)
	return s, nil
}

// absent is the tables a results folder lacks, less those only some runs
// write (schema.Optional).
func absent(missing []string) []string {
	var out []string
	for _, m := range missing {
		if !schema.Optional(m) {
			out = append(out, m)
		}
	}
	return out
}
