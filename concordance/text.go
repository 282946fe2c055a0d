package concordance

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concord-oncology/concord/concordance/internal/table"
)

// QuoteRunes is how many characters of a value an error message echoes.
const QuoteRunes = table.QuoteRunes

// Quote writes a value from an input for an error message: in double
// quotes, clipped to QuoteRunes characters (with "…" when clipped), with
// control characters, quotes and bytes that are not UTF-8 escaped Go-style
// (\t, \x00, \xe9). Every message that echoes input goes through Quote, so
// a 10 MB cell or a binary file cannot flood a terminal or split the
// one-line error. (Defined beside the table reader, whose messages quote
// cells too.)
func Quote(s string) string { return table.Quote(s) }

// QuoteBytes is Quote for a byte slice.
func QuoteBytes(b []byte) string { return table.QuoteBytes(b) }

// Escape makes a message safe to print as one line: control characters and
// bytes that are not UTF-8 are escaped as Quote does, and nothing is
// clipped. Commands use it on the whole error line as a last guard.
func Escape(s string) string {
	if CheckText(s) == nil {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// TextError is a value that cannot be written to concord's UTF-8 tables,
// JSON and SVG: not UTF-8, or holding a control character (NUL, tab,
// newline, ...).
type TextError struct {
	Value  string
	Offset int  // byte offset of the first bad byte or character
	Rune   rune // the control character; utf8.RuneError when the bytes are not UTF-8
}

func (e *TextError) Error() string {
	if e.Rune == utf8.RuneError {
		return fmt.Sprintf("%s is not UTF-8 text (byte 0x%02X at byte %d; a Latin-1 or Windows-1252 file? save it as UTF-8)",
			Quote(e.Value), e.Value[e.Offset], e.Offset+1)
	}
	return fmt.Sprintf("%s holds the control character %U at byte %d (values must be one line of text)", Quote(e.Value), e.Rune, e.Offset+1)
}

// CheckText reports whether s can be carried into outputs as written: UTF-8
// without control characters (C0 including NUL, tab, CR and LF; DEL; C1).
// A tab or newline inside a value would break a TSV row, and raw bytes
// that are not UTF-8 break XML (SVG figures) and make summary.json (which
// replaces them) disagree with the tables. It returns a *TextError.
func CheckText(s string) error {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.IsControl(r) {
			return &TextError{Value: s, Offset: i, Rune: r}
		}
		i += n
	}
	return nil
}

// CheckText checks, with CheckText, the text of a call that reaches the
// outputs (alterations.tsv, the ledger's details, figures, the report):
// gene, alleles, protein change, fusion partner, exons, consequence, exon
// and the caller's germline label; it names the field that fails. A field
// that comes to be written out must be added here. It runs on every call
// of a cohort, so printable ASCII, the rule, is checked first in one pass.
func (c *Call) CheckText() error {
	if asciiText(c.Gene) && asciiText(c.Chrom) && asciiText(c.Ref) && asciiText(c.Alt) && asciiText(c.Protein) &&
		asciiText(c.Partner) && asciiText(c.Exons) && asciiText(c.Consequence) && asciiText(c.Exon) && asciiText(c.GermlineStatus) {
		return nil
	}
	for _, f := range [...]struct{ name, v string }{
		{"gene", c.Gene}, {"chromosome", c.Chrom}, {"REF", c.Ref}, {"ALT", c.Alt}, {"protein change", c.Protein},
		{"fusion partner", c.Partner}, {"exons", c.Exons}, {"consequence", c.Consequence}, {"exon", c.Exon},
		{"germline status", c.GermlineStatus},
	} {
		if err := CheckText(f.v); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}

// asciiText reports whether s is printable ASCII (0x20–0x7E): the byte
// minus 0x20 wraps below 0x5F exactly for those.
func asciiText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-0x20 >= 0x5f {
			return false
		}
	}
	return true
}
