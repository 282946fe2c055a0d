package stats

import (
	"fmt"
	"math"
)

// ChiSquareResult is Pearson's chi-square test of independence.
type ChiSquareResult struct {
	Test
	// Yates is true when the continuity correction was applied.
	Yates bool
	// Expected holds the expected counts under independence, in the
	// shape of the input table (0 in empty rows and columns).
	Expected [][]float64
	// MinExpected is the smallest expected count among the rows and
	// columns used, and LowExpected is true when it is below 5: R's
	// warning "Chi-squared approximation may be incorrect". Callers can
	// then prefer an exact test (Fisher2x2, FisherRx2).
	MinExpected float64
	LowExpected bool
	// Rows and Cols are the numbers of non-empty rows and columns used.
	Rows, Cols int
}

// ChiSquare returns Pearson's (1900) chi-square test of independence of
// the r×c table of counts, with Yates's (1934) continuity correction for a
// 2×2 table when yates is true. It reproduces R's
// chisq.test(table, correct = yates): statistic Σ (|O − E| − Y)²/E with
// Y = min(0.5, min |O − E|) for a corrected 2×2 table and 0 otherwise, on
// (r − 1)(c − 1) degrees of freedom.
//
// Unlike R, which returns NaN when a row or column is empty, empty rows
// and columns are left out (a stratum level with no observations carries
// no information about independence) and the degrees of freedom count only
// the rest; Yates's correction applies when the remaining table is 2×2.
// The test is undefined when fewer than two rows or two columns remain.
// Rows must have equal lengths.
func ChiSquare(table [][]int, yates bool) ChiSquareResult {
	nr := len(table)
	nc := 0
	if nr > 0 {
		nc = len(table[0])
	}
	rowSum := make([]float64, nr)
	colSum := make([]float64, nc)
	total := 0.0
	for i, row := range table {
		if len(row) != nc {
			panic(fmt.Sprintf("stats: chi-square table row %d has %d columns, want %d", i, len(row), nc))
		}
		for j, v := range row {
			if v < 0 {
				panic(fmt.Sprintf("stats: negative count %d in chi-square table", v))
			}
			rowSum[i] += float64(v)
			colSum[j] += float64(v)
			total += float64(v)
		}
	}
	res := ChiSquareResult{Test: undefinedTest, MinExpected: math.NaN()}
	res.Expected = make([][]float64, nr)
	for i := range res.Expected {
		res.Expected[i] = make([]float64, nc)
	}
	for _, s := range rowSum {
		if s > 0 {
			res.Rows++
		}
	}
	for _, s := range colSum {
		if s > 0 {
			res.Cols++
		}
	}
	if res.Rows < 2 || res.Cols < 2 {
		return res
	}
	res.MinExpected = math.Inf(1)
	for i := range table {
		for j := range table[i] {
			if rowSum[i] > 0 && colSum[j] > 0 {
				e := rowSum[i] * colSum[j] / total
				res.Expected[i][j] = e
				res.MinExpected = math.Min(res.MinExpected, e)
			}
		}
	}
	res.LowExpected = res.MinExpected < 5
	corr := 0.0
	if yates && res.Rows == 2 && res.Cols == 2 {
		corr = 0.5
		for i := range table {
			for j, o := range table[i] {
				if e := res.Expected[i][j]; e > 0 {
					corr = math.Min(corr, math.Abs(float64(o)-e))
				}
			}
		}
		res.Yates = corr > 0
	}
	stat := 0.0
	for i := range table {
		for j, o := range table[i] {
			if e := res.Expected[i][j]; e > 0 {
				stat += sq(math.Abs(float64(o)-e)-corr) / e
			}
		}
	}
	df := (res.Rows - 1) * (res.Cols - 1)
	res.Test = Test{Statistic: stat, DF: df, P: chiSquareUpper(stat, df)}
	return res
}
