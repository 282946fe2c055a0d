package maf

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/callcheck"
)

// FuzzReadAll feeds any bytes to the MAF reader. It must return an input
// error, or samples whose calls are in range and whose rows, handed out
// (Use) and counted (CountUnused), account for every data row once.
func FuzzReadAll(f *testing.F) {
	f.Add([]byte("Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tt_depth\tt_ref_count\tt_alt_count\tHGVSp_Short\n" +
		"BRAF\tchr7\t140453136\t140453136\tA\tA\tT\tS1\t100\t80\t20\tp.V600E\nBRAF\tchr7\t140453136\t140453136\tA\tA\tT\tS1\t100\t80\t120\tp.V600E\n"))
	f.Add([]byte("Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\nKRAS\t12\t25398284\tC\tA\n"))
	// blank lines of tabs or commas are not rows, before the header or after
	f.Add([]byte("#version 2.4\n,,\nHugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\n\t\t\t\t\nKRAS\t12\t25398284\tC\tA\n,\n"))
	names, _ := filepath.Glob("testdata/*.ma*")
	names = append(names, "testdata/minimalist_test_maf.tsv")
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > 8<<10 { // small seeds keep each run, and minimising, fast
			b = b[:bytes.LastIndexByte(b[:8<<10], '\n')+1]
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadAll(bytes.NewReader(data), Options{File: "f.maf"})
		if err != nil {
			if e := callcheck.Error(err); e != nil {
				t.Fatal(e)
			}
			return
		}
		var led concordance.Ledger
		var calls []concordance.Call
		for _, s := range m.Samples {
			sd, err := m.Use(s.ID, "P", concordance.Tissue, &led)
			if err != nil {
				if m.NoIDColumn != "" { // one sample, no barcode column: read with no id
					sd, err = m.Use("", "P", concordance.Tissue, &led)
				}
				if err != nil {
					t.Fatalf("sample %q of the file: %v", s.ID, err)
				}
			}
			calls = append(calls, sd.Calls...)
		}
		m.CountUnused("P", concordance.Tissue, &led)
		if e := callcheck.Calls(calls); e != nil {
			t.Fatal(e)
		}
		if e := callcheck.Balanced(&led, calls, callcheck.TableRows(data)); e != nil {
			t.Fatal(e)
		}
	})
}
