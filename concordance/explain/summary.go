package explain

import (
	"math"
	"sort"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
)

// flagNames are the flags the summary counts.
var flagNames = []struct {
	name string
	flag concordance.Flags
}{
	{"ch_candidate", concordance.FlagCHCandidate},
	{"ch_possible", concordance.FlagCHPossible},
	{"ch_evidence", concordance.FlagCHEvidence},
	{"ch_caller", concordance.FlagCHCaller},
	{"germline_likely", concordance.FlagGermlineLikely},
	{"filtered_in_other", concordance.FlagFilteredOther},
}

// Summarize summarises the explanation of a cohort; exclude are the
// exclusions that were applied (Options.Exclude).
//
// power are Power's rows for the patients (nil: computed here); the
// summary takes the overall row.
func Summarize(patients []concordance.PatientResult, exclude []string, power []PowerRow) *schema.Explanation {
	s := &schema.Explanation{
		Exclude:        append([]string{}, exclude...),
		Flags:          map[string]int{},
		Excluded:       map[string]int{},
		TumourFraction: schema.SourceCounts{Sources: map[string]int{}, Tiers: map[string]int{}},
		Purity:         schema.SourceCounts{Sources: map[string]int{}},
		Reasons:        map[string]map[string]int{schema.TissueOnly: {}, schema.PlasmaOnly: {}},
	}
	sort.Strings(s.Exclude)
	var counted, all concordance.Counts
	for i := range patients {
		pr := &patients[i]
		counted = counted.Add(concordance.CountRows(pr.Rows))
		all = all.Add(concordance.CountAll(pr.Rows))
		src := pr.TumorFractionSource
		if src == "" {
			src = schema.LevelUnknown
		}
		s.TumourFraction.Sources[src]++
		s.TumourFraction.Tiers[pr.TFTier()]++
		psrc := pr.PuritySource
		if psrc == "" {
			psrc = schema.LevelUnknown
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
			if st := r.WBC.Status; st != "" {
				if s.WBC == nil {
					s.WBC = map[string]int{}
				}
				s.WBC[st]++
			}
			if side := oneSide(r); side != "" {
				s.Reasons[side][r.Reason]++
			}
		}
	}
	s.WithExclusions = schema.NewHeadline(counted.Shared, counted.TissueOnly, counted.PlasmaOnly)
	s.WithoutExclusions = schema.NewHeadline(all.Shared, all.TissueOnly, all.PlasmaOnly)
	if power == nil {
		power = Power(patients, nil)
	}
	for _, row := range power {
		if row.Dimension == schema.DimAll {
			s.Power = schema.PowerSummary{TissueAlterations: row.TissueAlterations, WithPower: row.WithPower,
				ExpectedDetected: math.Round(row.ExpectedDetected*100) / 100, ObservedDetected: row.ObservedDetected,
				ExpectedPPA: schema.Finite(row.ExpectedPPA), ObservedPPA: schema.Finite(row.ObservedPPA)}
		}
	}
	return s
}
