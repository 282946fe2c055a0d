package stats

import (
	"math"
	"math/bits"
)

// columnSummer adds up columns of per-cluster values over the clusters of a
// resample: the inner loop of BootstrapSums. Its result is exact and
// independent of the path taken whenever the column totals are exact in
// float64 (integer data, the concordance counts), because then no rounding
// happens in either path.
type columnSummer struct {
	m int
	// Float path: the columns in blocks of up to four, each block stored
	// row-major, so that a drawn cluster is one contiguous run of values
	// per block and each block is summed by an unrolled kernel.
	blocks [][]float64
	// Packed path, for small non-negative integers: several columns share
	// one 64-bit word, each in a bit field wide enough that no total over
	// a resample can carry into the next field, so one integer addition
	// per word adds them all. packed is row-major, words per cluster.
	packed []uint64
	words  int
	fields []bitField
}

type bitField struct {
	word  int
	shift uint
	mask  uint64
}

// newColumnSummer prepares the columns (each with one value per cluster).
// With pack, columns of non-negative integers are packed when they fit in
// at most two words.
func newColumnSummer(columns [][]float64, pack bool) *columnSummer {
	cs := &columnSummer{m: len(columns)}
	g := len(columns[0])
	if pack && cs.pack(columns, g) {
		return cs
	}
	for c0 := 0; c0 < cs.m; c0 += 4 {
		w := min(4, cs.m-c0)
		rows := make([]float64, g*w)
		for c := range w {
			for i, v := range columns[c0+c] {
				rows[i*w+c] = v
			}
		}
		cs.blocks = append(cs.blocks, rows)
	}
	return cs
}

func (cs *columnSummer) pack(columns [][]float64, g int) bool {
	word, used := 0, uint(0)
	for _, col := range columns {
		maxV := 0.0
		for _, v := range col {
			if !(v >= 0) || v != math.Trunc(v) || v > 1<<31 {
				return false
			}
			maxV = math.Max(maxV, v)
		}
		// A resample total is at most g·max.
		width := uint(bits.Len64(uint64(g) * uint64(maxV)))
		width = max(width, 1)
		if used+width > 64 {
			word, used = word+1, 0
		}
		if word >= 2 {
			return false
		}
		cs.fields = append(cs.fields, bitField{word: word, shift: used, mask: 1<<width - 1})
		used += width
	}
	cs.words = word + 1
	cs.packed = make([]uint64, g*cs.words)
	for c, col := range columns {
		f := cs.fields[c]
		for i, v := range col {
			cs.packed[i*cs.words+f.word] |= uint64(v) << f.shift
		}
	}
	return true
}

// sum sets sums[c] to the total of column c over the clusters idx.
func (cs *columnSummer) sum(idx []int32, sums []float64) {
	if cs.packed == nil {
		for k, rows := range cs.blocks {
			accumulate(idx, rows, sums[4*k:min(4*k+4, cs.m)])
		}
		return
	}
	var tot [2]uint64
	odd := len(idx) % 2
	pairs := idx[odd:]
	// Two independent chains of additions per word, as in accumulate.
	if cs.words == 1 {
		var a, b uint64
		for j := 0; j < len(pairs); j += 2 {
			a += cs.packed[pairs[j]]
			b += cs.packed[pairs[j+1]]
		}
		if odd == 1 {
			a += cs.packed[idx[0]]
		}
		tot[0] = a + b
	} else {
		var a0, a1, b0, b1 uint64
		for j := 0; j < len(pairs); j += 2 {
			r := cs.packed[2*int(pairs[j]):]
			q := cs.packed[2*int(pairs[j+1]):]
			a0 += r[0]
			a1 += r[1]
			b0 += q[0]
			b1 += q[1]
		}
		if odd == 1 {
			r := cs.packed[2*int(idx[0]):]
			a0 += r[0]
			a1 += r[1]
		}
		tot[0], tot[1] = a0+b0, a1+b1
	}
	for c, f := range cs.fields {
		sums[c] = float64(tot[f.word] >> f.shift & f.mask)
	}
}

// accumulate adds the rows idx of the row-major matrix rows, of width
// len(sums) between 1 and 4, into sums. Two rows are taken per iteration
// into two sets of accumulators: a single chain of dependent additions
// would wait on the adder's latency at every draw.
func accumulate(idx []int32, rows, sums []float64) {
	odd := len(idx) % 2
	pairs := idx[odd:]
	switch len(sums) {
	case 1:
		var a0, b0 float64
		for j := 0; j < len(pairs); j += 2 {
			a0 += rows[pairs[j]]
			b0 += rows[pairs[j+1]]
		}
		if odd == 1 {
			a0 += rows[idx[0]]
		}
		sums[0] = a0 + b0
	case 2:
		var a0, a1, b0, b1 float64
		for j := 0; j < len(pairs); j += 2 {
			r := rows[2*int(pairs[j]):]
			q := rows[2*int(pairs[j+1]):]
			a0 += r[0]
			a1 += r[1]
			b0 += q[0]
			b1 += q[1]
		}
		if odd == 1 {
			r := rows[2*int(idx[0]):]
			a0 += r[0]
			a1 += r[1]
		}
		sums[0], sums[1] = a0+b0, a1+b1
	case 3:
		var a0, a1, a2, b0, b1, b2 float64
		for j := 0; j < len(pairs); j += 2 {
			r := rows[3*int(pairs[j]):]
			q := rows[3*int(pairs[j+1]):]
			a0 += r[0]
			a1 += r[1]
			a2 += r[2]
			b0 += q[0]
			b1 += q[1]
			b2 += q[2]
		}
		if odd == 1 {
			r := rows[3*int(idx[0]):]
			a0 += r[0]
			a1 += r[1]
			a2 += r[2]
		}
		sums[0], sums[1], sums[2] = a0+b0, a1+b1, a2+b2
	case 4:
		var a0, a1, a2, a3, b0, b1, b2, b3 float64
		for j := 0; j < len(pairs); j += 2 {
			r := rows[4*int(pairs[j]):]
			q := rows[4*int(pairs[j+1]):]
			a0 += r[0]
			a1 += r[1]
			a2 += r[2]
			a3 += r[3]
			b0 += q[0]
			b1 += q[1]
			b2 += q[2]
			b3 += q[3]
		}
		if odd == 1 {
			r := rows[4*int(idx[0]):]
			a0 += r[0]
			a1 += r[1]
			a2 += r[2]
			a3 += r[3]
		}
		sums[0], sums[1], sums[2], sums[3] = a0+b0, a1+b1, a2+b2, a3+b3
	}
}
