package cbioportal

import (
	"bytes"
	"os"
	"testing"
	"testing/fstest"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/callcheck"
)

// studyFiles are the files of a study a fuzzed input may replace.
var studyFiles = []string{"data_clinical_sample.txt", "data_clinical_patient.txt", "data_mutations_extended.txt", "data_sv.txt", "data_fusions.txt", "data_cna.txt", "data_log2_cna.txt"}

// FuzzStudyFiles replaces one file of the test study (studyFiles[which %
// 6]) by any bytes and loads the study: an input error, or patients whose
// calls are in range, every patient's samples usable and every row of the
// data files counted once in the ledger (used, excluded or other_sample)
// when each patient's samples are used and the rest counted.
func FuzzStudyFiles(f *testing.F) {
	study := fstest.MapFS{}
	for i, n := range studyFiles {
		b, err := os.ReadFile("testdata/study/" + n)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > 8<<10 {
			b = b[:bytes.LastIndexByte(b[:8<<10], '\n')+1]
		}
		study[n] = &fstest.MapFile{Data: b}
		f.Add(b, uint8(i))
	}
	f.Add([]byte("PATIENT_ID\tSAMPLE_ID\tSAMPLE_CLASS\tTUMOR_FRACTION\tCOLLECTION_DATE\nP\tS\tFFPE\t1.7\t9999-01-01\nP\tS2\tcfDNA\t5%\t2021-01-01\n"), uint8(0))
	f.Add([]byte("Hugo_Symbol\tS\tS2\nERBB2\t2\nMYC\t-2\t2\n"), uint8(5))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		fsys := fstest.MapFS{}
		for n, file := range study {
			fsys[n] = file
		}
		fsys[studyFiles[int(which)%len(studyFiles)]] = &fstest.MapFile{Data: data}
		st, err := Load(fsys, LoadOptions{})
		if err != nil {
			if e := callcheck.Error(err); e != nil {
				t.Fatal(e)
			}
			return
		}
		var led concordance.Ledger
		for _, p := range st.Patients {
			for _, side := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
				sd, err := st.Use(p.Sample(side).ID, p.ID, side, &led)
				if err != nil {
					t.Fatalf("patient %s, %s sample %q: %v", p.ID, side, p.Sample(side).ID, err)
				}
				if e := callcheck.Calls(sd.Calls); e != nil {
					t.Fatal(e)
				}
				led.CountCalls(p.ID, side, sd.Calls) // the pipeline's share of the count
			}
			if tf := p.TumorFraction; concordance.Known(tf) && (tf < 0 || tf > 1) {
				t.Fatalf("patient %s: tumour fraction %v", p.ID, tf)
			}
		}
		st.CountUnused(&led)
		var rows int64
		for _, d := range st.data {
			for _, s := range d.Samples {
				rows += int64(s.Rows)
			}
		}
		if read, _, _ := led.Totals(); read != rows {
			t.Fatalf("the ledger counts %d rows, the data files hold %d", read, rows)
		}
	})
}
