package explain

import (
	"math"

	"github.com/concord-oncology/concord/stats"
)

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
	// P(X ≥ k) = P(X > k − 1)
	return stats.BinomialUpper(MinAltReads(depth, minAlt, minVAF)-1, depth, math.Min(math.Max(vaf, 0), 1))
}
