package analysis

import (
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/scope"
	"github.com/concord-oncology/concord/concordance/strata"
	"github.com/concord-oncology/concord/stats"
)

// summarize makes summary.json's headline part from the per-patient
// results and the strata table (whose "all" row holds the bootstrap
// intervals of the headline numbers).
func summarize(pp *PerPatient, st *strata.Table, opt *Options) *schema.Summary {
	s := &schema.Summary{
		Synthetic:    pp.Synthetic,
		Patients:     len(pp.Patients),
		MatchTiers:   map[string]int{},
		ByClass:      map[string]schema.Counts{},
		PatientLevel: patientLevel(pp.Patients),
		Biomarkers:   biomarkerAgreement(pp.Patients),
		Notes:        []string{},
		Warnings:     headlineWarnings(pp, opt),
		Scope:        scopeSummary(pp.Patients, opt.Scope),
	}
	var total concordance.Counts
	byClass := map[concordance.Class]concordance.Counts{}
	for i := range pp.Patients {
		pr := &pp.Patients[i]
		total = total.Add(pr.Counts)
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
		for _, n := range pr.Notes {
			if s.NotesTotal++; len(s.Notes) < schema.MaxNotes {
				s.Notes = append(s.Notes, pr.Patient.ID+": "+n)
			}
		}
	}
	for c, n := range byClass {
		s.ByClass[c.String()] = schema.NewCounts(n.Shared, n.TissueOnly, n.PlasmaOnly)
	}
	h := schema.NewHeadline(total.Shared, total.TissueOnly, total.PlasmaOnly)
	s.Alterations, s.UnionShares, s.PPA, s.PPV = h.Counts, h.UnionShares, h.PPA, h.PPV
	bootstrapIntervals(s, st)
	s.Skipped = pp.Skipped
	s.Ledger = ledgerTotals(pp.Ledger)
	s.Normalisation = normalisation(pp.Reference)
	s.Provenance = schema.Provenance{Version: opt.Version, Command: opt.Command, InputsFile: schema.ProvenanceFile,
		Parameters: opt.Parameters}
	s.Provenance.InputFiles, s.Provenance.InputBytes = pp.InputTotals()
	if s.Provenance.Parameters == nil {
		s.Provenance.Parameters = map[string]any{}
	}
	return s
}

// scopeSummary says which scope counted and how many rows it left out or
// kept undecided.
func scopeSummary(patients []concordance.PatientResult, o scope.Options) schema.ScopeSummary {
	name := o.Scope.String()
	s := schema.ScopeSummary{Name: name, Definition: schema.ScopeDefinitions[name], OutOfScopeByClass: map[string]int{}}
	if o.Scope == scope.Reportable {
		cn, reads := o.MinCopyNumber, o.MinFusionReads
		s.MinCopyNumber, s.MinFusionReads = &cn, &reads
	}
	for i := range patients {
		for j := range patients[i].Rows {
			r := &patients[i].Rows[j]
			if r.Reason == schema.ReasonOutOfScope {
				s.OutOfScope++
				s.OutOfScopeByClass[r.Class.String()]++
			}
			if r.Flags.Has(concordance.FlagScopeUnknown) {
				s.ScopeUnknown++
				if r.Counted() {
					s.ScopeUnknownCounted++
				}
			}
		}
	}
	return s
}

// patientLevel counts patients by what was found in them.
func patientLevel(patients []concordance.PatientResult) schema.PatientLevel {
	var pl schema.PatientLevel
	for i := range patients {
		c := patients[i].Counts
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
	}
	return pl
}

// bootstrapIntervals copies the patient-bootstrap intervals of the
// strata's "all" row onto the headline; nothing when the bootstrap was off.
func bootstrapIntervals(s *schema.Summary, st *strata.Table) {
	if st == nil || st.Bootstrap == nil || len(st.Strata) == 0 {
		return
	}
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

func ledgerTotals(led *concordance.Ledger) schema.LedgerTotals {
	read, used, excluded := led.Totals()
	t := schema.LedgerTotals{RecordsRead: read, RecordsUsed: used, RecordsExcluded: excluded, ExcludedBy: map[string]int64{}}
	for reason, n := range led.ByReason() {
		if reason != concordance.ReasonUsed {
			t.ExcludedBy[reason] = n
		}
	}
	return t
}

func normalisation(reference string) schema.Normalisation {
	if reference != "" {
		return schema.Normalisation{Reference: &reference, LeftAligned: true,
			Note: "multi-allelic records split, alleles trimmed and indels left-aligned against the reference; REF checked against the reference"}
	}
	return schema.Normalisation{LeftAligned: false,
		Note: "no --reference given: alleles split and trimmed only, indels NOT left-aligned and REF not checked; equivalent indels written at different positions of a repeat will not match"}
}

// biomarkerAgreement computes the sample-level agreement of a cohort, kept
// apart from the alteration counts (issue 6): TMB by rank correlation and
// Bland–Altman, MSI status by a 2×2 table with Cohen's kappa and PABAK.
func biomarkerAgreement(patients []concordance.PatientResult) schema.Biomarkers {
	var b schema.Biomarkers
	var tx, px []float64
	var t stats.Table2x2
	for i := range patients {
		tb, pb := patients[i].Biomarkers[concordance.Tissue], patients[i].Biomarkers[concordance.Plasma]
		if concordance.Known(tb.TMB) && concordance.Known(pb.TMB) {
			tx, px = append(tx, tb.TMB), append(px, pb.TMB)
		}
		th, tok := msiHigh(tb.MSIStatus)
		ph, pok := msiHigh(pb.MSIStatus)
		if tok && pok {
			switch {
			case th && ph:
				t.A++
			case th:
				t.B++
			case ph:
				t.C++
			default:
				t.D++
			}
		}
	}
	b.TMB = schema.TMBAgreement{Pairs: len(tx), Method: "Spearman rank correlation (cor.test, exact = FALSE); Bland-Altman with 95% limits"}
	if c := stats.Spearman(tx, px); c.Defined() {
		b.TMB.SpearmanRho, b.TMB.SpearmanP = schema.Finite(c.Rho), schema.Finite(c.P)
	}
	if a := stats.BlandAltman(tx, px, 0.95); a.Defined() {
		b.TMB.Bias, b.TMB.BiasCILow, b.TMB.BiasCIHigh = schema.Finite(a.Bias.Estimate), schema.Finite(a.Bias.Low), schema.Finite(a.Bias.High)
		b.TMB.LimitLow, b.TMB.LimitHigh = schema.Finite(a.Lower), schema.Finite(a.Upper)
	}
	b.MSI = schema.MSIAgreement{Pairs: t.N(), BothHigh: t.A, TissueOnlyHigh: t.B, PlasmaOnlyHigh: t.C, BothStable: t.D,
		Note: "only samples whose file states an MSI status are compared; scores on different scales (tissue % unstable sites, ctDNA SUM_JSD) are not thresholded here"}
	if k := stats.CohenKappa(t, 0.95); t.N() > 0 {
		b.MSI.Agreement, b.MSI.PABAK = schema.Finite(k.Observed), schema.Finite(k.PABAK)
		if k.Defined() {
			b.MSI.Kappa, b.MSI.KappaCILow, b.MSI.KappaCIHigh = schema.Finite(k.Kappa.Estimate), schema.Finite(k.Kappa.Low), schema.Finite(k.Kappa.High)
		}
	}
	return b
}

// msiHigh reads an MSI status: MSI-H / MSI-High / unstable → true;
// MSS / MSI-L / stable → false; anything else unknown.
func msiHigh(s string) (high, ok bool) {
	u := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	switch {
	case u == "":
		return false, false
	case strings.HasPrefix(u, "MSI-H"), u == "MSIH", u == "MSI-HIGH", strings.Contains(u, "UNSTABLE") && !strings.Contains(u, "NOT"):
		return true, true
	case u == "MSS", strings.HasPrefix(u, "MSI-L"), u == "MSIL", strings.Contains(u, "STABLE"):
		return false, true
	}
	return false, false
}

// bloodAloneSummary is summary.json's blood_alone block: the cohort row of
// blood_alone.tsv and the judged cancer types in rank order.
func bloodAloneSummary(groups []actionable.Group, table string, minimum int) *schema.BloodAloneSummary {
	out := &schema.BloodAloneSummary{Table: table, MinPatients: minimum, Ranked: []schema.RankedCancer{}}
	// (the judged cancer types come in rank order: the first MaxRanked
	// are listed, all counted)
	for _, g := range groups {
		switch {
		case g.Kind == schema.KindAll:
			out.Patients, out.WithActionable = g.Patients, g.WithActionable
			out.FoundAny = schema.WilsonProportion(g.FoundAny, g.WithActionable, schema.DefinitionFoundAny)
			out.FoundAll = schema.WilsonProportion(g.FoundAll, g.WithActionable, schema.DefinitionFoundAll)
		case g.Kind == schema.KindCancer && g.Judged:
			if out.RankedTotal++; len(out.Ranked) < schema.MaxRanked {
				out.Ranked = append(out.Ranked, schema.RankedCancer{Rank: g.Rank, CancerType: g.CancerType,
					FoundAny: schema.WilsonProportion(g.FoundAny, g.WithActionable, schema.DefinitionFoundAny)})
			}
		}
	}
	return out
}
