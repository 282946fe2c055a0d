//go:build !(linux || darwin)

package mmapfile

import (
	"errors"
	"io"
	"os"

	"github.com/concord-oncology/concord/internal/infile"
)

// File is an open file read with ReadAt (pread); this platform has no
// mapping here.
type File struct {
	f    *os.File
	size int
}

// Open opens the named file for reading: a regular file only
// (infile.OpenFile); its error is an *fs.PathError.
func Open(path string) (*File, error) {
	f, size, err := infile.OpenFile(path)
	if err != nil {
		return nil, err
	}
	return &File{f: f, size: int(size)}, nil
}

// ReadAt implements io.ReaderAt.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	n, err := f.f.ReadAt(p, off)
	if errors.Is(err, os.ErrClosed) {
		err = ErrClosed
	}
	return n, err
}

// Len is the file's length in bytes.
func (f *File) Len() int { return f.size }

// Bytes returns nil: nothing is mapped on this platform, so callers read
// with ReadAt.
func (f *File) Bytes() []byte { return nil }

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }

var _ io.ReaderAt = (*File)(nil)
