package infile

import (
	"runtime"
	"testing"
)

// TestSpareP: in the libdeflate build, GOMAXPROCS is one more than the
// workers (never lowered) while any caller holds it, and what it was once
// the last lets go, however the callers overlap; releasing twice counts
// once. The pure-Go build leaves it alone, and so does either build when
// the environment sets GOMAXPROCS. (Oracle: the rule as stated.)
func TestSpareP(t *testing.T) {
	t.Setenv("GOMAXPROCS", "")
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	want := func(when string, n int) {
		t.Helper()
		if !Libdeflate {
			n = 2
		}
		if got := runtime.GOMAXPROCS(0); got != n {
			t.Errorf("%s: GOMAXPROCS %d, want %d", when, got, n)
		}
	}
	a := SpareP(2)
	want("2 workers", 3)
	b := SpareP(4)
	want("4 workers beside", 5)
	c := SpareP(1) // needs 2: not lowered
	want("1 worker beside", 5)
	b()
	b()
	want("one let go (twice)", 5)
	a()
	want("two let go", 5)
	c()
	want("all let go", 2)
	d := SpareP(1)
	want("1 worker alone", 2)
	d()
	want("after", 2)

	t.Setenv("GOMAXPROCS", "2")
	e := SpareP(2)
	if got := runtime.GOMAXPROCS(0); got != 2 {
		t.Errorf("GOMAXPROCS=2 in the environment: %d while held, want 2", got)
	}
	e()
}
