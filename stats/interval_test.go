package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

type binomialIntervalCase struct {
	x, n             int
	level, low, high float64
}

type newcombeDiffCase struct {
	x1, n1, x2, n2        int
	level, est, low, high float64
}

type newcombePairedCase struct {
	t                     Table2x2
	level, est, low, high float64
}

func TestWilsonMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range wilsonRef {
		t.Run(fmt.Sprintf("%d/%d@%v", tc.x, tc.n, tc.level), func(t *testing.T) {
			c.t = t
			c.interval("Wilson", Wilson(tc.x, tc.n, tc.level), float64(tc.x)/float64(tc.n), tc.low, tc.high)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
}

func TestClopperPearsonMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range clopperPearsonRef {
		t.Run(fmt.Sprintf("%d/%d@%v", tc.x, tc.n, tc.level), func(t *testing.T) {
			c.t = t
			c.interval("Clopper-Pearson", ClopperPearson(tc.x, tc.n, tc.level), float64(tc.x)/float64(tc.n), tc.low, tc.high)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
}

func TestBinomialIntervalBounds(t *testing.T) {
	// Degenerate inputs: the exact bounds are exactly 0 and 1 (not merely
	// close), and n = 0 is undefined.
	for _, f := range []struct {
		name string
		fn   func(x, n int, level float64) Interval
	}{{"Wilson", Wilson}, {"ClopperPearson", ClopperPearson}} {
		t.Run(f.name, func(t *testing.T) {
			if iv := f.fn(0, 17, 0.95); iv.Low != 0 || iv.Estimate != 0 || !(iv.High > 0 && iv.High < 1) {
				t.Errorf("x = 0: %+v, want low exactly 0", iv)
			}
			if iv := f.fn(17, 17, 0.95); iv.High != 1 || iv.Estimate != 1 || !(iv.Low > 0 && iv.Low < 1) {
				t.Errorf("x = n: %+v, want high exactly 1", iv)
			}
			iv := f.fn(0, 0, 0.95)
			if iv.Defined() || !math.IsNaN(iv.Low) || !math.IsNaN(iv.High) || !math.IsNaN(iv.Estimate) {
				t.Errorf("n = 0: %+v, want undefined (NaN)", iv)
			}
			if !f.fn(3, 9, 0.95).Defined() {
				t.Errorf("3/9 is not Defined")
			}
		})
	}
}

// Property tests over many (x, n): both intervals contain the estimate,
// stay in [0, 1], widen with the level, and the exact interval contains
// Wilson's point estimate and, for 0 < x < n, is wider than Wilson's
// (Clopper–Pearson is conservative). At x = 0 or n it can be narrower:
// its one-sided limit is 1 − (α/2)^(1/n) ≈ 3.69/n against Wilson's
// z²/(n + z²) ≈ 3.84/n.
func TestBinomialIntervalProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := 1 + rng.IntN(500)
		x := rng.IntN(n + 1)
		w := Wilson(x, n, 0.95)
		cp := ClopperPearson(x, n, 0.95)
		w99 := Wilson(x, n, 0.99)
		for _, iv := range []Interval{w, cp, w99} {
			if !(0 <= iv.Low && iv.Low <= iv.Estimate && iv.Estimate <= iv.High && iv.High <= 1) {
				t.Fatalf("%d/%d: interval %+v not ordered in [0, 1]", x, n, iv)
			}
		}
		if !(cp.Low <= w.Estimate && w.Estimate <= cp.High) {
			t.Fatalf("%d/%d: Clopper–Pearson %+v misses the estimate", x, n, cp)
		}
		if 0 < x && x < n && cp.High-cp.Low < w.High-w.Low {
			t.Fatalf("%d/%d: Clopper–Pearson %+v narrower than Wilson %+v", x, n, cp, w)
		}
		if w99.Low > w.Low || w99.High < w.High {
			t.Fatalf("%d/%d: 99%% Wilson %+v not wider than 95%% %+v", x, n, w99, w)
		}
	}
}

func TestNewcombeDiffMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range newcombeDiffRef {
		t.Run(fmt.Sprintf("%d/%d-%d/%d@%v", tc.x1, tc.n1, tc.x2, tc.n2, tc.level), func(t *testing.T) {
			c.t = t
			c.interval("Newcombe", NewcombeDiff(tc.x1, tc.n1, tc.x2, tc.n2, tc.level), tc.est, tc.low, tc.high)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
	if NewcombeDiff(0, 0, 3, 5, 0.95).Defined() || NewcombeDiff(3, 5, 0, 0, 0.95).Defined() {
		t.Error("a difference with an empty group is Defined")
	}
}

func TestNewcombePairedMatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range newcombePairedRef {
		t.Run(fmt.Sprintf("%v@%v", tc.t, tc.level), func(t *testing.T) {
			c.t = t
			c.interval("Newcombe paired", NewcombePaired(tc.t, tc.level), tc.est, tc.low, tc.high)
		})
	}
	t.Logf("worst relative error against R: %.2g", c.worst)
	if NewcombePaired(Table2x2{}, 0.95).Defined() {
		t.Error("empty paired table is Defined")
	}
}

func TestNewcombeProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		tab := Table2x2{rng.IntN(30), rng.IntN(30), rng.IntN(30), rng.IntN(30)}
		if tab.N() == 0 {
			continue
		}
		for _, iv := range []Interval{
			NewcombePaired(tab, 0.95),
			NewcombeDiff(tab.A, tab.A+tab.B, tab.C, tab.C+tab.D+1, 0.95),
		} {
			if !(-1 <= iv.Low && iv.Low <= iv.Estimate && iv.Estimate <= iv.High && iv.High <= 1) {
				t.Fatalf("%+v: interval %+v not ordered in [-1, 1]", tab, iv)
			}
		}
	}
}

func TestLevelPanics(t *testing.T) {
	for _, level := range []float64{0, 1, -0.5, 95, math.NaN()} {
		if CheckLevel(level) == nil {
			t.Errorf("CheckLevel(%v) accepted", level)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Wilson at level %v did not panic", level)
				}
			}()
			Wilson(1, 2, level)
		}()
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Wilson(3, 2) did not panic")
			}
		}()
		Wilson(3, 2, 0.95)
	}()
}
