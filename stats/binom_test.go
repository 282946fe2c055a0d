package stats

import (
	"math"
	"testing"
)

// BinomialUpper against R 4.x: pbinom(q, n, p, lower.tail = FALSE), printed
// with sprintf("%.17g"). (These were explain.UpperTail's cases, which took
// k = q + 1: P(X ≥ k). Both conventions agreed with R; the one kept is R's,
// P(X > q), so that a tail is always read as pbinom's.)
func TestBinomialUpperMatchesR(t *testing.T) {
	for _, tc := range []struct {
		q, n int
		p    float64
		want float64
	}{
		{4, 1500, 0.004, 0.71547998359879117},    // pbinom(4, 1500, 0.004, lower.tail=FALSE)
		{4, 10, 0.5, 0.62304687499999989},        // pbinom(4, 10, 0.5, lower.tail=FALSE)
		{9999, 100000, 0.1, 0.50154191290067907}, // pbinom(9999, 100000, 0.1, lower.tail=FALSE)
		{5, 2500, 0.002, 0.38403928656061548},    // pbinom(5, 2500, 0.002, lower.tail=FALSE)
		{0, 3, 0.2, 0.48799999999999977},         // pbinom(0, 3, 0.2, lower.tail=FALSE)
		{29, 100, 0.2, 0.011248978720991658},     // pbinom(29, 100, 0.2, lower.tail=FALSE)
		{2, 1000, 1e-4, 0.00015422348474725456},  // pbinom(2, 1000, 1e-4, lower.tail=FALSE)
		{-1, 10, 0.3, 1},                         // P(X > -1) = 1
		{10, 10, 0.3, 0},                         // P(X > n) = 0
		{0, 10, 0, 0},                            // p = 0
		{9, 10, 1, 1},                            // p = 1
	} {
		if got := BinomialUpper(tc.q, tc.n, tc.p); math.Abs(got-tc.want) > 1e-9*math.Max(1, tc.want) {
			t.Errorf("BinomialUpper(%d, %d, %v) = %.17g, want %.17g", tc.q, tc.n, tc.p, got, tc.want)
		}
	}
}

// BinomialTest against p = 1/2 takes one incomplete beta (the distribution
// is symmetric); it agrees with R's binom.test(x, n, 0.5)$p.value and with
// the scan of R's algorithm over a grid.
func TestBinomialTestHalf(t *testing.T) {
	for _, tc := range []struct {
		x, n int
		want float64
	}{
		{250, 500, 1},                      // binom.test(250, 500, 0.5)
		{1010, 2000, 0.6709544855556544},   // binom.test(1010, 2000, 0.5)
		{200, 500, 8.9400665422532774e-06}, // binom.test(200, 500, 0.5)
		{230, 500, 0.081032349609213433},   // binom.test(230, 500, 0.5)
	} {
		if got := BinomialTest(tc.x, tc.n, 0.5); !agree(got, tc.want) {
			t.Errorf("BinomialTest(%d, %d, 0.5) = %.17g, want %.17g", tc.x, tc.n, got, tc.want)
		}
	}
	for _, n := range []int{1, 2, 7, 50, 51, 300, 1001} {
		for x := 0; x <= n; x += max(1, n/37) {
			if got, want := BinomialTest(x, n, 0.5), math.Min(1, binomialScan(x, n, 0.5)); math.Abs(got-want) > 1e-9 {
				t.Errorf("BinomialTest(%d, %d, 0.5) = %v, the scan %v", x, n, got, want)
			}
		}
	}
}
