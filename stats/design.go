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

// Fit is FitLogit of y on the design's columns cols (indices into Names,
// in order), without the design matrix beside it while the columns are
// checked for dependence: the check's orthogonal basis and the matrix
// are each as large as the design, and for a model of a 100,000-patient
// cohort (hundreds of thousands of observations) they were the largest
// memory of the cohort stage. A *SingularError's Column indexes cols.
func (d *Design) Fit(cols []int, y []bool, cluster []int) (*LogitFit, error) {
	n, k := d.n, len(cols)
	if n == 0 || k == 0 {
		return nil, fmt.Errorf("%w: empty design matrix", ErrDesign)
	}
	if err := checkLogit(n, k, y, cluster); err != nil {
		return nil, err
	}
	if j := firstDependentColumn(n, k, func(j int, v []float64) { d.column(cols[j], v) }); j >= 0 {
		return nil, &SingularError{Column: j}
	}
	rows := make([]float64, n*k)
	v := make([]float64, n)
	for j, c := range cols {
		d.column(c, v)
		for i, x := range v {
			rows[i*k+j] = x
		}
	}
	return fitRows(rows, n, k, y, cluster)
}

// column writes column j into v (n values).
func (d *Design) column(j int, v []float64) {
	c := d.cols[j]
	for i := range v {
		switch {
		case c.one:
			v[i] = 1
		case c.x != nil:
			v[i] = c.x[i]
		case c.codes[i] == c.level:
			v[i] = 1
		default:
			v[i] = 0
		}
	}
}

// Matrix returns the n×k design matrix (an empty matrix when n = 0).
func (d *Design) Matrix() *mat.Dense {
	k := len(d.cols)
	if d.n == 0 {
		return &mat.Dense{}
	}
	m := mat.NewDense(d.n, k, nil)
	v := make([]float64, d.n)
	for j := range d.cols {
		d.column(j, v)
		m.SetCol(j, v)
	}
	return m
}
