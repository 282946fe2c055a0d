package stats

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

type logitCase struct {
	name                              string
	coef, se, p, rse, rp, rlow, rhigh float64
}

// readLogitData reads testdata/logit.tsv, the simulated data set written by
// testdata/reference.R: 618 alterations of 150 patients.
func readLogitData(t testing.TB) (d *Design, y []bool, patient []int) {
	t.Helper()
	f, err := os.Open("testdata/logit.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tf, stage, class []string
	var logvaf []float64
	sc := bufio.NewScanner(f)
	sc.Scan() // header: patient tf stage class logvaf detected
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 6 {
			t.Fatalf("logit.tsv: %q", sc.Text())
		}
		id, err1 := strconv.Atoi(fs[0])
		v, err2 := strconv.ParseFloat(fs[4], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("logit.tsv: %q", sc.Text())
		}
		patient = append(patient, id)
		tf, stage, class = append(tf, fs[1]), append(stage, fs[2]), append(class, fs[3])
		logvaf = append(logvaf, v)
		y = append(y, fs[5] == "1")
	}
	d = NewDesign(len(y))
	for _, err := range []error{
		d.Numeric("logvaf", logvaf),
		d.Factor("tf", tf, []string{"low", "mid", "high"}, "low"),
		d.Factor("stage", stage, []string{"I", "II", "III", "IV"}, "I"),
		d.Factor("class", class, []string{"snv", "indel", "cnv"}, "snv"),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return d, y, patient
}

func TestFitLogitMatchesR(t *testing.T) {
	d, y, patient := readLogitData(t)
	fit, err := FitLogit(d.Matrix(), y, patient)
	if err != nil {
		t.Fatal(err)
	}
	c := &checker{t: t}
	names := d.Names()
	model := fit.Coefficients(false, 0.95)
	robust := fit.Coefficients(true, 0.95)
	if len(names) != len(logitRef) {
		t.Fatalf("%d coefficients, R has %d", len(names), len(logitRef))
	}
	for j, ref := range logitRef {
		t.Run(ref.name, func(t *testing.T) {
			c.t = t
			// R names a dummy column tfmid where Design says tf=mid.
			if got := strings.ReplaceAll(names[j], "=", ""); got != ref.name {
				t.Errorf("column %d is %q, R's is %q", j, names[j], ref.name)
			}
			c.eq("coefficient", fit.Coef[j], ref.coef)
			c.eq("model SE", model[j].SE, ref.se)
			c.eq("model p", model[j].P, ref.p)
			c.eq("robust SE", robust[j].SE, ref.rse)
			c.eq("robust p", robust[j].P, ref.rp)
			c.eq("robust low", robust[j].Low, ref.rlow)
			c.eq("robust high", robust[j].High, ref.rhigh)
			or := robust[j].OddsRatio()
			c.eq("odds ratio", or.Estimate, math.Exp(ref.coef))
			c.eq("odds ratio low", or.Low, math.Exp(ref.rlow))
		})
	}
	c.t = t
	c.eq("deviance", fit.Deviance, 716.51181641550863)          // deviance(fit)
	c.eq("null deviance", fit.NullDeviance, 854.85842024193585) // fit$null.deviance
	// confint.default(fit)[, 1]: the model-based Wald limits.
	for j, want := range []float64{-0.93722934744115793, 0.59214614020743728, 0.1367891433738504, 0.94451471110525942, 0.14071745924969215, 0.50098554198080403, 0.80412074091929864, -0.55174008402563834, -1.8646447223574907} {
		c.eq("model low", model[j].Low, want)
	}
	if fit.N != 618 || fit.Clusters != 150 {
		t.Errorf("N = %d, clusters = %d; want 618 and 150", fit.N, fit.Clusters)
	}
	t.Logf("worst relative error against R: %.2g (%d iterations)", c.worst, fit.Iterations)
}

func TestFitLogitDegenerate(t *testing.T) {
	design := func(cols ...[]float64) *mat.Dense {
		d := NewDesign(len(cols[0]))
		for i, c := range cols {
			if err := d.Numeric(strconv.Itoa(i), c); err != nil {
				t.Fatal(err)
			}
		}
		return d.Matrix()
	}
	bools := func(v ...int) []bool {
		b := make([]bool, len(v))
		for i, x := range v {
			b[i] = x == 1
		}
		return b
	}
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	cases := []struct {
		name    string
		x       *mat.Dense
		y       []bool
		cluster []int
		want    error
	}{
		// glm(y ~ x, binomial) warns "fitted probabilities numerically 0
		// or 1 occurred" (testdata/reference.out).
		{"complete separation", design(x), bools(0, 0, 0, 0, 1, 1, 1, 1), nil, ErrSeparation},
		// y = 1 from x = 4 on: the cut at 3.5 separates, so the MLE does
		// not exist.
		{"separation at 3.5", design(x), bools(0, 0, 0, 1, 1, 1, 1, 1), nil, ErrSeparation},
		// y = 0, 0, 1, 0, 1, 1, 1, 1: overlap at x = 3, 4; a proper fit.
		{"overlap", design(x), bools(0, 0, 1, 0, 1, 1, 1, 1), nil, nil},
		{"level always detected", design([]float64{0, 0, 0, 0, 1, 1, 1, 1}), bools(0, 1, 0, 1, 1, 1, 1, 1), nil, ErrSeparation},
		{"outcome never occurs", design(x), bools(0, 0, 0, 0, 0, 0, 0, 0), nil, ErrSeparation},
		{"outcome always occurs", design(x), bools(1, 1, 1, 1, 1, 1, 1, 1), nil, ErrSeparation},
		{"collinear columns", design(x, []float64{2, 4, 6, 8, 10, 12, 14, 16}), bools(0, 1, 0, 0, 1, 1, 0, 1), nil, ErrSingular},
		{"empty level", design(x, make([]float64, 8)), bools(0, 1, 0, 0, 1, 1, 0, 1), nil, ErrSingular},
		{"too few rows", design([]float64{1, 2}), bools(0, 1), nil, ErrDesign},
		{"outcome length", design(x), bools(0, 1), nil, ErrDesign},
		{"cluster length", design(x), bools(0, 1, 0, 0, 1, 1, 0, 1), []int{1}, ErrDesign},
		{"empty", NewDesign(0).Matrix(), nil, nil, ErrDesign},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fit, err := FitLogit(tc.x, tc.y, tc.cluster)
			if tc.want == nil {
				if err != nil || fit == nil {
					t.Fatalf("error %v", err)
				}
				for _, c := range fit.Coefficients(false, 0.95) {
					if !c.Defined() || math.IsNaN(c.Estimate) {
						t.Errorf("undefined coefficient %+v", c)
					}
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if fit != nil {
				t.Errorf("a fit came back with the error: %+v", fit)
			}
		})
	}
	var se *SingularError
	_, err := FitLogit(design(x, []float64{2, 4, 6, 8, 10, 12, 14, 16}), bools(0, 1, 0, 0, 1, 1, 0, 1), nil)
	if !errors.As(err, &se) || se.Column != 2 {
		t.Errorf("collinear design: %v, want column 2 named", err)
	}
}

func TestFitLogitClusters(t *testing.T) {
	d, y, patient := readLogitData(t)
	one := make([]int, len(y))
	fit, err := FitLogit(d.Matrix(), y, one)
	if err != nil {
		t.Fatal(err)
	}
	if fit.RobustCov != nil || fit.Clusters != 1 {
		t.Errorf("one cluster: robust covariance %v, clusters %d", fit.RobustCov, fit.Clusters)
	}
	for _, c := range fit.Coefficients(true, 0.95) {
		if c.Defined() {
			t.Fatalf("robust inference with one cluster is defined: %+v", c)
		}
	}
	for _, c := range fit.Coefficients(false, 0.95) {
		if !c.Defined() {
			t.Fatalf("model-based inference undefined: %+v", c)
		}
	}
	// Without clusters: same coefficients, no robust covariance.
	plain, err := FitLogit(d.Matrix(), y, nil)
	if err != nil {
		t.Fatal(err)
	}
	withIDs, _ := FitLogit(d.Matrix(), y, patient)
	if plain.RobustCov != nil || !bitsEqual(plain.Coef, withIDs.Coef) {
		t.Error("cluster ids changed the coefficients or a robust covariance appeared without them")
	}
}

func TestDesign(t *testing.T) {
	d := NewDesign(4)
	if err := d.Factor("stage", []string{"I", "III", "II", "III"}, []string{"I", "II", "III"}, "I"); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.Names(), ","); got != "(Intercept),stage=II,stage=III" {
		t.Errorf("names %s", got)
	}
	m := d.Matrix()
	want := mat.NewDense(4, 3, []float64{1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1})
	if !mat.Equal(m, want) {
		t.Errorf("matrix\n%v\nwant\n%v", mat.Formatted(m), mat.Formatted(want))
	}
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"unknown level", d.Factor("x", []string{"a", "b", "z", "a"}, []string{"a", "b"}, "a")},
		{"missing reference", d.Factor("x", []string{"a", "b", "a", "a"}, []string{"a", "b"}, "c")},
		{"duplicate level", d.Factor("x", []string{"a", "b", "a", "a"}, []string{"a", "b", "a"}, "a")},
		{"length", d.Factor("x", []string{"a"}, []string{"a", "b"}, "a")},
		{"NaN", d.Numeric("v", []float64{1, nan, 2, 3})},
		{"numeric length", d.Numeric("v", []float64{1})},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	if len(d.Names()) != 3 {
		t.Errorf("failed additions changed the design: %v", d.Names())
	}
}

// TestDesignFit: Design.Fit on a subset of columns gives what FitLogit
// gives on the matrix of those columns (the oracle, itself checked
// against R above): the same coefficients, covariances and errors, bit
// for bit, with and without a dependent column and for too few rows.
func TestDesignFit(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	n := 400
	x := make([]float64, n)
	dup := make([]float64, n)
	g := make([]string, n)
	y := make([]bool, n)
	cluster := make([]int, n)
	for i := range n {
		x[i] = rng.NormFloat64()
		dup[i] = 2 * x[i] // dependent on x
		g[i] = []string{"a", "b", "c"}[rng.IntN(3)]
		y[i] = rng.Float64() < 1/(1+math.Exp(-(0.3+0.8*x[i])))
		cluster[i] = i / 3
	}
	d := NewDesign(n)
	if err := d.Numeric("x", x); err != nil {
		t.Fatal(err)
	}
	if err := d.Factor("g", g, []string{"a", "b", "c"}, "a"); err != nil {
		t.Fatal(err)
	}
	if err := d.Numeric("dup", dup); err != nil {
		t.Fatal(err)
	}
	full := d.Matrix()
	for _, cols := range [][]int{{0, 1, 2, 3}, {0, 1, 2, 3, 4}, {0, 2, 3}, {0, 4, 1}, {0}} {
		sub := mat.NewDense(n, len(cols), nil)
		for j, c := range cols {
			sub.SetCol(j, mat.Col(nil, c, full))
		}
		want, wantErr := FitLogit(sub, y, cluster)
		got, err := d.Fit(cols, y, cluster)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("cols %v: error %v, FitLogit %v", cols, err, wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if !slices.Equal(got.Coef, want.Coef) || !mat.Equal(got.Cov, want.Cov) || !mat.Equal(got.RobustCov, want.RobustCov) || got.Deviance != want.Deviance {
			t.Errorf("cols %v: fit %v, FitLogit %v", cols, got.Coef, want.Coef)
		}
	}
	if _, err := d.Fit([]int{0, 1, 2, 3, 4}, y[:10], cluster); !errors.Is(err, ErrDesign) {
		t.Errorf("10 outcomes for %d rows: %v", n, err)
	}
}
