package analysis

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/concord-oncology/concord/concordance/simulate"
)

// TestReleasedCallsSameFiles: a run that keeps each patient's lines and
// record on disk and releases its calls (the default) writes every file
// byte for byte as a run that keeps the calls (Options.KeepCalls) (also
// partial.bin.gz, which the first compresses beside the cohort stage and
// the second as it writes it), with 1
// and 2 workers and with a patient skipped; its temporary files never
// appear in the temporary folder (unlinked at creation) and are closed by
// Close.
func TestReleasedCallsSameFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := simulate.Write(simulate.Config{Patients: 60, Seed: 11}, simulate.DirSink(dir)); err != nil {
		t.Fatal(err)
	}
	// a patient whose tissue file is missing, skipped
	files, _ := filepath.Glob(filepath.Join(dir, "calls", "P0007", "P0007_T.vcf.gz"))
	if len(files) == 0 {
		t.Fatal("no tissue VCF for P0007")
	}
	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	run := func(keep bool, threads int) map[string][]byte {
		opt := DefaultOptions()
		opt.Sheet, opt.Reference = filepath.Join(dir, simulate.FileSampleSheet), filepath.Join(dir, simulate.FileReference)
		opt.Bootstrap, opt.Threads, opt.KeepCalls, opt.SkipFailedPatients = 50, threads, keep, true
		res, err := Run(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Errorf("temporary folder holds %s during the run", left[0].Name())
		}
		if keep != (res.spill == nil) {
			t.Fatalf("KeepCalls %v: spill %v", keep, res.spill)
		}
		if !keep && res.spill.packed == nil { // else WritePartial compressed it as before
			t.Fatal("partial.bin.gz was not compressed beside the cohort stage")
		}
		for _, pr := range res.Patients {
			for _, r := range pr.Rows {
				if (r.Tissue.Calls != nil || r.Plasma.Calls != nil) != keep && (r.Tissue.Called() || r.Plasma.Called()) {
					t.Fatalf("KeepCalls %v: patient %s row %s has calls %v", keep, pr.Patient.ID, r.Gene, r.Tissue.Calls != nil || r.Plasma.Calls != nil)
				}
			}
		}
		out := map[string][]byte{}
		for _, f := range res.Files() {
			var b bytes.Buffer
			if err := f.Write(&b); err != nil {
				t.Fatal(err)
			}
			out[f.Name] = b.Bytes()
		}
		if err := res.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if err := res.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
		return out
	}
	want := run(true, 1)
	if len(want) < 10 || len(want["alterations.tsv"]) < 1000 || len(want["partial.bin.gz"]) < 1000 {
		t.Fatalf("%d files; alterations.tsv %d bytes", len(want), len(want["alterations.tsv"]))
	}
	if !bytes.Contains(want["summary.json"], []byte(`"P0007"`)) {
		t.Fatal("the skipped patient is not in summary.json")
	}
	for _, threads := range []int{1, 2} {
		got := run(false, threads)
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Errorf("%d workers: %s differs from the run that kept the calls", threads, name)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%d files, want %d", len(got), len(want))
		}
	}
}
