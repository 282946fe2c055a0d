package results

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/internal/xio"
)

// File names of the tables in a results folder (docs/outputs.md).
const (
	AlterationsFile   = "alterations.tsv"
	PatientsFile      = "patients.tsv"
	StrataFile        = "strata.tsv"
	PatientStrataFile = "patient_strata.tsv"
	ModelsFile        = "models.tsv"
	LedgerFile        = "ledger.tsv"
	SummaryFile       = "summary.json"
	ReasonsFile       = "reasons.tsv"
	PowerFile         = "power.tsv"
	BloodAloneFile    = "blood_alone.tsv"
)

// Categories of an alteration (alterations.tsv "category").
const (
	Shared      = "shared"
	TissueOnly  = "tissue_only"
	PlasmaOnly  = "plasma_only"
	NotCompared = "not_compared"
)

// Alteration is one row of alterations.tsv. Missing numbers are NaN,
// missing counts -1, missing strings "".
type Alteration struct {
	PatientID, CancerType, OncotreeCode, Stage string
	Class, Gene, Chrom                         string
	Pos                                        int
	Ref, Alt, Protein, Partner, Exons          string
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
	return a.Category != NotCompared && a.Excluded == ""
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

var alterationRequired = []string{"patient_id", "cancer_type", "stage", "class", "gene",
	"tissue_status", "plasma_status", "category", "match_tier", "tissue_vaf", "plasma_vaf", "flags", "reason"}

var (
	categories = []string{Shared, TissueOnly, PlasmaOnly, NotCompared}
	statuses   = []string{"called", "below_threshold", "not_detected", "not_covered", "sample_failed"}
	classes    = []string{"snv", "mnv", "indel", "amplification", "deletion", "fusion", "splice"}
)

// ReadAlterations reads alterations.tsv.
func ReadAlterations(r io.Reader) ([]Alteration, error) {
	t, err := newTable(r, alterationRequired)
	if err != nil {
		return nil, err
	}
	var out []Alteration
	for t.next() {
		a := Alteration{
			PatientID: t.str("patient_id"), CancerType: t.str("cancer_type"), OncotreeCode: t.str("oncotree_code"),
			Stage: t.str("stage"), Class: t.oneOf("class", classes...), Gene: t.str("gene"), Chrom: t.str("chrom"),
			Pos: t.count("pos"), Ref: t.str("ref"), Alt: t.str("alt"), Protein: t.str("protein"),
			Partner: t.str("partner"), Exons: t.str("exons"),
			TissueStatus: t.oneOf("tissue_status", statuses...), PlasmaStatus: t.oneOf("plasma_status", statuses...),
			Category: t.oneOf("category", categories...), MatchTier: t.str("match_tier"),
			TissueVAF: t.float("tissue_vaf"), PlasmaVAF: t.float("plasma_vaf"),
			TissueDepth: t.count("tissue_depth"), PlasmaDepth: t.count("plasma_depth"),
			TissueAltReads: t.count("tissue_alt_reads"), PlasmaAltReads: t.count("plasma_alt_reads"),
			Reason: t.str("reason"), Excluded: t.str("excluded"),
		}
		if a.PatientID == "" {
			t.fail("patient_id", "a patient id", ".")
		}
		if f := t.str("flags"); f != "" {
			a.Flags = strings.Split(f, ",")
		}
		out = append(out, a)
	}
	return out, t.err
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
	t, err := newTable(r, []string{"patient_id", "cancer_type", "stage", "tumor_fraction", "tf_tier",
		"shared", "tissue_only", "plasma_only", "total"})
	if err != nil {
		return nil, err
	}
	var out []Patient
	for t.next() {
		out = append(out, Patient{
			PatientID: t.str("patient_id"), CancerType: t.str("cancer_type"), OncotreeCode: t.str("oncotree_code"),
			Stage: t.str("stage"), TumorFraction: t.float("tumor_fraction"), TumorFractionSource: t.str("tumor_fraction_source"),
			TFTier: t.str("tf_tier"), DaysBetween: t.integer("days_between"),
			TissueCalls: t.count("tissue_calls"), PlasmaCalls: t.count("plasma_calls"),
			Shared: t.count("shared"), TissueOnly: t.count("tissue_only"), PlasmaOnly: t.count("plasma_only"),
			Total: t.count("total"), PPA: t.float("ppa"),
		})
	}
	return out, t.err
}

// Interval is a 95% interval; NaN ends when undefined.
type Interval struct{ Low, High float64 }

// Stratum is one row of strata.tsv: one level of one dimension.
type Stratum struct {
	Dimension, Level                      string
	LevelOrder                            int
	Patients, Alterations                 int
	Shared, TissueOnly, PlasmaOnly        int
	SharedShare, TissueShare, PlasmaShare float64
	SharedShareCI, SharedShareBoot        Interval
	PPA                                   float64
	PPACI, PPABoot                        Interval
	PPV                                   float64
	PPVCI, PPVBoot                        Interval
	Test                                  string
	Statistic, PValue, QValue             float64
}

// ReadStrata reads strata.tsv.
func ReadStrata(r io.Reader) ([]Stratum, error) {
	t, err := newTable(r, []string{"dimension", "level", "level_order", "patients", "alterations",
		"shared", "tissue_only", "plasma_only", "ppa", "ppa_ci_low", "ppa_ci_high", "ppa_boot_low", "ppa_boot_high"})
	if err != nil {
		return nil, err
	}
	var out []Stratum
	for t.next() {
		iv := func(lo, hi string) Interval { return Interval{t.float(lo), t.float(hi)} }
		out = append(out, Stratum{
			Dimension: t.str("dimension"), Level: t.str("level"), LevelOrder: t.count("level_order"),
			Patients: t.count("patients"), Alterations: t.count("alterations"),
			Shared: t.count("shared"), TissueOnly: t.count("tissue_only"), PlasmaOnly: t.count("plasma_only"),
			SharedShare: t.float("shared_share"), TissueShare: t.float("tissue_only_share"), PlasmaShare: t.float("plasma_only_share"),
			SharedShareCI: iv("shared_share_ci_low", "shared_share_ci_high"), SharedShareBoot: iv("shared_share_boot_low", "shared_share_boot_high"),
			PPA: t.float("ppa"), PPACI: iv("ppa_ci_low", "ppa_ci_high"), PPABoot: iv("ppa_boot_low", "ppa_boot_high"),
			PPV: t.float("ppv"), PPVCI: iv("ppv_ci_low", "ppv_ci_high"), PPVBoot: iv("ppv_boot_low", "ppv_boot_high"),
			Test: t.str("test"), Statistic: t.float("statistic"), PValue: t.float("p_value"), QValue: t.float("q_value"),
		})
	}
	return out, t.err
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
	t, err := newTable(r, []string{"dimension", "level", "level_order", "patients", "ctdna_detected", "with_shared"})
	if err != nil {
		return nil, err
	}
	var out []PatientStratum
	for t.next() {
		out = append(out, PatientStratum{
			Dimension: t.str("dimension"), Level: t.str("level"), LevelOrder: t.count("level_order"),
			Patients: t.count("patients"), CtDNADetected: t.count("ctdna_detected"),
			CtDNADetectedFrac: t.float("ctdna_detected_frac"), CtDNACI: Interval{t.float("ctdna_ci_low"), t.float("ctdna_ci_high")},
			WithShared: t.count("with_shared"), WithSharedFrac: t.float("with_shared_frac"),
			WithSharedCI: Interval{t.float("with_shared_ci_low"), t.float("with_shared_ci_high")},
		})
	}
	return out, t.err
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
	t, err := newTable(r, []string{"model", "term", "estimate"})
	if err != nil {
		return nil, err
	}
	var out []ModelTerm
	for t.next() {
		out = append(out, ModelTerm{
			Model: t.str("model"), Term: t.str("term"), Level: t.str("level"),
			Estimate: t.float("estimate"), OddsRatio: t.float("odds_ratio"),
			ORCI: Interval{t.float("or_ci_low"), t.float("or_ci_high")},
			SE:   t.float("se"), Z: t.float("z"), PValue: t.float("p_value"),
			NAlterations: t.count("n_alterations"), NPatients: t.count("n_patients"), Note: t.str("note"),
		})
	}
	return out, t.err
}

// LedgerRow is one row of ledger.tsv.
type LedgerRow struct {
	File, PatientID, Side, Outcome, Reason, Detail string
	Records                                        int64
}

// ReadLedger reads ledger.tsv.
func ReadLedger(r io.Reader) ([]LedgerRow, error) {
	t, err := newTable(r, []string{"file", "patient_id", "side", "outcome", "reason", "records"})
	if err != nil {
		return nil, err
	}
	var out []LedgerRow
	for t.next() {
		out = append(out, LedgerRow{
			File: t.str("file"), PatientID: t.str("patient_id"), Side: t.str("side"),
			Outcome: t.oneOf("outcome", "used", "excluded"), Reason: t.str("reason"), Detail: t.str("detail"),
			Records: int64(t.count("records")),
		})
	}
	return out, t.err
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
	t, err := newTable(r, []string{"dimension", "level", "side", "reason", "alterations", "share"})
	if err != nil {
		return nil, err
	}
	var out []Reason
	for t.next() {
		out = append(out, Reason{
			Dimension: t.str("dimension"), Level: t.str("level"), Side: t.oneOf("side", TissueOnly, PlasmaOnly),
			Reason: t.str("reason"), Alterations: t.count("alterations"), Counted: t.count("counted"), Share: t.float("share"),
		})
	}
	return out, t.err
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
	t, err := newTable(r, []string{"dimension", "level", "with_power", "expected_ppa", "observed_ppa"})
	if err != nil {
		return nil, err
	}
	var out []PowerRow
	for t.next() {
		out = append(out, PowerRow{
			Dimension: t.str("dimension"), Level: t.str("level"), Patients: t.count("patients"),
			TissueAlterations: t.count("tissue_alterations"), WithPower: t.count("with_power"),
			ExpectedDetected: t.float("expected_detected"), ObservedDetected: t.count("observed_detected"),
			ExpectedPPA: t.float("expected_ppa"), ObservedPPA: t.float("observed_ppa"),
			ObservedCI: Interval{t.float("observed_ci_low"), t.float("observed_ci_high")},
		})
	}
	return out, t.err
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
	t, err := newTable(r, []string{"kind", "cancer_type", "stage_group", "with_actionable", "found_any", "found_any_frac",
		"found_any_ci_low", "found_any_ci_high", "judged", "rank"})
	if err != nil {
		return nil, err
	}
	var out []BloodAloneGroup
	for t.next() {
		out = append(out, BloodAloneGroup{
			Kind: t.str("kind"), CancerType: t.str("cancer_type"), StageGroup: t.str("stage_group"),
			Patients: t.count("patients"), WithActionable: t.count("with_actionable"),
			FoundAny: t.count("found_any"), FoundAnyFrac: t.float("found_any_frac"),
			FoundAnyCI: Interval{t.float("found_any_ci_low"), t.float("found_any_ci_high")},
			FoundAll:   t.count("found_all"), FoundAllFrac: t.float("found_all_frac"),
			FoundAllCI:           Interval{t.float("found_all_ci_low"), t.float("found_all_ci_high")},
			PlasmaOnlyActionable: t.count("plasma_only_actionable"),
			Judged:               t.oneOf("judged", "yes", "no") == "yes", Rank: t.count("rank"),
		})
	}
	return out, t.err
}

// SummaryBootstrap holds the patient-bootstrap fields of summary.json
// (docs/outputs.md), read apart from output.Summary so that a summary
// without them still reads; nil pointers where absent or null.
type SummaryBootstrap struct {
	PPA struct {
		Low  *float64 `json:"boot_ci_low"`
		High *float64 `json:"boot_ci_high"`
	} `json:"ppa_plasma_vs_tissue"`
	PPV struct {
		Low  *float64 `json:"boot_ci_low"`
		High *float64 `json:"boot_ci_high"`
	} `json:"ppv_plasma"`
	Bootstrap *struct {
		Method     string   `json:"method"`
		Replicates int      `json:"replicates"`
		Seed       *uint64  `json:"seed"`
		Level      *float64 `json:"level"`
	} `json:"bootstrap"`
}

// ReadSummary reads summary.json.
func ReadSummary(r io.Reader) (*output.Summary, *SummaryBootstrap, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("results: summary.json: %w", err)
	}
	var s output.Summary
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, nil, fmt.Errorf("results: summary.json: %w", err)
	}
	var boot SummaryBootstrap
	if err := json.Unmarshal(b, &boot); err != nil {
		return nil, nil, fmt.Errorf("results: summary.json: %w", err)
	}
	return &s, &boot, nil
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
	Summary       *output.Summary
	// Bootstrap has summary.json's bootstrap intervals, when it has them.
	Bootstrap *SummaryBootstrap
	// The explanation tables (issue 7).
	Reasons    []Reason
	Power      []PowerRow
	BloodAlone []BloodAloneGroup
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

// Files are the tables Load reads, in order.
var Files = []string{AlterationsFile, PatientsFile, StrataFile, PatientStrataFile, ModelsFile, LedgerFile, SummaryFile,
	ReasonsFile, PowerFile, BloodAloneFile}

// Load reads every table of the results folder dir (a path-level helper
// for commands). A table that is absent is listed in Missing; one that is
// present but malformed is an error naming the file and line.
func Load(dir string) (*Set, error) {
	s := &Set{}
	if st, err := os.Stat(dir); err != nil {
		return nil, &concordance.InputError{File: dir, Err: errors.Unwrap(err)}
	} else if !st.IsDir() {
		return nil, &concordance.InputError{File: dir, Err: errors.New("not a results folder")}
	}
	for _, name := range Files {
		path := filepath.Join(dir, name)
		f, _, err := xio.OpenFile(path) // a FIFO or device is refused, never read
		if errors.Is(err, os.ErrNotExist) {
			s.Missing = append(s.Missing, name)
			continue
		}
		if err != nil {
			return nil, concordance.FileError(path, err)
		}
		err = s.read(name, f)
		f.Close()
		if err != nil {
			return nil, concordance.AtFile(path, err)
		}
	}
	if len(s.Missing) == len(Files) {
		return nil, &concordance.InputError{File: dir, Err: errors.New("no result tables here (expected alterations.tsv, patients.tsv, summary.json, ...)")}
	}
	return s, nil
}

func (s *Set) read(name string, r io.Reader) (err error) {
	switch name {
	case AlterationsFile:
		s.Alterations, err = ReadAlterations(r)
	case PatientsFile:
		s.Patients, err = ReadPatients(r)
	case StrataFile:
		s.Strata, err = ReadStrata(r)
	case PatientStrataFile:
		s.PatientStrata, err = ReadPatientStrata(r)
	case ModelsFile:
		s.Models, err = ReadModels(r)
	case LedgerFile:
		s.Ledger, err = ReadLedger(r)
	case SummaryFile:
		s.Summary, s.Bootstrap, err = ReadSummary(r)
	case ReasonsFile:
		s.Reasons, err = ReadReasons(r)
	case PowerFile:
		s.Power, err = ReadPower(r)
	case BloodAloneFile:
		s.BloodAlone, err = ReadBloodAlone(r)
	}
	return err
}

// Dimension returns the strata rows of one dimension in display order
// (level_order, then level).
func (s *Set) Dimension(dim string) []Stratum {
	var out []Stratum
	for _, st := range s.Strata {
		if st.Dimension == dim {
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
