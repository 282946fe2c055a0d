package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
)

// CSV reads comma-separated records with their line numbers. Lines starting
// with '#' are comments (the TSO500 fusion CSV preambles), CRLF and a
// leading UTF-8 BOM are accepted, and records may have any number of
// fields.
type CSV struct {
	r      *csv.Reader
	src    LineCounter
	Line   int      // line of the current record
	Record []string // the current record
	err    error
}

// NewCSV returns a CSV reader over r.
func NewCSV(r io.Reader) *CSV {
	c := &CSV{src: LineCounter{R: r}}
	br := bufio.NewReader(&c.src)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	c.r = csv.NewReader(br)
	c.r.Comment = '#'
	c.r.FieldsPerRecord = -1
	c.r.LazyQuotes = true
	c.r.ReuseRecord = false
	return c
}

// Next advances to the next record; false at the end or on an error.
func (c *CSV) Next() bool {
	rec, err := c.r.Read()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			c.err = err
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				c.Line = pe.Line
			} else {
				// A read error (a line over the cap, a truncated file):
				// csv consumed everything before it, so it struck on the
				// line after the last line ending read.
				c.Line = c.src.N + 1
			}
		}
		return false
	}
	c.Record = rec
	c.Line, _ = c.r.FieldPos(0)
	return true
}

// Err is the error that stopped Next, if any.
func (c *CSV) Err() error { return c.err }

// LineCounter counts the line endings read through it, so that a read
// error (a line over the cap, a truncated file) can name its line: N+1
// once everything before the error was consumed.
type LineCounter struct {
	R io.Reader
	N int
}

func (c *LineCounter) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.N += bytes.Count(p[:n], []byte{'\n'})
	return n, err
}
