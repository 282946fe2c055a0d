package levels

import (
	"math"
	"testing"
	"time"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
)

func TestBins(t *testing.T) {
	for _, c := range []struct {
		vaf  float64
		want string
	}{
		{0, "<5%"}, {0.0499, "<5%"}, {0.05, "5-10%"}, {0.1, "10-20%"}, {0.2, "20-40%"}, {0.3999, "20-40%"},
		{0.4, ">=40%"}, {1, ">=40%"}, {math.NaN(), schema.LevelUnknown}, {math.Inf(1), schema.LevelUnknown},
	} {
		if got := VAFBin(c.vaf); got != c.want {
			t.Errorf("VAFBin(%v) = %s, want %s", c.vaf, got, c.want)
		}
	}
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		days int
		want string
	}{{0, "<=30"}, {30, "<=30"}, {31, "31-90"}, {-45, "31-90"}, {90, "31-90"}, {91, ">90"}} {
		p := &concordance.Patient{TissueDate: day, PlasmaDate: day.AddDate(0, 0, c.days)}
		if got := Days(p); got != c.want {
			t.Errorf("Days(%d) = %s, want %s", c.days, got, c.want)
		}
	}
	if got := Days(&concordance.Patient{TissueDate: day}); got != schema.LevelUnknown {
		t.Errorf("Days without a plasma date = %s", got)
	}
}

// A patient's cancer type is the sheet's free text, else the OncoTree name
// of its code; spellings that differ in case or spacing are one level,
// spelled as the first patient spells it; cancer types are ordered by
// patients, then alterations, then name, unknown last.
func TestCancerTypes(t *testing.T) {
	mk := func(text, code string, alterations int) concordance.PatientResult {
		return concordance.PatientResult{Patient: &concordance.Patient{CancerType: text, OncotreeCode: code},
			Counts: concordance.Counts{Shared: alterations}}
	}
	cohort := []concordance.PatientResult{
		mk("", "LUAD", 1),                 // OncoTree: Lung Adenocarcinoma
		mk("lung  adenocarcinoma", "", 1), // the same level, spelled as the first
		mk("Colorectal Cancer", "", 5),    // one patient, more alterations
		mk("Breast Cancer", "", 1),        // one patient, fewer
		mk("", "", 9),                     // unknown: last, whatever its size
		mk("", "notacode", 0),             // not an OncoTree code: the code itself
		mk("", "", 0),
	}
	c := New(cohort)
	for i, want := range []string{"Lung Adenocarcinoma", "Lung Adenocarcinoma", "Colorectal Cancer", "Breast Cancer", "unknown", "NOTACODE", "unknown"} {
		if got := c.CancerType(i); got != want {
			t.Errorf("patient %d: %q, want %q", i, got, want)
		}
	}
	want := []string{"Lung Adenocarcinoma", "Colorectal Cancer", "Breast Cancer", "NOTACODE", "unknown"}
	if got := c.CancerTypes(); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] || got[4] != want[4] {
		t.Errorf("order %q, want %q", got, want)
	}
}
