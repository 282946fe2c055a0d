package explain

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

// The caller's threshold is max(minAlt, ⌈minVAF·depth⌉): at 2,500× and
// 0.2%, five reads (0.002 × 2500 = 5 exactly, not rounded up to 6); at
// 3,000×, six.
func TestDetectionPowerMatchesR(t *testing.T) {
	for _, tc := range []struct {
		depth  int
		vaf    float64
		wantK  int
		wantPw float64
	}{
		{2500, 0.002, 5, 0.55968237560572121}, // pbinom(4, 2500, 0.002, lower.tail=FALSE)
		{3000, 0.002, 6, 0.55448116051473528}, // pbinom(5, 3000, 0.002, lower.tail=FALSE)
		{1500, 0.01, 5, 0.9991783769500886},   // pbinom(4, 1500, 0.01, lower.tail=FALSE)
	} {
		if k := MinAltReads(tc.depth, 5, 0.002); k != tc.wantK {
			t.Errorf("MinAltReads(%d) = %d, want %d", tc.depth, k, tc.wantK)
		}
		if got := DetectionPower(tc.depth, tc.vaf, 5, 0.002); !near(got, tc.wantPw, 1e-12) {
			t.Errorf("DetectionPower(%d, %v) = %.17g, want %.17g", tc.depth, tc.vaf, got, tc.wantPw)
		}
	}
	if !math.IsNaN(DetectionPower(1000, math.NaN(), 5, 0.002)) || !math.IsNaN(DetectionPower(0, 0.1, 5, 0.002)) {
		t.Error("power of an unknown VAF or depth is not NaN")
	}
	// Averaging over a spread of depths keeps the power inside the range
	// of its nodes and equals the plain power without spread.
	plain := DetectionPower(1500, 0.004, 5, 0.002)
	if got := spreadPower(1500, 0, 0.004, 5, 0.002); got != plain {
		t.Errorf("spreadPower without spread %v, want %v", got, plain)
	}
	lo, hi := DetectionPower(100, 0.004, 5, 0.002), DetectionPower(100000, 0.004, 5, 0.002)
	if got := spreadPower(1500, 0.3, 0.004, 5, 0.002); !(got > lo && got < hi) || math.Abs(got-plain) > 0.1 {
		t.Errorf("spreadPower 0.3 = %v (plain %v)", got, plain)
	}
}

func call(gene, protein, consequence, exon string) *concordance.Call {
	c := concordance.NewCall(concordance.Plasma, concordance.Alteration{Class: concordance.SNV, Gene: gene, Protein: protein,
		Variant: concordance.Variant{Chrom: "chr1", Pos: 100, Ref: "A", Alt: "T"}}, concordance.Source{})
	c.Consequence, c.Exon = consequence, exon
	return &c
}

// CH rules on real CH notations (Jaiswal 2014; Bolton 2020; the M-CHIP
// table): the gene's rule decides, by effect, codon and exon.
func TestMatchCH(t *testing.T) {
	for _, tc := range []struct {
		gene, protein, consequence, exon string
		match, specific                  bool
	}{
		{"DNMT3A", "p.R882H", "missense_variant", "23/23", true, true},
		{"DNMT3A", "p.Arg882Cys", "missense_variant", "23/23", true, true}, // three-letter HGVS
		{"DNMT3A", "p.R100Q", "missense_variant", "3/23", false, false},    // outside codons 290-912
		{"DNMT3A", "p.Y365*", "stop_gained", "8/23", true, true},
		{"DNMT3A", "", "splice_donor_variant", "", true, true}, // canonical splice site: loss of function
		{"TET2", "p.Q1034*", "stop_gained", "3/11", true, true},
		{"TET2", "", "frameshift_variant", "3/11", true, true}, // consequence only
		{"TET2", "p.H1380Y", "missense_variant", "6/11", true, true},
		{"TET2", "p.P1723S", "missense_variant", "11/11", false, false}, // between the catalytic regions
		{"TET2", "p.I1873T", "missense_variant", "11/11", true, true},
		{"ASXL1", "p.G646Wfs*12", "frameshift_variant", "12/12", true, true},
		{"ASXL1", "p.R693*", "stop_gained", "13/13", true, true}, // MANE numbering: the same last exon
		{"ASXL1", "p.Q20*", "stop_gained", "2/12", false, false},
		{"ASXL1", "p.R693Q", "missense_variant", "12/12", false, false},
		{"PPM1D", "p.R458*", "stop_gained", "6/6", true, true},
		{"PPM1D", "p.R458Q", "missense_variant", "6/6", false, false},
		{"PPM1D", "p.S12fs", "frameshift_variant", "1/6", false, false},
		{"JAK2", "p.V617F", "missense_variant", "14/25", true, true},
		{"JAK2", "p.N542_E543del", "inframe_deletion", "12/25", true, true},
		{"JAK2", "p.K539L", "missense_variant", "12/25", true, true},
		{"JAK2", "p.R1063H", "missense_variant", "23/25", false, false},
		{"TP53", "p.R273H", "missense_variant", "8/11", true, false},
		{"TP53", "p.R213*", "stop_gained", "6/11", true, false},
		{"CHEK2", "p.I157T", "missense_variant", "3/15", true, false},
		{"ATM", "p.R337C", "missense_variant", "7/63", true, false},
		{"ATM", "p.R3008H", "missense_variant", "63/63", true, false},
		{"ATM", "p.V2424G", "missense_variant", "50/63", false, false},
		{"ATM", "p.R1466*", "stop_gained", "29/63", true, false},
		{"SF3B1", "p.K700E", "missense_variant", "15/25", true, true},
		{"SF3B1", "p.R100Q", "missense_variant", "3/25", false, false},
		{"SRSF2", "p.P95H", "missense_variant", "1/2", true, true},
		{"SRSF2", "p.P95_R102del", "inframe_deletion", "1/2", true, true},
		{"U2AF1", "p.S34F", "missense_variant", "2/8", true, true},
		{"U2AF1", "p.Q157P", "missense_variant", "6/8", true, true},
		{"KRAS", "p.G12D", "missense_variant", "2/5", true, false},
		{"KRAS", "p.Q61H", "missense_variant", "3/5", true, false},
		{"KRAS", "p.E62K", "missense_variant", "3/5", false, false},
		{"NRAS", "p.G12D", "missense_variant", "2/5", true, false},
		{"IDH2", "p.R140Q", "missense_variant", "4/11", true, true},
		{"IDH1", "p.R132H", "missense_variant", "4/10", true, false},
		{"CBL", "p.C384Y", "missense_variant", "8/16", true, true},
		{"CBL", "p.Y371H", "missense_variant", "8/16", true, true},
		{"CBL", "p.R149Q", "missense_variant", "3/16", false, false},
		{"GNB1", "p.K57E", "missense_variant", "6/12", true, true},
		{"BRAF", "p.V600E", "missense_variant", "15/18", false, false}, // a tumour driver without a CH rule
		{"EGFR", "p.L858R", "missense_variant", "21/28", false, false},
		{"DNMT3A", "p.R882=", "synonymous_variant", "23/23", false, false},
	} {
		t.Run(tc.gene+" "+tc.protein+" "+tc.consequence, func(t *testing.T) {
			got := MatchCH(call(tc.gene, tc.protein, tc.consequence, tc.exon))
			if got.Matched != tc.match || got.Matched && got.Specific != tc.specific {
				t.Errorf("MatchCH = %+v, want matched %v specific %v", got, tc.match, tc.specific)
			}
			if got.Matched && got.Source == "" {
				t.Error("a matched rule names no source")
			}
		})
	}
	// Copy-number and fusion alterations never match a variant rule.
	c := call("TET2", "", "", "")
	c.Class = concordance.Amplification
	if MatchCH(c).Matched {
		t.Error("an amplification matched a CH rule")
	}
}

func TestEffectOf(t *testing.T) {
	for _, tc := range []struct {
		protein, consequence, exon string
		kind                       Kind
		start, end                 int
		exons                      []int
	}{
		{"p.V600E", "missense_variant", "15/18", Missense, 600, 600, []int{15}},
		{"p.W54*", "", "", Truncating, 54, 54, nil},
		{"p.E746_A750del", "inframe_deletion", "19/28", Inframe, 746, 750, []int{19}},
		{"p.E746_T751delins*", "", "", Truncating, 746, 751, nil},
		{"p.S406=", "synonymous_variant", "", Synonymous, 406, 406, nil},
		{"p.G646Wfs*12", "frameshift_variant", "11-12/12", Truncating, 646, 646, []int{11, 12}},
		{"p.V600E", "missense_variant&splice_region_variant", "", Missense, 600, 600, nil},
		{"p.R882H", "splice_donor_variant&missense_variant", "", Truncating, 882, 882, nil}, // the splice site wins
		{"", "stop_gained", "", Truncating, 0, 0, nil},
		{"", "intron_variant", "", OtherEffect, 0, 0, nil},
		{"p.*110Q", "stop_lost", "", OtherEffect, 110, 110, nil},
		{"not a protein", "", "", KindUnknown, 0, 0, nil},
	} {
		e := EffectOf(call("G", tc.protein, tc.consequence, tc.exon))
		if e.Kind != tc.kind || e.Start != tc.start || e.End != tc.end || len(e.Exons) != len(tc.exons) {
			t.Errorf("EffectOf(%q, %q, %q) = %v %d-%d exons %v; want %v %d-%d %v", tc.protein, tc.consequence, tc.exon,
				e.Kind, e.Start, e.End, e.Exons, tc.kind, tc.start, tc.end, tc.exons)
		}
	}
}

// builder makes patients with rows for the classifier tests.
type builder struct {
	pr  concordance.PatientResult
	pos int
}

func newPatient(tf, purity float64, days int) *builder {
	p := &concordance.Patient{ID: "P1", TumorFraction: tf, TumorPurity: purity, Age: math.NaN()}
	if days >= 0 {
		p.TissueDate = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
		p.PlasmaDate = p.TissueDate.AddDate(0, 0, days)
	}
	return &builder{pr: concordance.PatientResult{Patient: p}}
}

// side is one sample's view of a small variant: VAF, alt reads and depth
// (alt < 0: not called).
type side struct {
	alt, depth int
}

// row adds a small variant called by the sides with alt ≥ 0; it returns
// the row's index.
func (b *builder) row(gene, protein, consequence string, t, p side) int {
	b.pos += 10
	a := concordance.Alteration{Class: concordance.SNV, Gene: gene, Protein: protein,
		Variant: concordance.Variant{Chrom: "chr1", Pos: b.pos, Ref: "A", Alt: "T"}}
	r := concordance.Row{Alteration: a}
	for _, s := range []struct {
		side concordance.Side
		obs  side
	}{{concordance.Tissue, t}, {concordance.Plasma, p}} {
		o := r.Side(s.side)
		if s.obs.alt < 0 {
			o.Status = concordance.NotDetected
			continue
		}
		c := concordance.NewCall(s.side, a, concordance.Source{})
		c.AltReads, c.Depth = s.obs.alt, s.obs.depth
		c.VAF = float64(s.obs.alt) / float64(s.obs.depth)
		c.Consequence = consequence
		o.Status, o.Calls = concordance.Called, []*concordance.Call{&c}
	}
	switch {
	case t.alt >= 0 && p.alt >= 0:
		r.Category = concordance.Shared
	case t.alt >= 0:
		r.Category = concordance.TissueOnly
	default:
		r.Category = concordance.PlasmaOnly
	}
	b.pr.Rows = append(b.pr.Rows, r)
	return len(b.pr.Rows) - 1
}

var none = side{-1, 0}

func classify(t *testing.T, b *builder, opt Options) *concordance.PatientResult {
	t.Helper()
	c, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Classify(&b.pr); err != nil {
		t.Fatal(err)
	}
	return &b.pr
}

// MSAF: the largest plasma VAF among somatic small variants, leaving out
// CH and germline-likely calls; the sheet's TF wins when given; a plasma
// with only CH and germline calls is uninformative.
func TestTumourFraction(t *testing.T) {
	b := newPatient(math.NaN(), math.NaN(), 10)
	b.row("APC", "p.R1450*", "stop_gained", side{100, 500}, side{40, 2000})       // somatic, VAF 0.02
	b.row("KRAS", "p.G12V", "missense_variant", side{120, 500}, side{100, 2000})  // VAF 0.05 (a driver CH rule matches, but shared and tumour-like)
	b.row("TP53", "p.P72R", "missense_variant", side{250, 500}, side{1010, 2000}) // germline-like in both: left out
	b.row("DNMT3A", "p.R882H", "missense_variant", none, side{6, 2000})           // CH
	pr := classify(t, b, DefaultOptions())
	if pr.TumorFractionSource != schema.SourceMSAF || !near(pr.TumorFraction, 0.05, 1e-12) || pr.UninformativePlasma {
		t.Errorf("TF %v from %q (uninformative %v), want MSAF 0.05", pr.TumorFraction, pr.TumorFractionSource, pr.UninformativePlasma)
	}
	if !pr.Rows[2].Flags.Has(concordance.FlagGermlineLikely) || !pr.Rows[3].Flags.Has(concordance.FlagCHCandidate) {
		t.Errorf("flags %v, %v: want germline_likely and ch_candidate", pr.Rows[2].Flags, pr.Rows[3].Flags)
	}
	// Purity: twice the median tissue VAF of somatic small variants
	// (0.2 and 0.24: the germline-like call is left out).
	if pr.PuritySource != schema.SourceTissueVAF || !near(pr.Purity, 0.44, 1e-12) {
		t.Errorf("purity %v from %q, want 0.44 from tissue_vaf", pr.Purity, pr.PuritySource)
	}

	b = newPatient(0.08, 0.6, 10)
	b.row("APC", "p.R1450*", "stop_gained", side{100, 500}, side{40, 2000})
	pr = classify(t, b, DefaultOptions())
	if pr.TumorFractionSource != schema.SourceSheet || pr.TumorFraction != 0.08 || pr.PuritySource != schema.SourceSheet || pr.Purity != 0.6 {
		t.Errorf("sheet values not used: TF %v (%s), purity %v (%s)", pr.TumorFraction, pr.TumorFractionSource, pr.Purity, pr.PuritySource)
	}

	b = newPatient(math.NaN(), math.NaN(), 10)
	b.row("DNMT3A", "p.R882H", "missense_variant", none, side{6, 2000})
	b.row("APC", "p.R1450*", "stop_gained", side{100, 500}, none)
	pr = classify(t, b, DefaultOptions())
	if !pr.UninformativePlasma || concordance.Known(pr.TumorFraction) || pr.TumorFractionSource != "" {
		t.Errorf("CH-only plasma: uninformative %v, TF %v (%q)", pr.UninformativePlasma, pr.TumorFraction, pr.TumorFractionSource)
	}
	if pr.Rows[1].Reason != schema.ReasonLowPower {
		t.Errorf("tissue-only call with no tumour fraction: reason %q, want low_power", pr.Rows[1].Reason)
	}
}

// The plasma's detection power of a tissue alteration: expected VAF =
// tissue VAF × TF / purity, at the evidence's depth (no spread).
func TestPowerOfTissueAlteration(t *testing.T) {
	b := newPatient(0.02, 0.4, 10)
	i := b.row("APC", "p.R1450*", "stop_gained", side{100, 500}, none) // tissue VAF 0.2
	b.pr.Rows[i].Plasma.Evidence = concordance.Evidence{Source: concordance.EvidenceBAM, AltReads: 1, Depth: 1500}
	pr := classify(t, b, DefaultOptions())
	pw := pr.Rows[i].Power
	// Expected VAF 0.2 × 0.02 / 0.4 = 0.01; P(X ≥ 5 | 1500, 0.01) =
	// pbinom(4, 1500, 0.01, lower.tail=FALSE) = 0.9991783769500886 (R).
	if pw == nil || pw.Side != concordance.Plasma || pw.DepthSource != DepthEvidence || pw.Depth != 1500 ||
		!near(pw.ExpectedVAF, 0.01, 1e-12) || !near(pw.Probability, 0.9991783769500886, 1e-12) {
		t.Fatalf("power %+v", pw)
	}
}

func TestReasonPrecedenceTissueOnly(t *testing.T) {
	opt := DefaultOptions()
	for _, tc := range []struct {
		name  string
		tf    float64
		days  int
		tVAF  side
		setup func(r *concordance.Row)
		want  string
	}{
		{"off panel beats evidence", 0.05, 10, side{100, 500}, func(r *concordance.Row) {
			r.Plasma.Status = concordance.NotCovered
			r.Flags |= concordance.FlagFilteredOther
		}, schema.ReasonNotCovered},
		{"fusion the plasma does not assay", 0.05, 10, side{100, 500}, func(r *concordance.Row) {
			r.Alteration = concordance.NewFusion("SS18", "SSX1")
		}, schema.ReasonNotCovered},
		{"evidence below threshold beats power", 0.05, 400, side{100, 500}, func(r *concordance.Row) {
			r.Plasma.Status = concordance.BelowThreshold
		}, schema.ReasonBelowThreshold},
		{"filtered call in plasma", 0.05, 400, side{100, 500}, func(r *concordance.Row) {
			r.Flags |= concordance.FlagFilteredOther
		}, schema.ReasonBelowThreshold},
		// Power ≈ 1 (expected VAF 0.02 at 3,000×): a year apart, gone.
		{"high power, a year apart", 0.05, 365, side{100, 500}, evidenceDepth(3000), schema.ReasonSamplingInterval},
		// Power ≈ 1 even 5 days apart: nothing but loss explains the miss.
		{"certain detection, days apart", 0.05, 5, side{100, 500}, evidenceDepth(3000), schema.ReasonSamplingInterval},
		// Power 0.56 (expected VAF 0.002 at 2,500×): 10 days apart the
		// prior loss is 1.4%, the posterior 3%: low power.
		{"moderate power, days apart", 0.005, 10, side{100, 500}, evidenceDepth(2500), schema.ReasonLowPower},
		// Tissue VAF 0.04 at purity 0.5: CCF 0.16; expected plasma VAF
		// 0.0016 (power 0.14 at 3,000×), 0.01 if clonal (power ≈ 1).
		{"subclonal", 0.02, 0, side{20, 500}, evidenceDepth(3000), schema.ReasonSubclonal},
		{"tumour fraction too low", 0.0005, 0, side{100, 500}, evidenceDepth(3000), schema.ReasonLowPower},
		{"dates unknown: 90 days assumed", 0.05, -1, side{100, 500}, evidenceDepth(3000), schema.ReasonSamplingInterval},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newPatient(tc.tf, 0.5, tc.days)
			i := b.row("APC", "p.R1450*", "stop_gained", tc.tVAF, none)
			tc.setup(&b.pr.Rows[i])
			pr := classify(t, b, opt)
			if got := pr.Rows[i].Reason; got != tc.want {
				t.Errorf("reason %q, want %q (power %+v)", got, tc.want, pr.Rows[i].Power)
			}
		})
	}
}

func evidenceDepth(d int) func(r *concordance.Row) {
	return func(r *concordance.Row) {
		r.Plasma.Evidence = concordance.Evidence{Source: concordance.EvidenceBAM, AltReads: 0, Depth: d}
	}
}

func TestReasonPrecedencePlasmaOnly(t *testing.T) {
	for _, tc := range []struct {
		name    string
		gene    string
		protein string
		plasma  side
		setup   func(r *concordance.Row)
		want    string
	}{
		{"tissue panel beats all", "DNMT3A", "p.R882H", side{6, 2000}, func(r *concordance.Row) {
			r.Tissue.Status = concordance.NotCovered
		}, schema.ReasonNotCoveredTissue},
		{"germline-like VAF beats CH rules", "CHEK2", "p.I157T", side{990, 2000}, nil, schema.ReasonGermline},
		{"population frequency", "APC", "p.R1450*", side{40, 2000}, func(r *concordance.Row) {
			r.Plasma.Calls[0].PopAF = 0.02
		}, schema.ReasonGermline},
		{"CH rule", "DNMT3A", "p.R882H", side{6, 2000}, nil, schema.ReasonCH},
		{"CH beats tissue evidence", "TET2", "p.Q1034*", side{8, 2000}, func(r *concordance.Row) {
			r.Tissue.Status = concordance.BelowThreshold
		}, schema.ReasonCH},
		{"tissue holds it under the threshold", "APC", "p.R1450*", side{40, 2000}, func(r *concordance.Row) {
			r.Flags |= concordance.FlagFilteredOther
		}, schema.ReasonLowPurity},
		// Plasma VAF 0.02 with TF 0.05 and purity 0.5: expected tissue VAF
		// 0.2 at 500×: the biopsy would have shown it.
		{"heterogeneity", "APC", "p.R1450*", side{40, 2000}, nil, schema.ReasonHeterogeneity},
		// Plasma VAF 0.002: expected tissue VAF 0.02, under the 5% floor.
		{"low purity", "APC", "p.R1450*", side{4, 2000}, nil, schema.ReasonLowPurity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newPatient(0.05, 0.5, 10)
			b.row("SMAD4", "p.R361H", "missense_variant", side{100, 500}, side{100, 2000}) // tissue depth for the median
			i := b.row(tc.gene, tc.protein, "missense_variant", none, tc.plasma)
			if tc.setup != nil {
				tc.setup(&b.pr.Rows[i])
			}
			pr := classify(t, b, DefaultOptions())
			if got := pr.Rows[i].Reason; got != tc.want {
				t.Errorf("reason %q, want %q (flags %v, power %+v)", got, tc.want, pr.Rows[i].Flags, pr.Rows[i].Power)
			}
			if pr.Rows[0].Reason != "" {
				t.Errorf("a shared alteration got reason %q", pr.Rows[0].Reason)
			}
		})
	}
}

// Germline by VAF: consistent with one germline genotype (heterozygous
// with the same tumour copy state, or homozygous) in every sample that
// called it, and too high for somatic DNA in at least one, judged with
// each sample's tumour content: the sheet's, else the VAFs of the
// patient's other somatic calls. The numbers: R's central test
// min(1, 2*min(pbinom(x, n, v), pbinom(x - 1, n, v, lower.tail = FALSE))),
// e.g. v = 0.5: 1040 of 2000 gives 0.077 ≥ 1e-4, 800 of 2000 3.5e-19.
func TestGermlineVAF(t *testing.T) {
	type ctx struct{ t, p side }                       // another somatic call of the patient
	lowTF := []ctx{{side{100, 500}, side{40, 2000}}}   // tissue 20%, plasma 2%: little tumour DNA in plasma
	highTF := []ctx{{side{175, 500}, side{800, 2000}}} // tissue 35%, plasma 40%: a tumour fraction of 40–80%
	for _, tc := range []struct {
		name       string
		tf, purity float64
		others     []ctx
		t, p       side
		expect     bool
	}{
		{"heterozygous in both, little ctDNA", math.NaN(), math.NaN(), lowTF, side{250, 500}, side{1010, 2000}, true},
		{"heterozygous in both, nothing else known", math.NaN(), math.NaN(), nil, side{250, 500}, side{1010, 2000}, false},
		{"tumour-level plasma VAF", math.NaN(), math.NaN(), lowTF, side{250, 500}, side{40, 2000}, false},
		{"homozygous in both", math.NaN(), math.NaN(), nil, side{500, 500}, side{2000, 2000}, true},
		{"plasma only, 49.5%, TF 5%", 0.05, math.NaN(), nil, none, side{990, 2000}, true},
		{"plasma only, 49.5%, but TF 60%", 0.6, math.NaN(), nil, none, side{990, 2000}, false},
		// A TP53 truncation at 52% in a patient whose tumour fraction is
		// high: a clonal heterozygous variant with loss of heterozygosity
		// sits anywhere between TF/2 and TF (issue 12, failure mode 2).
		{"52% at high tumour fraction", math.NaN(), math.NaN(), highTF, side{230, 500}, side{1040, 2000}, false},
		// Germline with copy-neutral loss of heterozygosity keeping the
		// allele: tissue (1 + 0.7)/2 = 85%, plasma (1 + 0.6)/2 = 80%, above
		// any somatic VAF at TF 60% (× 1.25: 75%).
		{"LOH germline", 0.6, 0.7, nil, side{425, 500}, side{1600, 2000}, true},
		// 50% in both samples, but the tissue VAF tracks the purity and the
		// plasma VAF the tumour fraction (every copy mutated, as with loss
		// of heterozygosity): as likely somatic as germline, so not flagged
		// (the rule before issue 12 flagged it).
		{"VAFs track purity and TF", 0.55, 0.5, nil, side{250, 500}, side{1000, 2000}, false},
		// But 50% in plasma at a 5% tumour fraction is no tumour DNA: with a
		// tissue VAF of 35% at purity 35% it is germline with the allele lost
		// in the tumour ((1 − 0.35)/2 ≈ 33%).
		{"germline, allele lost in the tumour", 0.05, 0.35, nil, side{175, 500}, side{1010, 2000}, true},
		{"too few reads to test", math.NaN(), math.NaN(), lowTF, side{10, 20}, side{20, 40}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newPatient(tc.tf, tc.purity, 10)
			for _, o := range tc.others {
				b.row("APC", "p.R1450*", "stop_gained", o.t, o.p)
			}
			i := b.row("BRCA2", "p.K3326*", "stop_gained", tc.t, tc.p)
			pr := classify(t, b, DefaultOptions())
			if got := pr.Rows[i].Flags.Has(concordance.FlagGermlineLikely); got != tc.expect {
				t.Errorf("germline_likely %v, want %v", got, tc.expect)
			}
		})
	}
}

// WBC evidence: a plasma call the white-blood-cell sample also called is
// CH, unless the WBC VAF is germline-like or the plasma VAF is clearly
// above the WBC's (tumour).
func TestWBCEvidence(t *testing.T) {
	for _, tc := range []struct {
		name          string
		plasma        side
		wbcAlt, wbcDP int
		want          concordance.Flags
	}{
		{"CH in the blood cells", side{20, 2000}, 12, 1000, concordance.FlagCHEvidence},
		{"germline in the blood cells", side{900, 2000}, 450, 1000, concordance.FlagGermlineLikely},
		{"far more in plasma: tumour", side{400, 2000}, 5, 1000, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newPatient(0.1, 0.5, 10)
			i := b.row("APC", "p.R1450*", "stop_gained", none, tc.plasma)
			w := concordance.NewCall(concordance.WBC, b.pr.Rows[i].Alteration, concordance.Source{})
			w.AltReads, w.Depth, w.VAF = tc.wbcAlt, tc.wbcDP, float64(tc.wbcAlt)/float64(tc.wbcDP)
			b.pr.WBC = []concordance.Call{w}
			pr := classify(t, b, DefaultOptions())
			got := pr.Rows[i].Flags & (concordance.FlagCHEvidence | concordance.FlagGermlineLikely)
			if got != tc.want {
				t.Errorf("flags %v, want %v", got, tc.want)
			}
		})
	}
}

// Exclusions take flagged rows out of the counts and keep their category;
// CountAll still counts them, and the summary shows both.
func TestExclusionsBothWays(t *testing.T) {
	build := func() *builder {
		b := newPatient(0.05, 0.5, 10)
		b.row("APC", "p.R1450*", "stop_gained", side{100, 500}, side{40, 2000})       // shared
		b.row("SMAD4", "p.R361H", "missense_variant", side{100, 500}, none)           // tissue-only
		b.row("DNMT3A", "p.R882H", "missense_variant", none, side{6, 2000})           // plasma-only CH
		b.row("TP53", "p.P72R", "missense_variant", side{250, 500}, side{1010, 2000}) // shared germline-like
		b.row("BRCA2", "p.K3326*", "stop_gained", none, side{1000, 2000})             // plasma-only germline-like
		return b
	}
	for _, tc := range []struct {
		exclude []string
		counted concordance.Counts
	}{
		{nil, concordance.Counts{Shared: 2, TissueOnly: 1, PlasmaOnly: 2}},
		{[]string{schema.ExcludeCH}, concordance.Counts{Shared: 2, TissueOnly: 1, PlasmaOnly: 1}},
		{[]string{schema.ExcludeGermline}, concordance.Counts{Shared: 1, TissueOnly: 1, PlasmaOnly: 1}},
		{[]string{schema.ExcludeCH, schema.ExcludeGermline}, concordance.Counts{Shared: 1, TissueOnly: 1, PlasmaOnly: 0}},
	} {
		t.Run(strings.Join(tc.exclude, ","), func(t *testing.T) {
			opt := DefaultOptions()
			opt.Exclude = tc.exclude
			pr := classify(t, build(), opt)
			all := concordance.Counts{Shared: 2, TissueOnly: 1, PlasmaOnly: 2}
			if got := concordance.CountRows(pr.Rows); got != tc.counted {
				t.Errorf("counted %+v, want %+v", got, tc.counted)
			}
			if got := concordance.CountAll(pr.Rows); got != all {
				t.Errorf("all %+v, want %+v", got, all)
			}
			if pr.Rows[2].Category != concordance.PlasmaOnly || pr.Rows[3].Category != concordance.Shared {
				t.Error("an exclusion changed a category")
			}
			s := Summarize([]concordance.PatientResult{*pr}, tc.exclude, nil)
			w, wo := s.WithExclusions, s.WithoutExclusions
			if w.Shared != tc.counted.Shared || w.PlasmaOnly != tc.counted.PlasmaOnly || wo.Total != all.Total() {
				t.Errorf("summary with %+v without %+v", w, wo)
			}
			if *wo.PPA.Value != 2.0/3.0 || wo.PPA.Denominator != 3 {
				t.Errorf("PPA without exclusions %v/%d, want 2/3", *wo.PPA.Value, wo.PPA.Denominator)
			}
			excluded := 0
			for _, n := range s.Excluded {
				excluded += n
			}
			if excluded != all.Total()-tc.counted.Total() {
				t.Errorf("summary excluded %v, want %d", s.Excluded, all.Total()-tc.counted.Total())
			}
		})
	}
	opt := DefaultOptions()
	opt.Exclude = []string{"artifacts"}
	if _, err := New(opt); err == nil || !strings.Contains(err.Error(), `cannot exclude "artifacts"`) {
		t.Errorf("bad exclusion accepted: %v", err)
	}
}

// Degenerate cohorts: no patients gives no rows; a level without
// discordant alterations or tissue alterations gives NaN shares and PPAs
// (written "." by package output).
func TestTablesDegenerate(t *testing.T) {
	if r, p := Reasons(nil, nil), Power(nil, nil); len(r) != 0 || len(p) != 0 {
		t.Errorf("no patients: %d reasons rows, %d power rows", len(r), len(p))
	}
	find := func(rows []ReasonRow, dim, level, side, reason string) *ReasonRow {
		for i := range rows {
			if r := &rows[i]; r.Dimension == dim && r.Level == level && r.Side == side && r.Reason == reason {
				return r
			}
		}
		return nil
	}
	findPower := func(rows []PowerRow, dim, level string) *PowerRow {
		for i := range rows {
			if r := &rows[i]; r.Dimension == dim && r.Level == level {
				return r
			}
		}
		return nil
	}
	// One patient with only a shared alteration.
	b := newPatient(0.05, 0.5, 10)
	b.pr.Patient.CancerType = "Colorectal  adenocarcinoma"
	b.row("APC", "p.R1450*", "stop_gained", side{100, 500}, side{40, 2000})
	pr := classify(t, b, DefaultOptions())
	pr.Counts = concordance.CountRows(pr.Rows)
	patients := []concordance.PatientResult{*pr}
	reasons := Reasons(patients, nil)
	for _, c := range []struct{ dim, level, side, reason string }{
		{schema.DimAll, "all", schema.TissueOnly, schema.ReasonLowPower},
		{schema.DimCancerType, "Bowel", schema.PlasmaOnly, schema.ReasonCH}, // grouped by OncoTree tissue
	} {
		r := find(reasons, c.dim, c.level, c.side, c.reason)
		if r == nil || r.Alterations != 0 || r.Counted != 0 || !math.IsNaN(r.Share) {
			t.Errorf("reasons %v: %+v, want 0, 0, NaN", c, r)
		}
	}
	power := Power(patients, nil)
	// The stage level "unknown" holds the patient; the SNV is the only class.
	for _, level := range [][2]string{{schema.DimAll, "all"}, {schema.DimClass, "snv"}} {
		r := findPower(power, level[0], level[1])
		if r == nil || r.Patients != 1 || r.TissueAlterations != 1 || r.WithPower != 1 {
			t.Errorf("power %v: %+v", level, r)
		}
	}
	// A level with patients but no tissue alteration: PPAs NaN.
	b = newPatient(0.05, 0.5, 10)
	b.row("DNMT3A", "p.R882H", "missense_variant", none, side{6, 2000})
	pr = classify(t, b, DefaultOptions())
	r := findPower(Power([]concordance.PatientResult{*pr}, nil), schema.DimAll, "all")
	if r == nil || r.Patients != 1 || r.TissueAlterations != 0 || r.WithPower != 0 || r.ExpectedDetected != 0 ||
		!math.IsNaN(r.ExpectedPPA) || !math.IsNaN(r.ObservedPPA) || r.ObservedCI.Defined() {
		t.Errorf("power without tissue alterations: %+v", r)
	}
}

// Issue 11: a row --scope left out (reason out_of_scope) is not among the
// discordant alterations of reasons.tsv, so the shares of the side's
// reasons add up to 1 (here: one low_power row of two tissue-only rows).
func TestReasonsLeaveOutOfScopeOut(t *testing.T) {
	b := newPatient(0.05, 0.5, 10)
	b.row("APC", "p.R1450*", "stop_gained", side{100, 500}, none)
	b.row("KMT2C", "p.N999=", "synonymous_variant", side{100, 500}, none)
	pr := classify(t, b, DefaultOptions())
	for i := range pr.Rows {
		if pr.Rows[i].Gene == "KMT2C" {
			pr.Rows[i].Category, pr.Rows[i].Reason = concordance.NotCompared, schema.ReasonOutOfScope
		}
	}
	sum := 0.0
	for _, r := range Reasons([]concordance.PatientResult{*pr}, nil) {
		if r.Dimension == schema.DimAll && r.Side == schema.TissueOnly {
			if r.Alterations > 1 {
				t.Errorf("%s: %d alterations, want at most the APC row", r.Reason, r.Alterations)
			}
			if !math.IsNaN(r.Share) {
				sum += r.Share
			}
		}
	}
	if sum != 1 {
		t.Errorf("tissue-only shares add up to %v, want 1", sum)
	}
}
