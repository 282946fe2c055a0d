package output

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"

	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/parallel"
)

// File is an output file and the function that writes it.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// WriteFiles creates the files in the folder dir, side by side, and returns
// the first error in the order given.
func WriteFiles(dir string, files []File) error {
	writes := make([]func() error, len(files))
	for i, f := range files {
		writes[i] = func() error { return WriteFile(filepath.Join(dir, f.Name), f.Write) }
	}
	return parallel.Do(writes...)
}

// Gzipped is f written gzip-compressed under its name with schema.Gzip
// added (compress/gzip at the default level, no name or time in the
// header: the same table gives the same bytes).
func Gzipped(f File) File {
	return File{Name: f.Name + schema.Gzip, Write: func(w io.Writer) error {
		zw := gzip.NewWriter(w)
		if err := f.Write(zw); err != nil {
			return err
		}
		return zw.Close()
	}}
}

// WriteFile creates path and fills it with write, through a buffer.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	if err := write(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
