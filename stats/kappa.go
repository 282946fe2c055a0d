package stats

import "math"

// Kappa is the agreement between two binary ratings of the same items.
type Kappa struct {
	N int
	// Observed is the proportion of agreement (A + D)/N and Chance the
	// agreement expected from the margins alone.
	Observed, Chance float64
	// Kappa is Cohen's κ = (Observed − Chance)/(1 − Chance) with the Wald
	// interval κ ± z·SE truncated to [−1, 1]; SE is the large-sample standard error of Fleiss,
	// Cohen and Everitt (1969). Undefined (NaN) when Chance = 1, i.e. both
	// ratings put every item in the same single category.
	Kappa Interval
	SE    float64
	// PABAK is the prevalence- and bias-adjusted kappa 2·Observed − 1
	// (Byrt, Bishop and Carlin 1993).
	PABAK float64
}

// Defined reports whether κ exists.
func (k Kappa) Defined() bool { return k.Kappa.Defined() }

// CohenKappa returns Cohen's (1960) kappa for a 2×2 agreement table (rows:
// first rating positive/negative, columns: second), its asymptotic
// standard error and interval at level, the observed agreement and PABAK.
// κ and its standard error reproduce vcd::Kappa(matrix(c(A, C, B, D), 2))
// in R, the interval confint() of it (κ ± qnorm((1+level)/2)·SE,
// truncated to [−1, 1]). Everything is NaN for an empty table.
func CohenKappa(t Table2x2, level float64) Kappa {
	t.mustValid()
	mustLevel(level)
	n := t.N()
	nan := math.NaN()
	if n == 0 {
		return Kappa{Observed: nan, Chance: nan, Kappa: Undefined, SE: nan, PABAK: nan}
	}
	nf := float64(n)
	p := [2][2]float64{{float64(t.A) / nf, float64(t.B) / nf}, {float64(t.C) / nf, float64(t.D) / nf}}
	row := [2]float64{p[0][0] + p[0][1], p[1][0] + p[1][1]}
	col := [2]float64{p[0][0] + p[1][0], p[0][1] + p[1][1]}
	po := p[0][0] + p[1][1]
	pe := row[0]*col[0] + row[1]*col[1]
	k := Kappa{N: n, Observed: po, Chance: pe, PABAK: 2*po - 1, Kappa: Undefined, SE: nan}
	if pe >= 1 {
		return k
	}
	kappa := (po - pe) / (1 - pe)
	// Fleiss, Cohen & Everitt (1969), eq. 13 with identity weights:
	// Σ_ij p_ij [δ_ij − (p_.i + p_j.)(1 − κ)]² − (κ − pe(1 − κ))², over
	// N(1 − pe)².
	s := 0.0
	for i := range 2 {
		for j := range 2 {
			w := 0.0
			if i == j {
				w = 1
			}
			s += p[i][j] * sq(w-(col[i]+row[j])*(1-kappa))
		}
	}
	v := (s - sq(kappa-pe*(1-kappa))) / sq(1-pe) / nf
	k.SE = math.Sqrt(math.Max(0, v))
	z := zQuantile(level)
	k.Kappa = Interval{Estimate: kappa, Low: math.Max(-1, kappa-z*k.SE), High: math.Min(1, kappa+z*k.SE)}
	return k
}
