package normalize

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/concord-oncology/concord/internal/mmapfile"
)

var peerDir = filepath.Join("..", "..", "testdata", "peer")

// backends are the two ways a FASTA is read: a mapping whose bytes are
// sliced directly, and a plain io.ReaderAt (ReadAt per lookup).
var backends = []string{"mmap", "readerat"}

func openFASTA(t testing.TB, path, backend string) *FASTA {
	t.Helper()
	idx, err := os.ReadFile(path + ".fai")
	if err != nil {
		t.Fatal(err)
	}
	switch backend {
	case "mmap":
		m, err := mmapfile.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		f, err := NewFASTA(m, bytes.NewReader(idx))
		if err != nil {
			t.Fatal(err)
		}
		return f
	case "readerat":
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := NewFASTA(onlyReaderAt{bytes.NewReader(b)}, bytes.NewReader(idx))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	t.Fatalf("unknown backend %q", backend)
	return nil
}

// onlyReaderAt hides every method but ReadAt, so FASTA takes its slow path.
type onlyReaderAt struct{ r *bytes.Reader }

func (o onlyReaderAt) ReadAt(p []byte, off int64) (int, error) { return o.r.ReadAt(p, off) }

// memFASTA builds a FASTA from sequences held in memory, with lineWidth
// bases a line, and its index.
func memFASTA(t testing.TB, lineWidth int, seqs ...[2]string) *FASTA {
	t.Helper()
	var fa, fai bytes.Buffer
	for _, s := range seqs {
		name, seq := s[0], s[1]
		fa.WriteString(">" + name + " description\n")
		start := fa.Len()
		for i := 0; i < len(seq); i += lineWidth {
			fa.WriteString(seq[i:min(i+lineWidth, len(seq))])
			fa.WriteByte('\n')
		}
		fai.WriteString(name + "\t" + strconv.Itoa(len(seq)) + "\t" + strconv.Itoa(start) + "\t" + strconv.Itoa(lineWidth) + "\t" + strconv.Itoa(lineWidth+1) + "\n")
	}
	f, err := NewFASTA(bytes.NewReader(fa.Bytes()), &fai)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
