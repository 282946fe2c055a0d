package sheetbuild

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/sheet"
)

// FuzzBuildTables: any pairs and clinical tables give a sheet the sheet
// reader accepts, or an input error; never a panic.
func FuzzBuildTables(f *testing.F) {
	f.Add("patient_id\ttissue_sample_id\tplasma_sample_id\nPT01\tPT01-T-DNA\tPT01-P\n", "patient_id\tcancer_type\nPT01\tLung\n")
	f.Add("Patient,Tumor_Sample_ID,cfDNA_Sample_ID\nPT02,PT02-T,PT02-P\n", "# x: y\npatient_id,stage\nPT02,\"IV\"\n")
	f.Add("patient_id\ttissue_sample_id\tplasma_sample_id\nPT01\tPT01-T-DNA\tPT01-P\n", "patient_id\tnote\nPT01\t\"\"\"quoted\"\" and, commas\"\n")
	f.Add("patient_id\ttissue_sample_id\tplasma_sample_id\nPT01\tPT01-T-DNA\tPT01-P\n", "patient_id\ta,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p\nPT01\tx\n")
	f.Fuzz(func(t *testing.T, pairs, clinical string) {
		var out bytes.Buffer
		rep, err := Build(Options{Roots: fourRoots, Pairs: strings.NewReader(pairs), PairsName: "pairs.tsv",
			Clinical: strings.NewReader(clinical), ClinicalName: "clinical.tsv"}, &out)
		if err != nil {
			if !concordance.IsInputError(err) {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		if rep.Written {
			// The sheet reads back as the same table: one row per patient,
			// as many cells as the header, read as the sheet reader reads
			// (encoding/csv with a tab). Clinical values are the user's:
			// concord check judges them.
			cr := csv.NewReader(bytes.NewReader(out.Bytes()))
			cr.Comma, cr.Comment, cr.LazyQuotes = '\t', '#', true
			recs, err := cr.ReadAll()
			if err != nil || len(recs) != rep.Patients+1 {
				t.Fatalf("%d records (want %d), %v:\n%s", len(recs), rep.Patients+1, err, out.String())
			}
			for _, r := range recs {
				if len(r) != len(recs[0]) {
					t.Fatalf("a row of %d cells under a header of %d:\n%s", len(r), len(recs[0]), out.String())
				}
			}
			if _, err := sheet.Read(bytes.NewReader(out.Bytes()), sheet.Options{}); err != nil && !strings.Contains(err.Error(), "line ") {
				t.Fatalf("the sheet does not read back: %v", err)
			}
		}
	})
}
