package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/explain"
)

// The explanation tables (reasons.tsv, power.tsv, blood_alone.tsv) of the
// fixture cohort, made by the packages that make them in a run: each
// generated alteration becomes a concordance.Row whose reason and
// detection power follow simple rules of the generator (not concord's
// classifier: these are drawing fixtures), then explain.Reasons,
// explain.Power and actionable.BloodAlone summarise them.

// fixtureActionable is a gene-level table: the generator's protein changes
// are placeholders (p.X123Y), so rules name genes and classes.
const fixtureActionable = "gene\talteration\tcohort\tsource\n" +
	"EGFR\tmutation\tEGFR\tfixture\n" +
	"KRAS\tmutation\tKRAS\tfixture\n" +
	"BRAF\tmutation\tBRAF\tfixture\n" +
	"PIK3CA\tmutation\tPIK3CA\tfixture\n" +
	"IDH1\tmutation\tIDH1\tfixture\n" +
	"ALK\tfusion\tALK fusion\tfixture\n" +
	"FGFR2\tfusion\tFGFR2 fusion\tfixture\n" +
	"ERBB2\tamplification\tERBB2 amplification\tfixture\n"

// fixtureMinPatients is small so that the 30-patient fixture has judged
// groups to draw.
const fixtureMinPatients = 3

func writeExplain(dir string, pts []*patient, alts []alt) {
	classes := map[string]concordance.Class{}
	for _, c := range concordance.Classes() {
		classes[c.String()] = c
	}
	statuses := map[string]concordance.Status{"called": concordance.Called, "below_threshold": concordance.BelowThreshold,
		"not_detected": concordance.NotDetected, "not_covered": concordance.NotCovered}
	categories := map[string]concordance.Category{"shared": concordance.Shared, "tissue_only": concordance.TissueOnly,
		"plasma_only": concordance.PlasmaOnly, "not_compared": concordance.NotCompared}
	results := make([]concordance.PatientResult, len(pts))
	index := map[*patient]int{}
	for i, p := range pts {
		pt := &concordance.Patient{ID: p.id, CancerType: p.cancer, OncotreeCode: p.code, Stage: p.stage,
			TumorFraction: p.tf, TumorPurity: math.NaN(), Age: math.NaN()}
		if p.days >= 0 {
			pt.TissueDate = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
			pt.PlasmaDate = pt.TissueDate.AddDate(0, 0, p.days)
		}
		results[i] = concordance.PatientResult{Patient: pt, TumorFraction: p.tf, Purity: 0.5}
		index[p] = i
	}
	for i := range alts {
		a := &alts[i]
		alt := concordance.Alteration{Class: classes[a.class], Gene: a.gene, Protein: a.prot}
		if a.chrom != "." {
			alt.Variant = concordance.Variant{Chrom: a.chrom, Pos: a.pos, Ref: a.ref, Alt: a.alt}
		}
		r := concordance.Row{Alteration: alt, Category: categories[a.cat]}
		for _, s := range []struct {
			side   concordance.Side
			status string
			vaf    float64
			depth  int
		}{{concordance.Tissue, a.ts, a.tvaf, a.tdepth}, {concordance.Plasma, a.ps, a.pvaf, a.pdepth}} {
			o := r.Side(s.side)
			o.Status = statuses[s.status]
			if s.status == "called" {
				c := concordance.NewCall(s.side, alt, concordance.Source{})
				c.VAF, c.Depth = s.vaf, s.depth
				o.Calls = []*concordance.Call{&c}
			}
		}
		if strings.Contains(a.flags, "ch_candidate") {
			r.Flags |= concordance.FlagCHCandidate
		}
		tf := a.p.tf
		if a.ts == "called" && alt.Class.IsSmall() && !math.IsNaN(tf) {
			ev := a.tvaf * tf / 0.5
			r.Power = &concordance.Power{Side: concordance.Plasma, ExpectedVAF: ev, Depth: a.pdepth,
				Probability: explain.DetectionPower(a.pdepth, ev, 5, 0.002)}
		}
		r.Reason = fixtureReason(a)
		pr := &results[index[a.p]]
		pr.Rows = append(pr.Rows, r)
	}
	for i := range results {
		results[i].Counts = concordance.CountRows(results[i].Rows)
	}
	var b bytes.Buffer
	must(explain.WriteReasons(&b, explain.Reasons(results)))
	must(os.WriteFile(filepath.Join(dir, "reasons.tsv"), b.Bytes(), 0o644))
	b.Reset()
	must(explain.WritePower(&b, explain.Power(results)))
	must(os.WriteFile(filepath.Join(dir, "power.tsv"), b.Bytes(), 0o644))
	table, err := actionable.Read(strings.NewReader(fixtureActionable), "fixture")
	must(err)
	b.Reset()
	must(actionable.WriteBloodAlone(&b, actionable.BloodAlone(results, table, actionable.Options{MinPatients: fixtureMinPatients})))
	must(os.WriteFile(filepath.Join(dir, "blood_alone.tsv"), b.Bytes(), 0o644))
}

// fixtureReason gives a generated alteration called on one side only a
// reason by simple rules on the generator's quantities.
func fixtureReason(a *alt) string {
	tCalled, pCalled := a.ts == "called", a.ps == "called"
	switch {
	case tCalled && !pCalled:
		switch {
		case a.ps == "not_covered":
			return explain.ReasonNotCovered
		case a.ps == "below_threshold":
			return explain.ReasonBelowThreshold
		case math.IsNaN(a.p.tf) || a.p.tf < 0.005:
			return explain.ReasonLowPower
		case a.p.days > 60:
			return explain.ReasonSamplingInterval
		case a.tvaf < 0.1:
			return explain.ReasonSubclonal
		}
		return explain.ReasonLowPower
	case pCalled && !tCalled:
		switch {
		case strings.Contains(a.flags, "ch_candidate"):
			return explain.ReasonCH
		case a.pvaf < 0.005:
			return explain.ReasonLowPurity
		}
		return explain.ReasonHeterogeneity
	}
	return ""
}
