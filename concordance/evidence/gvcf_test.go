package evidence

import (
	"bytes"
	"compress/gzip"
	"os"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// Expected counts are read off the records by hand (testdata/gvcf/README.md).
func TestGVCFCounts(t *testing.T) {
	plain, err := os.ReadFile("testdata/gvcf/P_T.genome.vcf")
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(plain)
	w.Close()
	queries := []concordance.Variant{
		{Chrom: "chr1", Pos: 1300, Ref: "GTCA", Alt: "G"}, // out of order on purpose
		{Chrom: "chr1", Pos: 300, Ref: "C", Alt: "T"},
		{Chrom: "1", Pos: 600, Ref: "A", Alt: "ATG"}, // contig without "chr"
		{Chrom: "chr1", Pos: 905, Ref: "C", Alt: "A"},
		{Chrom: "chr1", Pos: 1000, Ref: "T", Alt: "G"},
		{Chrom: "chr1", Pos: 1100, Ref: "A", Alt: "C"},
		{Chrom: "chr1", Pos: 1200, Ref: "G", Alt: "T"},
		{Chrom: "chr1", Pos: 300, Ref: "C", Alt: "A"}, // another allele at a site with a record
	}
	want := []Counts{{5, 305}, {4, 820}, {1, 901}, {-1, 45}, {-1, 1500}, {-1, -1}, {3, 505}, {-1, 820}}
	var g GVCF
	for _, tc := range []struct {
		name string
		data []byte
	}{{"plain", plain}, {"gzip", gz.Bytes()}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := g.Count(bytes.NewReader(tc.data), "P_T", queries)
			if err != nil {
				t.Fatal(err)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%s: %+v, want %+v", queries[i], got[i], want[i])
				}
			}
		})
	}
}

func TestGVCFErrors(t *testing.T) {
	var g GVCF
	bad := "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\nchr1\t5\t.\tA\t.\t.\t.\t.\tDP\t3\t4\n"
	if _, err := g.Count(strings.NewReader(bad), "C", []concordance.Variant{{Chrom: "chr1", Pos: 5, Ref: "A", Alt: "C"}}); err == nil || !strings.Contains(err.Error(), "sample \"C\" not in the file") {
		t.Errorf("two samples, neither named: err = %v", err)
	}
	if _, err := g.Count(strings.NewReader("chr1\t5\n"), "", nil); err == nil {
		t.Error("not a VCF: no error")
	}
	// A depth or allele depth that is no read count is an error at its line
	// (issue 10), not an unknown depth; "." is missing.
	head := "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\n"
	site := []concordance.Variant{{Chrom: "chr1", Pos: 5, Ref: "A", Alt: "C"}}
	for text, want := range map[string]string{
		head + "chr1\t5\t.\tA\t.\t.\t.\tEND=9\tDP\t-5\n":          `line 3: evidence: FORMAT DP is "-5": want a read count`,
		head + "chr1\t5\t.\tA\t.\t.\t.\tEND=9;DP=lots\tGT\t0/0\n": `line 3: evidence: INFO DP is "lots"`,
		head + "chr1\t5\t.\tA\tC\t.\tPASS\t.\tDP:AD\t10:7,-2\n":   `line 3: evidence: FORMAT AD is "-2"`,
	} {
		if _, err := g.Count(strings.NewReader(text), "", site); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	}
	c, err := g.Count(strings.NewReader(head+"chr1\t5\t.\tA\tC\t.\tPASS\t.\tDP:AD\t.:.\n"), "", site)
	if err != nil || c[0].Depth != -1 || c[0].Alt != -1 {
		t.Errorf("missing DP and AD: %+v, %v; want both unknown", c, err)
	}
}
