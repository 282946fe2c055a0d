package table

// Errors of bad input, shared by every reader (see concordance/errors.go).

import (
	"errors"
	"fmt"
	"os"
	"strings"
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

// MaxRowErrors is how many unreadable rows RowErrors lists; past it, they
// are counted (a hostile file of bad rows would otherwise make an error
// message as large as itself).
const MaxRowErrors = 1000

// RowErrors is every unreadable row of one file, for a reader that can go
// on past a bad row: the user fixes them all in one pass instead of one
// per run. Err wraps it into an InputError at its first row.
type RowErrors struct {
	File string
	Rows []*LineError // the first MaxRowErrors, in file order
	More int          // unreadable rows past those
}

// Add records an unreadable row.
func (e *RowErrors) Add(le *LineError) {
	if len(e.Rows) < MaxRowErrors {
		e.Rows = append(e.Rows, le)
	} else {
		e.More++
	}
}

// Err is nil when every row was readable, else an InputError naming the
// file and the first unreadable row, whose message lists the others.
func (e *RowErrors) Err() error {
	if len(e.Rows) == 0 {
		return nil
	}
	return &InputError{File: e.File, Line: e.Rows[0].Line, Err: e}
}

// Error is one line: the first row's problem (InputError names its file
// and line), then every other row as file:line: problem, then the count.
func (e *RowErrors) Error() string {
	var b strings.Builder
	for i, r := range e.Rows {
		if i == 0 {
			b.WriteString(r.Err.Error())
			continue
		}
		fmt.Fprintf(&b, "; %s:%d: %v", e.File, r.Line, r.Err)
	}
	n := len(e.Rows) + e.More
	if n > 1 {
		fmt.Fprintf(&b, " (%d unreadable rows", n)
		if e.More > 0 {
			fmt.Fprintf(&b, ", the first %d listed", len(e.Rows))
		}
		b.WriteString(")")
	}
	return b.String()
}

// Problems returns one InputError per listed row, and one counting the
// rest: what concord check prints, one a line.
func (e *RowErrors) Problems() []error {
	out := make([]error, 0, len(e.Rows)+1)
	for _, r := range e.Rows {
		out = append(out, &InputError{File: e.File, Line: r.Line, Err: r.Err})
	}
	if e.More > 0 {
		out = append(out, &InputError{File: e.File, Err: fmt.Errorf("%d more unreadable rows", e.More)})
	}
	return out
}

// Unwrap is the first unreadable row's error (errors.As finds its line).
func (e *RowErrors) Unwrap() error { return e.Rows[0] }
