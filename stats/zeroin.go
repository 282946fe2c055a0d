package stats

import "math"

// uniroot finds a zero of f in [lower, upper] the way R's
// uniroot(f, c(lower, upper)) does with its defaults (tolerance
// .Machine$double.eps^0.25, at most 1000 iterations), so that quantities R
// defines through uniroot (the conditional odds ratio of fisher.test and its
// confidence limits) agree with R's printed values, not merely with the
// exact root: R's default tolerance leaves an error of order 1e-4 that a
// tighter solver would "correct" away from R.
//
// The algorithm is Brent's (1973, "Algorithms for Minimization without
// Derivatives", ch. 4) zero finder, the netlib zeroin that R's C_zeroin2
// implements: inverse quadratic or linear interpolation when it stays well
// inside the bracket, bisection otherwise. It returns NaN when f does not
// change sign on the interval (R stops with an error there).
func uniroot(f func(float64) float64, lower, upper float64) float64 {
	const tol = 0.0001220703125 // .Machine$double.eps^0.25 = 2^-13
	const maxit = 1000
	// R's uniroot truncates infinite end values to ±.Machine$double.xmax
	// and its C wrapper does the same for every later evaluation.
	g := func(x float64) float64 {
		v := f(x)
		switch {
		case math.IsNaN(v), math.IsInf(v, 1):
			return math.MaxFloat64
		case math.IsInf(v, -1):
			return -math.MaxFloat64
		}
		return v
	}
	fa, fb := g(lower), g(upper)
	if fa*fb > 0 {
		return math.NaN()
	}
	return zeroin(g, lower, upper, fa, fb, tol, maxit)
}

// zeroin is Brent's method on [ax, bx] with f(ax) = fa, f(bx) = fb of
// opposite signs. Explicit float64 conversions keep the compiler from
// fusing multiply-adds, so the iterates follow the reference arithmetic.
func zeroin(f func(float64) float64, ax, bx, fa, fb, tol float64, maxit int) float64 {
	const eps = 2.220446049250313e-16 // DBL_EPSILON
	a, b := ax, bx
	c, fc := a, fa
	if fa == 0 {
		return a
	}
	if fb == 0 {
		return b
	}
	for it := 0; it <= maxit; it++ {
		prevStep := b - a
		// Keep b the best approximation, c the other end of the bracket.
		if math.Abs(fc) < math.Abs(fb) {
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		tolAct := float64(2*eps*math.Abs(b)) + tol/2
		newStep := (c - b) / 2
		if math.Abs(newStep) <= tolAct || fb == 0 {
			return b
		}
		// Interpolate if the previous step was large enough and went the
		// right way.
		if math.Abs(prevStep) >= tolAct && math.Abs(fa) > math.Abs(fb) {
			var p, q float64
			cb := c - b
			if a == c {
				// Two distinct points: secant step.
				t1 := fb / fa
				p = cb * t1
				q = 1 - t1
			} else {
				// Inverse quadratic interpolation.
				q = fa / fc
				t1 := fb / fc
				t2 := fb / fa
				p = t2 * (float64(float64(cb*q)*(q-t1)) - float64((b-a)*(t1-1)))
				q = (q - 1) * (t1 - 1) * (t2 - 1)
			}
			if p > 0 {
				q = -q
			} else {
				p = -p
			}
			if p < float64(float64(0.75*cb)*q)-math.Abs(tolAct*q)/2 && p < math.Abs(prevStep*q/2) {
				newStep = p / q
			}
		}
		if math.Abs(newStep) < tolAct {
			if newStep > 0 {
				newStep = tolAct
			} else {
				newStep = -tolAct
			}
		}
		a, fa = b, fb
		b += newStep
		fb = f(b)
		if (fb > 0 && fc > 0) || (fb < 0 && fc < 0) {
			c, fc = a, fa
		}
	}
	return b
}
