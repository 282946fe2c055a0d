// Package cbioportal reads a cBioPortal study folder (`--cbioportal DIR`)
// as a concordance cohort, following the cBioPortal file-format
// documentation (https://docs.cbioportal.org/file-formats/) and the defects
// seen in real shared studies (concord FORMATS.md §5–§7):
//
//   - data_clinical_sample.txt (required) and data_clinical_patient.txt
//     (optional): four '#' metadata rows (or none), then the attribute-id
//     header; rows may carry trailing empty cells; N/A, NA, UNKNOWN, Not
//     Applicable and empty mean missing;
//   - mutations (data_mutations*.txt, a MAF: package maf, suspect-file
//     checks included), structural variants (data_sv.txt) and the old
//     data_fusions.txt, and copy number (data_cna*.txt / data_CNA*.tsv,
//     the discrete matrix or the long table); a log2 copy-ratio matrix
//     (data_log2_cna.txt, data_log2CNA.txt: cBioPortal's LOG2-VALUE) gives the discrete
//     calls their fold change (issue 11 §3) and is read as an annotation,
//     like a panel: listed among the inputs, not in the ledger.
//
// Pairing. Each sample is put on a side by, in order: SAMPLE_CLASS (cfDNA,
// plasma, ctDNA, cell-free → plasma; FFPE, tissue, tumor, fresh frozen,
// biopsy → tissue; whole blood, blood, buffy coat, normal, germline →
// normal), SAMPLE_TYPE (cfDNA, plasma → plasma; normal → normal),
// GENE_PANEL (a panel named ACCESS, ctDNA, cfDNA, liquid or plasma →
// plasma), SAMPLE_TYPE again (primary, metastasis, recurrence, tumor →
// tissue: after the panel, because MSK-ACCESS plasma samples are typed
// "Unknown Tumor"), and any other GENE_PANEL → tissue. Normal and unplaceable samples are not paired (listed in
// Study.Unpaired). A patient with at least one tissue and one plasma sample
// becomes a concordance.Patient.
//
// Several samples of one kind. When a patient has several tissue or
// plasma samples, LoadOptions.Pairing says which are compared:
//   - nearest (the default): the pair nearest in time when every
//     candidate has a collection date (ISO YYYY-MM-DD in COLLECTION_DATE,
//     SAMPLE_COLLECTION_DATE, DATE_OF_COLLECTION or PROCEDURE_DATE) or a
//     day offset (DAYS_TO_COLLECTION, SAMPLE_COLLECTION_DAYS,
//     COLLECTION_DAYS, DAYS_TO_SAMPLE_COLLECTION); ties go to the earlier
//     sample in the file; otherwise the first sample of each kind in the
//     sample file;
//   - first, latest: of each kind, the earliest (latest) collected when
//     every sample of that kind has a time, else the first (last) in the
//     sample file;
//   - union: every sample of a kind, their calls pooled per patient (an
//     alteration two samples share is read once, the other counted in the
//     ledger as a duplicate).
//
// Study.Choices reports the rule applied and the candidates per patient.
//
// Clinical attributes. Cancer type is CANCER_TYPE, OncoTree code
// ONCOTREE_CODE, each taken from the chosen tissue sample, else the plasma
// sample, else the patient file. Stage is the first of STAGE,
// TUMOR_STAGE_2009, AJCC_PATHOLOGIC_TUMOR_STAGE, CLINICAL_STAGE,
// PATHOLOGIC_STAGE, PATH_STAGE (or LoadOptions.StageColumn) found in the
// tissue sample, plasma sample or patient row, normalised with
// concordance.NormalizeStage. Age is AGE or AGE_AT_DIAGNOSIS when numeric.
//
// Records. Every row of every data file is counted once in the ledger:
// with the patient and side that uses its sample (Study.Use), or as
// other_sample (Study.CountUnused) for samples nobody uses.
package cbioportal

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/maf"
	"github.com/concord-oncology/concord/concordance/internal/multisample"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// LoadOptions tune how a study is read.
type LoadOptions struct {
	// StageColumn names the attribute holding stage; "" tries the usual names.
	StageColumn string
	// AllFilters keeps MAF rows whose FILTER is not PASS.
	AllFilters bool
	// Pairing chooses among several samples of one kind: PairNearest
	// (also ""), PairFirst, PairLatest or PairUnion.
	Pairing string
}

// Pairing rules (LoadOptions.Pairing, --pairing).
const (
	PairNearest = "nearest"
	PairFirst   = "first"
	PairLatest  = "latest"
	PairUnion   = "union"
)

// Pairings are the pairing rules, the default first.
var Pairings = []string{PairNearest, PairFirst, PairLatest, PairUnion}

// Choice records which samples were paired for a patient and why.
type Choice struct {
	Patient          string   `json:"patient"`
	Tissue           string   `json:"tissue"` // the chosen sample ids
	Plasma           string   `json:"plasma"`
	TissueCandidates []string `json:"tissue_candidates"` // all tissue samples of the patient, in file order
	PlasmaCandidates []string `json:"plasma_candidates"`
	Rule             string   `json:"rule"` // "only", "nearest in time (N days)", "first in file"
}

// Unpaired is a sample that is not in any pair.
type Unpaired struct {
	Sample  string `json:"sample"`
	Patient string `json:"patient"`
	Reason  string `json:"reason"`
}

// Study is a cBioPortal study folder read as a cohort.
type Study struct {
	Patients []concordance.Patient
	Choices  []Choice
	Unpaired []Unpaired
	// Files are the data files read, by name in the folder.
	Files []string
	// Pairing is the rule applied (one of Pairings).
	Pairing string
	// GenePanels are the study's gene panels (data_gene_panel_*.txt) by
	// stable_id; a sample whose panel is one of them names it as its
	// SampleRef.Assay.
	GenePanels map[string][]string

	data []*multisample.Set
	// pooled maps a union pair's first sample of a kind (the id its
	// patient names) to every sample of that kind (PairUnion).
	pooled map[string][]string
}

// sampleRow is a row of the clinical sample file.
type sampleRow struct {
	id, patient string
	attrs       map[string]string // UPPER_CASE attribute → value ("" when missing)
	line        int
	panel       string // the study's gene panel of the sample ("" when it has none)
	side        int    // 0 tissue, 1 plasma, 2 normal, 3 unknown
	day         float64
	hasDay      bool
	date        time.Time
}

const (
	sideTissue = iota
	sidePlasma
	sideNormal
	sideUnknown
)

// Load reads a study folder.
func Load(fsys fs.FS, opt LoadOptions) (*Study, error) {
	names, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("cbioportal: %w", err)
	}
	find := func(pred func(string) bool) []string {
		var out []string
		for _, e := range names {
			if !e.IsDir() && pred(strings.ToLower(e.Name())) {
				out = append(out, e.Name())
			}
		}
		sort.Strings(out)
		return out
	}
	sampleFiles := find(func(n string) bool { return n == "data_clinical_sample.txt" })
	if len(sampleFiles) == 0 {
		return nil, errors.New("cbioportal: the study folder has no data_clinical_sample.txt")
	}
	st := &Study{}
	samples, err := readClinical(fsys, sampleFiles[0], true)
	if err != nil {
		return nil, err
	}
	var patients map[string]map[string]string
	if pf := find(func(n string) bool { return n == "data_clinical_patient.txt" }); len(pf) > 0 {
		rowsP, err := readClinical(fsys, pf[0], false)
		if err != nil {
			return nil, err
		}
		patients = map[string]map[string]string{}
		for _, r := range rowsP {
			patients[r.patient] = r.attrs
		}
	}
	var all []string
	for _, e := range names {
		if !e.IsDir() {
			all = append(all, e.Name())
		}
	}
	sort.Strings(all)
	if err := st.readPanels(fsys, all, samples); err != nil {
		return nil, err
	}
	st.Pairing, st.pooled = opt.Pairing, map[string][]string{}
	if st.Pairing == "" {
		st.Pairing = PairNearest
	}
	st.pair(samples, patients, opt)

	type loader struct {
		match func(string) bool
		read  func(io.Reader, string) (*multisample.Set, error)
	}
	loaders := []loader{
		{func(n string) bool { return strings.HasPrefix(n, "data_mutations") && strings.HasSuffix(n, ".txt") }, func(r io.Reader, name string) (*multisample.Set, error) {
			f, err := maf.ReadAll(r, maf.Options{File: name, AllFilters: opt.AllFilters})
			if err != nil {
				return nil, err
			}
			return &f.Set, nil
		}},
		{func(n string) bool { return n == "data_sv.txt" }, wrap(ReadSVAll)},
		{func(n string) bool { return n == "data_fusions.txt" }, wrap(ReadFusionsAll)},
		{func(n string) bool {
			return strings.HasPrefix(n, "data_cna") && (strings.HasSuffix(n, ".txt") || strings.HasSuffix(n, ".tsv")) &&
				!strings.Contains(n, "log2") && !strings.Contains(n, "continuous") && !strings.Contains(n, "seg")
		}, wrap(ReadCNAAll)},
	}
	for _, l := range loaders {
		for _, name := range find(l.match) {
			fh, err := fsys.Open(name)
			if err != nil {
				return nil, fmt.Errorf("cbioportal: %w", err)
			}
			src, err := l.read(fh, name)
			fh.Close()
			if err != nil {
				return nil, concordance.AtFile(name, err)
			}
			st.data = append(st.data, src)
			st.Files = append(st.Files, name)
		}
	}
	for _, name := range find(func(n string) bool {
		return strings.HasPrefix(n, "data_") && strings.Contains(n, "log2") && strings.Contains(n, "cna") &&
			(strings.HasSuffix(n, ".txt") || strings.HasSuffix(n, ".tsv"))
	}) {
		fh, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("cbioportal: %w", err)
		}
		m, err := ReadLog2CNA(fh, name)
		fh.Close()
		if err != nil {
			return nil, concordance.AtFile(name, err)
		}
		for _, d := range st.data {
			m.Annotate(d)
		}
		st.Files = append(st.Files, name)
	}
	if err := st.checkBuilds(); err != nil {
		return nil, err
	}
	return st, nil
}

// checkBuilds refuses, at Load and as Use would, a patient's sample whose
// rows are on one genome build in one data file and on another in the
// next (a study is read before its patients: a bad file fails the run
// before the long part).
func (st *Study) checkBuilds() error {
	for _, p := range st.Patients {
		for _, side := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
			var b build
			for _, sample := range st.samples(p.Sample(side).ID) {
				for _, d := range st.data {
					if x, ok := d.Lookup(sample); ok {
						if err := b.agree(sample, x.Build, d.Name); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	return nil
}

// build is the genome build of the calls gathered for a sample so far,
// and the data file that gave it.
type build struct{ name, file string }

// agree takes a data file's build for the sample's calls ("" when the file
// does not say), or returns the input error of one on another build.
func (b *build) agree(sample, name, file string) error {
	if name == "" {
		return nil
	}
	if b.name != "" && b.name != name {
		// Bad input, not a bug: name the file and the one it disagrees with.
		return &concordance.InputError{File: file, Err: fmt.Errorf("cbioportal: sample %s has rows on %s here and on %s in %s: give the study's files on one genome build",
			concordance.Quote(sample), name, b.name, b.file)}
	}
	b.name, b.file = name, file
	return nil
}

func wrap(read func(io.Reader, string) (*Calls, error)) func(io.Reader, string) (*multisample.Set, error) {
	return func(r io.Reader, name string) (*multisample.Set, error) {
		c, err := read(r, name)
		if err != nil {
			return nil, err
		}
		return &c.Set, nil
	}
}

// samples are the samples whose calls Use gathers for sample: with
// PairUnion, every sample it stands for; else itself.
func (st *Study) samples(sample string) []string {
	if ids := st.pooled[sample]; ids != nil {
		return ids
	}
	return []string{sample}
}

// Use returns the calls of a study sample from every data file, counting
// their rows in led for the patient's side (with PairUnion, the calls of
// every sample the first one stands for). A sample absent from a file
// simply has no calls there.
func (st *Study) Use(sample, patient string, side concordance.Side, led *concordance.Ledger) (*concordance.SampleData, error) {
	out := &concordance.SampleData{Biomarkers: concordance.NoBiomarkers()}
	var b build
	for _, sample := range st.samples(sample) {
		if err := st.use(sample, patient, side, led, out, &b); err != nil {
			return nil, err
		}
	}
	out.Build = b.name
	return out, nil
}

func (st *Study) use(sample, patient string, side concordance.Side, led *concordance.Ledger, out *concordance.SampleData, b *build) error {
	for _, d := range st.data {
		if _, ok := d.Lookup(sample); !ok {
			continue
		}
		sd, err := d.Use(sample, patient, side, led)
		if err != nil {
			return err
		}
		if err := b.agree(sample, sd.Build, d.Name); err != nil {
			return err
		}
		out.Calls = append(out.Calls, sd.Calls...)
	}
	return nil
}

// CountUnused counts the rows of samples no patient used as other_sample.
func (st *Study) CountUnused(led *concordance.Ledger) {
	for _, d := range st.data {
		d.CountUnused("", concordance.Tissue, led)
	}
}

// readClinical reads a clinical sample or patient file.
func readClinical(fsys fs.FS, name string, sampleFile bool) ([]sampleRow, error) {
	fh, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cbioportal: %w", err)
	}
	defer fh.Close()
	var out []sampleRow
	var header []string
	seen := map[string]int{}
	lines := table.NewLines(fh)
	for lines.NextRow() {
		cells := table.TrimRight(strings.Split(lines.Text, "\t"))
		if header == nil {
			header = make([]string, len(cells))
			for i, c := range cells {
				header[i] = strings.ToUpper(strings.TrimSpace(c))
			}
			need := []string{"PATIENT_ID"}
			if sampleFile {
				need = append(need, "SAMPLE_ID")
			}
			for _, n := range need {
				if indexOf(header, n) < 0 {
					return nil, concordance.Errorf(name, lines.N, "cbioportal: header has no %s column", n)
				}
			}
			continue
		}
		if len(cells) > len(header) {
			return nil, concordance.Errorf(name, lines.N, "cbioportal: %d cells but the header has %d columns", len(cells), len(header))
		}
		r := sampleRow{attrs: map[string]string{}, line: lines.N}
		for i, c := range cells {
			if v := strings.TrimSpace(c); !table.Missing(v) && !strings.EqualFold(v, "Not Applicable") {
				// Clinical values (ids, cancer type, stage) reach every
				// output: UTF-8 text only (concordance.CheckText).
				if err := concordance.CheckText(v); err != nil {
					return nil, concordance.Errorf(name, lines.N, "cbioportal: %s: %v", concordance.Quote(header[i]), err)
				}
				r.attrs[header[i]] = v
			}
		}
		r.patient, r.id = r.attrs["PATIENT_ID"], r.attrs["SAMPLE_ID"]
		key := r.patient
		if sampleFile {
			key = r.id
		}
		if key == "" {
			return nil, concordance.Errorf(name, lines.N, "cbioportal: empty %s", map[bool]string{true: "SAMPLE_ID", false: "PATIENT_ID"}[sampleFile])
		}
		if sampleFile && r.patient == "" {
			return nil, concordance.Errorf(name, lines.N, "cbioportal: sample %s has no PATIENT_ID", concordance.Quote(r.id))
		}
		if prev, dup := seen[key]; dup {
			return nil, concordance.Errorf(name, lines.N, "cbioportal: %s appears again (first on line %d)", concordance.Quote(key), prev)
		}
		seen[key] = lines.N
		for _, col := range []string{"TUMOR_FRACTION", "CTDNA_TUMOR_FRACTION"} {
			// Read in patient(); checked here, where the line is known (a
			// fraction outside [0, 1] was dropped without a word).
			if v, ok := r.attrs[col]; ok {
				if _, ok := table.Fraction(v); !ok {
					return nil, concordance.Errorf(name, lines.N, "cbioportal: %s is %s: want a fraction in [0, 1], or a percentage in [0%%, 100%%]", col, concordance.Quote(v))
				}
			}
		}
		if sampleFile {
			if err := r.classify(); err != nil {
				return nil, concordance.AtFile(name, &concordance.LineError{Line: lines.N, Err: err})
			}
		}
		out = append(out, r)
	}
	if err := lines.Err(); err != nil {
		return nil, concordance.Errorf(name, lines.N+1, "cbioportal: %v", err)
	}
	if header == nil {
		return nil, concordance.Errorf(name, lines.N, "cbioportal: no header row")
	}
	return out, nil
}

func indexOf(s []string, x string) int {
	for i, v := range s {
		if v == x {
			return i
		}
	}
	return -1
}

func contains(s string, words ...string) bool {
	l := strings.ToLower(s)
	for _, w := range words {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// classify puts a sample on a side and reads its collection time.
func (r *sampleRow) classify() error {
	r.side = sideUnknown
	switch c, t, p := r.attrs["SAMPLE_CLASS"], r.attrs["SAMPLE_TYPE"], r.attrs["GENE_PANEL"]; {
	case c != "" && contains(c, "cfdna", "plasma", "ctdna", "cell-free", "cell free", "liquid"):
		r.side = sidePlasma
	case c != "" && contains(c, "whole blood", "buffy", "normal", "germline") || strings.EqualFold(c, "blood"):
		r.side = sideNormal
	case c != "" && contains(c, "ffpe", "tissue", "tumor", "tumour", "frozen", "biopsy"):
		r.side = sideTissue
	case t != "" && contains(t, "cfdna", "plasma", "ctdna", "liquid"):
		r.side = sidePlasma
	case t != "" && contains(t, "normal"):
		r.side = sideNormal
	case p != "" && contains(p, "access", "ctdna", "cfdna", "liquid", "plasma"):
		// Before the tumour sample types: MSK-ACCESS plasma samples have
		// SAMPLE_TYPE "Unknown Tumor".
		r.side = sidePlasma
	case t != "" && contains(t, "primary", "metasta", "recurren", "tumor", "tumour"):
		r.side = sideTissue
	case p != "":
		r.side = sideTissue
	}
	for _, col := range []string{"COLLECTION_DATE", "SAMPLE_COLLECTION_DATE", "DATE_OF_COLLECTION", "PROCEDURE_DATE"} {
		if v := r.attrs[col]; v != "" {
			d, err := time.Parse("2006-01-02", v)
			if err != nil {
				return fmt.Errorf("cbioportal: %s %s is not a date (want YYYY-MM-DD)", col, concordance.Quote(v))
			}
			if err := concordance.CheckDate(d); err != nil {
				return fmt.Errorf("cbioportal: %s %s: %v", col, concordance.Quote(v), err)
			}
			r.date, r.day, r.hasDay = d, float64(d.Unix()/86400), true
			return nil
		}
	}
	for _, col := range []string{"DAYS_TO_COLLECTION", "SAMPLE_COLLECTION_DAYS", "COLLECTION_DAYS", "DAYS_TO_SAMPLE_COLLECTION"} {
		if v := r.attrs[col]; v != "" {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return fmt.Errorf("cbioportal: %s %s is not a number of days", col, concordance.Quote(v))
			}
			r.day, r.hasDay = x, true
			return nil
		}
	}
	return nil
}

var stageColumns = []string{"STAGE", "TUMOR_STAGE_2009", "AJCC_PATHOLOGIC_TUMOR_STAGE", "CLINICAL_STAGE", "PATHOLOGIC_STAGE", "PATH_STAGE"}

// pair builds patients from the classified samples.
func (st *Study) pair(samples []sampleRow, patients map[string]map[string]string, opt LoadOptions) {
	var order []string
	by := map[string][]*sampleRow{}
	for i := range samples {
		s := &samples[i]
		if _, ok := by[s.patient]; !ok {
			order = append(order, s.patient)
		}
		by[s.patient] = append(by[s.patient], s)
	}
	for _, pid := range order {
		var tissue, plasma []*sampleRow
		for _, s := range by[pid] {
			switch s.side {
			case sideTissue:
				tissue = append(tissue, s)
			case sidePlasma:
				plasma = append(plasma, s)
			case sideNormal:
				st.Unpaired = append(st.Unpaired, Unpaired{s.id, pid, "normal sample"})
			default:
				st.Unpaired = append(st.Unpaired, Unpaired{s.id, pid, "no SAMPLE_CLASS, SAMPLE_TYPE or GENE_PANEL tells tissue from plasma"})
			}
		}
		if len(tissue) == 0 || len(plasma) == 0 {
			for _, s := range append(tissue, plasma...) {
				st.Unpaired = append(st.Unpaired, Unpaired{s.id, pid, "the patient has no sample of the other kind"})
			}
			continue
		}
		t, p, rule := choose(tissue, plasma, st.Pairing)
		ch := Choice{Patient: pid, Tissue: t.id, Plasma: p.id, Rule: rule}
		union := st.Pairing == PairUnion && (len(tissue) > 1 || len(plasma) > 1)
		for _, s := range tissue {
			ch.TissueCandidates = append(ch.TissueCandidates, s.id)
			if s != t && !union {
				st.Unpaired = append(st.Unpaired, Unpaired{s.id, pid, "another tissue sample was chosen (" + rule + ")"})
			}
		}
		for _, s := range plasma {
			ch.PlasmaCandidates = append(ch.PlasmaCandidates, s.id)
			if s != p && !union {
				st.Unpaired = append(st.Unpaired, Unpaired{s.id, pid, "another plasma sample was chosen (" + rule + ")"})
			}
		}
		if union {
			ch.Tissue, ch.Plasma = strings.Join(ch.TissueCandidates, ";"), strings.Join(ch.PlasmaCandidates, ";")
			st.pooled[t.id], st.pooled[p.id] = ch.TissueCandidates, ch.PlasmaCandidates
		}
		st.Choices = append(st.Choices, ch)
		st.Patients = append(st.Patients, patient(pid, t, p, patients[pid], opt))
	}
}

// choose picks the tissue and plasma samples by the pairing rule (see the
// package comment); union returns the first of each, which stands for all.
func choose(tissue, plasma []*sampleRow, pairing string) (*sampleRow, *sampleRow, string) {
	if len(tissue) == 1 && len(plasma) == 1 {
		return tissue[0], plasma[0], "only"
	}
	switch pairing {
	case PairUnion:
		return tissue[0], plasma[0], fmt.Sprintf("union (%d tissue and %d plasma samples pooled)", len(tissue), len(plasma))
	case PairFirst, PairLatest:
		t, tr := byTime(tissue, pairing == PairLatest)
		p, pr := byTime(plasma, pairing == PairLatest)
		if tr == pr {
			return t, p, tr
		}
		return t, p, "tissue " + tr + ", plasma " + pr
	}
	timed := true
	for _, s := range append(append([]*sampleRow{}, tissue...), plasma...) {
		timed = timed && s.hasDay
	}
	if !timed {
		return tissue[0], plasma[0], "first in file (not every sample has a collection time)"
	}
	bt, bp, best := tissue[0], plasma[0], -1.0
	for _, t := range tissue {
		for _, p := range plasma {
			d := p.day - t.day
			if d < 0 {
				d = -d
			}
			if best < 0 || d < best {
				bt, bp, best = t, p, d
			}
		}
	}
	return bt, bp, fmt.Sprintf("nearest in time (%g days apart)", best)
}

// byTime picks the earliest (latest) collected sample when every sample
// has a time, else the first (last) in the sample file; ties go to the
// earlier sample in the file.
func byTime(s []*sampleRow, latest bool) (*sampleRow, string) {
	timed := true
	for _, x := range s {
		timed = timed && x.hasDay
	}
	if len(s) == 1 {
		return s[0], "only"
	}
	if !timed {
		if latest {
			return s[len(s)-1], "last in file (not every sample has a collection time)"
		}
		return s[0], "first in file (not every sample has a collection time)"
	}
	best := s[0]
	for _, x := range s[1:] {
		if latest && x.day > best.day || !latest && x.day < best.day {
			best = x
		}
	}
	if latest {
		return best, "latest collected"
	}
	return best, "earliest collected"
}

func patient(id string, t, p *sampleRow, pat map[string]string, opt LoadOptions) concordance.Patient {
	first := func(cols ...string) string {
		for _, m := range []map[string]string{t.attrs, p.attrs, pat} {
			for _, c := range cols {
				if v := m[c]; v != "" {
					return v
				}
			}
		}
		return ""
	}
	stageCols := stageColumns
	if opt.StageColumn != "" {
		stageCols = []string{strings.ToUpper(opt.StageColumn)}
	}
	out := concordance.Patient{
		ID:            id,
		CancerType:    first("CANCER_TYPE"),
		OncotreeCode:  first("ONCOTREE_CODE"),
		StageRaw:      first(stageCols...),
		TissueDate:    t.date,
		PlasmaDate:    p.date,
		TumorFraction: concordance.Missing,
		TumorPurity:   concordance.Missing,
		Age:           concordance.Missing,
		Tissue:        concordance.SampleRef{ID: t.id, Assay: t.panel},
		Plasma:        concordance.SampleRef{ID: p.id, Assay: p.panel},
		Line:          t.line,
		Extra:         map[string]string{},
	}
	out.Stage = concordance.NormalizeStage(out.StageRaw)
	if a, err := strconv.ParseFloat(first("AGE", "AGE_AT_DIAGNOSIS", "AGE_AT_SEQ_REPORT"), 64); err == nil {
		out.Age = a
	}
	if tf, ok := table.Fraction(first("TUMOR_FRACTION", "CTDNA_TUMOR_FRACTION")); ok && concordance.Known(tf) {
		out.TumorFraction = tf // checked in readClinical
	}
	for k, v := range pat {
		out.Extra[strings.ToLower(k)] = v
	}
	return out
}
