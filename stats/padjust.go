package stats

import (
	"fmt"
	"math"
	"sort"
)

// AdjustBH returns the Benjamini–Hochberg (1995) adjusted p-values
// (q-values) of p, in the same order, reproducing R's p.adjust(p, "BH"):
// q_(i) = min_{j ≥ i} min(1, m/j · p_(j)) over the p-values sorted
// increasingly.
//
// Undefined p-values (NaN) stay NaN and are left out of m, the number of
// tests, exactly as p.adjust treats NA. A p-value outside [0, 1] panics.
func AdjustBH(p []float64) []float64 {
	q := make([]float64, len(p))
	idx := make([]int, 0, len(p))
	for i, v := range p {
		switch {
		case math.IsNaN(v):
			q[i] = math.NaN()
		case v < 0 || v > 1:
			panic(fmt.Sprintf("stats: p-value %v is not in [0, 1]", v))
		default:
			idx = append(idx, i)
		}
	}
	m := len(idx)
	// Largest p first, as p.adjust does; ties share one adjusted value
	// whatever their order.
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	running := 1.0
	for r, i := range idx {
		rank := m - r // 1-based rank in increasing order
		running = math.Min(running, float64(m)/float64(rank)*p[i])
		q[i] = running
	}
	return q
}
