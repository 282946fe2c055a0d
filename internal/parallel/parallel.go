// Package parallel holds concord's one worker-pool helper: run independent
// jobs on a few goroutines and keep results where their index says, so
// that what a program writes never depends on how many cores ran it or in
// which order they finished.
//
// Three shapes cover every pool of the analysis, the simulator and the
// figures: Do (a handful of different jobs at once), For (the same job over
// indices, each worker with its own scratch state) and Ordered (jobs over
// indices whose results are consumed in index order, a bounded window
// ahead). Errors are returned in argument or index order, never in the
// order of time.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers returns n when it is positive, else GOMAXPROCS: the meaning every
// --threads flag gives 0.
func Workers(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

// Do runs fns at once and returns the first non-nil error in argument order
// (not in time), so a failing run reports the same error whatever the
// scheduling.
func Do(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// For calls fn(state, i) for every i in [0, n) on Workers(workers)
// goroutines (never more than n). Each goroutine calls newState once and
// passes its value to all its calls, for scratch memory it owns. Indices
// are handed out in blocks of block (at least 1) from a shared counter, so
// cheap jobs do not contend on it.
func For[S any](n, workers, block int, newState func() S, fn func(state S, i int)) {
	block = max(block, 1)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(Workers(workers), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			state := newState()
			for {
				start := int(next.Add(int64(block))) - block
				if start >= n {
					return
				}
				for i := start; i < min(start+block, n); i++ {
					fn(state, i)
				}
			}
		}()
	}
	wg.Wait()
}

// Ordered computes produce(i) for every i in [0, n) on Workers(workers)
// goroutines and calls consume(i, value) in index order on the calling
// goroutine. At most window values (at least one per worker) are computed
// ahead of the one consume waits for, which bounds the memory of a long
// run. It stops at the first error consume returns and returns it, after
// the producers in flight have finished.
func Ordered[T any](n, workers, window int, produce func(i int) T, consume func(i int, v T) error) error {
	workers = min(Workers(workers), max(n, 1))
	window = max(window, workers)
	type slot struct {
		v     T
		ready chan struct{}
	}
	slots := make([]slot, n)
	for i := range slots {
		slots[i].ready = make(chan struct{})
	}
	ahead := make(chan struct{}, window) // a token per value not yet consumed
	jobs := make(chan int)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				slots[i].v = produce(i)
				close(slots[i].ready)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range n {
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	var err error
	for i := range n {
		<-slots[i].ready
		err = consume(i, slots[i].v)
		var zero T
		slots[i].v = zero // let the value go
		<-ahead
		if err != nil {
			break
		}
	}
	close(stop)
	wg.Wait()
	return err
}

// Group runs functions on at most a fixed number of goroutines at a time,
// for jobs that arrive one by one (files to store while the next ones are
// made). Wait returns the error of the earliest Go call that failed. Once
// a call has failed, later calls are skipped.
type Group struct {
	slots  chan struct{}
	wg     sync.WaitGroup
	mu     sync.Mutex
	calls  int
	failed int // index of the earliest failed call; -1 when none
	err    error
}

// NewGroup returns a Group of Workers(workers) goroutines.
func NewGroup(workers int) *Group {
	return &Group{slots: make(chan struct{}, Workers(workers)), failed: -1}
}

// Go runs fn when a goroutine is free (it blocks until one is).
func (g *Group) Go(fn func() error) {
	g.mu.Lock()
	k := g.calls
	g.calls++
	skip := g.failed >= 0
	g.mu.Unlock()
	if skip {
		return
	}
	g.slots <- struct{}{}
	g.wg.Add(1)
	go func() {
		defer func() { <-g.slots; g.wg.Done() }()
		if err := fn(); err != nil {
			g.mu.Lock()
			if g.failed < 0 || k < g.failed {
				g.failed, g.err = k, err
			}
			g.mu.Unlock()
		}
	}()
}

// Err is the error of the earliest failed call so far, without waiting.
func (g *Group) Err() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}

// Wait waits for every call and returns the error of the earliest failed
// one.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.Err()
}
