package regression

import (
	"strings"
	"testing"
)

// FuzzReadExpectations: any bytes give expectations or an error naming a
// line, never a panic; what it accepts, Verify can check.
func FuzzReadExpectations(f *testing.F) {
	f.Add("table\trow\tcolumn\texpected\ttolerance\nsummary.json\t.\tpatients\t3\texact\n")
	f.Add("table\trow\tcolumn\texpected\ttolerance\nstrata.tsv\tdimension=stage;level=IV\tppa\t0.9\tci\n")
	f.Add("table\trow\tcolumn\texpected\ttolerance\nstrata.tsv\t=\tppa\t1e400\tabs:NaN\n")
	f.Fuzz(func(t *testing.T, in string) {
		exp, err := ReadExpectations(strings.NewReader(in))
		if err != nil {
			return
		}
		if _, err := Verify(folderFS(nil), "res", exp); err != nil && !strings.Contains(err.Error(), "res/") {
			t.Errorf("Verify: %v", err)
		}
	})
}
