package analysis

import (
	"math"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
)

func bio(tmb float64, msi string) concordance.Biomarkers {
	b := concordance.NoBiomarkers()
	b.TMB, b.MSIStatus = tmb, msi
	return b
}

func TestBiomarkerAgreement(t *testing.T) {
	var pts []concordance.PatientResult
	for _, x := range []struct {
		tt, pt float64
		tm, pm string
	}{{1, 2, "MSI-H", "MSI-High"}, {2, 1, "MSI-H", "MSS"}, {3, 4, "MSS", "stable"}, {4, 3, "MSS", "MSS"}, {math.NaN(), 5, "", "MSI-H"}} {
		pts = append(pts, concordance.PatientResult{Patient: &concordance.Patient{ID: "p"},
			Biomarkers: [2]concordance.Biomarkers{bio(x.tt, x.tm), bio(x.pt, x.pm)}})
	}
	b := biomarkerAgreement(pts)
	// TMB pairs (1,2),(2,1),(3,4),(4,3): rank differences ±1, so Spearman
	// ρ = 1 − 6·4/(4·15) = 0.6; differences −1,1,−1,1: bias 0, SD √(4/3),
	// limits ±1.959964·√(4/3) = ±2.263167 (exact arithmetic).
	if b.TMB.Pairs != 4 || math.Abs(*b.TMB.SpearmanRho-0.6) > 1e-12 || math.Abs(*b.TMB.Bias) > 1e-12 ||
		math.Abs(*b.TMB.LimitHigh-1.959963984540054*math.Sqrt(4.0/3)) > 1e-9 {
		t.Errorf("TMB agreement %+v", b.TMB)
	}
	// MSI 2×2: both high 1, tissue-only high 1, both stable 2 → observed
	// 3/4, chance (2/4)(1/4) + (2/4)(3/4) = 1/2, κ = (3/4 − 1/2)/(1/2) = 1/2,
	// PABAK = 2·3/4 − 1 = 1/2. The fifth patient has no tissue status.
	m := b.MSI
	if m.Pairs != 4 || m.BothHigh != 1 || m.TissueOnlyHigh != 1 || m.PlasmaOnlyHigh != 0 || m.BothStable != 2 ||
		math.Abs(*m.Kappa-0.5) > 1e-12 || math.Abs(*m.PABAK-0.5) > 1e-12 {
		t.Errorf("MSI agreement %+v", m)
	}
	empty := biomarkerAgreement(nil)
	if empty.TMB.SpearmanRho != nil || empty.MSI.Kappa != nil || empty.MSI.Agreement != nil {
		t.Errorf("no pairs must give nulls: %+v", empty)
	}
}

func TestSummary(t *testing.T) {
	row := func(cat concordance.Category, class concordance.Class, excluded string) concordance.Row {
		return concordance.Row{Alteration: concordance.Alteration{Class: class}, Category: cat, Tier: concordance.TierExact, Excluded: excluded}
	}
	pr := []concordance.PatientResult{
		{Patient: &concordance.Patient{ID: "a"}, Rows: []concordance.Row{
			row(concordance.Shared, concordance.SNV, ""), row(concordance.TissueOnly, concordance.Indel, ""),
			row(concordance.PlasmaOnly, concordance.SNV, "ch"), row(concordance.NotCompared, concordance.SNV, "")}},
		{Patient: &concordance.Patient{ID: "b"}, Rows: []concordance.Row{row(concordance.TissueOnly, concordance.SNV, "")}, Notes: []string{"something"}},
	}
	for i := range pr {
		pr[i].Counts = concordance.CountRows(pr[i].Rows)
	}
	s := summarize(&PerPatient{Patients: pr, Ledger: &concordance.Ledger{}}, nil, &Options{})
	// Counted: 1 shared, 2 tissue-only; the excluded CH row and the row
	// outside the universe are not. U = 3, PPA = 1/3, PPV = 1/1.
	if s.Alterations != (schema.Counts{Shared: 1, TissueOnly: 2, Total: 3}) || *s.UnionShares.Shared != 1.0/3 || *s.PPA.Value != 1.0/3 || *s.PPV.Value != 1 {
		t.Errorf("summary %+v %+v", s.Alterations, s.PPA)
	}
	if s.ByClass["snv"] != (schema.Counts{Shared: 1, TissueOnly: 1, Total: 2}) || s.PatientLevel.WithShared != 1 || s.PatientLevel.WithTissueOnly != 2 {
		t.Errorf("by class %+v, patient level %+v", s.ByClass, s.PatientLevel)
	}
	if len(s.Notes) != 1 || s.Notes[0] != "b: something" {
		t.Errorf("notes %v", s.Notes)
	}
	if s.Normalisation.LeftAligned || s.Normalisation.Reference != nil {
		t.Errorf("normalisation without a reference: %+v", s.Normalisation)
	}
}
