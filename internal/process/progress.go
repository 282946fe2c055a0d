package process

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress reports a long run's progress on w: a bar when w is a
// terminal, else (a log file, a workflow engine's capture) a plain line at
// most every Every, so that logs show a run is alive before it ends.
type Progress struct {
	w     io.Writer
	tty   bool
	noun  string
	Every time.Duration

	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	last  time.Time
	start time.Time
	done  int
}

// NewProgress returns a Progress counting noun (e.g. "patients").
func NewProgress(w io.Writer, tty bool, noun string) *Progress {
	return &Progress{w: w, tty: tty, noun: noun, Every: 5 * time.Second, start: time.Now(), last: time.Now()}
}

// Set records that done of total are done.
func (p *Progress) Set(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = done
	if p.tty {
		if p.bar == nil {
			p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(p.w), progressbar.OptionSetDescription(p.noun),
				progressbar.OptionShowCount(), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionSetPredictTime(true))
		}
		p.bar.Set(done)
		return
	}
	if now := time.Now(); now.Sub(p.last) >= p.Every && total > 0 {
		p.last = now
		fmt.Fprintf(p.w, "concord: %d of %d %s read (%.0f%%, %.0fs)\n", done, total, p.noun, 100*float64(done)/float64(total), now.Sub(p.start).Seconds())
	}
}

// Finish ends the bar (a terminal's line).
func (p *Progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(p.w)
	}
}
