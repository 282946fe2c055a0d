package simulate

import (
	"bytes"
	"errors"
	"io"
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
