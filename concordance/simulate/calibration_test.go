package simulate

import (
	"math"
	"strings"
	"testing"
)

// IMPRESS-Norway's tissue–plasma concordance (ESMO; DESIGN.md): of all
// alterations found in either sample, 50% in both, 42% in tissue only,
// 8% in blood only (union shares). The default cohort's truth table must
// give these within ±2 percentage points (issue 3, item 3).
const (
	publishedShared     = 0.50
	publishedTissueOnly = 0.42
	publishedPlasmaOnly = 0.08
	calibrationTol      = 0.02
)

type counts struct{ s, t, p int }

func (c counts) union() float64 { return float64(c.s + c.t + c.p) }
func (c counts) shared() float64 {
	return float64(c.s) / c.union()
}

// cohortCounts tallies the truth table's expected categories overall and
// by a patient attribute from truth_patients.tsv.
func cohortCounts(t *testing.T, s *memSink, attr string) (counts, map[string]counts) {
	t.Helper()
	pts := parseTruth(t, s.files[FileTruthPatients])
	level := map[string]string{}
	for id, rows := range pts {
		level[id] = rows[0][attr]
	}
	var all counts
	by := map[string]counts{}
	for id, rows := range parseTruth(t, s.files[FileTruth]) {
		for _, r := range rows {
			c := by[level[id]]
			switch r["expected_category"] {
			case "shared":
				all.s++
				c.s++
			case "tissue_only":
				all.t++
				c.t++
			case "plasma_only":
				all.p++
				c.p++
			}
			by[level[id]] = c
		}
	}
	return all, by
}

func TestCalibrationDefaultCohort(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates the 640-patient default cohort")
	}
	_, s := writeCohort(t, Config{Patients: DefaultPatients, Seed: DefaultSeed})
	all, _ := cohortCounts(t, s, "shedding_class")
	u := all.union()
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"shared", float64(all.s) / u, publishedShared},
		{"tissue-only", float64(all.t) / u, publishedTissueOnly},
		{"blood-only", float64(all.p) / u, publishedPlasmaOnly},
	} {
		if math.Abs(c.got-c.want) > calibrationTol {
			t.Errorf("%s share %.1f%%, published %.0f%% (tolerance ±%.0f pp)", c.name, 100*c.got, 100*c.want, 100*calibrationTol)
		}
		t.Logf("%s %.1f%% (published %.0f%%)", c.name, 100*c.got, 100*c.want)
	}

	// The published direction by stratum: less sharing in low-shedding
	// cancers (Bettegowda 2014; Lin 2025 for CNS) and more with stage.
	_, shed := cohortCounts(t, s, "shedding_class")
	high, low := shed["high"], shed["low"]
	low.s, low.t, low.p = low.s+shed["cns"].s, low.t+shed["cns"].t, low.p+shed["cns"].p
	if !(high.shared() > shed["medium"].shared() && shed["medium"].shared() > low.shared()) {
		t.Errorf("shared share by shedding: high %.2f, medium %.2f, low+CNS %.2f; want decreasing", high.shared(), shed["medium"].shared(), low.shared())
	}
	_, stage := cohortCounts(t, s, "stage")
	if stage["IV"].shared() <= stage["III"].shared() {
		t.Errorf("shared share stage IV %.2f ≤ stage III %.2f", stage["IV"].shared(), stage["III"].shared())
	}
	t.Logf("shared by shedding: high %.2f medium %.2f low+cns %.2f; by stage: III %.2f IV %.2f",
		high.shared(), shed["medium"].shared(), low.shared(), stage["III"].shared(), stage["IV"].shared())
}

// The cohort's make-up follows the preset: 58% rare cancers (IMPRESS),
// more than 50 diagnoses, mostly stage IV.
func TestCohortComposition(t *testing.T) {
	types, err := parseCancerTable()
	if err != nil {
		t.Fatal(err)
	}
	total, rare := 0.0, 0.0
	for _, ct := range types {
		total += ct.weight
		if ct.rare {
			rare += ct.weight
		}
	}
	if math.Abs(total-100) > 1e-6 || math.Abs(rare-58) > 1e-6 {
		t.Errorf("table weights sum to %.2f%%, rare %.2f%%; want 100%% and 58%%", total, rare)
	}
	if len(types) <= 50 {
		t.Errorf("%d diagnoses, want more than 50", len(types))
	}
	_, s := writeCohort(t, Config{Patients: 400, Seed: 3})
	pts := parseTruth(t, s.files[FileTruthPatients])
	n, nRare, nIV, nCNS := 0, 0, 0, 0
	codes := map[string]bool{}
	for id, rows := range pts {
		n++
		codes[rows[0]["oncotree_code"]] = true
		if rows[0]["rare"] == "yes" {
			nRare++
		}
		if rows[0]["stage"] == "IV" {
			nIV++
		}
		// CNS tumours are graded, not TNM-staged (issue 13 §2, fig11)
		if rows[0]["shedding_class"] == "cns" {
			nCNS++
			if st := rows[0]["stage"]; st != stageOrUnknown("") {
				t.Errorf("%s: a CNS tumour (%s) with stage %q, want %q", id, rows[0]["oncotree_code"], st, stageOrUnknown(""))
			}
		}
	}
	if nCNS == 0 {
		t.Error("no CNS tumour among 400 patients: the stage rule is not tested")
	}
	// Binomial sd of a share over 400 patients is ≤ 2.5 pp: allow 4 sd.
	if f := float64(nRare) / float64(n); math.Abs(f-0.58) > 0.1 {
		t.Errorf("rare share %.2f, want 0.58", f)
	}
	if f := float64(nIV) / float64(n); math.Abs(f-0.85) > 0.1 {
		t.Errorf("stage IV share %.2f, want 0.85", f)
	}
	if len(codes) < 40 {
		t.Errorf("only %d diagnoses among 400 patients", len(codes))
	}
	// Every gene the model names is placed in the genome.
	gn := testGenome(t)
	for _, ct := range types {
		for _, d := range append(append([]geneProb(nil), ct.drivers...), ct.amps...) {
			if g := gn.Gene(d.gene); g == nil || !g.Panel {
				t.Errorf("%s: %s is not a panel gene of the genome", ct.code, d.gene)
			}
		}
		for _, f := range ct.fusions {
			if gn.Gene(f.a) == nil || gn.Gene(f.b) == nil {
				t.Errorf("%s: fusion %s-%s has a gene outside the genome", ct.code, f.a, f.b)
			}
		}
	}
	for _, c := range chGenes {
		if c.gene == "" {
			continue // a clone in any panel gene
		}
		if g := gn.Gene(c.gene); g == nil || !g.Panel {
			t.Errorf("CH gene %s is not a panel gene", c.gene)
		}
	}
	for _, a := range CNVGenes() {
		if g := gn.Gene(a); g == nil || !g.Panel {
			t.Errorf("CNV gene %s is not a panel gene", a)
		}
	}
	if n := len(PlasmaFusionGenes()); n != 23 {
		t.Errorf("%d plasma fusion genes, want the 23 listed", n)
	}
	if !strings.Contains(string(s.files[FileSampleSheet]), "# concord-synthetic:") {
		t.Error("sample sheet lacks the synthetic marker")
	}
}
