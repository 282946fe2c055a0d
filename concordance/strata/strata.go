package strata

import (
	"errors"
	"fmt"
	"math"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/parallel"
	"github.com/concord-oncology/concord/internal/text"
	"github.com/concord-oncology/concord/stats"
)

// Defaults of Options.
const (
	DefaultTopGenes   = 20
	DefaultReplicates = 1000
	// DefaultSeed seeds the bootstrap (and the Monte Carlo Fisher test)
	// when the user gives none, so that two runs on the same inputs give
	// the same bytes.
	DefaultSeed uint64 = 20240607
	// DefaultLevel is the confidence level of every interval.
	DefaultLevel = 0.95
)

// Options control the strata analysis.
type Options struct {
	// TopGenes is the number of genes in the gene dimension, those with
	// the most counted alterations (0: no gene rows).
	TopGenes int
	// Replicates is the number of patient-bootstrap replicates; 0 turns
	// the bootstrap off (the *_boot_* columns are then ".").
	Replicates int
	// Seed fixes the bootstrap resamples and the Monte Carlo fallback of
	// Fisher's test.
	Seed uint64
	// Workers is the number of bootstrap goroutines (0: GOMAXPROCS).
	// Results do not depend on it.
	Workers int
	// Level is the confidence level; 0 means DefaultLevel.
	Level float64
	// Levels labels the patients (nil: package levels' defaults). The
	// sheet columns of its options are dimensions too, after the
	// built-in ones.
	Levels *levels.Cohort
	// TwoWay are the two-way strata, (dimension, dimension2) pairs of
	// dimensions strata.tsv has (schema.TwoWayDefault by default): rows
	// in both levels, and tests across the levels of dimension2 within
	// each level of dimension.
	TwoWay [][2]string
}

// DefaultOptions returns the options concord uses unless told otherwise.
func DefaultOptions() Options {
	return Options{TopGenes: DefaultTopGenes, Replicates: DefaultReplicates, Seed: DefaultSeed, Level: DefaultLevel,
		TwoWay: schema.TwoWayDefault}
}

func (o Options) level() float64 {
	if o.Level == 0 {
		return DefaultLevel
	}
	return o.Level
}

// Stratum is one row of strata.tsv: the concordance of the counted
// alterations of one level of one dimension, or of one cell of a two-way
// stratum (Dimension2 and Level2 set).
type Stratum struct {
	Dimension string
	Level     string
	Order     int // 1-based position of the level in its dimension (as in its one-way rows)
	// Dimension2 and Level2 name the second dimension of a two-way
	// stratum, Order2 the level's position in it; "", "" and 0 for a
	// one-way row.
	Dimension2 string
	Level2     string
	Order2     int
	// Patients counts the patients of the level: for patient-level
	// dimensions (all, cancer type and group, stage, TF tier, days
	// between, sheet columns; a two-way stratum of two of them) every
	// patient of the stratum, with or without counted alterations;
	// otherwise the patients with at least one counted alteration in it.
	Patients int
	Counts   concordance.Counts

	// Shares are S/U, T/U and P/U with their Wilson intervals (the
	// alterations treated as independent); SharesBoot the same with
	// patient-bootstrap percentile intervals.
	Shares     [3]stats.Interval
	SharesBoot [3]stats.Interval
	// PPA is S/(S+T) and PPV S/(S+P), with Wilson and bootstrap intervals.
	PPA, PPABoot stats.Interval
	PPV, PPVBoot stats.Interval

	// Clustered is the patient-clustered test across the levels of the
	// dimension (of Dimension2 within Level for a two-way row), the same
	// on every row it compares; Alteration the test that treats
	// alterations as independent (descriptive).
	Clustered  Test
	Alteration Test
}

// Test is a test of no difference across the levels of a dimension.
type Test struct {
	// Name is one of schema.ClusteredTests or schema.Tests, "" when no
	// test is possible.
	Name string
	// Statistic is F (rao_scott), the slope's z (trend_logit), Pearson's
	// X² (chisq), the Cochran–Armitage X² (trend_ppa), NaN for Fisher's
	// test; DF1 and DF2 the F's degrees of freedom (NaN otherwise).
	Statistic, DF1, DF2 float64
	P                   float64
	// Q is the Benjamini–Hochberg q-value within the test's family: the
	// one-way dimensions, or the levels of one two-way stratum.
	Q float64
	// Note says how a simulated p-value was made, "p < 1e-4 (simulated,
	// 10,000 draws)" when no draw was as extreme as the data; "" for an
	// exact or asymptotic p-value.
	Note string
}

// Bootstrap records how the bootstrap intervals were made.
type Bootstrap struct {
	Replicates int
	Seed       uint64
	Level      float64
	// Valid counts, for the headline statistics of the "all" row (the
	// union shares, PPA and PPV), the replicates in which each was
	// defined (its denominator was not zero); the intervals use those.
	Valid map[string]int
}

// Table is strata.tsv with the bootstrap it used.
type Table struct {
	Strata []Stratum
	// Bootstrap is nil when the bootstrap was off.
	Bootstrap *Bootstrap
}

// Name is the row's dimension column in strata.tsv: the dimension, or
// "dimension x dimension2" for a two-way row (schema.TwoWayName).
func (s *Stratum) Name() string {
	if s.Dimension2 == "" {
		return s.Dimension
	}
	return schema.TwoWayName(s.Dimension, s.Dimension2)
}

// Overall returns the "all" row.
func (t *Table) Overall() *Stratum { return &t.Strata[0] }

// entry is one patient's counted alterations in one level of a dimension.
// Every dimension keeps an entry per patient and level it is in, all of
// them at once for the bootstrap: 32-bit fields halve what 64-bit ones
// held (68 MB of a 100,000-patient cohort stage's peak, bench/scale.sh).
// A patient's alterations in one level are far fewer than 2³¹.
type entry struct {
	level   int32
	s, t, p int32
}

// dimension holds one dimension (or two-way stratum) of a cohort: its
// levels in display order and, per patient, the non-zero counts of the
// levels it is in (most patients are in few levels: exactly one of a
// patient-level dimension), so that memory grows with the alterations,
// not with levels × patients.
type dimension struct {
	name, name2 string
	levels      []string
	levels2     []string // "" for a one-way dimension
	order       []int    // positions in the one-way display orders
	order2      []int
	patients    []int // members of each level
	counts      []concordance.Counts
	// start[i]:start[i+1] are patient i's entries.
	start   []int
	entries []entry
}

// ErrOptions is returned for impossible options.
var ErrOptions = errors.New("strata: bad options")

// Compute builds strata.tsv from the per-patient results (in sheet order).
// Only counted rows (concordance.Row.Counted) contribute.
func Compute(patients []concordance.PatientResult, opt Options) (*Table, error) {
	if opt.Replicates < 0 || opt.TopGenes < 0 {
		return nil, fmt.Errorf("%w: %d replicates, %d top genes", ErrOptions, opt.Replicates, opt.TopGenes)
	}
	if err := stats.CheckLevel(opt.level()); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOptions, err)
	}
	lv := opt.Levels
	if lv == nil {
		lv = levels.New(patients, levels.Options{})
	}
	if err := CheckTwoWay(lv, opt.TwoWay); err != nil {
		return nil, err
	}
	dims := buildDimensions(patients, lv, opt.TopGenes, opt.TwoWay)
	tab := &Table{}
	if opt.Replicates > 0 {
		tab.Bootstrap = &Bootstrap{Replicates: opt.Replicates, Seed: opt.Seed, Level: opt.level()}
	}
	// The tests of one family share a Benjamini–Hochberg adjustment: the
	// one-way dimensions are a family, each two-way stratum another. A
	// test covers a group of rows (its levels).
	var families [][][]int // family → groups → rows of tab.Strata
	// The tests are independent of each other (a Monte Carlo fallback is
	// seeded by opt.Seed alone), so they run side by side once every
	// dimension's rows are in: the exact and simulated Fisher tests of
	// the many-level dimensions (diagnoses, genes, class within cancer
	// type) are most of the cohort stage's time.
	type job struct {
		d     *dimension
		g     []int
		first int
	}
	var jobs []job
	rowsOf := make([][]stratumOut, len(dims))
	for j, d := range dims {
		rowsOf[j] = d.strata(opt)
	}
	if err := bootstrapAll(dims, rowsOf, opt, len(patients)); err != nil {
		return nil, err
	}
	for j, d := range dims {
		rows := rowsOf[j]
		if d.name == All && tab.Bootstrap != nil {
			tab.Bootstrap.Valid = rows[0].valid
		}
		first := len(tab.Strata)
		for _, r := range rows {
			tab.Strata = append(tab.Strata, r.Stratum)
		}
		if len(families) == 0 || d.name2 != "" {
			families = append(families, nil)
		}
		for _, g := range d.groups() {
			jobs = append(jobs, job{d, g, first})
			idx := make([]int, len(g))
			for j, k := range g {
				idx[j] = first + k
			}
			families[len(families)-1] = append(families[len(families)-1], idx)
		}
	}
	parallel.For(len(jobs), opt.Workers, 1, func() struct{} { return struct{}{} }, func(_ struct{}, i int) {
		jb := jobs[i]
		clustered, alteration := jb.d.test(jb.g, opt)
		for _, k := range jb.g {
			r := &tab.Strata[jb.first+k]
			r.Clustered, r.Alteration = clustered, alteration
		}
	})
	for _, fam := range families {
		adjust(tab.Strata, fam, func(r *Stratum) *Test { return &r.Clustered })
		adjust(tab.Strata, fam, func(r *Stratum) *Test { return &r.Alteration })
	}
	return tab, nil
}

// adjust sets the Benjamini–Hochberg q-values of a family of tests, each
// on the rows of its group.
func adjust(rows []Stratum, groups [][]int, test func(*Stratum) *Test) {
	p := make([]float64, len(groups))
	for i, g := range groups {
		p[i] = test(&rows[g[0]]).P
	}
	for i, q := range stats.AdjustBH(p) {
		for _, k := range groups[i] {
			test(&rows[k]).Q = q
		}
	}
}

// CheckTwoWay checks that every pair names two different dimensions the
// cohort has, neither of them "all".
func CheckTwoWay(lv *levels.Cohort, pairs [][2]string) error {
	for _, p := range pairs {
		for _, d := range p {
			if d == All || !lv.Has(d) {
				return fmt.Errorf("%w: two-way stratum %s:%s: %s is not a dimension of strata.tsv", ErrOptions, p[0], p[1], text.Quote(d))
			}
		}
		if p[0] == p[1] {
			return fmt.Errorf("%w: two-way stratum %s:%s names one dimension twice", ErrOptions, p[0], p[1])
		}
	}
	return nil
}

// dimensions are the one-way dimensions of strata.tsv: the built-in ones,
// then the sheet columns.
func dimensions(lv *levels.Cohort) []string {
	return append(append([]string(nil), Dimensions...), lv.Options().Columns...)
}

// buildDimensions tallies every counted row of every patient into the
// levels of each dimension, then of each two-way stratum.
func buildDimensions(patients []concordance.PatientResult, lv *levels.Cohort, nGenes int, pairs [][2]string) []*dimension {
	genes := topGenes(patients, nGenes)
	isTop := map[string]bool{}
	for _, g := range genes {
		isTop[g] = true
	}
	of := func(dim string, i int, r *concordance.Row) []string {
		if dim == "" {
			return []string{""}
		}
		ls := lv.Row(dim, i, r)
		if dim != Gene {
			return ls
		}
		var out []string
		for _, l := range ls {
			if isTop[l] {
				out = append(out, l)
			}
		}
		return out
	}
	orderOf := func(dim string) []string {
		if dim == Gene {
			return genes
		}
		return lv.Order(dim)
	}
	build := func(d1, d2 string) *builder {
		b := newBuilder(len(patients))
		if d1 == All {
			b.level(LevelAll, "") // the overall row exists even without patients
		}
		byPatient := lv.IsPatientLevel(d1) && (d2 == "" || lv.IsPatientLevel(d2))
		for i := range patients {
			if byPatient {
				l2 := ""
				if d2 != "" {
					l2 = lv.Patient(d2, i)
				}
				k := b.level(lv.Patient(d1, i), l2)
				b.member(k, i)
				for j := range patients[i].Rows {
					if r := &patients[i].Rows[j]; r.Counted() {
						b.add(k, r.Category)
					}
				}
			} else {
				for j := range patients[i].Rows {
					r := &patients[i].Rows[j]
					if !r.Counted() {
						continue
					}
					for _, l1 := range of(d1, i, r) {
						for _, l2 := range of(d2, i, r) {
							k := b.level(l1, l2)
							b.member(k, i)
							b.add(k, r.Category)
						}
					}
				}
			}
			b.flush(i)
		}
		return b
	}
	var dims []*dimension
	position := map[string]map[string]int{} // one-way dimension → level → order
	for _, name := range dimensions(lv) {
		d := build(name, "").dimension(name, "", orderOf(name), nil)
		position[name] = map[string]int{}
		for k, l := range d.levels {
			position[name][l] = k + 1
		}
		d.order = make([]int, len(d.levels))
		for k := range d.order {
			d.order[k] = k + 1
		}
		dims = append(dims, d)
	}
	for _, p := range pairs {
		d := build(p[0], p[1]).dimension(p[0], p[1], orderOf(p[0]), orderOf(p[1]))
		d.order, d.order2 = make([]int, len(d.levels)), make([]int, len(d.levels))
		for k := range d.levels {
			d.order[k], d.order2[k] = position[p[0]][d.levels[k]], position[p[1]][d.levels2[k]]
		}
		dims = append(dims, d)
	}
	return dims
}

// builder accumulates one dimension, patient by patient.
type builder struct {
	index   map[[2]string]int
	names   [][2]string
	members []int
	last    []int // the last patient counted in each level's members
	counts  []concordance.Counts
	// the current patient's counts by level, and the entries so far
	cur     map[int]*entry
	curKeys []int
	start   []int
	entries []entry
}

func newBuilder(n int) *builder {
	return &builder{index: map[[2]string]int{}, cur: map[int]*entry{}, start: make([]int, 1, n+1)}
}

func (b *builder) level(l1, l2 string) int {
	key := [2]string{l1, l2}
	if i, ok := b.index[key]; ok {
		return i
	}
	i := len(b.names)
	b.index[key] = i
	b.names = append(b.names, key)
	b.members = append(b.members, 0)
	b.last = append(b.last, -1)
	b.counts = append(b.counts, concordance.Counts{})
	return i
}

func (b *builder) member(lv, i int) {
	if b.last[lv] != i {
		b.last[lv] = i
		b.members[lv]++
	}
}

func (b *builder) add(lv int, c concordance.Category) {
	e := b.cur[lv]
	if e == nil {
		e = &entry{level: int32(lv)}
		b.cur[lv] = e
		b.curKeys = append(b.curKeys, lv)
	}
	switch c {
	case concordance.Shared:
		e.s++
	case concordance.TissueOnly:
		e.t++
	case concordance.PlasmaOnly:
		e.p++
	}
	b.counts[lv].Count(c)
}

// flush ends patient i.
func (b *builder) flush(i int) {
	for _, k := range b.curKeys {
		b.entries = append(b.entries, *b.cur[k])
		delete(b.cur, k)
	}
	b.curKeys = b.curKeys[:0]
	b.start = append(b.start, len(b.entries))
}

// dimension keeps the levels that occurred, in the display order of
// order (and of order2 within it), and renumbers the entries.
func (b *builder) dimension(name, name2 string, order, order2 []string) *dimension {
	d := &dimension{name: name, name2: name2, start: b.start}
	renumber := make([]int, len(b.names))
	if order2 == nil {
		order2 = []string{""}
	}
	for _, l1 := range order {
		for _, l2 := range order2 {
			k, ok := b.index[[2]string{l1, l2}]
			if !ok {
				continue
			}
			renumber[k] = len(d.levels)
			d.levels, d.levels2 = append(d.levels, l1), append(d.levels2, l2)
			d.patients = append(d.patients, b.members[k])
			d.counts = append(d.counts, b.counts[k])
		}
	}
	d.entries = b.entries
	for j := range d.entries {
		d.entries[j].level = int32(renumber[d.entries[j].level])
	}
	return d
}

// groups are the sets of levels (by index) that a test compares: every
// level of a one-way dimension, or the levels sharing level1 of a two-way
// stratum; none for "all".
func (d *dimension) groups() [][]int {
	if d.name == All {
		return nil
	}
	var out [][]int
	for k := range d.levels {
		if k == 0 || d.name2 != "" && d.levels[k] != d.levels[k-1] {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], k)
	}
	return out
}

// Statistics bootstrapped per level, in this order.
const (
	statShared = iota
	statTissueOnly
	statPlasmaOnly
	statPPA
	statPPV
	nStat
)

// HeadlineStats names the bootstrapped statistics of a level, as
// Bootstrap.Valid keys them.
var HeadlineStats = [nStat]string{"shared_share", "tissue_only_share", "plasma_only_share", "ppa", "ppv"}

type stratumOut struct {
	Stratum
	valid map[string]int
}

// strata computes the rows of one dimension, their bootstrap intervals
// left undefined (bootstrapAll sets them).
func (d *dimension) strata(opt Options) []stratumOut {
	level := opt.level()
	out := make([]stratumOut, len(d.levels))
	for k, l := range d.levels {
		c := d.counts[k]
		u := c.Total()
		st := Stratum{Dimension: d.name, Level: l, Order: d.order[k], Dimension2: d.name2, Level2: d.levels2[k],
			Patients: d.patients[k], Counts: c, Clustered: noTest(), Alteration: noTest()}
		if d.name2 != "" {
			st.Order2 = d.order2[k]
		}
		st.Shares = [3]stats.Interval{stats.Wilson(c.Shared, u, level), stats.Wilson(c.TissueOnly, u, level), stats.Wilson(c.PlasmaOnly, u, level)}
		st.PPA = stats.Wilson(c.Shared, c.Shared+c.TissueOnly, level)
		st.PPV = stats.Wilson(c.Shared, c.Shared+c.PlasmaOnly, level)
		st.SharesBoot = [3]stats.Interval{stats.Undefined, stats.Undefined, stats.Undefined}
		st.PPABoot, st.PPVBoot = stats.Undefined, stats.Undefined
		out[k] = stratumOut{Stratum: st}
	}
	return out
}

// bootstrapAll sets the bootstrap intervals of every dimension's rows
// with one bootstrap call for all their levels: each replicate resamples
// the patients (every patient of the cohort, with all its alterations)
// and forms each level's ratios from the level's column sums. A patient in
// several levels of an alteration-level dimension (a patient with SNVs
// and amplifications is in both class levels) carries its alterations
// into each of them in the same draw, which is exactly the clustering the
// bootstrap must respect. Every dimension sees the same draws, as one
// call per dimension with the same seed did, so drawing once gives the
// same intervals for less (the draws were most of the bootstrap's time).
func bootstrapAll(dims []*dimension, rowsOf [][]stratumOut, opt Options, nPatients int) error {
	if opt.Replicates == 0 || nPatients == 0 {
		return nil
	}
	// Dimension j's statistics start at off[j]: nStat for each level.
	off := make([]int, len(dims)+1)
	for j, d := range dims {
		off[j+1] = off[j] + nStat*len(d.levels)
	}
	if off[len(dims)] == 0 {
		return nil
	}
	level := opt.level()
	// Per patient, its non-zero (level, S, T, P) entries in each
	// dimension: a replicate adds up the entries of the patients it drew
	// instead of every column for every patient. The draws are those of
	// stats.BootstrapSums for the seed and the sums are exact integers, so
	// the result is the same, only faster.
	res, err := stats.Bootstrap(nPatients, off[len(dims)], func(counts []int32, o []float64) {
		// o doubles as the scratch of the sums: level k's S, T, P go in
		// o[off+nStat*k : off+nStat*k+3] before its ratios replace them.
		clear(o)
		for i, c := range counts {
			if c == 0 {
				continue
			}
			w := float64(c)
			for j, d := range dims {
				od := o[off[j]:]
				for _, e := range d.entries[d.start[i]:d.start[i+1]] {
					r := od[nStat*e.level:]
					r[0] += w * float64(e.s)
					r[1] += w * float64(e.t)
					r[2] += w * float64(e.p)
				}
			}
		}
		for k := 0; k < off[len(dims)]; k += nStat {
			r := o[k : k+nStat]
			s, t, p := r[0], r[1], r[2]
			r[statShared], r[statTissueOnly], r[statPlasmaOnly] = ratio(s, s+t+p), ratio(t, s+t+p), ratio(p, s+t+p)
			r[statPPA], r[statPPV] = ratio(s, s+t), ratio(s, s+p)
		}
	}, stats.BootstrapOptions{Replicates: opt.Replicates, Seed: opt.Seed, Workers: opt.Workers, Level: level})
	if err != nil {
		return fmt.Errorf("strata: %w", err)
	}
	for j, d := range dims {
		d.setIntervals(rowsOf[j], res, off[j])
	}
	return nil
}

// setIntervals sets the dimension's rows' bootstrap intervals from the
// statistics starting at off.
func (d *dimension) setIntervals(out []stratumOut, res *stats.BootstrapResult, off int) {
	nLevels := len(d.levels)
	// A bootstrap interval needs at least two patients behind its
	// denominator: with one, every replicate that defines the ratio
	// repeats the observed value and the interval would collapse to a
	// point that says nothing about between-patient variation.
	nU, nST, nSP := make([]int, nLevels), make([]int, nLevels), make([]int, nLevels)
	for _, e := range d.entries {
		if e.s+e.t+e.p > 0 {
			nU[e.level]++
		}
		if e.s+e.t > 0 {
			nST[e.level]++
		}
		if e.s+e.p > 0 {
			nSP[e.level]++
		}
	}
	for k := range d.levels {
		iv := func(stat, contributors int) stats.Interval {
			if contributors < 2 {
				return stats.Undefined
			}
			return res.Intervals[off+nStat*k+stat]
		}
		o := &out[k]
		o.SharesBoot = [3]stats.Interval{iv(statShared, nU[k]), iv(statTissueOnly, nU[k]), iv(statPlasmaOnly, nU[k])}
		o.PPABoot, o.PPVBoot = iv(statPPA, nST[k]), iv(statPPV, nSP[k])
		o.valid = map[string]int{}
		for s, name := range HeadlineStats {
			o.valid[name] = res.Valid[off+nStat*k+s]
		}
	}
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}
