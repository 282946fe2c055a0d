// Package table holds the line and cell handling shared by concord's
// tabular format readers (TSO500 CVO and fusion CSVs, MAF, cBioPortal
// files, the report-level table): BOM and CRLF removal, line numbers,
// missing-value sentinels, and numeric cells.
package table

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/internal/text"
)

// Lines reads r line by line, numbering lines from 1, removing a UTF-8 BOM
// at the start and a trailing '\r' (CRLF files).
//
// Line length is not capped here: the stream is (internal/infile's Limits,
// applied where concord opens every input), so that one flag sets the cap
// for every format. A stream that fails inside a line never yields the
// piece read as a line: the error is reported at that line's number.
type Lines struct {
	sc   *bufio.Scanner
	src  failed
	N    int    // number of the current line
	Text string // the current line without its line ending
}

// NewLines returns a line reader over r.
func NewLines(r io.Reader) *Lines {
	l := &Lines{}
	l.src.r = r
	l.sc = bufio.NewScanner(&l.src)
	l.sc.Buffer(make([]byte, 64<<10), math.MaxInt)
	l.sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		if atEOF && l.src.err != nil && bytes.IndexByte(data, '\n') < 0 {
			return 0, nil, l.src.err
		}
		return bufio.ScanLines(data, atEOF)
	})
	return l
}

// failed passes reads through and keeps the first error other than io.EOF.
type failed struct {
	r   io.Reader
	err error
}

func (f *failed) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err != nil && err != io.EOF && f.err == nil {
		f.err = err
	}
	return n, err
}

// Next advances to the next line; false at the end or on a read error.
func (l *Lines) Next() bool {
	if !l.sc.Scan() {
		return false
	}
	l.N++
	t := l.sc.Text()
	if l.N == 1 {
		t = strings.TrimPrefix(t, "\ufeff")
	}
	l.Text = strings.TrimSuffix(t, "\r")
	return true
}

// Err is the read error that stopped Next, if any.
func (l *Lines) Err() error { return l.sc.Err() }

// NextRow advances to the next line that is a row (see Skip); false at
// the end or on a read error. A header is the first row.
func (l *Lines) NextRow() bool {
	for l.Next() {
		if !Skip(l.Text) {
			return true
		}
	}
	return false
}

// Skip reports whether a line of a tabular file is not a row: a '#'
// comment (the preambles of MAF, cBioPortal, PCGR, TSO500 fusion CSVs and
// the report table; a sample sheet's "# key: value" lines) or a blank line
// (Blank). It is the one rule by which every tabular reader, and the
// format sniffer, finds a file's header: the first line it does not skip.
func Skip[T ~string | ~[]byte](line T) bool {
	return len(line) > 0 && line[0] == '#' || Blank(line)
}

// Blank reports whether a line is empty or holds only separators and
// spaces (the CVO's tab-only rows, a CSV's bare commas).
func Blank[T ~string | ~[]byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\t' && c != ',' {
			return false
		}
	}
	return true
}

// TrimRight removes trailing empty cells (tab padding).
func TrimRight(cells []string) []string {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return cells[:n]
}

// Missing reports whether a cell means "no value": empty, NA, N/A, NaN,
// ".", null, none, unknown, not applicable, [Not Available] and similar
// (case-insensitive). "-" is not missing here: in MAF it is an empty allele.
func Missing(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "na", "n/a", "nan", ".", "null", "none", "unknown", "not applicable", "[not available]", "[unknown]", "[not applicable]", "#n/a":
		return true
	}
	return false
}

// Float parses a number cell; NaN and ok=true for a missing cell, ok=false
// when the text is not a number.
func Float(s string) (float64, bool) {
	if Missing(s) {
		return math.NaN(), true
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsInf(x, 0) {
		return math.NaN(), false
	}
	return x, true
}

// Int parses a count cell; -1 and ok=true for a missing cell. A value
// written as a float with no fraction ("12.0") is accepted.
func Int(s string) (int, bool) {
	if Missing(s) {
		return -1, true
	}
	t := strings.TrimSpace(s)
	if n, err := strconv.Atoi(t); err == nil {
		return n, n >= 0
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || x < 0 || x != math.Trunc(x) || x > math.MaxInt32 {
		return -1, false
	}
	return int(x), true
}

// Fraction parses an allele fraction written as a fraction in [0,1] or as a
// percentage with '%' ("12.5%" → 0.125). ok=false for anything else.
func Fraction(s string) (float64, bool) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	x, ok := Float(strings.TrimSuffix(t, "%"))
	if !ok || math.IsNaN(x) {
		return x, ok
	}
	if pct {
		x /= 100
	}
	if x < 0 || x > 1 {
		return math.NaN(), false
	}
	return x, true
}

// What a value must be, as every reader's error messages say it (one
// wording for VCF fields and table cells alike).
const (
	WantFraction = "an allele fraction in [0, 1]"
	WantPercent  = "an allele fraction in [0, 1], or a percentage in [0%, 100%]"
	WantCount    = "a read count (a whole number, 0 or more)"
	WantSize     = "a copy number or fold change (a number from 0 to 1000)"
)

// IsFraction reports whether x is an allele fraction: in [0, 1], not NaN.
func IsFraction(x float64) bool { return x >= 0 && x <= 1 }

// Size reads a copy number or fold change: a number from 0 to 1000 (no
// tumour reaches 1000 copies), or missing (NaN, ok).
func Size(s string) (float64, bool) {
	x, ok := Float(s)
	return x, ok && !(x < 0) && !(x > 1000)
}

// BadValue is the error for a field whose value is not what it must hold
// (want: WantFraction, WantCount, ...). The value is quoted and clipped.
func BadValue(field, value, want string) error {
	return fmt.Errorf("%s is %s: want %s", field, text.Quote(value), want)
}

// CheckReads refuses alt reads above the depth when both are known (-1 is
// unknown): the alt reads are among the reads the depth counts.
func CheckReads(altField string, alt int, depthField string, depth int) error {
	if alt >= 0 && depth >= 0 && alt > depth {
		return fmt.Errorf("%s %d exceeds %s %d: want at most as many alt reads as the depth", altField, alt, depthField, depth)
	}
	return nil
}

// ShortRow is the error for a data row with fewer cells than its header:
// the cells it lacks would be read as empty, and a row cut short (a
// truncated file, a lost tab) must not pass as a row of missing values.
func ShortRow(cells, header int) error {
	return fmt.Errorf("the row has %d fields but the header has %d: want one field per column", cells, header)
}

// Exons normalises an exon field to the affected exon(s) without the
// transcript's exon count: "14/21" → "14", "2-7/28" → "2-7", "exon 14" →
// "14", "Exon14" → "14", "14-14/21" → "14"; "" when missing.
func Exons(s string) string {
	t := strings.TrimSpace(s)
	if Missing(t) {
		return ""
	}
	if i := strings.IndexByte(t, '/'); i >= 0 {
		t = t[:i]
	}
	t = strings.TrimSpace(t)
	low := strings.ToLower(t)
	for _, p := range []string{"exons", "exon", "ex"} {
		if strings.HasPrefix(low, p) {
			t = strings.TrimSpace(t[len(p):])
			break
		}
	}
	t = strings.ReplaceAll(t, " ", "")
	t = strings.ReplaceAll(t, "_", "-")
	if a, b, ok := strings.Cut(t, "-"); ok && a == b {
		t = a
	}
	return t
}

// Header maps column names to their index. Lookups are case-insensitive
// and ignore surrounding spaces.
type Header map[string]int

// NewHeader indexes a header row. The first of duplicate names wins.
func NewHeader(cells []string) Header {
	h := Header{}
	for i, c := range cells {
		k := strings.ToLower(strings.TrimSpace(c))
		if _, dup := h[k]; !dup && k != "" {
			h[k] = i
		}
	}
	return h
}

// Col returns the index of the first of names present, or -1.
func (h Header) Col(names ...string) int {
	for _, n := range names {
		if i, ok := h[strings.ToLower(n)]; ok {
			return i
		}
	}
	return -1
}

// Cell returns cells[i] trimmed, or "" when i is -1 or out of range.
func Cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}
