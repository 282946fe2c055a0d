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
