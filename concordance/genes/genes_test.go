package genes

import (
	"errors"
	"testing"
)

func TestKnown(t *testing.T) {
	for sym, want := range map[string]bool{
		"ALK": true, "NKX2-1": true, "HLA-A": true, "EML4": true, // TSO500 list
		"KMT2A":         true,  // IntOGen drivers only
		"MYCL1":         true,  // previous symbol of the TSO500 gene MYCL
		"GOPC":          false, // neither list
		"RP11-458D21.5": false,
		"":              false,
	} {
		if got := Known(sym); got != want {
			t.Errorf("Known(%q) = %v, want %v", sym, got, want)
		}
	}
	// Sizes of the embedded lists (shared/data/genes: 523 TSO500 genes, 619 IntOGen drivers).
	if n := len(known); n < 523 || n > 523+619+len(previous) {
		t.Errorf("%d known symbols, outside the range the two lists allow", n)
	}
}

func TestSplitPair(t *testing.T) {
	tests := []struct {
		in, a, b string
	}{
		{"EML4-ALK", "EML4", "ALK"},
		{"ALK-EML4", "ALK", "EML4"},
		{"NKX2-1-ALK", "NKX2-1", "ALK"}, // hyphen inside a known symbol
		{"ALK-NKX2-1", "ALK", "NKX2-1"}, // and on the right
		{"HLA-A-ROS1", "HLA-A", "ROS1"},
		{"CD74-ROS1;GOPC", "CD74", "GOPC;ROS1"},               // a partner list (CVO)
		{"RP11-458D21.5-ALK", "RP11-458D21.5", "ALK"},         // clone-based identifier with a hyphen
		{"PPARG/AC016683.6;PAX8", "AC016683.6;PPARG", "PAX8"}, // no '-': the ';' separates the sides
		{"NTRK1--TPM3", "NTRK1", "TPM3"},                      // STAR-Fusion / Arriba / PCGR
		{"KIAA1549--BRAF", "KIAA1549", "BRAF"},
		{"EML4::ALK", "EML4", "ALK"},
		{"MYCL1-ALK", "MYCL", "ALK"}, // previous symbol updated
		{"FOO-BAR", "FOO", "BAR"},    // one candidate: split even if unknown
		{" EML4 - ALK ", "EML4", "ALK"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			a, b, err := SplitPair(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if a.String() != tc.a || b.String() != tc.b {
				t.Errorf("SplitPair(%q) = %q | %q, want %q | %q", tc.in, a, b, tc.a, tc.b)
			}
		})
	}
	for _, in := range []string{
		"ALK",         // no separator
		"FOO-BAR-BAZ", // two equally good (unknown) split points
		"EML4--",      // empty side
		"-ALK",        // empty side
	} {
		t.Run("error/"+in, func(t *testing.T) {
			if _, _, err := SplitPair(in); !errors.Is(err, ErrPair) {
				t.Errorf("SplitPair(%q) error = %v, want ErrPair", in, err)
			}
		})
	}
}

func TestParseSide(t *testing.T) {
	for in, want := range map[string]string{
		"ROS1;GOPC":              "GOPC;ROS1",
		"PPARG/AC016683.6":       "AC016683.6;PPARG",
		"NOTCH2NL;RP11-458D21.5": "NOTCH2NL;RP11-458D21.5",
		"MYCL1":                  "MYCL",
		"ALK;ALK":                "ALK",
		" ; ":                    "",
	} {
		if got := ParseSide(in).String(); got != want {
			t.Errorf("ParseSide(%q) = %q, want %q", in, got, want)
		}
	}
}
