package tso500

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/callcheck"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// seed adds the test files matching pattern, cut to 8 KiB (small seeds
// keep each run, and minimising what it finds, fast).
func seed(f *testing.F, pattern string, extra ...any) {
	names, _ := filepath.Glob("testdata/" + pattern)
	if len(names) == 0 {
		f.Fatalf("no seeds match %s", pattern)
	}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > 8<<10 {
			b = b[:bytes.LastIndexByte(b[:8<<10], '\n')+1]
		}
		f.Add(append([]any{b}, extra...)...)
	}
}

// FuzzCVO feeds any bytes to the CombinedVariantOutput reader: an input
// error, or calls in range.
func FuzzCVO(f *testing.F) {
	seed(f, "cvo_*.tsv")
	f.Add([]byte("TruSight Oncology 500\n\n[Small Variants]\nGene\tChromosome\tGenomic Position\tReference Call\tAlternative Call\tAllele Frequency\tDepth\nBRAF\tchr7\t5\tA\tT\t150%\t10\nBRAF\tchr7\t5\tA\tT\t0.1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var led concordance.Ledger
		d, err := ReadCVO(bytes.NewReader(data), opt("f.tsv"), &led)
		callcheck.Read(t, d, err, &led, callcheck.Uncounted) // a CVO's sections are not records one by one
	})
}

// FuzzFusionCSV feeds any bytes to the RNA AllFusions.csv reader (ctdna
// false) or the ctDNA Fusions.csv reader: an input error, or calls in range
// which, with the ledger, account for every data record once.
func FuzzFusionCSV(f *testing.F) {
	seed(f, "*AllFusions.csv", false)
	seed(f, "ctdna_*_Fusions.csv", true)
	f.Add([]byte("Sample,Name,Chr1,Pos1,Chr2,Pos2,Direction,Alt_Depth,BP1_Depth,BP2_Depth,Total_Depth,VAF,Gene1,Gene2,Contig,Filter\nS,n,chr2,1,chr5,2,L1rL2,12,1,1,10,0.1,ALK,NPM1,A,PASS\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, ctdna bool) {
		read := ReadAllFusions
		if ctdna {
			read = ReadCtDNAFusions
		}
		var led concordance.Ledger
		d, err := read(bytes.NewReader(data), opt("f.csv"), &led)
		c := table.NewCSV(bytes.NewReader(data))
		var records int64 = -1 // the header
		for c.Next() {
			if !table.Blank(strings.Join(c.Record, "")) {
				records++
			}
		}
		callcheck.Read(t, d, err, &led, records)
	})
}

// FuzzCNVVCF feeds any bytes to the Craft / DRAGEN CNV VCF reader: an input
// error, or calls in range which, with the ledger, account for every record
// after #CHROM once.
func FuzzCNVVCF(f *testing.F) {
	seed(f, "*.vcf")
	f.Add([]byte("##fileformat=VCFv4.1\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\nchr8\t1\t.\tN\t<DUP>\t.\tPASS\tANT=MYC,MYC\tFC\tinf\nchr8\t1\t.\tN\t<CNV>\t.\tPASS\tSEGID=ERBB2\tSM\t0.4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var led concordance.Ledger
		d, err := ReadCNVVCF(bytes.NewReader(data), opt("f.vcf"), &led)
		callcheck.Read(t, d, err, &led, callcheck.VCFRecords(data))
	})
}
