package plots

import (
	"math"
	"testing"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
)

// tfBins on hand-made patients: 21 with a tumour fraction (TF i/100 for
// i = 1..21, each with i%3 shared and 1 tissue-only alteration) make 2
// bins of 10 and 11 patients (21/10 = 2 bins, split at 21/2); two with no
// ctDNA detected are pooled apart; a patient without tissue alterations
// and one with an unknown tumour fraction are in no bin.
func TestTFBins(t *testing.T) {
	var ps []results.Patient
	for i := 21; i >= 1; i-- { // unsorted on purpose
		ps = append(ps, results.Patient{TumorFraction: float64(i) / 100, TFTier: schema.TF1To10, Shared: i % 3, TissueOnly: 1})
	}
	ps = append(ps,
		results.Patient{TumorFraction: math.NaN(), TFTier: schema.LevelNoCtDNA, TissueOnly: 3},
		results.Patient{TumorFraction: math.NaN(), TFTier: schema.LevelNoCtDNA, Shared: 1, TissueOnly: 1},
		results.Patient{TumorFraction: 0.5, TFTier: schema.TF10AndAbove, PlasmaOnly: 2},
		results.Patient{TumorFraction: math.NaN(), TFTier: schema.LevelUnknown, Shared: 2, TissueOnly: 2},
	)
	bins, none := tfBins(ps)
	if len(bins) != 2 || bins[0].patients != 10 || bins[1].patients != 11 {
		t.Fatalf("bins %+v", bins)
	}
	// Bin 1: TF 1..10%: shared = sum of i%3 for i = 1..10 = 1+2+0+1+2+0+1+2+0+1 = 10,
	// n = 10 + 10; median TF sqrt(0.05*0.06). Bin 2: i = 11..21: shared 2+0+1+2+0+1+2+0+1+2+0 = 11, n = 22; median TF 0.16.
	if b := bins[0]; b.detected != 10 || b.n != 20 || math.Abs(b.tf-math.Sqrt(0.05*0.06)) > 1e-15 {
		t.Errorf("bin 1 %+v", b)
	}
	if b := bins[1]; b.detected != 11 || b.n != 22 || b.tf != 0.16 {
		t.Errorf("bin 2 %+v", b)
	}
	// Wilson 10/20: prop.test(10, 20, correct = FALSE)$conf.int = 0.2992980 0.7007020 (R 4.2.2)
	if math.Abs(bins[0].low-0.2992980) > 1e-6 || math.Abs(bins[0].high-0.7007020) > 1e-6 {
		t.Errorf("bin 1 interval %g-%g", bins[0].low, bins[0].high)
	}
	if none.patients != 2 || none.detected != 1 || none.n != 5 {
		t.Errorf("no ctDNA detected %+v", none)
	}
}
