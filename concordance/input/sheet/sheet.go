// Package sheet reads the sample sheet that links each patient's tissue
// and plasma samples to their call files and clinical attributes.
//
// No standard exists for such sheets (FORMATS.md §8), so the reader is
// lenient where real sheets differ and strict where a mistake would change
// results: TSV or CSV (sniffed from the header line), an optional UTF-8 BOM,
// headers matched case-insensitively after trimming with common aliases,
// "NA", "N/A", "Unknown", "." and empty meaning missing, rows that are
// empty or only delimiters skipped, and "#" comment lines before the header
// (a "# concord-synthetic: ..." line marks a simulated cohort). Duplicate
// patient ids, missing required columns, unreadable dates or tumour
// fractions outside [0, 1] are errors naming the line.
package sheet

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unique"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// Options control how a sheet is read.
type Options struct {
	// BaseDir resolves relative paths (the sheet's folder).
	BaseDir string
	// USDates accepts M/D/YY and M/D/YYYY dates (off by default: 3/4/21 is
	// ambiguous between the US and the European reading).
	USDates bool
}

// Sheet is a parsed sample sheet.
type Sheet struct {
	Patients []concordance.Patient
	// Columns are the header names as written.
	Columns []string
	// Extra are the columns concord does not read itself, named as
	// concordance.Patient.Extra names them (lower case), in header order.
	Extra []string
	// Meta holds "# key: value" comment lines before the header.
	Meta map[string]string
	// Synthetic is true for a cohort written by concord simulate.
	Synthetic bool
	// Delimiter is ',' or '\t'.
	Delimiter rune
}

// column names, with the aliases accepted for each (all lower case).
var aliases = map[string][]string{
	"patient_id":             {"patient", "patientid", "cmo_patient_id", "cmopatientid", "subject_id"},
	"tissue_sample_id":       {"tissue_sample", "tumor_sample_id", "tissue_id"},
	"plasma_sample_id":       {"plasma_sample", "cfdna_sample_id", "plasma_id", "ctdna_sample_id"},
	"cancer_type":            {"cancer", "diagnosis", "tumor_type", "tumour_type"},
	"oncotree_code":          {"oncotree", "oncotreecode"},
	"stage":                  {"tumor_stage", "tumour_stage", "clinical_stage"},
	"tissue_collection_date": {"tissue_date", "biopsy_date"},
	"plasma_collection_date": {"plasma_date", "blood_date", "collection_date"},
	"ctdna_tumor_fraction":   {"ctdna_tumour_fraction", "tumor_fraction", "tumour_fraction", "tf"},
	"tumor_purity":           {"tumour_purity", "purity", "tumor_content", "tumour_content", "tumor_cell_content", "tissue_purity"},
	"tissue_calls":           {"tissue_vcf", "tissue_file", "tissue_maf"},
	"plasma_calls":           {"plasma_vcf", "plasma_file", "plasma_maf"},
	"tissue_format":          nil,
	"plasma_format":          nil,
	"tissue_bam":             nil,
	"plasma_bam":             nil,
	"tissue_gvcf":            nil,
	"plasma_gvcf":            nil,
	"tissue_panel":           nil,
	"plasma_panel":           nil,
	"tissue_assay":           {"tissue_panel_name", "tissue_test"},
	"plasma_assay":           {"plasma_panel_name", "plasma_test"},
	"tissue_qc":              {"tissue_qc_status", "tissue_sample_status"},
	"plasma_qc":              {"plasma_qc_status", "plasma_sample_status"},
	"wbc_calls":              {"wbc_vcf", "buffy_coat_calls"},
	"wbc_sample_id":          nil,
	"wbc_bam":                {"buffy_coat_bam"},
	"wbc_gvcf":               {"buffy_coat_gvcf"},
	"age":                    {"age_at_diagnosis", "age_years"},
}

var required = []string{"patient_id", "tissue_calls", "plasma_calls"}

// Canonical maps a header to the sheet column it means, aliases and case
// folded ("" when the sheet does not know it): what concord sheet uses to
// find columns in pairs and clinical tables.
func Canonical(h string) string { return canonical(h) }

// canonical maps a header to its column name ("" when unknown).
func canonical(h string) string {
	k := strings.ToLower(strings.TrimSpace(h))
	k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
	if _, ok := aliases[k]; ok {
		return k
	}
	for name, al := range aliases {
		for _, a := range al {
			if a == k {
				return name
			}
		}
	}
	return ""
}

// IsMissing reports the spellings of a missing value.
func IsMissing(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "na", "n/a", "nan", "unknown", ".", "none", "not available", "[not available]", "-":
		return true
	}
	return false
}

// Read parses a sample sheet. Every cell must be UTF-8 text without
// control characters (concordance.CheckText): sheet values reach every
// output, and a sheet saved as Latin-1 or Windows-1252 (Excel's "CSV" on
// Windows) is refused with a hint rather than guessed at.
func Read(r io.Reader, opt Options) (*Sheet, error) {
	src := &table.LineCounter{R: r}
	br := bufio.NewReader(src)
	sh := &Sheet{Meta: map[string]string{}}
	header, headerLine, err := preamble(br, src, sh.Meta)
	if err != nil {
		return nil, err
	}
	_, sh.Synthetic = sh.Meta["concord-synthetic"]
	sh.Delimiter = '\t'
	if strings.Count(header, ",") > strings.Count(header, "\t") {
		sh.Delimiter = ','
	}
	rows := &records{src: src, headerLine: headerLine}
	rows.cr = csv.NewReader(io.MultiReader(strings.NewReader(header+"\n"), br))
	rows.cr.Comma = sh.Delimiter
	rows.cr.FieldsPerRecord = -1
	rows.cr.LazyQuotes = true
	rows.cr.ReuseRecord = false
	cols, err := rows.header()
	if err != nil {
		return nil, err
	}
	sh.Columns = cols.names
	for i := range cols.names {
		if k, ok := cols.extra[i]; ok {
			sh.Extra = append(sh.Extra, k)
		}
	}
	seen := map[string]int{}
	for {
		rec, at, err := rows.next(cols.names)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		p, err := cols.patient(rec, opt, at)
		if err != nil {
			return nil, err
		}
		if first, dup := seen[p.ID]; dup {
			return nil, &concordance.LineError{Line: at, Err: fmt.Errorf("sheet: duplicate patient_id %s (first on line %d)", concordance.Quote(p.ID), first)}
		}
		seen[p.ID] = at
		sh.Patients = append(sh.Patients, p)
	}
	if len(sh.Patients) == 0 {
		return nil, &concordance.LineError{Line: headerLine, Err: errors.New("sheet: no patients after the header")}
	}
	return sh, nil
}

// preamble reads the lines before the header (table.Skip: '#' comments and
// blank lines; "# key: value" comments go into meta) and returns the
// header line and its number.
func preamble(br *bufio.Reader, src *table.LineCounter, meta map[string]string) (string, int, error) {
	line := 0
	for {
		s, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			// A read error (a line over the cap, a truncated file) strikes
			// on the line after the last line ending read.
			return "", 0, &concordance.LineError{Line: src.N + 1, Err: fmt.Errorf("sheet: %w", err)}
		}
		if s == "" && err != nil {
			if line == 0 {
				return "", 0, &concordance.LineError{Line: 1, Err: errors.New("sheet: no header line (the file is empty)")}
			}
			return "", 0, &concordance.LineError{Line: line, Err: errors.New("sheet: no header line (the file has only comments and blank lines)")}
		}
		line++
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		t := strings.TrimRight(s, "\r\n")
		for _, cell := range strings.Split(t, "\t") { // a TSV's tabs are its delimiters
			if err := concordance.CheckText(cell); err != nil {
				return "", 0, &concordance.LineError{Line: line, Err: fmt.Errorf("sheet: %w", err)}
			}
		}
		if !table.Skip(t) {
			return t, line, nil
		}
		body := strings.TrimSpace(strings.TrimLeft(t, "#"))
		if k, v, ok := strings.Cut(body, ":"); ok && strings.HasPrefix(t, "#") && !strings.ContainsAny(k, " \t") {
			meta[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
}

// records reads the header and the rows of a sheet, numbering lines as
// the file does (the CSV reader starts at the header).
type records struct {
	cr         *csv.Reader
	src        *table.LineCounter
	headerLine int
}

// columns are a sheet's header: the names as written, the column of each
// known name and the lower-cased names of the others (Patient.Extra).
type columns struct {
	names []string
	index map[string]int
	extra map[int]string
}

// header reads and checks the header row.
func (r *records) header() (*columns, error) {
	cols, err := r.cr.Read()
	if err != nil {
		return nil, &concordance.LineError{Line: r.headerLine, Err: fmt.Errorf("sheet: %v", err)}
	}
	for _, c := range cols {
		if err := concordance.CheckText(c); err != nil {
			return nil, &concordance.LineError{Line: r.headerLine, Err: fmt.Errorf("sheet: header: %w", err)}
		}
	}
	c := &columns{names: cols, index: map[string]int{}, extra: map[int]string{}}
	for i, h := range cols {
		name := canonical(h)
		if name == "" {
			if k := strings.ToLower(strings.TrimSpace(h)); k != "" {
				c.extra[i] = k
			}
			continue
		}
		if j, dup := c.index[name]; dup {
			return nil, &concordance.LineError{Line: r.headerLine, Err: fmt.Errorf("sheet: columns %s and %s both mean %s", concordance.Quote(cols[j]), concordance.Quote(h), name)}
		}
		c.index[name] = i
	}
	var missing []string
	for _, name := range required {
		if _, ok := c.index[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, &concordance.LineError{Line: r.headerLine, Err: fmt.Errorf("sheet: required column(s) %s missing (the header has: %s)", strings.Join(missing, ", "), quoteList(cols))}
	}
	return c, nil
}

// next returns the next row that is not blank or a comment, with its line
// number; io.EOF at the end. Every cell is checked as text; cells beyond
// the header's columns must be empty.
func (r *records) next(cols []string) ([]string, int, error) {
	for {
		rec, err := r.cr.Read()
		if err == io.EOF {
			return nil, 0, err
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, 0, &concordance.LineError{Line: r.headerLine + pe.Line - 1, Err: fmt.Errorf("sheet: %v", pe.Err)}
			}
			return nil, 0, &concordance.LineError{Line: r.src.N + 1, Err: fmt.Errorf("sheet: %w", err)}
		}
		pos, _ := r.cr.FieldPos(0)
		at := r.headerLine + pos - 1
		for i, v := range rec {
			if err := concordance.CheckText(v); err != nil {
				l, _ := r.cr.FieldPos(i)
				name := "column " + strconv.Itoa(i+1)
				if i < len(cols) {
					name = "column " + concordance.Quote(cols[i])
				}
				return nil, 0, &concordance.LineError{Line: r.headerLine + l - 1, Err: fmt.Errorf("sheet: %s: %w", name, err)}
			}
		}
		if blank(rec) || strings.HasPrefix(strings.TrimSpace(rec[0]), "#") {
			continue
		}
		if len(rec) > len(cols) {
			for _, v := range rec[len(cols):] {
				if strings.TrimSpace(v) != "" {
					return nil, 0, &concordance.LineError{Line: at, Err: fmt.Errorf("sheet: %d fields, the header has %d columns", len(rec), len(cols))}
				}
			}
		}
		return rec, at, nil
	}
}

// patient reads one row into a Patient: the known columns, then the
// others as Extra.
func (c *columns) patient(rec []string, opt Options, at int) (concordance.Patient, error) {
	// Copies: a field is a piece of its whole line, which a patient kept
	// for the run would otherwise keep (a cohort's sheet, twice over).
	get := func(name string) string {
		i, ok := c.index[name]
		if !ok || i >= len(rec) || IsMissing(rec[i]) {
			return ""
		}
		return strings.Clone(strings.TrimSpace(rec[i]))
	}
	p, err := patient(get, opt, at)
	if err != nil || len(c.extra) == 0 {
		return p, err
	}
	p.Extra = map[string]string{}
	for i, k := range c.extra {
		if i < len(rec) && !IsMissing(rec[i]) {
			p.Extra[k] = unique.Make(strings.TrimSpace(rec[i])).Value() // (a copy; values repeat)
		}
	}
	return p, nil
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

func patient(get func(string) string, opt Options, line int) (concordance.Patient, error) {
	fail := func(format string, args ...any) (concordance.Patient, error) {
		return concordance.Patient{}, &concordance.LineError{Line: line, Err: fmt.Errorf("sheet: "+format, args...)}
	}
	p := concordance.Patient{
		ID:            get("patient_id"),
		CancerType:    get("cancer_type"),
		OncotreeCode:  strings.ToUpper(get("oncotree_code")),
		StageRaw:      get("stage"),
		TumorFraction: concordance.Missing,
		TumorPurity:   concordance.Missing,
		Age:           concordance.Missing,
		Line:          line,
	}
	if p.ID == "" {
		return fail("empty patient_id")
	}
	p.Stage = concordance.NormalizeStage(p.StageRaw)
	var err error
	if p.TissueDate, err = parseDate(get("tissue_collection_date"), opt.USDates); err != nil {
		return fail("tissue_collection_date: %v", err)
	}
	if p.PlasmaDate, err = parseDate(get("plasma_collection_date"), opt.USDates); err != nil {
		return fail("plasma_collection_date: %v", err)
	}
	if v := get("ctdna_tumor_fraction"); v != "" {
		tf, err := parseFraction(v)
		if err != nil {
			return fail("ctdna_tumor_fraction: %v", err)
		}
		p.TumorFraction = tf
	}
	if v := get("tumor_purity"); v != "" {
		pu, err := parseFraction(v)
		if err != nil {
			return fail("tumor_purity: %v", err)
		}
		if pu == 0 {
			return fail("tumor_purity is 0: a tissue sample without tumour cells cannot be compared (leave it empty when unknown)")
		}
		p.TumorPurity = pu
	}
	if v := get("age"); v != "" {
		a, err := strconv.ParseFloat(v, 64)
		if err != nil || a < 0 || a > 130 {
			return fail("age %s is not a number of years", concordance.Quote(v))
		}
		p.Age = a
	}
	for _, side := range []struct {
		ref    *concordance.SampleRef
		prefix string
	}{{&p.Tissue, "tissue"}, {&p.Plasma, "plasma"}} {
		if err := sampleRef(side.ref, side.prefix, p.ID, get, opt); err != nil {
			return fail("%v", err)
		}
	}
	if w := get("wbc_calls"); w != "" {
		p.WBC.Calls = paths(w, opt.BaseDir)
		p.WBC.Formats = make([]string, len(p.WBC.Calls))
		p.WBC.ID = get("wbc_sample_id")
	}
	// The WBC sample's reads or genome VCF give its depth at plasma calls'
	// sites: a covered site without the allele is evidence too (package
	// explain), which its call file alone cannot give.
	if b := get("wbc_bam"); b != "" {
		p.WBC.BAM = resolve(b, opt.BaseDir)
	}
	if g := get("wbc_gvcf"); g != "" {
		p.WBC.GVCF = resolve(g, opt.BaseDir)
	}
	return p, nil
}

// sampleRef reads the columns of one side's sample (prefix tissue or
// plasma): its id, QC outcome, call files and their formats, BAM, genome
// VCF and panel, paths resolved against the sheet's folder.
func sampleRef(ref *concordance.SampleRef, prefix, patient string, get func(string) string, opt Options) error {
	ref.ID = get(prefix + "_sample_id")
	qc, err := parseQC(get(prefix + "_qc"))
	if err != nil {
		return fmt.Errorf("%s_qc: %v", prefix, err)
	}
	ref.Failed = qc
	ref.Calls = paths(get(prefix+"_calls"), opt.BaseDir)
	if len(ref.Calls) == 0 && !ref.IsFailed() {
		return fmt.Errorf("%s_calls is empty for patient %s (every patient needs a tissue and a plasma call file, unless %s_qc says the sample failed)", prefix, concordance.Quote(patient), prefix)
	}
	formats := splitList(get(prefix + "_format"))
	for _, f := range formats {
		// Checked here so that a misspelt format is an error at this line
		// of the sheet, not at the call file.
		if _, err := input.ParseFormat(f); err != nil {
			return fmt.Errorf("%s_format: %v", prefix, err)
		}
	}
	switch {
	case len(formats) == 0:
		ref.Formats = make([]string, len(ref.Calls))
	case len(formats) == 1:
		ref.Formats = make([]string, len(ref.Calls))
		for i := range ref.Formats {
			ref.Formats[i] = formats[0]
		}
	case len(formats) == len(ref.Calls):
		ref.Formats = formats
	default:
		return fmt.Errorf("%s_format lists %d formats for %d files", prefix, len(formats), len(ref.Calls))
	}
	for _, f := range []struct {
		col  string
		path *string
	}{{"_bam", &ref.BAM}, {"_gvcf", &ref.GVCF}, {"_panel", &ref.Panel}} {
		if v := get(prefix + f.col); v != "" {
			*f.path = resolve(v, opt.BaseDir)
		}
	}
	if v := get(prefix + "_assay"); v != "" {
		// The assay: a panel file (a path, or a name ending as a BED or
		// gene list does), else the name of a built-in panel, resolved
		// when the run reads its panels.
		switch {
		case ref.Panel != "":
			return fmt.Errorf("%s_assay and %s_panel both name the %s panel: give one", prefix, prefix, prefix)
		case isPanelFile(v):
			ref.Panel = resolve(v, opt.BaseDir)
		default:
			ref.Assay = v
		}
	}
	return nil
}

// isPanelFile reports whether an assay cell names a file: a path, or a
// name ending in .bed, .bed.gz, .txt, .tsv, .csv or .list.
func isPanelFile(v string) bool {
	if strings.ContainsAny(v, `/\`) {
		return true
	}
	l := strings.ToLower(v)
	for _, ext := range []string{".bed", ".bed.gz", ".txt", ".tsv", ".csv", ".list", ".txt.gz"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return false
}

// parseQC reads a sample's QC outcome: empty, "pass", "passed" or "ok"
// for a usable sample (""), else one of the failure words, returned
// lower-cased: failed/fail, qc_fail, qns (quantity not sufficient),
// not_assessed, cancelled. A failed sample's side is sample_failed on
// every row of the patient (NILE's "tissue QNS" / "cfDNA cancelled").
func parseQC(s string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	v = strings.NewReplacer(" ", "_", "-", "_").Replace(v)
	switch v {
	case "", "pass", "passed", "ok":
		return "", nil
	case "fail":
		return "failed", nil
	case "canceled":
		return "cancelled", nil
	case "failed", "qc_fail", "qc_failed", "qns", "not_assessed", "cancelled":
		return v, nil
	}
	return "", fmt.Errorf("%s is not a QC outcome (want pass, or failed, qc_fail, qns, not_assessed, cancelled)", concordance.Quote(s))
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, f := range strings.Split(s, ";") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func paths(s, base string) []string {
	list := splitList(s)
	for i, p := range list {
		list[i] = resolve(p, base)
	}
	return list
}

func resolve(p, base string) string {
	if filepath.IsAbs(p) || base == "" {
		return p
	}
	return filepath.Join(base, p)
}

// parseDate accepts ISO 8601 dates (2021-03-04, also with a time) and
// 20210304; with us, also M/D/YY and M/D/YYYY.
func parseDate(s string, us bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	layouts := []string{"2006-01-02", "20060102", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00"}
	if us {
		layouts = append(layouts, "1/2/06", "1/2/2006")
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			if err := concordance.CheckDate(t); err != nil {
				return time.Time{}, fmt.Errorf("%q: %v (a typo or a placeholder? leave the cell empty when the date is unknown)", s, err)
			}
			return t, nil
		}
	}
	hint := "expected YYYY-MM-DD"
	if strings.Count(s, "/") == 2 && !us {
		hint += " (M/D/YY dates are ambiguous; give --us-dates to accept them)"
	}
	return time.Time{}, fmt.Errorf("%s is not a date: %s", concordance.Quote(s), hint)
}

// parseFraction reads a fraction in [0, 1], or a percentage written with %.
func parseFraction(s string) (float64, error) {
	pct := strings.HasSuffix(s, "%")
	x, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
	if err != nil {
		return 0, fmt.Errorf("%s is not a number", concordance.Quote(s))
	}
	if pct {
		x /= 100
	}
	if x < 0 || x > 1 {
		return 0, fmt.Errorf("%s is outside [0, 1] (write percentages with %%, e.g. 5%%)", concordance.Quote(s))
	}
	return x, nil
}

// quoteList writes values for a message, each with concordance.Quote,
// the first 20 of them.
func quoteList(vs []string) string {
	const show = 20
	q := make([]string, 0, min(len(vs), show+1))
	for i, v := range vs {
		if i == show {
			q = append(q, fmt.Sprintf("… %d more", len(vs)-show))
			break
		}
		q = append(q, concordance.Quote(v))
	}
	return strings.Join(q, ", ")
}
