package stats

import (
	"math/rand/v2"
	"testing"
)

// The packed-integer and float paths of columnSummer must give identical
// totals on integer data, and data that cannot be packed must fall back.
func TestColumnSummerPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	const g = 999 // odd, to exercise the leftover draw
	col := func(maxV int) []float64 {
		c := make([]float64, g)
		for i := range c {
			c[i] = float64(rng.IntN(maxV + 1))
		}
		return c
	}
	cases := []struct {
		name   string
		cols   [][]float64
		packed bool
		words  int
	}{
		{"one column", [][]float64{col(5)}, true, 1},
		{"concordance counts", [][]float64{col(12), col(30), col(4)}, true, 1},
		{"two words", [][]float64{col(12), col(30), col(4), col(40), col(9), col(17)}, true, 2},
		{"zeros", [][]float64{make([]float64, g), col(3)}, true, 1},
		{"too wide to pack", [][]float64{col(1 << 30), col(1 << 30), col(1 << 30), col(1 << 30)}, false, 0},
		{"fractions", [][]float64{{0.5}, {1}}, false, 0},
		{"negative", [][]float64{{-1}, {1}}, false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := len(tc.cols[0])
			fast := newColumnSummer(tc.cols, true)
			slow := newColumnSummer(tc.cols, false)
			if (fast.packed != nil) != tc.packed || (tc.packed && fast.words != tc.words) {
				t.Fatalf("packed %v in %d words, want %v in %d", fast.packed != nil, fast.words, tc.packed, tc.words)
			}
			idx := make([]int32, n)
			a := make([]float64, len(tc.cols))
			b := make([]float64, len(tc.cols))
			for range 50 {
				for i := range idx {
					idx[i] = int32(rng.IntN(n))
				}
				fast.sum(idx, a)
				slow.sum(idx, b)
				want := make([]float64, len(tc.cols))
				for c, column := range tc.cols {
					for _, i := range idx {
						want[c] += column[i]
					}
				}
				if !bitsEqual(a, want) || !bitsEqual(b, want) {
					t.Fatalf("totals %v (fast) %v (float), want %v", a, b, want)
				}
			}
		})
	}
}

// drawClusters must cover [0, n) uniformly; a chi-square goodness-of-fit
// on 1e6 draws over 37 cells (critical value at 1e-6 is 94.5 on 36 df).
func TestDrawClustersUniform(t *testing.T) {
	const n, draws = 37, 1_000_000
	var src rand.PCG
	src.Seed(1, 2)
	idx := make([]int32, draws)
	drawClusters(&src, n, idx)
	var count [n]float64
	for _, i := range idx {
		if i < 0 || i >= n {
			t.Fatalf("draw %d out of range", i)
		}
		count[i]++
	}
	x2 := 0.0
	for _, c := range count {
		x2 += sq(c-draws/n) / (draws / n)
	}
	if x2 > 94.5 {
		t.Errorf("chi-square %v on 36 df", x2)
	}
}
