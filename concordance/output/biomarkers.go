package output

import (
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/stats"
)

// Biomarkers is the sample-level agreement between tissue and plasma, kept
// apart from the alteration counts (issue 6): TMB by rank correlation and
// Bland–Altman, MSI status by a 2×2 table with Cohen's kappa and PABAK.
type Biomarkers struct {
	TMB TMBAgreement `json:"tmb"`
	MSI MSIAgreement `json:"msi"`
}

// TMBAgreement compares tissue and plasma TMB (mutations per megabase) in
// the patients with both.
type TMBAgreement struct {
	Pairs       int      `json:"pairs"`
	SpearmanRho *float64 `json:"spearman_rho"`
	SpearmanP   *float64 `json:"spearman_p"`
	Bias        *float64 `json:"bias_tissue_minus_plasma"`
	BiasCILow   *float64 `json:"bias_ci_low"`
	BiasCIHigh  *float64 `json:"bias_ci_high"`
	LimitLow    *float64 `json:"limit_of_agreement_low"`
	LimitHigh   *float64 `json:"limit_of_agreement_high"`
	Method      string   `json:"method"`
}

// MSIAgreement compares MSI status where both samples state one.
type MSIAgreement struct {
	Pairs int `json:"pairs"`
	// BothHigh, TissueOnlyHigh, PlasmaOnlyHigh, BothStable are the 2×2 cells.
	BothHigh       int      `json:"both_msi_high"`
	TissueOnlyHigh int      `json:"tissue_only_msi_high"`
	PlasmaOnlyHigh int      `json:"plasma_only_msi_high"`
	BothStable     int      `json:"both_stable"`
	Agreement      *float64 `json:"observed_agreement"`
	Kappa          *float64 `json:"kappa"`
	KappaCILow     *float64 `json:"kappa_ci_low"`
	KappaCIHigh    *float64 `json:"kappa_ci_high"`
	PABAK          *float64 `json:"pabak"`
	Note           string   `json:"note"`
}

// BiomarkerAgreement computes the TMB and MSI agreement of a cohort.
func BiomarkerAgreement(patients []concordance.PatientResult) Biomarkers {
	var b Biomarkers
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
	b.TMB = TMBAgreement{Pairs: len(tx), Method: "Spearman rank correlation (cor.test, exact = FALSE); Bland-Altman with 95% limits"}
	if c := stats.Spearman(tx, px); c.Defined() {
		b.TMB.SpearmanRho, b.TMB.SpearmanP = finite(c.Rho), finite(c.P)
	}
	if a := stats.BlandAltman(tx, px, 0.95); a.Defined() {
		b.TMB.Bias, b.TMB.BiasCILow, b.TMB.BiasCIHigh = finite(a.Bias.Estimate), finite(a.Bias.Low), finite(a.Bias.High)
		b.TMB.LimitLow, b.TMB.LimitHigh = finite(a.Lower), finite(a.Upper)
	}
	b.MSI = MSIAgreement{Pairs: t.N(), BothHigh: t.A, TissueOnlyHigh: t.B, PlasmaOnlyHigh: t.C, BothStable: t.D,
		Note: "only samples whose file states an MSI status are compared; scores on different scales (tissue % unstable sites, ctDNA SUM_JSD) are not thresholded here"}
	if k := stats.CohenKappa(t, 0.95); t.N() > 0 {
		b.MSI.Agreement, b.MSI.PABAK = finite(k.Observed), finite(k.PABAK)
		if k.Defined() {
			b.MSI.Kappa, b.MSI.KappaCILow, b.MSI.KappaCIHigh = finite(k.Kappa.Estimate), finite(k.Kappa.Low), finite(k.Kappa.High)
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
