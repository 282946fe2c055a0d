package stats

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/mathext"
)

// ClusterCell is one cluster's count in one cell of a table: N
// observations of cluster Cluster fell in row Row, column Col.
type ClusterCell struct {
	Cluster, Row, Col, N int
}

// RaoScottResult is Pearson's chi-square test of independence of an r×c
// table whose observations come in clusters, with Rao and Scott's
// correction for the clustering.
type RaoScottResult struct {
	// F is Pearson's X² divided by the sum of the generalised design
	// effects δ (the eigenvalues of Δ), referred to the F distribution on
	// DF1 = (Σδ)²/Σδ² and DF2 = DF1·(G−1) degrees of freedom: the
	// second-order correction and R's survey::svychisq default
	// (statistic = "F"). P is its upper tail.
	F, DF1, DF2, P float64
	// ChiSquare is Pearson's X² of the pooled table (chisq.test, no
	// continuity correction) on DF = (r−1)(c−1) degrees of freedom.
	ChiSquare float64
	DF        int
	// MeanDeff is the mean generalised design effect Σδ/DF, and PFirst
	// the first-order corrected p-value, X²/MeanDeff on DF degrees of
	// freedom (svychisq statistic = "Chisq").
	MeanDeff, PFirst float64
	// Rows, Cols and Clusters are those with observations, N the
	// observations.
	Rows, Cols, Clusters, N int
	// Null is true when empty cells made the observed proportions'
	// weighting singular and the proportions expected under independence
	// weighted the contrasts instead (where svychisq stops).
	Null bool
}

// Defined reports whether the test exists for the data.
func (r RaoScottResult) Defined() bool { return !math.IsNaN(r.P) }

// RaoScott returns Pearson's chi-square test of independence of rows and
// columns for observations that come in clusters (alterations within
// patients), corrected for the clustering as Rao and Scott (1984)
// propose, reproducing R's
//
//	svychisq(~row + col, svydesign(ids = ~cluster, data = d))
//
// for a data frame d with one line per observation: a one-stage cluster
// sample, equal weights, no strata, no finite population correction. With
// p the cell proportions (r·c of them, rows varying fastest), N the
// observations and G the clusters, the design-based covariance of p is
//
//	V = G/(G−1) · Σ_g z_g z_gᵀ,  z_g = (n_g − N_g·p)/N
//
// (n_g cluster g's cell counts, N_g their total), and
//
//	Δ = (CᵀD⁻¹C/N)⁻¹ · CᵀD⁻¹ V D⁻¹C,
//
// with D = diag(p) (1/p taken as 0 for an empty cell) and C a basis of
// the interaction contrasts (the r×c arrays whose rows and columns sum to
// zero). Its eigenvalues δ are the generalised design effects; the test
// statistic is X²/Σδ on F(d, d·(G−1)) with d = (Σδ)²/Σδ².
//
// Empty cells can make CᵀD⁻¹C singular (two rows without observations in
// the same columns: classes whose every alteration was shared), and
// svychisq then stops. RaoScott instead puts the proportions expected
// under independence (row share × column share, all positive) in D, the
// form Rao and Scott give under the null hypothesis, and sets Null; the
// statistic, degrees of freedom and p-value are otherwise computed alike
// (testdata/reference.R checks both forms).
//
// Rows and columns without observations are left out, as svychisq (which
// tabulates the levels present) does. The test is undefined with fewer
// than two rows or columns with observations, fewer than two clusters, or
// no variation between clusters (Σδ = 0). Counts must not be negative.
//
// References: Rao JNK, Scott AJ (1984). On chi-squared tests for
// multiway contingency tables with cell proportions estimated from survey
// data. Ann Stat 12:46–60; Lumley T (2004). Analysis of complex survey
// samples. J Stat Softw 9(8) (R's survey package).
func RaoScott(rows, cols int, cells []ClusterCell) RaoScottResult {
	nan := math.NaN()
	res := RaoScottResult{F: nan, DF1: nan, DF2: nan, P: nan, ChiSquare: nan, MeanDeff: nan, PFirst: nan}
	// Totals of the rows and columns, and the clusters, with observations.
	rowSum := make([]float64, rows)
	colSum := make([]float64, cols)
	clusterIndex := map[int]int{}
	for _, c := range cells {
		if c.Row < 0 || c.Row >= rows || c.Col < 0 || c.Col >= cols || c.N < 0 {
			panic(fmt.Sprintf("stats: Rao-Scott cell %+v outside a %d×%d table, or negative", c, rows, cols))
		}
		if c.N == 0 {
			continue
		}
		rowSum[c.Row] += float64(c.N)
		colSum[c.Col] += float64(c.N)
		if _, ok := clusterIndex[c.Cluster]; !ok {
			clusterIndex[c.Cluster] = len(clusterIndex)
		}
	}
	rowOf, nr := compact(rowSum)
	colOf, nc := compact(colSum)
	g := len(clusterIndex)
	res.Rows, res.Cols, res.Clusters = nr, nc, g
	if nr < 2 || nc < 2 {
		return res
	}
	// Cell counts of the reduced table (rows fastest, as R's interaction
	// of the row and column factors orders them) and of each cluster.
	nCells := nr * nc
	cell := func(c ClusterCell) int { return rowOf[c.Row] + nr*colOf[c.Col] }
	// A cluster's cells are byCluster[start[k]:start[k+1]] (positions in
	// cells, in their order): one array, not a slice per cluster, which
	// was 126 MB of garbage in the cohort stage of 100,000 patients.
	counts := make([]float64, nCells)
	start := make([]int, g+1)
	clusterTotal := make([]float64, g)
	total := 0.0
	for _, c := range cells {
		if c.N == 0 {
			continue
		}
		k := clusterIndex[c.Cluster]
		counts[cell(c)] += float64(c.N)
		start[k+1]++
		clusterTotal[k] += float64(c.N)
		total += float64(c.N)
	}
	for k := range g {
		start[k+1] += start[k]
	}
	byCluster, next := make([]int, start[g]), slices.Clone(start[:g])
	for i, c := range cells {
		if c.N != 0 {
			k := clusterIndex[c.Cluster]
			byCluster[next[k]] = i
			next[k]++
		}
	}
	res.N = int(total)
	// Pearson's X² of the pooled table.
	rs := make([]float64, nr)
	cs := make([]float64, nc)
	for i := range nr {
		for j := range nc {
			rs[i] += counts[i+nr*j]
			cs[j] += counts[i+nr*j]
		}
	}
	x2 := 0.0
	for i := range nr {
		for j := range nc {
			e := rs[i] * cs[j] / total
			x2 += sq(counts[i+nr*j]-e) / e
		}
	}
	res.ChiSquare = x2
	res.DF = (nr - 1) * (nc - 1)
	if g < 2 {
		return res
	}
	p := make([]float64, nCells)
	for c, n := range counts {
		p[c] = n / total
	}
	// The contrast basis: column (i, j), i < nr−1, j < nc−1, is
	// e(i,j) − e(i,c) − e(r,j) + e(r,c) with r, c the last row and column.
	// It spans the interaction space as R's residualised interaction
	// columns do, and Δ's eigenvalues do not depend on the basis.
	k := res.DF
	touch := make([][]int, nCells)
	sign := make([]float64, nCells)
	for c := range nCells {
		touch[c], sign[c] = contrasts(c, nr, nc)
	}
	// Σ_g n_g n_gᵀ (sparse: a cluster touches few cells), s = Σ N_g n_g
	// and q = Σ N_g², from which Σ_g e_g e_gᵀ = Σ n_g n_gᵀ − s pᵀ − p sᵀ +
	// q p pᵀ with e_g = n_g − N_g p.
	nn := make([]float64, nCells*nCells)
	s := make([]float64, nCells)
	q := 0.0
	idx := make([]int, 0, 8)
	val := make([]float64, 0, 8)
	for gi := range g {
		idx, val = idx[:0], val[:0]
		for _, ci := range byCluster[start[gi]:start[gi+1]] {
			c := cells[ci]
			x := cell(c)
			found := false
			for t, v := range idx {
				if v == x {
					val[t] += float64(c.N)
					found = true
				}
			}
			if !found {
				idx, val = append(idx, x), append(val, float64(c.N))
			}
		}
		for a, xa := range idx {
			s[xa] += clusterTotal[gi] * val[a]
			for b, xb := range idx {
				nn[xa*nCells+xb] += val[a] * val[b]
			}
		}
		q += clusterTotal[gi] * clusterTotal[gi]
	}
	for a := range nCells {
		for b := range nCells {
			nn[a*nCells+b] += -s[a]*p[b] - p[a]*s[b] + q*p[a]*p[b]
		}
	}
	// svychisq weights the contrasts by the observed proportions. Where
	// empty cells make that weighting singular (two levels without
	// plasma-only or tissue-only alterations, say), svychisq stops; the
	// proportions expected under independence, all positive, weight them
	// instead (Rao and Scott's null-hypothesis form).
	tr, tr2, ok := designEffects(p, nn, touch, sign, k, float64(g)/float64(g-1)/total)
	if !ok {
		p0 := make([]float64, nCells)
		for i := range nr {
			for j := range nc {
				p0[i+nr*j] = rs[i] * cs[j] / (total * total)
			}
		}
		if tr, tr2, ok = designEffects(p0, nn, touch, sign, k, float64(g)/float64(g-1)/total); !ok {
			return res
		}
		res.Null = true
	}
	if !(tr > 0) || !(tr2 > 0) {
		return res
	}
	res.F = x2 / tr
	res.DF1 = tr * tr / tr2
	res.DF2 = res.DF1 * float64(g-1)
	res.P = fUpper(res.F, res.DF1, res.DF2)
	res.MeanDeff = tr / float64(k)
	res.PFirst = chiSquareUpper(x2/res.MeanDeff, k)
	return res
}

// contrasts are the basis columns that touch cell c of an nr×nc table
// (rows fastest) and the sign they give it.
func contrasts(c, nr, nc int) (idx []int, sign float64) {
	i, j := c%nr, c/nr
	lastRow, lastCol := i == nr-1, j == nc-1
	switch {
	case !lastRow && !lastCol:
		return []int{i + (nr-1)*j}, 1
	case !lastRow: // (i, c): every column (i, j')
		for jj := 0; jj < nc-1; jj++ {
			idx = append(idx, i+(nr-1)*jj)
		}
		return idx, -1
	case !lastCol: // (r, j): every column (i', j)
		for ii := 0; ii < nr-1; ii++ {
			idx = append(idx, ii+(nr-1)*j)
		}
		return idx, -1
	}
	for a := 0; a < (nr-1)*(nc-1); a++ { // (r, c): every column
		idx = append(idx, a)
	}
	return idx, 1
}

// designEffects returns the trace of Δ and of Δ² for the cell
// proportions pd of the weighting D, given E = Σ_g e_g e_gᵀ (nn, cells ×
// cells) and scale = G/(G−1)/N:
//
//	Δ = scale · M⁻¹ Cᵀ D⁻¹ E D⁻¹ C,  M = Cᵀ D⁻¹ C,
//
// (1/p taken as 0 for an empty cell, as svychisq does), through the
// symmetric L⁻¹ (Cᵀ D⁻¹ E D⁻¹ C) L⁻ᵀ with M = LLᵀ, which has Δ's
// eigenvalues. ok is false when M is singular (as R's solve judges it:
// reciprocal condition number below the machine epsilon).
func designEffects(pd, nn []float64, touch [][]int, sign []float64, k int, scale float64) (tr, tr2 float64, ok bool) {
	nCells := len(pd)
	ip := make([]float64, nCells)
	for c, v := range pd {
		if v > 0 {
			ip[c] = 1 / v
		}
	}
	m := mat.NewSymDense(k, nil)
	for c := range nCells {
		if ip[c] == 0 {
			continue
		}
		for _, a := range touch[c] {
			for _, b := range touch[c] {
				if b <= a {
					m.SetSym(a, b, m.At(a, b)+ip[c])
				}
			}
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(m) || chol.Cond() > 1/epsilon {
		return 0, 0, false
	}
	// Y C with Y = D⁻¹ E D⁻¹, then Cᵀ (Y C), through the basis' few
	// non-zeros per cell.
	yc := make([]float64, nCells*k)
	for c := range nCells {
		for _, a := range touch[c] {
			for r := range nCells {
				yc[r*k+a] += sign[c] * nn[r*nCells+c] * ip[r] * ip[c]
			}
		}
	}
	nm := mat.NewSymDense(k, nil)
	for c := range nCells {
		for _, a := range touch[c] {
			for b := 0; b <= a; b++ {
				nm.SetSym(a, b, nm.At(a, b)+sign[c]*yc[c*k+b])
			}
		}
	}
	var l mat.TriDense
	chol.LTo(&l)
	var w, d mat.Dense
	if err := w.Solve(&l, nm); err != nil { // L⁻¹ Nmat
		return 0, 0, false
	}
	if err := d.Solve(&l, w.T()); err != nil { // L⁻¹ (L⁻¹ Nmat)ᵀ = L⁻¹ Nmat L⁻ᵀ
		return 0, 0, false
	}
	for a := range k {
		tr += scale * d.At(a, a)
		for b := range k {
			tr2 += sq(scale * (d.At(a, b) + d.At(b, a)) / 2)
		}
	}
	return tr, tr2, true
}

// epsilon is the machine epsilon of float64 (R's .Machine$double.eps).
const epsilon = 2.220446049250313e-16

// compact numbers the entries with a positive total 0, 1, … and returns
// that numbering (−1 for the others) and the count.
func compact(sum []float64) ([]int, int) {
	out := make([]int, len(sum))
	n := 0
	for i, s := range sum {
		out[i] = -1
		if s > 0 {
			out[i] = n
			n++
		}
	}
	return out, n
}

// fUpper is the upper tail of the F distribution on d1 and d2 degrees of
// freedom, as R's pf(x, d1, d2, lower.tail = FALSE), computed as the
// regularised incomplete beta I_{d2/(d2+d1·x)}(d2/2, d1/2) so that small
// p-values keep their relative precision.
func fUpper(x, d1, d2 float64) float64 {
	if math.IsNaN(x) {
		return math.NaN()
	}
	if x <= 0 {
		return 1
	}
	return mathext.RegIncBeta(d2/2, d1/2, d2/(d2+d1*x))
}

// ClusteredTrend is the Wald test of the slope in a logistic regression
// of a binary outcome on a score, with cluster-robust standard errors: a
// test for trend in proportions across ordered groups that, unlike the
// Cochran–Armitage test, respects observations clustered in patients.
type ClusteredTrend struct {
	// Slope is the log odds ratio per unit of score, SE its cluster-robust
	// standard error (sandwich::vcovCL's defaults), Z = Slope/SE and P the
	// two-sided Wald p-value.
	Slope, SE, Z, P float64
	N, Clusters     int
}

// Defined reports whether the test exists for the data.
func (t ClusteredTrend) Defined() bool { return !math.IsNaN(t.P) }

// TrendClustered fits logit P(y) = a + b·score by maximum likelihood
// (FitLogit) and tests b = 0 with the cluster-robust covariance,
// reproducing R's
//
//	fit <- glm(y ~ score, family = binomial)
//	lmtest::coeftest(fit, vcov = sandwich::vcovCL(fit, cluster = ~cluster))["score", ]
//
// except that the p-value is the normal one (coeftest's default for a glm
// is the z test too). It is undefined with fewer than two clusters, fewer
// than two distinct scores, an outcome that is always or never observed,
// or a separated fit.
func TrendClustered(score []float64, y []bool, cluster []int) ClusteredTrend {
	nan := math.NaN()
	res := ClusteredTrend{Slope: nan, SE: nan, Z: nan, P: nan, N: len(y)}
	if len(score) != len(y) || len(cluster) != len(y) {
		panic(fmt.Sprintf("stats: clustered trend with %d scores, %d outcomes and %d clusters", len(score), len(y), len(cluster)))
	}
	d := NewDesign(len(y))
	if err := d.Numeric("score", score); err != nil {
		return res
	}
	fit, err := FitLogit(d.Matrix(), y, cluster)
	if err != nil {
		return res
	}
	res.Clusters = fit.Clusters
	c := fit.Coefficients(true, 0.95)[1]
	if !c.Defined() {
		return res
	}
	res.Slope, res.SE, res.Z, res.P = c.Estimate, c.SE, c.Z, c.P
	return res
}
