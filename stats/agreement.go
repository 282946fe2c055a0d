package stats

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// Correlation is a rank correlation with its test of no association.
type Correlation struct {
	N   int     // complete pairs used
	Rho float64 // Spearman's ρ; NaN when undefined
	S   float64 // R's statistic S = (n³ − n)(1 − ρ)/6
	P   float64 // two-sided p-value; NaN when undefined
}

// Defined reports whether ρ exists.
func (c Correlation) Defined() bool { return !math.IsNaN(c.Rho) }

// Spearman returns Spearman's (1904) rank correlation of x and y — the
// Pearson correlation of their ranks, ties given their average rank — and
// the two-sided p-value of R's cor.test(x, y, method = "spearman",
// exact = FALSE): ρ·sqrt((n − 2)/(1 − ρ²)) referred to Student's t on
// n − 2 degrees of freedom.
//
// Pairs with a NaN in either vector are left out (R's complete cases).
// ρ is undefined with fewer than 3 pairs or when either vector is constant;
// the p-value is 0 when |ρ| = 1.
func Spearman(x, y []float64) Correlation {
	if len(x) != len(y) {
		panic(fmt.Sprintf("stats: Spearman of %d and %d values", len(x), len(y)))
	}
	var cx, cy []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			cx = append(cx, x[i])
			cy = append(cy, y[i])
		}
	}
	n := len(cx)
	res := Correlation{N: n, Rho: math.NaN(), S: math.NaN(), P: math.NaN()}
	if n < 3 {
		return res
	}
	rx, ry := ranks(cx), ranks(cy)
	mean := float64(n+1) / 2
	var sxy, sxx, syy float64
	for i := range rx {
		dx, dy := rx[i]-mean, ry[i]-mean
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return res
	}
	rho := sxy / math.Sqrt(sxx*syy)
	rho = math.Max(-1, math.Min(1, rho))
	nf := float64(n)
	res.Rho = rho
	res.S = (nf*nf*nf - nf) * (1 - rho) / 6
	if math.Abs(rho) == 1 {
		res.P = 0
		return res
	}
	t := rho / math.Sqrt((1-rho*rho)/(nf-2))
	res.P = math.Min(1, 2*distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nf - 2}.Survival(math.Abs(t)))
	return res
}

// ranks returns 1-based ranks with ties averaged (R's rank, ties.method =
// "average").
func ranks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	r := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}

// LinCCC returns Lin's (1989) concordance correlation coefficient of x and
// y, ρc = 2·s_xy / (s_x² + s_y² + (x̄ − ȳ)²) with variances and covariance
// over n (agreement with the line of equality: 1 only when every pair is
// equal), and its interval from Lin's asymptotic standard error on the
// Fisher z scale (Lin 1989, "A concordance correlation coefficient to
// evaluate reproducibility", Biometrics 45:255–268; corrected in
// Biometrics 56:324–325, 2000). It equals R's epiR::epi.ccc(x, y, ci =
// "z-transform", conf.level = level)$rho.c.
//
// Pairs with a NaN in either vector are left out. Undefined with fewer
// than 3 pairs or when neither vector varies; the interval is undefined
// when |ρc| = 1 (its z transform is infinite) or either vector is
// constant (Pearson's r, in the standard error's denominator, is then
// undefined).
func LinCCC(x, y []float64, level float64) Interval {
	if len(x) != len(y) {
		panic(fmt.Sprintf("stats: LinCCC of %d and %d values", len(x), len(y)))
	}
	mustLevel(level)
	var cx, cy []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			cx = append(cx, x[i])
			cy = append(cy, y[i])
		}
	}
	k := float64(len(cx))
	if len(cx) < 3 {
		return Undefined
	}
	var xb, yb float64
	for i := range cx {
		xb += cx[i]
		yb += cy[i]
	}
	xb /= k
	yb /= k
	var sxx, syy, sxy float64
	for i := range cx {
		dx, dy := cx[i]-xb, cy[i]-yb
		sxx += dx * dx
		syy += dy * dy
		sxy += dx * dy
	}
	sxx, syy, sxy = sxx/k, syy/k, sxy/k
	den := sxx + syy + (yb-xb)*(yb-xb)
	if den == 0 {
		return Undefined
	}
	p := 2 * sxy / den
	res := Interval{Estimate: p, Low: math.NaN(), High: math.NaN()}
	if sxx == 0 || syy == 0 || math.Abs(p) >= 1 {
		return res
	}
	// epi.ccc's terms: r is Pearson's correlation, u the location shift
	// scaled by sqrt(s_x s_y)
	r := sxy / math.Sqrt(sxx*syy)
	u := (yb - xb) / math.Pow(sxx*syy, 0.25)
	se := math.Sqrt(((1-r*r)*p*p*(1-p*p)/(r*r) + 2*p*p*p*(1-p)*u*u/r - 0.5*p*p*p*p*u*u*u*u/(r*r)) / (k - 2))
	z := zQuantile(level)
	t := math.Atanh(p)
	st := se / (1 - p*p)
	res.Low, res.High = math.Tanh(t-z*st), math.Tanh(t+z*st)
	return res
}

// Agreement is a Bland–Altman analysis of two measurements of the same
// quantity on the same subjects.
type Agreement struct {
	N int
	// Bias is the mean difference x − y with its t-based confidence
	// interval (R's t.test(x − y)$conf.int).
	Bias Interval
	SD   float64 // standard deviation of the differences (n − 1 denominator)
	// Lower and Upper are the limits of agreement Bias ∓ z·SD with
	// z = qnorm((1+level)/2): 1.959964 for 95%, where Bland and Altman
	// rounded to 1.96.
	Lower, Upper float64
}

// Defined reports whether the limits of agreement exist.
func (a Agreement) Defined() bool { return !math.IsNaN(a.SD) }

// BlandAltman returns the mean difference x − y, its interval, the standard
// deviation of the differences and the limits of agreement at level (Bland
// and Altman 1986). Pairs with a NaN in either vector are left out.
// Everything is undefined with fewer than 2 pairs.
func BlandAltman(x, y []float64, level float64) Agreement {
	if len(x) != len(y) {
		panic(fmt.Sprintf("stats: Bland–Altman of %d and %d values", len(x), len(y)))
	}
	mustLevel(level)
	var d []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			d = append(d, x[i]-y[i])
		}
	}
	n := len(d)
	nan := math.NaN()
	res := Agreement{N: n, Bias: Undefined, SD: nan, Lower: nan, Upper: nan}
	if n < 2 {
		return res
	}
	mean := 0.0
	for _, v := range d {
		mean += v
	}
	mean /= float64(n)
	ss := 0.0
	for _, v := range d {
		ss += sq(v - mean)
	}
	sd := math.Sqrt(ss / float64(n-1))
	tq := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile((1 + level) / 2)
	se := sd / math.Sqrt(float64(n))
	z := zQuantile(level)
	res.SD = sd
	res.Bias = Interval{Estimate: mean, Low: mean - tq*se, High: mean + tq*se}
	res.Lower, res.Upper = mean-z*sd, mean+z*sd
	return res
}
