package analysis

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/strata"
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

func row(cat concordance.Category, vaf float64) concordance.Row {
	r := concordance.Row{Category: cat}
	r.Class, r.Gene = concordance.SNV, "KRAS"
	if cat != concordance.PlasmaOnly {
		r.Tissue.Calls = []*concordance.Call{{VAF: vaf}}
	}
	return r
}

func fourPatients() []concordance.PatientResult {
	mk := func(id, stage string, tf float64, rows ...concordance.Row) concordance.PatientResult {
		p := &concordance.Patient{ID: id, CancerType: "Lung adenocarcinoma", OncotreeCode: "LUAD", Stage: stage,
			TissueDate: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), TumorFraction: tf}
		return concordance.PatientResult{Patient: p, Rows: rows, Counts: concordance.CountRows(rows), TumorFraction: tf}
	}
	return []concordance.PatientResult{
		mk("A", "IV", 0.2, row(concordance.Shared, 0.3), row(concordance.TissueOnly, 0.02)),
		mk("B", "IV", 0.05, row(concordance.Shared, 0.2), row(concordance.PlasmaOnly, math.NaN())),
		mk("C", "", math.NaN(), row(concordance.TissueOnly, 0.4)),
		mk("D", "II", 0.001),
	}
}

func TestSummaryBootstrap(t *testing.T) {
	patients := fourPatients()
	pp := &PerPatient{Patients: patients, Ledger: &concordance.Ledger{}}
	for _, reps := range []int{0, 300} {
		tab, err := strata.Compute(patients, strata.Options{Replicates: reps, Seed: 9})
		if err != nil {
			t.Fatal(err)
		}
		s := summarize(pp, tab, &Options{})
		var b bytes.Buffer
		if err := output.WriteSummary(&b, s); err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		if reps == 0 {
			if m["bootstrap"] != nil || m["union_shares_bootstrap"] != nil || m["ppa_plasma_vs_tissue"].(map[string]any)["boot_ci_low"] != nil {
				t.Errorf("bootstrap off but summary has %v / %v", m["bootstrap"], m["union_shares_bootstrap"])
			}
			continue
		}
		boot := m["bootstrap"].(map[string]any)
		if boot["replicates"].(float64) != 300 || boot["seed"].(float64) != 9 || boot["level"].(float64) != 0.95 {
			t.Errorf("bootstrap block %v", boot)
		}
		valid := boot["valid_replicates"].(map[string]any)
		for _, k := range strata.HeadlineStats {
			if v, ok := valid[k].(float64); !ok || v < 1 || v > 300 {
				t.Errorf("valid %s = %v", k, valid[k])
			}
		}
		all := tab.Overall()
		us := m["union_shares_bootstrap"].(map[string]any)
		if lo := us["shared"].(map[string]any)["ci_low"].(float64); lo != all.SharesBoot[0].Low {
			t.Errorf("shared ci_low %v, table %v", lo, all.SharesBoot[0].Low)
		}
		ppa := m["ppa_plasma_vs_tissue"].(map[string]any)
		if ppa["boot_ci_high"].(float64) != all.PPABoot.High || ppa["ci_high"].(float64) != all.PPA.High {
			t.Errorf("ppa %v, table %+v %+v", ppa, all.PPA, all.PPABoot)
		}
	}
}
