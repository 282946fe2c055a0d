package table

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"
)

// Writer writes a tab-separated table as docs/outputs.md specifies: a
// header row, "." for an empty cell, tabs and line breaks inside a cell
// replaced by spaces so a cell never breaks the table.
type Writer struct {
	w   *bufio.Writer
	err error
}

// NewRowWriter returns a Writer that writes rows only, no header: for a
// table written in pieces.
func NewRowWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriterSize(w, 4<<10)} }

// NewWriter returns a Writer that has written the header.
func NewWriter(w io.Writer, header []string) *Writer {
	t := &Writer{w: bufio.NewWriterSize(w, 64<<10)}
	t.Row(header...)
	return t
}

var cellCleaner = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// Row writes one row.
func (t *Writer) Row(cells ...string) {
	if t.err != nil {
		return
	}
	for i, c := range cells {
		if i > 0 {
			t.w.WriteByte('\t')
		}
		if c == "" {
			c = "."
		} else if strings.ContainsAny(c, "\t\n\r") {
			c = cellCleaner.Replace(c)
		}
		t.w.WriteString(c)
	}
	_, t.err = t.w.WriteString("\n")
}

// Flush writes what is buffered and returns the first error.
func (t *Writer) Flush() error {
	if t.err != nil {
		return t.err
	}
	return t.w.Flush()
}

// FormatFloat formats x with the given decimals, "." when it is NaN or
// infinite, and never "-0".
func FormatFloat(x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "."
	}
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s[1:], "0.") == "" {
		s = s[1:]
	}
	return s
}
