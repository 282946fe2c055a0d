package hgvs

import (
	"errors"
	"testing"
)

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"p.V600E", "p.V600E"},
		{"V600E", "p.V600E"},
		{"p.Val600Glu", "p.V600E"},
		{"p.(Val600Glu)", "p.V600E"},
		{"p.(V600E)", "p.V600E"},
		{"NP_004324.2:p.(Val600Glu)", "p.V600E"},
		{"p.VAL600GLU", "p.V600E"},
		{"NM_004958.3:c.2997C>T(p.(Asn999=))", "p.N999="}, // CVO P-Dot of a synonymous change
		{"p.S406=", "p.S406="},
		{"p.(Ser406=)", "p.S406="},
		{"p.S406S", "p.S406="},
		{"p.W54*", "p.W54*"},
		{"p.Trp54Ter", "p.W54*"},
		{"p.W54X", "p.W54*"},
		{"p.N139Qfs*5", "p.N139Qfs*5"},
		{"p.Asn139GlnfsTer5", "p.N139Qfs*5"},
		{"p.N139QfsX5", "p.N139Qfs*5"},
		{"p.N139fs", "p.N139fs"},
		{"p.Asn139fs", "p.N139fs"},
		{"p.N139Qfs*?", "p.N139Qfs*?"},
		{"p.E746_A750del", "p.E746_A750del"},
		{"p.Glu746_Ala750delGluLeuArgGluAla", "p.E746_A750del"},
		{"p.E746_A750delELREA", "p.E746_A750del"},
		{"p.K5del", "p.K5del"},
		{"p.Y772_A775dup", "p.Y772_A775dup"},
		{"p.Tyr772_Ala775dup", "p.Y772_A775dup"},
		{"p.A775_G776insYVMA", "p.A775_G776insYVMA"},
		{"p.Ala775_Gly776insTyrValMetAla", "p.A775_G776insYVMA"},
		{"p.A775_G776ins4", "p.A775_G776ins4"},
		{"p.E746_T751delinsVA", "p.E746_T751delinsVA"},
		{"p.Leu747_Pro753delinsSer", "p.L747_P753delinsS"},
		{"p.*110Qext*17", "p.*110Qext*17"},
		{"p.Ter110GlnextTer17", "p.*110Qext*17"},
		{"p.*110Qext*?", "p.*110Qext*?"},
		{"p.Met1ext-5", "p.M1ext-5"},
		{"p.M1?", "p.M1?"},
		{"p.Met1?", "p.M1?"},
		{"p.X2151_splice", "p.X2151_splice"},
		{"p.?", "p.?"},
		{"p.=", "p.="},
		{" p.(G12C) ", "p.G12C"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Canonical(tc.in)
			if err != nil {
				t.Fatalf("Canonical(%q): %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("Canonical(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"p.",
		"V600",                     // no new residue
		"600E",                     // no reference residue
		"p.Val600",                 // no new residue
		"p.V600E extra",            // trailing text
		"p.A775_G777insYVMA",       // insertion flanks must be adjacent
		"p.A775insYVMA",            // insertion needs two flanks
		"p.E746_A750delELRE",       // four residues spelled for a five-residue range
		"p.E750_A746del",           // decreasing range
		"p.E746_T751delins",        // nothing inserted
		"p.N139Qfs5",               // tail without a stop symbol
		"p.*110Qext",               // extension without its new stop
		"p.V600_K601E",             // a range cannot be substituted by one residue
		"p.Vla600Glu",              // not a three-letter code, and not one-letter either
		"c.1799T>A",                // a coding change, not a protein change
		"p.V0E",                    // position 0 does not exist
		"p.Xyz600_splice",          // not a residue
		"p.V600E_splice",           // splice pseudo-notation has no new residue
		"p.G12C;p.G13D",            // two changes
		"p.(Val600Glu)(Lys601Glu)", // two changes
	} {
		t.Run(in, func(t *testing.T) {
			_, err := Parse(in)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want an error", in)
			}
			if !errors.Is(err, ErrSyntax) {
				t.Errorf("Parse(%q) error %v does not wrap ErrSyntax", in, err)
			}
		})
	}
}

// TestEquivalent is the protein-notation table of issue 6: each pair with
// why it is (or is not) the same change.
func TestEquivalent(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
		why  string
	}{
		// Notation only.
		{"p.V600E", "p.Val600Glu", true, "one- vs three-letter codes"},
		{"p.V600E", "p.(Val600Glu)", true, "prediction parentheses"},
		{"V600E", "p.V600E", true, "the p. prefix is optional in reports"},
		{"p.V600E", "NP_004324.2:p.Val600Glu", true, "a protein accession prefix"},
		{"p.S406=", "p.Ser406=", true, "synonymous, one- vs three-letter"},
		{"p.S406=", "p.(Ser406=)", true, "synonymous with parentheses"},
		{"p.S406=", "p.S406S", true, "older tools repeat the residue for a synonymous change"},
		{"p.N999=", "NM_004958.3:c.2997C>T(p.(Asn999=))", true, "CVO writes the c. change around the p. change"},
		{"p.W54*", "p.Trp54Ter", true, "stop as * and as Ter"},
		{"p.W54*", "p.W54X", true, "stop as X in the old one-letter notation"},
		{"p.E746_A750del", "p.Glu746_Ala750delGluLeuArgGluAla", true, "deleted residues spelled out"},
		{"p.E746_T751delinsVA", "p.Glu746_Thr751delinsValAla", true, "delins, one- vs three-letter"},
		{"p.M1?", "p.Met1?", true, "start loss"},
		{"p.*110Qext*17", "p.Ter110GlnextTer17", true, "stop loss as an extension"},

		// Different changes.
		{"p.V600E", "p.V600K", false, "different new residue"},
		{"p.V600E", "p.V601E", false, "different position (and V600 cannot also be the residue at 601 changed to E)"},
		{"p.G12C", "p.G13C", false, "KRAS G12C vs G13C: the window G12,G13 cannot give C at both"},
		{"p.S406=", "p.S407=", false, "synonymous at different residues"},
		{"p.W54*", "p.W54C", false, "nonsense vs missense"},
		{"p.E746_A750del", "p.L747_T751del", false, "EGFR: deleting ELREA vs LREAT needs E746 = T751"},
		{"p.E746_A750del", "p.E746_S752delinsV", false, "deletion vs a longer deletion–insertion"},
		{"p.?", "p.?", false, "unknown effects are not a comparable change"},
		{"p.=", "p.=", false, "no change at all is not an alteration"},
		{"p.A775_G776ins4", "p.A775_G776ins4", false, "four unspecified residues may be any four"},
		{"p.M1?", "p.M1I", false, "start loss of unknown effect vs a known substitution"},
		{"p.X2151_splice", "p.X2152_splice", false, "MAF splice pseudo-notation at different residues"},
		{"p.X2151_splice", "p.X2151_splice", true, "MAF splice pseudo-notation, same residue"},
		{"garbage", "garbage", true, "unparsable text equals only itself"},
		{"garbage", "p.V600E", false, "unparsable text never equals a parsed change"},

		// Frameshifts: the position and first residue must agree; tails when both are written.
		{"p.N139Qfs*5", "p.N139fs", true, "short frameshift form without the tail"},
		{"p.N139Qfs*5", "p.Asn139GlnfsTer5", true, "three-letter frameshift"},
		{"p.N139fs", "p.Asn139GlnfsTer5", true, "short form vs full three-letter form"},
		{"p.N139Qfs*5", "p.N139Qfs*?", true, "unknown tail matches any tail"},
		{"p.N139Qfs*5", "p.N139Qfs*6", false, "different distance to the new stop: a different frame or event"},
		{"p.N139Qfs*5", "p.N139Rfs*5", false, "different first new residue"},
		{"p.N139fs", "p.N140fs", false, "frameshifts at different residues"},
		{"p.N139fs", "p.N139del", false, "frameshift vs in-frame deletion"},
		{"p.K224Nfs*19", "p.Lys224AsnfsTer19", true, "vcf2maf HGVSp_Short vs HGVSp of the TMPRSS2 deletion"},

		// Stop loss.
		{"p.*110Q", "p.*110Qext*17", true, "stop loss written as a substitution of the stop"},
		{"p.*110Q", "p.*110Rext*17", false, "stop loss with a different new residue"},
		{"p.*110Qext*17", "p.*110Qext*20", false, "extensions to different new stops"},

		// In-frame insertions and duplications written at different positions.
		{"p.Y772_A775dup", "p.A775_G776insYVMA", true, "ERBB2 exon 20: the dup of YVMA is the insertion of YVMA after A775"},
		{"p.Tyr772_Ala775dup", "p.Ala775_Gly776insTyrValMetAla", true, "the same in three-letter codes"},
		{"p.Y772_A775dup", "p.M774_A775insAYVM", true, "the same insertion shifted one residue left inside the repeat: YVM[AYVM]AG = YVMA[YVMA]G"},
		{"p.Y772_A775dup", "p.V773_M774insAYVM", false, "AYVM after V773 would need M774 = A"},
		{"p.Y772_A775dup", "p.A775_G776insYVMAY", false, "five inserted residues vs a four-residue dup"},
		{"p.Y772_A775dup", "p.A775_G776insVVMA", false, "the inserted residues must start with the duplicated Y772"},
		{"p.Y772_A775dup", "p.G776_V777insYVMA", false, "inserted after G776: needs the window to repeat, and G776 = A775 would be required"},
		{"p.A767_V769dup", "p.V769_D770insASV", true, "EGFR exon 20 ASV duplication as an insertion"},
		{"p.A767_V769dup", "p.V769_D770insASW", false, "the last inserted residue must be the duplicated V769"},
		{"p.P780dup", "p.P780_Y781insP", true, "single-residue dup vs its insertion"},
		{"p.P780dup", "p.G779_P780insP", true, "single-residue dup written left of the P (same protein)"},
		{"p.P780dup", "p.G779_P780insG", false, "inserting G before P780 is a different protein"},
		{"p.K5del", "p.K6del", true, "deleting one K of a KK pair, written at either K"},
		{"p.K5del", "p.E6del", false, "deleting K5 vs E6 needs K = E"},
		{"p.V600E", "p.V600delinsE", true, "substitution written as a one-residue deletion–insertion"},
		{"p.E746_A750del", "p.E746_A750delinsE", false, "deletion vs deletion–insertion keeping one residue: different lengths"},
	}
	for _, tc := range tests {
		t.Run(tc.a+"~"+tc.b, func(t *testing.T) {
			if got := Equivalent(tc.a, tc.b); got != tc.want {
				t.Errorf("Equivalent(%q, %q) = %v, want %v (%s)", tc.a, tc.b, got, tc.want, tc.why)
			}
			if got := Equivalent(tc.b, tc.a); got != tc.want {
				t.Errorf("Equivalent(%q, %q) = %v, want %v: not symmetric (%s)", tc.b, tc.a, got, tc.want, tc.why)
			}
		})
	}
	if len(tests) < 40 {
		t.Fatalf("the protein table has %d pairs; issue 6 asks for at least 40", len(tests))
	}
}
