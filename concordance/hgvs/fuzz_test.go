package hgvs

import (
	"errors"
	"testing"
)

// seeds are the notations of the package's tests.
var seeds = []string{
	"p.V600E", "p.Val600Glu", "p.(Val600Glu)", "NP_004324.2:p.(Val600Glu)", "NM_004958.3:c.2997C>T(p.(Asn999=))",
	"p.S406=", "p.S406S", "p.W54*", "p.Trp54Ter", "p.W54X", "p.N139Qfs*5", "p.Asn139GlnfsTer5", "p.N139fs", "p.N139Qfs*?",
	"p.E746_A750del", "p.Glu746_Ala750delGluLeuArgGluAla", "p.K5del", "p.Y772_A775dup", "p.A775_G776insYVMA",
	"p.A775_G776ins4", "p.E746_T751delinsVA", "p.*110Qext*17", "p.Met1ext-5", "p.M1?", "p.X2151_splice", "p.?", "p.=",
	"p.M774_A775insAYVM", "p.A767_V769dup", "p.V769_D770insASV", "p.P780dup", "p.G779_P780insP", "p.K6del",
	"p.A7999999900B", "p.A40000B", "garbage",
}

// FuzzParse: Parse never panics; an error wraps ErrSyntax; a change parses
// back from its canonical form to the same form, and names no position,
// distance or count beyond MaxResidues.
func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("Parse(%q): error %v does not wrap ErrSyntax", s, err)
			}
			return
		}
		if c.Start > MaxResidues || c.End > MaxResidues || c.InsCount > MaxResidues || c.Tail > MaxResidues || -c.Tail > MaxResidues || len(c.Alt) > MaxResidues {
			t.Fatalf("Parse(%q) = %+v: beyond MaxResidues", s, c)
		}
		canon := c.String()
		again, err := Canonical(canon)
		if err != nil || again != canon {
			t.Fatalf("Parse(%q) writes %q, which reads back as %q, %v", s, canon, again, err)
		}
	})
}

// FuzzEquivalent: equivalence is symmetric, and reflexive except where the
// package documentation says it is not (p.?, p.=, p.0 and insertions given
// only as a count say nothing comparable); an equivalent pair keeps the
// protein's length change (the same net number of residues).
func FuzzEquivalent(f *testing.F) {
	for i, a := range seeds {
		f.Add(a, seeds[(i+1)%len(seeds)])
		f.Add(a, a)
	}
	f.Add("p.K5del", "p.K39999del")
	f.Add("p.Y772_A775dup", "p.A39000_G39001insYVMA")
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := Equivalent(a, b), Equivalent(b, a)
		if ab != ba {
			t.Fatalf("Equivalent(%q, %q) = %v but Equivalent(%q, %q) = %v", a, b, ab, b, a, ba)
		}
		ca, err := Parse(a)
		if reflexive := err != nil || ca.Kind != NoChange && ca.InsCount == 0; Equivalent(a, a) != reflexive {
			t.Fatalf("Equivalent(%q, %q) = %v, want %v", a, a, !reflexive, reflexive)
		}
		cb, errB := Parse(b)
		if ab && err == nil && errB == nil {
			ea, ok1 := ca.edit()
			eb, ok2 := cb.edit()
			if ok1 && ok2 && ea.delta() != eb.delta() {
				t.Fatalf("%q ~ %q, but they change the length by %d and %d", a, b, ea.delta(), eb.delta())
			}
		}
	})
}
