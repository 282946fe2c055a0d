package table

import (
	"bufio"
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
	Line   int      // line of the current record
	Record []string // the current record
	err    error
}

// NewCSV returns a CSV reader over r.
func NewCSV(r io.Reader) *CSV {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	c := csv.NewReader(br)
	c.Comment = '#'
	c.FieldsPerRecord = -1
	c.LazyQuotes = true
	c.ReuseRecord = false
	return &CSV{r: c}
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
