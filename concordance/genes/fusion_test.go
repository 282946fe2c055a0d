package genes

import (
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// TestFusionDriver is issue 11's list: the pairs that lost their driver
// when the pair was stored in alphabetical order (TMPRSS2–ERG became
// gene=ERG by luck, KIF5B–RET gene=KIF5B, CD74–ROS1 gene=CD74, FGFR2–BICC1
// gene=BICC1).
func TestFusionDriver(t *testing.T) {
	for _, tc := range []struct {
		a, b           string
		oriented       bool
		gene, partner  string
		gene5p, gene3p string
		label          string
	}{
		{"TMPRSS2", "ERG", true, "ERG", "TMPRSS2", "TMPRSS2", "ERG", "TMPRSS2–ERG fusion"},
		{"KIF5B", "RET", true, "RET", "KIF5B", "KIF5B", "RET", "KIF5B–RET fusion"},
		{"CD74", "ROS1", true, "ROS1", "CD74", "CD74", "ROS1", "CD74–ROS1 fusion"},
		{"EML4", "ALK", true, "ALK", "EML4", "EML4", "ALK", "EML4–ALK fusion"},
		// The driver is 5′: FGFR2 and FGFR3 keep their kinase domain.
		{"FGFR2", "BICC1", true, "FGFR2", "BICC1", "FGFR2", "BICC1", "FGFR2–BICC1 fusion"},
		{"FGFR3", "TACC3", true, "FGFR3", "TACC3", "FGFR3", "TACC3", "FGFR3–TACC3 fusion"},
		// Both on the list: the one listed first (the kinase over ETV6, the
		// ETS factor over EWSR1).
		{"ETV6", "NTRK3", true, "NTRK3", "ETV6", "ETV6", "NTRK3", "ETV6–NTRK3 fusion"},
		{"EWSR1", "ERG", true, "ERG", "EWSR1", "EWSR1", "ERG", "EWSR1–ERG fusion"},
		{"EWSR1", "FLI1", true, "EWSR1", "FLI1", "EWSR1", "FLI1", "EWSR1–FLI1 fusion"},
		{"MYB", "NFIB", true, "MYB", "NFIB", "MYB", "NFIB", "MYB–NFIB fusion"},
		// Neither on the list: the 3′ partner.
		{"PAX8", "PPARG", true, "PPARG", "PAX8", "PAX8", "PPARG", "PAX8–PPARG fusion"},
		// No orientation: the driver still, whichever order the breakends
		// come in; else the alphabetically first side, the same for both
		// reciprocal records.
		{"ALK", "EML4", false, "ALK", "EML4", "", "", "ALK–EML4 fusion"},
		{"EML4", "ALK", false, "ALK", "EML4", "", "", "ALK–EML4 fusion"},
		{"PPARG", "PAX8", false, "PAX8", "PPARG", "", "", "PAX8–PPARG fusion"},
		{"PAX8", "PPARG", false, "PAX8", "PPARG", "", "", "PAX8–PPARG fusion"},
		// A side that lists the genes at one breakpoint: its driver alone
		// names the fusion; the sides keep the list.
		{"CD74", "GOPC;ROS1", true, "ROS1", "CD74", "CD74", "GOPC;ROS1", "CD74–GOPC;ROS1 fusion"},
	} {
		f := Fusion(ParseSide(tc.a), ParseSide(tc.b), tc.oriented)
		g5, g3 := "", ""
		if f.Oriented {
			g5, g3 = f.Gene5p, f.Gene3p
		}
		if f.Class != concordance.Fusion || f.Gene != tc.gene || f.Partner != tc.partner || g5 != tc.gene5p || g3 != tc.gene3p {
			t.Errorf("%s, %s (oriented %v): gene %q partner %q 5′ %q 3′ %q, want %q %q %q %q",
				tc.a, tc.b, tc.oriented, f.Gene, f.Partner, g5, g3, tc.gene, tc.partner, tc.gene5p, tc.gene3p)
		}
		if got := f.Label(); got != tc.label {
			t.Errorf("%s, %s: label %q, want %q", tc.a, tc.b, got, tc.label)
		}
		// Orientation never changes identity: A–B and B–A have one key.
		if r := Fusion(ParseSide(tc.b), ParseSide(tc.a), tc.oriented); r.Key() != f.Key() {
			t.Errorf("%s, %s: key %q, reversed %q", tc.a, tc.b, f.Key(), r.Key())
		}
	}
	// One side empty (a DNA breakend in no gene): the other gene alone.
	if f := Fusion(ParseSide("ALK"), nil, false); f.Gene != "ALK" || f.Partner != "" || f.Gene5p != "" {
		t.Errorf("ALK with no partner: %+v", f)
	}
}

// Every driver on the list is a known gene (a typo would never match), and
// each appears once.
func TestFusionDriversKnown(t *testing.T) {
	seen := map[string]bool{}
	for _, g := range FusionDrivers() {
		if !Known(g) {
			t.Errorf("fusion driver %s is neither a TSO500 gene nor an IntOGen driver", g)
		}
		if seen[g] {
			t.Errorf("fusion driver %s listed twice", g)
		}
		seen[g] = true
	}
	// Issue 11 names these.
	for _, g := range []string{"ALK", "ROS1", "RET", "NTRK1", "NTRK2", "NTRK3", "FGFR1", "FGFR2", "FGFR3", "BRAF", "NRG1", "MET", "ERG", "ETV1", "ETV4", "ETV6", "EWSR1"} {
		if !seen[g] {
			t.Errorf("fusion driver list lacks %s", g)
		}
	}
}
