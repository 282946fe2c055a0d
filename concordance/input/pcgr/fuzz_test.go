package pcgr

import (
	"bytes"
	"os"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/callcheck"
)

// FuzzPCGR feeds any bytes to the PCGR CNA segment reader (cna true, with a
// locator naming two genes) or fusion reader: an input error, or calls in
// range which, with the ledger, account for every data row once.
func FuzzPCGR(f *testing.F) {
	for _, tc := range []struct {
		file string
		cna  bool
	}{{"T001-BRCA.grch38.cna.tsv", true}, {"T001-BRCA.grch38.fusions.tsv", false}} {
		b, err := os.ReadFile("testdata/" + tc.file)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > 8<<10 {
			b = b[:bytes.LastIndexByte(b[:8<<10], '\n')+1]
		}
		f.Add(b, tc.cna)
	}
	f.Add([]byte("Chromosome\tStart\tEnd\tnMajor\tnMinor\n17\t39687914\t39730426\t5\t3\n17\t39687914\t39730426\t0\t0\n9\t1\t2\t6\n"), true)
	f.Add([]byte("FusionGene\tSplitReads\nEML4--ALK\t-3\nALK--EML4\t4\n"), false)
	loc := Intervals{{Chrom: "17", Start: 39687914, End: 39730426, Gene: "ERBB2"}, {Chrom: "chr9", Start: 1, End: 1000, Gene: "CDKN2A"}}
	f.Fuzz(func(t *testing.T, data []byte, cna bool) {
		read := ReadFusions
		if cna {
			read = CNAReader(loc)
		}
		var led concordance.Ledger
		d, err := read(bytes.NewReader(data), concordance.ReadOptions{File: "f.tsv"}, &led)
		callcheck.Read(t, d, err, &led, callcheck.TableRows(data))
	})
}
