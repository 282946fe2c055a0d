package hgvs

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestPositionBound: positions, distances and counts are bounded by
// MaxResidues, 40,000: titin (TTN, UniProtKB Q8WZ42), the longest human
// protein, has 34,350 residues. A value beyond it is a parse error that
// names it (issue 10: p.A7999999900B once ended in "out of memory").
func TestPositionBound(t *testing.T) {
	for _, in := range []string{
		"p.K34350E",           // the last residue of titin's canonical isoform
		"p.A40000B",           // the bound itself
		"p.A39999_B40000insK", // an insertion at the bound
		"p.N139Qfs*40000",     // a tail at the bound
		"p.A775_G776ins40000", // a count at the bound
		"p.Met1ext-40000",     // an N-terminal extension at the bound
		"p.X40000_splice",     // the MAF splice pseudo-notation
	} {
		if _, err := Parse(in); err != nil {
			t.Errorf("Parse(%q): %v, want it accepted", in, err)
		}
	}
	for in, value := range map[string]string{
		"p.A7999999900B":                 "7999999900",
		"p.A40001B":                      "40001",
		"p.Ala40001Glu":                  "40001",
		"p.A1_B40001del":                 "40001",
		"p.N139Qfs*40001":                "40001",
		"p.Asn139GlnfsTer99999":          "99999",
		"p.A775_G776ins40001":            "40001",
		"p.M1ext-40001":                  "40001",
		"p.X40001_splice":                "40001",
		"p.V99999999999999999999999999E": "99999999999999999999999999", // beyond an int64
	} {
		_, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want a bound error", in)
			continue
		}
		if !errors.Is(err, ErrSyntax) || !errors.Is(err, ErrBound) || !strings.Contains(err.Error(), value) || !strings.Contains(err.Error(), "40000") {
			t.Errorf("Parse(%q) = %v; want an ErrSyntax naming %s and the bound 40000", in, err, value)
		}
	}
	// Hostile lengths cost linear time: a megabyte of ")" took minutes.
	if _, err := Parse("p." + strings.Repeat(")", 1<<20)); err == nil {
		t.Error("a megabyte of parentheses parsed")
	}
	long := "p.A1_B2delins" + strings.Repeat("K", MaxResidues+1)
	if _, err := Parse(long); err == nil || !strings.Contains(err.Error(), "40001 inserted residues") {
		t.Errorf("Parse of %d inserted residues: %v, want a bound error", MaxResidues+1, err)
	}
	if _, err := Parse(strings.Repeat("p.V600E", 1)[:2] + strings.Repeat("9", 1<<20)); err == nil || len(err.Error()) > 400 {
		t.Errorf("a megabyte of digits: error %d bytes long, want it clipped", len(errString(err)))
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestEquivalentCost: comparing two changes costs the length of their
// edits, not the distance between them. p.A1B against p.A7999999900B is
// refused at parse time; two changes 40,000 residues apart (or a hand-built
// change beyond the bound) must not spell out the residues between them.
// The uncompressed window of the first pairs would allocate about 1 MB
// (40,000 symbols of 16 bytes, and the unifier's 10 bytes a position).
func TestEquivalentCost(t *testing.T) {
	if Equivalent("p.A1B", "p.A7999999900B") {
		t.Error("p.A1B ~ p.A7999999900B: the second is not a protein change")
	}
	pairs := []struct {
		a, b string
		want bool
	}{
		{"p.V600E", "p.V39000E", false},
		{"p.K5del", "p.K39999del", true}, // the documented repeat assumption: every residue between is K
		{"p.K5del", "p.E39999del", false},
		{"p.Y772_A775dup", "p.A39000_G39001insYVMA", false},
		{"p.P780dup", "p.P39999_Q40000insP", true},  // a run of P between, as for p.P780dup ~ p.P780_Y781insP
		{"p.P780dup", "p.G39999_P40000insP", false}, // the run of P would have to include G39999
	}
	for _, tc := range pairs {
		var got bool
		bytes := allocated(func() { got = Equivalent(tc.a, tc.b) })
		if got != tc.want {
			t.Errorf("Equivalent(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		// The same answer as the whole window unified (the oracle, at its cost).
		ca, _ := Parse(tc.a)
		cb, _ := Parse(tc.b)
		ea, _ := ca.edit()
		eb, _ := cb.edit()
		if oracle := ea.delta() == eb.delta() && unifyWindow(ea, eb); oracle != got {
			t.Errorf("Equivalent(%q, %q) = %v, the uncompressed window says %v", tc.a, tc.b, got, oracle)
		}
		if bytes > 64<<10 {
			t.Errorf("Equivalent(%q, %q) allocated %d bytes: it spells out the residues between the changes", tc.a, tc.b, bytes)
		}
	}
	// Built by hand, beyond what Parse accepts: not compared, nothing spelled out.
	far := Change{Kind: Deletion, First: 'A', Last: 'W', Start: 1, End: 8_000_000_000}
	near := Change{Kind: Deletion, First: 'A', Last: 'A', Start: 1, End: 1}
	if bytes := allocated(func() { far.Equivalent(near) }); bytes > 64<<10 {
		t.Errorf("a hand-built 8e9-residue deletion allocated %d bytes", bytes)
	}
}

// allocated is the number of bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestCompressKeepsResult checks compress against its oracle, the window
// unified without compression, on random edits over a two-letter alphabet
// (so that runs and repeats, where distant edits can be equivalent, are
// common) with gaps long enough for compress to act.
func TestCompressKeepsResult(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 2))
	res := func() string { return string("KA"[rng.IntN(2)]) }
	seq := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(res())
		}
		return b.String()
	}
	change := func() string {
		p := 1 + rng.IntN(300)
		n := 1 + rng.IntN(4)
		at := func(q int) string { return res() + strconv.Itoa(q) }
		switch rng.IntN(5) {
		case 0:
			return "p." + at(p) + res()
		case 1:
			if n == 1 {
				return "p." + at(p) + "del"
			}
			return "p." + at(p) + "_" + at(p+n-1) + "del"
		case 2:
			if n == 1 {
				return "p." + at(p) + "dup"
			}
			return "p." + at(p) + "_" + at(p+n-1) + "dup"
		case 3:
			return "p." + at(p) + "_" + at(p+1) + "ins" + seq(n)
		}
		return "p." + at(p) + "_" + at(p+n) + "delins" + seq(1+rng.IntN(5))
	}
	compressed, agreeing := 0, 0
	for range 50000 {
		x, y := change(), change()
		cx, err1 := Parse(x)
		cy, err2 := Parse(y)
		if err1 != nil || err2 != nil {
			t.Fatalf("the generator wrote %q, %q: %v %v", x, y, err1, err2)
		}
		ex, ok1 := cx.edit()
		ey, ok2 := cy.edit()
		if !ok1 || !ok2 || ex.delta() != ey.delta() {
			continue
		}
		want := unifyWindow(ex, ey)
		if got := sameProtein(ex, ey); got != want {
			t.Fatalf("%s ~ %s: compressed %v, uncompressed %v", x, y, got, want)
		}
		if cx2, cy2 := compress(ex, ey); cx2.from != ex.from || cy2.from != ey.from {
			compressed++
			if want {
				agreeing++
			}
		}
	}
	// The comparison above means something only if compress acted, also on
	// pairs that are equivalent across the gap.
	if compressed < 1000 || agreeing < 100 {
		t.Fatalf("compress acted on %d pairs, %d of them equivalent: the generator misses the cases", compressed, agreeing)
	}
	t.Logf("compress acted on %d pairs, %d equivalent", compressed, agreeing)
}
