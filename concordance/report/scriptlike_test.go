package report

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// scriptRE is the expression scriptLike scans for (its oracle).
var scriptRE = regexp.MustCompile(`(?i)<\s*(script|foreignObject|iframe)|<[^>]*\son[a-z]+\s*=`)

// TestScriptLike: the scan agrees with the regular expression on
// hand-made cases and on 200,000 random strings over the characters that
// matter.
func TestScriptLike(t *testing.T) {
	cases := []string{
		"", "<svg>", `<svg><title>found in tissue only</title></svg>`, "<script>", "< SCRIPT", "<\tforeignObject>",
		"<iframe", "<scripts>", `<g onclick="x">`, `<g ONLOAD = "x">`, `<g on="x">`, `<g one>`, `<g data-on="x">`,
		`<g\nonmouseover=x`, `<g x="a>" onclick=y>`, `a onclick=x`, `<a <b onx=`, `<g on1=x>`, `<g onx`, "<", ">",
		`<g o nclick=x>`, `<title>on=</title>`, `< onload=x`,
		// long inputs, in linear time as the expression (a test that
		// went quadratic would time out)
		strings.Repeat("<", 1<<20), strings.Repeat("< on", 1<<18), strings.Repeat("<g x=1>", 1<<17) + "<g onx=1>",
	}
	for _, c := range cases {
		if got, want := scriptLike(c), scriptRE.MatchString(c); got != want {
			t.Errorf("scriptLike(%.40q…) = %v, the expression says %v", c, got, want)
		}
	}
	alphabet := []string{"<", ">", " ", "\n", "o", "O", "n", "N", "c", "=", "x", "script", "iframe", "foreignObject", "SCRIPT", "on", "1", "\""}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		s := ""
		for range r.IntN(12) {
			s += alphabet[r.IntN(len(alphabet))]
		}
		if got, want := scriptLike(s), scriptRE.MatchString(s); got != want {
			t.Fatalf("scriptLike(%q) = %v, the expression says %v", s, got, want)
		}
	}
}
