package process

import (
	"bytes"
	"testing"
	"time"
)

// TestProgressLines (issue 17 §3): when stderr is not a terminal a plain
// line is printed at most every Every, never a bar's control sequences.
func TestProgressLines(t *testing.T) {
	var b bytes.Buffer
	p := NewProgress(&b, false, "patients")
	p.Every = time.Hour
	p.Set(1, 4)
	if b.Len() != 0 {
		t.Fatalf("a line before Every passed: %q", b.String())
	}
	p.Every = 0
	p.Set(2, 4)
	p.Finish()
	if got := b.String(); !bytes.HasPrefix([]byte(got), []byte("concord: 2 of 4 patients read (50%, ")) || bytes.ContainsAny(b.Bytes(), "\r\x1b") {
		t.Errorf("progress line %q", got)
	}
}
