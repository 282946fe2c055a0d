//go:build !(linux || darwin)

package mmapfile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// File is an open file read with ReadAt (pread); this platform has no
// mapping here.
type File struct {
	f    *os.File
	size int
}

// Open opens the named file for reading.
func Open(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("mmapfile: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("mmapfile: %w", err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("mmapfile: %s is not a regular file", path)
	}
	return &File{f: f, size: int(fi.Size())}, nil
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
