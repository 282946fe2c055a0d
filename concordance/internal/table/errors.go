package table

// Errors of bad input, shared by every reader (see concordance/errors.go).

import (
	"errors"
	"fmt"
	"os"
)

// InputError is a problem with a user's input: it names the file and, when
// known, the 1-based line. Commands print it as one line and exit non-zero.
type InputError struct {
	File string
	Line int // 0 when the problem is not tied to a line
	Err  error
}

func (e *InputError) Error() string {
	switch {
	case e.File == "":
		return e.Err.Error()
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	default:
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
}

func (e *InputError) Unwrap() error { return e.Err }

// Errorf returns an InputError for file and line.
func Errorf(file string, line int, format string, args ...any) error {
	return &InputError{File: file, Line: line, Err: fmt.Errorf(format, args...)}
}

// LineError is returned by format readers, which do not know file names:
// the caller wraps it into an InputError with AtFile.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return e.Err.Error()
}

func (e *LineError) Unwrap() error { return e.Err }

// AtFile attaches a file name to an error from a reader. A LineError keeps
// its line; an InputError that already names a file is returned unchanged.
func AtFile(file string, err error) error {
	if err == nil {
		return nil
	}
	var ie *InputError
	if errors.As(err, &ie) && ie.File != "" {
		return err
	}
	var le *LineError
	if errors.As(err, &le) {
		return &InputError{File: file, Line: le.Line, Err: le.Err}
	}
	return &InputError{File: file, Err: err}
}

// IsInputError reports whether err is (or wraps) a user-input problem.
func IsInputError(err error) bool {
	var ie *InputError
	var le *LineError
	return errors.As(err, &ie) || errors.As(err, &le)
}

// FileError is the InputError for a file that cannot be opened or read:
// the path is said once, by the InputError, not again by *os.PathError.
func FileError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
		if errors.Is(err, os.ErrNotExist) {
			err = errors.New("no such file")
		}
	}
	return &InputError{File: path, Err: err}
}
