package output

import (
	"encoding/json"
	"io"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/strata"
)

// Summary is summary.json (schema.Summary).
type Summary = schema.Summary

// InputFile is one input with its checksum (schema.InputFile).
type InputFile = schema.InputFile

// SummaryOptions carry what the analysis itself does not know.
type SummaryOptions struct {
	Synthetic  bool
	Reference  string // path of the reference FASTA, "" when none was given
	Version    string
	Command    string
	Inputs     []InputFile // the call files plus sheet and reference
	Parameters map[string]any
	// Strata, when given, supplies the bootstrap intervals of the
	// headline numbers (its "all" row).
	Strata *strata.Table
}

// NewSummary summarises a run.
func NewSummary(res *pipeline.Result, opt SummaryOptions) *Summary {
	s := &Summary{
		Synthetic:  opt.Synthetic,
		Patients:   len(res.Patients),
		MatchTiers: map[string]int{},
		ByClass:    map[string]schema.Counts{},
	}
	var total concordance.Counts
	byClass := map[concordance.Class]concordance.Counts{}
	for i := range res.Patients {
		pr := &res.Patients[i]
		total = total.Add(pr.Counts)
		c := pr.Counts
		pl := &s.PatientLevel
		if c.Total() > 0 {
			pl.WithAnyAlteration++
		}
		if c.Shared > 0 {
			pl.WithShared++
		}
		if c.TissueOnly > 0 {
			pl.WithTissueOnly++
		}
		if c.PlasmaOnly > 0 {
			pl.WithPlasmaOnly++
		}
		if c.Shared+c.PlasmaOnly > 0 {
			pl.WithPlasmaCall++
		}
		if c.Shared+c.TissueOnly > 0 {
			pl.WithTissueCall++
		}
		for j := range pr.Rows {
			r := &pr.Rows[j]
			if !r.Counted() {
				continue
			}
			bc := byClass[r.Class]
			bc.Count(r.Category)
			byClass[r.Class] = bc
			if r.Category == concordance.Shared {
				s.MatchTiers[r.Tier.String()]++
			}
		}
	}
	s.Biomarkers = BiomarkerAgreement(res.Patients)
	s.Notes = []string{}
	for i := range res.Patients {
		for _, n := range res.Patients[i].Notes {
			s.Notes = append(s.Notes, res.Patients[i].Patient.ID+": "+n)
		}
	}
	for c, n := range byClass {
		s.ByClass[c.String()] = counts(n)
	}
	h := schema.NewHeadline(total.Shared, total.TissueOnly, total.PlasmaOnly)
	s.Alterations, s.UnionShares, s.PPA, s.PPV = h.Counts, h.UnionShares, h.PPA, h.PPV
	if st := opt.Strata; st != nil && st.Bootstrap != nil && len(st.Strata) > 0 {
		all := st.Overall()
		s.UnionSharesBootstrap = &schema.SharesBootstrap{
			Shared:     schema.NewInterval(all.SharesBoot[0]),
			TissueOnly: schema.NewInterval(all.SharesBoot[1]),
			PlasmaOnly: schema.NewInterval(all.SharesBoot[2]),
		}
		s.PPA.BootLow, s.PPA.BootHigh = schema.Finite(all.PPABoot.Low), schema.Finite(all.PPABoot.High)
		s.PPV.BootLow, s.PPV.BootHigh = schema.Finite(all.PPVBoot.Low), schema.Finite(all.PPVBoot.High)
		b := st.Bootstrap
		s.Bootstrap = &schema.Bootstrap{Method: "patient-clustered bootstrap, percentile intervals", Replicates: b.Replicates,
			Seed: b.Seed, Level: b.Level, ValidReplicates: b.Valid}
	}

	read, used, excluded := res.Ledger.Totals()
	s.Ledger = schema.LedgerTotals{RecordsRead: read, RecordsUsed: used, RecordsExcluded: excluded, ExcludedBy: map[string]int64{}}
	for reason, n := range res.Ledger.ByReason() {
		if reason != concordance.ReasonUsed {
			s.Ledger.ExcludedBy[reason] = n
		}
	}
	if opt.Reference != "" {
		ref := opt.Reference
		s.Normalisation = schema.Normalisation{Reference: &ref, LeftAligned: true,
			Note: "multi-allelic records split, alleles trimmed and indels left-aligned against the reference; REF checked against the reference"}
	} else {
		s.Normalisation = schema.Normalisation{LeftAligned: false,
			Note: "no --reference given: alleles split and trimmed only, indels NOT left-aligned and REF not checked; equivalent indels written at different positions of a repeat will not match"}
	}
	s.Provenance = schema.Provenance{Version: opt.Version, Command: opt.Command, Inputs: opt.Inputs, Parameters: opt.Parameters}
	if s.Provenance.Inputs == nil {
		s.Provenance.Inputs = []InputFile{}
	}
	return s
}

func counts(c concordance.Counts) schema.Counts {
	return schema.NewCounts(c.Shared, c.TissueOnly, c.PlasmaOnly)
}

// WriteSummary writes summary.json, indented, with a final newline.
func WriteSummary(w io.Writer, s *Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// InputsOf lists the inputs with paths relative to the base.
func InputsOf(res *pipeline.Result, paths Paths) []InputFile {
	out := make([]InputFile, len(res.Inputs))
	for i, in := range res.Inputs {
		out[i] = InputFile{Path: paths.Rel(in.Path), SHA256: in.SHA256, Bytes: in.Bytes, Format: in.Format}
	}
	return out
}
