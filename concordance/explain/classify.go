package explain

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
)

// Depth sources of a detection power.
const (
	DepthEvidence   = "evidence"     // counted at the site in the judged sample's BAM or gVCF
	DepthCall       = "call"         // the judged sample's own call (shared alterations)
	DepthCallMedian = "calls_median" // the median depth of the judged sample's small-variant calls
	DepthDefault    = "default"
)

// Options are the thresholds and priors of the classifier. DefaultOptions
// documents each default.
type Options struct {
	// Caller thresholds used for detection power: the least alt reads and
	// VAF at which each assay reports a small variant.
	PlasmaMinAlt int
	PlasmaMinVAF float64
	TissueMinAlt int
	TissueMinVAF float64
	// PlasmaMinFoldChange is the fold change from which the plasma assay
	// reports an amplification.
	PlasmaMinFoldChange float64
	// Depths assumed when a sample has no small-variant call to take a
	// median from.
	DefaultDepth [2]int
	// DefaultPurity is the tissue purity assumed when neither the sheet nor
	// the tissue VAFs give one.
	DefaultPurity float64

	// GermlineP is the binomial-test p-value at or above which a VAF is
	// taken as consistent with 50% or 100% (kunstner/UKSH_liquidbiopsy's
	// 1e-4); GermlineMinDepth the least depth for the test to be used.
	GermlineP        float64
	GermlineMinDepth int
	// GermlinePopAF is the population allele frequency from which a call
	// is germline-likely.
	GermlinePopAF float64
	// WBCGermlineVAF is the WBC VAF from which a call also in the WBC is
	// germline rather than CH (Caris's buffy-coat rule: ≥ 30%);
	// WBCCHMaxVAF the WBC VAF under which it is CH (< 20%; between the two
	// Caris calls the origin unknown); WBCMinAlt the least WBC reads that
	// show the allele present.
	WBCGermlineVAF float64
	WBCCHMaxVAF    float64
	WBCMinAlt      int

	// CHMaxVAF is the plasma VAF from which no rule calls a change CH;
	// CHMinAlt the least plasma reads for the rules to grade a call;
	// CHProbable and CHPossible the probabilities of CH from which a call
	// is ch_candidate and ch_possible (see clonalHaematopoiesis).
	CHMaxVAF   float64
	CHMinAlt   int
	CHProbable float64
	CHPossible float64
	// CHSharedTissueVAF: a tissue VAF below this and below half the
	// plasma VAF is that of the blood in the biopsy, not of tumour DNA.
	CHSharedTissueVAF float64

	// LossRate and LossScaleDays give the prior probability that a tissue
	// alteration is gone from the shedding tumour after d days:
	// LossRate·(1 − exp(−d/LossScaleDays)).
	LossRate      float64
	LossScaleDays float64
	// SubclonalCCF is the tissue cancer-cell fraction under which a tissue
	// alteration counts as subclonal.
	SubclonalCCF float64
	// PowerCut is the probability above which an assay "should have"
	// called an alteration.
	PowerCut float64

	// PlasmaFusionGenes are the genes whose rearrangements the plasma
	// assay reports; nil means every gene (no restriction).
	PlasmaFusionGenes map[string]bool

	// Exclude lists the flags whose alterations are taken out of the
	// counts: schema.ExcludeCH, schema.ExcludeGermline.
	Exclude []string
}

// ParseExclude reads --exclude: a comma-separated list, case and spaces
// ignored, "none" and empty items dropped (Options.Validate checks the
// values).
func ParseExclude(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(strings.ToLower(x)); x != "" && x != "none" {
			out = append(out, x)
		}
	}
	return out
}

// DefaultOptions are concord's defaults:
//
//   - PlasmaMinAlt 5, PlasmaMinVAF 0.2%: the TSO500 ctDNA reporting floor
//     (DRAGEN TSO500 ctDNA reports small variants down to about 0.2–0.5%
//     VAF with at least a handful of supporting reads; the assay's stated
//     LoD is 0.5% at 95% sensitivity, Illumina TSO500 ctDNA; Harter et al.
//     2023 measured high sensitivity down to 0.5%).
//   - TissueMinAlt 5, TissueMinVAF 5%: the TSO500 Local App (Pisces)
//     reporting floor for FFPE tissue.
//   - PlasmaMinFoldChange 1.5: the DRAGEN ctDNA gain call (plasma needs
//     TF ≥ 1/(CN − 2) for it, the reason amplifications are seldom found
//     in plasma; Woodhouse et al. 2020 put the F1LCDx amplification LoD95
//     at 21.7% TF).
//   - DefaultDepth: tissue 500, plasma 1,500 (typical deduplicated depths
//     of TSO500 FFPE and TSO500 ctDNA samples), used only for a sample
//     without any small-variant call.
//   - DefaultPurity 0.5: the median pathology purity of sequenced FFPE
//     samples.
//   - GermlineP 1e-4, GermlineMinDepth 50: the exact binomial test of
//     kunstner/UKSH_liquidbiopsy (01_chip_classifier.R), H0 VAF = 0.5 or
//     1.0; with fewer reads the test accepts almost any VAF.
//   - GermlinePopAF 0.1%: well above the gnomAD frequency that somatic
//     hotspots reach through CH in the population (about 1e-5–1e-4), and
//     below common polymorphisms.
//   - WBCGermlineVAF 30%, WBCCHMaxVAF 20%: Caris's buffy-coat rule
//     (germline: buffy-coat VF ≥ 30% and plasma VF ≤ buffy VF; CH: buffy
//     VF < 20%; unknown between; METHODS.md §2.1). WBCMinAlt 2: one read
//     is as likely an error as a molecule (as evidence.DefaultOptions).
//   - CHMaxVAF 35%: the VAF from which kbolton-lab/ArCH takes a blood
//     variant as germline rather than CH (PostPipelineFilters.R), above
//     Caris's 30%; a heterozygous clone there makes up 70% of the blood.
//   - CHMinAlt 3: DRAGEN's least support for a hotspot call; with fewer
//     reads a call's VAF says nothing about its origin.
//   - CHProbable 0.5 (more likely CH than not), CHPossible 0.2 (one chance
//     in five): set before scoring, checked unchanged on synthetic cohorts
//     of seeds 1–4.
//   - CHSharedTissueVAF 10%: blood makes up a few percent to 15% of a
//     biopsy's cells, so a CH allele's tissue VAF stays well under 10%.
//   - LossRate 0.5, LossScaleDays 365: NCI-MATCH (CCR 2025) found the
//     tissue alteration in plasma in 81% of contemporaneous and 56% of
//     non-contemporaneous pairs: a relative loss of 1 − 56/81 = 31% over
//     intervals of the order of a year, 0.5·(1 − e⁻¹) = 0.32.
//   - SubclonalCCF 0.5: a tissue VAF under half the heterozygous clonal
//     VAF (purity/2).
//   - PowerCut 0.5.
//   - PlasmaFusionGenes: TSO500ctDNAFusionGenes.
func DefaultOptions() Options {
	return Options{
		PlasmaMinAlt: 5, PlasmaMinVAF: 0.002,
		TissueMinAlt: 5, TissueMinVAF: 0.05,
		PlasmaMinFoldChange: 1.5,
		DefaultDepth:        [2]int{500, 1500},
		DefaultPurity:       0.5,
		GermlineP:           1e-4, GermlineMinDepth: 50,
		GermlinePopAF:  0.001,
		WBCGermlineVAF: 0.30, WBCCHMaxVAF: 0.20, WBCMinAlt: 2,
		CHMaxVAF: 0.35, CHMinAlt: 3, CHProbable: 0.5, CHPossible: 0.2,
		CHSharedTissueVAF: 0.10,
		LossRate:          0.5, LossScaleDays: 365,
		SubclonalCCF:      0.5,
		PowerCut:          0.5,
		PlasmaFusionGenes: TSO500ctDNAFusionGenes(),
	}
}

// TSO500ctDNAFusionGenes are the genes whose rearrangements the TSO500
// ctDNA assay reports from DNA (its probes tile their breakpoint introns):
// Illumina's TruSight Oncology 500 ctDNA gene list names 23 such genes.
func TSO500ctDNAFusionGenes() map[string]bool {
	m := map[string]bool{}
	for _, g := range strings.Fields("ALK BCL2 BCR BRAF CD74 EGFR ETV6 EWSR1 FGFR1 FGFR2 FGFR3 MET MYC NTRK1 NTRK2 NTRK3 PAX3 PAX7 PDGFRA RAF1 RET ROS1 TMPRSS2") {
		m[g] = true
	}
	return m
}

// Validate checks the options.
func (o *Options) Validate() error {
	switch {
	case o.PlasmaMinAlt < 1 || o.TissueMinAlt < 1:
		return fmt.Errorf("explain: minimum alt reads must be at least 1")
	case !(o.PlasmaMinVAF >= 0 && o.PlasmaMinVAF < 1) || !(o.TissueMinVAF >= 0 && o.TissueMinVAF < 1):
		return fmt.Errorf("explain: minimum VAFs must be in [0, 1)")
	case o.DefaultDepth[0] < 1 || o.DefaultDepth[1] < 1:
		return fmt.Errorf("explain: default depths must be positive")
	case !(o.DefaultPurity > 0 && o.DefaultPurity <= 1):
		return fmt.Errorf("explain: default purity must be in (0, 1]")
	case !(o.LossRate >= 0 && o.LossRate < 1) || !(o.LossScaleDays > 0):
		return fmt.Errorf("explain: loss rate must be in [0, 1) and its time scale positive")
	case !(o.CHPossible > 0 && o.CHPossible <= o.CHProbable && o.CHProbable <= 1):
		return fmt.Errorf("explain: CH probability cut-offs must satisfy 0 < possible ≤ probable ≤ 1")
	case !(o.CHMaxVAF > 0 && o.CHMaxVAF <= 1) || !(o.WBCCHMaxVAF > 0 && o.WBCCHMaxVAF <= o.WBCGermlineVAF && o.WBCGermlineVAF <= 1):
		return fmt.Errorf("explain: CH and WBC VAF bounds must be in (0, 1], the WBC CH bound at most the germline one")
	}
	for _, e := range o.Exclude {
		if e != schema.ExcludeCH && e != schema.ExcludeGermline {
			return fmt.Errorf("explain: cannot exclude %s (want %s or %s)", concordance.Quote(e), schema.ExcludeCH, schema.ExcludeGermline)
		}
	}
	return nil
}

// Classifier flags clonal haematopoiesis and germline calls, sets each
// patient's tumour fraction, purity and detection powers, gives every
// discordant alteration a reason, and applies the exclusions. Use its
// Classify as a pipeline.Config.Classify step after the universe and
// evidence classifiers (it reads the statuses they set).
type Classifier struct {
	Options
}

// New returns a classifier with the options, checked.
func New(opt Options) (*Classifier, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	return &Classifier{Options: opt}, nil
}

func (c *Classifier) excludes(name string) bool {
	for _, e := range c.Exclude {
		if e == name {
			return true
		}
	}
	return false
}

// Classify explains one patient's alterations. In order:
//
//  1. WBC evidence (wbcObserve): what the matched white-blood-cell sample
//     shows at each plasma call's site; present: ch_evidence, or
//     germline_likely from 30% VAF; absent (covered, lacking the allele):
//     neither CH nor germline, whatever the later rules say.
//  2. Germline (germline): the caller's status, a population frequency,
//     or VAFs of one germline genotype in every sample that are too high
//     for somatic DNA somewhere, judged with each sample's tumour content
//     and loss of heterozygosity.
//  3. Clonal haematopoiesis (clonalHaematopoiesis): the graded likelihood
//     of a plasma call without conclusive WBC evidence: ch_candidate
//     (probable) or ch_possible.
//  4. Tumour fraction (tumourFraction): the sheet's, else the maximum
//     somatic allele fraction of the plasma, germline-, CH- and
//     copy-number-aware. A plasma with no somatic call is uninformative.
//  5. Purity (purity): the sheet's; else twice the median tissue VAF of
//     somatic small variants; else DefaultPurity.
//  6. Detection power of each small variant, amplification and fusion
//     (Row.Power): for an alteration the tissue called, the plasma's; for
//     a plasma-only one, the tissue's.
//  7. A reason for every alteration called on one side only (see the
//     package documentation for the precedence).
//  8. Exclusions: rows flagged CH (ch_candidate or ch_evidence) or
//     germline_likely get Row.Excluded when Options.Exclude names them. A
//     row the WBC sample covered and lacked carries neither flag, so no
//     exclusion drops it.
//
// It only touches the patient it is given, so it is safe for concurrent use.
func (c *Classifier) Classify(pr *concordance.PatientResult) error {
	wbc := newWBCIndex(pr.WBC)
	for i := range pr.Rows {
		c.wbcObserve(&pr.Rows[i], wbc)
	}
	ps := &patientScale{cnGenes: copyNumberGenes(pr)}
	c.somaticScale(pr, ps)
	for i := range pr.Rows {
		c.germline(pr, ps, i)
	}
	c.tumourSignal(pr, ps)
	for i := range pr.Rows {
		c.clonalHaematopoiesis(pr, ps, i)
	}
	c.tumourFraction(pr, ps)
	c.purity(pr, ps)
	// A side's typical depth is the patient's, not the row's: computed once
	// (per row it made a sample of many calls quadratic).
	var depths [2]*sideDepth
	sample := func(s concordance.Side) sideDepth {
		if depths[s] == nil {
			d, src, spread := c.sampleDepth(pr, s)
			depths[s] = &sideDepth{d, src, spread}
		}
		return *depths[s]
	}
	for i := range pr.Rows {
		r := &pr.Rows[i]
		r.Power = c.power(pr, r, sample)
		r.Reason = c.reason(pr, r)
	}
	for i := range pr.Rows {
		r := &pr.Rows[i]
		switch {
		case c.excludes(schema.ExcludeCH) && r.Flags&(concordance.FlagCHCandidate|concordance.FlagCHEvidence) != 0:
			r.Excluded = schema.ExcludeCH
		case c.excludes(schema.ExcludeGermline) && r.Flags.Has(concordance.FlagGermlineLikely):
			r.Excluded = schema.ExcludeGermline
		}
	}
	return nil
}

// called reports whether a side called the row.
func called(r *concordance.Row, s concordance.Side) bool {
	return r.Side(s).Status == concordance.Called && r.Side(s).Called()
}

// annotated returns the row's call carrying the most annotation (protein,
// then consequence), plasma first: CH rules read it.
func annotated(r *concordance.Row) *concordance.Call {
	var best *concordance.Call
	score := -1
	for _, c := range append(append([]*concordance.Call(nil), r.Plasma.Calls...), r.Tissue.Calls...) {
		s := 0
		if c.Protein != "" {
			s += 2
		}
		if c.Consequence != "" {
			s++
		}
		if s > score {
			best, score = c, s
		}
	}
	return best
}

// counts returns the alt reads and depth of a side, when both are known.
func counts(o *concordance.Observation) (alt, depth int, ok bool) {
	alt, depth = o.AltReads(), o.Depth()
	return alt, depth, alt >= 0 && depth > 0 && alt <= depth
}

func median(x []float64) float64 {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// sampleDepth is the median depth of a side's small-variant calls, with
// the spread of their log depths (1.4826 × the median absolute deviation,
// at least minSpread; defaultSpread with fewer than five calls), or the
// default depth.
func (c *Classifier) sampleDepth(pr *concordance.PatientResult, s concordance.Side) (int, string, float64) {
	var d []float64
	for i := range pr.Rows {
		r := &pr.Rows[i]
		if !r.Class.IsSmall() || !called(r, s) {
			continue
		}
		if x := r.Side(s).Depth(); x > 0 {
			d = append(d, math.Log(float64(x)))
		}
	}
	if len(d) == 0 {
		return c.DefaultDepth[s], DepthDefault, defaultSpread
	}
	m := median(d)
	spread := defaultSpread
	if len(d) >= 5 {
		dev := make([]float64, len(d))
		for i, x := range d {
			dev[i] = math.Abs(x - m)
		}
		spread = math.Max(minSpread, 1.4826*median(dev))
	}
	return int(math.Round(math.Exp(m))), DepthCallMedian, spread
}

// sideDepth is a side's sampleDepth.
type sideDepth struct {
	depth  int
	source string
	spread float64
}

// The depth at a site without a call or evidence is unknown: it varies
// around the sample's median as the depths of hybrid-capture targets do,
// log-normally. defaultSpread is the usual per-target spread of capture
// panels (coefficient of variation about 0.3); minSpread keeps a sample
// whose few calls happen to agree from looking exact.
const (
	defaultSpread = 0.3
	minSpread     = 0.1
)

// hermite are the nodes and weights of 7-point Gauss–Hermite quadrature
// for the standard normal (numpy.polynomial.hermite_e.hermegauss(7),
// weights divided by √(2π)).
var hermite = [7][2]float64{
	{-3.7504397177257425, 0.0005482688559722169},
	{-2.366759410734541, 0.030757123967586515},
	{-1.1544053947399682, 0.24012317860501264},
	{0, 0.4571428571428572},
	{1.1544053947399682, 0.24012317860501264},
	{2.366759410734541, 0.030757123967586515},
	{3.7504397177257425, 0.0005482688559722169},
}

// spreadPower is the detection power averaged over a log-normal spread of
// site depths around depth (σ = spread on the log scale).
func spreadPower(depth int, spread, vaf float64, minAlt int, minVAF float64) float64 {
	if spread <= 0 {
		return DetectionPower(depth, vaf, minAlt, minVAF)
	}
	var sum float64
	for _, h := range hermite {
		d := int(math.Round(float64(depth) * math.Exp(spread*h[0])))
		sum += h[1] * DetectionPower(max(d, 1), vaf, minAlt, minVAF)
	}
	return sum
}

// power computes the detection power of the side that is judged: plasma
// for an alteration the tissue called, tissue for a plasma-only one.
func (c *Classifier) power(pr *concordance.PatientResult, r *concordance.Row, sample func(concordance.Side) sideDepth) *concordance.Power {
	tCalled, pCalled := called(r, concordance.Tissue), called(r, concordance.Plasma)
	if pr.Failed[concordance.Tissue] || pr.Failed[concordance.Plasma] || !tCalled && !pCalled {
		return nil
	}
	judged := concordance.Plasma
	if !tCalled {
		judged = concordance.Tissue
	}
	pw := &concordance.Power{Side: judged, ExpectedVAF: math.NaN(), Probability: math.NaN()}
	tf, pu := pr.TumorFraction, pr.Purity
	o := r.Side(judged)
	spread := 0.0
	switch {
	case o.Evidence.Looked() && o.Evidence.Depth >= 0:
		pw.Depth, pw.DepthSource = o.Evidence.Depth, DepthEvidence
	case called(r, judged) && o.Depth() > 0:
		pw.Depth, pw.DepthSource = o.Depth(), DepthCall
	default:
		sd := sample(judged)
		pw.Depth, pw.DepthSource, spread = sd.depth, sd.source, sd.spread
	}
	if !concordance.Known(tf) || !(pu > 0) {
		return pw
	}
	switch r.Class {
	case concordance.SNV, concordance.MNV, concordance.Indel:
		if judged == concordance.Plasma {
			if tv := r.Tissue.VAF(); concordance.Known(tv) {
				pw.ExpectedVAF = math.Min(1, tv*tf/pu)
			}
		} else if tf > 0 {
			if pv := r.Plasma.VAF(); concordance.Known(pv) {
				pw.ExpectedVAF = math.Min(1, pv*pu/tf)
			}
		}
	case concordance.Fusion:
		// A clonal heterozygous rearrangement: half the fragments at the
		// breakpoint carry it.
		if judged == concordance.Plasma {
			pw.ExpectedVAF = tf / 2
		} else {
			pw.ExpectedVAF = pu / 2
		}
	case concordance.Amplification:
		if judged == concordance.Plasma {
			return c.amplificationPower(r, tf, pu, pw)
		}
		return pw
	default:
		return pw
	}
	minAlt, minVAF := c.PlasmaMinAlt, c.PlasmaMinVAF
	if judged == concordance.Tissue {
		minAlt, minVAF = c.TissueMinAlt, c.TissueMinVAF
	}
	pw.Probability = spreadPower(pw.Depth, spread, pw.ExpectedVAF, minAlt, minVAF)
	pw.DepthSpread = spread
	return pw
}

// amplificationPower: from the tissue fold change FC and purity p the copy
// number is CN = (2·FC − 2(1 − p))/p; the plasma fold change expected is
// (TF·CN + 2(1 − TF))/2, called when at least PlasmaMinFoldChange. The
// probability is 1 or 0: fold-change noise is not modelled.
func (c *Classifier) amplificationPower(r *concordance.Row, tf, pu float64, pw *concordance.Power) *concordance.Power {
	fc := math.NaN()
	for _, call := range r.Tissue.Calls {
		if concordance.Known(call.FoldChange) {
			fc = call.FoldChange
		}
	}
	if !concordance.Known(fc) {
		return pw
	}
	cn := (2*fc - 2*(1-pu)) / pu
	pfc := (tf*cn + 2*(1-tf)) / 2
	pw.Probability = 0
	if pfc >= c.PlasmaMinFoldChange {
		pw.Probability = 1
	}
	return pw
}

// unknownIntervalDays is the interval assumed when a patient's dates are
// unknown: NCI-MATCH's 90-day edge of contemporaneous sampling, so that a
// miss the plasma could not have made by chance is still put down to time.
const unknownIntervalDays = 90

// lossPrior is the prior probability that an alteration is gone from the
// shedding tumour after the patient's sampling interval.
func (c *Classifier) lossPrior(p *concordance.Patient) float64 {
	d, ok := p.DaysBetween()
	if !ok {
		d = unknownIntervalDays
	}
	return c.LossRate * (1 - math.Exp(-math.Abs(float64(d))/c.LossScaleDays))
}

// reason gives the reason of an alteration called on one side only.
func (c *Classifier) reason(pr *concordance.PatientResult, r *concordance.Row) string {
	if pr.Failed[concordance.Tissue] || pr.Failed[concordance.Plasma] {
		return ""
	}
	tCalled, pCalled := called(r, concordance.Tissue), called(r, concordance.Plasma)
	switch {
	case tCalled && !pCalled:
		return c.tissueOnlyReason(pr, r)
	case pCalled && !tCalled:
		return c.plasmaOnlyReason(r)
	}
	return ""
}

func (c *Classifier) tissueOnlyReason(pr *concordance.PatientResult, r *concordance.Row) string {
	switch {
	case r.Plasma.Status == concordance.NotCovered:
		return schema.ReasonNotCovered
	case r.Class == concordance.Fusion && c.PlasmaFusionGenes != nil && !c.PlasmaFusionGenes[r.Gene] && !c.PlasmaFusionGenes[r.Partner]:
		return schema.ReasonNotCovered
	case r.Plasma.Status == concordance.BelowThreshold || r.Flags.Has(concordance.FlagFilteredOther):
		return schema.ReasonBelowThreshold
	}
	pw := r.Power
	if pw == nil || !concordance.Known(pw.Probability) {
		// Nothing shows the plasma could have called it: no tumour
		// fraction (an uninformative plasma) or no model for the class.
		return schema.ReasonLowPower
	}
	// The posterior probability that the alteration is gone from the
	// shedding tumour given that the plasma missed it: with prior q and
	// power π, q / (q + (1 − q)(1 − π)).
	q := c.lossPrior(pr.Patient)
	if q > 0 && q/(q+(1-q)*(1-pw.Probability)) >= 0.5 {
		return schema.ReasonSamplingInterval
	}
	if r.Class.IsSmall() {
		if tv := r.Tissue.VAF(); concordance.Known(tv) && pr.Purity > 0 {
			ccf := math.Min(1, 2*tv/pr.Purity)
			if ccf < c.SubclonalCCF && ccf > 0 {
				clonal := spreadPower(pw.Depth, pw.DepthSpread, math.Min(1, pw.ExpectedVAF/ccf), c.PlasmaMinAlt, c.PlasmaMinVAF)
				if clonal >= c.PowerCut && pw.Probability < c.PowerCut {
					return schema.ReasonSubclonal
				}
			}
		}
	}
	return schema.ReasonLowPower
}

func (c *Classifier) plasmaOnlyReason(r *concordance.Row) string {
	switch {
	case r.Tissue.Status == concordance.NotCovered:
		return schema.ReasonNotCoveredTissue
	case r.Flags.Has(concordance.FlagGermlineLikely):
		return schema.ReasonGermline
	case r.Flags&(concordance.FlagCHCandidate|concordance.FlagCHEvidence) != 0:
		return schema.ReasonCH
	case r.Tissue.Status == concordance.BelowThreshold || r.Flags.Has(concordance.FlagFilteredOther):
		return schema.ReasonLowPurity
	}
	if pw := r.Power; pw != nil && concordance.Known(pw.Probability) && pw.Probability >= c.PowerCut {
		return schema.ReasonHeterogeneity
	}
	return schema.ReasonLowPurity
}
