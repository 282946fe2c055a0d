package stats

import (
	"math"
	"testing"
)

var (
	nan = math.NaN()
	inf = math.Inf(1)
)

// refTol is the agreement required with R's numbers: 1e-6 relative.
const refTol = 1e-6

// agree reports whether got matches R's want: NaN with NaN, infinities
// exactly, values R prints within 1e-14 of zero (its rounding noise, such
// as prop.trend.test's 1.2e-30 for a flat trend) as zero, and otherwise
// to refTol relative, so that tiny p-values are checked digit for digit
// too.
func agree(got, want float64) bool {
	switch {
	case math.IsNaN(want):
		return math.IsNaN(got)
	case math.IsInf(want, 0):
		return got == want
	case math.Abs(want) < 1e-14:
		return math.Abs(got) < 1e-14
	}
	return math.Abs(got-want) <= refTol*math.Abs(want)
}

// relErr returns the relative error of got, for logging how close the
// agreement is.
func relError(got, want float64) float64 {
	if math.IsNaN(want) || math.IsInf(want, 0) || math.Abs(want) < 1e-14 {
		return 0
	}
	return math.Abs(got-want) / math.Abs(want)
}

// checker compares named values and remembers the worst relative error.
type checker struct {
	t     *testing.T
	worst float64
}

func (c *checker) eq(name string, got, want float64) {
	c.t.Helper()
	if !agree(got, want) {
		c.t.Errorf("%s = %.17g, R gives %.17g (relative error %.2g)", name, got, want, relError(got, want))
	}
	c.worst = math.Max(c.worst, relError(got, want))
}

func (c *checker) interval(name string, got Interval, est, low, high float64) {
	c.t.Helper()
	c.eq(name+" estimate", got.Estimate, est)
	c.eq(name+" low", got.Low, low)
	c.eq(name+" high", got.High, high)
}
