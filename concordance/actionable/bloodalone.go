package actionable

import (
	"math"
	"sort"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// DefaultMinPatients is the least number of patients with an actionable
// tissue alteration for a group to be judged: with fewer, the 95% Wilson
// interval of a fraction spans more than half the scale whatever the
// fraction (10 patients, 5 found: 0.24–0.76).
const DefaultMinPatients = 10

// StageGroup is a patient's stage group (levels.StageGroup).
func StageGroup(p *concordance.Patient) string { return levels.StageGroup(p) }

// Group is one row of blood_alone.tsv.
type Group struct {
	Kind       string // schema.KindCell, schema.KindCancer (all stages), schema.KindStage (all cancer types), schema.KindAll
	CancerType string // "all" in schema.KindStage and schema.KindAll rows
	StageGroup string // "all" in schema.KindCancer and schema.KindAll rows
	// Patients are the group's patients with both samples usable;
	// WithActionable those with at least one actionable tissue alteration.
	Patients, WithActionable int
	// FoundAny: patients for whom plasma alone found at least one of their
	// actionable tissue alterations (the clinically meaningful one: a
	// single biomarker assigns a patient to a cohort); FoundAll: plasma
	// found every one of them.
	FoundAny, FoundAll int
	AnyCI, AllCI       stats.Interval // Wilson 95%; Undefined when WithActionable is 0
	// PlasmaOnlyActionable: patients whose plasma found an actionable
	// alteration the tissue did not call.
	PlasmaOnlyActionable int
	// Judged is false when WithActionable < the minimum; Rank orders the
	// judged groups of one Kind by the lower Wilson bound of FoundAny/
	// WithActionable (0 when not judged).
	Judged bool
	Rank   int
}

// Options of BloodAlone.
type Options struct {
	// MinPatients: groups with fewer patients with an actionable tissue
	// alteration are not judged (0 means DefaultMinPatients).
	MinPatients int
	// Levels labels the patients' cancer types (nil: package levels'
	// defaults).
	Levels *levels.Cohort
}

// BloodAlone answers, for each cancer type × stage group (and for each
// cancer type, each stage group and the cohort as margins), how often
// plasma alone found the patients' actionable alterations. An actionable
// tissue alteration is one the tissue called that the table maps to a
// cohort and that no --exclude option removed; it counts as found when
// the plasma called it too (a shared row). Patients with a failed sample
// are left out. Cancer types are package levels', as in every stratified
// table.
func BloodAlone(patients []concordance.PatientResult, t *Table, opt Options) []Group {
	minimum := opt.MinPatients
	if minimum <= 0 {
		minimum = DefaultMinPatients
	}
	acc := map[[2]string]*Group{}
	get := func(kind, cancer, stage string) *Group {
		k := [2]string{cancer, stage}
		g := acc[k]
		if g == nil {
			g = &Group{Kind: kind, CancerType: cancer, StageGroup: stage}
			acc[k] = g
		}
		return g
	}
	for _, f := range patientFacts(patients, t, opt.Levels) {
		for _, g := range []*Group{get(schema.KindCell, f.cancer, f.stage), get(schema.KindCancer, f.cancer, schema.LevelAll), get(schema.KindStage, schema.LevelAll, f.stage), get(schema.KindAll, schema.LevelAll, schema.LevelAll)} {
			g.add(f)
		}
	}
	out := make([]Group, 0, len(acc))
	for _, g := range acc {
		g.AnyCI, g.AllCI = stats.Undefined, stats.Undefined
		if g.WithActionable > 0 {
			g.AnyCI = stats.Wilson(g.FoundAny, g.WithActionable, 0.95)
			g.AllCI = stats.Wilson(g.FoundAll, g.WithActionable, 0.95)
		}
		g.Judged = g.WithActionable >= minimum
		out = append(out, *g)
	}
	rank(out)
	return out
}

// facts are what one patient brings to its groups.
type facts struct {
	cancer, stage string
	// actionable: the tissue called an actionable alteration; found: the
	// plasma called one of them; all: it called every one; plasmaOnly:
	// the plasma called one the tissue did not.
	actionable, found, all, plasmaOnly bool
}

// patientFacts are the facts of every patient with both samples usable.
func patientFacts(patients []concordance.PatientResult, t *Table, lv *levels.Cohort) []facts {
	if lv == nil {
		lv = levels.New(patients, levels.Options{})
	}
	var out []facts
	for i := range patients {
		pr := &patients[i]
		if pr.Failed[concordance.Tissue] || pr.Failed[concordance.Plasma] {
			continue
		}
		f := facts{cancer: lv.CancerType(i), stage: StageGroup(pr.Patient), all: true}
		for j := range pr.Rows {
			r := &pr.Rows[j]
			if r.Excluded != "" || r.Reason == schema.ReasonOutOfScope {
				// Taken out of the counts by --exclude, or left out by
				// --scope: not an alteration of this analysis.
				continue
			}
			tCalled := r.Tissue.Status == concordance.Called && r.Tissue.Called()
			pCalled := r.Plasma.Status == concordance.Called && r.Plasma.Called()
			if !tCalled && !pCalled || !t.Actionable(r) {
				continue
			}
			switch {
			case tCalled && pCalled:
				f.actionable, f.found = true, true
			case tCalled:
				f.actionable, f.all = true, false
			default:
				f.plasmaOnly = true
			}
		}
		out = append(out, f)
	}
	return out
}

// add counts a patient in the group.
func (g *Group) add(f facts) {
	g.Patients++
	if f.plasmaOnly {
		g.PlasmaOnlyActionable++
	}
	if !f.actionable {
		return
	}
	g.WithActionable++
	if f.found {
		g.FoundAny++
	}
	if f.all {
		g.FoundAll++
	}
}

var (
	kindOrder  = map[string]int{schema.KindAll: 0, schema.KindStage: 1, schema.KindCancer: 2, schema.KindCell: 3}
	stageOrder = map[string]int{schema.StageGroupEarly: 0, schema.StageGroupIII: 1, schema.StageGroupIV: 2, schema.StageGroupUnknown: 3, schema.LevelAll: 4}
)

// rank orders the groups by kind, the judged ones first, ranked: highest
// lower bound first, then highest fraction, more patients, name; the
// others by patients with an actionable alteration, then name.
func rank(out []Group) {
	better := func(a, b *Group) bool {
		if a.AnyCI.Low != b.AnyCI.Low {
			return a.AnyCI.Low > b.AnyCI.Low
		}
		fa, fb := frac(a.FoundAny, a.WithActionable), frac(b.FoundAny, b.WithActionable)
		if fa != fb {
			return fa > fb
		}
		return bySize(a, b)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if kindOrder[a.Kind] != kindOrder[b.Kind] {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if a.Judged != b.Judged {
			return a.Judged
		}
		if a.Judged {
			return better(a, b)
		}
		return bySize(a, b)
	})
	ranks := map[string]int{}
	for i := range out {
		if out[i].Judged {
			ranks[out[i].Kind]++
			out[i].Rank = ranks[out[i].Kind]
		}
	}
}

// bySize orders groups by patients with an actionable alteration, then
// cancer type, then stage group.
func bySize(a, b *Group) bool {
	if a.WithActionable != b.WithActionable {
		return a.WithActionable > b.WithActionable
	}
	if a.CancerType != b.CancerType {
		return a.CancerType < b.CancerType
	}
	return stageOrder[a.StageGroup] < stageOrder[b.StageGroup]
}

func frac(x, n int) float64 {
	if n == 0 {
		return math.NaN()
	}
	return float64(x) / float64(n)
}
