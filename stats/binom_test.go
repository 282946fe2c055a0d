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

// BinomialLower and BinomialCentral against R 4.x (options(digits = 17)):
// pbinom(x, n, p) and
// min(1, 2*min(pbinom(x, n, p), pbinom(x - 1, n, p, lower.tail = FALSE))).
func TestBinomialLowerAndCentralMatchR(t *testing.T) {
	for _, tc := range []struct {
		x, n           int
		p              float64
		lower, central float64
	}{
		{1040, 2000, 0.5, 0.9649595341759587, 0.077286890562668312},
		{800, 2000, 0.5, 1.752503103467838e-19, 3.505006206935676e-19},
		{0, 1000, 0.005, 0.0066539685788319994, 0.013307937157663999},
		{10, 1000, 0.005, 0.9865309906710682, 0.062930477022583406},
		{1520, 2000, 0.7, 0.99999999903793468, 2.6320735925750394e-09},
		{300, 500, 0.6, 0.51698824245878616, 1},
		{3, 2000, 0.001, 0.85721376679332384, 0.64664712247695855},
		{2000, 2000, 0.99, 1, 3.7275132059844613e-09},
		{7, 10, 0.3, 0.99840961360000002, 0.021184156799999992},
	} {
		if got := BinomialLower(tc.x, tc.n, tc.p); !(math.Abs(got-tc.lower) <= 1e-9*tc.lower) {
			t.Errorf("BinomialLower(%d, %d, %v) = %.17g, want %.17g", tc.x, tc.n, tc.p, got, tc.lower)
		}
		if got := BinomialCentral(tc.x, tc.n, tc.p); !(math.Abs(got-tc.central) <= 1e-9*tc.central) {
			t.Errorf("BinomialCentral(%d, %d, %v) = %.17g, want %.17g", tc.x, tc.n, tc.p, got, tc.central)
		}
	}
	// pbinom's edges: below 0 and from n on.
	if BinomialLower(-1, 10, 0.3) != 0 || BinomialLower(10, 10, 0.3) != 1 || !math.IsNaN(BinomialCentral(0, 0, 0.5)) {
		t.Error("BinomialLower/BinomialCentral edges")
	}
}
