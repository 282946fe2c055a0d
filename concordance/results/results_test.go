package results

import (
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
)

const fixture = "../../testdata/results"

func TestLoadFixture(t *testing.T) {
	s, err := Read(os.DirFS(fixture), fixture)
	if err != nil {
		t.Fatal(err)
	}
	// (pairs.tsv is a cBioPortal run's only)
	if len(s.Missing) != 1 || s.Missing[0] != schema.PairsFile {
		t.Fatalf("missing %v", s.Missing)
	}
	// Counts from the fixture's own summary.json must agree with the rows.
	var sh, to, po int
	for i := range s.Alterations {
		a := &s.Alterations[i]
		if !a.Counted() {
			continue
		}
		switch a.Category {
		case schema.Shared:
			sh++
		case schema.TissueOnly:
			to++
		case schema.PlasmaOnly:
			po++
		}
	}
	a := s.Summary.Alterations
	if sh != a.Shared || to != a.TissueOnly || po != a.PlasmaOnly {
		t.Errorf("alterations.tsv counts %d/%d/%d, summary.json %d/%d/%d", sh, to, po, a.Shared, a.TissueOnly, a.PlasmaOnly)
	}
	if len(s.Patients) != s.Summary.Patients {
		t.Errorf("%d patients rows, summary says %d", len(s.Patients), s.Summary.Patients)
	}
	all := s.Dimension("all")
	if len(all) != 1 || all[0].Shared != sh || all[0].Alterations != sh+to+po {
		t.Errorf("strata all row %+v", all)
	}
	stage := s.Dimension("stage")
	var levels []string
	for _, st := range stage {
		levels = append(levels, st.Level)
	}
	if got := strings.Join(levels, ","); got != "I,II,III,IV,unknown" {
		t.Errorf("stage levels in display order: %s", got)
	}
	// The two-way strata: cancer type × stage holds every stage row of
	// every cancer type, whose counts add up to the one-way stage rows.
	byStage := map[string]int{}
	for _, st := range s.TwoWay("cancer_type", "stage") {
		if st.Dimension != "cancer_type x stage" || st.Dimension2 != "stage" || st.Level2Order < 1 {
			t.Fatalf("two-way row %+v", st)
		}
		byStage[st.Level2] += st.Alterations
	}
	for _, st := range stage {
		if byStage[st.Level] != st.Alterations {
			t.Errorf("stage %s: %d alterations in cancer_type x stage, %d in stage", st.Level, byStage[st.Level], st.Alterations)
		}
	}
	// counts.tsv is strata.tsv in long form.
	if len(s.Counts) != 3*len(s.Strata) {
		t.Errorf("%d counts rows for %d strata rows", len(s.Counts), len(s.Strata))
	}
	for i, c := range s.Counts {
		st := s.Strata[i/3]
		n := [3]int{st.Shared, st.TissueOnly, st.PlasmaOnly}[i%3]
		if c.Dimension != st.Dimension || c.Level != st.Level || c.Level2 != st.Level2 || c.Category != schema.Categories[i%3] || c.N != n {
			t.Fatalf("counts row %d %+v for strata row %+v", i, c, st)
		}
	}
	// provenance.tsv lists the inputs summary.json counts.
	if len(s.Provenance) != s.Summary.Provenance.InputFiles || len(s.Provenance) == 0 || len(s.Provenance[0].SHA256) != 64 {
		t.Errorf("%d inputs in provenance.tsv, summary.json says %d", len(s.Provenance), s.Summary.Provenance.InputFiles)
	}
	if m := s.Model("detection_vaf"); len(m) != 2 || m[1].Term != "log10_tissue_vaf" || !(m[1].Estimate > 0) {
		t.Errorf("detection_vaf model %+v", m)
	}
	if !s.Synthetic() {
		t.Error("fixture summary.json says synthetic: true")
	}
	// summary.json's bootstrap interval of the PPA is the strata "all" row's
	// (the same patients, replicates and seed), to strata.tsv's 4 decimals
	b := s.Summary
	if b.PPA.BootLow == nil || b.PPA.BootHigh == nil || b.Bootstrap == nil || b.Bootstrap.Seed != 1 {
		t.Fatalf("summary bootstrap fields not read: %+v %+v", b.PPA, b.Bootstrap)
	}
	if math.Abs(*b.PPA.BootLow-all[0].PPABoot.Low) > 5e-5 || math.Abs(*b.PPA.BootHigh-all[0].PPABoot.High) > 5e-5 {
		t.Errorf("summary PPA bootstrap [%v, %v], strata [%v, %v]", *b.PPA.BootLow, *b.PPA.BootHigh, all[0].PPABoot.Low, all[0].PPABoot.High)
	}
}

func TestReadAlterationsMissingValues(t *testing.T) {
	in := "patient_id\tcancer_type\tstage\tclass\tgene\ttissue_status\tplasma_status\tcategory\tmatch_tier\ttissue_vaf\tplasma_vaf\tflags\treason\n" +
		"P1\tLung\t.\tsnv\tKRAS\tcalled\tnot_detected\ttissue_only\t.\t0.2100\t.\t.\t.\n" +
		"P1\tLung\tIV\tsnv\tTET2\tnot_detected\tcalled\tplasma_only\t.\t.\t0.0040\tch_candidate,hotspot\t.\n"
	got, err := ReadAlterations(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d rows", len(got))
	}
	if got[0].Stage != "" || !math.IsNaN(got[0].PlasmaVAF) || got[0].TissueVAF != 0.21 || got[0].TissueDepth != -1 {
		t.Errorf("row 1: %+v", got[0])
	}
	if !got[1].HasFlag("hotspot") || !got[1].HasFlag("ch_candidate") || got[1].HasFlag("germline_likely") {
		t.Errorf("flags %v", got[1].Flags)
	}
}

func TestReadErrors(t *testing.T) {
	header := "patient_id\tcancer_type\tstage\tclass\tgene\ttissue_status\tplasma_status\tcategory\tmatch_tier\ttissue_vaf\tplasma_vaf\tflags\treason\n"
	tests := []struct {
		name, in string
		line     int
		want     string
	}{
		{"empty", "", 1, "empty table"},
		{"missing column", "patient_id\tclass\n", 1, "lacks column(s) cancer_type"},
		{"bad number", header + "P1\tLung\tIV\tsnv\tKRAS\tcalled\tcalled\tshared\texact\t0.2x\t0.1\t.\t.\n", 2, `tissue_vaf: "0.2x" is not a number`},
		{"bad category", header + "P1\tLung\tIV\tsnv\tKRAS\tcalled\tcalled\tboth\texact\t0.2\t0.1\t.\t.\n", 2, `category: "both" is not one of`},
		{"short row", header + "P1\tLung\n", 2, "2 cells, expected 13"},
		{"no patient", header + ".\tLung\tIV\tsnv\tKRAS\tcalled\tcalled\tshared\texact\t0.2\t0.1\t.\t.\n", 2, "patient_id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadAlterations(strings.NewReader(tc.in))
			var le *concordance.LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %v, want a LineError", err)
			}
			if le.Line != tc.line || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q (line %d), want line %d containing %q", err, le.Line, tc.line, tc.want)
			}
		})
	}
}

func TestLoadMissingTables(t *testing.T) {
	dir := t.TempDir()
	if _, err := Read(os.DirFS(dir), dir); err == nil || !strings.Contains(err.Error(), "no result tables") {
		t.Errorf("empty folder: %v", err)
	}
	if _, err := Read(os.DirFS(dir+"/nope"), dir+"/nope"); !concordance.IsInputError(err) {
		t.Errorf("absent folder: %v", err)
	}
}

func TestLoadPartialFolder(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(fixture + "/alterations.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/alterations.tsv", b, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Read(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Has(schema.AlterationsFile) || s.Has(schema.StrataFile) || len(s.Missing) != len(Files)-1 {
		t.Errorf("missing %v", s.Missing)
	}
	if s.Synthetic() {
		t.Error("no summary.json: not known to be synthetic")
	}
}

// Regression: days_between is negative when plasma was drawn before the
// tissue (the simulator's cohort has such patients).
func TestReadPatientsNegativeDays(t *testing.T) {
	in := "patient_id\tcancer_type\tstage\ttumor_fraction\ttf_tier\tdays_between\tshared\ttissue_only\tplasma_only\ttotal\n" +
		"P1\tLung\tIV\t0.05\t1-10%\t-15\t1\t0\t0\t1\n" +
		"P2\tLung\tIV\t.\tunknown\t.\t0\t0\t0\t0\n"
	got, err := ReadPatients(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if got[0].DaysBetween != -15 || !math.IsNaN(got[1].DaysBetween) || !math.IsNaN(got[1].TumorFraction) {
		t.Errorf("%+v", got)
	}
}

// TestReadWith: a Set read with Options keeps the first LedgerRows rows
// of ledger.tsv and counts them all, and no provenance row with
// NoProvenance; the rows it keeps are Read's (oracle: Read of the same
// fixture, and its row counts).
func TestReadWith(t *testing.T) {
	all, err := Read(os.DirFS(fixture), fixture)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Ledger) < 4 || all.LedgerTotal != len(all.Ledger) || len(all.Provenance) == 0 {
		t.Fatalf("fixture: %d ledger rows (total %d), %d provenance rows", len(all.Ledger), all.LedgerTotal, len(all.Provenance))
	}
	some, err := ReadWith(os.DirFS(fixture), fixture, Options{LedgerRows: 3, NoProvenance: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(some.Ledger, all.Ledger[:3]) || some.LedgerTotal != len(all.Ledger) || some.Provenance != nil {
		t.Errorf("ledger %v (total %d), provenance %v", some.Ledger, some.LedgerTotal, some.Provenance)
	}
	// %#v: every field, NaN equal to NaN (DeepEqual's is not).
	if fmt.Sprintf("%#v", some.Alterations) != fmt.Sprintf("%#v", all.Alterations) || !reflect.DeepEqual(some.Summary, all.Summary) {
		t.Error("the other tables differ")
	}
}
