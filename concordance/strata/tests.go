package strata

import (
	"math"

	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// trendScores are the scores of the Cochran–Armitage trend test of PPA in
// the ordered dimensions that get one: stage I–IV (stage 0 and unknown
// stage are left out), and the five tissue-VAF bins. In the tissue-VAF
// dimension the union categories cannot vary freely (plasma-only
// alterations have no tissue call, so they all sit in no_tissue_call),
// and detection of a tissue alteration as a function of its VAF is the
// question, so PPA is the quantity tested.
var trendScores = map[string]map[string]float64{
	Stage:        {"I": 1, "II": 2, "III": 3, "IV": 4},
	TissueVAFBin: {levels.VAFTrendBins[0]: 1, levels.VAFTrendBins[1]: 2, levels.VAFTrendBins[2]: 3, levels.VAFTrendBins[3]: 4, levels.VAFTrendBins[4]: 5},
}

func noTest() Test { return Test{Statistic: math.NaN(), P: math.NaN(), Q: math.NaN()} }

// test is the test across the levels of the dimension. Levels named
// "unknown" are left out: they are missing data, not a group.
//
// Unordered dimensions (and TF tier and days between, whose question is
// whether the union shares differ) get Pearson's chi-square on the levels
// × {shared, tissue-only, plasma-only} table when it meets Cochran's (1954)
// rule — every expected count at least 1 and at most 20% of them below 5
// — and otherwise the Freeman–Halton exact test of PPA (levels × {shared,
// tissue-only}), simulated from the seed when the table is too large to
// enumerate. Both treat alterations as independent, so they are
// descriptive (METHODS.md §6); the bootstrap intervals and the detection
// model's cluster-robust p-values respect patients.
func (d *dimension) test(opt Options) Test {
	if d.name == All {
		return noTest()
	}
	if scores, ok := trendScores[d.name]; ok {
		var x, n []int
		var sc []float64
		for k, l := range d.levels {
			if s, ok := scores[l]; ok {
				S, T := sum(d.s[k]), sum(d.t[k])
				x, n, sc = append(x, S), append(n, S+T), append(sc, s)
			}
		}
		tr := stats.CochranArmitage(x, n, sc)
		if !tr.Defined() {
			return noTest()
		}
		return Test{Name: schema.TestTrend, Statistic: tr.Statistic, DF: tr.DF, P: tr.P, Q: math.NaN()}
	}
	var table [][]int
	var ppa [][2]int
	nPPA := 0
	for k, l := range d.levels {
		if l == LevelUnknown {
			continue
		}
		S, T, P := sum(d.s[k]), sum(d.t[k]), sum(d.p[k])
		if S+T+P > 0 {
			table = append(table, []int{S, T, P})
		}
		if S+T > 0 {
			ppa = append(ppa, [2]int{S, T})
			nPPA++
		}
	}
	if cochranRule(table) {
		if cs := stats.ChiSquare(table, false); cs.Defined() {
			return Test{Name: schema.TestChiSquare, Statistic: cs.Statistic, DF: cs.DF, P: cs.P, Q: math.NaN()}
		}
	}
	if nPPA < 2 {
		return noTest()
	}
	f := stats.FisherRx2(ppa, stats.FisherOptions{Seed: opt.Seed})
	if !f.Defined() {
		return noTest()
	}
	name := schema.TestFisher
	if !f.Exact {
		name = schema.TestFisherSimulated
	}
	return Test{Name: name, Statistic: math.NaN(), DF: 0, P: f.P, Q: math.NaN()}
}

// cochranRule reports whether a table has at least two non-empty rows and
// columns and its expected counts under independence (over those) are all
// at least 1, with no more than 20% below 5 (Cochran WG 1954, "Some methods
// for strengthening the common χ² tests", Biometrics 10:417–451).
func cochranRule(table [][]int) bool {
	if len(table) < 2 {
		return false
	}
	cols := make([]int, len(table[0]))
	rows := make([]int, len(table))
	total := 0
	for i, r := range table {
		for j, v := range r {
			rows[i] += v
			cols[j] += v
			total += v
		}
	}
	used := 0
	for _, c := range cols {
		if c > 0 {
			used++
		}
	}
	if used < 2 {
		return false
	}
	cells, small := 0, 0
	for _, r := range rows {
		for _, c := range cols {
			if c == 0 {
				continue
			}
			e := float64(r) * float64(c) / float64(total)
			if e < 1 {
				return false
			}
			cells++
			if e < 5 {
				small++
			}
		}
	}
	return float64(small) <= 0.2*float64(cells)
}
