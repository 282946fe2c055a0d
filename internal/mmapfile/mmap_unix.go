//go:build linux || darwin

package mmapfile

import (
	"fmt"
	"io"
	"sync/atomic"
	"syscall"

	"github.com/concord-oncology/concord/internal/infile"
)

// File is a read-only memory mapping of a whole file.
type File struct {
	data   []byte
	closed atomic.Bool
}

// Open maps the named file read-only. An empty file is valid and maps to
// no bytes (mmap(2) rejects a zero length, so nothing is mapped). Only a
// regular file is opened (infile.OpenFile: a FIFO or a device is refused
// without blocking); its error is an *fs.PathError.
func Open(path string) (*File, error) {
	f, size, err := infile.OpenFile(path)
	if err != nil {
		return nil, err
	}
	// The mapping keeps the pages reachable after the descriptor is closed.
	defer f.Close()
	if size == 0 {
		return &File{}, nil
	}
	if int64(int(size)) != size {
		return nil, fmt.Errorf("mmapfile: %s is too large to map (%d bytes)", path, size)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("mmapfile: mmap %s: %w", path, err)
	}
	return &File{data: data}, nil
}

// ReadAt implements io.ReaderAt.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	if f.closed.Load() {
		return 0, ErrClosed
	}
	return readAt(f.data, p, off)
}

// Len is the file's length in bytes.
func (f *File) Len() int { return len(f.data) }

// Bytes returns the mapped file. The slice is read-only (writing to it
// faults) and becomes invalid after Close: callers that keep it must keep
// the File open.
func (f *File) Bytes() []byte { return f.data }

// Close unmaps the file. Reading after Close returns ErrClosed; using a
// slice from Bytes after Close faults.
func (f *File) Close() error {
	if f.closed.Swap(true) {
		return nil
	}
	if f.data == nil {
		return nil
	}
	data := f.data
	f.data = nil
	if err := syscall.Munmap(data); err != nil {
		return fmt.Errorf("mmapfile: munmap: %w", err)
	}
	return nil
}

var _ io.ReaderAt = (*File)(nil)
