package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Defaults for FisherRx2.
const (
	// DefaultExactNodes bounds the exact enumeration of FisherRx2: about
	// 0.15 s of work at 7 ns a node. Past it the p-value is simulated.
	DefaultExactNodes = 20_000_000
	// DefaultFisherReplicates is the number of Monte Carlo tables when
	// the exact enumeration is too large: the simulated p-value then has
	// a standard error of at most 0.005.
	DefaultFisherReplicates = 10_000
)

// FisherOptions tunes FisherRx2. The zero value uses the defaults.
type FisherOptions struct {
	MaxNodes   int    // budget of the exact enumeration; 0: DefaultExactNodes
	Replicates int    // Monte Carlo tables; 0: DefaultFisherReplicates
	Seed       uint64 // seed of the Monte Carlo fallback
}

// FisherRx2Result is the Freeman–Halton exact test of an r×2 table.
type FisherRx2Result struct {
	P float64 // two-sided p-value; NaN for an empty table
	// Exact is true when P was computed by complete enumeration, false
	// when it was simulated.
	Exact bool
	// Replicates is the number of simulated tables (0 when Exact), and SE
	// the Monte Carlo standard error sqrt(P(1−P)/Replicates).
	Replicates int
	SE         float64
}

// Defined reports whether the p-value exists.
func (r FisherRx2Result) Defined() bool { return !math.IsNaN(r.P) }

// FisherRx2 returns the Freeman–Halton (1951) generalisation of Fisher's
// exact test to an r×2 table (rows: levels of a stratum, columns: outcome
// yes/no). Conditionally on the margins the table has the multivariate
// hypergeometric probability Π C(n_i, x_i) / C(N, m), and the p-value is
// the total probability of the tables no more probable than the observed
// one, with R's relative tolerance 1e-7 — the p-value of R's
// fisher.test(counts) (R's FEXACT network algorithm uses a tolerance of
// about 3.5e-7 in the log-probability; only tables tying with the observed
// one to within 1e-7 could be classed differently, and exact ties are
// classed alike).
//
// The p-value is computed exactly by enumerating the tables row by row,
// adding or discarding whole subtrees whose every completion is known to
// be no more probable (the most probable completion is found greedily, the
// log-binomial terms being concave) or more probable than the observed
// table. When more than opt.MaxNodes subtrees would be visited it is
// instead simulated like R's fisher.test(counts, simulate.p.value = TRUE,
// B = opt.Replicates): tables are drawn with the observed margins (row by
// row from hypergeometric distributions) with a PCG generator seeded by
// opt.Seed, and P = (1 + #{tables no more probable}) / (B + 1).
//
// Rows with no observations do not change the test. A table whose outcome
// column totals include a zero (everything in one category) has only one
// table with its margins, so P = 1. An empty table gives NaN.
func FisherRx2(counts [][2]int, opt FisherOptions) FisherRx2Result {
	if opt.MaxNodes <= 0 {
		opt.MaxNodes = DefaultExactNodes
	}
	if opt.Replicates <= 0 {
		opt.Replicates = DefaultFisherReplicates
	}
	var rows []int // row totals
	var obs []int  // observed first-column counts
	for _, c := range counts {
		if c[0] < 0 || c[1] < 0 {
			panic(fmt.Sprintf("stats: negative count in r×2 table row %v", c))
		}
		if n := c[0] + c[1]; n > 0 {
			rows = append(rows, n)
			obs = append(obs, c[0])
		}
	}
	if len(rows) == 0 {
		return FisherRx2Result{P: math.NaN(), Exact: true, SE: math.NaN()}
	}
	// Large rows first: the deep levels of the enumeration then branch
	// least. The order does not change the p-value.
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rows[idx[a]] > rows[idx[b]] })
	fe := &freemanHalton{}
	fe.n = make([]int, len(rows))
	xo := make([]int, len(rows))
	for i, j := range idx {
		fe.n[i], xo[i] = rows[j], obs[j]
	}
	fe.setup(xo)
	if p, ok := fe.exact(opt.MaxNodes); ok {
		return FisherRx2Result{P: p, Exact: true}
	}
	p := fe.simulate(opt.Replicates, opt.Seed, simCacheCells)
	return FisherRx2Result{P: p, Replicates: opt.Replicates, SE: math.Sqrt(p * (1 - p) / float64(opt.Replicates))}
}

type freemanHalton struct {
	n      []int       // row totals
	m      int         // first-column total
	rem    []int       // rem[i] = n[i] + … + n[r−1]
	lc     [][]float64 // lc[i][x] = log C(n[i], x)
	best   [][]float64 // best[i][t]: max Σ_{j≥i} lc[j][x_j] with Σ x_j = t
	least  [][]float64 // least[i][t]: a lower bound of the same sum
	all    [][]float64 // all[i][t] = log C(rem[i], t) − log C(N, m): the probability of every completion
	thr    float64     // log-weight of the observed table plus log(1+1e-7)
	logTot float64     // log C(N, m)

	// enumeration state
	p     float64
	nodes int
	limit int
}

func (fe *freemanHalton) setup(xo []int) {
	r := len(fe.n)
	fe.rem = make([]int, r+1)
	for i := r - 1; i >= 0; i-- {
		fe.rem[i] = fe.rem[i+1] + fe.n[i]
	}
	fe.lc = make([][]float64, r)
	obsW := 0.0
	for i, n := range fe.n {
		fe.lc[i] = make([]float64, n+1)
		for x := range fe.lc[i] {
			fe.lc[i][x] = lchoose(n, x)
		}
		fe.m += xo[i]
		obsW += fe.lc[i][xo[i]]
	}
	fe.thr = obsW + math.Log(relErr)
	fe.logTot = lchoose(fe.rem[0], fe.m)
}

// bounds fills best, least and all for t = 0..min(m, rem[i]). The maximum of a
// sum of concave functions of x_j under Σ x_j = t is reached greedily by
// adding, one unit at a time, to the row with the largest gain. The lower
// bound takes each row's minimum over its feasible range separately (a
// concave function is smallest at an end of its range).
func (fe *freemanHalton) bounds() {
	r := len(fe.n)
	fe.best = make([][]float64, r)
	fe.least = make([][]float64, r)
	fe.all = make([][]float64, r)
	x := make([]int, r)
	for i := 0; i < r; i++ {
		tmax := min(fe.m, fe.rem[i])
		best := make([]float64, tmax+1)
		least := make([]float64, tmax+1)
		clear(x)
		v := 0.0
		for t := 1; t <= tmax; t++ {
			bj, bg := -1, math.Inf(-1)
			for j := i; j < r; j++ {
				if x[j] < fe.n[j] {
					if g := fe.lc[j][x[j]+1] - fe.lc[j][x[j]]; g > bg {
						bj, bg = j, g
					}
				}
			}
			x[bj]++
			v += bg
			best[t] = v
		}
		for t := 0; t <= tmax; t++ {
			lb := 0.0
			for j := i; j < r; j++ {
				lo := max(0, t-(fe.rem[i]-fe.n[j]))
				hi := min(fe.n[j], t)
				lb += math.Min(fe.lc[j][lo], fe.lc[j][hi])
			}
			least[t] = lb
		}
		all := make([]float64, tmax+1)
		for t := range all {
			all[t] = lchoose(fe.rem[i], t) - fe.logTot
		}
		fe.best[i], fe.least[i], fe.all[i] = best, least, all
	}
}

// exact enumerates; ok is false when the node budget ran out.
func (fe *freemanHalton) exact(limit int) (p float64, ok bool) {
	if fe.m == 0 || fe.m == fe.rem[0] {
		return 1, true
	}
	fe.bounds()
	fe.p, fe.nodes, fe.limit = 0, 0, limit
	if !fe.walk(0, fe.m, 0) {
		return 0, false
	}
	return math.Min(1, fe.p), true
}

// walk visits the subtree of tables whose rows before i are fixed with
// log-weight lw, and t first-column counts left to place in rows i…r−1.
func (fe *freemanHalton) walk(i, t int, lw float64) bool {
	fe.nodes++
	if fe.nodes > fe.limit {
		return false
	}
	if lw+fe.best[i][t] <= fe.thr {
		// Every completion counts: their total weight is C(rem[i], t)
		// (Vandermonde's identity).
		fe.p += math.Exp(lw + fe.all[i][t])
		return true
	}
	if lw+fe.least[i][t] > fe.thr {
		return true
	}
	// At the last row best = least, so one of the tests above has
	// returned: here i < r−1.
	lo := max(0, t-fe.rem[i+1])
	hi := min(fe.n[i], t)
	for x := lo; x <= hi; x++ {
		if !fe.walk(i+1, t-x, lw+fe.lc[i][x]) {
			return false
		}
	}
	return true
}

// simCacheCells bounds the memo of simulate's mode probabilities (8 bytes
// a cell): past it the probabilities are recomputed at every draw.
const simCacheCells = 1 << 20

// simulate draws b tables; the mode probabilities are memoised when
// (r−1)(m+1) ≤ cacheCells.
func (fe *freemanHalton) simulate(b int, seed uint64, cacheCells int) float64 {
	src := rand.NewPCG(splitmix64(seed), splitmix64(seed^0x5851f42d4c957f2d))
	count := 0
	r := len(fe.n)
	// The draw of row i depends only on t, the first-column count still
	// to place, so the probability of its mode (three log-gamma calls,
	// most of a draw's time) is computed once per (i, t): the same
	// arithmetic, so the same draws.
	var modeP [][]float64
	if cells := (r - 1) * (fe.m + 1); r > 1 && cells <= cacheCells {
		buf := make([]float64, cells)
		for i := range buf {
			buf[i] = -1
		}
		modeP = make([][]float64, r-1)
		for i := range modeP {
			modeP[i] = buf[i*(fe.m+1) : (i+1)*(fe.m+1)]
		}
	}
	for range b {
		t := fe.m
		lw := 0.0
		for i := 0; i < r-1; i++ {
			var memo *float64
			if modeP != nil {
				memo = &modeP[i][t]
			}
			x := hypergeometric(src, fe.rem[i], t, fe.n[i], memo)
			lw += fe.lc[i][x]
			t -= x
		}
		lw += fe.lc[r-1][t]
		if lw <= fe.thr {
			count++
		}
	}
	return float64(1+count) / float64(b+1)
}

// hypergeometric draws the number of successes in n draws without
// replacement from a population of size pop holding k successes, by
// inversion searching outwards from the mode (chop-down search), which
// takes time proportional to the standard deviation. When memo is not nil
// it holds the probability of the mode for these (pop, k, n), or a
// negative number when not yet computed.
func hypergeometric(src *rand.PCG, pop, k, n int, memo *float64) int {
	lo, hi := max(0, n-(pop-k)), min(n, k)
	if lo == hi {
		return lo
	}
	mode := int((float64(n+1) * float64(k+1)) / float64(pop+2))
	mode = min(max(mode, lo), hi)
	var pm float64
	if memo != nil && *memo >= 0 {
		pm = *memo
	} else {
		pm = math.Exp(lchoose(k, mode) + lchoose(pop-k, n-mode) - lchoose(pop, n))
		if memo != nil {
			*memo = pm
		}
	}
	u := unitFloat(src) - pm
	if u < 0 {
		return mode
	}
	up, down := mode, mode
	pu, pd := pm, pm
	fk, fn, fr := float64(k), float64(n), float64(pop-k-n)
	for up < hi || down > lo {
		if up < hi {
			x := float64(up)
			pu *= (fk - x) * (fn - x) / ((x + 1) * (fr + x + 1))
			up++
			if u -= pu; u < 0 {
				return up
			}
		}
		if down > lo {
			x := float64(down)
			pd *= x * (fr + x) / ((fk - x + 1) * (fn - x + 1))
			down--
			if u -= pd; u < 0 {
				return down
			}
		}
	}
	return mode // only rounding leaves u ≥ 0 here
}

func unitFloat(src *rand.PCG) float64 {
	return float64(src.Uint64()>>11) * 0x1p-53
}

// splitmix64 is the finaliser of Steele, Lea and Flood's SplittableRandom
// (2014): a bijective mix used to derive independent generator seeds.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
