package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Errors of FitLogit, compared with errors.Is.
var (
	// ErrSeparation: the outcome is perfectly (or quasi-perfectly)
	// predicted by a combination of the columns, for example a level in
	// which every alteration was detected, or an outcome that never (or
	// always) occurs. The maximum-likelihood estimates do not exist.
	ErrSeparation = errors.New("stats: logistic regression: outcome separated by the design (estimates do not exist)")
	// ErrNotConverged: Newton's method did not converge.
	ErrNotConverged = errors.New("stats: logistic regression did not converge")
	// ErrSingular: the design is rank deficient (see SingularError).
	ErrSingular = errors.New("stats: logistic regression: design matrix is rank deficient")
	// ErrDesign: the inputs are inconsistent (lengths, non-finite values).
	ErrDesign = errors.New("stats: logistic regression: bad design")
)

// SingularError names the first design column that is (numerically) a
// linear combination of the columns before it, such as the dummy column of
// a factor level with no observations, or two collinear covariates.
type SingularError struct {
	Column int
}

func (e *SingularError) Error() string {
	return fmt.Sprintf("%v: column %d is a linear combination of the columns before it", ErrSingular, e.Column)
}

func (e *SingularError) Unwrap() error { return ErrSingular }

// LogitFit is a fitted logistic regression.
type LogitFit struct {
	// Coef are the coefficients (log odds ratios), in design column order.
	Coef []float64
	// Cov is the model-based covariance (X'WX)⁻¹ (R's vcov(glm)).
	Cov *mat.SymDense
	// RobustCov is the cluster-robust (sandwich) covariance of
	// sandwich::vcovCL(fit, cluster = ~id) with its defaults, which for a
	// glm are type "HC0" (sandwich chooses "HC1" only for models of class
	// "lm") and the cluster adjustment cadjust = TRUE:
	//
	//	G/(G−1) · B (Σ_g u_g u_gᵀ) B,
	//
	// with B = (X'WX)⁻¹, u_g = Σ_{i in cluster g} x_i (y_i − μ_i) and G
	// the number of clusters. geepack's geeglm(corstr = "independence")
	// omits G/(G−1): its robust SEs are sqrt((G−1)/G) times these
	// (checked in testdata/reference.out). Nil when no clusters were given
	// or there are fewer than two.
	RobustCov *mat.SymDense
	// Deviance is −2 log-likelihood; NullDeviance that of the model with
	// an intercept only.
	Deviance, NullDeviance  float64
	N, Clusters, Iterations int
}

// Coefficient is one term of a fitted model with its Wald inference.
type Coefficient struct {
	Estimate float64 // log odds ratio
	SE       float64
	Z        float64 // Estimate/SE
	P        float64 // two-sided Wald p-value, 2·Φ(−|Z|)
	// Low and High are the Wald limits Estimate ∓ z·SE on the log-odds
	// scale (R's confint.default).
	Low, High float64
}

// Defined reports whether the inference exists (the robust one does not
// with fewer than two clusters).
func (c Coefficient) Defined() bool { return !math.IsNaN(c.SE) }

// OddsRatio returns exp of the estimate and of its limits.
func (c Coefficient) OddsRatio() Interval {
	return Interval{Estimate: math.Exp(c.Estimate), Low: math.Exp(c.Low), High: math.Exp(c.High)}
}

// Coefficients returns the Wald inference of every coefficient at level,
// from the cluster-robust covariance when robust is true (all NaN when it
// does not exist) and from the model-based one otherwise.
func (f *LogitFit) Coefficients(robust bool, level float64) []Coefficient {
	mustLevel(level)
	cov := f.Cov
	if robust {
		cov = f.RobustCov
	}
	z := zQuantile(level)
	out := make([]Coefficient, len(f.Coef))
	for j, b := range f.Coef {
		se := math.NaN()
		if cov != nil {
			se = math.Sqrt(cov.At(j, j))
		}
		c := Coefficient{Estimate: b, SE: se, Z: b / se, Low: b - z*se, High: b + z*se}
		c.P = 2 * distuv.UnitNormal.CDF(-math.Abs(c.Z))
		out[j] = c
	}
	return out
}

// Newton's method stops when every step is below stepTol relative to the
// coefficient, far tighter than glm's deviance criterion (1e-8), so that
// the estimates are the maximum-likelihood ones to about 1e-10 whatever
// the starting point. Separated data never meet it: the diverging
// coefficients keep moving by about 1 per iteration.
const (
	logitMaxIter = 50
	stepTol      = 1e-10
	// separatedEta: a fitted log-odds beyond ±30 is a probability within
	// 1e-13 of 0 or 1, what separation drives some observations to.
	separatedEta = 30
)

// FitLogit fits the logistic regression of y on the columns of x by
// Newton–Raphson (iteratively reweighted least squares; McCullagh and
// Nelder 1989), as R's glm(y ~ X − 1, family = binomial). Rows of x are
// observations; include the intercept as a column of ones (Design does).
// cluster gives each row's cluster (patient) for the robust covariance;
// pass nil for none.
//
// It returns ErrDesign for inconsistent inputs, a *SingularError (which
// is ErrSingular) for a rank-deficient design, ErrSeparation when the
// outcome is separated and ErrNotConverged when the iterations fail
// otherwise. It never returns a fit with NaN coefficients.
func FitLogit(x *mat.Dense, y []bool, cluster []int) (*LogitFit, error) {
	if x == nil || x.IsEmpty() {
		return nil, fmt.Errorf("%w: empty design matrix", ErrDesign)
	}
	n, k := x.Dims()
	if err := checkLogit(n, k, y, cluster); err != nil {
		return nil, err
	}
	// The fit reads the rows in row-major order: a dense matrix's own data
	// when it has no gaps between rows (it is only read), else a copy. A
	// model of a 100,000-patient cohort has hundreds of thousands of rows.
	rows := x.RawMatrix().Data
	if st := x.RawMatrix().Stride; st != k {
		rows = make([]float64, n*k)
		for i := range n {
			copy(rows[i*k:(i+1)*k], x.RawRowView(i))
		}
	}
	rows = rows[:n*k]
	for i := range n {
		for j, v := range rows[i*k : (i+1)*k] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%w: row %d column %d is %v", ErrDesign, i, j, v)
			}
		}
	}
	column := func(j int, v []float64) {
		for i := range v {
			v[i] = rows[i*k+j]
		}
	}
	if j := firstDependentColumn(n, k, column); j >= 0 {
		return nil, &SingularError{Column: j}
	}
	return fitRows(rows, n, k, y, cluster)
}

// checkLogit refuses outcomes and clusters that do not fit n observations,
// and fewer observations than coefficients.
func checkLogit(n, k int, y []bool, cluster []int) error {
	if len(y) != n {
		return fmt.Errorf("%w: %d outcomes for %d rows", ErrDesign, len(y), n)
	}
	if cluster != nil && len(cluster) != n {
		return fmt.Errorf("%w: %d cluster ids for %d rows", ErrDesign, len(cluster), n)
	}
	if n <= k {
		return fmt.Errorf("%w: %d observations for %d coefficients", ErrDesign, n, k)
	}
	return nil
}

// fitRows is FitLogit on the n×k row-major matrix rows, checked.
func fitRows(rows []float64, n, k int, y []bool, cluster []int) (*LogitFit, error) {
	lf := &logitFitter{n: n, k: k, x: rows, y: y,
		eta: make([]float64, n), grad: make([]float64, k), hess: mat.NewSymDense(k, nil)}
	beta := make([]float64, k)
	trial := make([]float64, k)
	step := mat.NewVecDense(k, nil)
	dev := lf.deviance(beta)
	converged := false
	iter := 0
	for iter = 1; iter <= logitMaxIter; iter++ {
		lf.derivatives()
		var chol mat.Cholesky
		if !chol.Factorize(lf.hess) {
			break
		}
		if err := chol.SolveVecTo(step, mat.NewVecDense(k, lf.grad)); err != nil {
			break
		}
		// Step halving keeps the deviance from increasing (glm halves
		// only on non-finite deviance; a full Newton step can overshoot
		// from a poor start).
		var newDev float64
		for half := 0; ; half++ {
			for j := range beta {
				trial[j] = beta[j] + step.AtVec(j)
			}
			newDev = lf.deviance(trial)
			if newDev <= dev*(1+1e-12)+1e-12 || half == 30 {
				break
			}
			step.ScaleVec(0.5, step)
		}
		small := true
		for j := range beta {
			if math.Abs(trial[j]-beta[j]) > stepTol*(1+math.Abs(trial[j])) {
				small = false
			}
		}
		copy(beta, trial)
		dev = newDev
		if small {
			converged = true
			break
		}
	}
	lf.deviance(beta) // leave eta at beta
	extreme := false
	for _, e := range lf.eta {
		if math.Abs(e) > separatedEta {
			extreme = true
			break
		}
	}
	switch {
	case extreme:
		return nil, ErrSeparation
	case !converged:
		return nil, fmt.Errorf("%w after %d iterations", ErrNotConverged, logitMaxIter)
	}

	lf.derivatives()
	var chol mat.Cholesky
	if !chol.Factorize(lf.hess) {
		return nil, ErrSingular
	}
	cov := mat.NewSymDense(k, nil)
	if err := chol.InverseTo(cov); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSingular, err)
	}
	fit := &LogitFit{Coef: beta, Cov: cov, Deviance: dev, N: n, Iterations: iter}
	fit.NullDeviance = nullDeviance(y)
	if cluster != nil {
		fit.Clusters, fit.RobustCov = lf.robust(cov, cluster)
	}
	return fit, nil
}

type logitFitter struct {
	n, k int
	x    []float64 // row-major n×k
	y    []bool
	eta  []float64
	grad []float64
	hess *mat.SymDense
}

// deviance sets eta = Xβ and returns −2 log-likelihood, computed from the
// log-odds so that fitted probabilities near 0 or 1 keep their precision.
func (lf *logitFitter) deviance(beta []float64) float64 {
	dev := 0.0
	for i := range lf.n {
		e := 0.0
		for j, v := range lf.x[i*lf.k : (i+1)*lf.k] {
			e += v * beta[j]
		}
		lf.eta[i] = e
		if lf.y[i] {
			dev += softplus(-e) // −log μ
		} else {
			dev += softplus(e) // −log(1−μ)
		}
	}
	return 2 * dev
}

// derivatives fills grad = X'(y − μ) and hess = X'WX at the current eta.
func (lf *logitFitter) derivatives() {
	clear(lf.grad)
	h := make([]float64, lf.k*lf.k)
	for i := range lf.n {
		r, w := residualWeight(lf.eta[i], lf.y[i])
		row := lf.x[i*lf.k : (i+1)*lf.k]
		for a, xa := range row {
			lf.grad[a] += xa * r
			wa := w * xa
			ha := h[a*lf.k : a*lf.k+a+1]
			for b := range ha {
				ha[b] += wa * row[b]
			}
		}
	}
	for a := range lf.k {
		for b := 0; b <= a; b++ {
			lf.hess.SetSym(a, b, h[a*lf.k+b])
		}
	}
}

// residualWeight returns y − μ and μ(1 − μ) at log-odds eta without
// cancellation: both stay non-zero however extreme eta is, so separated
// data keep diverging instead of stopping at a spurious optimum.
func residualWeight(eta float64, y bool) (r, w float64) {
	e := math.Exp(-math.Abs(eta))
	small := e / (1 + e) // the smaller of μ and 1 − μ
	w = small / (1 + e)  // μ(1−μ) = small·(1 − small)
	mu := small
	if eta > 0 {
		mu = 1 / (1 + e)
	}
	switch {
	case y && eta > 0:
		r = small
	case y:
		r = 1 - mu
	case eta > 0:
		r = -mu
	default:
		r = -small
	}
	return r, w
}

func softplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}

func nullDeviance(y []bool) float64 {
	s := 0
	for _, v := range y {
		if v {
			s++
		}
	}
	n := len(y)
	if s == 0 || s == n {
		return 0
	}
	p := float64(s) / float64(n)
	return -2 * (float64(s)*math.Log(p) + float64(n-s)*math.Log1p(-p))
}

// robust returns the number of clusters and the vcovCL covariance.
func (lf *logitFitter) robust(bread *mat.SymDense, cluster []int) (int, *mat.SymDense) {
	idx := map[int]int{}
	for _, c := range cluster {
		if _, ok := idx[c]; !ok {
			idx[c] = len(idx)
		}
	}
	g := len(idx)
	if g < 2 {
		return g, nil
	}
	k := lf.k
	u := make([]float64, g*k)
	for i := range lf.n {
		r, _ := residualWeight(lf.eta[i], lf.y[i])
		ug := u[idx[cluster[i]]*k:]
		for j, v := range lf.x[i*k : (i+1)*k] {
			ug[j] += v * r
		}
	}
	meat := mat.NewSymDense(k, nil)
	meat.SymOuterK(1, mat.NewDense(g, k, u).T())
	adj := float64(g) / float64(g-1)
	var bm mat.Dense
	bm.Mul(bread, meat)
	var v mat.Dense
	v.Mul(&bm, bread)
	out := mat.NewSymDense(k, nil)
	for a := range k {
		for b := 0; b <= a; b++ {
			// Symmetrise: the product is symmetric up to rounding.
			out.SetSym(a, b, adj*(v.At(a, b)+v.At(b, a))/2)
		}
	}
	return g, out
}

// firstDependentColumn returns the first of the k columns of n values
// (column writes column j into v) that is a linear combination of the
// columns before it, or −1. Modified Gram–Schmidt on the columns in order:
// a column whose residual norm falls below 1e-7 of its own norm (the
// tolerance of R's lm QR) is dependent. An all-zero column is dependent.
func firstDependentColumn(n, k int, column func(j int, v []float64)) int {
	basis := make([][]float64, 0, k)
	for j := range k {
		v := make([]float64, n)
		column(j, v)
		norm0 := 0.0
		for i := range n {
			norm0 += v[i] * v[i]
		}
		norm0 = math.Sqrt(norm0)
		if norm0 == 0 {
			return j
		}
		for _, q := range basis {
			d := 0.0
			for i := range v {
				d += q[i] * v[i]
			}
			for i := range v {
				v[i] -= d * q[i]
			}
		}
		norm := 0.0
		for _, e := range v {
			norm += e * e
		}
		norm = math.Sqrt(norm)
		if norm < 1e-7*norm0 {
			return j
		}
		for i := range v {
			v[i] /= norm
		}
		basis = append(basis, v)
	}
	return -1
}
