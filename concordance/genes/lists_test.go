package genes

import (
	"slices"
	"testing"
)

func TestListAccessors(t *testing.T) {
	tests := []struct {
		name  string
		list  []string
		count int // lines in the published files (wc -l, minus the IntOGen header)
		has   []string
		lacks []string
		in    func(string) bool
	}{
		{"tso500", TSO500(), 523, []string{"ABL1", "BRAF", "NKX2-1", "ZRSR2"}, []string{"NCOA4", "braf", ""}, InTSO500},
		{"chip", CHIP(), 74, []string{"DNMT3A", "TET2", "ASXL1", "PPM1D", "JAK2", "TP53"}, []string{"CHEK2", "ATM", "EGFR"}, IsCHIP},
		{"drivers", Drivers(), 619, []string{"ABCC4", "TP53", "ZXDB"}, []string{"symbol", "HGNC:55"}, IsDriver},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.list) != tt.count {
				t.Errorf("len = %d, want %d", len(tt.list), tt.count)
			}
			seen := map[string]bool{}
			for _, g := range tt.list {
				if seen[g] {
					t.Errorf("duplicate %q", g)
				}
				seen[g] = true
				if g == "" || g != trim(g) {
					t.Errorf("untrimmed symbol %q", g)
				}
				if !tt.in(g) {
					t.Errorf("lookup misses listed %q", g)
				}
			}
			for _, g := range tt.has {
				if !tt.in(g) {
					t.Errorf("%q missing", g)
				}
			}
			for _, g := range tt.lacks {
				if tt.in(g) {
					t.Errorf("%q unexpectedly listed", g)
				}
			}
			if !sorted(tt.list) {
				t.Errorf("list not in alphabetical order")
			}
		})
	}
}

func trim(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\r' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\r' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// The accessors hand out copies: a caller's change must not leak.
func TestListCopies(t *testing.T) {
	a := TSO500()
	a[0] = "CHANGED"
	if slices.Contains(TSO500(), "CHANGED") || InTSO500("CHANGED") {
		t.Fatal("TSO500 returned the package's own slice")
	}
}
