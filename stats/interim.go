// Package stats provides the statistics concord reports.
//
// This file is an interim Wilson interval for the core outputs; the full
// package (issue 4) replaces it.
package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Interval is a confidence interval.
type Interval struct{ Low, High float64 }

// Wilson is the Wilson score interval for x successes in n trials without
// continuity correction (Wilson 1927; R prop.test(x, n, correct = FALSE)).
// For n = 0 both bounds are NaN.
func Wilson(x, n int, conf float64) Interval {
	if n <= 0 {
		return Interval{math.NaN(), math.NaN()}
	}
	z := distuv.UnitNormal.Quantile(1 - (1-conf)/2)
	p := float64(x) / float64(n)
	nn := float64(n)
	d := 1 + z*z/nn
	c := (p + z*z/(2*nn)) / d
	h := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / d
	return Interval{math.Max(0, c-h), math.Min(1, c+h)}
}
