package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Design builds a design matrix for FitLogit column by column: the
// intercept, numeric covariates and dummy-coded factors (treatment
// contrasts against a reference level, as R's default contr.treatment).
// A factor is kept as each observation's level, not as its dummy columns:
// Matrix writes those (a detection model of a 100,000-patient cohort has
// hundreds of thousands of observations and a dozen organ groups).
type Design struct {
	n     int
	names []string
	cols  []designColumn
}

// designColumn is one column: the intercept, a numeric covariate (x), or
// the dummy of one level of a factor (codes[i] == level).
type designColumn struct {
	x     []float64
	codes []int32 // shared by a factor's dummies
	level int32
	one   bool
}

// Intercept is the name of the intercept column.
const Intercept = "(Intercept)"

// NewDesign starts a design for n observations with an intercept column.
func NewDesign(n int) *Design {
	return &Design{n: n, names: []string{Intercept}, cols: []designColumn{{one: true}}}
}

// Numeric adds a covariate column. Every value must be finite.
func (d *Design) Numeric(name string, x []float64) error {
	if len(x) != d.n {
		return fmt.Errorf("stats: design column %q has %d values for %d observations", name, len(x), d.n)
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("stats: design column %q: observation %d is %v", name, i, v)
		}
	}
	d.names = append(d.names, name)
	d.cols = append(d.cols, designColumn{x: append([]float64(nil), x...)})
	return nil
}

// Factor adds one 0/1 indicator column for every level other than ref, in
// the order of levels, named name + "=" + level (for example "stage=II").
// Every value must be one of levels. A level that no observation takes
// gives an all-zero column, which FitLogit reports as a SingularError:
// pass only the levels present.
func (d *Design) Factor(name string, values, levels []string, ref string) error {
	if len(values) != d.n {
		return fmt.Errorf("stats: factor %q has %d values for %d observations", name, len(values), d.n)
	}
	pos := map[string]int32{}
	for _, l := range levels {
		if _, dup := pos[l]; dup {
			return fmt.Errorf("stats: factor %q: level %q given twice", name, l)
		}
		pos[l] = int32(len(pos))
	}
	if _, ok := pos[ref]; !ok {
		return fmt.Errorf("stats: factor %q: reference level %q is not among its levels %q", name, ref, levels)
	}
	codes := make([]int32, d.n)
	for i, v := range values {
		k, ok := pos[v]
		if !ok {
			return fmt.Errorf("stats: factor %q: observation %d has level %q, not among %q", name, i, v, levels)
		}
		codes[i] = k
	}
	for _, l := range levels {
		if l != ref {
			d.names = append(d.names, name+"="+l)
			d.cols = append(d.cols, designColumn{codes: codes, level: pos[l]})
		}
	}
	return nil
}

// Names returns the column names, in column order.
func (d *Design) Names() []string { return append([]string(nil), d.names...) }

// Matrix returns the n×k design matrix (an empty matrix when n = 0).
func (d *Design) Matrix() *mat.Dense {
	k := len(d.cols)
	if d.n == 0 {
		return &mat.Dense{}
	}
	m := mat.NewDense(d.n, k, nil)
	raw := m.RawMatrix()
	for j, c := range d.cols {
		for i := range d.n {
			v := 0.0
			switch {
			case c.one:
				v = 1
			case c.x != nil:
				v = c.x[i]
			case c.codes[i] == c.level:
				v = 1
			}
			raw.Data[i*raw.Stride+j] = v
		}
	}
	return m
}
