package stats

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// BootstrapOptions configures a clustered bootstrap.
type BootstrapOptions struct {
	// Replicates is the number of bootstrap samples (at least 1; 1,000
	// or more for 95% percentile intervals).
	Replicates int
	// Seed fixes the resamples: replicate r draws from its own PCG
	// generator seeded from (Seed, r), so results do not depend on
	// Workers or on scheduling.
	Seed uint64
	// Workers is the number of goroutines; 0 or less uses GOMAXPROCS.
	Workers int
	// Level is the confidence level of the percentile intervals; 0 means
	// 0.95.
	Level float64
	// Keep asks for the replicate matrix in BootstrapResult.Replicates.
	Keep bool
}

// BootstrapResult holds, for each statistic k, its value on the observed
// data and its bootstrap distribution summaries.
type BootstrapResult struct {
	// Estimate[k] is statistic k on the observed sample (every cluster
	// once).
	Estimate []float64
	// Intervals[k] is the percentile interval: the (1−level)/2 and
	// (1+level)/2 quantiles of the defined replicate values (R's
	// quantile type 7), with Estimate[k] as its estimate. Undefined when
	// no replicate defined the statistic or the observed value is NaN.
	Intervals []Interval
	// SE[k] is the standard deviation of the defined replicate values
	// (NaN with fewer than two).
	SE []float64
	// Valid[k] counts the replicates in which statistic k was defined
	// (not NaN). A ratio is undefined in a resample whose denominator is
	// zero; such replicates are left out of the interval, so the interval
	// is conditional on the statistic existing. Callers should report
	// Valid when it is below Replicates.
	Valid []int
	// Replicates is the replicate matrix, row r = replicate r with
	// Stats values, when BootstrapOptions.Keep was set; nil otherwise.
	Replicates []float64
	Stats      int
}

// ErrBootstrap is wrapped by the errors of the bootstrap functions.
var ErrBootstrap = errors.New("stats: bootstrap")

// Bootstrap runs a cluster (patient) bootstrap (Field and Welsh 2007; Efron
// and Tibshirani 1993, ch. 13): each replicate draws `clusters` clusters
// with replacement, and stat receives counts[i], the number of times
// cluster i was drawn (0, 1, 2, …), and writes its nstat values to out.
// The observed estimate is stat with every count 1.
//
// stat is called concurrently from several goroutines, each with its own
// counts and out, which it must not retain; it must only read shared data.
// A NaN output marks the statistic undefined in that replicate.
//
// With zero clusters every replicate is the empty sample; with one
// cluster every replicate equals the observed sample, so the intervals
// collapse to the estimate.
func Bootstrap(clusters, nstat int, stat func(counts []int32, out []float64), opt BootstrapOptions) (*BootstrapResult, error) {
	if clusters < 0 || nstat < 1 || stat == nil {
		return nil, fmt.Errorf("%w: %d clusters, %d statistics", ErrBootstrap, clusters, nstat)
	}
	if clusters > math.MaxInt32 {
		return nil, fmt.Errorf("%w: %d clusters is too many", ErrBootstrap, clusters)
	}
	b, err := newBootRun(nstat, opt)
	if err != nil {
		return nil, err
	}
	counts := make([]int32, clusters)
	for i := range counts {
		counts[i] = 1
	}
	est := make([]float64, nstat)
	stat(counts, est)
	b.run(func() func(src *rand.PCG, out []float64) {
		counts := make([]int32, clusters)
		idx := make([]int32, clusters)
		return func(src *rand.PCG, out []float64) {
			clear(counts)
			if clusters > 0 {
				drawClusters(src, uint32(clusters), idx)
				for _, i := range idx {
					counts[i]++
				}
			}
			stat(counts, out)
		}
	})
	return b.result(est), nil
}

// BootstrapSums is the fast path of Bootstrap for statistics that depend
// on the data only through sums over clusters. columns[c][i] is the value
// of column c for cluster i (every column has one value per cluster); each
// replicate adds up each column over the resampled clusters and passes the
// totals to stat, which writes its nstat values to out. Like Bootstrap,
// stat runs concurrently and must not retain its arguments.
//
// A ratio of cluster sums Σ a_i / Σ b_i — concordance S/(S+T+P), PPA
// S/(S+T) — is the typical statistic; BootstrapRatios builds it.
//
// It draws the same clusters as Bootstrap for the same seed. Columns of
// small non-negative integers (counts) are summed as integers packed into
// bit fields, the others in float64; integer totals are exact either way.
// Fewer columns are faster: pass S, T and P and form S+T+P in stat rather
// than passing it as a fourth column.
func BootstrapSums(columns [][]float64, nstat int, stat func(sums, out []float64), opt BootstrapOptions) (*BootstrapResult, error) {
	if len(columns) == 0 || nstat < 1 || stat == nil {
		return nil, fmt.Errorf("%w: %d columns, %d statistics", ErrBootstrap, len(columns), nstat)
	}
	g := len(columns[0])
	for c, col := range columns {
		if len(col) != g {
			return nil, fmt.Errorf("%w: column %d has %d clusters, column 0 has %d", ErrBootstrap, c, len(col), g)
		}
	}
	if g > math.MaxInt32 {
		return nil, fmt.Errorf("%w: %d clusters is too many", ErrBootstrap, g)
	}
	b, err := newBootRun(nstat, opt)
	if err != nil {
		return nil, err
	}
	m := len(columns)
	summer := newColumnSummer(columns, true)
	obs := make([]float64, m)
	for c, col := range columns {
		for _, v := range col {
			obs[c] += v
		}
	}
	est := make([]float64, nstat)
	stat(obs, est)
	b.run(func() func(src *rand.PCG, out []float64) {
		sums := make([]float64, m)
		idx := make([]int32, g)
		return func(src *rand.PCG, out []float64) {
			clear(sums)
			if g > 0 {
				drawClusters(src, uint32(g), idx)
				summer.sum(idx, sums)
			}
			stat(sums, out)
		}
	})
	return b.result(est), nil
}

// Ratio is a ratio of cluster sums Σ Num[i] / Σ Den[i] over the clusters
// of a sample, undefined (NaN) when the denominator sums to zero.
type Ratio struct {
	Num, Den []float64
}

// BootstrapRatios bootstraps several ratios of cluster sums at once, the
// statistics of concordance: with per-patient counts S, T, P, the share
// S/(S+T+P) is Ratio{S, U} with U = S+T+P and the PPA S/(S+T) is
// Ratio{S, ST}. Statistic k is ratios[k]. Vectors passed more than once
// (the same slice) are summed once.
func BootstrapRatios(ratios []Ratio, opt BootstrapOptions) (*BootstrapResult, error) {
	if len(ratios) == 0 {
		return nil, fmt.Errorf("%w: no ratios", ErrBootstrap)
	}
	var cols [][]float64
	colOf := func(v []float64) int {
		for c, u := range cols {
			if len(u) == len(v) && (len(v) == 0 || &u[0] == &v[0]) {
				return c
			}
		}
		cols = append(cols, v)
		return len(cols) - 1
	}
	num := make([]int, len(ratios))
	den := make([]int, len(ratios))
	for k, r := range ratios {
		num[k], den[k] = colOf(r.Num), colOf(r.Den)
	}
	return BootstrapSums(cols, len(ratios), func(sums, out []float64) {
		for k := range out {
			if d := sums[den[k]]; d != 0 {
				out[k] = sums[num[k]] / d
			} else {
				out[k] = math.NaN()
			}
		}
	}, opt)
}

// bootRun holds what the bootstrap variants share: validated options, the
// replicate matrix and the parallel loop.
type bootRun struct {
	opt   BootstrapOptions
	nstat int
	reps  []float64
}

func newBootRun(nstat int, opt BootstrapOptions) (*bootRun, error) {
	if opt.Replicates < 1 {
		return nil, fmt.Errorf("%w: %d replicates, want at least 1", ErrBootstrap, opt.Replicates)
	}
	if opt.Level == 0 {
		opt.Level = 0.95
	}
	if err := CheckLevel(opt.Level); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBootstrap, err)
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	opt.Workers = min(opt.Workers, opt.Replicates)
	return &bootRun{opt: opt, nstat: nstat, reps: make([]float64, opt.Replicates*nstat)}, nil
}

// replicateSeed derives the generator of replicate r from the seed. It is
// part of the output contract: changing it changes every bootstrap result.
func replicateSeed(seed uint64, r int) (uint64, uint64) {
	h := splitmix64(seed)
	return splitmix64(h ^ uint64(2*r)), splitmix64(h ^ uint64(2*r+1))
}

// run fills the replicate matrix. newWorker returns one replicate function
// per goroutine, owning its scratch memory. Each replicate is drawn from
// its own seeded generator and stored by index, so the matrix does not
// depend on the workers.
func (b *bootRun) run(newWorker func() func(src *rand.PCG, out []float64)) {
	b.spread(b.opt.Replicates, 8, func() func(r int) {
		one := newWorker()
		var src rand.PCG
		return func(r int) {
			src.Seed(replicateSeed(b.opt.Seed, r))
			one(&src, b.reps[r*b.nstat:(r+1)*b.nstat])
		}
	})
}

// spread calls, on b.opt.Workers goroutines, one function per goroutine
// (from newWorker, owning its scratch memory) for every index in [0, n),
// handed out in blocks of block from an atomic counter. (stats imports no
// project package, so that the figures and the report depend on few: this
// loop is its own, not internal/parallel's.)
func (b *bootRun) spread(n, block int, newWorker func() func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(b.opt.Workers, (n+block-1)/block) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			one := newWorker()
			for {
				start := int(next.Add(int64(block))) - block
				if start >= n {
					return
				}
				for i := start; i < min(start+block, n); i++ {
					one(i)
				}
			}
		}()
	}
	wg.Wait()
}

func (b *bootRun) result(est []float64) *BootstrapResult {
	B, k := b.opt.Replicates, b.nstat
	res := &BootstrapResult{
		Estimate:  est,
		Intervals: make([]Interval, k),
		SE:        make([]float64, k),
		Valid:     make([]int, k),
		Stats:     k,
	}
	lo, hi := (1-b.opt.Level)/2, (1+b.opt.Level)/2
	// each statistic on its own (sorting its replicates was a third of a
	// 1,000-replicate bootstrap's time), on the workers
	b.spread(k, 16, func() func(s int) {
		col := make([]float64, 0, B)
		return func(s int) {
			col = col[:0]
			for r := range B {
				if v := b.reps[r*k+s]; !math.IsNaN(v) {
					col = append(col, v)
				}
			}
			res.Valid[s] = len(col)
			slices.Sort(col)
			res.SE[s] = sampleSD(col)
			if len(col) == 0 || math.IsNaN(est[s]) {
				res.Intervals[s] = Undefined
				return
			}
			res.Intervals[s] = Interval{Estimate: est[s], Low: quantile7(col, lo), High: quantile7(col, hi)}
		}
	})
	if b.opt.Keep {
		res.Replicates = b.reps
	}
	return res
}

// quantile7 is R's default quantile (type 7) of sorted x.
func quantile7(x []float64, p float64) float64 {
	h := float64(len(x)-1) * p
	i := int(math.Floor(h))
	if i+1 >= len(x) {
		return x[len(x)-1]
	}
	return x[i] + (h-float64(i))*(x[i+1]-x[i])
}

// sampleSD is the standard deviation of sorted x: exactly 0 when every
// value is the same (a two-pass formula leaves rounding noise there).
func sampleSD(x []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	if x[0] == x[len(x)-1] {
		return 0
	}
	mean := 0.0
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	ss := 0.0
	for _, v := range x {
		ss += sq(v - mean)
	}
	return math.Sqrt(ss / float64(len(x)-1))
}

// drawClusters fills idx with uniform draws from [0, n), n > 0. Each
// 64-bit PCG output gives two 32-bit words, low half first, and each word
// becomes an index by Lemire's (2019) multiply-and-reject method
// (unbiased): words below 2³² mod n, a fraction under n/2³², are skipped.
// A word left over at the end is discarded. This is the inner loop of
// every bootstrap, so it stays in one function with the generator inlined.
func drawClusters(src *rand.PCG, n uint32, idx []int32) {
	thresh := -n % n // 2³² mod n
	j := 0
	for j+1 < len(idx) {
		v := src.Uint64()
		hi0, lo0 := bits.Mul32(uint32(v), n)
		hi1, lo1 := bits.Mul32(uint32(v>>32), n)
		switch {
		case lo0 >= thresh && lo1 >= thresh:
			idx[j], idx[j+1] = int32(hi0), int32(hi1)
			j += 2
		case lo0 >= thresh:
			idx[j] = int32(hi0)
			j++
		case lo1 >= thresh:
			idx[j] = int32(hi1)
			j++
		}
	}
	for j < len(idx) {
		if hi, lo := bits.Mul32(uint32(src.Uint64()), n); lo >= thresh {
			idx[j] = int32(hi)
			j++
		}
	}
}
