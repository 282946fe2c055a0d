package levels

import (
	"math"
	"slices"
	"strings"
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

// A patient's diagnosis is the sheet's free text, else the OncoTree name
// of its code; spellings that differ in case or spacing are one level,
// spelled as the first patient spells it; diagnoses are ordered by
// patients, then alterations, then name, unknown last. Its cancer type is
// the diagnosis grouped by OncoTree tissue (by code, else by keywords of
// the text), or the diagnosis itself when OncoTree does not place it.
func TestCancerTypes(t *testing.T) {
	mk := func(text, code string, alterations int) concordance.PatientResult {
		return concordance.PatientResult{Patient: &concordance.Patient{CancerType: text, OncotreeCode: code},
			Counts: concordance.Counts{Shared: alterations}}
	}
	cohort := []concordance.PatientResult{
		mk("", "LUAD", 1),                 // OncoTree: Lung Adenocarcinoma, tissue Lung
		mk("lung  adenocarcinoma", "", 1), // the same diagnosis, spelled as the first; Lung by keyword
		mk("Colorectal Cancer", "", 5),    // one patient, more alterations; Bowel by keyword
		mk("Breast Cancer", "", 1),        // one patient, fewer; Breast
		mk("", "", 9),                     // unknown: last, whatever its size
		mk("", "notacode", 0),             // not an OncoTree code: the code itself
		mk("", "", 0),
		mk("Small cell lung cancer", "SCLC", 2),   // Lung, with the adenocarcinomas
		mk("Cancer of Unknown Primary", "CUP", 3), // OncoTree tissue "Other": not to be read as the figures' folded "Other cancer types"
	}
	c := New(cohort, Options{})
	for i, want := range [][2]string{{"Lung Adenocarcinoma", "Lung"}, {"Lung Adenocarcinoma", "Lung"}, {"Colorectal Cancer", "Bowel"},
		{"Breast Cancer", "Breast"}, {"unknown", "unknown"}, {"NOTACODE", "NOTACODE"}, {"unknown", "unknown"}, {"Small cell lung cancer", "Lung"},
		{"Cancer of Unknown Primary", "Other tissue (OncoTree)"}} {
		if got := [2]string{c.Patient(schema.DimDiagnosis, i), c.CancerType(i)}; got != want {
			t.Errorf("patient %d: diagnosis, cancer type %q, want %q", i, got, want)
		}
	}
	want := []string{"Lung Adenocarcinoma", "Colorectal Cancer", "Cancer of Unknown Primary", "Small cell lung cancer", "Breast Cancer", "NOTACODE", "unknown"} // CUP: 3 alterations, SCLC 2, breast 1
	if got := c.Diagnoses(); !slices.Equal(got, want) {
		t.Errorf("diagnoses %q, want %q", got, want)
	}
	want = []string{"Lung", "Bowel", "Other tissue (OncoTree)", "Breast", "NOTACODE", "unknown"}
	if got := c.CancerTypes(); !slices.Equal(got, want) {
		t.Errorf("cancer types %q, want %q", got, want)
	}
	if r := (*Groups)(nil).Rule(); !strings.HasPrefix(r, "Cancer types grouped by OncoTree tissue (organ)") {
		t.Errorf("default rule %q", r)
	}
}

// A groups file maps OncoTree codes, the sheet's text, OncoTree names or
// tissues to groups, most specific first; patients it does not match are
// grouped by OncoTree tissue.
func TestGroups(t *testing.T) {
	file := "# NSCLC apart from SCLC\r\n" + "Cancer_Type,Group,comment\r\n" +
		"LUAD,NSCLC,adenocarcinoma\r\n" +
		"lung squamous cell carcinoma,NSCLC\r\n" +
		"\"Small  Cell Lung Cancer\",SCLC\r\n" +
		"Bowel,Colorectal\r\n" +
		"luad,NSCLC\r\n" + // the same line again: accepted
		",,\r\n"
	g, err := ReadGroups(strings.NewReader(file), "groups.csv")
	if err != nil {
		t.Fatal(err)
	}
	mk := func(text, code string) concordance.PatientResult {
		return concordance.PatientResult{Patient: &concordance.Patient{CancerType: text, OncotreeCode: code}}
	}
	cohort := []concordance.PatientResult{
		mk("Adenocarcinoma of the lung", "LUAD"), // by code
		mk("Lung Squamous Cell Carcinoma", ""),   // by its text
		mk("", "SCLC"),                           // by OncoTree's name of SCLC
		mk("Colon cancer", ""),                   // by its tissue (keyword colon: Bowel)
		mk("Breast cancer", ""),                  // unmatched: OncoTree tissue
		mk("A rare thing", ""),                   // unmatched and unplaced: itself
	}
	c := New(cohort, Options{Groups: g})
	for i, want := range []string{"NSCLC", "NSCLC", "SCLC", "Colorectal", "Breast", "A rare thing"} {
		if got := c.CancerType(i); got != want {
			t.Errorf("patient %d: %q, want %q", i, got, want)
		}
	}
	if r := g.Rule(); r != "Cancer types grouped as groups.csv says (4 cancer types into 3 groups); the others by OncoTree tissue (organ), "+
		"from each patient's OncoTree code or, when OncoTree does not know the code, keywords of its cancer type; a cancer type OncoTree does not place keeps its own name." {
		t.Errorf("rule %q", r)
	}
	for _, c := range []struct{ file, want string }{
		{"", "line 1: cancer groups: no header line"},
		{"# only a comment\n", "line 1: cancer groups: no header line"},
		{"type\tgroup\nLUAD\tNSCLC\n", "line 1: cancer groups: the header must name the columns cancer_type and group"},
		{"cancer_type\tgroup\n", "line 1: cancer groups: no cancer type after the header"},
		{"cancer_type\tgroup\nLUAD\tNSCLC\nluad\tLung\n", `line 3: cancer groups: "luad" is grouped as "Lung" here and as "NSCLC" on line 2`},
		{"cancer_type\tgroup\nLUAD\t \n", `line 2: cancer groups: "LUAD" has an empty group`},
		{"cancer_type\tgroup\n\tNSCLC\n", "line 2: cancer groups: empty cancer_type"},
		{"cancer_type\tgroup\nLUAD\n", "line 2: cancer groups: 1 fields, want a cancer_type and a group"},
		{"cancer_type\tgroup\nLU\x01AD\tNSCLC\n", "line 2: cancer groups:"},
	} {
		_, err := ReadGroups(strings.NewReader(c.file), "g.tsv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.file, err, c.want)
		}
	}
}

// A sheet column's levels are its cells, "unknown" when empty, spelled as
// the first patient spells them; numbers in numeric order, else by name.
func TestColumns(t *testing.T) {
	mk := func(smoking, ecog string) concordance.PatientResult {
		p := &concordance.Patient{Extra: map[string]string{}}
		if smoking != "" {
			p.Extra["smoking_status"] = smoking
		}
		if ecog != "" {
			p.Extra["ecog"] = ecog
		}
		return concordance.PatientResult{Patient: p}
	}
	cohort := []concordance.PatientResult{mk("Never", "10"), mk("current", "2"), mk("never", ""), mk("", "0"), mk("Former  smoker", "1")}
	c := New(cohort, Options{Columns: []string{"smoking_status", "ecog"}})
	if !c.IsPatientLevel("ecog") || !c.Has("smoking_status") || c.Has("other") || c.IsPatientLevel(schema.DimClass) {
		t.Error("the columns are not patient-level dimensions")
	}
	for i, want := range []string{"Never", "current", "Never", "unknown", "Former smoker"} {
		if got := c.Patient("smoking_status", i); got != want {
			t.Errorf("patient %d: %q, want %q", i, got, want)
		}
	}
	if got, want := c.Order("smoking_status"), []string{"current", "Former smoker", "Never", "unknown"}; !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
	if got, want := c.Order("ecog"), []string{"0", "1", "2", "10", "unknown"}; !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}
