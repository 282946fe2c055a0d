package results

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"math"
	"path/filepath"

	"github.com/concord-oncology/concord/concordance/internal/table"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/parallel"
)

// Alteration is one row of alterations.tsv. Missing numbers are NaN,
// missing counts -1, missing strings "".
type Alteration struct {
	PatientID, CancerType, OncotreeCode, Stage string
	Class, Gene, Chrom                         string
	Pos                                        int
	Ref, Alt, Protein, Partner, Exons          string
	Gene5p, Gene3p                             string // a fusion's 5′ and 3′ partners, when known
	TissueStatus, PlasmaStatus                 string
	Category, MatchTier                        string
	TissueVAF, PlasmaVAF                       float64
	TissueDepth, PlasmaDepth                   int
	TissueAltReads, PlasmaAltReads             int
	Flags                                      []string
	Reason                                     string
	// Excluded names the option that removed the row from the counts
	// (an optional "excluded" column); "" when the row counts.
	Excluded string
}

// Counted reports whether the row counts towards shared / tissue-only /
// plasma-only (docs/outputs.md: inside the comparison universe and not
// removed by an --exclude option).
func (a *Alteration) Counted() bool {
	return a.Category != schema.NotCompared && a.Excluded == ""
}

// HasFlag reports whether the row carries a flag.
func (a *Alteration) HasFlag(f string) bool {
	for _, g := range a.Flags {
		if g == f {
			return true
		}
	}
	return false
}

// ReadAlterations reads alterations.tsv.
func ReadAlterations(r io.Reader) ([]Alteration, error) {
	t, err := open(r, schema.AlterationsTSV)
	if err != nil {
		return nil, err
	}
	var out []Alteration
	for t.Next() {
		a := Alteration{
			PatientID: t.str("patient_id"), CancerType: t.str("cancer_type"), OncotreeCode: t.str("oncotree_code"),
			Stage: t.str("stage"), Class: t.enum("class"), Gene: t.str("gene"), Chrom: t.str("chrom"),
			Pos: t.count("pos"), Ref: t.str("ref"), Alt: t.str("alt"), Protein: t.str("protein"),
			Partner: t.str("partner"), Gene5p: t.str("gene_5p"), Gene3p: t.str("gene_3p"), Exons: t.str("exons"),
			TissueStatus: t.enum("tissue_status"), PlasmaStatus: t.enum("plasma_status"),
			Category: t.enum("category"), MatchTier: t.optional("match_tier"),
			TissueVAF: t.float("tissue_vaf"), PlasmaVAF: t.float("plasma_vaf"),
			TissueDepth: t.count("tissue_depth"), PlasmaDepth: t.count("plasma_depth"),
			TissueAltReads: t.count("tissue_alt_reads"), PlasmaAltReads: t.count("plasma_alt_reads"),
			Flags: t.list("flags"), Reason: t.optional("reason"), Excluded: t.optional("excluded"),
		}
		if a.PatientID == "" {
			t.Fail("patient_id", "a patient id", ".")
		}
		out = append(out, a)
	}
	return out, t.Err()
}

// Patient is one row of patients.tsv.
type Patient struct {
	PatientID, CancerType, OncotreeCode, Stage string
	TumorFraction                              float64
	TumorFractionSource, TFTier                string
	// DaysBetween is plasma minus tissue collection day (negative when
	// plasma came first); NaN when unknown.
	DaysBetween                           float64
	TissueCalls, PlasmaCalls              int
	Shared, TissueOnly, PlasmaOnly, Total int
	PPA                                   float64
}

// ReadPatients reads patients.tsv.
func ReadPatients(r io.Reader) ([]Patient, error) {
	t, err := open(r, schema.PatientsTSV)
	if err != nil {
		return nil, err
	}
	var out []Patient
	for t.Next() {
		out = append(out, Patient{
			PatientID: t.str("patient_id"), CancerType: t.str("cancer_type"), OncotreeCode: t.str("oncotree_code"),
			Stage: t.str("stage"), TumorFraction: t.float("tumor_fraction"), TumorFractionSource: t.optional("tumor_fraction_source"),
			TFTier: t.enum("tf_tier"), DaysBetween: t.integer("days_between"),
			TissueCalls: t.count("tissue_calls"), PlasmaCalls: t.count("plasma_calls"),
			Shared: t.count("shared"), TissueOnly: t.count("tissue_only"), PlasmaOnly: t.count("plasma_only"),
			Total: t.count("total"), PPA: t.float("ppa"),
		})
	}
	return out, t.Err()
}

// Interval is a 95% interval; NaN ends when undefined.
type Interval struct{ Low, High float64 }

// Stratum is one row of strata.tsv: one level of one dimension, or one
// cell of a two-way stratum (Dimension "a x b", Level a's level,
// Dimension2 b and Level2 b's level; "" otherwise).
type Stratum struct {
	Dimension, Level                      string
	Dimension2, Level2                    string
	LevelOrder                            int
	Level2Order                           int // -1 for a one-way row
	Patients, Alterations                 int
	Shared, TissueOnly, PlasmaOnly        int
	SharedShare, TissueShare, PlasmaShare float64
	SharedShareCI, SharedShareBoot        Interval
	PPA                                   float64
	PPACI, PPABoot                        Interval
	PPV                                   float64
	PPVCI, PPVBoot                        Interval
	// Clustered is the patient-clustered test across the levels (of
	// Dimension2 within Level for a two-way row), Alteration the test
	// with alterations as independent units.
	Clustered, Alteration Test
}

// Test is a test across the levels of a dimension: Name "" when none;
// NaN where a number does not apply.
type Test struct {
	Name                string
	Statistic, DF1, DF2 float64
	P, Q                float64
	// Note says how a simulated p-value was made ("" otherwise).
	Note string
}

// ReadStrata reads strata.tsv.
func ReadStrata(r io.Reader) ([]Stratum, error) {
	t, err := open(r, schema.StrataTSV)
	if err != nil {
		return nil, err
	}
	var out []Stratum
	for t.Next() {
		out = append(out, Stratum{
			Dimension: t.str("dimension"), Level: t.str("level"), Dimension2: t.str("dimension2"), Level2: t.str("level2"),
			LevelOrder: t.count("level_order"), Level2Order: t.count("level2_order"),
			Patients: t.count("patients"), Alterations: t.count("alterations"),
			Shared: t.count("shared"), TissueOnly: t.count("tissue_only"), PlasmaOnly: t.count("plasma_only"),
			SharedShare: t.float("shared_share"), TissueShare: t.float("tissue_only_share"), PlasmaShare: t.float("plasma_only_share"),
			SharedShareCI: t.interval("shared_share_ci"), SharedShareBoot: t.interval("shared_share_boot"),
			PPA: t.float("ppa"), PPACI: t.interval("ppa_ci"), PPABoot: t.interval("ppa_boot"),
			PPV: t.float("ppv"), PPVCI: t.interval("ppv_ci"), PPVBoot: t.interval("ppv_boot"),
			Clustered: Test{Name: t.optional("clustered_test"), Statistic: t.float("clustered_statistic"),
				DF1: t.float("clustered_df1"), DF2: t.float("clustered_df2"), P: t.float("clustered_p_value"), Q: t.float("clustered_q_value")},
			Alteration: Test{Name: t.optional("alteration_test"), Statistic: t.float("alteration_statistic"), DF1: math.NaN(), DF2: math.NaN(),
				P: t.float("alteration_p_value"), Q: t.float("alteration_q_value"), Note: t.str("alteration_p_note")},
		})
	}
	return out, t.Err()
}

// Count is one row of counts.tsv.
type Count struct {
	Dimension, Level, Dimension2, Level2 string
	LevelOrder, Level2Order              int
	Category                             string
	N                                    int
	Share                                float64
}

// ReadCounts reads counts.tsv.
func ReadCounts(r io.Reader) ([]Count, error) {
	t, err := open(r, schema.CountsTSV)
	if err != nil {
		return nil, err
	}
	var out []Count
	for t.Next() {
		out = append(out, Count{
			Dimension: t.str("dimension"), Level: t.str("level"), Dimension2: t.str("dimension2"), Level2: t.str("level2"),
			LevelOrder: t.count("level_order"), Level2Order: t.count("level2_order"),
			Category: t.enum("category"), N: t.count("n"), Share: t.float("share"),
		})
	}
	return out, t.Err()
}

// ReadProvenance reads provenance.tsv.
func ReadProvenance(r io.Reader) ([]schema.InputFile, error) { return readProvenance(r, true) }

// readProvenance reads provenance.tsv, checking every row, and keeps the
// rows only when keep is set.
func readProvenance(r io.Reader, keep bool) ([]schema.InputFile, error) {
	t, err := open(r, schema.ProvenanceTSV)
	if err != nil {
		return nil, err
	}
	var out []schema.InputFile
	for t.Next() {
		in := schema.InputFile{Path: t.cell("path"), SHA256: t.cell("sha256"), Bytes: int64(t.count("bytes")), Format: t.cell("format")}
		if keep {
			in.Path, in.SHA256, in.Format = t.keep(in.Path), t.keep(in.SHA256), t.keep(in.Format)
			out = append(out, in)
		}
	}
	return out, t.Err()
}

// Pair is one row of pairs.tsv.
type Pair struct {
	PatientID, SampleID string
	PairedAs            string // tissue, plasma, or "" when left unpaired
	Note                string
}

// ReadPairs reads pairs.tsv.
func ReadPairs(r io.Reader) ([]Pair, error) {
	t, err := open(r, schema.PairsTSV)
	if err != nil {
		return nil, err
	}
	var out []Pair
	for t.Next() {
		out = append(out, Pair{PatientID: t.str("patient_id"), SampleID: t.str("sample_id"), PairedAs: t.optional("paired_as"), Note: t.str("note")})
	}
	return out, t.Err()
}

// PatientStratum is one row of patient_strata.tsv.
type PatientStratum struct {
	Dimension, Level  string
	LevelOrder        int
	Patients          int
	CtDNADetected     int
	CtDNADetectedFrac float64
	CtDNACI           Interval
	WithShared        int
	WithSharedFrac    float64
	WithSharedCI      Interval
}

// ReadPatientStrata reads patient_strata.tsv.
func ReadPatientStrata(r io.Reader) ([]PatientStratum, error) {
	t, err := open(r, schema.PatientStrataTSV)
	if err != nil {
		return nil, err
	}
	var out []PatientStratum
	for t.Next() {
		out = append(out, PatientStratum{
			Dimension: t.str("dimension"), Level: t.str("level"), LevelOrder: t.count("level_order"),
			Patients: t.count("patients"), CtDNADetected: t.count("ctdna_detected"),
			CtDNADetectedFrac: t.float("ctdna_detected_frac"), CtDNACI: t.interval("ctdna_ci"),
			WithShared: t.count("with_shared"), WithSharedFrac: t.float("with_shared_frac"),
			WithSharedCI: t.interval("with_shared_ci"),
		})
	}
	return out, t.Err()
}

// ModelTerm is one row of models.tsv.
type ModelTerm struct {
	Model, Term, Level      string
	Estimate, OddsRatio     float64
	ORCI                    Interval
	SE, Z, PValue           float64
	NAlterations, NPatients int
	Note                    string
}

// ReadModels reads models.tsv.
func ReadModels(r io.Reader) ([]ModelTerm, error) {
	t, err := open(r, schema.ModelsTSV)
	if err != nil {
		return nil, err
	}
	var out []ModelTerm
	for t.Next() {
		out = append(out, ModelTerm{
			Model: t.enum("model"), Term: t.str("term"), Level: t.str("level"),
			Estimate: t.float("estimate"), OddsRatio: t.float("odds_ratio"), ORCI: t.interval("or_ci"),
			SE: t.float("se"), Z: t.float("z"), PValue: t.float("p_value"),
			NAlterations: t.count("n_alterations"), NPatients: t.count("n_patients"), Note: t.str("note"),
		})
	}
	return out, t.Err()
}

// LedgerRow is one row of ledger.tsv.
type LedgerRow struct {
	File, PatientID, Side, Outcome, Reason, Detail string
	Records                                        int64
}

// ReadLedger reads ledger.tsv. Its reasons are not checked against
// schema's list: a newer concord may count records under a reason this
// one does not know, and the ledger is shown, not interpreted.
func ReadLedger(r io.Reader) ([]LedgerRow, error) {
	rows, _, err := readLedger(r, 0)
	return rows, err
}

// readLedger reads ledger.tsv, checking every row, keeps the first limit
// rows (all when limit is 0 or less) and returns how many there are.
func readLedger(r io.Reader, limit int) ([]LedgerRow, int, error) {
	t, err := open(r, schema.LedgerTSV)
	if err != nil {
		return nil, 0, err
	}
	var out []LedgerRow
	n := 0
	for t.Next() {
		t.column("reason", schema.Enum)
		row := LedgerRow{
			File: t.cell("file"), PatientID: t.cell("patient_id"), Side: t.enum("side"),
			Outcome: t.enum("outcome"), Reason: t.Str("reason"), Detail: t.cell("detail"),
			Records: int64(t.count("records")),
		}
		if limit <= 0 || n < limit {
			row.File, row.PatientID, row.Reason, row.Detail = t.keep(row.File), t.keep(row.PatientID), t.keep(row.Reason), t.keep(row.Detail)
			out = append(out, row)
		}
		n++
	}
	return out, n, t.Err()
}

// Reason is one row of reasons.tsv: alterations called on one side only
// with one reason, in one level of one dimension.
type Reason struct {
	Dimension, Level, Side, Reason string
	Alterations, Counted           int
	Share                          float64
}

// ReadReasons reads reasons.tsv.
func ReadReasons(r io.Reader) ([]Reason, error) {
	t, err := open(r, schema.ReasonsTSV)
	if err != nil {
		return nil, err
	}
	var out []Reason
	for t.Next() {
		out = append(out, Reason{
			Dimension: t.enum("dimension"), Level: t.str("level"), Side: t.enum("side"),
			Reason: t.enum("reason"), Alterations: t.count("alterations"), Counted: t.count("counted"), Share: t.float("share"),
		})
	}
	return out, t.Err()
}

// PowerRow is one row of power.tsv: expected and observed plasma
// detection of the tissue alterations of one level.
type PowerRow struct {
	Dimension, Level                       string
	Patients, TissueAlterations, WithPower int
	ExpectedDetected                       float64
	ObservedDetected                       int
	ExpectedPPA, ObservedPPA               float64
	ObservedCI                             Interval
}

// ReadPower reads power.tsv.
func ReadPower(r io.Reader) ([]PowerRow, error) {
	t, err := open(r, schema.PowerTSV)
	if err != nil {
		return nil, err
	}
	var out []PowerRow
	for t.Next() {
		out = append(out, PowerRow{
			Dimension: t.enum("dimension"), Level: t.str("level"), Patients: t.count("patients"),
			TissueAlterations: t.count("tissue_alterations"), WithPower: t.count("with_power"),
			ExpectedDetected: t.float("expected_detected"), ObservedDetected: t.count("observed_detected"),
			ExpectedPPA: t.float("expected_ppa"), ObservedPPA: t.float("observed_ppa"),
			ObservedCI: t.interval("observed_ci"),
		})
	}
	return out, t.Err()
}

// BloodAloneGroup is one row of blood_alone.tsv.
type BloodAloneGroup struct {
	Kind, CancerType, StageGroup string
	Patients, WithActionable     int
	FoundAny                     int
	FoundAnyFrac                 float64
	FoundAnyCI                   Interval
	FoundAll                     int
	FoundAllFrac                 float64
	FoundAllCI                   Interval
	PlasmaOnlyActionable         int
	Judged                       bool
	Rank                         int // -1 when not judged
}

// ReadBloodAlone reads blood_alone.tsv.
func ReadBloodAlone(r io.Reader) ([]BloodAloneGroup, error) {
	t, err := open(r, schema.BloodAloneTSV)
	if err != nil {
		return nil, err
	}
	var out []BloodAloneGroup
	for t.Next() {
		out = append(out, BloodAloneGroup{
			Kind: t.enum("kind"), CancerType: t.str("cancer_type"), StageGroup: t.str("stage_group"),
			Patients: t.count("patients"), WithActionable: t.count("with_actionable"),
			FoundAny: t.count("found_any"), FoundAnyFrac: t.float("found_any_frac"), FoundAnyCI: t.interval("found_any_ci"),
			FoundAll: t.count("found_all"), FoundAllFrac: t.float("found_all_frac"), FoundAllCI: t.interval("found_all_ci"),
			PlasmaOnlyActionable: t.count("plasma_only_actionable"),
			Judged:               t.boolean("judged"), Rank: t.count("rank"),
		})
	}
	return out, t.Err()
}

// ReadSummary reads summary.json. Its extra blocks are read when they have
// the layout of this version and left nil otherwise (a results folder
// from an earlier concord): figures and the report do not use them.
func ReadSummary(r io.Reader) (*schema.Summary, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var s struct {
		schema.Summary
		Extra json.RawMessage `json:"extra"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	if len(s.Extra) > 0 {
		var x schema.Extra
		if json.Unmarshal(s.Extra, &x) == nil {
			s.Summary.Extra = &x
		}
	}
	return &s.Summary, nil
}

// Set is a results folder read back: every table present, nil where the
// folder lacks it (Missing names those).
type Set struct {
	Alterations   []Alteration
	Patients      []Patient
	Strata        []Stratum
	PatientStrata []PatientStratum
	Models        []ModelTerm
	Ledger        []LedgerRow
	// LedgerTotal is how many rows ledger.tsv has: len(Ledger) unless
	// Options.LedgerRows kept fewer.
	LedgerTotal int
	Summary     *schema.Summary
	// The explanation tables (issue 7).
	Reasons    []Reason
	Power      []PowerRow
	BloodAlone []BloodAloneGroup
	// Counts is counts.tsv, Provenance provenance.tsv (every input with
	// its checksum) and Pairs pairs.tsv (a cBioPortal study's pairing).
	Counts     []Count
	Provenance []schema.InputFile
	Pairs      []Pair
	// Missing lists the table files the folder does not have.
	Missing []string
}

// Has reports whether the folder had the table file.
func (s *Set) Has(file string) bool {
	for _, m := range s.Missing {
		if m == file {
			return false
		}
	}
	return true
}

// Files are the files Load reads, in order: every table of schema, then
// summary.json.
var Files = func() []string {
	var out []string
	for _, t := range schema.Tables {
		out = append(out, t.File)
	}
	return append(out, schema.SummaryFile)
}()

// Read reads every table of a results folder from fsys (os.DirFS of the
// folder, or a file system that refuses what is not a regular file:
// internal/infile.DirFS); dir names the folder in errors. A table that is
// absent is listed in Missing; one that is present but malformed is an
// error naming the file and line.
func Read(fsys fs.FS, dir string) (*Set, error) { return ReadWith(fsys, dir, Options{}) }

// Options say how much of the long tables a Set keeps. Every row of every
// table is read and checked whatever they say.
type Options struct {
	// LedgerRows keeps the first LedgerRows rows of ledger.tsv (0: all):
	// the report shows the first few thousand, and a 100,000-patient
	// ledger has a million.
	LedgerRows int
	// NoProvenance keeps no row of provenance.tsv (one per input file),
	// which the figures and the report do not show.
	NoProvenance bool
}

// ReadWith is Read keeping what opt says.
func ReadWith(fsys fs.FS, dir string, opt Options) (*Set, error) {
	// The tables are read side by side (each sets fields of its own):
	// alterations.tsv is most of the time, the rest then costs none
	// (issue 18: reading a folder back is a serial step of a default run).
	s := &Set{}
	missing := make([]bool, len(Files))
	reads := make([]func() error, len(Files))
	for i, name := range Files {
		reads[i] = func() error {
			path := filepath.Join(dir, name)
			f, err := fsys.Open(name)
			var r io.Reader = f
			if errors.Is(err, fs.ErrNotExist) && name == schema.AlterationsFile {
				// written with --compress
				path = filepath.Join(dir, name+schema.Gzip)
				if f, err = fsys.Open(name + schema.Gzip); err == nil {
					if r, err = gzip.NewReader(f); err != nil {
						f.Close()
						return table.FileError(path, err)
					}
				}
			}
			if errors.Is(err, fs.ErrNotExist) {
				missing[i] = true
				return nil
			}
			if err != nil {
				return table.FileError(path, err)
			}
			err = s.read(name, r, opt)
			f.Close()
			if err != nil {
				return table.AtFile(path, err)
			}
			return nil
		}
	}
	if err := parallel.Do(reads...); err != nil {
		return nil, err
	}
	for i, name := range Files {
		if missing[i] {
			s.Missing = append(s.Missing, name)
		}
	}
	if len(s.Missing) == len(Files) {
		return nil, &table.InputError{File: dir, Err: errors.New("no result tables here (expected alterations.tsv, patients.tsv, summary.json, ...)")}
	}
	return s, nil
}

func (s *Set) read(name string, r io.Reader, opt Options) (err error) {
	switch name {
	case schema.AlterationsFile:
		s.Alterations, err = ReadAlterations(r)
	case schema.PatientsFile:
		s.Patients, err = ReadPatients(r)
	case schema.StrataFile:
		s.Strata, err = ReadStrata(r)
	case schema.PatientStrataFile:
		s.PatientStrata, err = ReadPatientStrata(r)
	case schema.ModelsFile:
		s.Models, err = ReadModels(r)
	case schema.LedgerFile:
		s.Ledger, s.LedgerTotal, err = readLedger(r, opt.LedgerRows)
	case schema.SummaryFile:
		s.Summary, err = ReadSummary(r)
	case schema.ReasonsFile:
		s.Reasons, err = ReadReasons(r)
	case schema.PowerFile:
		s.Power, err = ReadPower(r)
	case schema.BloodAloneFile:
		s.BloodAlone, err = ReadBloodAlone(r)
	case schema.CountsFile:
		s.Counts, err = ReadCounts(r)
	case schema.ProvenanceFile:
		s.Provenance, err = readProvenance(r, !opt.NoProvenance)
	case schema.PairsFile:
		s.Pairs, err = ReadPairs(r)
	}
	return err
}

// Dimension returns the one-way strata rows of one dimension in display
// order (level_order, then level).
func (s *Set) Dimension(dim string) []Stratum {
	return s.TwoWay(dim, "")
}

// TwoWay returns the rows of the two-way stratum dim × dim2 in display
// order (level_order, level2_order, then the levels); dim2 "" gives the
// one-way rows of dim.
func (s *Set) TwoWay(dim, dim2 string) []Stratum {
	name := dim
	if dim2 != "" {
		name = schema.TwoWayName(dim, dim2)
	}
	var out []Stratum
	for _, st := range s.Strata {
		if st.Dimension == name && st.Dimension2 == dim2 {
			out = append(out, st)
		}
	}
	sortStrata(out)
	return out
}

// Model returns the rows of one model in file order.
func (s *Set) Model(name string) []ModelTerm {
	var out []ModelTerm
	for _, m := range s.Models {
		if m.Model == name {
			out = append(out, m)
		}
	}
	return out
}

// Synthetic reports whether summary.json marks the cohort synthetic.
func (s *Set) Synthetic() bool { return s.Summary != nil && s.Summary.Synthetic }
