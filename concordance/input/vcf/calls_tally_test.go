package vcf

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// tallyFilter counts each FILTER value as a map would, in the order the
// values are first seen: a few values interleaved (as callers write
// them), values whose slots collide, more values than a slot can name
// (over 255) and the empty value.
func TestTallyFilter(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, distinct := range []int{1, 3, 11, 70, 300} {
		values := make([]string, distinct)
		for i := range values {
			values[i] = fmt.Sprintf("f%d;weak_evidence", i*7919%1000)
		}
		values[0] = ""
		var c CallReader
		want := map[string]int64{}
		var order []string
		for range 20000 {
			v := values[rng.IntN(distinct)]
			if want[v] == 0 {
				order = append(order, v)
			}
			want[v]++
			c.tallyFilter([]byte(v))
		}
		if len(c.filters) != len(order) {
			t.Fatalf("%d values: %d tallied, want %d", distinct, len(c.filters), len(order))
		}
		for i, f := range c.filters {
			if string(f.filter) != order[i] || f.n != want[order[i]] {
				t.Errorf("%d values: tally %d is %q×%d, want %q×%d", distinct, i, f.filter, f.n, order[i], want[order[i]])
			}
		}
	}
}
