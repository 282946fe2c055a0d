package vcf

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/callcheck"
)

// FuzzReadCalls feeds any bytes to the VCF reader. It must return an input
// error naming a line, or calls whose quantities are in range and which,
// with the ledger, account for every record after #CHROM exactly once.
func FuzzReadCalls(f *testing.F) {
	for _, s := range []string{pisces, dragen,
		"##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\nchr1\t5\t.\tA\tC\t.\tPASS\t.\tGT:AD:DP:VF\t0/1:30,95:88:1.5\n",
		"##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t5\t.\tA\tC,G\t.\tPASS\tTVAF=0.1,0.2;TDP=-1\nchr1\t5\t.\tA\tC,G\t.\tPASS\tAF=nan\n",
	} {
		f.Add([]byte(s), "")
	}
	seedFiles(f, "testdata/*.vcf*", "../../../testdata/cohort/*.vcf*")
	f.Fuzz(func(t *testing.T, data []byte, sample string) {
		var led concordance.Ledger
		d, err := ReadCalls(bytes.NewReader(data), concordance.ReadOptions{File: "f.vcf", SampleID: sample}, &led)
		callcheck.Read(t, d, err, &led, callcheck.VCFRecords(data))
	})
}

// seedFiles adds files matching the patterns as seeds (decompressed), with
// no sample id, keeping the corpus small: at most 8 KiB of each, so that
// each run, and minimising what it finds, stays fast.
func seedFiles(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		names, _ := filepath.Glob(p)
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
				if b, err = io.ReadAll(zr); err != nil {
					f.Fatal(err)
				}
			}
			if len(b) > 8<<10 {
				b = b[:bytes.LastIndexByte(b[:8<<10], '\n')+1]
			}
			f.Add(b, "")
		}
	}
}
