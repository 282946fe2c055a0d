package sheetbuild

import (
	"bytes"
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
			sh, err := sheet.Read(bytes.NewReader(out.Bytes()), sheet.Options{})
			if err != nil {
				t.Fatalf("the sheet written does not read back: %v\n%s", err, out.String())
			}
			if len(sh.Patients) != rep.Patients {
				t.Fatalf("%d patients written, %d read back:\n%s", rep.Patients, len(sh.Patients), out.String())
			}
		}
	})
}
