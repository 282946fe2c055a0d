package stats

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

type quantileCase struct {
	x                   []float64
	q025, q975, q05, q5 float64
}

func TestQuantile7MatchesR(t *testing.T) {
	c := &checker{t: t}
	for _, tc := range quantileRef {
		x := append([]float64(nil), tc.x...)
		sortFloats(x)
		c.eq("q0.025", quantile7(x, 0.025), tc.q025)
		c.eq("q0.975", quantile7(x, 0.975), tc.q975)
		c.eq("q0.05", quantile7(x, 0.05), tc.q05)
		c.eq("q0.5", quantile7(x, 0.5), tc.q5)
	}
}

func sortFloats(x []float64) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

// cohort returns per-patient counts of shared, tissue-only and
// plasma-only alterations for g patients whose plasma detection
// probability varies between patients (so alterations cluster).
func cohort(g int, seed uint64) (s, tOnly, pOnly []float64) {
	rng := rand.New(rand.NewPCG(seed, 99))
	s, tOnly, pOnly = make([]float64, g), make([]float64, g), make([]float64, g)
	for i := range g {
		det := rng.Float64() // patient-level detection probability
		n := 1 + rng.IntN(8)
		for range n {
			if rng.Float64() < det {
				s[i]++
			} else {
				tOnly[i]++
			}
		}
		pOnly[i] = float64(rng.IntN(3))
	}
	return s, tOnly, pOnly
}

func concordanceRatios(s, tOnly, pOnly []float64) []Ratio {
	u := make([]float64, len(s))
	st := make([]float64, len(s))
	sp := make([]float64, len(s))
	for i := range s {
		u[i] = s[i] + tOnly[i] + pOnly[i]
		st[i] = s[i] + tOnly[i]
		sp[i] = s[i] + pOnly[i]
	}
	return []Ratio{{s, u}, {tOnly, u}, {pOnly, u}, {s, st}, {s, sp}}
}

func bitsEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

func TestBootstrapDeterministicAcrossWorkers(t *testing.T) {
	s, tOnly, pOnly := cohort(300, 1)
	ratios := concordanceRatios(s, tOnly, pOnly)
	runs := map[string]func(workers int) (*BootstrapResult, error){
		"ratios": func(w int) (*BootstrapResult, error) {
			return BootstrapRatios(ratios, BootstrapOptions{Replicates: 500, Seed: 42, Workers: w, Keep: true})
		},
		"generic": func(w int) (*BootstrapResult, error) {
			return Bootstrap(len(s), 2, func(counts []int32, out []float64) {
				var a, b float64
				for i, c := range counts {
					a += float64(c) * s[i]
					b += float64(c) * (s[i] + tOnly[i])
				}
				out[0], out[1] = a/b, float64(counts[0])
			}, BootstrapOptions{Replicates: 500, Seed: 42, Workers: w, Keep: true})
		},
	}
	for name, run := range runs {
		t.Run(name, func(t *testing.T) {
			ref, err := run(1)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []int{2, 8, 0} {
				got, err := run(w)
				if err != nil {
					t.Fatal(err)
				}
				if !bitsEqual(got.Replicates, ref.Replicates) {
					t.Fatalf("%d workers: replicates differ from 1 worker", w)
				}
				for k := range ref.Intervals {
					if got.Intervals[k] != ref.Intervals[k] || got.SE[k] != ref.SE[k] {
						t.Fatalf("%d workers: statistic %d differs", w, k)
					}
				}
			}
			other, err := func() (*BootstrapResult, error) { return run(1) }()
			if err != nil || !bitsEqual(other.Replicates, ref.Replicates) {
				t.Fatal("a second run with the same seed differs")
			}
		})
	}
	a, _ := BootstrapRatios(ratios, BootstrapOptions{Replicates: 200, Seed: 1, Keep: true})
	b, _ := BootstrapRatios(ratios, BootstrapOptions{Replicates: 200, Seed: 2, Keep: true})
	if bitsEqual(a.Replicates, b.Replicates) {
		t.Error("seeds 1 and 2 give the same replicates")
	}
}

// The fast path and the generic path draw the same clusters for a seed; on
// integer data their sums are exact, so the replicates are identical.
func TestBootstrapRatiosMatchesGeneric(t *testing.T) {
	s, tOnly, pOnly := cohort(257, 5)
	ratios := concordanceRatios(s, tOnly, pOnly)
	opt := BootstrapOptions{Replicates: 300, Seed: 11, Keep: true}
	fast, err := BootstrapRatios(ratios, opt)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := Bootstrap(len(s), len(ratios), func(counts []int32, out []float64) {
		for k, r := range ratios {
			var a, b float64
			for i, c := range counts {
				a += float64(c) * r.Num[i]
				b += float64(c) * r.Den[i]
			}
			out[k] = a / b
		}
	}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bitsEqual(fast.Replicates, slow.Replicates) || !bitsEqual(fast.Estimate, slow.Estimate) {
		t.Fatal("BootstrapRatios and Bootstrap disagree on the same resamples")
	}
	// The observed estimate is the plain ratio of totals.
	var ss, su float64
	for i := range s {
		ss += s[i]
		su += s[i] + tOnly[i] + pOnly[i]
	}
	if fast.Estimate[0] != ss/su {
		t.Errorf("estimate %v, want %v", fast.Estimate[0], ss/su)
	}
}

func TestBootstrapDegenerate(t *testing.T) {
	opt := BootstrapOptions{Replicates: 100, Seed: 3}
	t.Run("identical clusters collapse", func(t *testing.T) {
		num := []float64{2, 2, 2, 2, 2, 2}
		den := []float64{5, 5, 5, 5, 5, 5}
		r, err := BootstrapRatios([]Ratio{{num, den}}, opt)
		if err != nil {
			t.Fatal(err)
		}
		iv := r.Intervals[0]
		if iv.Estimate != 0.4 || iv.Low != 0.4 || iv.High != 0.4 || r.SE[0] != 0 {
			t.Errorf("identical clusters: %+v SE %v, want [0.4, 0.4] and SE 0", iv, r.SE[0])
		}
	})
	t.Run("one cluster collapses", func(t *testing.T) {
		r, err := BootstrapRatios([]Ratio{{[]float64{3}, []float64{7}}}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if iv := r.Intervals[0]; iv.Low != 3.0/7 || iv.High != 3.0/7 {
			t.Errorf("one cluster: %+v", iv)
		}
	})
	t.Run("all shared", func(t *testing.T) {
		s := []float64{3, 1, 4, 1, 5}
		r, err := BootstrapRatios([]Ratio{{s, s}}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if iv := r.Intervals[0]; iv != (Interval{1, 1, 1}) {
			t.Errorf("all shared: %+v, want exactly [1, 1]", iv)
		}
	})
	t.Run("zero clusters", func(t *testing.T) {
		r, err := BootstrapRatios([]Ratio{{[]float64{}, []float64{}}}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if r.Intervals[0].Defined() || r.Valid[0] != 0 {
			t.Errorf("no clusters: %+v valid %d, want undefined", r.Intervals[0], r.Valid[0])
		}
	})
	t.Run("zero denominators", func(t *testing.T) {
		// Only one cluster has a denominator: resamples without it leave
		// the ratio undefined, and Valid counts the others.
		r, err := BootstrapRatios([]Ratio{{[]float64{1, 0, 0, 0}, []float64{2, 0, 0, 0}}}, BootstrapOptions{Replicates: 1000, Seed: 9})
		if err != nil {
			t.Fatal(err)
		}
		// P(cluster 0 drawn at least once in 4 draws) = 1 − (3/4)⁴ ≈ 0.68.
		if r.Valid[0] < 600 || r.Valid[0] > 760 {
			t.Errorf("valid replicates %d, expected about 684", r.Valid[0])
		}
		if iv := r.Intervals[0]; iv.Low != 0.5 || iv.High != 0.5 {
			t.Errorf("interval %+v, want [0.5, 0.5]", iv)
		}
	})
	t.Run("bad options", func(t *testing.T) {
		for _, o := range []BootstrapOptions{{Replicates: 0}, {Replicates: 10, Level: 1.5}} {
			if _, err := BootstrapRatios([]Ratio{{[]float64{1}, []float64{1}}}, o); !errors.Is(err, ErrBootstrap) {
				t.Errorf("%+v: error %v", o, err)
			}
		}
		if _, err := BootstrapSums([][]float64{{1, 2}, {1}}, 1, func(s, o []float64) {}, opt); !errors.Is(err, ErrBootstrap) {
			t.Errorf("ragged columns: error %v", err)
		}
		if _, err := Bootstrap(-1, 1, func(c []int32, o []float64) {}, opt); !errors.Is(err, ErrBootstrap) {
			t.Errorf("negative clusters: error %v", err)
		}
	})
}

// For the mean of G independent clusters the ideal bootstrap standard
// error is known exactly: σ̂/√G with σ̂² = Σ(v − v̄)²/G. With B replicates
// the bootstrap SE estimates it with relative standard error about
// 1/√(2(B−1)) (the mean being nearly normal): 1.6% for B = 2000, so a 7%
// tolerance is over four standard errors.
func TestBootstrapSEOfMean(t *testing.T) {
	const g = 800
	rng := rand.New(rand.NewPCG(8, 8))
	v := make([]float64, g)
	ones := make([]float64, g)
	mean := 0.0
	for i := range v {
		v[i] = rng.ExpFloat64() * 3
		ones[i] = 1
		mean += v[i]
	}
	mean /= g
	ss := 0.0
	for _, x := range v {
		ss += sq(x - mean)
	}
	want := math.Sqrt(ss/g) / math.Sqrt(g)
	for _, seed := range []uint64{1, 2, 3} {
		r, err := BootstrapRatios([]Ratio{{v, ones}}, BootstrapOptions{Replicates: 2000, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if rel := math.Abs(r.SE[0]-want) / want; rel > 0.07 {
			t.Errorf("seed %d: bootstrap SE %v, analytic %v (%.1f%% off)", seed, r.SE[0], want, 100*rel)
		}
		// The 95% percentile interval of a near-normal mean spans about
		// ±1.96 SE.
		if w := (r.Intervals[0].High - r.Intervals[0].Low) / (2 * 1.959964 * want); w < 0.9 || w > 1.1 {
			t.Errorf("seed %d: interval width %.3f of the normal one", seed, w)
		}
	}
}

// Coverage: with patient-level heterogeneity the cluster bootstrap keeps
// close to its nominal 95% while Wilson's interval, which treats
// alterations as independent, falls well short: the reason the bootstrap
// exists. 300 simulated cohorts give a coverage estimate with standard
// error 1.3%.
func TestBootstrapCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("coverage simulation")
	}
	const cohorts, g = 300, 80
	boot, wilson := 0, 0
	rng := rand.New(rand.NewPCG(2024, 6))
	for c := range cohorts {
		s := make([]float64, g)
		n := make([]float64, g)
		var ss, sn int
		for i := range g {
			// Detection probability Beta(1, 1) per patient: true PPA 0.5,
			// intra-patient correlation 1/3.
			p := rng.Float64()
			m := 1 + rng.IntN(9)
			for range m {
				if rng.Float64() < p {
					s[i]++
				}
			}
			n[i] = float64(m)
			ss += int(s[i])
			sn += m
		}
		r, err := BootstrapRatios([]Ratio{{s, n}}, BootstrapOptions{Replicates: 999, Seed: uint64(c)})
		if err != nil {
			t.Fatal(err)
		}
		if iv := r.Intervals[0]; iv.Low <= 0.5 && 0.5 <= iv.High {
			boot++
		}
		if iv := Wilson(ss, sn, 0.95); iv.Low <= 0.5 && 0.5 <= iv.High {
			wilson++
		}
	}
	bc, wc := float64(boot)/cohorts, float64(wilson)/cohorts
	t.Logf("coverage of 95%% intervals: cluster bootstrap %.3f, Wilson %.3f", bc, wc)
	if bc < 0.90 || bc > 0.99 {
		t.Errorf("bootstrap coverage %.3f, want about 0.95", bc)
	}
	if wc > bc-0.08 {
		t.Errorf("Wilson coverage %.3f is not clearly below the bootstrap's %.3f", wc, bc)
	}
}

func ExampleBootstrapRatios() {
	// Per-patient counts of shared (S), tissue-only (T) and plasma-only
	// (P) alterations.
	S := []float64{3, 0, 2, 5, 1, 0, 4}
	T := []float64{1, 2, 2, 0, 1, 3, 1}
	P := []float64{0, 1, 0, 1, 0, 0, 2}
	U := make([]float64, len(S))  // S+T+P
	ST := make([]float64, len(S)) // S+T
	for i := range S {
		U[i] = S[i] + T[i] + P[i]
		ST[i] = S[i] + T[i]
	}
	res, err := BootstrapRatios([]Ratio{{S, U}, {S, ST}}, BootstrapOptions{Replicates: 1000, Seed: 1})
	if err != nil {
		panic(err)
	}
	for k, name := range []string{"shared share", "PPA"} {
		iv := res.Intervals[k]
		fmt.Printf("%s %.3f (%.3f–%.3f), %d of 1000 replicates defined\n", name, iv.Estimate, iv.Low, iv.High, res.Valid[k])
	}
	// Output:
	// shared share 0.517 (0.273–0.706), 1000 of 1000 replicates defined
	// PPA 0.600 (0.316–0.806), 1000 of 1000 replicates defined
}
