package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// WriteError is a failure to write outputs (disk full, permissions, a
// read-only disk): an output error (exit status 4), not a bug.
type WriteError struct{ Err error }

func (e *WriteError) Error() string {
	var pe *fs.PathError
	if errors.As(e.Err, &pe) {
		return fmt.Sprintf("cannot write %s: %v", pe.Path, pe.Err)
	}
	return "cannot write the output: " + e.Err.Error()
}
func (e *WriteError) Unwrap() error { return e.Err }

// Writing makes a file system error a WriteError (a failure to write, not
// a bug); other errors pass unchanged.
func Writing(err error) error {
	if errors.As(err, new(*fs.PathError)) {
		return &WriteError{err}
	}
	return err
}

// IsOutputError reports a problem with where outputs go: a refusal
// (Error), a WriteError, or a failure of the disk or of permissions that
// no input error explains.
func IsOutputError(err error) bool {
	if errors.As(err, new(*WriteError)) || errors.As(err, new(*Error)) {
		return true
	}
	for _, e := range []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, syscall.EACCES, syscall.EPERM, syscall.EIO, syscall.EFBIG} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
