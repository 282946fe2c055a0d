package infile

import (
	"os"
	"runtime"
	"sync"
)

// spare counts the callers of SpareP that have not let go yet, and the
// GOMAXPROCS from before the first.
var spare struct {
	sync.Mutex
	users int
	old   int
}

// SpareP keeps, in the libdeflate build, one P more than workers while
// that many goroutines inflate files, and returns the function that lets
// go of it (GOMAXPROCS goes back to what it was once every caller has let
// go); in the pure-Go build, or when the environment sets GOMAXPROCS
// (which is then kept as given), it does nothing.
//
// Why: a cgo call that lasts longer than a tick of the runtime's sysmon
// (20 µs; inflating a 64 KiB BGZF block takes about 70) loses its P when
// no P is idle, which wakes another thread to take the P and makes the
// call's own thread wait for one on its return. With as many workers as
// Ps, every call found none idle: the W640 analysis on 2 cores switched
// threads about 9,000 times (the pure-Go build 600) and used 8% more CPU
// than on 1 core; with a third P, idle, sysmon leaves the calls alone:
// about 3,300 switches, and 0.592 → 0.538 s of wall time, 1.10 → 1.02 s
// of CPU (medians of 12 alternating rounds; issue 18). Only the goroutines
// given work run, so the spare P puts no more of them on the cores.
// Inflating up to 16 blocks in one cgo call instead changed neither the
// switches nor the time (the calls were still long), nor, beside the
// spare P, the time by more than 1%.
func SpareP(workers int) (release func()) {
	if !Libdeflate || os.Getenv("GOMAXPROCS") != "" {
		return func() {}
	}
	spare.Lock()
	defer spare.Unlock()
	cur := runtime.GOMAXPROCS(0)
	if spare.users == 0 {
		spare.old = cur
	}
	if workers+1 > cur {
		runtime.GOMAXPROCS(workers + 1)
	}
	spare.users++
	var once sync.Once
	return func() {
		once.Do(func() {
			spare.Lock()
			defer spare.Unlock()
			spare.users--
			if spare.users == 0 && runtime.GOMAXPROCS(0) != spare.old {
				runtime.GOMAXPROCS(spare.old)
			}
		})
	}
}
