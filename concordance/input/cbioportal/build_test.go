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
// unwrapped error, reported as a bug without a file name), when the study
// is loaded.
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
	// Load refuses it (it used to be Use, after the study was loaded: a
	// fuzzed study whose MAF named another build loaded, then failed
	// mid-run).
	_, err := Load(fsys, LoadOptions{})
	var ie *concordance.InputError
	if !errors.As(err, &ie) || ie.File != "data_sv.txt" || !strings.Contains(err.Error(), "GRCh38 here and on GRCh37 in data_mutations_extended.txt") {
		t.Errorf("error %v, want an InputError naming data_sv.txt and data_mutations_extended.txt", err)
	}
}
