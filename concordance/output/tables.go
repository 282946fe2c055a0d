// Package output writes the result tables of a concordance run as DESIGN.md
// specifies them: alterations.tsv (one row per patient × alteration),
// patients.tsv, ledger.tsv and summary.json. Tables are tab-separated UTF-8
// with a header row, "." for a missing value, numbers in fixed formats, so
// the same analysis always gives the same bytes.
package output

import (
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/table"
	"github.com/concord-oncology/concord/concordance/pipeline"
)

// Paths makes input paths relative to a base folder (the sample sheet's)
// when they lie under it, so outputs do not depend on where a cohort sits.
type Paths struct{ Base string }

// Rel returns p relative to the base when p is inside it.
func (b Paths) Rel(p string) string {
	if b.Base == "" || p == "" {
		return p
	}
	rel, err := filepath.Rel(b.Base, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return p
	}
	return filepath.ToSlash(rel)
}

// AlterationColumns is the header of alterations.tsv.
var AlterationColumns = []string{
	"patient_id", "cancer_type", "oncotree_code", "stage", "class", "gene", "chrom", "pos", "ref", "alt",
	"protein", "partner", "exons", "tissue_status", "plasma_status", "category", "match_tier",
	"tissue_vaf", "plasma_vaf", "tissue_depth", "plasma_depth", "tissue_alt_reads", "plasma_alt_reads",
	"tissue_evidence", "plasma_evidence", "flags", "reason", "consequence", "exon", "tissue_source", "plasma_source",
	"excluded", "expected_vaf", "detection_power",
}

// WriteAlterations writes alterations.tsv.
func WriteAlterations(w io.Writer, patients []concordance.PatientResult, paths Paths) error {
	t := table.NewWriter(w, AlterationColumns)
	for i := range patients {
		pr := &patients[i]
		p := pr.Patient
		for j := range pr.Rows {
			r := &pr.Rows[j]
			chrom, pos, ref, alt := ".", ".", ".", "."
			if r.Class.IsSmall() && r.Chrom != "" {
				chrom, pos, ref, alt = r.Chrom, strconv.Itoa(r.Pos), dash(r.Ref), dash(r.Alt)
			}
			t.Row(p.ID, p.CancerType, p.OncotreeCode, p.Stage, r.Class.String(), r.Gene, chrom, pos, ref, alt,
				r.Protein, r.Partner, r.Exons, r.Tissue.Status.String(), r.Plasma.Status.String(), r.Category.String(), r.Tier.String(),
				Float(r.Tissue.VAF(), 4), Float(r.Plasma.VAF(), 4), Int(r.Tissue.Depth()), Int(r.Plasma.Depth()),
				Int(r.Tissue.AltReads()), Int(r.Plasma.AltReads()),
				r.Tissue.Evidence.Source, r.Plasma.Evidence.Source, r.Flags.String(), r.Reason, annotation(r, func(c *concordance.Call) string { return c.Consequence }),
				annotation(r, func(c *concordance.Call) string { return c.Exon }),
				sources(r.Tissue.Calls, paths), sources(r.Plasma.Calls, paths),
				r.Excluded, powerVAF(r.Power), powerProbability(r.Power))
		}
	}
	return t.Flush()
}

// powerVAF and powerProbability write a row's detection power: the VAF
// expected on the judged side and the probability that its caller reports
// it ("." when not computed).
func powerVAF(p *concordance.Power) string {
	if p == nil {
		return "."
	}
	return Float(p.ExpectedVAF, 5)
}

func powerProbability(p *concordance.Power) string {
	if p == nil {
		return "."
	}
	return Float(p.Probability, 4)
}

// dash writes an empty (anchor-free) allele as "-", as MAF does.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func annotation(r *concordance.Row, get func(*concordance.Call) string) string {
	for _, c := range append(r.Tissue.Calls, r.Plasma.Calls...) {
		if v := get(c); v != "" {
			return v
		}
	}
	return ""
}

func sources(calls []*concordance.Call, paths Paths) string {
	if len(calls) == 0 {
		return ""
	}
	parts := make([]string, len(calls))
	for i, c := range calls {
		parts[i] = paths.Rel(c.Source.File) + ":" + strconv.Itoa(c.Source.Line)
	}
	return strings.Join(parts, ";")
}

// PatientColumns is the header of patients.tsv.
var PatientColumns = []string{
	"patient_id", "cancer_type", "oncotree_code", "stage", "tumor_fraction", "tumor_fraction_source", "tf_tier", "days_between",
	"tissue_calls", "plasma_calls", "shared", "tissue_only", "plasma_only", "total", "ppa",
	"tissue_tmb", "plasma_tmb", "tissue_msi", "plasma_msi",
	"tumor_purity", "tumor_purity_source", "uninformative_plasma",
}

// WritePatients writes patients.tsv.
func WritePatients(w io.Writer, patients []concordance.PatientResult) error {
	t := table.NewWriter(w, PatientColumns)
	for i := range patients {
		pr := &patients[i]
		p := pr.Patient
		c := pr.Counts
		days := "."
		if d, ok := p.DaysBetween(); ok {
			days = strconv.Itoa(d)
		}
		ppa := concordance.Missing
		if c.Shared+c.TissueOnly > 0 {
			ppa = float64(c.Shared) / float64(c.Shared+c.TissueOnly)
		}
		tb, pb := pr.Biomarkers[concordance.Tissue], pr.Biomarkers[concordance.Plasma]
		t.Row(p.ID, p.CancerType, p.OncotreeCode, p.Stage, Float(pr.TumorFraction, 4), pr.TumorFractionSource, pr.TFTier(), days,
			strconv.Itoa(pr.Calls[concordance.Tissue]), strconv.Itoa(pr.Calls[concordance.Plasma]),
			strconv.Itoa(c.Shared), strconv.Itoa(c.TissueOnly), strconv.Itoa(c.PlasmaOnly), strconv.Itoa(c.Total()),
			Float(ppa, 4), Float(tb.TMB, 2), Float(pb.TMB, 2), tb.MSIStatus, pb.MSIStatus,
			purity(pr), pr.PuritySource, uninformative(pr))
	}
	return t.Flush()
}

// purity and uninformative write what the explanation classifier set
// ("." when it did not run: PuritySource is then empty).
func purity(pr *concordance.PatientResult) string {
	if pr.PuritySource == "" {
		return "."
	}
	return Float(pr.Purity, 4)
}

func uninformative(pr *concordance.PatientResult) string {
	switch {
	case pr.PuritySource == "":
		return "."
	case pr.UninformativePlasma:
		return "yes"
	}
	return "no"
}

// LedgerColumns is the header of ledger.tsv.
var LedgerColumns = []string{"file", "patient_id", "side", "outcome", "reason", "detail", "records"}

// WriteLedger writes ledger.tsv: per input file, records used and records
// excluded by reason.
func WriteLedger(w io.Writer, led *concordance.Ledger, paths Paths) error {
	t := table.NewWriter(w, LedgerColumns)
	for _, e := range led.Sorted() {
		outcome := "excluded"
		if e.Used() {
			outcome = "used"
		}
		t.Row(paths.Rel(e.File), e.Patient, e.Side.String(), outcome, e.Reason, e.Detail, strconv.FormatInt(e.Records, 10))
	}
	return t.Flush()
}

// InputsOf lists the inputs with paths relative to the base.
func InputsOf(res *pipeline.Result, paths Paths) []InputFile {
	out := make([]InputFile, len(res.Inputs))
	for i, in := range res.Inputs {
		out[i] = InputFile{Path: paths.Rel(in.Path), SHA256: in.SHA256, Bytes: in.Bytes, Format: in.Format}
	}
	return out
}

// Float formats x with the given decimals, "." when missing or not finite.
func Float(x float64, decimals int) string { return table.FormatFloat(x, decimals) }

// Int formats a count, "." when negative (unknown).
func Int(n int) string {
	if n < 0 {
		return "."
	}
	return strconv.Itoa(n)
}
