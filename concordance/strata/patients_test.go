package strata

import (
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// Patient-level counts of the six-patient fixture, by hand: ctDNA is
// detected in P1 (unflagged shared calls) and P2; P6's plasma calls are all
// flagged (ch_caller, germline_likely) and P3–P5 have none. P1 and P2 have
// a shared alteration.
func TestPatientStrata(t *testing.T) {
	rows := PatientStrata(sixPatients(), nil, 0)
	type want struct {
		dim, level        string
		order, n, det, sh int
	}
	wants := []want{
		{All, LevelAll, 1, 6, 2, 2},
		{CancerType, "Lung", 1, 3, 1, 1},
		{CancerType, "Bowel", 2, 1, 1, 1},
		{CancerType, "Prostate", 3, 1, 0, 0},
		{CancerType, "CNS/Brain", 4, 1, 0, 0},
		{Diagnosis, "Lung adenocarcinoma", 1, 3, 1, 1},
		{Diagnosis, "Colorectal cancer", 2, 1, 1, 1},
		{Diagnosis, "Prostate Adenocarcinoma", 3, 1, 0, 0},
		{Diagnosis, "Glioblastoma", 4, 1, 0, 0},
		{CancerGroup, "common", 1, 5, 2, 2},
		{CancerGroup, "rare", 2, 1, 0, 0},
		{Stage, "II", 1, 1, 0, 0},
		{Stage, "III", 2, 1, 1, 1},
		{Stage, "IV", 3, 3, 1, 1},
		{Stage, LevelUnknown, 4, 1, 0, 0},
		{TFTier, "<1%", 1, 2, 0, 0},
		{TFTier, "1-10%", 2, 1, 1, 1},
		{TFTier, ">=10%", 3, 2, 1, 1},
		{TFTier, LevelUnknown, 4, 1, 0, 0},
		{DaysBetween, "<=30", 1, 3, 1, 1},
		{DaysBetween, "31-90", 2, 1, 1, 1},
		{DaysBetween, ">90", 3, 1, 0, 0},
		{DaysBetween, LevelUnknown, 4, 1, 0, 0},
	}
	if len(rows) != len(wants) {
		t.Fatalf("%d rows, want %d", len(rows), len(wants))
	}
	for i, w := range wants {
		r := rows[i]
		if r.Dimension != w.dim || r.Level != w.level || r.Order != w.order || r.Patients != w.n || r.CtDNADetected != w.det || r.WithShared != w.sh {
			t.Errorf("row %d = %+v, want %+v", i, r, w)
		}
	}
	// prop.test(2, 6, correct = FALSE)$conf.int = 0.0967714111058 0.700006684862
	// and prop.test(1, 3, ...) = 0.0614919447204 0.792340399198
	// (testdata/strata_reference.out).
	if r := rows[0]; !close(r.CtDNA.Low, 0.0967714111058, 1e-9) || !close(r.CtDNA.High, 0.700006684862, 1e-9) || r.Shared != r.CtDNA {
		t.Errorf("all: %+v %+v", r.CtDNA, r.Shared)
	}
	if r := rows[1]; !close(r.CtDNA.Low, 0.0614919447204, 1e-9) || !close(r.CtDNA.High, 0.792340399198, 1e-9) {
		t.Errorf("lung: %+v", r.CtDNA)
	}
	// A level with no patient assessed has undefined fractions; a failed
	// plasma sample takes the patient out of the denominators.
	ps := sixPatients()
	ps[1].Failed[concordance.Plasma] = true
	rows = PatientStrata(ps, nil, 0)
	if r := rows[0]; r.Patients != 5 || r.CtDNADetected != 1 {
		t.Errorf("with P2 failed: %+v", r)
	}
	for _, r := range rows {
		if r.Dimension == Diagnosis && r.Level == "Colorectal cancer" && (r.Patients != 0 || r.CtDNA.Defined()) {
			t.Errorf("colorectal with its only patient failed: %+v", r)
		}
	}
}

func TestCtDNADetected(t *testing.T) {
	for _, c := range []struct {
		name string
		alts []alt
		want bool
	}{
		{"plasma-only somatic", []alt{pl("KRAS", 0)}, true},
		{"shared", []alt{s(concordance.SNV, "KRAS", 0.2)}, true},
		{"tissue only", []alt{tis(concordance.SNV, "KRAS", 0.2)}, false},
		{"CH flagged by the caller", []alt{pl("DNMT3A", concordance.FlagCHCaller)}, false},
		{"CH candidate", []alt{pl("TET2", concordance.FlagCHCandidate)}, false},
		{"CH evidence", []alt{pl("TET2", concordance.FlagCHEvidence)}, false},
		{"germline", []alt{pl("BRCA2", concordance.FlagGermlineCaller)}, false},
		{"hotspot flag is not a reason", []alt{pl("KRAS", concordance.FlagHotspot)}, true},
		{"excluded row", []alt{{cat: concordance.PlasmaOnly, class: concordance.SNV, gene: "KRAS", vaf: nan, excluded: "ch"}}, false},
		{"not compared", []alt{{cat: concordance.NotCompared, class: concordance.SNV, gene: "KRAS", vaf: nan}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			pr := patient("X", "", "", "", nan, noDate, c.alts...)
			if got := CtDNADetected(&pr); got != c.want {
				t.Errorf("got %v", got)
			}
		})
	}
}
