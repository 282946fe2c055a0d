package universe

import (
	"errors"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// panelBED has targets chr1:[100,110) (1-based 101-110) and chr1:[110,120)
// touching it, chr7:[1000,1002) written without "chr", a zero-length
// interval and a header.
const panelBED = `track name=panel description="test"
browser position chr1:1-200
# a comment
chr1	100	110	EGFR_exon19	0	+
chr1	110	120	EGFR:exon20
7	1000	1002	ALK,EML4-AS1
chr2	500	500	KRAS
chr3	10	20	.
`

func mustPanel(t *testing.T, text string) *Panel {
	t.Helper()
	p, err := ReadBED(strings.NewReader(text), "panel.bed")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func snv(chrom string, pos int, ref, alt string) *concordance.Alteration {
	v := concordance.Variant{Chrom: chrom, Pos: pos, Ref: ref, Alt: alt}
	return &concordance.Alteration{Class: v.SmallClass(), Variant: v}
}

func TestReadBEDIntervals(t *testing.T) {
	p := mustPanel(t, panelBED)
	if p.Intervals != 5 {
		t.Errorf("Intervals = %d, want 5 (the zero-length one counted)", p.Intervals)
	}
	for _, tc := range []struct {
		chrom      string
		start, end int
		want       bool
	}{
		{"chr1", 99, 100, false},  // the base before the first target (0-based 99 = 1-based 100)
		{"chr1", 100, 101, true},  // first base of the target: BED start is 0-based
		{"chr1", 119, 120, true},  // last base of the second, touching target
		{"chr1", 120, 121, false}, // BED end is exclusive
		{"1", 105, 106, true},     // no "chr" prefix on the query
		{"chr7", 1001, 1002, true},
		{"CHR7", 1002, 1003, false},
		{"chr2", 499, 501, false}, // zero-length targets cover nothing
		{"chr9", 0, 1 << 30, false},
		{"chr1", 50, 150, true}, // a long span over a target
	} {
		if got := p.Overlaps(tc.chrom, tc.start, tc.end); got != tc.want {
			t.Errorf("Overlaps(%s, %d, %d) = %v, want %v", tc.chrom, tc.start, tc.end, got, tc.want)
		}
	}
}

func TestCoversSmallVariants(t *testing.T) {
	p := mustPanel(t, panelBED)
	// Targets cover 1-based chr1:101-120 and chr7:1001-1002.
	for _, tc := range []struct {
		name string
		a    *concordance.Alteration
		want bool
	}{
		{"SNV on the first target base", snv("chr1", 101, "A", "T"), true},
		{"SNV just before the target", snv("chr1", 100, "A", "T"), false},
		{"SNV on the last target base", snv("chr1", 120, "A", "T"), true},
		{"SNV just after the target", snv("chr1", 121, "A", "T"), false},
		{"deletion straddling the start", snv("chr1", 98, "AGCT", "A"), true},       // deletes 99-101
		{"deletion ending just before", snv("chr1", 97, "AGCT", "A"), false},        // deletes 98-100
		{"deletion anchored on the last base", snv("chr1", 120, "AG", "A"), false},  // deletes 121 only; the anchor is not changed
		{"deletion straddling the end", snv("chr1", 119, "AGC", "A"), true},         // deletes 120-121
		{"insertion after the last target base", snv("chr1", 120, "A", "AT"), true}, // between 120 and 121: 120 is a target base
		{"insertion before the first target base", snv("chr1", 100, "A", "AT"), true},
		{"insertion two bases out", snv("chr1", 99, "A", "AT"), false},
		{"MAF-style insertion (no anchor) equals the VCF form", &concordance.Alteration{Class: concordance.Indel, Variant: concordance.Variant{Chrom: "chr1", Pos: 121, Ref: "", Alt: "T"}}, true},
		{"MAF-style deletion", &concordance.Alteration{Class: concordance.Indel, Variant: concordance.Variant{Chrom: "chr1", Pos: 121, Ref: "G", Alt: ""}}, false},
		{"MNV overlapping the end", snv("chr1", 120, "AC", "GT"), true},
		{"other contig spelling", snv("7", 1002, "C", "G"), true},
		{"contig absent from the panel", snv("chrX", 5, "C", "G"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, judged := p.Covers(tc.a)
			if got != tc.want || !judged {
				t.Errorf("Covers = %v (judged %v), want %v", got, judged, tc.want)
			}
		})
	}
}

func TestCoversByGene(t *testing.T) {
	p := mustPanel(t, panelBED)
	for _, tc := range []struct {
		name string
		a    concordance.Alteration
		want bool
	}{
		{"amplification of a panel gene (GENE_exon name)", concordance.Alteration{Class: concordance.Amplification, Gene: "EGFR"}, true},
		{"deletion of a gene named in a list", concordance.Alteration{Class: concordance.Deletion, Gene: "ALK"}, true},
		{"amplification of another gene", concordance.Alteration{Class: concordance.Amplification, Gene: "ERBB2"}, false},
		{"fusion: one partner on the panel", concordance.NewFusion("EML4", "ALK"), true},
		{"fusion: partner list at a breakpoint", concordance.NewFusion("CD74", "ROS1;EGFR"), true},
		{"fusion: neither partner", concordance.NewFusion("EML4", "ROS1"), false},
		{"splice of a panel gene", concordance.Alteration{Class: concordance.Splice, Gene: "EGFR", Exons: "14"}, true},
		{"splice of another gene", concordance.Alteration{Class: concordance.Splice, Gene: "MET", Exons: "14"}, false},
		{"protein-only small variant", concordance.Alteration{Class: concordance.SNV, Gene: "EGFR", Protein: "p.L858R"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, judged := p.Covers(&tc.a)
			if got != tc.want || !judged {
				t.Errorf("Covers = %v (judged %v), want %v", got, judged, tc.want)
			}
		})
	}
	// Previous HGNC symbols are updated on both sides: MLL is KMT2A.
	if got, _ := GenePanel("old", []string{"MLL"}).Covers(&concordance.Alteration{Class: concordance.Deletion, Gene: "KMT2A"}); !got {
		t.Error("a panel naming MLL does not cover KMT2A")
	}
	// A BED whose names are not genes judges positions only.
	anon := mustPanel(t, "chr1\t0\t100\tAMPL123\nchr1\t200\t300\tchr1:200-300\n")
	if anon.NamesGenes() {
		t.Error("amplicon ids and coordinates taken as gene names")
	}
	if got, judged := anon.Covers(&concordance.Alteration{Class: concordance.Amplification, Gene: "ERBB2"}); !got || judged {
		t.Errorf("unnamed panel: Covers = %v, %v; want taken as covered, not judged", got, judged)
	}
}

func TestGenesOf(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"EGFR", "EGFR"},
		{"EGFR_exon19", "EGFR"},
		{"EGFR:exon19", "EGFR"},
		{"NKX2-1", "NKX2-1"},
		{"ALK,EML4;ROS1|MET", "ALK EML4 ROS1 MET"},
		{"MLL", "KMT2A"},
		{"chr7:55000-55100", ""},
		{".", ""},
	} {
		if got := strings.Join(GenesOf(tc.name), " "); got != tc.want {
			t.Errorf("GenesOf(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestReadBEDErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"two columns", "chr1\t100\n", "line 1: universe: expected at least 3 columns"},
		{"end before start", "# h\nchr1\t100\t90\n", "line 2: universe: end 90 is before start 100"},
		{"negative start", "chr1\t-1\t90\n", "line 1: universe: start \"-1\""},
		{"not a number", "chr1\t1\tten\n", "line 1: universe: end \"ten\""},
		{"empty", "track name=x\n", "no intervals"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBED(strings.NewReader(tc.text), "x.bed")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			var le *concordance.LineError
			if tc.name != "empty" && !errors.As(err, &le) {
				t.Errorf("not a LineError: %T", err)
			}
		})
	}
}

func TestSpan(t *testing.T) {
	for _, tc := range []struct {
		v          concordance.Variant
		start, end int
	}{
		{concordance.Variant{Pos: 10, Ref: "A", Alt: "T"}, 9, 10},
		{concordance.Variant{Pos: 10, Ref: "AGT", Alt: "A"}, 10, 12}, // deletes 11-12
		{concordance.Variant{Pos: 10, Ref: "A", Alt: "AGT"}, 9, 11},  // between 10 and 11
		{concordance.Variant{Pos: 11, Ref: "", Alt: "GT"}, 9, 11},    // the same insertion, MAF style
		{concordance.Variant{Pos: 10, Ref: "AC", Alt: "GT"}, 9, 11},  // MNV
		{concordance.Variant{Pos: 10, Ref: "ACG", Alt: "T"}, 9, 12},  // complex deletion-insertion (no anchor)
		{concordance.Variant{Pos: 1, Ref: "", Alt: "T"}, 0, 1},       // insertion before the first base
	} {
		if s, e := Span(tc.v); s != tc.start || e != tc.end {
			t.Errorf("Span(%v) = [%d,%d), want [%d,%d)", tc.v, s, e, tc.start, tc.end)
		}
	}
}
