package simulate

import (
	"io"
	"testing"
)

type discardSink struct{}

type discardFile struct{}

func (discardFile) Write(p []byte) (int, error) { return len(p), nil }
func (discardFile) Close() error                { return nil }

func (discardSink) Create(string) (io.WriteCloser, error) { return discardFile{}, nil }

// BenchmarkWrite4000 simulates and formats a national-scale cohort of
// 4,000 patients (files discarded: the file system is not measured).
func BenchmarkWrite4000(b *testing.B) {
	if _, err := Reference(); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		if _, err := Write(Config{Patients: 4000, Seed: uint64(i + 1)}, discardSink{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite4000Dir writes the cohort to a temporary folder.
func BenchmarkWrite4000Dir(b *testing.B) {
	if _, err := Reference(); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		if _, err := Write(Config{Patients: 4000, Seed: uint64(i + 1)}, DirSink(b.TempDir())); err != nil {
			b.Fatal(err)
		}
	}
}
