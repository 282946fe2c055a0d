package input

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzSniff gives Sniff any head: it must not panic, must say Unknown
// exactly when it returns an error (one short line, the first line echoed
// clipped), must be deterministic, and must not depend on line endings
// (CRLF files are common: the same bytes with CRLF sniff the same).
func FuzzSniff(f *testing.F) {
	for _, g := range []string{"../../testdata/cohort/*", "*/testdata/*", "*/testdata/*/*"} {
		paths, _ := filepath.Glob(g)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			f.Add(b[:min(len(b), SniffBytes)])
		}
	}
	f.Fuzz(func(t *testing.T, head []byte) {
		if len(head) > SniffBytes {
			head = head[:SniffBytes]
		}
		got, err := Sniff("f", head)
		again, err2 := Sniff("f", head)
		if got != again || (err == nil) != (err2 == nil) {
			t.Fatalf("not deterministic: %v/%v then %v/%v", got, err, again, err2)
		}
		if (got == Unknown) != (err != nil) {
			t.Fatalf("format %v with error %v", got, err)
		}
		if err != nil {
			if !errors.Is(err, ErrUnknownFormat) {
				t.Fatalf("error %v does not wrap ErrUnknownFormat", err)
			}
			if msg := err.Error(); len(msg) > 500 || strings.ContainsAny(msg, "\n\r\x00") {
				t.Fatalf("message not one short line: %q", msg)
			}
		}
		// CRLF: the same text with "\r\n" line endings (kept shorter than
		// SniffBytes so that no line is cut differently).
		if len(head) < SniffBytes/2 && !bytes.Contains(head, []byte("\r")) && got != Gzip {
			crlf := bytes.ReplaceAll(head, []byte("\n"), []byte("\r\n"))
			if c, _ := Sniff("f", crlf); c != got {
				t.Fatalf("%v with LF line endings, %v with CRLF", got, c)
			}
		}
	})
}
