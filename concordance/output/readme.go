package output

import (
	"fmt"
	"io"

	"github.com/concord-oncology/concord/concordance/schema"
)

// WriteReadme writes the README.md of a results folder: what each file
// holds and, for a simulated cohort, that none of it is patient data.
func WriteReadme(w io.Writer, s *schema.Summary) error {
	var err error
	p := func(format string, args ...any) {
		if err == nil {
			_, err = fmt.Fprintf(w, format, args...)
		}
	}
	p("# concord results\n\n")
	if s.Synthetic {
		p("**SYNTHETIC COHORT.** These results come from a cohort simulated by `concord simulate`\n")
		p("(docs/simulation.md): no patient data. Its default reproduces the published IMPRESS-Norway\n")
		p("shares by calibration; nothing here is a clinical finding.\n\n")
	}
	p("%d patients; %d alterations compared: %d shared, %d tissue-only, %d plasma-only.\n",
		s.Patients, s.Alterations.Total, s.Alterations.Shared, s.Alterations.TissueOnly, s.Alterations.PlasmaOnly)
	p("Produced by concord %s: `%s`.\n\n", s.Provenance.Version, s.Provenance.Command)
	p("| file | what |\n|---|---|\n")
	for _, f := range [][2]string{
		{"summary.json", "headline counts, union shares, PPA and PPV with Wilson and patient-bootstrap intervals, ledger totals, provenance"},
		{"alterations.tsv", "one row per patient × alteration: statuses, category, match tier, VAFs, flags, sources"},
		{"patients.tsv", "one row per patient: counts, PPA, tumour fraction"},
		{"ledger.tsv", "every input record, used or excluded with its reason"},
		{"strata.tsv", "one row per dimension × level: counts, union shares, PPA, PPV with Wilson and patient-bootstrap intervals, a test across levels"},
		{"patient_strata.tsv", "one row per dimension × level, patients as the unit: ctDNA detected, patients with a shared alteration"},
		{"models.tsv", "one row per model term: odds ratios of plasma detection of tissue alterations, patient-clustered intervals"},
		{"reasons.tsv", "why alterations are found on one side only, counted by reason per stratum"},
		{"power.tsv", "tissue alterations the plasma was expected to detect (detection power) against those it did, per stratum"},
		{"blood_alone.tsv", "per cancer type × stage group: patients with an actionable tissue alteration and how often plasma alone found it"},
		{schema.PartialFile, "the per-patient results in concord's compact form (runs, not the demo), for `concord merge` and `concord run --add-to` (not for other tools: the tables hold the same)"},
	} {
		p("| `%s` | %s |\n", f[0], f[1])
	}
	p("\nThe columns of every table are described in concord's docs/outputs.md.\n")
	return err
}
