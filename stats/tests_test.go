package stats

import (
	"fmt"
	"math"
	"testing"
)

type binomialTestCase struct {
	x, n    int
	p, want float64
}

type mcnemarCase struct {
	t                           Table2x2
	exact, stat1, p1, stat0, p0 float64
}

type fisher2x2Case struct {
	t                       Table2x2
	level, p, or, low, high float64
}

type fisherRx2Case struct {
	counts [][2]int
	p      float64
}

type chiSquareCase struct {
	table          [][]int
	yates          bool
	stat           float64
	df             int
	p, minExpected float64
}

type trendCase struct {
	x, n    []int
	score   []float64
	stat, p float64
}

func TestBinomialTestMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range binomialTestRef {
		t.Run(fmt.Sprintf("%d/%d@%v", tc.x, tc.n, tc.p), func(t *testing.T) {
			c.t = t
			c.eq("p-value", BinomialTest(tc.x, tc.n, tc.p), tc.want)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
	if !math.IsNaN(BinomialTest(0, 0, 0.5)) {
		t.Error("binomial test of 0 trials is not NaN")
	}
}

func TestMcNemarMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range mcnemarRef {
		t.Run(fmt.Sprint(tc.t), func(t *testing.T) {
			c.t = t
			c.eq("exact p", McNemarExact(tc.t), tc.exact)
			corrected := McNemar(tc.t, true)
			c.eq("corrected statistic", corrected.Statistic, tc.stat1)
			c.eq("corrected p", corrected.P, tc.p1)
			plain := McNemar(tc.t, false)
			c.eq("statistic", plain.Statistic, tc.stat0)
			c.eq("p", plain.P, tc.p0)
			if plain.DF != 1 {
				t.Errorf("df = %d, want 1", plain.DF)
			}
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
	// No discordant pairs: R's binom.test stops and mcnemar.test gives NaN.
	none := Table2x2{A: 7, D: 9}
	if p := McNemarExact(none); !math.IsNaN(p) {
		t.Errorf("exact McNemar without discordant pairs = %v, want NaN", p)
	}
	if r := McNemar(none, true); r.Defined() {
		t.Errorf("McNemar without discordant pairs = %+v, want undefined", r)
	}
}

func TestFisher2x2MatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range fisher2x2Ref {
		t.Run(fmt.Sprintf("%v@%v", tc.t, tc.level), func(t *testing.T) {
			c.t = t
			r := Fisher2x2(tc.t, tc.level)
			c.eq("p-value", r.P, tc.p)
			c.interval("odds ratio", r.OddsRatio, tc.or, tc.low, tc.high)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
}

func TestFisher2x2Degenerate(t *testing.T) {
	// fisher.test(matrix(c(0, 0, 3, 7), 2)): p = 1; R prints the odds
	// ratio as 0 with [0, Inf], which stats leaves undefined.
	r := Fisher2x2(Table2x2{0, 3, 0, 7}, 0.95)
	if r.P != 1 || r.OddsRatio.Defined() {
		t.Errorf("empty first column: %+v, want P = 1 and an undefined odds ratio", r)
	}
	r = Fisher2x2(Table2x2{}, 0.95)
	if r.Defined() || r.OddsRatio.Defined() {
		t.Errorf("empty table: %+v, want undefined", r)
	}
}

func TestFisherRx2MatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range fisherRx2Ref {
		t.Run(fmt.Sprint(tc.counts), func(t *testing.T) {
			c.t = t
			r := FisherRx2(tc.counts, FisherOptions{})
			if !r.Exact {
				t.Fatalf("small table was simulated: %+v", r)
			}
			c.eq("p-value", r.P, tc.p)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
}

// The r×2 enumeration and the 2×2 hypergeometric test are two
// computations of the same p-value for a 2×2 table.
func TestFisherRx2Agrees2x2(t *testing.T) {
	for _, tc := range fisher2x2Ref {
		want := Fisher2x2(tc.t, 0.95).P
		got := FisherRx2([][2]int{{tc.t.A, tc.t.B}, {tc.t.C, tc.t.D}}, FisherOptions{})
		if math.Abs(got.P-want) > 1e-9*want {
			t.Errorf("%v: r×2 p = %.17g, 2×2 p = %.17g", tc.t, got.P, want)
		}
	}
}

func TestFisherRx2MonteCarlo(t *testing.T) {
	// A node budget of 1 forces the simulation; it must be deterministic
	// for a seed and agree with the exact p-value within Monte Carlo
	// error.
	for _, tc := range fisherRx2Ref {
		if tc.p == 1 || tc.p > 0.99 {
			continue
		}
		t.Run(fmt.Sprint(tc.counts), func(t *testing.T) {
			opt := FisherOptions{MaxNodes: 1, Replicates: 20000, Seed: 7}
			r := FisherRx2(tc.counts, opt)
			if r.Exact || r.Replicates != 20000 {
				t.Fatalf("expected a simulated p-value, got %+v", r)
			}
			if again := FisherRx2(tc.counts, opt); again != r {
				t.Fatalf("same seed, different result: %+v then %+v", r, again)
			}
			// (1 + hits)/(B + 1) is biased up by at most 1/(B+1); allow 4
			// standard errors of a binomial proportion on top.
			se := math.Sqrt(tc.p * (1 - tc.p) / 20000)
			if math.Abs(r.P-tc.p) > 4*se+1.0/20001 {
				t.Errorf("simulated p = %v ± %v, exact (R) %v", r.P, r.SE, tc.p)
			}
		})
	}
}

func TestFisherRx2SimulationMemo(t *testing.T) {
	// Memoising the mode probabilities must not change a single draw:
	// the p-value with the memo equals the one recomputing them (exact
	// float equality, since both do the same arithmetic).
	for _, tc := range fisherRx2Ref {
		fe := &freemanHalton{}
		var xo []int
		for _, c := range tc.counts {
			if n := c[0] + c[1]; n > 0 {
				fe.n = append(fe.n, n)
				xo = append(xo, c[0])
			}
		}
		if len(fe.n) < 2 {
			continue
		}
		fe.setup(xo)
		with, without := fe.simulate(5000, 11, simCacheCells), fe.simulate(5000, 11, 0)
		if with != without {
			t.Errorf("%v: simulated p = %v with the memo, %v without", tc.counts, with, without)
		}
	}
}

func TestFisherRx2Degenerate(t *testing.T) {
	if r := FisherRx2(nil, FisherOptions{}); r.Defined() {
		t.Errorf("empty table: %+v", r)
	}
	if r := FisherRx2([][2]int{{0, 0}, {0, 0}}, FisherOptions{}); r.Defined() {
		t.Errorf("all-zero table: %+v", r)
	}
	// All in one outcome: one table, p = 1.
	if r := FisherRx2([][2]int{{0, 4}, {0, 9}}, FisherOptions{}); r.P != 1 || !r.Exact {
		t.Errorf("one outcome only: %+v", r)
	}
}

func TestChiSquareMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range chiSquareRef {
		t.Run(fmt.Sprintf("%v/yates=%v", tc.table, tc.yates), func(t *testing.T) {
			c.t = t
			r := ChiSquare(tc.table, tc.yates)
			c.eq("statistic", r.Statistic, tc.stat)
			c.eq("p-value", r.P, tc.p)
			c.eq("min expected", r.MinExpected, tc.minExpected)
			if r.DF != tc.df {
				t.Errorf("df = %d, want %d", r.DF, tc.df)
			}
			if r.LowExpected != (tc.minExpected < 5) {
				t.Errorf("LowExpected = %v with minimum expected %v", r.LowExpected, tc.minExpected)
			}
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
}

func TestChiSquareDegenerate(t *testing.T) {
	// chisq.test(rbind(c(12, 30), c(8, 40)), correct = FALSE): an empty
	// row is dropped (R itself would give NaN).
	c := &checker{t: t}
	r := ChiSquare([][]int{{12, 30}, {0, 0}, {8, 40}}, false)
	c.eq("statistic", r.Statistic, 1.8367346938775497)
	c.eq("p-value", r.P, 0.17533414377660092)
	if r.DF != 1 || r.Rows != 2 || r.Cols != 2 || r.Expected[1][0] != 0 {
		t.Errorf("empty row: %+v", r)
	}
	for _, tab := range [][][]int{nil, {{0, 0}, {0, 0}}, {{5, 0}, {7, 0}}, {{3, 4}}, {{1, 2, 3}, {0, 0, 0}}} {
		if r := ChiSquare(tab, true); r.Defined() || !math.IsNaN(r.MinExpected) {
			t.Errorf("%v: %+v, want undefined", tab, r)
		}
	}
}

func TestCochranArmitageMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range trendRef {
		t.Run(fmt.Sprintf("%v/%v", tc.x, tc.n), func(t *testing.T) {
			c.t = t
			r := CochranArmitage(tc.x, tc.n, tc.score)
			c.eq("statistic", r.Statistic, tc.stat)
			c.eq("p-value", r.P, tc.p)
			c.eq("z²", r.Z*r.Z, tc.stat)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
	if z := CochranArmitage([]int{1, 5, 9}, []int{10, 10, 10}, nil).Z; !(z > 0) {
		t.Errorf("rising proportions give z = %v, want > 0", z)
	}
	if z := CochranArmitage([]int{9, 5, 1}, []int{10, 10, 10}, nil).Z; !(z < 0) {
		t.Errorf("falling proportions give z = %v, want < 0", z)
	}
	for _, tc := range []struct{ x, n []int }{
		{[]int{0, 0, 0}, []int{5, 5, 5}}, // no successes
		{[]int{5, 5, 5}, []int{5, 5, 5}}, // all successes
		{[]int{2, 0, 0}, []int{5, 0, 0}}, // one group with data
		{[]int{0, 0}, []int{0, 0}},       // nothing
	} {
		if r := CochranArmitage(tc.x, tc.n, nil); r.Defined() {
			t.Errorf("%v/%v: %+v, want undefined", tc.x, tc.n, r)
		}
	}
}
