package reporttable

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/callcheck"
)

// FuzzReadAll feeds any bytes to the report-table reader: an input error,
// or calls in range whose rows, handed out per patient and side and counted
// (CountUnused), account for every data row once. Protein changes in it go
// through package hgvs (p.A7999999900B once exhausted memory there).
func FuzzReadAll(f *testing.F) {
	for _, n := range []string{"report.tsv", "report_bom_crlf.csv"} {
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("patient_id\tsample\tgene\talteration\tvaf\nP1\ttissue\tBRAF\tp.A7999999900B\t1.5\nP1\tplasma\tBRAF\tp.(V600E)\t15%\nP1\tplasma\tERBB2\tEML4-ALK\n"))
	for _, n := range []string{"clinical_wording.tsv"} { // issue 11: clinical wording, depth and alt_reads
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadAll(bytes.NewReader(data), "f.tsv")
		if err != nil {
			if e := callcheck.Error(err); e != nil {
				t.Fatal(e)
			}
			return
		}
		var led concordance.Ledger
		var calls []concordance.Call
		for _, s := range tb.Samples {
			i := strings.LastIndexByte(s.ID, '|') // Key: patient ids may hold '|'
			patient, side := s.ID[:i], s.ID[i+1:]
			sd, err := tb.Use(patient, map[string]concordance.Side{"tissue": concordance.Tissue, "plasma": concordance.Plasma, "wbc": concordance.WBC}[side], &led)
			if err != nil {
				t.Fatalf("sample %q: %v", s.ID, err)
			}
			calls = append(calls, sd.Calls...)
		}
		tb.CountUnused("", concordance.Tissue, &led)
		if e := callcheck.Calls(calls); e != nil {
			t.Fatal(e)
		}
		if e := callcheck.Balanced(&led, calls, callcheck.TableRows(data)); e != nil {
			t.Fatal(e)
		}
	})
}
