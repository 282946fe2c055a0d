package infile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// NotRegularError is returned for a path that is not a regular file: a
// directory, a named pipe (FIFO), a device, a socket.
type NotRegularError struct{ Mode fs.FileMode }

func (e *NotRegularError) Error() string {
	m := e.Mode
	switch {
	case m.IsDir():
		return "is a directory, not a file"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a regular file: concord reads files, not streams"
	case m&fs.ModeCharDevice != 0:
		return "is a character device, not a regular file"
	case m&fs.ModeDevice != 0:
		return "is a block device, not a regular file"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a regular file"
	}
	return fmt.Sprintf("is not a regular file (mode %s)", m)
}

// errLoop replaces ELOOP's "too many levels of symbolic links".
var errLoop = errors.New("is a symbolic link loop (too many levels of symbolic links)")

// OpenFile opens path for reading when it is a regular file (after
// following symbolic links) and refuses anything else without reading it:
// a directory, a named pipe, a device such as /dev/zero, a socket. Opening
// a FIFO for reading blocks until a writer appears, so the kind is checked
// with stat(2) before opening, and the open itself does not block
// (O_NONBLOCK) in case the path was swapped for a FIFO in between; the
// opened file is checked again. Errors are *fs.PathError.
func OpenFile(path string) (*os.File, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, pathError(err)
	}
	if !st.Mode().IsRegular() {
		return nil, 0, &fs.PathError{Op: "open", Path: path, Err: &NotRegularError{st.Mode()}}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, 0, pathError(err)
	}
	st, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, 0, &fs.PathError{Op: "open", Path: path, Err: &NotRegularError{st.Mode()}}
	}
	return f, st.Size(), nil
}

func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && errors.Is(pe.Err, syscall.ELOOP) {
		return &fs.PathError{Op: pe.Op, Path: pe.Path, Err: errLoop}
	}
	return err
}

// CheckFile reports whether path is a regular file that OpenFile would
// open, without opening it (for files read later, such as a BAM).
func CheckFile(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return pathError(err)
	}
	if !st.Mode().IsRegular() {
		return &fs.PathError{Op: "open", Path: path, Err: &NotRegularError{st.Mode()}}
	}
	return nil
}

// File is an input file opened for streaming: a regular file (OpenFile),
// its content decompressed when it is gzip or BGZF and held to Limits, and
// hashed (SHA-256 of the bytes on disk) as it is read.
type File struct {
	f    *os.File
	hash hash.Hash
	raw  hashingReader
	dec  Decompressor
	r    io.Reader
	kind Kind
}

// Open opens path as a File within lim.
func Open(path string, lim Limits) (*File, error) {
	f, _, err := OpenFile(path)
	if err != nil {
		return nil, err
	}
	return NewFile(f, lim)
}

// NewFile reads f, opened with OpenFile, as a File within lim. Closing the
// File closes f, also when NewFile fails.
func NewFile(f *os.File, lim Limits) (*File, error) {
	var err error
	in := &File{f: f, hash: sha256.New()}
	in.raw = hashingReader{r: f, h: in.hash}
	in.dec.Limits = lim
	in.r, in.kind, err = in.dec.Open(&in.raw)
	if err != nil {
		f.Close()
		return nil, err
	}
	return in, nil
}

// Read reads the decompressed content.
func (in *File) Read(p []byte) (int, error) { return in.r.Read(p) }

// WriteTo writes the decompressed content to w, keeping the inflater's
// fast path (see Decompressor).
func (in *File) WriteTo(w io.Writer) (int64, error) { return in.r.(io.WriterTo).WriteTo(w) }

// Kind is the file's compression.
func (in *File) Kind() Kind { return in.kind }

// Sum reads what is left of the file on disk into the hash and returns the
// SHA-256 (hex) and size in bytes of the file as stored.
func (in *File) Sum() (string, int64, error) {
	if _, err := io.Copy(io.Discard, &in.raw); err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(in.hash.Sum(nil)), in.raw.n, nil
}

// Close closes the file.
func (in *File) Close() error { return in.f.Close() }

type hashingReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	h.n += int64(n)
	return n, err
}

// ReadAll reads a whole input file within lim (decompressed, OpenFile's
// checks) and refuses one whose content is larger than max bytes.
func ReadAll(path string, lim Limits, max int64) ([]byte, error) {
	in, err := Open(path, lim)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	b, err := io.ReadAll(io.LimitReader(in, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("larger than %s: not the kind of file expected here", Size(max))
	}
	return b, nil
}

// DirFS is os.DirFS(dir) whose files are opened with OpenFile's checks and
// read within lim (not decompressed): a FIFO or device in a study folder
// is refused, never read.
func DirFS(dir string, lim Limits) fs.FS { return dirFS{os.DirFS(dir), dir, lim} }

type dirFS struct {
	fsys fs.FS
	dir  string
	lim  Limits
}

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := d.dir + string(os.PathSeparator) + name
	if name == "." {
		full = d.dir
	}
	st, err := os.Stat(full)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrapPath(pathError(err))}
	}
	if st.IsDir() {
		return d.fsys.Open(name)
	}
	f, _, err := OpenFile(full)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrapPath(err)}
	}
	return &limitedFile{f: f, r: Limit(f, d.lim)}, nil
}

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.fsys, name) }

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// limitedFile is an fs.File reading through limits (no embedding: the
// *os.File's WriteTo would bypass them).
type limitedFile struct {
	f *os.File
	r io.Reader
}

func (f *limitedFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *limitedFile) Stat() (fs.FileInfo, error) { return f.f.Stat() }
func (f *limitedFile) Close() error               { return f.f.Close() }

// SumBytes is the provenance of an input read whole into b: its SHA-256
// (hex) and size, as File.Sum gives them for a stream. Every input concord
// records is hashed by one or the other.
func SumBytes(b []byte) (string, int64) {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), int64(len(b))
}
