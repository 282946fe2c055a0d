// Package text holds the rules for text that crosses concord's boundaries:
// values echoed in error messages (Quote: clipped, control bytes escaped)
// and values carried into outputs (Check: UTF-8 without control
// characters). It is a leaf package so that every layer, the readers below
// the domain included, uses the same rules.
package text

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuoteRunes is how many characters of a value an error message echoes.
const QuoteRunes = 80

// Quote writes a value from an input for an error message: in double
// quotes, clipped to QuoteRunes characters (with "…" when clipped), with
// control characters, quotes and bytes that are not UTF-8 escaped Go-style
// (\t, \x00, \xe9). Every message that echoes input goes through Quote, so
// a 10 MB cell or a binary file cannot flood a terminal or split the
// one-line error.
func Quote(s string) string {
	s, clipped := clip(s)
	q := strconv.Quote(s)
	if clipped {
		q = q[:len(q)-1] + "…\""
	}
	return q
}

// Clip is Quote without the quotes, for a value whose kind the message
// makes plain (a number, a file name in a list): clipped to QuoteRunes
// characters with "…", control characters and bytes that are not UTF-8
// escaped as Escape does.
func Clip(s string) string {
	s, clipped := clip(s)
	s = Escape(s)
	if clipped {
		s += "…"
	}
	return s
}

// clip cuts s to QuoteRunes characters and says whether it did.
func clip(s string) (string, bool) {
	clipped := false
	if len(s) > QuoteRunes {
		n := 0
		for i := range s {
			if n == QuoteRunes {
				s, clipped = s[:i], true
				break
			}
			n++
		}
	}
	return s, clipped
}

// QuoteBytes is Quote for a byte slice.
func QuoteBytes(b []byte) string {
	if len(b) > 4*QuoteRunes {
		b = b[:4*QuoteRunes+1] // enough for QuoteRunes characters and the "…"
	}
	return Quote(string(b))
}

// Escape makes a message safe to print as one line: control characters and
// bytes that are not UTF-8 are escaped as Quote does, and nothing is
// clipped. Commands use it on the whole error line as a last guard.
func Escape(s string) string {
	if Check(s) == nil {
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

// Error is a value that cannot be written to concord's UTF-8 tables,
// JSON and SVG: not UTF-8, or holding a control character (NUL, tab,
// newline, ...).
type Error struct {
	Value  string
	Offset int  // byte offset of the first bad byte or character
	Rune   rune // the control character; utf8.RuneError when the bytes are not UTF-8
}

func (e *Error) Error() string {
	if e.Rune == utf8.RuneError {
		return fmt.Sprintf("%s is not UTF-8 text (byte 0x%02X at byte %d; a Latin-1 or Windows-1252 file? save it as UTF-8)",
			Quote(e.Value), e.Value[e.Offset], e.Offset+1)
	}
	return fmt.Sprintf("%s holds the control character %U at byte %d (values must be one line of text)", Quote(e.Value), e.Rune, e.Offset+1)
}

// Check reports whether s can be carried into outputs as written: UTF-8
// without control characters (C0 including NUL, tab, CR and LF; DEL; C1).
// A tab or newline inside a value would break a TSV row, and raw bytes
// that are not UTF-8 break XML (SVG figures) and make summary.json (which
// replaces them) disagree with the tables. It returns an *Error.
func Check(s string) error {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.IsControl(r) {
			return &Error{Value: s, Offset: i, Rune: r}
		}
		i += n
	}
	return nil
}

// ASCII reports whether s is printable ASCII (0x20–0x7E): the byte
// minus 0x20 wraps below 0x5F exactly for those.
func ASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-0x20 >= 0x5f {
			return false
		}
	}
	return true
}

// Thousands writes a count with commas between thousands, as the figures,
// the test notes and the report's headline print counts: 10,000.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}
