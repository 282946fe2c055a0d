package cbioportal

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/concord-oncology/concord/concordance"
)

// Issue 14: a sample whose mutation rows are on GRCh37 and whose SV rows are
// on GRCh38 is bad input naming the file that disagrees (it was an
// unwrapped error, reported as a bug without a file name).
func TestSampleOnTwoBuildsNamesTheFile(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"data_clinical_sample.txt", "data_clinical_patient.txt", "data_mutations_extended.txt", "data_sv.txt"} {
		b, err := os.ReadFile("testdata/study/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "data_sv.txt" {
			// P-03-T1's first fusion row moves to GRCh38; its MAF row stays GRCh37.
			b = []byte(strings.Replace(string(b), "GRCh37", "GRCh38", 1))
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	st, err := Load(fsys, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Use("P-03-T1", "P-03", concordance.Tissue, &concordance.Ledger{})
	var ie *concordance.InputError
	if !errors.As(err, &ie) || ie.File != "data_sv.txt" || !strings.Contains(err.Error(), "GRCh38 here and on GRCh37 in data_mutations_extended.txt") {
		t.Errorf("error %v, want an InputError naming data_sv.txt and data_mutations_extended.txt", err)
	}
}
