package main

import (
	"errors"
	"fmt"
	"io/fs"
)

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

// writeError makes a file system error an outputError (a failure to write,
// not a bug); other errors pass unchanged.
func writeError(err error) error {
	if errors.As(err, new(*fs.PathError)) {
		return &outputError{err}
	}
	return err
}
