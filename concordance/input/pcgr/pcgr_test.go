package pcgr

import (
	"errors"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

func TestSegments(t *testing.T) {
	f, err := os.Open("testdata/T001-BRCA.grch38.cna.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	segs, err := ReadSegments(f)
	if err != nil {
		t.Fatal(err)
	}
	// 261 lines with the header. Totals counted with
	// awk -F'\t' 'NR>1{c[$4+$5]++}': 0 in 6 segments, >= 6 in 6+4+2+4+1 = 17.
	n := map[concordance.Class]int{}
	for _, s := range segs {
		n[s.Class()]++
	}
	if len(segs) != 260 || n[concordance.Amplification] != 17 || n[concordance.Deletion] != 6 {
		t.Errorf("%d segments, %d amplified, %d deleted; want 260, 17, 6", len(segs), n[concordance.Amplification], n[concordance.Deletion])
	}
	// Last line of the file: X 155711910 155808494 2 0.
	if s := segs[len(segs)-1]; s.Chrom != "X" || s.Start != 155711910 || s.End != 155808494 || s.Total() != 2 || s.Line != 261 {
		t.Errorf("last segment %+v", s)
	}
}

func TestCNAReader(t *testing.T) {
	loc := Intervals{
		// ERBB2, GRCh38 (NCBI Gene 2064: NC_000017.11 39687914..39730426): in
		// the segment 17:39600010-40000000 with nMajor 8, nMinor 1.
		{"chr17", 39687914, 39730426, "ERBB2"},
		// Test intervals, not real genes: inside the homozygous deletion
		// 17:8702757-10471881 and inside the one-copy segment 1:809641-37651942.
		{"17", 9000000, 9100000, "TEST_HOMDEL"},
		{"1", 1000000, 1100000, "TEST_NEUTRAL"},
	}
	f, _ := os.Open("testdata/T001-BRCA.grch38.cna.tsv")
	defer f.Close()
	var led concordance.Ledger
	sd, err := CNAReader(loc)(f, concordance.ReadOptions{File: "cna.tsv"}, &led)
	if err != nil {
		t.Fatal(err)
	}
	led.CountCalls("", 0, sd.Calls) // readers count only what they do not return
	var keys []string
	for _, c := range sd.Calls {
		keys = append(keys, c.Key())
	}
	sort.Strings(keys)
	if strings.Join(keys, " ") != "amplification:ERBB2 deletion:TEST_HOMDEL" {
		t.Errorf("calls %v", keys)
	}
	// Each call carries its segment's total copy number (issue 11 §3):
	// nMajor 8 + nMinor 1 for ERBB2, 0 for the homozygous deletion.
	for _, c := range sd.Calls {
		if want := map[string]float64{"ERBB2": 9, "TEST_HOMDEL": 0}[c.Gene]; c.CopyNumber != want {
			t.Errorf("%s copy number %v, want %v", c.Gene, c.CopyNumber, want)
		}
	}
	read, used, _ := led.Totals()
	if read != 260 || used != 2 || led.ByReason()[concordance.ReasonNotReportable] != 258 {
		t.Errorf("ledger read %d used %d (%v)", read, used, led.ByReason())
	}
	if _, err := CNAReader(nil)(strings.NewReader("Chromosome\tStart\tEnd\tnMajor\tnMinor\n"), concordance.ReadOptions{}, &led); err == nil {
		t.Error("no locator: want an error")
	}
}

func TestFusions(t *testing.T) {
	f, _ := os.Open("testdata/T001-BRCA.grch38.fusions.tsv")
	defer f.Close()
	var led concordance.Ledger
	sd, err := ReadFusions(f, concordance.ReadOptions{File: "fusions.tsv"}, &led)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range sd.Calls {
		keys = append(keys, c.Key())
	}
	want := "fusion:NTRK1::TPM3 fusion:ALK::EML4 fusion:FOXO1::PAX3 fusion:FGFR3::TACC3 fusion:BRAF::KIAA1549 fusion:CCDC6::RET fusion:ERG::TMPRSS2 fusion:ABL1::BCR fusion:EWSR1::FLI1"
	if strings.Join(keys, " ") != want {
		t.Errorf("calls\n got %v\nwant %v", keys, want)
	}
	if sd.Calls[1].AltReads != 100 || sd.Calls[1].Source.Line != 3 {
		t.Errorf("EML4--ALK %+v", sd.Calls[1])
	}
	led.CountCalls("", 0, sd.Calls)
	if _, used, _ := led.Totals(); used != 9 {
		t.Errorf("used %d", used)
	}
}

func TestMalformed(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		read       concordance.CallReader
		line       int
	}{
		{"missing column", "Chromosome\tStart\tEnd\tnMajor\n", CNAReader(Intervals{}), 1},
		{"bad copies", "Chromosome\tStart\tEnd\tnMajor\tnMinor\n1\t10\t20\tx\t1\n", CNAReader(Intervals{}), 2},
		{"reversed segment", "Chromosome\tStart\tEnd\tnMajor\tnMinor\n1\t30\t20\t1\t1\n", CNAReader(Intervals{}), 2},
		{"bad split reads", "FusionGene\tSplitReads\nEML4--ALK\tmany\n", ReadFusions, 2},
		{"no pair", "FusionGene\tSplitReads\nALK\t3\n", ReadFusions, 2},
		// Issue 10: a row cut short is an error at its line, not a row of
		// missing values.
		{"short fusion row", "FusionGene\tLeftBreakpoint\tRightBreakpoint\tSplitReads\nEML4--ALK\t2:1\n", ReadFusions, 2},
		{"short CNA row", "Chromosome\tStart\tEnd\tnMajor\tnMinor\n1\t10\t20\t6\n", CNAReader(Intervals{}), 2},
		{"negative split reads", "FusionGene\tSplitReads\nEML4--ALK\t-3\n", ReadFusions, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.read(strings.NewReader(tc.text), concordance.ReadOptions{}, &concordance.Ledger{})
			var le *concordance.LineError
			if !errors.As(err, &le) || le.Line != tc.line {
				t.Errorf("error %v, want a LineError at line %d", err, tc.line)
			}
		})
	}
}

// Gene intervals match a segment's contig however either spells it: PCGR
// writes GRCh38 names with "chr", a user's intervals may not (issue 14: the
// reader folded only a lower-case "chr" and missed M vs MT).
func TestIntervalsContigSpellings(t *testing.T) {
	loc := Intervals{{Chrom: "1", Start: 10, End: 20, Gene: "A"}, {Chrom: "chrM", Start: 10, End: 20, Gene: "MTGENE"}}
	for _, tt := range []struct{ chrom, want string }{{"chr1", "A"}, {"CHR1", "A"}, {"1", "A"}, {"MT", "MTGENE"}, {"chrMT", "MTGENE"}, {"M", "MTGENE"}, {"2", ""}} {
		got := strings.Join(loc.GenesIn(tt.chrom, 15, 15), ",")
		if got != tt.want {
			t.Errorf("GenesIn(%q) = %q, want %q", tt.chrom, got, tt.want)
		}
	}
}
