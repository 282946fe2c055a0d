package concordance

import (
	"math"

	"github.com/concord-oncology/concord/concordance/schema"
)

// Observation is what one side knows about an alteration of a patient.
type Observation struct {
	Status Status
	// Calls are this side's calls that make up the alteration: one, or
	// several when a haplotype match joined e.g. an MNV with its SNVs.
	Calls []*Call
	// Evidence is what this side's reads show at the site of an alteration
	// it did not call (the zero value: not looked up).
	Evidence Evidence
	// kept is what the calls gave once ReleaseRows let them go (nil while
	// Calls are held).
	kept *kept
}

// kept are the quantities an observation's calls gave, kept when the calls
// are released: the cohort stage needs only these.
type kept struct {
	vaf, foldChange, copyNumber float64
	depth, altReads, calls      int
}

// Called reports whether the side has calls (held, or released).
func (o *Observation) Called() bool {
	if o.kept != nil {
		return o.kept.calls > 0
	}
	return len(o.Calls) > 0
}

// Evidence sources.
const (
	EvidenceBAM  = schema.EvidenceBAM  // reads counted in the sample's BAM
	EvidenceGVCF = schema.EvidenceGVCF // the sample's genome VCF (depth from reference records, alt reads where the caller wrote them)
)

// Evidence is the read support for an alteration on a side without a call:
// the observed counts, whatever status they led to, so that later steps
// (detection power) can use the depth.
type Evidence struct {
	Source   string // EvidenceBAM, EvidenceGVCF, "filtered_call", or "" when not looked up
	AltReads int    // reads supporting the alteration's allele; -1 when unknown
	Depth    int    // informative reads at the site; -1 when unknown
}

// Looked reports whether evidence was looked up.
func (e Evidence) Looked() bool { return e.Source != "" }

// VAF is the mean VAF of the side's calls, Missing when none is known.
// (An MNV written as separate SNVs is read on the same molecules, so the
// mean of its components estimates the MNV's VAF.)
func (o Observation) VAF() float64 {
	if o.kept != nil {
		return o.kept.vaf
	}
	return o.mean(func(c *Call) float64 { return c.VAF })
}

// FoldChange is the mean copy-number fold change of the side's calls,
// Missing when none is known.
func (o Observation) FoldChange() float64 {
	if o.kept != nil {
		return o.kept.foldChange
	}
	return o.mean(func(c *Call) float64 { return c.FoldChange })
}

// CopyNumber is the mean total copy number of the side's calls, Missing
// when none is known.
func (o Observation) CopyNumber() float64 {
	if o.kept != nil {
		return o.kept.copyNumber
	}
	return o.mean(func(c *Call) float64 { return c.CopyNumber })
}

// mean is the mean of a quantity over the side's calls that know it,
// Missing when none does.
func (o Observation) mean(get func(*Call) float64) float64 {
	sum, n := 0.0, 0
	for _, c := range o.Calls {
		if x := get(c); Known(x) {
			sum += x
			n++
		}
	}
	if n == 0 {
		return Missing
	}
	return sum / float64(n)
}

// Depth is the mean depth of the side's calls (rounded); for a side
// without calls, the depth its evidence observed; -1 when unknown.
func (o Observation) Depth() int {
	if o.kept != nil {
		return o.kept.depth
	}
	return o.meanCount(o.Evidence.Depth, func(c *Call) int { return c.Depth })
}

// AltReads is the mean alt-read count of the side's calls; for a side
// without calls, the alt reads its evidence observed; -1 when unknown.
func (o Observation) AltReads() int {
	if o.kept != nil {
		return o.kept.altReads
	}
	return o.meanCount(o.Evidence.AltReads, func(c *Call) int { return c.AltReads })
}

// meanCount is the mean of a count over the side's calls that know it,
// rounded, -1 when none does; for a side without calls, evidence (the
// count its reads showed), -1 when not looked up or unknown.
func (o Observation) meanCount(evidence int, count func(*Call) int) int {
	if len(o.Calls) == 0 {
		if !o.Evidence.Looked() || evidence < 0 {
			return -1
		}
		return evidence
	}
	sum, n := 0, 0
	for _, c := range o.Calls {
		if k := count(c); k >= 0 {
			sum += k
			n++
		}
	}
	if n == 0 {
		return -1
	}
	return int(math.Round(float64(sum) / float64(n)))
}

// Row is one alteration of one patient: both sides' observations, its
// category and, when shared, the tier by which it matched.
type Row struct {
	Alteration
	Tissue   Observation
	Plasma   Observation
	Category Category
	Tier     Tier
	released bool // by ReleaseRows (here, where it takes no room)
	Flags    Flags
	Reason   string // why a discordant alteration is discordant ("" when not explained)
	// Excluded names the option that removed the alteration from the
	// counts (e.g. "ch" for --exclude ch); its Category is kept, so tables
	// show what it would have been.
	Excluded string
	// Power is the detection power of the side judged (plasma for an
	// alteration tissue called, tissue for a plasma-only one); nil when not
	// computed.
	Power *Power
	// WBC is what the matched white-blood-cell sample shows at the site of
	// a small variant the plasma called.
	WBC WBCObservation
	// CH is the rules' likelihood that a plasma call comes from clonal
	// haematopoiesis; nil when not assessed (no plasma call, not a small
	// variant, or conclusive WBC evidence).
	CH *CHAssessment

	annotation *annotation // AnnotatedCall's, once released; nil: none
}

// annotation is what Release keeps of a row's annotated call.
type annotation struct{ protein, consequence, exon string }

// WBCObservation is the matched white-blood-cell sample's view of a plasma
// call: its counts at the site (Evidence.Source schema.EvidenceCall when
// its own call of the allele gave them, else its BAM or genome VCF; the
// zero value: not looked up) and what they mean (Status: schema.WBCPresent,
// WBCAbsent, WBCInconclusive, or "" when there are none).
type WBCObservation struct {
	Evidence
	Status string
}

// CHAssessment is the graded likelihood of clonal haematopoiesis.
type CHAssessment struct {
	Probability float64 // posterior probability by the rules, in [0, 1]
}

// Power is the probability that a side should have called an alteration,
// from the VAF expected there and the depth at the site.
type Power struct {
	Side        Side    // the side judged
	ExpectedVAF float64 // VAF expected on that side; Missing when unknown
	Depth       int     // depth assumed at the site
	DepthSource string  // where Depth came from (e.g. "evidence", "calls_median", "default")
	// DepthSpread is the log-scale spread of the site depth around Depth
	// that Probability averages over when the site's own depth is unknown;
	// 0 when Depth was measured at the site.
	DepthSpread float64
	Probability float64 // probability the caller's threshold is reached; Missing when unknown
}

// release keeps what the cohort stage reads of the side's calls in k and
// lets the calls go.
func (o *Observation) release(k *kept) {
	*k = kept{vaf: o.VAF(), foldChange: o.FoldChange(), copyNumber: o.CopyNumber(),
		depth: o.Depth(), altReads: o.AltReads(), calls: len(o.Calls)}
	o.kept, o.Calls = k, nil
}

// ReleaseRows lets a patient's finished rows' calls go, keeping what the
// cohort stage reads of them: each side's quantities (VAF, Depth, ... give
// the same values), whether it called the row (Called) and the annotation
// of AnnotatedCall. Calls were half of what a run kept per patient. What
// is kept is allocated once for the patient (a RowStore packs many
// patients' together). The calls are gone afterwards: release rows only
// once alterations.tsv's lines and the partial record that need them are
// written. A released row is not released again.
func ReleaseRows(rows []Row) {
	sides, annotated := toRelease(rows)
	releaseRows(rows, make([]kept, sides), make([]annotation, annotated))
}

// toRelease counts the sides with calls and the annotated calls of the
// rows not released yet: what releasing them keeps.
func toRelease(rows []Row) (sides, annotated int) {
	for i := range rows {
		r := &rows[i]
		if r.released {
			continue
		}
		sides += min(len(r.Tissue.Calls), 1) + min(len(r.Plasma.Calls), 1)
		if r.AnnotatedCall() != nil {
			annotated++
		}
	}
	return sides, annotated
}

// releaseRows releases the rows into ks and as, sized by toRelease.
func releaseRows(rows []Row, ks []kept, as []annotation) {
	for i := range rows {
		r := &rows[i]
		if r.released {
			continue
		}
		if c := r.AnnotatedCall(); c != nil {
			as[0] = annotation{c.Protein, c.Consequence, c.Exon}
			r.annotation, as = &as[0], as[1:]
		}
		for _, o := range []*Observation{&r.Tissue, &r.Plasma} {
			if len(o.Calls) > 0 {
				o.release(&ks[0])
				ks = ks[1:]
			}
		}
		r.released = true
	}
}

// AnnotatedCall returns the row's call with a protein change, tissue first
// (the tissue call defines e.g. an actionable alteration), else any call;
// nil when neither side called it. After Release it is a new call of the
// row's alteration with that call's protein change, consequence and exon
// (what explain.EffectOf and the actionability rules read), nothing else.
func (r *Row) AnnotatedCall() *Call {
	if r.released {
		if r.annotation == nil {
			return nil
		}
		c := &Call{Alteration: r.Alteration, Consequence: r.annotation.consequence, Exon: r.annotation.exon}
		c.Protein = r.annotation.protein
		return c
	}
	var any *Call
	for _, side := range [2][]*Call{r.Tissue.Calls, r.Plasma.Calls} {
		for _, c := range side {
			if c.Protein != "" {
				return c
			}
			if any == nil {
				any = c
			}
		}
	}
	return any
}

// Counted reports whether the row counts towards shared / tissue-only /
// plasma-only: inside the comparison universe and not excluded.
func (r *Row) Counted() bool { return r.Category != NotCompared && r.Excluded == "" }

// Side returns the observation of one side.
func (r *Row) Side(s Side) *Observation {
	if s == Tissue {
		return &r.Tissue
	}
	return &r.Plasma
}

// Counts are the shared, tissue-only and plasma-only alterations of a
// patient or a group of patients.
type Counts struct {
	Shared, TissueOnly, PlasmaOnly int
}

// Total is the union S+T+P.
func (c Counts) Total() int { return c.Shared + c.TissueOnly + c.PlasmaOnly }

// Add returns the sum of two counts.
func (c Counts) Add(o Counts) Counts {
	return Counts{c.Shared + o.Shared, c.TissueOnly + o.TissueOnly, c.PlasmaOnly + o.PlasmaOnly}
}

// Count adds one row's category.
func (c *Counts) Count(cat Category) {
	switch cat {
	case Shared:
		c.Shared++
	case TissueOnly:
		c.TissueOnly++
	case PlasmaOnly:
		c.PlasmaOnly++
	}
}

// CountRows counts the categories of the rows that are counted (see
// Row.Counted).
func CountRows(rows []Row) Counts {
	var c Counts
	for i := range rows {
		if rows[i].Counted() {
			c.Count(rows[i].Category)
		}
	}
	return c
}

// CountAll counts the categories of all rows in the universe, exclusions
// included (the "both ways" of an --exclude option).
func CountAll(rows []Row) Counts {
	var c Counts
	for i := range rows {
		c.Count(rows[i].Category)
	}
	return c
}

// PatientResult is the analysis of one patient.
type PatientResult struct {
	Patient *Patient
	Rows    []Row
	Counts  Counts
	// Calls is the number of calls read on each side after filters.
	Calls [2]int
	// Failed marks a side whose sample failed or was not assessed.
	Failed [2]bool
	// Biomarkers are the sample-level measurements of each side.
	Biomarkers [2]Biomarkers
	// Notes are things the analysis assumed that a user should know
	// (e.g. a sample with no rows in a multi-sample file).
	Notes []string
	// TumorFraction is the ctDNA tumour fraction used for strata: the
	// sheet's value, or an estimate when the sheet has none; Missing when
	// neither. TumorFractionSource says which ("sheet", "msaf", or "").
	TumorFraction       float64
	TumorFractionSource string
	// Purity is the tissue sample's tumour cell fraction used for
	// detection power: the sheet's, or an estimate; PuritySource says
	// which ("sheet", an estimate's name, or "" when not set).
	Purity       float64
	PuritySource string
	// UninformativePlasma marks a plasma sample without any somatic call
	// (none left after germline and clonal-haematopoiesis calls are set
	// aside): its negatives say little (METHODS.md §2.3).
	UninformativePlasma bool
	// WBC are the calls of the matched white-blood-cell sample, when the
	// sheet gives one (normalised; evidence only, never compared).
	WBC []Call
	// Filtered are the sites of each side's records skipped for their
	// FILTER, for classifiers to look up sub-threshold calls; the pipeline
	// keeps them only while the patient's classifiers run.
	Filtered [2]*FilteredSites
}

// TFTier is the ctDNA tumour-fraction tier of a patient: "<1%", "1-10%",
// ">=10%" (Husain et al. 2022 JCO PO tiers; METHODS.md §2.3) of its
// tumour fraction; without one, "no_ctdna_detected" when the plasma has no
// somatic call (nothing was detected, so nothing could be measured: a
// level of its own, not a missing value), else "unknown". A tumour
// fraction the sheet gives is a measurement in its own right and keeps
// its tier whatever the calls.
func (p *PatientResult) TFTier() string {
	if !Known(p.TumorFraction) && p.UninformativePlasma {
		return schema.LevelNoCtDNA
	}
	return TFTier(p.TumorFraction)
}

// TFTier names the tier of a tumour fraction.
func TFTier(tf float64) string {
	switch {
	case !Known(tf):
		return schema.LevelUnknown
	case tf < 0.01:
		return schema.TFBelow1
	case tf < 0.10:
		return schema.TF1To10
	default:
		return schema.TF10AndAbove
	}
}
