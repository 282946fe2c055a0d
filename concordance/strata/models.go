package strata

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/oncotree"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// MinLevel is the fewest alterations a factor level needs to get its own
// coefficient; sparser levels are merged (see Models).
const MinLevel = 10

// ModelTerm is one row of models.tsv.
type ModelTerm struct {
	Model string
	Term  string // stats.Intercept, schema.TermVAF or a factor
	Level string // the factor level ("" for the intercept and the slope)
	// Coef is the Wald inference from the cluster-robust (patient)
	// covariance; undefined when the term could not be estimated (see
	// Note). A reference level has Estimate 0 and undefined limits.
	Coef      stats.Coefficient
	Reference bool
	// NAlterations and NPatients are the model's observations and
	// clusters, the same on every row of a model.
	NAlterations, NPatients int
	// Note says why a model or a term is not estimable, or what was done
	// to a level (merged, left out); "" otherwise.
	Note string
}

// Estimable reports whether the row has an estimate.
func (m ModelTerm) Estimable() bool { return !math.IsNaN(m.Coef.Estimate) }

// OddsRatio is exp of the estimate and its limits.
func (m ModelTerm) OddsRatio() stats.Interval { return m.Coef.OddsRatio() }

// observation is one tissue alteration of the detection models.
type observation struct {
	detected bool
	logVAF   float64
	logTF    float64 // log10 of the patient's tumour fraction (floored at MinTF); NaN when unknown
	patient  int
	factor   [4]string // tf_tier, stage, class, organ_group
}

// MinTF is the least tumour fraction detection_tf takes: a tumour
// fraction below 0.1% (0 included) counts as 0.1%, about the limit of
// detection of ctDNA assays, so that its logarithm exists.
const MinTF = 0.001

// factorSpec describes one factor of the detection model.
type factorSpec struct {
	term  string
	order []string // canonical levels; merged levels are formed from runs of it
	// ordinal factors merge a sparse level with a neighbour; nominal ones
	// pool sparse levels into "other".
	ordinal bool
	// merged names a run order[i..j] of an ordinal factor.
	merged func(i, j int) string
	// ref chooses the reference among the levels present (by count).
	ref func(levels []string, n map[string]int) string
}

var tfBounds = []float64{0, 1, 10, math.Inf(1)} // percent: <1%, 1-10%, >=10%

var modelFactors = [4]factorSpec{
	{term: schema.TermTFTier, order: schema.TFMeasured, ordinal: true,
		merged: func(i, j int) string {
			lo, hi := tfBounds[i], tfBounds[j+1]
			switch {
			case lo == 0 && math.IsInf(hi, 1):
				return "any"
			case lo == 0:
				return "<" + pct(hi)
			case math.IsInf(hi, 1):
				return ">=" + pct(lo)
			}
			return pct(lo)[:len(pct(lo))-1] + "-" + pct(hi)
		},
		// The lowest tier present: odds ratios then say how much more
		// often higher tumour fractions detect (the FMI TF ≥ 1% split).
		ref: func(levels []string, _ map[string]int) string { return levels[0] }},
	{term: schema.TermStage, order: schema.StageLevels[:5], ordinal: true,
		merged: func(i, j int) string { return schema.StageLevels[i] + "-" + schema.StageLevels[j] },
		// The most advanced stage present: cohorts tested with both
		// assays are mostly stage IV.
		ref: func(levels []string, _ map[string]int) string { return levels[len(levels)-1] }},
	{term: schema.TermClass, order: schema.Classes,
		ref: preferOrLargest(concordance.SNV.String())},
	{term: schema.TermOrganGroup, order: append(append([]string(nil), oncotree.Groups...), oncotree.Unknown),
		ref: preferOrLargest("")},
}

func pct(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) + "%" }

// preferOrLargest chooses the preferred level when present, else the level
// with the most alterations (ties: the first in order).
func preferOrLargest(pref string) func([]string, map[string]int) string {
	return func(levels []string, n map[string]int) string {
		best := ""
		for _, l := range levels {
			if l == pref {
				return l
			}
			if best == "" || n[l] > n[best] {
				best = l
			}
		}
		return best
	}
}

// Models fits the detection models of models.tsv on the tissue
// alterations (counted rows that the tissue called: shared or tissue-only),
// the outcome being detection in plasma (shared).
//
// detection regresses it on log10 tissue VAF, TF tier, stage, class and
// organ group (oncotree), detection_vaf on log10 tissue VAF alone, and
// detection_tf on log10 tissue VAF, log10 tumour fraction (a continuous
// covariate, floored at MinTF; patients without a tumour fraction left
// out), stage, class and organ group. They use only alterations with a
// tissue VAF in (0, 1]; copy-number changes and fusions usually have
// none, and their count is given in the note of the intercept. Standard
// errors are cluster-robust with patients as clusters
// (sandwich::vcovCL's defaults: HC0 with the G/(G−1) adjustment).
//
// Factor levels are made estimable before the fit, each step noted on
// the level's row:
//
//   - the TF tier no_ctdna_detected (no tumour fraction, no somatic
//     plasma call) is defined by the outcome: its alterations are left
//     out of detection (detection_vaf keeps them);
//   - "unknown" TF tier or stage is a level of its own, never the
//     reference;
//   - a level with fewer than MinLevel alterations is merged: an ordinal
//     one (TF tier, stage) with its smaller neighbour (e.g. stages 0, I, II
//     become "0-II"), a nominal one (class, organ group) into "other"; an
//     "unknown" or "other" level still that sparse is left out;
//   - a level whose alterations were all detected, or none, would have an
//     infinite coefficient (quasi-complete separation): its alterations
//     are left out, which leaves the other coefficients at the limit of
//     the maximum-likelihood fit;
//   - a factor left with one level is not in the model.
//
// References: the lowest TF tier, the most advanced stage, snv, and the
// largest organ group. A model that still cannot be fitted (separation by
// the VAF itself, too few alterations, a collinear design) gets rows whose
// note says why, never NaN or an error.
func Models(patients []concordance.PatientResult, level float64) []ModelTerm {
	if level == 0 {
		level = DefaultLevel
	}
	// Sized before it is filled: grown by appending, obs and its garbage
	// made the detection models the cohort stage's peak of memory at
	// 100,000 patients (bench/scale.sh).
	n := 0
	for i := range patients {
		for j := range patients[i].Rows {
			if r := &patients[i].Rows[j]; r.Counted() && levels.TissueCalled(r) {
				n++
			}
		}
	}
	obs := make([]observation, 0, n)
	noVAF := 0
	for i := range patients {
		pr := &patients[i]
		in := oncotree.Classify(pr.Patient.OncotreeCode, pr.Patient.CancerType)
		logTF := math.NaN()
		if tf := pr.TumorFraction; concordance.Known(tf) && !math.IsInf(tf, 0) {
			logTF = math.Log10(math.Max(tf, MinTF))
		}
		for j := range pr.Rows {
			r := &pr.Rows[j]
			if !r.Counted() || !levels.TissueCalled(r) {
				continue
			}
			v := r.Tissue.VAF()
			if !concordance.Known(v) || !(v > 0 && v <= 1) {
				noVAF++
				continue
			}
			obs = append(obs, observation{
				detected: r.Category == concordance.Shared,
				logVAF:   math.Log10(v),
				logTF:    logTF,
				patient:  i,
				factor:   [4]string{pr.TFTier(), levels.Stage(pr.Patient), r.Class.String(), in.Group},
			})
		}
	}
	var notes []string
	if noVAF > 0 {
		notes = append(notes, plural(noVAF, "tissue alteration", "tissue alterations")+" without a tissue VAF left out")
	}
	// The multivariable models relabel merged levels and drop observations
	// in place: detection_tf gets its own copy, detection takes obs once
	// nothing else needs it. One copy at a time: a 100,000-patient cohort
	// has hundreds of thousands of observations.
	vaf := fitModel(schema.ModelDetectionVAF, obs, nil, nil, notes, level)
	nTF := 0
	for _, o := range obs {
		if !math.IsNaN(o.logTF) {
			nTF++
		}
	}
	withTF := make([]observation, 0, nTF)
	for _, o := range obs {
		if !math.IsNaN(o.logTF) {
			withTF = append(withTF, o)
		}
	}
	tfNotes := notes
	if d := len(obs) - len(withTF); d > 0 {
		tfNotes = append(append([]string(nil), notes...), plural(d, "alteration", "alterations")+" of patients without a tumour fraction left out")
	}
	tf := fitDetection(schema.ModelDetectionTF, withTF, tfNotes, level)
	return slices.Concat(fitDetection(schema.ModelDetection, obs, notes, level), vaf, tf)
}

// levelNote is something done to a factor level before the fit (merged,
// pooled, left out), said on the level's row.
type levelNote struct {
	term, level, note string
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// fitDetection fits detection (the TF tier as a factor) or detection_tf
// (the tumour fraction as a covariate) on obs, whose factors it relabels.
func fitDetection(model string, obs []observation, notes []string, level float64) []ModelTerm {
	var extra []levelNote
	keep := make([]bool, len(obs))
	for i := range keep {
		keep[i] = true
	}
	var use [len(modelFactors)]bool
	withTF := model == schema.ModelDetectionTF
	if !withTF {
		noCtDNA := 0
		for i, o := range obs {
			if o.factor[0] == LevelNoCtDNA {
				keep[i] = false
				noCtDNA++
			}
		}
		if noCtDNA > 0 {
			extra = append(extra, levelNote{schema.TermTFTier, LevelNoCtDNA, plural(noCtDNA, "alteration", "alterations") +
				" left out: the level is defined by the outcome (no tumour fraction and no somatic plasma call)"})
		}
	}
	for f, spec := range modelFactors {
		if withTF && spec.term == schema.TermTFTier {
			continue
		}
		var ex []levelNote
		use[f], ex = prepareFactor(obs, keep, f, spec)
		extra = append(extra, ex...)
	}
	extra = append(extra, dropSeparated(obs, keep, use)...)
	kept := obs[:0] // obs is the model's own (Models)
	for i, o := range obs {
		if keep[i] {
			kept = append(kept, o)
		}
	}
	if d := len(obs) - len(kept); d > 0 {
		notes = append(append([]string(nil), notes...), plural(d, "alteration", "alterations")+" of sparse, separated or outcome-defined levels left out")
	}
	return fitModel(model, kept, use[:], extra, notes, level)
}

func countLevels(obs []observation, keep []bool, f int) map[string]int {
	n := map[string]int{}
	for i, o := range obs {
		if keep[i] {
			n[o.factor[f]]++
		}
	}
	return n
}

// prepareFactor merges the sparse levels of factor f (relabelling the
// observations) and decides whether the factor enters the model: it does
// when at least two of its levels have MinLevel alterations, and then its
// levels still sparser than that ("unknown", a pooled "other") are left
// out. Otherwise the factor is left out of the model and all its
// alterations stay in.
func prepareFactor(obs []observation, keep []bool, f int, spec factorSpec) (bool, []levelNote) {
	var notes []levelNote
	relabel := func(from map[string]bool, to string) {
		for i := range obs {
			if keep[i] && from[obs[i].factor[f]] {
				obs[i].factor[f] = to
			}
		}
	}
	n := countLevels(obs, keep, f)
	if spec.ordinal {
		mergeOrdinal(n, spec, func(names []string, to string) {
			from := map[string]bool{}
			for _, x := range names {
				from[x] = true
			}
			relabel(from, to)
			notes = append(notes, levelNote{spec.term, to, "merged from " + strings.Join(names, ", ") +
				fmt.Sprintf(" (fewer than %d alterations)", MinLevel)})
		})
	} else {
		from := map[string]bool{}
		var names []string
		for _, l := range spec.order {
			if c := n[l]; c > 0 && c < MinLevel && l != other && l != LevelUnknown {
				from[l] = true
				names = append(names, l)
			}
		}
		if len(names) > 0 {
			relabel(from, other)
			notes = append(notes, levelNote{spec.term, other, "pools " + strings.Join(names, ", ") +
				fmt.Sprintf(" (fewer than %d alterations each)", MinLevel)})
		}
	}
	n = countLevels(obs, keep, f)
	levels := make([]string, 0, len(n))
	big := 0
	for l, c := range n {
		levels = append(levels, l)
		if c >= MinLevel {
			big++
		}
	}
	sortLevels(spec, levels)
	if big < 2 {
		for _, l := range levels {
			notes = append(notes, levelNote{spec.term, l, fmt.Sprintf("term not in the model: fewer than two levels with %d or more alterations", MinLevel)})
		}
		return false, notes
	}
	for _, l := range levels {
		c := n[l]
		if c >= MinLevel {
			continue
		}
		for i := range obs {
			if keep[i] && obs[i].factor[f] == l {
				keep[i] = false
			}
		}
		notes = append(notes, levelNote{spec.term, l, plural(c, "alteration", "alterations") + fmt.Sprintf(" (fewer than %d): left out", MinLevel)})
	}
	return true, notes
}

const other = "other"

// mergeOrdinal merges, while one exists, the sparsest known level with
// fewer than MinLevel alterations into its smaller neighbour (the earlier
// one on a tie), calling merge with the levels of each merged run and its
// name. "unknown" is not in the order and is never merged.
func mergeOrdinal(n map[string]int, spec factorSpec, merge func(names []string, to string)) {
	type run struct{ lo, hi, n int }
	var runs []run
	for i, l := range spec.order {
		if n[l] > 0 {
			runs = append(runs, run{i, i, n[l]})
		}
	}
	for len(runs) > 1 {
		small := -1
		for k, r := range runs {
			if r.n < MinLevel && (small < 0 || r.n < runs[small].n) {
				small = k
			}
		}
		if small < 0 {
			break
		}
		nb := small - 1
		if nb < 0 || small+1 < len(runs) && runs[small+1].n < runs[nb].n {
			nb = small + 1
		}
		a, b := min(small, nb), max(small, nb)
		m := run{runs[a].lo, runs[b].hi, runs[a].n + runs[b].n}
		runs = append(runs[:a], append([]run{m}, runs[b+1:]...)...)
	}
	for _, r := range runs {
		if r.lo == r.hi {
			continue
		}
		var names []string
		for i := r.lo; i <= r.hi; i++ {
			if n[spec.order[i]] > 0 {
				names = append(names, spec.order[i])
			}
		}
		merge(names, spec.merged(r.lo, r.hi))
	}
}

// dropSeparated leaves out, until none is left, the levels of the factors
// in the model whose kept alterations were all detected or all undetected.
func dropSeparated(obs []observation, keep []bool, use [len(modelFactors)]bool) []levelNote {
	var notes []levelNote
	for changed := true; changed; {
		changed = false
		for f, spec := range modelFactors {
			if !use[f] {
				continue
			}
			type tally struct{ n, det int }
			t := map[string]*tally{}
			var levels []string
			for i, o := range obs {
				if !keep[i] {
					continue
				}
				x := t[o.factor[f]]
				if x == nil {
					x = &tally{}
					t[o.factor[f]] = x
					levels = append(levels, o.factor[f])
				}
				x.n++
				if o.detected {
					x.det++
				}
			}
			if len(levels) < 2 {
				continue // a single level is not in the model: no column to separate
			}
			sort.Strings(levels)
			for _, l := range levels {
				x := t[l]
				if x.det != 0 && x.det != x.n {
					continue
				}
				what := fmt.Sprintf("all %d detected", x.n)
				if x.det == 0 {
					what = fmt.Sprintf("none of %d detected", x.n)
				}
				notes = append(notes, levelNote{spec.term, l, what + ": odds ratio infinite (separation); left out"})
				for i := range obs {
					if keep[i] && obs[i].factor[f] == l {
						keep[i] = false
					}
				}
				changed = true
			}
		}
	}
	return notes
}

// fitModel fits one model and returns its rows. use says which factors of
// modelFactors enter it (nil: none).
func fitModel(model string, obs []observation, use []bool, extra []levelNote, notes []string, level float64) []ModelTerm {
	m := &modelFit{base: ModelTerm{Model: model, NAlterations: len(obs)}, extra: extra, notes: notes}
	patients := map[int]bool{}
	for _, o := range obs {
		patients[o.patient] = true
	}
	m.base.NPatients = len(patients)
	m.design(obs, use)
	m.fit(obs, len(patients), level)
	return m.rows()
}

// modelFit is one model on its way from observations to rows.
type modelFit struct {
	base  ModelTerm   // what every row of the model says
	extra []levelNote // what was done to levels, said on their rows
	notes []string    // what was done to the observations, said on the intercept

	d       *stats.Design
	factors []factorRows
	// coef holds the estimates by design column; colNote why a column was
	// not estimable; modelNote why the model was not (then coef is empty).
	coef      map[string]stats.Coefficient
	colNote   map[string]string
	modelNote string
}

// factorRows is a factor of the design: its levels in the fit, in display
// order, and its reference.
type factorRows struct {
	spec   factorSpec
	levels []string
	ref    string
}

var undefinedCoef = stats.Coefficient{Estimate: math.NaN(), SE: math.NaN(), Z: math.NaN(), P: math.NaN(), Low: math.NaN(), High: math.NaN()}

// design makes the design: intercept, slope, then each factor in the model
// with two or more levels left, treatment-coded against its reference.
func (m *modelFit) design(obs []observation, use []bool) {
	n := len(obs)
	vaf := make([]float64, n)
	for i, o := range obs {
		vaf[i] = o.logVAF
	}
	m.d = stats.NewDesign(n)
	if err := m.d.Numeric(schema.TermVAF, vaf); err != nil {
		m.notes = append(m.notes, err.Error()) // cannot happen: every log VAF is finite
	}
	if m.base.Model == schema.ModelDetectionTF {
		tf := make([]float64, n)
		for i, o := range obs {
			tf[i] = o.logTF
		}
		if err := m.d.Numeric(schema.TermTF, tf); err != nil {
			m.notes = append(m.notes, err.Error()) // cannot happen: detection_tf's observations have a tumour fraction
		}
	}
	for f, spec := range modelFactors {
		if f >= len(use) {
			break
		}
		fr := factorRows{spec: spec}
		if use[f] {
			m.factor(&fr, obs, f)
		}
		m.factors = append(m.factors, fr)
	}
}

// factor adds factor f to the design when it has two or more levels.
func (m *modelFit) factor(fr *factorRows, obs []observation, f int) {
	count := map[string]int{}
	values := make([]string, len(obs))
	for i, o := range obs {
		values[i] = o.factor[f]
		count[values[i]]++
	}
	for l := range count {
		fr.levels = append(fr.levels, l)
	}
	sortLevels(fr.spec, fr.levels)
	var known []string
	for _, l := range fr.levels {
		if l != LevelUnknown {
			known = append(known, l)
		}
	}
	switch {
	case len(fr.levels) >= 2 && len(known) > 0:
		fr.ref = fr.spec.ref(known, count)
		if err := m.d.Factor(fr.spec.term, values, fr.levels, fr.ref); err != nil {
			m.notes = append(m.notes, err.Error()) // cannot happen: levels are those of values
		}
	case len(fr.levels) == 1:
		m.extra = append(m.extra, levelNote{fr.spec.term, fr.levels[0], "the only level left: term not in the model"})
		fr.levels = nil
	}
}

// fit fits the design, or says why the model is not estimable.
func (m *modelFit) fit(obs []observation, patients int, level float64) {
	n, det := len(obs), 0
	y := make([]bool, n)
	cluster := make([]int, n)
	for i, o := range obs {
		y[i], cluster[i] = o.detected, o.patient
		if o.detected {
			det++
		}
	}
	m.coef, m.colNote = map[string]stats.Coefficient{}, map[string]string{}
	names := m.d.Names()
	switch {
	case n == 0:
		m.modelNote = "no tissue alterations left to model"
		return
	case det == 0 || det == n:
		m.modelNote = fmt.Sprintf("%d of %d alterations detected: the odds of detection are not estimable", det, n)
		return
	case patients < 2:
		m.modelNote = "one patient: no cluster-robust standard errors"
		return
	}
	fit, dropped, err := fitDropping(m.d, names, y, cluster)
	for _, c := range dropped {
		m.colNote[c] = "collinear with the terms before it: not estimable"
	}
	switch {
	case errors.Is(err, stats.ErrSeparation):
		m.modelNote = "the outcome is separated by the design (estimates do not exist)"
	case errors.Is(err, stats.ErrNotConverged):
		m.modelNote = "the fit did not converge"
	case errors.Is(err, stats.ErrDesign):
		m.modelNote = fmt.Sprintf("too few alterations (%d) for the model's %d coefficients", n, len(names)-len(dropped))
	case err != nil:
		m.modelNote = err.Error()
	default:
		cs := fit.Coefficients(true, level)
		k := 0
		for _, name := range names {
			if m.colNote[name] != "" {
				continue
			}
			m.coef[name] = cs[k]
			k++
		}
	}
}

func (m *modelFit) get(name string) stats.Coefficient {
	if c, ok := m.coef[name]; ok {
		return c
	}
	return undefinedCoef
}

func (m *modelFit) noteOf(name string) string {
	if m.colNote[name] != "" {
		return m.colNote[name]
	}
	return m.modelNote
}

// rows are the model's rows: intercept, slope, then each factor's levels.
func (m *modelFit) rows() []ModelTerm {
	intercept := m.base
	intercept.Term, intercept.Coef = stats.Intercept, m.get(stats.Intercept)
	intercept.Note = strings.Join(append(append([]string(nil), m.notes...), nonEmpty(m.noteOf(stats.Intercept))...), "; ")
	slope := m.base
	slope.Term, slope.Coef, slope.Note = schema.TermVAF, m.get(schema.TermVAF), m.noteOf(schema.TermVAF)
	out := []ModelTerm{intercept, slope}
	if m.base.Model == schema.ModelDetectionTF {
		tf := m.base
		tf.Term, tf.Coef, tf.Note = schema.TermTF, m.get(schema.TermTF), m.noteOf(schema.TermTF)
		out = append(out, tf)
	}
	for _, fr := range m.factors {
		out = append(out, m.factorRows(fr)...)
	}
	return out
}

// factorRows are a factor's rows: the levels in the fit, then those merged
// away or left out, each once with all its notes.
func (m *modelFit) factorRows(fr factorRows) []ModelTerm {
	rows := map[string]*ModelTerm{}
	var order []string
	for _, l := range fr.levels {
		row := m.base
		row.Term, row.Level = fr.spec.term, l
		if l == fr.ref {
			row.Reference = true
			row.Coef = undefinedCoef
			row.Note = m.modelNote
			if m.modelNote == "" {
				row.Coef.Estimate = 0 // the odds ratio of the reference is 1
				row.Note = "reference"
			}
		} else {
			name := fr.spec.term + "=" + l
			row.Coef, row.Note = m.get(name), m.noteOf(name)
		}
		rows[l] = &row
		order = append(order, l)
	}
	var outside []string
	for _, e := range m.extra {
		if e.term != fr.spec.term {
			continue
		}
		row, ok := rows[e.level]
		if !ok {
			r := m.base
			r.Term, r.Level, r.Coef = e.term, e.level, undefinedCoef
			row = &r
			rows[e.level] = row
			outside = append(outside, e.level)
		}
		row.Note = joinNote(row.Note, e.note)
	}
	sortLevels(fr.spec, outside)
	var out []ModelTerm
	for _, l := range append(order, outside...) {
		out = append(out, *rows[l])
	}
	return out
}

func sortLevels(spec factorSpec, levels []string) {
	sort.SliceStable(levels, func(a, b int) bool {
		ra, rb := levelRank(spec, levels[a]), levelRank(spec, levels[b])
		if ra != rb {
			return ra < rb
		}
		return levels[a] < levels[b]
	})
}

// fitDropping fits the design, dropping columns that make it rank
// deficient one at a time (a level collinear with another factor's, say),
// and returns the names of the dropped columns.
func fitDropping(d *stats.Design, names []string, y []bool, cluster []int) (*stats.LogitFit, []string, error) {
	cols := make([]int, len(names))
	for i := range cols {
		cols[i] = i
	}
	var dropped []string
	for {
		fit, err := d.Fit(cols, y, cluster)
		var se *stats.SingularError
		if !errors.As(err, &se) || se.Column <= 0 || se.Column >= len(cols) {
			return fit, dropped, err
		}
		dropped = append(dropped, names[cols[se.Column]])
		cols = append(cols[:se.Column:se.Column], cols[se.Column+1:]...)
	}
}

// levelRank sorts a factor's levels: canonical order, a merged run at its
// first level, "other" just before "unknown", which ends every order.
func levelRank(spec factorSpec, l string) int {
	for i, o := range spec.order {
		if o == l {
			return 2 * i
		}
	}
	if spec.ordinal {
		for i := range spec.order {
			for j := i + 1; j < len(spec.order); j++ {
				if spec.merged(i, j) == l {
					return 2 * i
				}
			}
		}
	}
	if l == "other" {
		return 2*len(spec.order) - 3
	}
	return 2 * len(spec.order)
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
