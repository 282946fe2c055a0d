package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// outputError is a failure to write outputs (disk full, permissions, a
// read-only disk): an output error (exit status 4), not a bug.
type outputError struct{ err error }

func (e *outputError) Error() string {
	var pe *fs.PathError
	if errors.As(e.err, &pe) {
		return fmt.Sprintf("cannot write %s: %v", pe.Path, pe.Err)
	}
	return "cannot write the output: " + e.err.Error()
}
func (e *outputError) Unwrap() error { return e.err }

// writeFile creates path and fills it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return &outputError{err}
	}
	w := bufio.NewWriterSize(f, 256<<10)
	if err := write(w); err != nil {
		f.Close()
		if errors.As(err, new(*fs.PathError)) { // the file's, not the data's
			return &outputError{err}
		}
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return &outputError{err}
	}
	if err := f.Close(); err != nil {
		return &outputError{err}
	}
	return nil
}
