package strata

import (
	"errors"
	"fmt"
	"math"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/levels"
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
}

// DefaultOptions returns the options concord uses unless told otherwise.
func DefaultOptions() Options {
	return Options{TopGenes: DefaultTopGenes, Replicates: DefaultReplicates, Seed: DefaultSeed, Level: DefaultLevel}
}

func (o Options) level() float64 {
	if o.Level == 0 {
		return DefaultLevel
	}
	return o.Level
}

// Stratum is one row of strata.tsv: the concordance of the counted
// alterations of one level of one dimension.
type Stratum struct {
	Dimension string
	Level     string
	Order     int // 1-based position of the level in its dimension
	// Patients counts the patients of the level: for the patient-level
	// dimensions (all, cancer type and group, stage, TF tier, days
	// between) every patient of the stratum, with or without counted
	// alterations; for the alteration-level ones (class, gene, tissue VAF
	// bin) the patients with at least one counted alteration in it.
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

	// Test is the test across the levels of the dimension, the same on
	// every row of it.
	Test Test
}

// Test is a test of no difference across the levels of a dimension.
type Test struct {
	// Name is "chisq" (Pearson's chi-square on the levels × {S, T, P}
	// table), "fisher_ppa" or "fisher_ppa_simulated" (Freeman–Halton on
	// the levels × {S, T} table), "trend_ppa" (Cochran–Armitage on PPA
	// across ordered levels), or "" when no test is possible.
	Name      string
	Statistic float64 // NaN for Fisher's test
	DF        int
	P         float64
	// Q is the Benjamini–Hochberg q-value across the dimensions tested.
	Q float64
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

// Overall returns the "all" row.
func (t *Table) Overall() *Stratum { return &t.Strata[0] }

// dimension holds, for every level of one dimension, each patient's
// shared, tissue-only and plasma-only counts: the per-patient sums the
// bootstrap adds up.
type dimension struct {
	name   string
	levels []string
	// s, t, p are indexed [level][patient].
	s, t, p  [][]float64
	patients []int
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
	dims := buildDimensions(patients, opt.TopGenes)
	tab := &Table{}
	if opt.Replicates > 0 {
		tab.Bootstrap = &Bootstrap{Replicates: opt.Replicates, Seed: opt.Seed, Level: opt.level()}
	}
	var tests []Test
	for _, d := range dims {
		rows, err := d.strata(opt, len(patients))
		if err != nil {
			return nil, err
		}
		t := d.test(opt)
		tests = append(tests, t)
		for i := range rows {
			rows[i].Test = t
		}
		if d.name == All && tab.Bootstrap != nil {
			tab.Bootstrap.Valid = rows[0].valid
		}
		for _, r := range rows {
			tab.Strata = append(tab.Strata, r.Stratum)
		}
	}
	// Benjamini–Hochberg across the dimensions' tests ("all" has none).
	p := make([]float64, len(tests))
	for i, t := range tests {
		p[i] = t.P
	}
	q := stats.AdjustBH(p)
	qOf := map[string]float64{}
	for i, d := range dims {
		qOf[d.name] = q[i]
	}
	for i := range tab.Strata {
		tab.Strata[i].Test.Q = qOf[tab.Strata[i].Dimension]
	}
	return tab, nil
}

// buildDimensions tallies every counted row of every patient into the
// levels of each dimension.
func buildDimensions(patients []concordance.PatientResult, nGenes int) []*dimension {
	lv := levels.New(patients)
	genes := topGenes(patients, nGenes)
	isTop := map[string]bool{}
	for _, g := range genes {
		isTop[g] = true
	}
	var dims []*dimension
	for _, name := range Dimensions {
		b := newBuilder(len(patients))
		if name == All {
			b.level(LevelAll) // the overall row exists even without patients
		}
		for i := range patients {
			if patientLevel(name) {
				k := b.level(lv.Patient(name, i))
				b.member(k, i)
				for j := range patients[i].Rows {
					if r := &patients[i].Rows[j]; r.Counted() {
						b.add(k, i, r.Category)
					}
				}
				continue
			}
			for j := range patients[i].Rows {
				r := &patients[i].Rows[j]
				if !r.Counted() {
					continue
				}
				for _, l := range lv.Row(name, i, r) {
					if name == Gene && !isTop[l] {
						continue
					}
					k := b.level(l)
					b.member(k, i)
					b.add(k, i, r.Category)
				}
			}
		}
		order := lv.Order(name)
		if name == Gene {
			order = genes
		}
		dims = append(dims, b.dimension(name, order))
	}
	return dims
}

// builder accumulates one dimension.
type builder struct {
	n       int
	index   map[string]int
	names   []string
	s, t, p [][]float64
	seen    [][]bool // [level][patient]: the patient is in the level
	members []int
}

func newBuilder(n int) *builder { return &builder{n: n, index: map[string]int{}} }

func (b *builder) level(name string) int {
	if i, ok := b.index[name]; ok {
		return i
	}
	i := len(b.names)
	b.index[name] = i
	b.names = append(b.names, name)
	b.s = append(b.s, make([]float64, b.n))
	b.t = append(b.t, make([]float64, b.n))
	b.p = append(b.p, make([]float64, b.n))
	b.seen = append(b.seen, make([]bool, b.n))
	b.members = append(b.members, 0)
	return i
}

func (b *builder) member(lv, i int) {
	if !b.seen[lv][i] {
		b.seen[lv][i] = true
		b.members[lv]++
	}
}

func (b *builder) add(lv, i int, c concordance.Category) {
	switch c {
	case concordance.Shared:
		b.s[lv][i]++
	case concordance.TissueOnly:
		b.t[lv][i]++
	case concordance.PlasmaOnly:
		b.p[lv][i]++
	}
}

// dimension keeps the levels of order that occurred, in that order.
func (b *builder) dimension(name string, order []string) *dimension {
	d := &dimension{name: name}
	for _, l := range order {
		lv, ok := b.index[l]
		if !ok {
			continue
		}
		d.levels = append(d.levels, l)
		d.s = append(d.s, b.s[lv])
		d.t = append(d.t, b.t[lv])
		d.p = append(d.p, b.p[lv])
		d.patients = append(d.patients, b.members[lv])
	}
	return d
}

func sum(x []float64) int {
	t := 0.0
	for _, v := range x {
		t += v
	}
	return int(t)
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

// strata computes the rows of one dimension, with one bootstrap call for
// all its levels: each replicate resamples the patients (every patient
// of the cohort, with all its alterations) and forms each level's ratios
// from the level's column sums. A patient in several levels of an
// alteration-level dimension (a patient with SNVs and amplifications is in
// both class levels) carries its alterations into each of them in the same
// draw, which is exactly the clustering the bootstrap must respect.
func (d *dimension) strata(opt Options, nPatients int) ([]stratumOut, error) {
	level := opt.level()
	out := make([]stratumOut, len(d.levels))
	for k, l := range d.levels {
		c := concordance.Counts{Shared: sum(d.s[k]), TissueOnly: sum(d.t[k]), PlasmaOnly: sum(d.p[k])}
		u := c.Total()
		st := Stratum{Dimension: d.name, Level: l, Order: k + 1, Patients: d.patients[k], Counts: c}
		st.Shares = [3]stats.Interval{stats.Wilson(c.Shared, u, level), stats.Wilson(c.TissueOnly, u, level), stats.Wilson(c.PlasmaOnly, u, level)}
		st.PPA = stats.Wilson(c.Shared, c.Shared+c.TissueOnly, level)
		st.PPV = stats.Wilson(c.Shared, c.Shared+c.PlasmaOnly, level)
		st.SharesBoot = [3]stats.Interval{stats.Undefined, stats.Undefined, stats.Undefined}
		st.PPABoot, st.PPVBoot = stats.Undefined, stats.Undefined
		out[k] = stratumOut{Stratum: st}
	}
	if opt.Replicates == 0 || nPatients == 0 || len(d.levels) == 0 {
		return out, nil
	}
	// Per patient, its non-zero (level, S, T, P) entries: most patients
	// are in a few levels only (exactly one of a patient-level
	// dimension), so a replicate adds up the entries of the patients it
	// drew instead of every column for every patient. The draws are those
	// of stats.BootstrapSums for the seed and the sums are exact integers,
	// so the result is the same, only faster.
	type entry struct {
		level   int
		s, t, p float64
	}
	start := make([]int, nPatients+1)
	var entries []entry
	for i := 0; i < nPatients; i++ {
		for k := range d.levels {
			if e := (entry{k, d.s[k][i], d.t[k][i], d.p[k][i]}); e.s+e.t+e.p > 0 {
				entries = append(entries, e)
			}
		}
		start[i+1] = len(entries)
	}
	nLevels := len(d.levels)
	res, err := stats.Bootstrap(nPatients, nStat*nLevels, func(counts []int32, o []float64) {
		// o doubles as the scratch of the sums: level k's S, T, P go in
		// o[nStat*k : nStat*k+3] before its ratios replace them.
		clear(o)
		for i, c := range counts {
			if c == 0 {
				continue
			}
			w := float64(c)
			for _, e := range entries[start[i]:start[i+1]] {
				r := o[nStat*e.level:]
				r[0] += w * e.s
				r[1] += w * e.t
				r[2] += w * e.p
			}
		}
		for k := 0; k < nLevels; k++ {
			r := o[nStat*k : nStat*(k+1)]
			s, t, p := r[0], r[1], r[2]
			r[statShared], r[statTissueOnly], r[statPlasmaOnly] = ratio(s, s+t+p), ratio(t, s+t+p), ratio(p, s+t+p)
			r[statPPA], r[statPPV] = ratio(s, s+t), ratio(s, s+p)
		}
	}, stats.BootstrapOptions{Replicates: opt.Replicates, Seed: opt.Seed, Workers: opt.Workers, Level: level})
	if err != nil {
		return nil, fmt.Errorf("strata: %s: %w", d.name, err)
	}
	for k := range d.levels {
		// A bootstrap interval needs at least two patients behind its
		// denominator: with one, every replicate that defines the ratio
		// repeats the observed value and the interval would collapse to a
		// point that says nothing about between-patient variation.
		var nU, nST, nSP int
		for i := range d.s[k] {
			s, t, p := d.s[k][i], d.t[k][i], d.p[k][i]
			if s+t+p > 0 {
				nU++
			}
			if s+t > 0 {
				nST++
			}
			if s+p > 0 {
				nSP++
			}
		}
		iv := func(stat, contributors int) stats.Interval {
			if contributors < 2 {
				return stats.Undefined
			}
			return res.Intervals[nStat*k+stat]
		}
		o := &out[k]
		o.SharesBoot = [3]stats.Interval{iv(statShared, nU), iv(statTissueOnly, nU), iv(statPlasmaOnly, nU)}
		o.PPABoot, o.PPVBoot = iv(statPPA, nST), iv(statPPV, nSP)
		o.valid = map[string]int{}
		for s, name := range HeadlineStats {
			o.valid[name] = res.Valid[nStat*k+s]
		}
	}
	return out, nil
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}
