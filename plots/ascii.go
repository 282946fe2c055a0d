package plots

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// symbols are the non-ASCII characters concord's labels use, spelt out.
var symbols = map[rune]string{
	'≥': ">=", '≤': "<=", '–': "-", '—': "-", '−': "-", '×': "x", '·': ".",
	'‘': "'", '’': "'", '“': `"`, '”': `"`, '…': "...", 'µ': "u", 'α': "alpha", 'β': "beta",
	'ß': "ss", 'æ': "ae", 'Æ': "AE", 'ø': "o", 'Ø': "O", 'å': "a", 'Å': "A", 'ł': "l", 'Ł': "L",
	'→': "->", '±': "+/-", '°': " deg", '\u00a0': " ",
}

// ASCII transliterates txt to ASCII for the PDF backend: known symbols are
// spelt out ("≥" → ">="), accented letters lose their accents ("é" → "e")
// and anything else becomes "?".
func ASCII(txt string) string {
	ascii := true
	for i := 0; i < len(txt); i++ {
		if txt[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return txt
	}
	var b strings.Builder
	for _, r := range txt {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		if s, ok := symbols[r]; ok {
			b.WriteString(s)
			continue
		}
		base := ""
		for _, d := range norm.NFD.String(string(r)) {
			if d < 0x80 {
				base += string(d)
			} else if !unicode.Is(unicode.Mn, d) {
				base = ""
				break
			}
		}
		if base == "" {
			base = "?"
		}
		b.WriteString(base)
	}
	return b.String()
}
