package concordance

import (
	"fmt"

	"github.com/concord-oncology/concord/concordance/internal/table"
)

// The errors of bad input are defined beside the table reader
// (concordance/internal/table), the one package that every reader, the
// domain and the reader of concord's own results (concordance/results,
// which must not depend on the domain) all use: one type for one fact,
// whoever returns it.

// InputError is a problem with a user's input: it names the file and, when
// known, the 1-based line. Commands print it as one line and exit non-zero.
type InputError = table.InputError

// LineError is returned by format readers, which do not know file names:
// the caller wraps it into an InputError with AtFile.
type LineError = table.LineError

// RowErrors is every unreadable row of one file (the report-level table
// lists them all at once); concord check prints them one a line.
type RowErrors = table.RowErrors

// MaxRowErrors is how many unreadable rows a RowErrors lists.
const MaxRowErrors = table.MaxRowErrors

// Errorf returns an InputError for file and line.
func Errorf(file string, line int, format string, args ...any) error {
	return table.Errorf(file, line, format, args...)
}

// AtFile attaches a file name to an error from a reader. A LineError keeps
// its line; an InputError that already names a file is returned unchanged.
func AtFile(file string, err error) error { return table.AtFile(file, err) }

// IsInputError reports whether err is (or wraps) a user-input problem.
func IsInputError(err error) bool { return table.IsInputError(err) }

// FileError is the InputError for a file that cannot be opened or read:
// the path is said once, by the InputError, not again by *os.PathError.
func FileError(path string, err error) error { return table.FileError(path, err) }

// PatientError is a problem with one patient's file: the file's error,
// with the patient and side it was read for, so that a cohort of hundreds
// says whose file is missing. It unwraps to the file's error (an
// InputError, still).
type PatientError struct {
	Patient string
	Side    Side
	Err     error
}

func (e *PatientError) Error() string {
	return fmt.Sprintf("%v (patient %s, %s calls)", e.Err, Quote(e.Patient), e.Side)
}

func (e *PatientError) Unwrap() error { return e.Err }
