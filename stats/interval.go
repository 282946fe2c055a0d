package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Interval is a point estimate with a two-sided confidence interval.
// An undefined interval (no data) has all three fields NaN.
type Interval struct {
	Estimate float64
	Low      float64
	High     float64
}

// Defined reports whether the interval exists; callers print "." when it
// does not.
func (iv Interval) Defined() bool {
	return !math.IsNaN(iv.Estimate) && !math.IsNaN(iv.Low) && !math.IsNaN(iv.High)
}

// Undefined is the interval of a statistic that does not exist for the data.
var Undefined = Interval{Estimate: math.NaN(), Low: math.NaN(), High: math.NaN()}

// CheckLevel returns an error unless level is a confidence level strictly
// between 0 and 1 (0.95 for a 95% interval). Commands call it on
// user-supplied levels; the functions of this package panic on a bad level.
func CheckLevel(level float64) error {
	if !(level > 0 && level < 1) {
		return fmt.Errorf("stats: confidence level %v is not between 0 and 1 (use 0.95 for 95%%)", level)
	}
	return nil
}

func mustLevel(level float64) {
	if err := CheckLevel(level); err != nil {
		panic(err.Error())
	}
}

func mustCount(x, n int) {
	if n < 0 || x < 0 || x > n {
		panic(fmt.Sprintf("stats: count %d out of %d is impossible", x, n))
	}
}

// zQuantile is the two-sided standard normal critical value for level,
// qnorm((1+level)/2) in R.
func zQuantile(level float64) float64 {
	return distuv.UnitNormal.Quantile((1 + level) / 2)
}

// Wilson returns the Wilson score interval for x successes out of n,
// without continuity correction (Wilson 1927). It equals R's
// prop.test(x, n, correct = FALSE)$conf.int, including its exact bounds:
// the lower limit is 0 when x = 0 and the upper limit 1 when x = n. It is
// Undefined when n = 0.
func Wilson(x, n int, level float64) Interval {
	mustCount(x, n)
	mustLevel(level)
	if n == 0 {
		return Undefined
	}
	z := zQuantile(level)
	nf := float64(n)
	p := float64(x) / nf
	// The arrangement follows prop.test so that results agree to the last
	// digits: z22n = z²/(2n), centre p + z22n, half-width
	// z·sqrt(p(1−p)/n + z22n/(2n)), all over 1 + 2·z22n.
	z22n := z * z / (2 * nf)
	half := z * math.Sqrt(p*(1-p)/nf+z22n/(2*nf))
	den := 1 + 2*z22n
	iv := Interval{Estimate: p, Low: 0, High: 1}
	if x > 0 {
		iv.Low = (p + z22n - half) / den
	}
	if x < n {
		iv.High = (p + z22n + half) / den
	}
	return iv
}

// ClopperPearson returns the exact (Clopper–Pearson 1934) interval for x
// successes out of n: the α/2 quantile of Beta(x, n−x+1) and the 1−α/2
// quantile of Beta(x+1, n−x), with α = 1 − level. It equals R's
// binom.test(x, n, conf.level = level)$conf.int, with the exact bounds 0
// when x = 0 and 1 when x = n. It is Undefined when n = 0.
func ClopperPearson(x, n int, level float64) Interval {
	mustCount(x, n)
	mustLevel(level)
	if n == 0 {
		return Undefined
	}
	alpha := (1 - level) / 2
	iv := Interval{Estimate: float64(x) / float64(n), Low: 0, High: 1}
	if x > 0 {
		iv.Low = distuv.Beta{Alpha: float64(x), Beta: float64(n - x + 1)}.Quantile(alpha)
	}
	if x < n {
		iv.High = distuv.Beta{Alpha: float64(x + 1), Beta: float64(n - x)}.Quantile(1 - alpha)
	}
	return iv
}

// NewcombeDiff returns the interval for the difference p1 − p2 of two
// independent proportions x1/n1 and x2/n2 by Newcombe's (1998a) method 10,
// the square-and-add of the two Wilson score intervals:
//
//	low  = p1 − p2 − sqrt((p1 − l1)² + (u2 − p2)²)
//	high = p1 − p2 + sqrt((u1 − p1)² + (p2 − l2)²)
//
// It equals epiR::epi.conf(cbind(x1, n1−x1, x2, n2−x2), ctype =
// "prop.unpaired") in R. It is Undefined when n1 or n2 is 0.
func NewcombeDiff(x1, n1, x2, n2 int, level float64) Interval {
	mustCount(x1, n1)
	mustCount(x2, n2)
	mustLevel(level)
	if n1 == 0 || n2 == 0 {
		return Undefined
	}
	w1, w2 := Wilson(x1, n1, level), Wilson(x2, n2, level)
	p1, p2 := w1.Estimate, w2.Estimate
	return Interval{
		Estimate: p1 - p2,
		Low:      p1 - p2 - math.Sqrt(sq(p1-w1.Low)+sq(w2.High-p2)),
		High:     p1 - p2 + math.Sqrt(sq(w1.High-p1)+sq(p2-w2.Low)),
	}
}

// NewcombePaired returns the interval for the difference p1 − p2 of two
// proportions measured on the same subjects (Newcombe 1998b, method 10),
// for example detection in tissue (first) and in plasma (second) in the
// same patients. The table counts pairs: A positive on both, B positive on
// the first only, C positive on the second only, D negative on both; so
// p1 = (A+B)/n, p2 = (A+C)/n and the estimate is (B−C)/n.
//
// The Wilson intervals (l1, u1) and (l2, u2) of the two margins are
// combined with the correlation φ of the paired table, whose numerator
// AD − BC is replaced by AD − BC − n/2 when AD − BC > n/2 and by 0 when
// 0 ≤ AD − BC ≤ n/2 (Newcombe's correction); φ = 0 when a margin is empty:
//
//	low  = D − sqrt((p1−l1)² − 2φ(p1−l1)(u2−p2) + (u2−p2)²)
//	high = D + sqrt((p2−l2)² − 2φ(p2−l2)(u1−p1) + (u1−p1)²)
//
// It equals epiR::epi.conf(cbind(A, B, C, D), ctype = "prop.paired") and
// contingencytables::Newcombe_square_and_add_CI_paired_2x2 in R. It is
// Undefined when the table is empty.
func NewcombePaired(t Table2x2, level float64) Interval {
	t.mustValid()
	mustLevel(level)
	n := t.N()
	if n == 0 {
		return Undefined
	}
	w1 := Wilson(t.A+t.B, n, level)
	w2 := Wilson(t.A+t.C, n, level)
	p1, p2 := w1.Estimate, w2.Estimate
	a, b, c, d, nf := float64(t.A), float64(t.B), float64(t.C), float64(t.D), float64(n)
	phi := 0.0
	if t.A+t.B > 0 && t.C+t.D > 0 && t.A+t.C > 0 && t.B+t.D > 0 {
		num := a*d - b*c
		switch {
		case num > nf/2:
			num -= nf / 2
		case num >= 0:
			num = 0
		}
		phi = num / math.Sqrt((a+b)*(c+d)*(a+c)*(b+d))
	}
	dl1, du1 := p1-w1.Low, w1.High-p1
	dl2, du2 := p2-w2.Low, w2.High-p2
	est := (b - c) / nf
	return Interval{
		Estimate: est,
		Low:      est - math.Sqrt(math.Max(0, dl1*dl1-2*phi*dl1*du2+du2*du2)),
		High:     est + math.Sqrt(math.Max(0, dl2*dl2-2*phi*dl2*du1+du1*du1)),
	}
}

func sq(x float64) float64 { return x * x }
