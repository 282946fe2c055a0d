package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// writeAtomically builds the output folder out in a temporary folder next
// to it and swaps it in only when write succeeded, so a failed run leaves
// out as it was (absent, or the previous results) and never half-written.
func writeAtomically(out string, write func(dir string) error) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		return &outputError{fmt.Errorf("--out %s exists and is not a folder", out)}
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return &outputError{err}
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return &outputError{err}
	}
	defer os.RemoveAll(tmp) // after a successful swap, tmp no longer exists
	if err := write(tmp); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return &outputError{err}
	}
	if _, err := os.Stat(abs); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(tmp, abs); err != nil {
			return &outputError{err}
		}
		return nil
	}
	old := tmp + ".old"
	if err := os.Rename(abs, old); err != nil {
		return &outputError{err}
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Rename(old, abs) // put the previous results back
		return &outputError{err}
	}
	return os.RemoveAll(old)
}

// outputError is a failure to write results (disk full, permissions):
// reported like an input problem, not as a bug.
type outputError struct{ err error }

func (e *outputError) Error() string { return "writing results: " + e.err.Error() }
func (e *outputError) Unwrap() error { return e.err }

// writeError makes a file system error an outputError (a failure to write,
// not a bug); other errors pass unchanged.
func writeError(err error) error {
	if errors.As(err, new(*fs.PathError)) {
		return &outputError{err}
	}
	return err
}
