package analysis

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance/oncotree"
	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/simulate"
)

// simulatedRun simulates a small cohort, lets edit change its sample
// sheet's rows (cells by column name), analyses it and returns the results
// folder read back as figures and the report read it.
func simulatedRun(t *testing.T, patients int, edit func(i int, row map[string]string)) *results.Set {
	t.Helper()
	dir := t.TempDir()
	if _, err := simulate.Write(simulate.Config{Patients: patients, Seed: 3}, simulate.DirSink(dir)); err != nil {
		t.Fatal(err)
	}
	sheetPath := filepath.Join(dir, simulate.FileSampleSheet)
	b, err := os.ReadFile(sheetPath)
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if strings.HasPrefix(l, "#") {
			lines = append(lines, l)
			continue
		}
		cells := strings.Split(l, "\t")
		if header == nil {
			header = cells
			lines = append(lines, l)
			continue
		}
		row := map[string]string{}
		for k, h := range header {
			row[h] = cells[k]
		}
		edit(len(lines)-2, row)
		for k, h := range header {
			cells[k] = row[h]
		}
		lines = append(lines, strings.Join(cells, "\t"))
	}
	if err := os.WriteFile(sheetPath, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	opt.Sheet, opt.Reference = sheetPath, filepath.Join(dir, simulate.FileReference)
	opt.Bootstrap, opt.MinGroupPatients = 0, 1
	res, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "results")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := res.Write(out); err != nil {
		t.Fatal(err)
	}
	rs, err := results.Read(os.DirFS(out), out)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// Issue 14: every level of every stratum dimension is named the same in
// every table that names it (strata.tsv, patient_strata.tsv, reasons.tsv,
// power.tsv, blood_alone.tsv, models.tsv): the tables figures 1, 2, 3, 5,
// 9, 10 and 11 draw. The cohort has patients known by their OncoTree code
// alone (LUAD was "Lung Adenocarcinoma" in strata.tsv but "LUAD" in
// reasons.tsv and blood_alone.tsv), two spellings of one free text, and
// patients with neither.
func TestLevelsNamedAlikeInEveryTable(t *testing.T) {
	codeOnly := map[string]bool{}
	rs := simulatedRun(t, 60, func(i int, row map[string]string) {
		switch i % 5 {
		case 0: // the OncoTree code alone
			row["cancer_type"] = ""
			codeOnly[row["oncotree_code"]] = true
		case 1: // the same text, other case and spacing
			row["cancer_type"] = strings.ToLower(strings.ReplaceAll(row["cancer_type"], " ", "  "))
		case 2: // nothing
			row["cancer_type"], row["oncotree_code"] = "", ""
		}
	})
	strataLevels := func(dim string) []string {
		var out []string
		for _, s := range rs.Dimension(dim) {
			out = append(out, s.Level)
		}
		return out
	}
	// Patient-level dimensions: the same levels in the same order.
	for _, dim := range schema.PatientDimensions {
		want := strataLevels(dim)
		if len(want) == 0 {
			t.Fatalf("strata.tsv has no %s levels", dim)
		}
		var got []string
		for _, s := range rs.PatientStrata {
			if s.Dimension == dim {
				got = append(got, s.Level)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: patient_strata.tsv %q, strata.tsv %q", dim, got, want)
		}
		if !slices.Contains(schema.ExplainDimensions, dim) {
			continue
		}
		var reasons, power []string
		for _, r := range rs.Reasons {
			if r.Dimension == dim && !slices.Contains(reasons, r.Level) {
				reasons = append(reasons, r.Level)
			}
		}
		for _, r := range rs.Power {
			if r.Dimension == dim {
				power = append(power, r.Level)
			}
		}
		if !slices.Equal(reasons, want) || !slices.Equal(power, want) {
			t.Errorf("%s: reasons.tsv %q, power.tsv %q, strata.tsv %q", dim, reasons, power, want)
		}
	}
	// Blood alone: its cancer types are strata's (patients with a failed
	// sample are left out there, so a subset).
	types := strataLevels(schema.DimCancerType)
	for _, g := range rs.BloodAlone {
		if g.Kind != schema.KindAll && g.Kind != schema.KindStage && !slices.Contains(types, g.CancerType) {
			t.Errorf("blood_alone.tsv names cancer type %q, not a level of strata.tsv", g.CancerType)
		}
	}
	// Models: a factor level is a level of the same dimension, or a merge
	// of such levels.
	for _, m := range rs.Models {
		if m.Level == "" || m.Term == schema.TermOrganGroup {
			continue
		}
		levels := strataLevels(m.Term)
		merged := strings.ContainsAny(m.Level, "-<>") && !slices.Contains(levels, m.Level) || m.Level == "other" || m.Level == "any"
		if !slices.Contains(levels, m.Level) && !(merged && (m.Term == schema.TermStage || m.Term == schema.TermTFTier || m.Level == "other")) {
			t.Errorf("models.tsv %s level %q is not a level of strata.tsv (%q)", m.Term, m.Level, levels)
		}
	}
	// The patients known by their code alone are named by OncoTree in every
	// table, never by the code: their diagnosis by the code's name, their
	// cancer type by its tissue.
	diagnoses := strataLevels(schema.DimDiagnosis)
	for code := range codeOnly {
		in, ok := oncotree.Lookup(code)
		if !ok {
			continue
		}
		if slices.Contains(types, code) || slices.Contains(diagnoses, code) {
			t.Errorf("strata.tsv names %s by its code", code)
		}
		// (spelled as the level's first patient spells it: maybe another
		// patient's lower-case text)
		if !slices.ContainsFunc(diagnoses, func(l string) bool { return strings.EqualFold(l, in.Name) }) {
			t.Errorf("strata.tsv lacks the diagnosis %q (OncoTree %s)", in.Name, code)
		}
		if !slices.Contains(types, in.Tissue) {
			t.Errorf("strata.tsv lacks the cancer type %q (OncoTree %s's tissue)", in.Tissue, code)
		}
		for _, r := range rs.Reasons {
			if r.Level == code {
				t.Errorf("reasons.tsv names %s by its code", code)
			}
		}
		for _, g := range rs.BloodAlone {
			if g.CancerType == code {
				t.Errorf("blood_alone.tsv names %s by its code", code)
			}
		}
	}
	if len(codeOnly) == 0 || !slices.Contains(types, schema.LevelUnknown) || !slices.Contains(diagnoses, schema.LevelUnknown) {
		t.Fatalf("the cohort lacks code-only patients (%v) or unknown ones (%q)", codeOnly, types)
	}
}
