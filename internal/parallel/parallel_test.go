package parallel

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

func TestDoFirstErrorInArgumentOrder(t *testing.T) {
	e1, e2 := errors.New("one"), errors.New("two")
	// The second function fails first in time; Do still reports the first
	// in argument order.
	err := Do(
		func() error { time.Sleep(20 * time.Millisecond); return e1 },
		func() error { return e2 },
		func() error { return nil },
	)
	if err != e1 {
		t.Errorf("Do = %v, want %v", err, e1)
	}
	if err := Do(func() error { return nil }); err != nil {
		t.Errorf("Do = %v, want nil", err)
	}
}

func TestForEveryIndexOnce(t *testing.T) {
	for _, tc := range []struct{ n, workers, block int }{{0, 3, 1}, {1, 4, 8}, {100, 1, 1}, {1000, 7, 8}, {5, 0, 0}} {
		t.Run(fmt.Sprint(tc), func(t *testing.T) {
			seen := make([]int32, tc.n)
			var states atomic.Int32
			For(tc.n, tc.workers, tc.block, func() *int { states.Add(1); return new(int) }, func(s *int, i int) {
				*s++ // scratch owned by one goroutine: the race detector would object otherwise
				atomic.AddInt32(&seen[i], 1)
			})
			for i, c := range seen {
				if c != 1 {
					t.Fatalf("index %d run %d times", i, c)
				}
			}
			if w := int(states.Load()); w < 1 || tc.workers > 0 && w > tc.workers {
				t.Errorf("%d worker states for %d workers", w, tc.workers)
			}
		})
	}
}

func TestOrderedConsumesInOrderWithinWindow(t *testing.T) {
	const n, window = 200, 5
	var produced, consumed atomic.Int64
	var worst atomic.Int64
	err := Ordered(n, 4, window, func(i int) int {
		ahead := produced.Add(1) - consumed.Load()
		for w := worst.Load(); ahead > w && !worst.CompareAndSwap(w, ahead); w = worst.Load() {
		}
		if i%7 == 0 {
			time.Sleep(time.Millisecond) // finish out of order
		}
		return i * i
	}, func(i, v int) error {
		if v != i*i {
			return fmt.Errorf("consume(%d) got %d", i, v)
		}
		if c := consumed.Add(1); int(c) != i+1 {
			return fmt.Errorf("consume(%d) was call %d", i, c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if consumed.Load() != n {
		t.Errorf("%d consumed, want %d", consumed.Load(), n)
	}
	if w := worst.Load(); w > window {
		t.Errorf("%d values made ahead of the consumer, window %d", w, window)
	}
}

func TestOrderedStopsAtError(t *testing.T) {
	stop := errors.New("stop")
	var produced atomic.Int64
	err := Ordered(10000, 3, 6, func(i int) int { produced.Add(1); return i }, func(i, _ int) error {
		if i == 10 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Errorf("Ordered = %v, want %v", err, stop)
	}
	if p := produced.Load(); p > 10+1+6+3 {
		t.Errorf("%d values made after the consumer stopped at 10 (window 6)", p)
	}
}

func TestGroupEarliestError(t *testing.T) {
	g := NewGroup(3)
	var ran atomic.Int32
	for i := range 20 {
		g.Go(func() error {
			ran.Add(1)
			if i == 4 || i == 2 {
				if i == 2 {
					time.Sleep(10 * time.Millisecond) // fails later in time than call 4
				}
				return fmt.Errorf("call %d", i)
			}
			return nil
		})
	}
	if err := g.Wait(); err == nil || err.Error() != "call 2" {
		t.Errorf("Wait = %v, want call 2", err)
	}
	if ran.Load() == 20 {
		t.Log("every call ran (the failures came after the last call was made)")
	}
	if err := NewGroup(2).Wait(); err != nil {
		t.Errorf("empty group: %v", err)
	}
}
