package output

import (
	"io"
	"math"
	"strconv"

	"github.com/concord-oncology/concord/concordance/internal/table"
	"github.com/concord-oncology/concord/concordance/strata"
	"github.com/concord-oncology/concord/stats"
)

// StrataColumns is the header of strata.tsv.
var StrataColumns = []string{
	"dimension", "level", "level_order", "patients", "alterations", "shared", "tissue_only", "plasma_only",
	"shared_share", "tissue_only_share", "plasma_only_share", "shared_share_ci_low", "shared_share_ci_high",
	"shared_share_boot_low", "shared_share_boot_high", "ppa", "ppa_ci_low", "ppa_ci_high", "ppa_boot_low",
	"ppa_boot_high", "ppv", "ppv_ci_low", "ppv_ci_high", "ppv_boot_low", "ppv_boot_high",
	"test", "statistic", "p_value", "q_value",
}

// WriteStrata writes strata.tsv.
func WriteStrata(w io.Writer, rows []strata.Stratum) error {
	t := table.NewWriter(w, StrataColumns)
	for i := range rows {
		r := &rows[i]
		c := r.Counts
		cells := []string{r.Dimension, r.Level, strconv.Itoa(r.Order), strconv.Itoa(r.Patients), strconv.Itoa(c.Total()),
			strconv.Itoa(c.Shared), strconv.Itoa(c.TissueOnly), strconv.Itoa(c.PlasmaOnly),
			Float(r.Shares[0].Estimate, 4), Float(r.Shares[1].Estimate, 4), Float(r.Shares[2].Estimate, 4),
			Float(r.Shares[0].Low, 4), Float(r.Shares[0].High, 4), Float(r.SharesBoot[0].Low, 4), Float(r.SharesBoot[0].High, 4)}
		cells = append(cells, proportion(r.PPA, r.PPABoot)...)
		cells = append(cells, proportion(r.PPV, r.PPVBoot)...)
		cells = append(cells, r.Test.Name, Float(r.Test.Statistic, 4), PValue(r.Test.P), PValue(r.Test.Q))
		t.Row(cells...)
	}
	return t.Flush()
}

func proportion(wilson, boot stats.Interval) []string {
	return []string{Float(wilson.Estimate, 4), Float(wilson.Low, 4), Float(wilson.High, 4), Float(boot.Low, 4), Float(boot.High, 4)}
}

// PValue formats a p- or q-value with four significant digits ("0.03125",
// "1.234e-08"), "." when undefined, so that small values keep their size.
func PValue(p float64) string {
	if math.IsNaN(p) || math.IsInf(p, 0) {
		return "."
	}
	return strconv.FormatFloat(p, 'g', 4, 64)
}

// PatientStrataColumns is the header of patient_strata.tsv.
var PatientStrataColumns = []string{
	"dimension", "level", "level_order", "patients", "ctdna_detected", "ctdna_detected_frac", "ctdna_ci_low",
	"ctdna_ci_high", "with_shared", "with_shared_frac", "with_shared_ci_low", "with_shared_ci_high",
}

// WritePatientStrata writes patient_strata.tsv.
func WritePatientStrata(w io.Writer, rows []strata.PatientStratum) error {
	t := table.NewWriter(w, PatientStrataColumns)
	for _, r := range rows {
		t.Row(r.Dimension, r.Level, strconv.Itoa(r.Order), strconv.Itoa(r.Patients),
			strconv.Itoa(r.CtDNADetected), Float(r.CtDNA.Estimate, 4), Float(r.CtDNA.Low, 4), Float(r.CtDNA.High, 4),
			strconv.Itoa(r.WithShared), Float(r.Shared.Estimate, 4), Float(r.Shared.Low, 4), Float(r.Shared.High, 4))
	}
	return t.Flush()
}

// ModelColumns is the header of models.tsv.
var ModelColumns = []string{
	"model", "term", "level", "estimate", "odds_ratio", "or_ci_low", "or_ci_high", "se", "z", "p_value",
	"n_alterations", "n_patients", "note",
}

// WriteModels writes models.tsv.
func WriteModels(w io.Writer, rows []strata.ModelTerm) error {
	t := table.NewWriter(w, ModelColumns)
	for _, r := range rows {
		or := r.OddsRatio()
		t.Row(r.Model, r.Term, r.Level, Float(r.Coef.Estimate, 4), Float(or.Estimate, 4), Float(or.Low, 4), Float(or.High, 4),
			Float(r.Coef.SE, 4), Float(r.Coef.Z, 4), PValue(r.Coef.P),
			strconv.Itoa(r.NAlterations), strconv.Itoa(r.NPatients), r.Note)
	}
	return t.Flush()
}
