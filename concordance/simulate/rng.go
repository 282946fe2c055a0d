package simulate

import (
	"math"
	"math/rand/v2"
)

// patientRand returns the random stream of one patient: PCG seeded by the
// cohort seed and the patient's index, so a patient's draws do not depend
// on the thread that simulates it or on the other patients.
func patientRand(seed uint64, index int) *rand.Rand {
	return rand.New(rand.NewPCG(splitmix(seed), splitmix(uint64(index)+0x9E3779B97F4A7C15)))
}

// splitmix decorrelates nearby seeds (SplitMix64 finaliser, Steele et al.
// 2014).
func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// poisson draws from Poisson(lambda): inversion for small means, a
// rounded normal approximation for large ones.
func poisson(r *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 60 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*r.NormFloat64())))
	}
	l, k, p := math.Exp(-lambda), 0, r.Float64()
	for p > l {
		k++
		p *= r.Float64()
	}
	return k
}

// binomial draws from Binomial(n, p): exact for small n, Poisson for rare
// events, a normal approximation otherwise.
func binomial(r *rand.Rand, n int, p float64) int {
	switch {
	case n <= 0 || p <= 0:
		return 0
	case p >= 1:
		return n
	case n < 40:
		k := 0
		for i := 0; i < n; i++ {
			if r.Float64() < p {
				k++
			}
		}
		return k
	case float64(n)*p < 25:
		return min(n, poisson(r, float64(n)*p))
	case float64(n)*(1-p) < 25:
		return n - min(n, poisson(r, float64(n)*(1-p)))
	}
	mu, sd := float64(n)*p, math.Sqrt(float64(n)*p*(1-p))
	return max(0, min(n, int(math.Round(mu+sd*r.NormFloat64()))))
}

// lognormal returns median·exp(sigma·Z).
func lognormal(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

// gamma draws Gamma(shape, 1) (Marsaglia & Tsang 2000).
func gamma(r *rand.Rand, shape float64) float64 {
	if shape < 1 {
		return gamma(r, shape+1) * math.Pow(r.Float64(), 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// beta draws Beta(a, b).
func beta(r *rand.Rand, a, b float64) float64 {
	x := gamma(r, a)
	return x / (x + gamma(r, b))
}

// uniform draws from [lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// pick returns an index drawn with the given weights.
func pick(r *rand.Rand, w []float64) int {
	t := 0.0
	for _, x := range w {
		t += x
	}
	x := r.Float64() * t
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return len(w) - 1
}
