package mmapfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func writeTemp(t *testing.T, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadAt(t *testing.T) {
	content := []byte(">chr1\nACGTACGTAC\nGGTT\n")
	f, err := Open(writeTemp(t, content))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Len() != len(content) {
		t.Errorf("Len = %d, want %d", f.Len(), len(content))
	}
	if b := f.Bytes(); b != nil && !bytes.Equal(b, content) {
		t.Errorf("Bytes = %q, want %q", b, content)
	}
	tests := []struct {
		name    string
		off     int64
		n       int
		want    string
		wantEOF bool
	}{
		{"start", 0, 5, ">chr1", false},
		{"middle", 6, 4, "ACGT", false},
		{"up to the end", int64(len(content)) - 5, 5, "GGTT\n", false},
		{"past the end is short", int64(len(content)) - 2, 5, "T\n", true},
		{"at the end", int64(len(content)), 1, "", true},
		{"beyond the end", int64(len(content)) + 10, 1, "", true},
		{"empty buffer", 3, 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := make([]byte, tt.n)
			n, err := f.ReadAt(p, tt.off)
			if got := string(p[:n]); got != tt.want {
				t.Errorf("ReadAt(%d) read %q, want %q", tt.off, got, tt.want)
			}
			if tt.wantEOF != (err == io.EOF) {
				t.Errorf("ReadAt(%d) error %v, want EOF %v", tt.off, err, tt.wantEOF)
			}
			if !tt.wantEOF && err != nil {
				t.Errorf("ReadAt(%d) unexpected error %v", tt.off, err)
			}
		})
	}
	if _, err := f.ReadAt(make([]byte, 1), -1); err == nil {
		t.Error("ReadAt(-1) gave no error")
	}
}

func TestConcurrentReads(t *testing.T) {
	content := make([]byte, 1<<16)
	for i := range content {
		content[i] = byte(i * 7)
	}
	f, err := Open(writeTemp(t, content))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			p := make([]byte, 37)
			for i := 0; i < 500; i++ {
				off := int64((g*977 + i*131) % (len(content) - len(p)))
				if _, err := f.ReadAt(p, off); err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(p, content[off:off+int64(len(p))]) {
					errs <- errors.New("concurrent read returned wrong bytes")
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestEmptyFile(t *testing.T) {
	f, err := Open(writeTemp(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if f.Len() != 0 {
		t.Errorf("Len = %d, want 0", f.Len())
	}
	if n, err := f.ReadAt(make([]byte, 1), 0); n != 0 || err != io.EOF {
		t.Errorf("ReadAt on empty file = %d, %v; want 0, EOF", n, err)
	}
	if err := f.Close(); err != nil {
		t.Error(err)
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open(missing) error %v, want ErrNotExist", err)
	}
	if _, err := Open(t.TempDir()); err == nil {
		t.Error("Open(directory) gave no error")
	}
}

func TestClose(t *testing.T) {
	f, err := Open(writeTemp(t, []byte("ACGT")))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ReadAt(make([]byte, 1), 0); !errors.Is(err, ErrClosed) {
		t.Errorf("ReadAt after Close error %v, want ErrClosed", err)
	}
	if err := f.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
		t.Errorf("second Close error %v", err)
	}
}
