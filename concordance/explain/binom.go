package explain

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// UpperTail is P(X ≥ k) for X ~ Binomial(n, p): R's
// pbinom(k - 1, n, p, lower.tail = FALSE). It uses the identity
// P(X ≥ k) = I_p(k, n − k + 1) (the regularised incomplete beta
// function), exact at every n without summing terms.
func UpperTail(k, n int, p float64) float64 {
	switch {
	case k <= 0:
		return 1
	case k > n || n <= 0 || !(p > 0):
		return 0
	case p >= 1:
		return 1
	}
	return mathext.RegIncBeta(float64(k), float64(n-k+1), p)
}

// MinAltReads is the least number of alt reads a caller with thresholds
// minAlt (reads) and minVAF (fraction) reports at a site of the given
// depth: max(minAlt, ⌈minVAF·depth⌉).
func MinAltReads(depth, minAlt int, minVAF float64) int {
	// The tolerance keeps 0.002 × 2500 = 5 from rounding up to 6.
	k := int(math.Ceil(minVAF*float64(depth) - 1e-9))
	return max(minAlt, k, 1)
}

// DetectionPower is the probability that a caller with thresholds minAlt
// and minVAF reports a variant of true allele fraction vaf at a site of
// the given depth, alt reads drawn Binomial(depth, vaf) (the power model
// of manasvitavashisth/PowerAnalysis: P(≥ x alt reads) =
// 1 − pbinom(x − 1, N, p); METHODS.md §2.3). It is Missing when vaf is
// unknown or depth is not positive.
func DetectionPower(depth int, vaf float64, minAlt int, minVAF float64) float64 {
	if math.IsNaN(vaf) || depth <= 0 {
		return math.NaN()
	}
	return UpperTail(MinAltReads(depth, minAlt, minVAF), depth, math.Min(math.Max(vaf, 0), 1))
}
