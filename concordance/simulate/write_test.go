package simulate

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"path"
	"sort"
	"strings"
	"sync"
	"testing"
)

// memSink keeps a cohort in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemSink() *memSink { return &memSink{files: map[string][]byte{}} }

type memFile struct {
	s    *memSink
	name string
	bytes.Buffer
}

func (f *memFile) Close() error {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	f.s.files[f.name] = f.Bytes()
	return nil
}

func (s *memSink) Create(name string) (io.WriteCloser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.files[name]; ok {
		return nil, errors.New("memSink: " + name + " created twice")
	}
	s.files[name] = nil
	return &memFile{s: s, name: name}, nil
}

func writeCohort(t testing.TB, cfg Config) (*Manifest, *memSink) {
	t.Helper()
	s := newMemSink()
	man, err := Write(cfg, s)
	if err != nil {
		t.Fatal(err)
	}
	return man, s
}

// The same seed gives the same bytes whatever the number of threads; a
// different seed gives a different cohort.
func TestDeterminism(t *testing.T) {
	cfg := Config{Patients: 60, Seed: 7, Threads: 1}
	man1, one := writeCohort(t, cfg)
	cfg.Threads = 4
	man4, four := writeCohort(t, cfg)
	if len(one.files) != len(four.files) || len(one.files) != len(man1.Files) {
		t.Fatalf("file counts differ: %d, %d, manifest %d", len(one.files), len(four.files), len(man1.Files))
	}
	if strings.Join(man1.Files, ",") != strings.Join(man4.Files, ",") {
		t.Error("manifest file order depends on the thread count")
	}
	for name, b := range one.files {
		if !bytes.Equal(b, four.files[name]) {
			t.Errorf("%s differs between 1 and 4 threads", name)
		}
	}
	cfg.Seed = 8
	_, other := writeCohort(t, cfg)
	if bytes.Equal(one.files[FileTruth], other.files[FileTruth]) {
		t.Error("seeds 7 and 8 gave the same truth table")
	}
	// The reference does not depend on the cohort seed.
	if !bytes.Equal(one.files[FileReference], other.files[FileReference]) {
		t.Error("the synthetic reference depends on the cohort seed")
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		sink Sink
		want string
	}{
		{"no patients", Config{Patients: 0}, newMemSink(), "patients must be at least 1"},
		{"unknown preset", Config{Patients: 1, Preset: "nope"}, newMemSink(), `unknown preset "nope"`},
		{"sink fails", Config{Patients: 3}, failSink{}, "disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Write(tt.cfg, tt.sink)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

type failSink struct{}

func (failSink) Create(name string) (io.WriteCloser, error) {
	if strings.HasPrefix(name, "calls/") {
		return nil, errors.New("simulate test: disk full")
	}
	return &memFile{s: newMemSink(), name: name}, nil
}

// Every patient has six call files, named in the sample sheet.
func TestCohortLayout(t *testing.T) {
	man, s := writeCohort(t, Config{Patients: 5, Seed: 1})
	want := []string{FileReadme, FileReference, FileReferenceFAI, FilePanel, FileSampleSheet, FileTruth, FileTruthPatients}
	for _, f := range want {
		if _, ok := s.files[f]; !ok {
			t.Errorf("%s missing", f)
		}
	}
	if got := len(man.Files); got != len(want)+5*6 {
		t.Errorf("%d files, want %d", got, len(want)+5*6)
	}
	sheet := string(s.files[FileSampleSheet])
	lines := strings.Split(strings.TrimSuffix(sheet, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "# concord-synthetic: preset=impress seed=1 patients=5") {
		t.Errorf("first sheet line %q", lines[0])
	}
	if got := strings.Join(strings.Split(lines[1], "\t"), ","); got != strings.Join(sheetHeader, ",") {
		t.Errorf("sheet header %s", got)
	}
	var listed []string
	for _, l := range lines[2:] {
		f := strings.Split(l, "\t")
		if len(f) != len(sheetHeader) {
			t.Fatalf("sheet row has %d fields: %q", len(f), l)
		}
		listed = append(listed, strings.Split(f[10], ";")...)
		listed = append(listed, strings.Split(f[11], ";")...)
	}
	sort.Strings(listed)
	for _, f := range listed {
		if _, ok := s.files[f]; !ok {
			t.Errorf("sheet lists %s, which was not written", f)
		}
	}
	if len(listed) != 30 {
		t.Errorf("sheet lists %d call files, want 30", len(listed))
	}
}

// A cohort with matched white-blood-cell samples holds the same tissue and
// plasma files as one without (the WBC samples draw from their own random
// stream); its sheet names each patient's WBC calls and genome VCF; the
// genome VCF gives every panel exon a reference block; the truth table
// records what each WBC sample shows.
func TestWBCSamples(t *testing.T) {
	_, plain := writeCohort(t, Config{Patients: 12, Seed: 5})
	_, wbc := writeCohort(t, Config{Patients: 12, Seed: 5, WBC: 1})
	for name, data := range plain.files {
		if strings.HasPrefix(name, "calls/") && !bytes.Equal(data, wbc.files[name]) {
			t.Errorf("%s differs with WBC samples", name)
		}
	}
	sheet := strings.Split(strings.TrimSpace(string(wbc.files[FileSampleSheet])), "\n")
	if !strings.HasSuffix(sheet[1], "\twbc_calls\twbc_gvcf") {
		t.Fatalf("sheet header %q lacks the WBC columns", sheet[1])
	}
	gvcfs := 0
	for _, line := range sheet[2:] {
		f := strings.Split(line, "\t")
		id := f[0]
		if f[len(f)-2] != "calls/"+id+"/"+id+"_WBC.vcf.gz" || wbc.files[f[len(f)-2]] == nil {
			t.Errorf("%s: wbc_calls %q not written", id, f[len(f)-2])
		}
		if g := f[len(f)-1]; g != "" {
			gvcfs++
			if wbc.files[g] == nil {
				t.Errorf("%s: wbc_gvcf %q not written", id, g)
			}
		}
	}
	if gvcfs == 0 || gvcfs == 12 {
		t.Errorf("%d of 12 WBC samples have a genome VCF, want most but not all (wbcGVCF 0.85)", gvcfs)
	}
	// The genome VCF of the first patient with one: a block per panel exon.
	exons := strings.Count(string(plain.files[FilePanel]), "\n")
	for _, line := range sheet[2:] {
		f := strings.Split(line, "\t")
		if g := f[len(f)-1]; g != "" {
			text := gunzip(t, wbc.files[g])
			if n := strings.Count(text, "<NON_REF>"); n != exons {
				t.Errorf("%s: %d reference blocks, want one per panel exon (%d)", g, n, exons)
			}
			break
		}
	}
	rows := parseTruth(t, wbc.files[FileTruth])
	ch, chSeen := 0, 0
	for _, prs := range rows {
		for _, r := range prs {
			if r["origin"] == "ch" && r["class"] != "amplification" {
				ch++
				if r["wbc_written"] != "absent" && r["wbc_written"] != "." {
					chSeen++
				}
			}
			if strings.HasPrefix(r["origin"], "tumour") && r["wbc_alt_reads"] != "0" && r["wbc_alt_reads"] != "." {
				t.Errorf("tumour alteration with %s WBC reads", r["wbc_alt_reads"])
			}
		}
	}
	if ch == 0 || chSeen == 0 {
		t.Errorf("CH rows %d, of which the WBC wrote %d", ch, chSeen)
	}
	if _, err := Write(Config{Patients: 1, WBC: 1.5}, DirSink(t.TempDir())); err == nil {
		t.Error("WBC share 1.5 accepted")
	}
}

func gunzip(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data)) // BGZF is multi-member gzip
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestTSO500Layout (issue 17): --layout tso500 writes the same calls in
// the pipelines' folders and names (plain Local App VCFs, bgzipped DRAGEN
// VCFs), a clinical table instead of the sheet, and the same truth;
// FolderHolds knows every file it writes.
func TestTSO500Layout(t *testing.T) {
	_, plain := writeCohort(t, Config{Patients: 4, Seed: 3})
	man, lay := writeCohort(t, Config{Patients: 4, Seed: 3, Layout: LayoutTSO500})
	if _, ok := lay.files[FileSampleSheet]; ok {
		t.Error("the tso500 layout writes a sample sheet")
	}
	for _, f := range []string{FileTruth, FileTruthPatients, FileReference, FilePanel} {
		if !bytes.Equal(plain.files[f], lay.files[f]) {
			t.Errorf("%s differs between the layouts", f)
		}
	}
	inflate := func(b []byte) []byte {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	same := map[string]string{ // concord layout → tso500 layout
		"calls/P0002/P0002_T.vcf.gz":                 "tissue/Results/P0002_T/P0002_T_MergedSmallVariants.vcf",
		"calls/P0002/P0002_T_CopyNumberVariants.vcf": "tissue/Results/P0002_T/P0002_T_CopyNumberVariants.vcf",
		"calls/P0002/P0002_T_AllFusions.csv":         "tissue/Results/P0002_T/P0002_T_AllFusions.csv",
		"calls/P0002/P0002_P.hard-filtered.vcf.gz":   "plasma/Results/P0002_P/P0002_P.hard-filtered.vcf.gz",
		"calls/P0002/P0002_P.cnv.vcf":                "plasma/Results/P0002_P/P0002_P.cnv.vcf.gz",
		"calls/P0002/P0002_P_Fusions.csv":            "plasma/Results/P0002_P/P0002_P_Fusions.csv",
	}
	for from, to := range same {
		a, b := plain.files[from], lay.files[to]
		if strings.HasSuffix(from, ".gz") {
			a = inflate(a)
		}
		if strings.HasSuffix(to, ".gz") {
			b = inflate(b)
		}
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s (%d bytes) and %s (%d bytes) differ", from, len(a), to, len(b))
		}
	}
	clin := strings.Split(string(lay.files[FileClinical]), "\n")
	if !strings.HasPrefix(clin[0], "# concord-synthetic: ") || clin[1] != strings.Join(clinicalHeader, "\t") || !strings.HasPrefix(clin[2], "P0001\t") {
		t.Errorf("clinical table starts %q", clin[:3])
	}
	for _, f := range man.Files {
		if !FolderHolds(f, false) {
			t.Errorf("FolderHolds(%s) is false", f)
		}
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			if !FolderHolds(d, true) {
				t.Errorf("FolderHolds(%s, dir) is false", d)
			}
		}
	}
	if _, err := Write(Config{Patients: 1, Layout: LayoutTSO500, WBC: 0.5}, newMemSink()); err == nil {
		t.Error("the tso500 layout accepted WBC samples")
	}
	if _, err := Write(Config{Patients: 1, Layout: "flat"}, newMemSink()); err == nil || !strings.Contains(err.Error(), `unknown layout "flat"`) {
		t.Errorf("unknown layout: %v", err)
	}
}
