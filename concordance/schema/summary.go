package schema

import (
	"math"

	"github.com/concord-oncology/concord/stats"
)

// Summary is summary.json. Every proportion names its numerator and
// denominator; undefined values (a zero denominator) are null.
type Summary struct {
	Synthetic   bool         `json:"synthetic"`
	Patients    int          `json:"patients"`
	Scope       ScopeSummary `json:"scope"`
	Alterations Counts       `json:"alterations"`
	UnionShares Shares       `json:"union_shares"`
	// UnionSharesBootstrap holds the patient-bootstrap intervals of the
	// union shares; nil (null) when the bootstrap was off.
	UnionSharesBootstrap *SharesBootstrap `json:"union_shares_bootstrap"`
	PPA                  Proportion       `json:"ppa_plasma_vs_tissue"`
	PPV                  Proportion       `json:"ppv_plasma"`
	// Bootstrap says how the bootstrap intervals were made; nil (null)
	// when it was off.
	Bootstrap    *Bootstrap        `json:"bootstrap"`
	MatchTiers   map[string]int    `json:"match_tiers"`
	ByClass      map[string]Counts `json:"by_class"`
	PatientLevel PatientLevel      `json:"patient_level"`
	Biomarkers   Biomarkers        `json:"biomarkers"`
	// Strata says how the levels of the stratified tables were made, in
	// words a figure or a methods section can print.
	Strata *StrataRules `json:"strata"`
	// Notes are the first MaxNotes of the patients' notes ("ID: note");
	// NotesTotal counts them all (patients.tsv's notes column has every
	// one), so that summary.json stays small at any cohort size.
	Notes      []string `json:"notes"`
	NotesTotal int      `json:"notes_total"`
	// Warnings are the headline's closing lines: what makes its numbers
	// less than they seem (no reference, a FILTER rule that removed most
	// calls, samples without any call, calls outside the comparison
	// universe, a cBioPortal pairing choice).
	Warnings []string `json:"warnings"`
	// Skipped lists the patients run --skip-failed-patients left out, with
	// why; absent when none was.
	Skipped       []SkippedPatient `json:"skipped_patients,omitempty"`
	Ledger        LedgerTotals     `json:"ledger"`
	Normalisation Normalisation    `json:"normalisation"`
	Provenance    Provenance       `json:"provenance"`
	Extra         *Extra           `json:"extra,omitempty"`
}

// ScopeSummary is summary.json's scope: which alterations counted
// (--scope) and how many were left out.
type ScopeSummary struct {
	Name       string `json:"name"`
	Definition string `json:"definition"`
	// OutOfScope counts the alterations (alterations.tsv rows) not
	// compared for the scope (reason out_of_scope), ByClass by class.
	OutOfScope        int            `json:"out_of_scope"`
	OutOfScopeByClass map[string]int `json:"out_of_scope_by_class"`
	// ScopeUnknown counts the rows kept although their annotation could
	// not decide (flag scope_unknown); those counted are among the
	// headline's alterations.
	ScopeUnknown        int `json:"scope_unknown"`
	ScopeUnknownCounted int `json:"scope_unknown_counted"`
	// MinCopyNumber and MinFusionReads are the reportable scope's
	// thresholds; null under the other scopes.
	MinCopyNumber  *float64 `json:"min_copy_number"`
	MinFusionReads *int     `json:"min_fusion_reads"`
}

// ScopeDefinitions says what each scope counts.
var ScopeDefinitions = map[string]string{
	ScopeAll:        "every call that passed the filters",
	ScopeCoding:     "protein-altering and splice-site small variants, copy-number changes, fusions and splice events; synonymous, intronic, UTR, flanking and intergenic calls not compared",
	ScopeReportable: "coding alterations a clinical report lists: cancer hotspots, truncating changes of driver genes, driver deletions, amplifications above min_copy_number copies, fusions with at least min_fusion_reads supporting reads, splice events",
}

// Counts are shared / tissue-only / plasma-only counts.
type Counts struct {
	Shared     int `json:"shared"`
	TissueOnly int `json:"tissue_only"`
	PlasmaOnly int `json:"plasma_only"`
	Total      int `json:"total"`
}

// NewCounts returns the counts S, T, P with their total.
func NewCounts(s, t, p int) Counts { return Counts{s, t, p, s + t + p} }

// Shares are the union shares S/U, T/U, P/U with U = S+T+P (null when U
// is 0).
type Shares struct {
	Shared      *float64 `json:"shared"`
	TissueOnly  *float64 `json:"tissue_only"`
	PlasmaOnly  *float64 `json:"plasma_only"`
	Denominator int      `json:"denominator"`
}

// Proportion is x/n with its 95% interval (Method) and, when the bootstrap
// ran, its patient-bootstrap percentile interval; the one form of a
// proportion in summary.json.
type Proportion struct {
	Value       *float64 `json:"value"`
	CILow       *float64 `json:"ci_low"`
	CIHigh      *float64 `json:"ci_high"`
	Method      string   `json:"method"`
	BootLow     *float64 `json:"boot_ci_low"`
	BootHigh    *float64 `json:"boot_ci_high"`
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Definition  string   `json:"definition"`
}

// MethodWilson names the Wilson score interval.
const MethodWilson = "wilson"

// WilsonProportion is x/n with its Wilson 95% interval; value and limits
// are null when n is 0.
func WilsonProportion(x, n int, definition string) Proportion {
	p := Proportion{Method: MethodWilson, Numerator: x, Denominator: n, Definition: definition}
	if n == 0 {
		return p
	}
	ci := stats.Wilson(x, n, 0.95)
	p.Value = Ratio(x, n)
	p.CILow, p.CIHigh = Finite(ci.Low), Finite(ci.High)
	return p
}

// Definitions of the headline proportions.
const (
	DefinitionPPA = "S/(S+T): tissue alterations also found in plasma"
	DefinitionPPV = "S/(S+P): plasma alterations also found in tissue"
)

// Headline are the counts, union shares, PPA and PPV of a set of
// alterations.
type Headline struct {
	Counts
	UnionShares Shares     `json:"union_shares"`
	PPA         Proportion `json:"ppa_plasma_vs_tissue"`
	PPV         Proportion `json:"ppv_plasma"`
}

// NewHeadline computes the headline of S shared, T tissue-only and P
// plasma-only alterations.
func NewHeadline(s, t, p int) Headline {
	c := NewCounts(s, t, p)
	u := c.Total
	return Headline{
		Counts:      c,
		UnionShares: Shares{Shared: Ratio(s, u), TissueOnly: Ratio(t, u), PlasmaOnly: Ratio(p, u), Denominator: u},
		PPA:         WilsonProportion(s, s+t, DefinitionPPA),
		PPV:         WilsonProportion(s, s+p, DefinitionPPV),
	}
}

// Ratio is a/b, nil when b is 0.
func Ratio(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	x := float64(a) / float64(b)
	return &x
}

// Finite is &x, nil when x is NaN or infinite (JSON has no NaN).
func Finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// SharesBootstrap are the patient-bootstrap percentile intervals of the
// union shares.
type SharesBootstrap struct {
	Shared     Interval `json:"shared"`
	TissueOnly Interval `json:"tissue_only"`
	PlasmaOnly Interval `json:"plasma_only"`
}

// Interval is an interval; null limits when undefined.
type Interval struct {
	Low  *float64 `json:"ci_low"`
	High *float64 `json:"ci_high"`
}

// NewInterval converts a stats interval.
func NewInterval(iv stats.Interval) Interval {
	return Interval{Low: Finite(iv.Low), High: Finite(iv.High)}
}

// Bootstrap describes the patient bootstrap.
type Bootstrap struct {
	Method     string  `json:"method"`
	Replicates int     `json:"replicates"`
	Seed       uint64  `json:"seed"`
	Level      float64 `json:"level"`
	// ValidReplicates counts, per headline statistic, the replicates in
	// which it was defined (a resample can have no tissue alteration, for
	// example); the intervals use those.
	ValidReplicates map[string]int `json:"valid_replicates"`
}

// PatientLevel counts patients by what was found in them.
type PatientLevel struct {
	WithAnyAlteration int `json:"with_any_alteration"`
	WithShared        int `json:"with_shared"`
	WithTissueOnly    int `json:"with_tissue_only"`
	WithPlasmaOnly    int `json:"with_plasma_only"`
	WithPlasmaCall    int `json:"with_plasma_call"`
	WithTissueCall    int `json:"with_tissue_call"`
}

// LedgerTotals totals the ledger.
type LedgerTotals struct {
	RecordsRead     int64            `json:"records_read"`
	RecordsUsed     int64            `json:"records_used"`
	RecordsExcluded int64            `json:"records_excluded"`
	ExcludedBy      map[string]int64 `json:"excluded_by_reason"`
}

// Normalisation says how variants were put in canonical form.
type Normalisation struct {
	Reference   *string `json:"reference"`
	LeftAligned bool    `json:"left_aligned"`
	Note        string  `json:"note"`
}

// MaxNotes is the most patient notes summary.json lists.
const MaxNotes = 20

// Provenance records what produced the outputs. The inputs with their
// checksums are provenance.tsv's rows (InputsFile), not listed here: at
// 4,000 patients they were 5 MB, 99% of summary.json.
type Provenance struct {
	Version string `json:"version"`
	Command string `json:"command"`
	// InputsFile names the table of the inputs (provenance.tsv),
	// InputFiles and InputBytes count its rows and their sizes.
	InputsFile string `json:"inputs_file"`
	InputFiles int    `json:"input_files"`
	InputBytes int64  `json:"input_bytes"`
	// Parameters are the flags that can change results, each as its JSON
	// type (a number, a boolean, a string, a list of strings; null for an
	// empty string).
	Parameters map[string]any `json:"parameters"`
}

// StrataRules says how strata.tsv, patient_strata.tsv and the tables
// named by their levels group patients and alterations.
type StrataRules struct {
	// CancerTypeRule says in plain words how cancer types were grouped
	// into the levels of cancer_type (fig1 prints it);
	// CancerGroupsFile is the --cancer-groups file, null when the
	// default grouping (OncoTree tissue) was used.
	CancerTypeRule   string  `json:"cancer_type_rule"`
	CancerGroupsFile *string `json:"cancer_groups_file"`
	// TFTierRule says how a patient's tumour-fraction level was set.
	TFTierRule string `json:"tf_tier_rule"`
	// TwoWay are the two-way strata, SheetColumns the sheet columns made
	// dimensions (--strata, --strata-column).
	TwoWay       []DimensionPair `json:"two_way"`
	SheetColumns []string        `json:"sheet_columns"`
	// Tests says which tests compare levels and how their p-values were
	// adjusted.
	Tests string `json:"tests"`
}

// DimensionPair is a two-way stratum: the rows of strata.tsv with both
// dimensions named; its tests compare the levels of Dimension2 within
// each level of Dimension.
type DimensionPair struct {
	Dimension  string `json:"dimension"`
	Dimension2 string `json:"dimension2"`
}

// InputFile is one input with its checksum (internal/infile hashes every
// input concord reads): a row of provenance.tsv.
type InputFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
	Format string `json:"format,omitempty"`
}

// Biomarkers is the sample-level agreement between tissue and plasma, kept
// apart from the alteration counts: TMB by rank correlation and
// Bland–Altman, MSI status by a 2×2 table with Cohen's kappa and PABAK.
type Biomarkers struct {
	TMB TMBAgreement `json:"tmb"`
	MSI MSIAgreement `json:"msi"`
}

// TMBAgreement compares tissue and plasma TMB (mutations per megabase) in
// the patients with both.
type TMBAgreement struct {
	Pairs       int      `json:"pairs"`
	SpearmanRho *float64 `json:"spearman_rho"`
	SpearmanP   *float64 `json:"spearman_p"`
	Bias        *float64 `json:"bias_tissue_minus_plasma"`
	BiasCILow   *float64 `json:"bias_ci_low"`
	BiasCIHigh  *float64 `json:"bias_ci_high"`
	LimitLow    *float64 `json:"limit_of_agreement_low"`
	LimitHigh   *float64 `json:"limit_of_agreement_high"`
	Method      string   `json:"method"`
}

// MSIAgreement compares MSI status where both samples state one.
type MSIAgreement struct {
	Pairs int `json:"pairs"`
	// BothHigh, TissueOnlyHigh, PlasmaOnlyHigh, BothStable are the 2×2 cells.
	BothHigh       int      `json:"both_msi_high"`
	TissueOnlyHigh int      `json:"tissue_only_msi_high"`
	PlasmaOnlyHigh int      `json:"plasma_only_msi_high"`
	BothStable     int      `json:"both_stable"`
	Agreement      *float64 `json:"observed_agreement"`
	Kappa          *float64 `json:"kappa"`
	KappaCILow     *float64 `json:"kappa_ci_low"`
	KappaCIHigh    *float64 `json:"kappa_ci_high"`
	PABAK          *float64 `json:"pabak"`
	Note           string   `json:"note"`
}

// Extra holds summary.json's blocks beyond the headline: the explanation
// of discordances, the blood-alone question and, for a cBioPortal study,
// how many samples were paired (pairs.tsv lists them). (Fields in name
// order, as the blocks have always been written.)
type Extra struct {
	BloodAlone      *BloodAloneSummary `json:"blood_alone,omitempty"`
	CBioPortalPairs *PairsSummary      `json:"cbioportal_pairs,omitempty"`
	Explanation     *Explanation       `json:"explanation,omitempty"`
}

// PairsSummary counts the pairing of a cBioPortal study's samples;
// pairs.tsv (File) has one row per sample.
type PairsSummary struct {
	File            string `json:"file"`
	PatientsPaired  int    `json:"patients_paired"`
	SamplesUnpaired int    `json:"samples_unpaired"`
}

// Explanation is summary.json's extra.explanation: the headline numbers
// with and without the exclusions, flag and exclusion counts, tumour
// fraction and purity sources, uninformative plasma samples, reasons and
// detection power.
type Explanation struct {
	Exclude []string `json:"exclude"`
	// WithExclusions are the headline numbers as counted (what the
	// summary's alterations, union_shares, ppa and ppv report);
	// WithoutExclusions the same with the excluded alterations put back.
	// They are equal when nothing is excluded.
	WithExclusions    Headline       `json:"with_exclusions"`
	WithoutExclusions Headline       `json:"without_exclusions"`
	Flags             map[string]int `json:"flags"`    // alterations by flag (all rows)
	Excluded          map[string]int `json:"excluded"` // alterations by exclusion
	// WBC counts plasma calls by what the matched white-blood-cell sample
	// shows at their site (alterations.tsv wbc_status); absent without WBC
	// samples.
	WBC            map[string]int `json:"wbc,omitempty"`
	TumourFraction SourceCounts   `json:"tumor_fraction"`
	Purity         SourceCounts   `json:"tumor_purity"`
	// UninformativePlasma counts patients whose plasma has no somatic call.
	UninformativePlasma int `json:"uninformative_plasma"`
	// Reasons counts alterations called on one side only, by side and
	// reason (as reasons.tsv's "all" rows).
	Reasons map[string]map[string]int `json:"reasons"`
	Power   PowerSummary              `json:"detection_power"`
}

// SourceCounts counts patients by the source of an estimate and, for the
// tumour fraction, by tier.
type SourceCounts struct {
	Sources map[string]int `json:"sources"`
	Tiers   map[string]int `json:"tiers,omitempty"`
}

// PowerSummary is the cohort row of power.tsv.
type PowerSummary struct {
	TissueAlterations int      `json:"tissue_alterations"`
	WithPower         int      `json:"with_power"`
	ExpectedDetected  float64  `json:"expected_detected"`
	ObservedDetected  int      `json:"observed_detected"`
	ExpectedPPA       *float64 `json:"expected_ppa"`
	ObservedPPA       *float64 `json:"observed_ppa"`
}

// BloodAloneSummary is summary.json's extra.blood_alone: the cohort row of
// blood_alone.tsv and the judged cancer types in rank order.
type BloodAloneSummary struct {
	Table          string     `json:"actionability_table"`
	MinPatients    int        `json:"min_patients"`
	Patients       int        `json:"patients"`
	WithActionable int        `json:"with_actionable"`
	FoundAny       Proportion `json:"found_any"`
	FoundAll       Proportion `json:"found_all"`
	// Ranked are the first MaxRanked judged cancer types in rank order;
	// RankedTotal counts them all (blood_alone.tsv lists every one).
	Ranked      []RankedCancer `json:"ranked_cancer_types"`
	RankedTotal int            `json:"ranked_total"`
}

// MaxRanked is the most ranked cancer types summary.json lists.
const MaxRanked = 10

// RankedCancer is a judged cancer type of blood_alone.tsv.
type RankedCancer struct {
	Rank       int        `json:"rank"`
	CancerType string     `json:"cancer_type"`
	FoundAny   Proportion `json:"found_any"`
}

// Definitions of the blood-alone proportions.
const (
	DefinitionFoundAny = "patients for whom the plasma alone found at least one of their actionable tissue alterations / patients with one"
	DefinitionFoundAll = "patients for whom the plasma alone found every one of their actionable tissue alterations / patients with one"
)

// Pairs is which samples of a cBioPortal study concord paired, and which
// it left out: the rows of pairs.tsv.
type Pairs struct {
	Choices  []PairChoice  `json:"choices"`
	Unpaired []PairLeftOut `json:"unpaired"`
}

// PairChoice is a patient's tissue and plasma samples as chosen.
type PairChoice struct {
	Patient          string   `json:"patient"`
	Tissue           string   `json:"tissue"`
	Plasma           string   `json:"plasma"`
	TissueCandidates []string `json:"tissue_candidates"`
	PlasmaCandidates []string `json:"plasma_candidates"`
	Rule             string   `json:"rule"`
}

// PairLeftOut is a sample in no pair.
type PairLeftOut struct {
	Sample  string `json:"sample"`
	Patient string `json:"patient"`
	Reason  string `json:"reason"`
}

// SkippedPatient is a patient left out of the analysis, and why.
type SkippedPatient struct {
	Patient string `json:"patient_id"`
	Reason  string `json:"reason"`
}
