package sheetbuild

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/sheet"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// Options say what to scan and how to pair.
type Options struct {
	Roots []Root
	// Pattern extracts the patient id from a sample id: its group named
	// "patient", else its first group, else the whole match. One of
	// Pattern and Pairs is required.
	Pattern *regexp.Regexp
	// Pairs is a table (TSV or CSV) with columns patient_id,
	// tissue_sample_id and plasma_sample_id; PairsName names it in errors.
	Pairs     io.Reader
	PairsName string
	// Clinical is an optional table (TSV or CSV) with a patient_id column
	// whose other columns are joined into the sheet; comment lines before
	// its header are copied to the sheet's preamble.
	Clinical     io.Reader
	ClinicalName string
}

// ProblemKind says why a sample or row is not in the sheet.
type ProblemKind string

const (
	Unpaired       ProblemKind = "unpaired"        // tissue without plasma or plasma without tissue
	Ambiguous      ProblemKind = "ambiguous"       // two candidate files of one kind, or two samples of one side for a patient
	NoPatient      ProblemKind = "no_patient"      // the pattern does not match the sample id, or the pairs table does not list it
	NotFound       ProblemKind = "not_found"       // a pairs row names a sample no folder holds
	Unwritable     ProblemKind = "unwritable"      // a path or id a sheet cannot hold (a tab, ';', a control byte)
	NoClinical     ProblemKind = "no_clinical"     // a patient the clinical table lacks (written, with empty clinical columns)
	ClinicalUnused ProblemKind = "clinical_unused" // a clinical row of a patient with no samples
)

// Problem is one thing the builder could not do, or one thing to check.
type Problem struct {
	Kind    ProblemKind
	Side    concordance.Side
	Sample  string
	Patient string
	Detail  string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(string(p.Kind) + ": ")
	if p.Sample != "" {
		fmt.Fprintf(&b, "%s sample %s", p.Side, concordance.Quote(p.Sample))
		if p.Patient != "" {
			fmt.Fprintf(&b, " (patient %s)", concordance.Quote(p.Patient))
		}
	} else {
		fmt.Fprintf(&b, "patient %s", concordance.Quote(p.Patient))
	}
	if p.Detail != "" {
		b.WriteString(": " + p.Detail)
	}
	return b.String()
}

// Report is what Build did.
type Report struct {
	Samples  [2]int // samples found, by side
	Patients int    // rows written
	Problems []Problem
	// Written is false when no patient could be paired (nothing written).
	Written bool
}

// Found says what a Report found, in a line.
func (r *Report) Found() string {
	return fmt.Sprintf("%d tissue and %d plasma samples found, %d patients paired", r.Samples[0], r.Samples[1], r.Patients)
}

// Refusal is why a sheet built is not to be written (an input error naming
// file, the first folder scanned): no patient paired, or, when strict, any
// sample left out; nil when it is to be written.
func (r *Report) Refusal(strict bool, file string) error {
	switch {
	case !r.Written:
		return &concordance.InputError{File: file, Err: fmt.Errorf("%s: nothing to write", r.Found())}
	case strict && len(r.Problems) > 0:
		return &concordance.InputError{File: file, Err: fmt.Errorf("%s, %d problems (listed above); --strict: nothing written", r.Found(), len(r.Problems))}
	}
	return nil
}

// DefaultClinical are the clinical columns a sheet gets, empty, without
// a clinical table: for the user to fill.
var DefaultClinical = []string{"cancer_type", "oncotree_code", "stage", "tissue_collection_date",
	"plasma_collection_date", "ctdna_tumor_fraction", "age"}

// Build scans the roots, pairs their samples and writes a sheet to w.
// Bad pairs or clinical tables and unreadable folders are errors;
// samples it cannot pair are Problems in the Report.
func Build(opt Options, w io.Writer) (*Report, error) {
	if (opt.Pattern == nil) == (opt.Pairs == nil) {
		return nil, errors.New("sheetbuild: give a pattern or a pairs table (one of them)")
	}
	rep := &Report{}
	var samples []Sample
	for i, r := range opt.Roots {
		ss, ps, err := scan(r, i)
		if err != nil {
			return nil, err
		}
		samples = append(samples, ss...)
		rep.Problems = append(rep.Problems, ps...)
	}
	for _, s := range samples {
		rep.Samples[s.Side]++
	}
	patientOf, err := pairing(opt, samples, rep)
	if err != nil {
		return nil, err
	}
	type pair struct{ side [2][]*Sample }
	pairs := map[string]*pair{}
	for i := range samples {
		s := &samples[i]
		p, ok := patientOf(s)
		if !ok {
			continue
		}
		if pairs[p] == nil {
			pairs[p] = &pair{}
		}
		pairs[p].side[s.Side] = append(pairs[p].side[s.Side], s)
	}
	var clin *clinical
	if opt.Clinical != nil {
		if clin, err = readClinical(opt.Clinical, opt.ClinicalName); err != nil {
			return nil, err
		}
	}
	type row struct {
		patient string
		s       [2]*Sample
	}
	var rows []row
	for _, p := range sortedKeys(pairs) {
		pr := pairs[p]
		if problem := checkPair(p, pr.side, opt.Roots); problem != nil {
			rep.Problems = append(rep.Problems, problem...)
			continue
		}
		rows = append(rows, row{p, [2]*Sample{pr.side[0][0], pr.side[1][0]}})
	}
	header := []string{"patient_id", "tissue_sample_id", "plasma_sample_id"}
	extra := DefaultClinical
	if clin != nil {
		extra = clin.columns
	}
	header = append(append(header, extra...), "tissue_calls", "plasma_calls")
	if len(rows) == 0 {
		return rep, nil
	}
	bw := bufio.NewWriter(w)
	if clin != nil {
		for _, c := range clin.preamble {
			bw.WriteString(c + "\n")
		}
	}
	// Cells are written as the sheet reader reads them (encoding/csv with
	// a tab): a value with a quote, or one that starts with a space, is
	// quoted, so that it reads back as it was.
	cw := csv.NewWriter(bw)
	cw.Comma = '\t'
	cw.Write(header)
	written := map[string]bool{}
	for _, r := range rows {
		cells := []string{r.patient, r.s[0].ID, r.s[1].ID}
		if clin != nil {
			vals, ok := clin.rows[r.patient]
			if !ok {
				rep.Problems = append(rep.Problems, Problem{Kind: NoClinical, Patient: r.patient,
					Detail: "not in " + concordance.Quote(opt.ClinicalName) + ": its clinical columns are empty"})
				vals = make([]string, len(extra))
			}
			cells = append(cells, vals...)
		} else {
			cells = append(cells, make([]string, len(extra))...)
		}
		for _, s := range r.s {
			cells = append(cells, strings.Join(sheetPaths(s, opt.Roots), ";"))
		}
		cw.Write(cells)
		written[r.patient] = true
	}
	if clin != nil {
		for _, p := range clin.order {
			if !written[p] {
				rep.Problems = append(rep.Problems, Problem{Kind: ClinicalUnused, Patient: p,
					Detail: fmt.Sprintf("%s line %d: no paired samples", concordance.Quote(opt.ClinicalName), clin.line[p])})
			}
		}
	}
	rep.Patients = len(rows)
	rep.Written = true
	if cw.Flush(); cw.Error() != nil {
		return rep, cw.Error()
	}
	return rep, bw.Flush()
}

// checkPair returns the problems that keep a patient out of the sheet.
func checkPair(p string, side [2][]*Sample, roots []Root) []Problem {
	var out []Problem
	for s, ss := range side {
		if len(ss) > 1 {
			ids := make([]string, len(ss))
			for i, x := range ss {
				ids[i] = concordance.Quote(path.Join(roots[x.Root].Name, x.Dir) + ": " + x.ID)
			}
			return []Problem{{Kind: Ambiguous, Patient: p, Detail: fmt.Sprintf("%d %s samples: %s", len(ss), concordance.Side(s), strings.Join(ids, ", "))}}
		}
	}
	for s, ss := range side {
		if len(ss) == 0 {
			o := side[1-s][0]
			out = append(out, Problem{Kind: Unpaired, Side: o.Side, Sample: o.ID, Patient: p, Detail: "no " + concordance.Side(s).String() + " sample"})
		}
	}
	if out != nil {
		return out
	}
	for _, ss := range side {
		s := ss[0]
		if len(s.Files) == 0 {
			// (only a skipped CVO: cannot happen, a VCF came with it)
			out = append(out, Problem{Kind: Unwritable, Side: s.Side, Sample: s.ID, Patient: p, Detail: "no call files"})
			continue
		}
		for _, v := range append(sheetPaths(s, roots), s.ID, p) {
			if err := cellOK(v, true); err != nil {
				out = append(out, Problem{Kind: Unwritable, Side: s.Side, Sample: s.ID, Patient: p, Detail: err.Error()})
				break
			}
		}
	}
	return out
}

// sheetPaths are a sample's files as the sheet names them.
func sheetPaths(s *Sample, roots []Root) []string {
	ps := make([]string, len(s.Files))
	for i, f := range s.Files {
		ps[i] = path.Join(roots[s.Root].Name, f.Path)
	}
	return ps
}

// cellOK refuses what a sheet cell cannot hold: text the sheet reader
// refuses (control bytes, invalid UTF-8), spaces it would trim, and in a
// path list the ';' that separates paths.
func cellOK(v string, list bool) error {
	if err := concordance.CheckText(v); err != nil {
		return fmt.Errorf("%s: %w", concordance.Quote(v), err)
	}
	switch {
	case strings.TrimSpace(v) != v:
		return fmt.Errorf("%s starts or ends with a space, which the sheet reader trims", concordance.Quote(v))
	case list && strings.Contains(v, ";"):
		return fmt.Errorf("%s contains ';', which separates a sample's files in the sheet", concordance.Quote(v))
	case strings.HasPrefix(v, "#"):
		return fmt.Errorf("%s starts with '#', which marks a comment in the sheet", concordance.Quote(v))
	}
	return nil
}

// pairing returns the patient of each sample, recording samples without
// one (and pairs rows whose samples are missing) as problems.
func pairing(opt Options, samples []Sample, rep *Report) (func(*Sample) (string, bool), error) {
	if opt.Pattern != nil {
		group := 0
		if i := opt.Pattern.SubexpIndex("patient"); i > 0 {
			group = i
		} else if opt.Pattern.NumSubexp() > 0 {
			group = 1
		}
		return func(s *Sample) (string, bool) {
			m := opt.Pattern.FindStringSubmatch(s.ID)
			if m == nil || m[group] == "" {
				rep.Problems = append(rep.Problems, Problem{Kind: NoPatient, Side: s.Side, Sample: s.ID,
					Detail: "the pattern " + concordance.Quote(opt.Pattern.String()) + " does not match it"})
				return "", false
			}
			return m[group], true
		}, nil
	}
	t, err := readTable(opt.Pairs, opt.PairsName)
	if err != nil {
		return nil, err
	}
	col := t.columns("patient_id", "tissue_sample_id", "plasma_sample_id")
	for i, c := range col {
		if c < 0 {
			return nil, table.Errorf(opt.PairsName, t.headerLine, "sheet: pairs table: no %s column (want patient_id, tissue_sample_id, plasma_sample_id)",
				[]string{"patient_id", "tissue_sample_id", "plasma_sample_id"}[i])
		}
	}
	type key struct {
		side concordance.Side
		id   string
	}
	patient := map[key]string{}
	line := map[key]int{}
	seen := map[string]int{}
	for i, r := range t.rows {
		p := r[col[0]]
		if p == "" {
			return nil, table.Errorf(opt.PairsName, t.lines[i], "sheet: pairs table: empty patient_id")
		}
		if first, dup := seen[p]; dup {
			return nil, table.Errorf(opt.PairsName, t.lines[i], "sheet: pairs table: patient %s again (first on line %d)", concordance.Quote(p), first)
		}
		seen[p] = t.lines[i]
		for side, c := range col[1:] {
			k := key{concordance.Side(side), r[c]}
			if k.id == "" {
				return nil, table.Errorf(opt.PairsName, t.lines[i], "sheet: pairs table: empty %s", t.header[c])
			}
			if first, dup := line[k]; dup {
				return nil, table.Errorf(opt.PairsName, t.lines[i], "sheet: pairs table: %s sample %s again (first on line %d)", k.side, concordance.Quote(k.id), first)
			}
			patient[k], line[k] = p, t.lines[i]
		}
	}
	found := map[key]bool{}
	for _, s := range samples {
		found[key{s.Side, s.ID}] = true
	}
	var missing []key
	for k := range patient {
		if !found[k] {
			missing = append(missing, k)
		}
	}
	sort.Slice(missing, func(i, j int) bool {
		return line[missing[i]] < line[missing[j]] || line[missing[i]] == line[missing[j]] && missing[i].side < missing[j].side
	})
	for _, k := range missing {
		rep.Problems = append(rep.Problems, Problem{Kind: NotFound, Side: k.side, Sample: k.id, Patient: patient[k],
			Detail: fmt.Sprintf("%s line %d names it, no %s folder holds it", concordance.Quote(opt.PairsName), line[k], k.side)})
	}
	return func(s *Sample) (string, bool) {
		p, ok := patient[key{s.Side, s.ID}]
		if !ok {
			rep.Problems = append(rep.Problems, Problem{Kind: NoPatient, Side: s.Side, Sample: s.ID,
				Detail: "not a " + s.Side.String() + " sample in " + concordance.Quote(opt.PairsName)})
		}
		return p, ok
	}, nil
}

// clinical is a clinical table by patient.
type clinical struct {
	preamble []string
	columns  []string
	rows     map[string][]string
	line     map[string]int
	order    []string
}

// owned are the sheet columns the builder writes itself: a clinical
// column meaning one of them is an error, not a silent overwrite.
var owned = map[string]bool{"patient_id": true, "tissue_sample_id": true, "plasma_sample_id": true, "tissue_calls": true, "plasma_calls": true}

func readClinical(r io.Reader, name string) (*clinical, error) {
	t, err := readTable(r, name)
	if err != nil {
		return nil, err
	}
	pc := t.columns("patient_id")[0]
	if pc < 0 {
		return nil, table.Errorf(name, t.headerLine, "sheet: clinical table: no patient_id column")
	}
	c := &clinical{preamble: t.preamble, rows: map[string][]string{}, line: map[string]int{}}
	var keep []int
	for i, h := range t.header {
		if i == pc {
			continue
		}
		if owned[sheet.Canonical(h)] {
			return nil, table.Errorf(name, t.headerLine, "sheet: clinical table: column %s means %s, which concord sheet writes", concordance.Quote(h), sheet.Canonical(h))
		}
		if err := cellOK(h, false); err != nil || h == "" || strings.ContainsAny(h, ",\"") {
			// (a comma in the header would make the sheet read as CSV)
			return nil, table.Errorf(name, t.headerLine, "sheet: clinical table: column %d: an empty name, or one with a comma, a quote or a space at either end", i+1)
		}
		keep = append(keep, i)
		c.columns = append(c.columns, h)
	}
	for i, row := range t.rows {
		p := row[pc]
		if p == "" {
			return nil, table.Errorf(name, t.lines[i], "sheet: clinical table: empty patient_id")
		}
		if first, dup := c.line[p]; dup {
			return nil, table.Errorf(name, t.lines[i], "sheet: clinical table: patient %s again (first on line %d)", concordance.Quote(p), first)
		}
		vals := make([]string, len(keep))
		for j, k := range keep {
			vals[j] = row[k] // (readTable refused tabs and line breaks: control characters)
		}
		c.rows[p], c.line[p] = vals, t.lines[i]
		c.order = append(c.order, p)
	}
	return c, nil
}

// delimited is a small TSV or CSV table (delimiter sniffed from the
// header, as the sheet reader does), cells trimmed and checked as text.
type delimited struct {
	preamble   []string // comment lines before the header
	header     []string
	headerLine int
	rows       [][]string
	lines      []int
}

func readTable(r io.Reader, name string) (*delimited, error) {
	src := &table.LineCounter{R: r}
	br := bufio.NewReader(src)
	t := &delimited{}
	var head string
	for {
		s, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return nil, table.Errorf(name, src.N+1, "sheet: %v", err)
		}
		if s == "" && err == io.EOF {
			return nil, table.Errorf(name, t.headerLine, "sheet: no header line")
		}
		t.headerLine++
		s = strings.TrimRight(strings.TrimPrefix(s, "\ufeff"), "\r\n")
		if err := concordance.CheckText(strings.ReplaceAll(s, "\t", " ")); err != nil {
			return nil, table.Errorf(name, t.headerLine, "sheet: %v", err)
		}
		if !table.Skip(s) {
			head = s
			break
		}
		if strings.HasPrefix(s, "#") {
			t.preamble = append(t.preamble, s)
		}
	}
	cr := csv.NewReader(io.MultiReader(strings.NewReader(head+"\n"), br))
	cr.Comma = '\t'
	if strings.Count(head, ",") > strings.Count(head, "\t") {
		cr.Comma = ','
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	for first := true; ; first = false {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		pos, _ := cr.FieldPos(0)
		at := t.headerLine + pos - 1
		if err != nil {
			return nil, table.Errorf(name, at, "sheet: %v", err)
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
			if err := concordance.CheckText(rec[i]); err != nil {
				return nil, table.Errorf(name, at, "sheet: column %d: %v", i+1, err)
			}
			if sheet.IsMissing(rec[i]) && !first {
				rec[i] = ""
			}
		}
		if first {
			t.header = rec
			continue
		}
		if blankRow(rec) || strings.HasPrefix(rec[0], "#") {
			continue
		}
		if len(rec) != len(t.header) {
			return nil, table.Errorf(name, at, "sheet: %d fields, the header has %d", len(rec), len(t.header))
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, at)
	}
	return t, nil
}

// columns returns the index of each named sheet column (aliases and case
// folded), -1 when absent.
func (t *delimited) columns(names ...string) []int {
	out := make([]int, len(names))
	for i, n := range names {
		out[i] = -1
		for j, h := range t.header {
			if sheet.Canonical(h) == n {
				out[i] = j
				break
			}
		}
	}
	return out
}

func blankRow(rec []string) bool {
	for _, v := range rec {
		if v != "" {
			return false
		}
	}
	return true
}
