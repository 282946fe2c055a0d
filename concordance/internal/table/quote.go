package table

import "strconv"

// QuoteRunes is how many characters of a value an error message echoes.
const QuoteRunes = 80

// Quote writes a value from an input for an error message: in double
// quotes, clipped to QuoteRunes characters (with "…" when clipped), with
// control characters, quotes and bytes that are not UTF-8 escaped Go-style
// (\t, \x00, \xe9). Every message that echoes input goes through Quote, so
// a 10 MB cell or a binary file cannot flood a terminal or split the
// one-line error.
func Quote(s string) string {
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
	q := strconv.Quote(s)
	if clipped {
		q = q[:len(q)-1] + "…\""
	}
	return q
}

// QuoteBytes is Quote for a byte slice.
func QuoteBytes(b []byte) string {
	if len(b) > 4*QuoteRunes {
		b = b[:4*QuoteRunes+1] // enough for QuoteRunes characters and the "…"
	}
	return Quote(string(b))
}
