package stats

import (
	"math"
	"testing"
)

type raoScottCase struct {
	name                      string
	rows, cols                int
	cells                     []ClusterCell
	f, df1, df2, p, pFirst, x float64
	clusters                  int
	null                      bool
}

type trendClusteredCase struct {
	slope, se, z, p float64
}

// RaoScott reproduces survey::svychisq (statistics "F" and "Chisq") to
// 1e-6 on clustered tables of both shapes strata.tsv makes: clusters in
// one row each (a patient-level dimension) and clusters spread over rows
// (an alteration-level one), a 2×2 table, a table with an empty cell and
// cluster ids that are not 0..G−1; and, where empty cells make svychisq
// stop, R's svychisq computation with the proportions under independence.
func TestRaoScottMatchesR(t *testing.T) {
	for _, ref := range raoScottRef {
		t.Run(ref.name, func(t *testing.T) {
			c := &checker{t: t}
			got := RaoScott(ref.rows, ref.cols, ref.cells)
			c.eq("F", got.F, ref.f)
			c.eq("ndf", got.DF1, ref.df1)
			c.eq("ddf", got.DF2, ref.df2)
			c.eq("p", got.P, ref.p)
			c.eq("p (first order)", got.PFirst, ref.pFirst)
			c.eq("X2", got.ChiSquare, ref.x)
			if got.Clusters != ref.clusters || got.DF != (ref.rows-1)*(ref.cols-1) || got.Null != ref.null {
				t.Errorf("%d clusters, df %d, null %v; R: %d clusters, a %d×%d table, null %v", got.Clusters, got.DF, got.Null, ref.clusters, ref.rows, ref.cols, ref.null)
			}
			t.Logf("worst relative error %.1g", c.worst)
		})
	}
}

// The correction does not depend on how clusters and cells are listed,
// and without clustering (every observation its own cluster) the design
// effects are close to 1, so the test is close to Pearson's.
func TestRaoScottProperties(t *testing.T) {
	ref := raoScottRef[1]
	rev := make([]ClusterCell, 0, len(ref.cells)*2)
	for i := len(ref.cells) - 1; i >= 0; i-- {
		c := ref.cells[i]
		// split each count in two entries: they add up
		if c.N > 1 {
			rev = append(rev, ClusterCell{c.Cluster, c.Row, c.Col, 1}, ClusterCell{c.Cluster, c.Row, c.Col, c.N - 1})
		} else {
			rev = append(rev, c)
		}
	}
	a, b := RaoScott(ref.rows, ref.cols, ref.cells), RaoScott(ref.rows, ref.cols, rev)
	if math.Abs(a.F-b.F) > 1e-9*a.F || math.Abs(a.DF1-b.DF1) > 1e-9*a.DF1 {
		t.Errorf("order changed the test: %+v, then %+v", a, b)
	}
	// One observation per cluster and no empty cell: V is G/(G−1) times
	// the multinomial covariance (D − ppᵀ)/N and the contrasts are
	// orthogonal to p in D⁻¹, so every design effect is exactly G/(G−1)
	// and the F test has (r−1)(c−1) numerator degrees of freedom.
	full := raoScottRef[0]
	var single []ClusterCell
	id := 0
	seen := map[[2]int]bool{}
	for _, c := range full.cells {
		seen[[2]int{c.Row, c.Col}] = true
	}
	if len(seen) != full.rows*full.cols {
		t.Fatalf("%s has an empty cell", full.name)
	}
	for _, c := range full.cells {
		for range c.N {
			single = append(single, ClusterCell{id, c.Row, c.Col, 1})
			id++
		}
	}
	s := RaoScott(full.rows, full.cols, single)
	g := float64(s.Clusters)
	if math.Abs(s.MeanDeff-g/(g-1)) > 1e-9 || math.Abs(s.DF1-float64(s.DF)) > 1e-9 {
		t.Errorf("independent observations: mean design effect %.12g (want G/(G−1) = %.12g), df1 %.12g (want %d)", s.MeanDeff, g/(g-1), s.DF1, s.DF)
	}
	for _, c := range []struct {
		name  string
		rows  int
		cols  int
		cells []ClusterCell
	}{
		{"one row", 2, 3, []ClusterCell{{1, 0, 0, 3}, {2, 0, 1, 2}, {3, 0, 2, 1}}},
		{"one cluster", 2, 2, []ClusterCell{{1, 0, 0, 3}, {1, 1, 1, 2}, {1, 0, 1, 1}}},
		{"empty", 3, 3, nil},
	} {
		if r := RaoScott(c.rows, c.cols, c.cells); r.Defined() {
			t.Errorf("%s: defined: %+v", c.name, r)
		}
	}
}

// TrendClustered reproduces lmtest::coeftest with sandwich::vcovCL on
// logit.tsv to 1e-6, for integer scores (stage) and uneven ones.
func TestTrendClusteredMatchesR(t *testing.T) {
	d, y, patient := readLogitData(t)
	x := d.Matrix()
	n, _ := x.Dims()
	// Columns of readLogitData's design: (Intercept), logvaf, tf=mid,
	// tf=high, stage=II, stage=III, stage=IV, class=indel, class=cnv.
	stage := make([]float64, n)
	tf := make([]float64, n)
	for i := range n {
		stage[i] = 1 + x.At(i, 4) + 2*x.At(i, 5) + 3*x.At(i, 6)
		tf[i] = 0.5 + 4.5*x.At(i, 2) + 19.5*x.At(i, 3)
	}
	for k, score := range [][]float64{stage, tf} {
		ref := trendClusteredRef[k]
		got := TrendClustered(score, y, patient)
		c := &checker{t: t}
		c.eq("slope", got.Slope, ref.slope)
		c.eq("SE", got.SE, ref.se)
		c.eq("z", got.Z, ref.z)
		c.eq("p", got.P, ref.p)
		if got.Clusters != 150 || got.N != 618 {
			t.Errorf("%d observations in %d clusters", got.N, got.Clusters)
		}
	}
	if r := TrendClustered([]float64{1, 1, 1}, []bool{true, false, true}, []int{1, 2, 3}); r.Defined() {
		t.Errorf("one score: %+v", r)
	}
	if r := TrendClustered([]float64{1, 2, 3, 4}, []bool{true, true, true, true}, []int{1, 2, 3, 4}); r.Defined() {
		t.Errorf("always detected: %+v", r)
	}
}
