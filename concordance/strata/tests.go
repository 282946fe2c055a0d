package strata

import (
	"math"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/text"
	"github.com/concord-oncology/concord/stats"
)

// trendScores are the scores of the trend tests of PPA in the ordered
// dimensions that get one: stage I–IV (stage 0 and unknown stage are left
// out), and the five tissue-VAF bins. In the tissue-VAF dimension the
// union categories cannot vary freely (plasma-only alterations have no
// tissue call, so they all sit in no_tissue_call), and detection of a
// tissue alteration as a function of its VAF is the question, so PPA is
// the quantity tested.
var trendScores = map[string]map[string]float64{
	Stage:        {"I": 1, "II": 2, "III": 3, "IV": 4},
	TissueVAFBin: {levels.VAFTrendBins[0]: 1, levels.VAFTrendBins[1]: 2, levels.VAFTrendBins[2]: 3, levels.VAFTrendBins[3]: 4, levels.VAFTrendBins[4]: 5},
}

// smallExactNodes bounds the exact enumeration of the Freeman–Halton test
// of a two-way stratum and of the diagnosis dimension (a twentieth of
// stats.DefaultExactNodes, about 7 ms). A two-way stratum has a test per
// level of its first dimension and diagnosis has many small levels; their
// alteration-level tests are descriptive, and an enumeration that runs out
// of budget is thrown away for the simulated p-value, so the full budget
// made these tests most of a run's statistics (issue 13 §1 cost a
// 640-patient cohort 40% more CPU).
const smallExactNodes = stats.DefaultExactNodes / 20

func noTest() Test {
	nan := math.NaN()
	return Test{Statistic: nan, DF1: nan, DF2: nan, P: nan, Q: nan}
}

// untested are the levels no test compares: "unknown" is missing data,
// not a group, and "no_ctdna_detected" is defined by the outcome (every
// tissue alteration of such a patient is missed in plasma), so comparing
// it would test the definition.
func untested(l string) bool { return l == LevelUnknown || l == LevelNoCtDNA }

// test compares the levels g of the dimension (of dimension2, for a
// two-way stratum): a patient-clustered test and a test that treats
// alterations as independent.
//
// The ordered dimensions (stage I–IV, the tissue-VAF bins) get trends of
// PPA: the Wald test of the slope of a logistic regression of detection on
// the level's score with patient-clustered standard errors
// (stats.TrendClustered), and the Cochran–Armitage test. The others
// (TF tier and days between too, whose question is whether the union
// shares differ) get Pearson's chi-square on the levels × {shared,
// tissue-only, plasma-only} table: with Rao and Scott's correction for
// patients as clusters (stats.RaoScott), and plain, when the table meets
// Cochran's (1954) rule — every expected count at least 1 and at most 20%
// of them below 5 — else the Freeman–Halton exact test of PPA (levels ×
// {shared, tissue-only}), simulated from the seed when the table is too
// large to enumerate. The alteration-level tests are descriptive
// (METHODS.md §6).
func (d *dimension) test(g []int, opt Options) (clustered, alteration Test) {
	clustered, alteration = noTest(), noTest()
	names := d.levels
	dim := d.name
	if d.name2 != "" {
		names, dim = d.levels2, d.name2
	}
	if scores, ok := trendScores[dim]; ok {
		score := map[int]float64{}
		var x, n []int
		var sc []float64
		for _, k := range g {
			if s, ok := scores[names[k]]; ok {
				score[k] = s
				S, T := d.counts[k].Shared, d.counts[k].TissueOnly
				x, n, sc = append(x, S), append(n, S+T), append(sc, s)
			}
		}
		if tr := stats.CochranArmitage(x, n, sc); tr.Defined() {
			alteration = Test{Name: schema.TestTrend, Statistic: tr.Statistic, DF1: float64(tr.DF), DF2: math.NaN(), P: tr.P, Q: math.NaN()}
		}
		// Sized before they are filled: grown by appending, these and the
		// cells below were 340 MB of garbage in the cohort stage of
		// 100,000 patients, at its peak of memory (bench/scale.sh).
		m := 0
		d.eachEntry(func(_ int, e entry) {
			if _, ok := score[int(e.level)]; ok {
				m += int(e.s) + int(e.t)
			}
		})
		xs, y, cluster := make([]float64, 0, m), make([]bool, 0, m), make([]int, 0, m)
		d.eachEntry(func(i int, e entry) {
			s, ok := score[int(e.level)]
			if !ok {
				return
			}
			for range int(e.s) {
				xs, y, cluster = append(xs, s), append(y, true), append(cluster, i)
			}
			for range int(e.t) {
				xs, y, cluster = append(xs, s), append(y, false), append(cluster, i)
			}
		})
		if tc := stats.TrendClustered(xs, y, cluster); tc.Defined() {
			clustered = Test{Name: schema.TestTrendLogit, Statistic: tc.Z, DF1: math.NaN(), DF2: math.NaN(), P: tc.P, Q: math.NaN()}
		}
		return clustered, alteration
	}
	row := map[int]int{} // level → row of the table
	var table [][]int
	var ppa [][2]int
	for _, k := range g {
		if untested(names[k]) {
			continue
		}
		c := d.counts[k]
		if c.Total() > 0 {
			row[k] = len(table)
			table = append(table, []int{c.Shared, c.TissueOnly, c.PlasmaOnly})
		}
		if c.Shared+c.TissueOnly > 0 {
			ppa = append(ppa, [2]int{c.Shared, c.TissueOnly})
		}
	}
	if len(table) >= 2 {
		m := 0
		d.eachEntry(func(_ int, e entry) {
			if _, ok := row[int(e.level)]; ok {
				m += min(int(e.s), 1) + min(int(e.t), 1) + min(int(e.p), 1)
			}
		})
		cells := make([]stats.ClusterCell, 0, m)
		d.eachEntry(func(i int, e entry) {
			r, ok := row[int(e.level)]
			if !ok {
				return
			}
			for c, n := range [3]int32{e.s, e.t, e.p} {
				if n > 0 {
					cells = append(cells, stats.ClusterCell{Cluster: i, Row: r, Col: c, N: int(n)})
				}
			}
		})
		if rs := stats.RaoScott(len(table), 3, cells); rs.Defined() {
			clustered = Test{Name: schema.TestRaoScott, Statistic: rs.F, DF1: rs.DF1, DF2: rs.DF2, P: rs.P, Q: math.NaN()}
		}
	}
	if cochranRule(table) {
		if cs := stats.ChiSquare(table, false); cs.Defined() {
			return clustered, Test{Name: schema.TestChiSquare, Statistic: cs.Statistic, DF1: float64(cs.DF), DF2: math.NaN(), P: cs.P, Q: math.NaN()}
		}
	}
	if len(ppa) < 2 {
		return clustered, alteration
	}
	fo := stats.FisherOptions{Seed: opt.Seed}
	if d.name2 != "" || d.name == Diagnosis {
		fo.MaxNodes = smallExactNodes
	}
	f := stats.FisherRx2(ppa, fo)
	if !f.Defined() {
		return clustered, alteration
	}
	alteration = Test{Name: schema.TestFisher, Statistic: math.NaN(), DF1: math.NaN(), DF2: math.NaN(), P: f.P, Q: math.NaN()}
	if !f.Exact {
		alteration.Name, alteration.Note = schema.TestFisherSimulated, SimulatedNote(f.P, f.Replicates)
	}
	return clustered, alteration
}

// SimulatedNote says how a Monte Carlo p-value P = (1 + b)/(B + 1) was
// made, b of B simulated tables being as extreme as the data: "simulated,
// 10,000 draws", or "p < 1e-4 (simulated, 10,000 draws)" when no draw was
// (b = 0), for then P is the simulation's floor, not an estimate.
func SimulatedNote(p float64, draws int) string {
	what := "simulated, " + thousands(draws) + " draws"
	if draws > 0 && p*float64(draws+1) < 1.5 {
		return "p < " + bound(1/float64(draws)) + " (" + what + ")"
	}
	return what
}

// bound writes 1/B as "1e-4", "5e-4", "0.002": the shortest form.
func bound(x float64) string {
	e := strconv.FormatFloat(x, 'e', -1, 64) // 1e-04
	m, exp, _ := strings.Cut(e, "e")
	n, _ := strconv.Atoi(exp)
	if n >= -3 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return m + "e" + strconv.Itoa(n)
}

// eachEntry calls f with every patient's entries.
func (d *dimension) eachEntry(f func(patient int, e entry)) {
	for i := 0; i+1 < len(d.start); i++ {
		for _, e := range d.entries[d.start[i]:d.start[i+1]] {
			f(i, e)
		}
	}
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

// thousands writes a count with commas between thousands (text.Thousands:
// one rule for the figures, the test notes and the report).
var thousands = text.Thousands
