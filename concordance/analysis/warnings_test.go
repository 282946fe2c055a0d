package analysis

import (
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
)

func warningsPerPatient() *PerPatient {
	indel := concordance.Row{Alteration: concordance.Alteration{Class: concordance.Indel, Gene: "EGFR",
		Variant: concordance.Variant{Chrom: "chr7", Pos: 55242464, Ref: "AGGAATTAAGAGAAGC", Alt: "A"}}}
	pp := &PerPatient{Ledger: &concordance.Ledger{}}
	for _, id := range []string{"P1", "P2", "P3"} {
		pp.Patients = append(pp.Patients, concordance.PatientResult{Patient: &concordance.Patient{ID: id}, Rows: []concordance.Row{indel}})
	}
	pp.Patients[1].Failed[concordance.Plasma] = true
	// Tissue: 93 of 100 records filtered (issue 11's Mutect2-style cohort
	// lost 93%); plasma: 65 of 100 (the demo's DRAGEN share), under the
	// four-in-five line.
	pp.Ledger.Add("t.vcf", "P1", concordance.Tissue, concordance.ReasonFiltered, "", 93)
	pp.Ledger.Add("t.vcf", "P1", concordance.Tissue, concordance.ReasonUsed, "", 7)
	pp.Ledger.Add("p.vcf", "P3", concordance.Plasma, concordance.ReasonFiltered, "", 65)
	pp.Ledger.Add("p.vcf", "P3", concordance.Plasma, concordance.ReasonUsed, "", 35)
	pp.Ledger.Add("t2.vcf", "P2", concordance.Tissue, concordance.ReasonGermline, "", 4)
	pp.Ledger.Add("t3.vcf", "P3", concordance.Tissue, concordance.ReasonGermline, "", 1)
	return pp
}

// TestHeadlineWarnings (issue 11 §7): each warning appears when its cause
// is there and only then.
func TestHeadlineWarnings(t *testing.T) {
	pp := warningsPerPatient()
	got := headlineWarnings(pp, &Options{})
	want := []string{
		// Three indel rows, no reference.
		"no --reference: 3 indel rows were trimmed but not left-aligned",
		// 93/100 tissue records filtered; plasma's 65% is not warned about.
		"the FILTER rule (PASS or '.' only) removed 93% of the tissue calls (93 of 100 records)",
		// P1 has no plasma record at all; P2's plasma failed, P3 has records.
		"1 plasma samples have no call at all in their files (P1): ctDNA counts as not detected for them",
	}
	if len(got) != len(want) {
		t.Fatalf("%d warnings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\n got %s\nwant %s...", i, got[i], want[i])
		}
	}

	pp.Reference = "ref.fa"
	pp.Ledger.Add("p1.vcf", "P1", concordance.Plasma, concordance.ReasonGermline, "", 1) // a germline record: the sample was assessed
	if got := headlineWarnings(pp, &Options{AllFilters: true}); len(got) != 0 {
		t.Errorf("with a reference, --all-filters and a record in every sample: %q", got)
	}
}

// TestPairingWarning (issue 11 §6): the headline names the pairing rule
// when a patient had several samples of a kind.
func TestPairingWarning(t *testing.T) {
	pp := &PerPatient{Ledger: &concordance.Ledger{}, Reference: "ref.fa", Pairs: &schema.Pairs{Choices: []schema.PairChoice{
		{Patient: "A", TissueCandidates: []string{"A-T"}, PlasmaCandidates: []string{"A-L"}, Rule: "only"},
		{Patient: "B", TissueCandidates: []string{"B-T1", "B-T2"}, PlasmaCandidates: []string{"B-L"}, Rule: "latest collected"},
	}}}
	got := headlineWarnings(pp, &Options{Pairing: "latest"})
	if len(got) != 1 || !strings.HasPrefix(got[0], "cBioPortal pairing --pairing latest: 1 of 2 patients have several tissue or plasma samples (B): 1 latest collected;") {
		t.Errorf("warnings %q", got)
	}
	pp.Pairs.Choices = pp.Pairs.Choices[:1]
	if got := headlineWarnings(pp, &Options{}); len(got) != 0 {
		t.Errorf("one sample of each kind, yet %q", got)
	}
}

// TestUniverseWarning (issue 11 §5): more than a tenth of the comparable
// alterations outside the universe is named, with the panels; rows of a
// failed sample count neither way.
func TestUniverseWarning(t *testing.T) {
	row := func(c concordance.Category, f concordance.Flags) concordance.Row {
		return concordance.Row{Alteration: concordance.Alteration{Class: concordance.Amplification, Gene: "MYC"}, Category: c, Flags: f}
	}
	in, off := row(concordance.Shared, 0), row(concordance.NotCompared, concordance.FlagOffPanel)
	pp := &PerPatient{Ledger: &concordance.Ledger{}, Reference: "ref.fa",
		Panels: [2][]string{{"exome (every gene)"}, {"TSO500 ctDNA"}},
		Patients: []concordance.PatientResult{
			{Patient: &concordance.Patient{ID: "P1"}, Rows: []concordance.Row{in, in, in, in, in, in, in, in, in, off}},
			{Patient: &concordance.Patient{ID: "P2"}, Rows: []concordance.Row{off, off, off}, Failed: [2]bool{false, true}},
		}}
	for i := range pp.Patients {
		pp.Ledger.Add("f", pp.Patients[i].Patient.ID, concordance.Tissue, concordance.ReasonUsed, "", 1)
		pp.Ledger.Add("f", pp.Patients[i].Patient.ID, concordance.Plasma, concordance.ReasonUsed, "", 1)
	}
	// An out-of-scope row off the panels counts neither way (--scope).
	oos := off
	oos.Reason = schema.ReasonOutOfScope
	pp.Patients[0].Rows = append(pp.Patients[0].Rows, oos, oos)
	// 1 of 10: a tenth exactly is not "more than a tenth".
	if got := headlineWarnings(pp, &Options{}); len(got) != 0 {
		t.Errorf("1 of 10 outside: %q", got)
	}
	pp.Patients[0].Rows = append(pp.Patients[0].Rows, off)
	got := headlineWarnings(pp, &Options{})
	want := "18% of the alterations (2 of 11) lie outside the comparison universe and are not compared (tissue panel: exome (every gene); plasma panel: TSO500 ctDNA)"
	if len(got) != 1 || !strings.HasPrefix(got[0], want) || !strings.Contains(got[0], "--universe all") {
		t.Errorf("warnings %q, want %q...", got, want)
	}
}
