package stats

import (
	"math/rand/v2"
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the CPU time the process has used. The bootstrap
// benchmarks report it per operation (cpu-ns/op) next to wall time: on a
// shared machine it is the steadier measure of the work done.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loopCPU runs f as the benchmark loop and reports its CPU time per call.
func loopCPU(b *testing.B, f func()) {
	b.ReportAllocs()
	start := cpuTime()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
}

// The concordance workload: 4,000 patients, the five ratios of strata.tsv
// and summary.json (three union shares, PPA, PPV), 1,000 replicates.
func BenchmarkBootstrapRatios4000x1000(b *testing.B) {
	ratios := concordanceRatios(cohort(4000, 1))
	opt := BootstrapOptions{Replicates: 1000, Seed: 1}
	loopCPU(b, func() {
		if _, err := BootstrapRatios(ratios, opt); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkBootstrapRatios4000x1000OneWorker(b *testing.B) {
	ratios := concordanceRatios(cohort(4000, 1))
	opt := BootstrapOptions{Replicates: 1000, Seed: 1, Workers: 1}
	loopCPU(b, func() {
		if _, err := BootstrapRatios(ratios, opt); err != nil {
			b.Fatal(err)
		}
	})
}

// The same five ratios from three columns (S, T, P) through BootstrapSums:
// the narrowest accumulation.
func BenchmarkBootstrapSums3Columns4000x1000(b *testing.B) {
	s, tOnly, pOnly := cohort(4000, 1)
	opt := BootstrapOptions{Replicates: 1000, Seed: 1}
	loopCPU(b, func() {
		_, err := BootstrapSums([][]float64{s, tOnly, pOnly}, 5, func(sum, out []float64) {
			S, T, P := sum[0], sum[1], sum[2]
			U := S + T + P
			out[0], out[1], out[2], out[3], out[4] = S/U, T/U, P/U, S/(S+T), S/(S+P)
		}, opt)
		if err != nil {
			b.Fatal(err)
		}
	})
}

// The generic API on the same statistic: counts, then weighted sums.
func BenchmarkBootstrapGeneric4000x1000(b *testing.B) {
	s, tOnly, pOnly := cohort(4000, 1)
	opt := BootstrapOptions{Replicates: 1000, Seed: 1}
	loopCPU(b, func() {
		_, err := Bootstrap(len(s), 5, func(counts []int32, out []float64) {
			var S, T, P float64
			for i, c := range counts {
				w := float64(c)
				S += w * s[i]
				T += w * tOnly[i]
				P += w * pOnly[i]
			}
			U := S + T + P
			out[0], out[1], out[2], out[3], out[4] = S/U, T/U, P/U, S/(S+T), S/(S+P)
		}, opt)
		if err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkWilson(b *testing.B) {
	for b.Loop() {
		Wilson(1457, 2932, 0.95)
	}
}

func BenchmarkClopperPearson(b *testing.B) {
	for b.Loop() {
		ClopperPearson(1457, 2932, 0.95)
	}
}

func BenchmarkNewcombePaired(b *testing.B) {
	for b.Loop() {
		NewcombePaired(Table2x2{120, 30, 8, 450}, 0.95)
	}
}

func BenchmarkFisher2x2Small(b *testing.B) {
	for b.Loop() {
		Fisher2x2(Table2x2{10, 2, 3, 15}, 0.95)
	}
}

func BenchmarkFisher2x2Large(b *testing.B) {
	for b.Loop() {
		Fisher2x2(Table2x2{1457, 1175, 300, 60}, 0.95)
	}
}

func BenchmarkFisherRx2Exact(b *testing.B) {
	t := [][2]int{{12, 30}, {20, 25}, {8, 40}, {30, 20}, {15, 15}}
	for b.Loop() {
		if r := FisherRx2(t, FisherOptions{}); !r.Exact {
			b.Fatal("not exact")
		}
	}
}

func BenchmarkFisherRx2MonteCarlo(b *testing.B) {
	t := [][2]int{{120, 300}, {200, 250}, {80, 400}, {300, 200}, {150, 150}, {90, 95}}
	for b.Loop() {
		if r := FisherRx2(t, FisherOptions{MaxNodes: 1}); r.Exact {
			b.Fatal("exact")
		}
	}
}

func BenchmarkChiSquare4x3(b *testing.B) {
	t := [][]int{{12, 30, 5}, {20, 25, 9}, {8, 40, 2}, {30, 20, 11}}
	for b.Loop() {
		ChiSquare(t, false)
	}
}

func BenchmarkAdjustBH1000(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	p := make([]float64, 1000)
	for i := range p {
		p[i] = rng.Float64()
	}
	b.ReportAllocs()
	for b.Loop() {
		AdjustBH(p)
	}
}

// 618 alterations, 9 coefficients, 150 clusters (testdata/logit.tsv).
func BenchmarkFitLogit618(b *testing.B) {
	d, y, patient := readLogitData(b)
	x := d.Matrix()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitLogit(x, y, patient); err != nil {
			b.Fatal(err)
		}
	}
}

// The detection model at national scale: 4,000 patients, 20,000 tissue
// alterations, 12 coefficients.
func BenchmarkFitLogit20000(b *testing.B) {
	const n = 20000
	rng := rand.New(rand.NewPCG(5, 5))
	d := NewDesign(n)
	logvaf := make([]float64, n)
	tier := make([]string, n)
	stage := make([]string, n)
	class := make([]string, n)
	y := make([]bool, n)
	patient := make([]int, n)
	for i := range n {
		patient[i] = i / 5
		logvaf[i] = -4 + 3.5*rng.Float64()
		tier[i] = []string{"lt1", "1to10", "ge10", "unknown"}[rng.IntN(4)]
		stage[i] = []string{"I", "II", "III", "IV"}[rng.IntN(4)]
		class[i] = []string{"snv", "indel", "cnv", "fusion"}[rng.IntN(4)]
		y[i] = rng.Float64() < 1/(1+2.7/(1+logvaf[i]+4))
	}
	for _, err := range []error{
		d.Numeric("logvaf", logvaf),
		d.Factor("tf", tier, []string{"lt1", "1to10", "ge10", "unknown"}, "lt1"),
		d.Factor("stage", stage, []string{"I", "II", "III", "IV"}, "I"),
		d.Factor("class", class, []string{"snv", "indel", "cnv", "fusion"}, "snv"),
	} {
		if err != nil {
			b.Fatal(err)
		}
	}
	x := d.Matrix()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := FitLogit(x, y, patient); err != nil {
			b.Fatal(err)
		}
	}
}
