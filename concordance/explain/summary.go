package explain

import (
	"math"
	"sort"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/stats"
)

// Summary is the explanation's part of summary.json: the headline numbers
// with and without the exclusions, flag and exclusion counts, tumour
// fraction and purity sources, uninformative plasma samples, reasons and
// detection power.
type Summary struct {
	Exclude []string `json:"exclude"`
	// WithExclusions are the headline numbers (what summary.json's
	// alterations, union_shares, ppa and ppv report: Row.Counted);
	// WithoutExclusions the same with the excluded alterations put back
	// (concordance.CountAll). They are equal when nothing is excluded.
	WithExclusions    Headline       `json:"with_exclusions"`
	WithoutExclusions Headline       `json:"without_exclusions"`
	Flags             map[string]int `json:"flags"`    // alterations by flag (all rows)
	Excluded          map[string]int `json:"excluded"` // alterations by exclusion
	TumourFraction    SourceCounts   `json:"tumor_fraction"`
	Purity            SourceCounts   `json:"tumor_purity"`
	// UninformativePlasma counts patients whose plasma has no somatic call.
	UninformativePlasma int `json:"uninformative_plasma"`
	// Reasons counts alterations called on one side only, by side and
	// reason (as reasons.tsv's "all" rows).
	Reasons map[string]map[string]int `json:"reasons"`
	Power   PowerSummary              `json:"detection_power"`
}

// Headline are shared / tissue-only / plasma-only counts, union shares,
// PPA and PPV with Wilson intervals.
type Headline struct {
	Shared      int        `json:"shared"`
	TissueOnly  int        `json:"tissue_only"`
	PlasmaOnly  int        `json:"plasma_only"`
	Total       int        `json:"total"`
	UnionShares Shares     `json:"union_shares"`
	PPA         Proportion `json:"ppa_plasma_vs_tissue"`
	PPV         Proportion `json:"ppv_plasma"`
}

// Shares are the union shares S/U, T/U, P/U (null when U is 0).
type Shares struct {
	Shared     *float64 `json:"shared"`
	TissueOnly *float64 `json:"tissue_only"`
	PlasmaOnly *float64 `json:"plasma_only"`
}

// Proportion is a proportion with its Wilson 95% interval (null values
// when the denominator is 0).
type Proportion struct {
	Value       *float64 `json:"value"`
	CILow       *float64 `json:"ci_low"`
	CIHigh      *float64 `json:"ci_high"`
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
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

func headline(c concordance.Counts) Headline {
	h := Headline{Shared: c.Shared, TissueOnly: c.TissueOnly, PlasmaOnly: c.PlasmaOnly, Total: c.Total()}
	h.UnionShares = Shares{ratioPtr(c.Shared, c.Total()), ratioPtr(c.TissueOnly, c.Total()), ratioPtr(c.PlasmaOnly, c.Total())}
	h.PPA = proportion(c.Shared, c.Shared+c.TissueOnly)
	h.PPV = proportion(c.Shared, c.Shared+c.PlasmaOnly)
	return h
}

func proportion(x, n int) Proportion {
	p := Proportion{Numerator: x, Denominator: n}
	if n == 0 {
		return p
	}
	ci := stats.Wilson(x, n, 0.95)
	p.Value, p.CILow, p.CIHigh = ratioPtr(x, n), finitePtr(ci.Low), finitePtr(ci.High)
	return p
}

func ratioPtr(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	x := float64(a) / float64(b)
	return &x
}

func finitePtr(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// flagNames are the flags the summary counts.
var flagNames = []struct {
	name string
	flag concordance.Flags
}{
	{"ch_candidate", concordance.FlagCHCandidate},
	{"ch_evidence", concordance.FlagCHEvidence},
	{"ch_caller", concordance.FlagCHCaller},
	{"germline_likely", concordance.FlagGermlineLikely},
	{"filtered_in_other", concordance.FlagFilteredOther},
}

// Summarize summarises the explanation of a cohort; exclude are the
// exclusions that were applied (Options.Exclude).
func Summarize(patients []concordance.PatientResult, exclude []string) *Summary {
	s := &Summary{
		Exclude:        append([]string{}, exclude...),
		Flags:          map[string]int{},
		Excluded:       map[string]int{},
		TumourFraction: SourceCounts{Sources: map[string]int{}, Tiers: map[string]int{}},
		Purity:         SourceCounts{Sources: map[string]int{}},
		Reasons:        map[string]map[string]int{SideTissueOnly: {}, SidePlasmaOnly: {}},
	}
	sort.Strings(s.Exclude)
	var counted, all concordance.Counts
	for i := range patients {
		pr := &patients[i]
		counted = counted.Add(concordance.CountRows(pr.Rows))
		all = all.Add(concordance.CountAll(pr.Rows))
		src := pr.TumorFractionSource
		if src == "" {
			src = LevelUnknown
		}
		s.TumourFraction.Sources[src]++
		s.TumourFraction.Tiers[pr.TFTier()]++
		psrc := pr.PuritySource
		if psrc == "" {
			psrc = LevelUnknown
		}
		s.Purity.Sources[psrc]++
		if pr.UninformativePlasma {
			s.UninformativePlasma++
		}
		for j := range pr.Rows {
			r := &pr.Rows[j]
			for _, f := range flagNames {
				if r.Flags.Has(f.flag) {
					s.Flags[f.name]++
				}
			}
			if r.Excluded != "" {
				s.Excluded[r.Excluded]++
			}
			if side := oneSide(r); side != "" {
				s.Reasons[side][r.Reason]++
			}
		}
	}
	s.WithExclusions, s.WithoutExclusions = headline(counted), headline(all)
	for _, row := range Power(patients) {
		if row.Dimension == DimAll {
			s.Power = PowerSummary{TissueAlterations: row.TissueAlterations, WithPower: row.WithPower,
				ExpectedDetected: math.Round(row.ExpectedDetected*100) / 100, ObservedDetected: row.ObservedDetected,
				ExpectedPPA: finitePtr(row.ExpectedPPA), ObservedPPA: finitePtr(row.ObservedPPA)}
		}
	}
	return s
}
