package strata

import (
	"math"
	"testing"
	"time"

	"github.com/concord-oncology/concord/concordance"
)

// alt is a compact description of one row of a fixture.
type alt struct {
	cat      concordance.Category
	class    concordance.Class
	gene     string
	partner  string
	vaf      float64 // tissue VAF; NaN for none
	flags    concordance.Flags
	excluded string
}

func (a alt) row() concordance.Row {
	r := concordance.Row{Category: a.cat, Flags: a.flags, Excluded: a.excluded}
	r.Class, r.Gene, r.Partner = a.class, a.gene, a.partner
	if a.cat == concordance.Shared || a.cat == concordance.TissueOnly {
		r.Tissue.Status = concordance.Called
		r.Tissue.Calls = []*concordance.Call{{VAF: a.vaf}}
	}
	if a.cat == concordance.Shared || a.cat == concordance.PlasmaOnly {
		r.Plasma.Status = concordance.Called
		r.Plasma.Calls = []*concordance.Call{{VAF: 0.01}}
	}
	return r
}

var nan = math.NaN()

func s(class concordance.Class, gene string, vaf float64) alt {
	return alt{cat: concordance.Shared, class: class, gene: gene, vaf: vaf}
}
func tis(class concordance.Class, gene string, vaf float64) alt {
	return alt{cat: concordance.TissueOnly, class: class, gene: gene, vaf: vaf}
}
func pl(gene string, flags concordance.Flags) alt {
	return alt{cat: concordance.PlasmaOnly, class: concordance.SNV, gene: gene, vaf: nan, flags: flags}
}

// patient builds a result; days < -9999 means no plasma date.
func patient(id, cancer, code, stage string, tf float64, days int, alts ...alt) concordance.PatientResult {
	p := &concordance.Patient{ID: id, CancerType: cancer, OncotreeCode: code, Stage: stage,
		TissueDate: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), TumorFraction: tf}
	if days > -9999 {
		p.PlasmaDate = p.TissueDate.AddDate(0, 0, days)
	}
	pr := concordance.PatientResult{Patient: p, TumorFraction: tf}
	for _, a := range alts {
		pr.Rows = append(pr.Rows, a.row())
	}
	pr.Counts = concordance.CountRows(pr.Rows)
	return pr
}

const noDate = -10000

// sixPatients is the hand-made fixture whose strata are derived in
// TestStrataCounts.
func sixPatients() []concordance.PatientResult {
	fusion := alt{cat: concordance.TissueOnly, class: concordance.Fusion, gene: "ERG", partner: "TMPRSS2", vaf: nan}
	return []concordance.PatientResult{
		patient("P1", "Lung adenocarcinoma", "LUAD", "IV", 0.15, 10,
			s(concordance.SNV, "KRAS", 0.30),
			s(concordance.SNV, "TP53", 0.25),
			tis(concordance.Amplification, "ERBB2", nan),
			pl("DNMT3A", concordance.FlagCHCaller),
			alt{cat: concordance.NotCompared, class: concordance.SNV, gene: "BRCA2", vaf: 0.4},
			alt{cat: concordance.Shared, class: concordance.SNV, gene: "PIK3CA", vaf: 0.2, excluded: "ch"},
		),
		patient("P2", "Colorectal cancer", "COADREAD", "III", 0.05, 60,
			s(concordance.SNV, "KRAS", 0.12),
			tis(concordance.SNV, "APC", 0.04),
			tis(concordance.Indel, "APC", 0.08),
			pl("TP53", 0),
		),
		patient("P3", "", "PRAD", "II", nan, noDate,
			tis(concordance.SNV, "TP53", 0.5),
			fusion,
		),
		patient("P4", "Glioblastoma", "GB", "", 0.005, -200,
			tis(concordance.SNV, "IDH1", 0.35),
		),
		patient("P5", "lung  Adenocarcinoma", "LUAD", "IV", 0.2, 5),
		patient("P6", "LUNG ADENOCARCINOMA", "LUAD", "IV", 0.002, 20,
			pl("DNMT3A", concordance.FlagCHCaller),
			pl("CHEK2", concordance.FlagGermlineLikely),
			tis(concordance.SNV, "EGFR", 0.2),
		),
	}
}

func close(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b))
}

func find(t *testing.T, rows []Stratum, dim, level string) Stratum {
	t.Helper()
	for _, r := range rows {
		if r.Dimension == dim && r.Level == level {
			return r
		}
	}
	t.Fatalf("no row %s/%s", dim, level)
	return Stratum{}
}
