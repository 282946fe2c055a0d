package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// relErr is R's tolerance for "at most as probable as the observed
// outcome" in exact two-sided tests (binom.test, fisher.test): outcomes
// with probability ≤ p_obs·(1 + 1e-7) count, so that outcomes whose
// probabilities tie with the observed one up to rounding are included.
const relErr = 1 + 1e-7

// BinomialTest returns the two-sided exact p-value of x successes out of n
// under success probability p, as R's binom.test(x, n, p)$p.value: the
// total probability of outcomes no more probable than x (with R's relative
// tolerance 1e-7), capped at 1. It is NaN when n = 0.
func BinomialTest(x, n int, p float64) float64 {
	mustCount(x, n)
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("stats: binomial probability %v is not in [0, 1]", p))
	}
	if n == 0 {
		return math.NaN()
	}
	switch p {
	case 0:
		return b2f(x == 0)
	case 1:
		return b2f(x == n)
	case 0.5:
		// The distribution is symmetric, so the outcomes no more probable
		// than x are the two tails beyond min(x, n − x): one regularised
		// incomplete beta instead of a scan of the tail (the germline test
		// of every small variant in a cohort uses it).
		if 2*x == n {
			return 1
		}
		return math.Min(1, 2*binomCDF(min(x, n-x), n, p))
	}
	return binomialScan(x, n, p)
}

// binomialScan is BinomialTest by R's algorithm: the tail of x, plus the
// outcomes of the other tail no more probable than x, found by a scan.
func binomialScan(x, n int, p float64) float64 {
	d := binomPMF(x, n, p) * relErr
	m := float64(n) * p
	var pv float64
	switch xf := float64(x); {
	case xf == m:
		return 1
	case xf < m:
		// Count outcomes in the upper tail no more probable than x.
		y := 0
		for i := int(math.Ceil(m)); i <= n; i++ {
			if binomPMF(i, n, p) <= d {
				y++
			}
		}
		pv = binomCDF(x, n, p) + binomUpper(n-y, n, p)
	default:
		y := 0
		for i := 0; i <= int(math.Floor(m)); i++ {
			if binomPMF(i, n, p) <= d {
				y++
			}
		}
		pv = binomCDF(y-1, n, p) + binomUpper(x-1, n, p)
	}
	return math.Min(1, pv)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

func binomPMF(k, n int, p float64) float64 {
	if k < 0 || k > n {
		return 0
	}
	return math.Exp(lchoose(n, k) + float64(k)*math.Log(p) + float64(n-k)*math.Log1p(-p))
}

// BinomialUpper is P(X > q) for X ~ Binomial(n, p): R's pbinom(q, n, p,
// lower.tail = FALSE), so P(X ≥ k) is BinomialUpper(k − 1, n, p). Through
// the identity P(X > q) = I_p(q + 1, n − q) (the regularised incomplete
// beta function), exact at every n without summing terms and precise in
// small tails.
func BinomialUpper(q, n int, p float64) float64 {
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("stats: binomial probability %v is not in [0, 1]", p))
	}
	return binomUpper(q, n, p)
}

// BinomialLower is P(X ≤ k) for X ~ Binomial(n, p): R's pbinom(k, n, p),
// through the regularised incomplete beta function like BinomialUpper.
func BinomialLower(k, n int, p float64) float64 {
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("stats: binomial probability %v is not in [0, 1]", p))
	}
	if n < 0 {
		panic(fmt.Sprintf("stats: binomial size %d is negative", n))
	}
	return binomCDF(k, n, p)
}

// BinomialCentral is the two-sided exact p-value of x successes out of n
// by the central method: twice the smaller tail, capped at 1, R's
// min(1, 2*min(pbinom(x, n, p), pbinom(x - 1, n, p, lower.tail = FALSE)))
// (exactci's binom.exact(x, n, p, tsmethod = "central")). Unlike
// BinomialTest (R's binom.test, which sums the outcomes no more probable
// than x and needs a scan of one tail) it costs two incomplete beta
// functions whatever n and p, which is what the germline test of every
// small variant against several expected allele fractions can afford. It
// is NaN when n = 0.
func BinomialCentral(x, n int, p float64) float64 {
	mustCount(x, n)
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("stats: binomial probability %v is not in [0, 1]", p))
	}
	if n == 0 {
		return math.NaN()
	}
	return math.Min(1, 2*math.Min(binomCDF(x, n, p), binomUpper(x-1, n, p)))
}

// binomCDF is P(X ≤ k), binomUpper P(X > k); both through the regularised
// incomplete beta function so that small tails keep their precision.
func binomCDF(k, n int, p float64) float64 {
	switch {
	case k < 0:
		return 0
	case k >= n:
		return 1
	}
	return mathext.RegIncBeta(float64(n-k), float64(k+1), 1-p)
}

func binomUpper(k, n int, p float64) float64 {
	switch {
	case k < 0:
		return 1
	case k >= n:
		return 0
	}
	return mathext.RegIncBeta(float64(k+1), float64(n-k), p)
}

// Test is the result of a test with a chi-square (or similar) statistic.
// An undefined test has Statistic and P NaN.
type Test struct {
	Statistic float64
	DF        int
	P         float64
}

// Defined reports whether the test exists for the data.
func (t Test) Defined() bool { return !math.IsNaN(t.Statistic) && !math.IsNaN(t.P) }

var undefinedTest = Test{Statistic: math.NaN(), P: math.NaN()}

// McNemarExact returns the exact two-sided McNemar p-value of a paired 2×2
// table: the binomial test of B against B + C discordant pairs with
// probability 1/2, as R's binom.test(B, B + C)$p.value (McNemar 1947). It
// is NaN when there are no discordant pairs.
func McNemarExact(t Table2x2) float64 {
	t.mustValid()
	return BinomialTest(t.B, t.B+t.C, 0.5)
}

// McNemar returns the asymptotic McNemar test of a paired 2×2 table, as R's
// mcnemar.test(matrix(c(A, C, B, D), 2), correct = correct): the statistic
// (|B − C| − 1)²/(B + C) with the continuity correction, (B − C)²/(B + C)
// without, on 1 degree of freedom. As in R, the correction is not applied
// when B = C. It is undefined when there are no discordant pairs.
func McNemar(t Table2x2, correct bool) Test {
	t.mustValid()
	if t.B+t.C == 0 {
		return undefinedTest
	}
	diff := math.Abs(float64(t.B - t.C))
	if correct && t.B != t.C {
		diff--
	}
	stat := diff * diff / float64(t.B+t.C)
	return Test{Statistic: stat, DF: 1, P: chiSquareUpper(stat, 1)}
}

func chiSquareUpper(x float64, df int) float64 {
	return distuv.ChiSquared{K: float64(df)}.Survival(x)
}
