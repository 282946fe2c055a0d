package explain

import (
	"math"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
)

// The failure modes of issue 12, seen on a real metastatic colorectal
// cohort, each as a hand-made patient.

const chFlags = concordance.FlagCHCandidate | concordance.FlagCHPossible | concordance.FlagCHEvidence

// 1. High tumour fraction: the tumour's own TP53 hotspots at 80% and 76%
// plasma VAF (loss of the other allele), a KRAS hotspot at 41%, no TF in
// the sheet. They are the tumour signal, not CH candidates (CH clones do
// not reach 35%: kbolton-lab/ArCH), not germline (at a tumour fraction of
// 80% such VAFs are tumour), and the tumour fraction estimate sees them.
// A TP53 call on one read is not graded; a DNMT3A R882H at 0.5% still is
// probable CH.
func TestFailureHighTumourFraction(t *testing.T) {
	b := newPatient(math.NaN(), math.NaN(), 10)
	tp53 := b.row("TP53", "p.R273H", "missense_variant", side{300, 500}, side{1600, 2000}) // 80%
	tp53b := b.row("TP53", "p.R175H", "missense_variant", none, side{1520, 2000})          // 76%, plasma only
	kras := b.row("KRAS", "p.G12D", "missense_variant", side{150, 500}, side{820, 2000})   // 41%
	apc := b.row("APC", "p.R1450*", "stop_gained", side{280, 500}, side{1500, 2000})       // 75%
	single := b.row("TP53", "p.R248Q", "missense_variant", none, side{1, 2000})            // one read
	dnmt3a := b.row("DNMT3A", "p.R882H", "missense_variant", none, side{10, 2000})         // 0.5%
	pr := classify(t, b, DefaultOptions())
	for _, i := range []int{tp53, tp53b, kras, apc} {
		r := &pr.Rows[i]
		if r.Flags&(chFlags|concordance.FlagGermlineLikely) != 0 {
			t.Errorf("%s %s at %.2f: flags %v, want none", r.Gene, r.Protein, r.Plasma.VAF(), r.Flags)
		}
	}
	if r := &pr.Rows[tp53b]; r.Reason == schema.ReasonCH || r.Reason == schema.ReasonGermline || r.CH == nil || r.CH.Probability != 0 {
		t.Errorf("plasma-only TP53 at 76%%: reason %q, CH %+v, want neither CH nor germline, probability 0", r.Reason, r.CH)
	}
	if r := &pr.Rows[single]; r.Flags&chFlags != 0 || r.CH != nil {
		t.Errorf("TP53 on one read: flags %v, CH %+v, want not graded", r.Flags, r.CH)
	}
	if r := &pr.Rows[dnmt3a]; !r.Flags.Has(concordance.FlagCHCandidate) || r.Reason != schema.ReasonCH {
		t.Errorf("DNMT3A R882H at 0.5%%: flags %v, reason %q, want ch_candidate", r.Flags, r.Reason)
	}
	if pr.TumorFractionSource != schema.SourceMSAF || !near(pr.TumorFraction, 0.8, 1e-12) {
		t.Errorf("tumour fraction %v (%s), want MSAF 0.80", pr.TumorFraction, pr.TumorFractionSource)
	}
}

// 2. Germline at high tumour fraction, and germline with loss of
// heterozygosity: see TestGermlineVAF for the VAF cases; here a patient
// holds both a tumour truncation at 52% (somatic at TF 80%) and a
// germline variant whose tumour lost the other allele (plasma
// (1 + 0.8)/2 = 90%, tissue (1 + 0.5)/2 = 75% at purity 50%: above what
// a somatic variant reaches in that biopsy, 50% × 1.25).
func TestFailureGermlineLOH(t *testing.T) {
	b := newPatient(math.NaN(), 0.5, 10)
	b.row("KRAS", "p.G12D", "missense_variant", side{150, 500}, side{800, 2000})        // 40%: TF 40–80%
	b.row("APC", "p.R1450*", "stop_gained", side{280, 500}, side{1600, 2000})           // 80%
	trunc := b.row("TP53", "p.R213*", "stop_gained", side{260, 500}, side{1040, 2000})  // 52%
	germ := b.row("BRCA2", "p.K3326*", "stop_gained", side{375, 500}, side{1800, 2000}) // 75% / 90%
	pr := classify(t, b, DefaultOptions())
	if r := &pr.Rows[trunc]; r.Flags.Has(concordance.FlagGermlineLikely) {
		t.Errorf("TP53 truncation at 52%% flagged germline_likely")
	}
	if r := &pr.Rows[germ]; !r.Flags.Has(concordance.FlagGermlineLikely) {
		t.Errorf("germline variant with loss of heterozygosity not flagged: %v", r.Flags)
	}
}

// 3. Negative WBC evidence: the WBC sample covers the site and lacks the
// allele, so the call is neither CH nor germline, whatever the rules say,
// and no exclusion drops it. Without coverage, absence means nothing;
// with too little, the WBC cannot tell and the rules decide.
func TestFailureWBCCoveredNegative(t *testing.T) {
	build := func(wbc []concordance.Evidence) (*builder, []int) {
		b := newPatient(math.NaN(), math.NaN(), 10)
		b.row("KRAS", "p.G12D", "missense_variant", side{200, 500}, side{400, 2000}) // tumour signal 20%
		var rows []int
		// TP53 R273H at 1%, plasma only: the rules make it probable CH.
		rows = append(rows, b.row("TP53", "p.R273H", "missense_variant", none, side{20, 2000}))
		// A germline-looking call in a patient with little ctDNA elsewhere? No:
		// 50% in plasma against a 20% signal, tissue 50%: germline-consistent.
		rows = append(rows, b.row("BRCA2", "p.K3326*", "stop_gained", side{250, 500}, side{1000, 2000}))
		for k, i := range rows {
			b.pr.Rows[i].WBC.Evidence = wbc[k]
		}
		return b, rows
	}
	gvcf := func(depth int) concordance.Evidence {
		return concordance.Evidence{Source: concordance.EvidenceGVCF, AltReads: -1, Depth: depth}
	}
	// First the rules alone: CH probable for TP53, germline for BRCA2.
	b, rows := build([]concordance.Evidence{{}, {}})
	pr := classify(t, b, DefaultOptions())
	if !pr.Rows[rows[0]].Flags.Has(concordance.FlagCHCandidate) || !pr.Rows[rows[1]].Flags.Has(concordance.FlagGermlineLikely) {
		t.Fatalf("without WBC: flags %v and %v, want ch_candidate and germline_likely", pr.Rows[rows[0]].Flags, pr.Rows[rows[1]].Flags)
	}
	// Covered (1,500 and 1,000 reads, no allele): absent, no flag, counted
	// whatever is excluded.
	opt := DefaultOptions()
	opt.Exclude = []string{schema.ExcludeCH, schema.ExcludeGermline}
	b, rows = build([]concordance.Evidence{gvcf(1500), {Source: concordance.EvidenceBAM, AltReads: 0, Depth: 1000}})
	pr = classify(t, b, opt)
	for _, i := range rows {
		r := &pr.Rows[i]
		if r.WBC.Status != schema.WBCAbsent || r.Flags&(chFlags|concordance.FlagGermlineLikely) != 0 || r.Excluded != "" || !r.Counted() {
			t.Errorf("%s covered and lacking in WBC: status %q, flags %v, excluded %q", r.Gene, r.WBC.Status, r.Flags, r.Excluded)
		}
	}
	if r := &pr.Rows[rows[0]]; r.Reason == schema.ReasonCH || r.CH != nil {
		t.Errorf("TP53 absent from WBC: reason %q, CH %+v", r.Reason, r.CH)
	}
	// 150 reads without the allele cannot exclude a 1% clone (Wilson
	// bounds overlap): inconclusive, the rules decide.
	b, rows = build([]concordance.Evidence{gvcf(150), {}})
	pr = classify(t, b, DefaultOptions())
	if r := &pr.Rows[rows[0]]; r.WBC.Status != schema.WBCInconclusive || !r.Flags.Has(concordance.FlagCHCandidate) {
		t.Errorf("shallow WBC: status %q, flags %v, want inconclusive and ch_candidate", r.WBC.Status, r.Flags)
	}
	// The WBC carries it at 1.2%: CH by evidence; at 48%: germline.
	b, rows = build([]concordance.Evidence{{Source: concordance.EvidenceBAM, AltReads: 12, Depth: 1000}, {Source: concordance.EvidenceBAM, AltReads: 480, Depth: 1000}})
	pr = classify(t, b, DefaultOptions())
	if r := &pr.Rows[rows[0]]; r.WBC.Status != schema.WBCPresent || !r.Flags.Has(concordance.FlagCHEvidence) || r.Flags.Has(concordance.FlagCHCandidate) {
		t.Errorf("WBC 12/1000: status %q, flags %v, want present, ch_evidence only", r.WBC.Status, r.Flags)
	}
	if r := &pr.Rows[rows[1]]; r.WBC.Status != schema.WBCPresent || !r.Flags.Has(concordance.FlagGermlineLikely) {
		t.Errorf("WBC 480/1000: status %q, flags %v, want present, germline_likely", r.WBC.Status, r.Flags)
	}
}

// 4. CH beyond DNMT3A/TET2/ASXL1: an ATM missense change at 1% (no CH
// residue of the rules) against a tumour signal of 20%, missing from a
// tissue that would have shown a tumour variant at that ratio only
// faintly: the gene's prior (Magee et al. 2025: 20.1% of ATM plasma
// variants are CH, odds 0.201/0.799) times the VAF ratio's 0.5/0.05 = 10
// gives odds 2.52, probability 0.72: probable CH. An APC change of the same VAF
// stays unflagged (prior 2%: odds 0.2, probability 0.17), and so does an
// ATM change at the tumour's level.
func TestFailureCHBeyondMyeloidGenes(t *testing.T) {
	b := newPatient(math.NaN(), math.NaN(), 10)
	b.row("KRAS", "p.G12D", "missense_variant", side{200, 500}, side{400, 2000})
	atm := b.row("ATM", "p.V2424G", "missense_variant", none, side{20, 2000})
	apc := b.row("APC", "p.S1234L", "missense_variant", none, side{20, 2000})
	atmHigh := b.row("ATM", "p.R1466*", "stop_gained", side{150, 500}, side{380, 2000})
	pr := classify(t, b, DefaultOptions())
	if r := &pr.Rows[atm]; !r.Flags.Has(concordance.FlagCHCandidate) || r.Reason != schema.ReasonCH || r.CH == nil ||
		!near(r.CH.Probability, odds(0.201, 10)/(1+odds(0.201, 10)), 1e-9) {
		t.Errorf("ATM at 1%%: flags %v, reason %q, CH %+v, want ch_candidate with probability 0.72", r.Flags, r.Reason, r.CH)
	}
	if r := &pr.Rows[apc]; r.Flags&chFlags != 0 || r.CH == nil || !near(r.CH.Probability, odds(0.02, 10)/(1+odds(0.02, 10)), 1e-9) {
		t.Errorf("APC at 1%%: flags %v, CH %+v, want unflagged", r.Flags, r.CH)
	}
	if r := &pr.Rows[atmHigh]; r.Flags&chFlags != 0 {
		t.Errorf("ATM at the tumour's level, shared: flags %v", r.Flags)
	}
	// Age moves the odds: 2^((85 − 65)/10) = 4 makes the APC change
	// possible CH (odds 0.82, probability 0.45).
	b.pr.Patient.Age = 85
	for i := range b.pr.Rows {
		b.pr.Rows[i].Flags, b.pr.Rows[i].CH = 0, nil
	}
	pr = classify(t, b, DefaultOptions())
	if r := &pr.Rows[apc]; !r.Flags.Has(concordance.FlagCHPossible) {
		t.Errorf("APC at 1%% aged 85: flags %v, CH %+v, want ch_possible", r.Flags, r.CH)
	}
}

// odds is a prior's odds times a likelihood ratio.
func odds(prior, lr float64) float64 { return prior / (1 - prior) * lr }
