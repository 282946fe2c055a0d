package concordance

import (
	"testing"
)

func small(side Side, chrom string, pos int, ref, alt string) Call {
	v := Variant{Chrom: chrom, Pos: pos, Ref: ref, Alt: alt}
	return NewCall(side, Alteration{Class: v.SmallClass(), Variant: v}, Source{File: side.String(), Line: pos})
}

type fakeRef map[string]string

func (f fakeRef) Bases(chrom string, start, end int) ([]byte, error) {
	return []byte(f[chrom][start-1 : end]), nil
}

func TestMatch(t *testing.T) {
	ref := fakeRef{"chr1": "ACGTACGTACGTTTTTTGCAGCATGCA"}
	tests := []struct {
		name           string
		tissue, plasma []Call
		opt            MatchOptions
		want           Counts
		tiers          []Tier // tiers of shared rows, in row order
	}{
		{
			name:   "exact, tissue-only and plasma-only",
			tissue: []Call{small(Tissue, "chr1", 2, "C", "T"), small(Tissue, "chr1", 5, "A", "G")},
			plasma: []Call{small(Plasma, "chr1", 2, "C", "T"), small(Plasma, "chr1", 9, "A", "C")},
			want:   Counts{Shared: 1, TissueOnly: 1, PlasmaOnly: 1},
			tiers:  []Tier{TierExact},
		},
		{
			name:   "different allele at the same position is not shared",
			tissue: []Call{small(Tissue, "chr1", 2, "C", "T")},
			plasma: []Call{small(Plasma, "chr1", 2, "C", "G")},
			want:   Counts{TissueOnly: 1, PlasmaOnly: 1},
		},
		{
			name:   "MNV in tissue equals its SNVs in plasma (no reference needed)",
			tissue: []Call{small(Tissue, "chr1", 2, "CGT", "TGA")},
			plasma: []Call{small(Plasma, "chr1", 2, "C", "T"), small(Plasma, "chr1", 4, "T", "A")},
			want:   Counts{Shared: 1},
			tiers:  []Tier{TierHaplotype},
		},
		{
			name:   "SNVs in tissue equal an MNV in plasma with a reference",
			tissue: []Call{small(Tissue, "chr1", 2, "C", "T"), small(Tissue, "chr1", 4, "T", "A")},
			plasma: []Call{small(Plasma, "chr1", 2, "CGT", "TGA")},
			opt:    MatchOptions{Reference: ref},
			want:   Counts{Shared: 1},
			tiers:  []Tier{TierHaplotype},
		},
		{
			name:   "haplotype matching off at tier exact",
			tissue: []Call{small(Tissue, "chr1", 2, "CGT", "TGA")},
			plasma: []Call{small(Plasma, "chr1", 2, "C", "T"), small(Plasma, "chr1", 4, "T", "A")},
			opt:    MatchOptions{MaxTier: TierExact},
			want:   Counts{TissueOnly: 1, PlasmaOnly: 2},
		},
		{
			name:   "MNV versus only one of its SNVs is not shared",
			tissue: []Call{small(Tissue, "chr1", 2, "CGT", "TGA")},
			plasma: []Call{small(Plasma, "chr1", 2, "C", "T")},
			want:   Counts{TissueOnly: 1, PlasmaOnly: 1},
		},
		{
			// ACGTACGTACGTTTTTTGCA: delins TTTTTTG>A at 12 (written as one
			// record) equals deletion TTTTTT>T at 12 plus SNV G>A at 18.
			name:   "complex deletion-insertion versus its parts",
			tissue: []Call{small(Tissue, "chr1", 12, "TTTTTTG", "TA")},
			plasma: []Call{small(Plasma, "chr1", 12, "TTTTTT", "T"), small(Plasma, "chr1", 18, "G", "A")},
			opt:    MatchOptions{Reference: ref},
			want:   Counts{Shared: 1},
			tiers:  []Tier{TierHaplotype},
		},
		{
			name: "CNV by gene and direction, fusion by unordered pair",
			tissue: []Call{
				NewCall(Tissue, Alteration{Class: Amplification, Gene: "ERBB2"}, Source{}),
				NewCall(Tissue, NewFusion("EML4", "ALK"), Source{}),
				NewCall(Tissue, Alteration{Class: Deletion, Gene: "CDKN2A"}, Source{}),
			},
			plasma: []Call{
				NewCall(Plasma, Alteration{Class: Amplification, Gene: "ERBB2"}, Source{}),
				NewCall(Plasma, NewFusion("ALK", "EML4"), Source{}),
				NewCall(Plasma, Alteration{Class: Amplification, Gene: "CDKN2A"}, Source{}),
			},
			want:  Counts{Shared: 2, TissueOnly: 1, PlasmaOnly: 1},
			tiers: []Tier{TierExact, TierExact},
		},
		{
			name: "fusion partner lists match any listed partner, in either order",
			tissue: []Call{
				NewCall(Tissue, NewFusion("CD74", "GOPC;ROS1"), Source{}),
				NewCall(Tissue, NewFusion("AC016683.6;PPARG", "PAX8"), Source{}),
			},
			plasma: []Call{
				NewCall(Plasma, NewFusion("ROS1", "CD74"), Source{}),
				NewCall(Plasma, NewFusion("PAX8", "PPARG"), Source{}),
			},
			want:  Counts{Shared: 2},
			tiers: []Tier{TierExact, TierExact},
		},
		{
			name:   "a listed partner does not join two different pairs",
			tissue: []Call{NewCall(Tissue, NewFusion("CD74", "GOPC;ROS1"), Source{})},
			plasma: []Call{NewCall(Plasma, NewFusion("EZR", "ROS1"), Source{})},
			want:   Counts{TissueOnly: 1, PlasmaOnly: 1},
		},
		{
			name:   "fusion pairs differing in one partner match only at gene level",
			tissue: []Call{NewCall(Tissue, NewFusion("CD74", "ROS1"), Source{})},
			plasma: []Call{NewCall(Plasma, NewFusion("EZR", "ROS1"), Source{})},
			opt:    MatchOptions{MaxTier: TierGene},
			want:   Counts{Shared: 1},
			tiers:  []Tier{TierGene},
		},
		{
			name:   "a partnerless fusion (ROS1 fusion) meets CD74-ROS1 at gene tier whatever the maximum",
			tissue: []Call{NewCall(Tissue, NewFusion("CD74", "ROS1"), Source{})},
			plasma: []Call{NewCall(Plasma, Alteration{Class: Fusion, Gene: "ROS1"}, Source{})},
			want:   Counts{Shared: 1},
			tiers:  []Tier{TierGene},
		},
		{
			name:   "fusions match in either orientation by default (issue 11)",
			tissue: []Call{NewCall(Tissue, oriented("EML4", "ALK", "ALK"), Source{})},
			plasma: []Call{NewCall(Plasma, oriented("ALK", "EML4", "ALK"), Source{})},
			want:   Counts{Shared: 1},
			tiers:  []Tier{TierExact},
		},
		{
			name:   "--fusion-orientation keeps reversed oriented fusions apart, at every tier but gene",
			tissue: []Call{NewCall(Tissue, oriented("EML4", "ALK", "ALK"), Source{}), NewCall(Tissue, oriented("CD74", "GOPC;ROS1", "ROS1"), Source{})},
			plasma: []Call{NewCall(Plasma, oriented("ALK", "EML4", "ALK"), Source{}), NewCall(Plasma, oriented("ROS1", "CD74", "ROS1"), Source{})},
			opt:    MatchOptions{FusionOrientation: true, MaxTier: TierProtein},
			want:   Counts{TissueOnly: 2, PlasmaOnly: 2},
		},
		{
			name:   "--fusion-orientation: the same orientation, or one side without one, still matches",
			tissue: []Call{NewCall(Tissue, oriented("EML4", "ALK", "ALK"), Source{}), NewCall(Tissue, oriented("CD74", "ROS1", "ROS1"), Source{})},
			plasma: []Call{NewCall(Plasma, oriented("EML4", "ALK", "ALK"), Source{}), NewCall(Plasma, NewFusion("ROS1", "CD74"), Source{})},
			opt:    MatchOptions{FusionOrientation: true},
			want:   Counts{Shared: 2},
			tiers:  []Tier{TierExact, TierExact},
		},
		{
			name:   "protein tier only when allowed",
			tissue: []Call{withProtein(small(Tissue, "chr7", 100, "A", "T"), "BRAF", "p.V600E")},
			plasma: []Call{withProtein(small(Plasma, "chr7", 200, "G", "T"), "BRAF", "p.V600E")},
			opt:    MatchOptions{MaxTier: TierProtein},
			want:   Counts{Shared: 1},
			tiers:  []Tier{TierProtein},
		},
		{
			name:   "gene-only call matches at gene tier whatever the maximum",
			tissue: []Call{withProtein(small(Tissue, "chr7", 100, "A", "T"), "BRAF", "p.V600E")},
			plasma: []Call{NewCall(Plasma, Alteration{Class: SNV, Gene: "BRAF"}, Source{})},
			want:   Counts{Shared: 1},
			tiers:  []Tier{TierGene},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows := Match(tc.tissue, tc.plasma, tc.opt)
			if got := CountRows(rows); got != tc.want {
				t.Fatalf("counts = %+v, want %+v", got, tc.want)
			}
			var tiers []Tier
			for _, r := range rows {
				if r.Category == Shared {
					tiers = append(tiers, r.Tier)
				}
			}
			if len(tiers) != len(tc.tiers) {
				t.Fatalf("tiers = %v, want %v", tiers, tc.tiers)
			}
			for i := range tiers {
				if tiers[i] != tc.tiers[i] {
					t.Fatalf("tiers = %v, want %v", tiers, tc.tiers)
				}
			}
		})
	}
}

// oriented is a fusion with known 5′ and 3′ sides named by driver (what
// genes.Fusion builds; this package cannot import it).
func oriented(g5, g3, driver string) Alteration {
	a := Alteration{Class: Fusion, Gene: driver, Partner: g5, Gene5p: g5, Gene3p: g3, Oriented: true}
	if driver == g5 {
		a.Partner = g3
	}
	return a
}

func withProtein(c Call, gene, p string) Call {
	c.Gene, c.Protein = gene, p
	return c
}

func TestNormalizeStage(t *testing.T) {
	for in, want := range map[string]string{
		"IV": "IV", "Stage IIIA": "III", "stage 4": "IV", "II": "II", "IIB": "II", "I": "I",
		"0": "0", "[Not Available]": "", "": "", "Unknown": "", "STAGE IV": "IV", "IA2": "I",
	} {
		if got := NormalizeStage(in); got != want {
			t.Errorf("NormalizeStage(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMatchSpliceAndGeneLevel checks splice matching by gene and exons
// (with a gene-level fallback when an exon is missing) and the gene tier.
func TestMatchSpliceAndGeneLevel(t *testing.T) {
	splice := func(side Side, gene, exons string) Call {
		return NewCall(side, Alteration{Class: Splice, Gene: gene, Exons: exons}, Source{})
	}
	tests := []struct {
		name           string
		tissue, plasma []Call
		opt            MatchOptions
		want           Counts
		tiers          []Tier
	}{
		{"MET exon 14 skipping in both", []Call{splice(Tissue, "MET", "14")}, []Call{splice(Plasma, "MET", "14")}, MatchOptions{}, Counts{Shared: 1}, []Tier{TierExact}},
		{"different exons are different events", []Call{splice(Tissue, "EGFR", "2-7")}, []Call{splice(Plasma, "EGFR", "14")}, MatchOptions{}, Counts{TissueOnly: 1, PlasmaOnly: 1}, nil},
		{"a splice call without exons falls back to gene level", []Call{splice(Tissue, "MET", "14")}, []Call{splice(Plasma, "MET", "")}, MatchOptions{}, Counts{Shared: 1}, []Tier{TierGene}},
		{"--match-level gene joins different exons and reports the tier", []Call{splice(Tissue, "EGFR", "2-7")}, []Call{splice(Plasma, "EGFR", "14")}, MatchOptions{MaxTier: TierGene}, Counts{Shared: 1}, []Tier{TierGene}},
		{"--match-level gene joins different protein changes of a gene",
			[]Call{withProtein(small(Tissue, "chr7", 140453136, "A", "T"), "BRAF", "p.V600E")},
			[]Call{withProtein(small(Plasma, "chr7", 140453135, "CA", "TT"), "BRAF", "p.V600K")},
			MatchOptions{MaxTier: TierGene}, Counts{Shared: 1}, []Tier{TierGene}},
		{"gene level never joins a mutation with a copy-number change",
			[]Call{withProtein(small(Tissue, "chr17", 100, "A", "T"), "ERBB2", "p.S310F")},
			[]Call{NewCall(Plasma, Alteration{Class: Amplification, Gene: "ERBB2"}, Source{})},
			MatchOptions{MaxTier: TierGene}, Counts{TissueOnly: 1, PlasmaOnly: 1}, nil},
		{"gene level never joins an amplification with a deletion",
			[]Call{NewCall(Tissue, Alteration{Class: Deletion, Gene: "CDKN2A"}, Source{})},
			[]Call{NewCall(Plasma, Alteration{Class: Amplification, Gene: "CDKN2A"}, Source{})},
			MatchOptions{MaxTier: TierGene}, Counts{TissueOnly: 1, PlasmaOnly: 1}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows := Match(tc.tissue, tc.plasma, tc.opt)
			if got := CountRows(rows); got != tc.want {
				t.Fatalf("counts = %+v, want %+v", got, tc.want)
			}
			var tiers []Tier
			for _, r := range rows {
				if r.Category == Shared {
					tiers = append(tiers, r.Tier)
				}
			}
			if len(tiers) != len(tc.tiers) || len(tiers) > 0 && tiers[0] != tc.tiers[0] {
				t.Errorf("tiers %v, want %v", tiers, tc.tiers)
			}
		})
	}
}
