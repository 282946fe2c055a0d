package levels

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// FuzzReadGroups: any bytes give either a line error on a line of the
// input, or groups with a folded, non-empty key and a non-empty group each
// and at most as many groups as cancer types.
func FuzzReadGroups(f *testing.F) {
	f.Add([]byte("cancer_type\tgroup\nLUAD\tNSCLC\nBowel\tColorectal\n"))
	f.Add([]byte("\ufeff# groups\nCancer_Type,Group,note\n\"Lung, squamous\",NSCLC,x\n\nluad,NSCLC\n"))
	f.Add([]byte("cancer_type\tgroup\nLUAD\n"))
	f.Add([]byte("cancer_type\tgroup\na\tb\nA\tc\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := ReadGroups(bytes.NewReader(b), "g.tsv")
		if err != nil {
			var le *concordance.LineError
			if !errors.As(err, &le) || le.Line < 1 || le.Line > bytes.Count(b, []byte("\n"))+1 {
				t.Fatalf("error %v (%T) is not on a line of the input", err, err)
			}
			return
		}
		if len(g.groups) == 0 || g.n < 1 || g.n > len(g.groups) {
			t.Fatalf("%d cancer types in %d groups", len(g.groups), g.n)
		}
		for k, v := range g.groups {
			if k == "" || k != fold(k) || strings.TrimSpace(v) == "" {
				t.Fatalf("key %q, group %q", k, v)
			}
		}
		if !strings.Contains(g.Rule(), "g.tsv") {
			t.Fatalf("rule %q does not name the file", g.Rule())
		}
	})
}
