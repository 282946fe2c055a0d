package stats

import "fmt"

// Table2x2 is a 2×2 table of counts laid out as
//
//	A B
//	C D
//
// For two independent groups (Fisher's test, the chi-square test) the rows
// are the groups and the first column the outcome of interest. For paired
// observations (McNemar's test, kappa, NewcombePaired) the rows are the
// first rating (for example tissue: positive, negative) and the columns the
// second (plasma: positive, negative), so A = both positive, B = first
// only, C = second only, D = both negative.
type Table2x2 struct {
	A, B, C, D int
}

// N returns the total count.
func (t Table2x2) N() int { return t.A + t.B + t.C + t.D }

func (t Table2x2) mustValid() {
	if t.A < 0 || t.B < 0 || t.C < 0 || t.D < 0 {
		panic(fmt.Sprintf("stats: negative count in 2×2 table %+v", t))
	}
}

// Rows returns the table as a 2×2 slice of rows, for ChiSquare.
func (t Table2x2) Rows() [][]int {
	return [][]int{{t.A, t.B}, {t.C, t.D}}
}
