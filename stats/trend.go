package stats

import (
	"fmt"
	"math"
)

// TrendResult is the Cochran–Armitage test for trend in proportions.
type TrendResult struct {
	Test
	// Z is the signed square root of the statistic: positive when the
	// proportion rises with the score.
	Z float64
}

// CochranArmitage returns the chi-square test for a linear trend in the
// proportions x[i]/n[i] across ordered groups with the given scores
// (Cochran 1954, Armitage 1955), reproducing R's
// prop.trend.test(x, n, score): the regression sum of squares of x/n on
// the score, weighted by n/(p(1−p)) with p the pooled proportion, on 1
// degree of freedom. A nil score uses 1, 2, …, k as R does.
//
// Groups with n = 0 carry no weight. The test is undefined when all
// observations are successes or all failures, when fewer than two groups
// have observations, or when those groups share one score.
func CochranArmitage(x, n []int, score []float64) TrendResult {
	k := len(x)
	if len(n) != k || (score != nil && len(score) != k) {
		panic(fmt.Sprintf("stats: trend test with %d counts, %d totals and %d scores", k, len(n), len(score)))
	}
	undefined := TrendResult{Test: undefinedTest, Z: math.NaN()}
	var sx, sn float64
	for i := range x {
		mustCount(x[i], n[i])
		sx += float64(x[i])
		sn += float64(n[i])
	}
	if sn == 0 || sx == 0 || sx == sn {
		return undefined
	}
	p := sx / sn
	sc := func(i int) float64 {
		if score == nil {
			return float64(i + 1)
		}
		return score[i]
	}
	// Weighted least squares of f = x/n on the score with weights
	// w = n/(p(1−p)); the weighted mean of f is p.
	var sw, sws float64
	for i := range n {
		w := float64(n[i])
		sw += w
		sws += w * sc(i)
	}
	mean := sws / sw
	var sxy, sxx float64
	for i := range n {
		if n[i] == 0 {
			continue
		}
		w := float64(n[i]) / (p * (1 - p))
		ds := sc(i) - mean
		sxy += w * ds * (float64(x[i])/float64(n[i]) - p)
		sxx += w * ds * ds
	}
	if !(sxx > 0) {
		return undefined
	}
	stat := sxy * sxy / sxx
	z := math.Sqrt(stat)
	if sxy < 0 {
		z = -z
	}
	return TrendResult{Test: Test{Statistic: stat, DF: 1, P: chiSquareUpper(stat, 1)}, Z: z}
}
