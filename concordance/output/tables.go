// Package output writes a results folder: every table of package schema
// (alterations.tsv, patients.tsv, ledger.tsv, the strata, model and
// explanation tables), summary.json and README.md. Tables are
// tab-separated UTF-8 with a header row, "." for a missing value, numbers
// with the decimals schema gives each column, so the same analysis always
// gives the same bytes; every table is written through its schema.Table.
package output

import (
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
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

// WriteAlterations writes alterations.tsv.
func WriteAlterations(w io.Writer, patients []concordance.PatientResult, paths Paths) error {
	t := newTSV(w, schema.AlterationsTSV)
	for i := range patients {
		alterationRows(t, &patients[i], paths)
	}
	return t.flush()
}

// WriteAlterationsHeader writes alterations.tsv's header line, which
// AlterationRows' lines follow.
func WriteAlterationsHeader(w io.Writer) error { return newTSV(w, schema.AlterationsTSV).flush() }

// AlterationRows writes alterations.tsv a patient at a time, without the
// header: a run writes each patient's lines as soon as the patient is
// finished (analysis), then puts them after the header.
type AlterationRows struct {
	t     *tsv
	paths Paths
}

// NewAlterationRows returns an AlterationRows writing to w.
func NewAlterationRows(w io.Writer, paths Paths) *AlterationRows {
	return &AlterationRows{t: newRows(w, schema.AlterationsTSV), paths: paths}
}

// Write writes one patient's lines and flushes them to the writer.
func (a *AlterationRows) Write(pr *concordance.PatientResult) error {
	alterationRows(a.t, pr, a.paths)
	return a.t.flush()
}

// alterationRows writes one patient's lines of alterations.tsv.
func alterationRows(t *tsv, pr *concordance.PatientResult, paths Paths) {
	p := pr.Patient
	for j := range pr.Rows {
		r := &pr.Rows[j]
		t.text(p.ID).text(p.CancerType).text(p.OncotreeCode).text(p.Stage).text(r.Class.String()).text(r.Gene)
		if r.Class.IsSmall() && r.Chrom != "" {
			t.text(r.Chrom).count(r.Pos).text(dash(r.Ref)).text(dash(r.Alt))
		} else {
			t.text("").count(-1).text("").text("")
		}
		g5, g3 := "", ""
		if r.Class == concordance.Fusion && r.Oriented {
			g5, g3 = r.Gene5p, r.Gene3p
		}
		t.text(r.Protein).text(r.Partner).text(g5).text(g3).text(r.Exons).text(r.Tissue.Status.String()).text(r.Plasma.Status.String()).
			text(r.Category.String()).text(r.Tier.String()).
			num(r.Tissue.VAF()).num(r.Plasma.VAF()).count(r.Tissue.Depth()).count(r.Plasma.Depth()).
			count(r.Tissue.AltReads()).count(r.Plasma.AltReads()).
			text(r.Tissue.Evidence.Source).text(r.Plasma.Evidence.Source).
			num(r.Tissue.FoldChange()).num(r.Plasma.FoldChange()).num(r.Tissue.CopyNumber()).num(r.Plasma.CopyNumber()).
			text(r.Flags.String()).text(r.Reason).
			text(annotation(r, func(c *concordance.Call) string { return c.Consequence })).
			text(annotation(r, func(c *concordance.Call) string { return c.Exon })).
			text(sources(r.Tissue.Calls, paths)).text(sources(r.Plasma.Calls, paths)).
			text(r.Excluded).num(powerVAF(r.Power)).num(powerProbability(r.Power)).
			text(r.WBC.Status).count(wbcCount(r.WBC, r.WBC.AltReads)).count(wbcCount(r.WBC, r.WBC.Depth)).text(r.WBC.Source).
			num(chProbability(r.CH)).end()
	}
}

// powerVAF and powerProbability are a row's detection power: the VAF
// expected on the judged side and the probability that its caller reports
// it (NaN, written ".", when not computed).
func powerVAF(p *concordance.Power) float64 {
	if p == nil {
		return math.NaN()
	}
	return p.ExpectedVAF
}

// wbcCount is a white-blood-cell count, unknown (-1, written ".") when
// the sample was not looked up.
func wbcCount(w concordance.WBCObservation, n int) int {
	if !w.Looked() {
		return -1
	}
	return n
}

func chProbability(c *concordance.CHAssessment) float64 {
	if c == nil {
		return math.NaN()
	}
	return c.Probability
}

func powerProbability(p *concordance.Power) float64 {
	if p == nil {
		return math.NaN()
	}
	return p.Probability
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

// WritePatients writes patients.tsv.
func WritePatients(w io.Writer, patients []concordance.PatientResult) error {
	t := newTSV(w, schema.PatientsTSV)
	for i := range patients {
		pr := &patients[i]
		p := pr.Patient
		c := pr.Counts
		days, known := p.DaysBetween()
		ppa := concordance.Missing
		if c.Shared+c.TissueOnly > 0 {
			ppa = float64(c.Shared) / float64(c.Shared+c.TissueOnly)
		}
		tb, pb := pr.Biomarkers[concordance.Tissue], pr.Biomarkers[concordance.Plasma]
		t.text(p.ID).text(p.CancerType).text(p.OncotreeCode).text(p.Stage).num(pr.TumorFraction).text(pr.TumorFractionSource).
			text(pr.TFTier()).integer(days, known).
			count(pr.Calls[concordance.Tissue]).count(pr.Calls[concordance.Plasma]).
			count(c.Shared).count(c.TissueOnly).count(c.PlasmaOnly).count(c.Total()).
			num(ppa).num(tb.TMB).num(pb.TMB).text(tb.MSIStatus).text(pb.MSIStatus).
			num(purity(pr)).text(pr.PuritySource).boolean(pr.UninformativePlasma, pr.PuritySource != "").
			text(strings.Join(pr.Notes, "; ")).end()
	}
	return t.flush()
}

// purity and uninformative_plasma are what the explanation classifier set
// ("." when it did not run: PuritySource is then empty).
func purity(pr *concordance.PatientResult) float64 {
	if pr.PuritySource == "" {
		return math.NaN()
	}
	return pr.Purity
}

// WriteLedger writes ledger.tsv: per input file, records used and records
// excluded by reason.
func WriteLedger(w io.Writer, led *concordance.Ledger, paths Paths) error {
	t := newTSV(w, schema.LedgerTSV)
	for e := range led.Sorted() {
		outcome := schema.OutcomeExcluded
		if e.Used() {
			outcome = schema.OutcomeUsed
		}
		t.text(paths.Rel(e.File)).text(e.Patient).text(e.Side.String()).text(outcome).text(e.Reason).text(e.Detail).count(int(e.Records)).end()
	}
	return t.flush()
}

// WriteProvenance writes provenance.tsv: every input with its checksum,
// in the order given.
func WriteProvenance(w io.Writer, inputs []schema.InputFile) error {
	t := newTSV(w, schema.ProvenanceTSV)
	provenanceRows(t, inputs)
	return t.flush()
}

// ProvenanceRows writes lines of provenance.tsv without the header, as
// AlterationRows does for alterations.tsv.
type ProvenanceRows struct{ t *tsv }

// NewProvenanceRows returns a ProvenanceRows writing to w.
func NewProvenanceRows(w io.Writer) *ProvenanceRows {
	return &ProvenanceRows{newRows(w, schema.ProvenanceTSV)}
}

// Write writes the inputs' lines and flushes them to the writer.
func (p *ProvenanceRows) Write(inputs []schema.InputFile) error {
	provenanceRows(p.t, inputs)
	return p.t.flush()
}

func provenanceRows(t *tsv, inputs []schema.InputFile) {
	for _, in := range inputs {
		t.text(in.Path).text(in.SHA256).count(int(in.Bytes)).text(in.Format).end()
	}
}

// WritePairs writes pairs.tsv: each patient's chosen tissue and plasma
// samples with the rule that chose them, then every sample left unpaired
// with the reason.
func WritePairs(w io.Writer, p *schema.Pairs) error {
	t := newTSV(w, schema.PairsTSV)
	for _, c := range p.Choices {
		// --pairing union chooses every sample of a kind, ";" between
		// them: one row each.
		for _, side := range [2][2]string{{c.Tissue, schema.Tissue}, {c.Plasma, schema.Plasma}} {
			for _, id := range strings.Split(side[0], ";") {
				t.text(c.Patient).text(id).text(side[1]).text(c.Rule).end()
			}
		}
	}
	for _, u := range p.Unpaired {
		t.text(u.Patient).text(u.Sample).text("").text(u.Reason).end()
	}
	return t.flush()
}
