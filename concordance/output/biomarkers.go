package output

import (
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// BiomarkerAgreement computes the TMB and MSI agreement of a cohort.
func BiomarkerAgreement(patients []concordance.PatientResult) schema.Biomarkers {
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
