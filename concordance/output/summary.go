package output

import (
	"encoding/json"
	"io"
	"math"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/concordance/strata"
	"github.com/concord-oncology/concord/stats"
)

// Summary is summary.json. Every proportion names its numerator and
// denominator; undefined values (a zero denominator) are null.
type Summary struct {
	Synthetic   bool       `json:"synthetic"`
	Patients    int        `json:"patients"`
	Alterations CountsJSON `json:"alterations"`
	UnionShares SharesJSON `json:"union_shares"`
	// UnionSharesBootstrap holds the patient-bootstrap intervals of the
	// union shares; nil (null) when the bootstrap was off.
	UnionSharesBootstrap *SharesBootJSON `json:"union_shares_bootstrap"`
	PPA                  Proportion      `json:"ppa_plasma_vs_tissue"`
	PPV                  Proportion      `json:"ppv_plasma"`
	// Bootstrap says how the bootstrap intervals were made; nil (null)
	// when it was off.
	Bootstrap     *BootstrapJSON             `json:"bootstrap"`
	MatchTiers    map[string]int             `json:"match_tiers"`
	ByClass       map[string]CountsJSON      `json:"by_class"`
	PatientLevel  PatientLevel               `json:"patient_level"`
	Biomarkers    Biomarkers                 `json:"biomarkers"`
	Notes         []string                   `json:"notes"`
	Ledger        LedgerJSON                 `json:"ledger"`
	Normalisation Normalisation              `json:"normalisation"`
	Provenance    Provenance                 `json:"provenance"`
	Extra         map[string]json.RawMessage `json:"extra,omitempty"`
}

// CountsJSON are shared / tissue-only / plasma-only counts.
type CountsJSON struct {
	Shared     int `json:"shared"`
	TissueOnly int `json:"tissue_only"`
	PlasmaOnly int `json:"plasma_only"`
	Total      int `json:"total"`
}

func countsJSON(c concordance.Counts) CountsJSON {
	return CountsJSON{c.Shared, c.TissueOnly, c.PlasmaOnly, c.Total()}
}

// SharesJSON are the union shares S/U, T/U, P/U with U = S+T+P.
type SharesJSON struct {
	Shared      *float64 `json:"shared"`
	TissueOnly  *float64 `json:"tissue_only"`
	PlasmaOnly  *float64 `json:"plasma_only"`
	Denominator int      `json:"denominator"`
}

// Proportion is a proportion with its confidence interval (Method) and,
// when the bootstrap ran, its patient-bootstrap percentile interval.
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

// SharesBootJSON are the patient-bootstrap percentile intervals of the
// union shares.
type SharesBootJSON struct {
	Shared     IntervalJSON `json:"shared"`
	TissueOnly IntervalJSON `json:"tissue_only"`
	PlasmaOnly IntervalJSON `json:"plasma_only"`
}

// IntervalJSON is an interval; null limits when undefined.
type IntervalJSON struct {
	Low  *float64 `json:"ci_low"`
	High *float64 `json:"ci_high"`
}

// BootstrapJSON describes the patient bootstrap.
type BootstrapJSON struct {
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

// LedgerJSON totals the ledger.
type LedgerJSON struct {
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

// Provenance records what produced the outputs.
type Provenance struct {
	Version    string         `json:"version"`
	Command    string         `json:"command"`
	Inputs     []InputFile    `json:"inputs"`
	Parameters map[string]any `json:"parameters"`
}

// InputFile is one input with its checksum.
type InputFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
	Format string `json:"format,omitempty"`
}

// SummaryOptions carry what the analysis itself does not know.
type SummaryOptions struct {
	Synthetic  bool
	Reference  string // path of the reference FASTA, "" when none was given
	Version    string
	Command    string
	Inputs     []InputFile // the call files plus sheet and reference
	Parameters map[string]any
	// Strata, when given, supplies the bootstrap intervals of the
	// headline numbers (its "all" row).
	Strata *strata.Table
}

// NewSummary summarises a run.
func NewSummary(res *pipeline.Result, opt SummaryOptions) *Summary {
	s := &Summary{
		Synthetic:  opt.Synthetic,
		Patients:   len(res.Patients),
		MatchTiers: map[string]int{},
		ByClass:    map[string]CountsJSON{},
	}
	var total concordance.Counts
	byClass := map[concordance.Class]concordance.Counts{}
	for i := range res.Patients {
		pr := &res.Patients[i]
		total = total.Add(pr.Counts)
		c := pr.Counts
		pl := &s.PatientLevel
		if c.Total() > 0 {
			pl.WithAnyAlteration++
		}
		if c.Shared > 0 {
			pl.WithShared++
		}
		if c.TissueOnly > 0 {
			pl.WithTissueOnly++
		}
		if c.PlasmaOnly > 0 {
			pl.WithPlasmaOnly++
		}
		if c.Shared+c.PlasmaOnly > 0 {
			pl.WithPlasmaCall++
		}
		if c.Shared+c.TissueOnly > 0 {
			pl.WithTissueCall++
		}
		for j := range pr.Rows {
			r := &pr.Rows[j]
			if !r.Counted() {
				continue
			}
			bc := byClass[r.Class]
			bc.Count(r.Category)
			byClass[r.Class] = bc
			if r.Category == concordance.Shared {
				s.MatchTiers[r.Tier.String()]++
			}
		}
	}
	s.Biomarkers = BiomarkerAgreement(res.Patients)
	s.Notes = []string{}
	for i := range res.Patients {
		for _, n := range res.Patients[i].Notes {
			s.Notes = append(s.Notes, res.Patients[i].Patient.ID+": "+n)
		}
	}
	for c, n := range byClass {
		s.ByClass[c.String()] = countsJSON(n)
	}
	s.Alterations = countsJSON(total)
	u := total.Total()
	s.UnionShares = SharesJSON{
		Shared: ratio(total.Shared, u), TissueOnly: ratio(total.TissueOnly, u), PlasmaOnly: ratio(total.PlasmaOnly, u), Denominator: u,
	}
	s.PPA = wilsonProportion(total.Shared, total.Shared+total.TissueOnly, "S/(S+T): tissue alterations also found in plasma")
	s.PPV = wilsonProportion(total.Shared, total.Shared+total.PlasmaOnly, "S/(S+P): plasma alterations also found in tissue")

	if st := opt.Strata; st != nil && st.Bootstrap != nil && len(st.Strata) > 0 {
		all := st.Overall()
		s.UnionSharesBootstrap = &SharesBootJSON{
			Shared:     intervalJSON(all.SharesBoot[0]),
			TissueOnly: intervalJSON(all.SharesBoot[1]),
			PlasmaOnly: intervalJSON(all.SharesBoot[2]),
		}
		s.PPA.BootLow, s.PPA.BootHigh = finite(all.PPABoot.Low), finite(all.PPABoot.High)
		s.PPV.BootLow, s.PPV.BootHigh = finite(all.PPVBoot.Low), finite(all.PPVBoot.High)
		b := st.Bootstrap
		s.Bootstrap = &BootstrapJSON{Method: "patient-clustered bootstrap, percentile intervals", Replicates: b.Replicates,
			Seed: b.Seed, Level: b.Level, ValidReplicates: b.Valid}
	}

	read, used, excluded := res.Ledger.Totals()
	s.Ledger = LedgerJSON{RecordsRead: read, RecordsUsed: used, RecordsExcluded: excluded, ExcludedBy: map[string]int64{}}
	for reason, n := range res.Ledger.ByReason() {
		if reason != concordance.ReasonUsed {
			s.Ledger.ExcludedBy[reason] = n
		}
	}
	if opt.Reference != "" {
		ref := opt.Reference
		s.Normalisation = Normalisation{Reference: &ref, LeftAligned: true,
			Note: "multi-allelic records split, alleles trimmed and indels left-aligned against the reference; REF checked against the reference"}
	} else {
		s.Normalisation = Normalisation{LeftAligned: false,
			Note: "no --reference given: alleles split and trimmed only, indels NOT left-aligned and REF not checked; equivalent indels written at different positions of a repeat will not match"}
	}
	s.Provenance = Provenance{Version: opt.Version, Command: opt.Command, Inputs: opt.Inputs, Parameters: opt.Parameters}
	if s.Provenance.Inputs == nil {
		s.Provenance.Inputs = []InputFile{}
	}
	return s
}

func ratio(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	x := float64(a) / float64(b)
	return &x
}

func wilsonProportion(x, n int, def string) Proportion {
	p := Proportion{Method: "wilson", Numerator: x, Denominator: n, Definition: def}
	if n == 0 {
		return p
	}
	ci := stats.Wilson(x, n, 0.95)
	p.Value = ratio(x, n)
	p.CILow, p.CIHigh = finite(ci.Low), finite(ci.High)
	return p
}

func intervalJSON(iv stats.Interval) IntervalJSON {
	return IntervalJSON{Low: finite(iv.Low), High: finite(iv.High)}
}

func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// WriteSummary writes summary.json, indented, with a final newline.
func WriteSummary(w io.Writer, s *Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}
