package schema

import (
	"testing"

	"github.com/concord-oncology/concord/stats"
)

// The model intercept is named by stats' design matrix, which cannot
// import schema.
func TestInterceptName(t *testing.T) {
	if TermIntercept != stats.Intercept {
		t.Errorf("schema spells the intercept %q, stats %q", TermIntercept, stats.Intercept)
	}
}

// Every table's column names are unique, enumerated columns list their
// values, and numbers say their decimals.
func TestTablesWellFormed(t *testing.T) {
	for _, tb := range Tables {
		seen := map[string]bool{}
		for _, c := range tb.Columns {
			if seen[c.Name] {
				t.Errorf("%s: column %s twice", tb.File, c.Name)
			}
			seen[c.Name] = true
			if (c.Kind == Enum || c.Kind == List) != (len(c.Values) > 0) {
				t.Errorf("%s: column %s is %s with values %v", tb.File, c.Name, c.Kind, c.Values)
			}
			if (c.Kind == Number) != (c.Decimals > 0) {
				t.Errorf("%s: column %s is %s with %d decimals", tb.File, c.Name, c.Kind, c.Decimals)
			}
			if c.Doc == "" {
				t.Errorf("%s: column %s has no description", tb.File, c.Name)
			}
		}
		if len(tb.Required()) == 0 {
			t.Errorf("%s requires no column", tb.File)
		}
	}
}
