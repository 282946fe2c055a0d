package stats

import (
	"fmt"
	"math"
	"testing"
)

type kappaCase struct {
	t                                      Table2x2
	level, kappa, se, low, high, po, pabak float64
}

type bhCase struct {
	p, want []float64
}

type spearmanCase struct {
	x, y      []float64
	rho, s, p float64
}

type linCCCCase struct {
	x, y                  []float64
	level, est, low, high float64
}

type blandAltmanCase struct {
	x, y                                          []float64
	level, mean, sd, tLow, tHigh, loaLow, loaHigh float64
}

func TestCohenKappaMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range kappaRef {
		t.Run(fmt.Sprintf("%v@%v", tc.t, tc.level), func(t *testing.T) {
			c.t = t
			k := CohenKappa(tc.t, tc.level)
			c.interval("kappa", k.Kappa, tc.kappa, tc.low, tc.high)
			c.eq("SE", k.SE, tc.se)
			c.eq("observed agreement", k.Observed, tc.po)
			c.eq("PABAK", k.PABAK, tc.pabak)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
}

func TestCohenKappaDegenerate(t *testing.T) {
	// Both ratings put everything in one category: chance agreement is 1,
	// kappa is 0/0, PABAK is 1.
	k := CohenKappa(Table2x2{A: 12}, 0.95)
	if k.Defined() || k.PABAK != 1 || k.Observed != 1 {
		t.Errorf("single category: %+v", k)
	}
	if k := CohenKappa(Table2x2{}, 0.95); k.Defined() || !math.IsNaN(k.PABAK) {
		t.Errorf("empty table: %+v", k)
	}
}

func TestAdjustBHMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range bhRef {
		t.Run(fmt.Sprint(tc.p), func(t *testing.T) {
			c.t = t
			q := AdjustBH(tc.p)
			if len(q) != len(tc.want) {
				t.Fatalf("%d q-values for %d p-values", len(q), len(tc.want))
			}
			for i := range q {
				c.eq(fmt.Sprintf("q[%d]", i), q[i], tc.want[i])
			}
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
	if q := AdjustBH(nil); len(q) != 0 {
		t.Errorf("AdjustBH(nil) = %v", q)
	}
	p := []float64{0.02, 0.01}
	AdjustBH(p)
	if p[0] != 0.02 || p[1] != 0.01 {
		t.Errorf("AdjustBH modified its input: %v", p)
	}
}

func TestSpearmanMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range spearmanRef {
		t.Run(fmt.Sprint(tc.x), func(t *testing.T) {
			c.t = t
			r := Spearman(tc.x, tc.y)
			c.eq("rho", r.Rho, tc.rho)
			c.eq("S", r.S, tc.s)
			c.eq("p-value", r.P, tc.p)
			if r.N != len(tc.x) {
				t.Errorf("N = %d, want %d", r.N, len(tc.x))
			}
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
}

func TestSpearmanDegenerate(t *testing.T) {
	// NaN pairs are dropped: this is the first reference case again.
	ref := spearmanRef[0]
	x := append([]float64{nan, 3}, ref.x...)
	y := append([]float64{1, nan}, ref.y...)
	if r := Spearman(x, y); r.N != len(ref.x) || !agree(r.Rho, ref.rho) || !agree(r.P, ref.p) {
		t.Errorf("with NaN pairs: %+v, want rho %v p %v", r, ref.rho, ref.p)
	}
	for _, tc := range []struct{ x, y []float64 }{
		{[]float64{1, 2}, []float64{3, 4}},             // too few
		{[]float64{1, 1, 1, 1}, []float64{1, 2, 3, 4}}, // constant
		{nil, nil},
	} {
		if r := Spearman(tc.x, tc.y); r.Defined() || !math.IsNaN(r.P) {
			t.Errorf("%v, %v: %+v, want undefined", tc.x, tc.y, r)
		}
	}
}

func TestLinCCCMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range linCCCRef {
		t.Run(fmt.Sprint(tc.x), func(t *testing.T) {
			c.t = t
			r := LinCCC(tc.x, tc.y, tc.level)
			c.eq("rho_c", r.Estimate, tc.est)
			c.eq("lower", r.Low, tc.low)
			c.eq("upper", r.High, tc.high)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
}

func TestLinCCCDegenerate(t *testing.T) {
	// NaN pairs are dropped: this is the first reference case again.
	ref := linCCCRef[0]
	x := append([]float64{nan, 3}, ref.x...)
	y := append([]float64{1, nan}, ref.y...)
	if r := LinCCC(x, y, ref.level); !agree(r.Estimate, ref.est) || !agree(r.Low, ref.low) || !agree(r.High, ref.high) {
		t.Errorf("with NaN pairs: %+v, want %v [%v, %v]", r, ref.est, ref.low, ref.high)
	}
	// Perfect agreement: ρc = 1 exactly, its interval undefined (the z
	// transform of 1 is infinite; R's epi.ccc gives NaN too).
	if r := LinCCC([]float64{1, 2, 3}, []float64{1, 2, 3}, 0.95); r.Estimate != 1 || !math.IsNaN(r.Low) || !math.IsNaN(r.High) {
		t.Errorf("identical: %+v", r)
	}
	for _, tc := range []struct{ x, y []float64 }{
		{[]float64{1, 2}, []float64{3, 4}},             // too few for the interval's n − 2
		{[]float64{1, 1, 1, 1}, []float64{1, 1, 1, 1}}, // no variance at all
		{nil, nil},
	} {
		if r := LinCCC(tc.x, tc.y, 0.95); r.Defined() {
			t.Errorf("%v, %v: %+v, want undefined", tc.x, tc.y, r)
		}
	}
}

func TestBlandAltmanMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range blandAltmanRef {
		t.Run(fmt.Sprint(tc.x), func(t *testing.T) {
			c.t = t
			a := BlandAltman(tc.x, tc.y, tc.level)
			c.interval("bias", a.Bias, tc.mean, tc.tLow, tc.tHigh)
			c.eq("SD", a.SD, tc.sd)
			c.eq("lower limit", a.Lower, tc.loaLow)
			c.eq("upper limit", a.Upper, tc.loaHigh)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
	if a := BlandAltman([]float64{1, nan}, []float64{2, 3}, 0.95); a.Defined() || a.N != 1 {
		t.Errorf("one complete pair: %+v, want undefined", a)
	}
}
