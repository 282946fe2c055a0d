//go:build linux || darwin

package mmapfile

import (
	"bytes"
	"testing"
)

// On Linux and macOS the file must really be mapped, so that readers
// (normalize.FASTA) can slice it without a system call per lookup.
func TestMapped(t *testing.T) {
	content := []byte("ACGTNacgtn")
	f, err := Open(writeTemp(t, content))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !bytes.Equal(f.Bytes(), content) {
		t.Fatalf("Bytes = %q, want the mapped file %q", f.Bytes(), content)
	}
}
