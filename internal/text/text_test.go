package text

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestQuote(t *testing.T) {
	long := strings.Repeat("é", 10<<20) // a 20 MB cell
	tests := []struct{ in, want string }{
		{"EGFR", `"EGFR"`},
		{"", `""`},
		{"a\tb\nc\x00d", `"a\tb\nc\x00d"`},
		{"caf\xe9", `"caf\xe9"`}, // Latin-1 é: not UTF-8, escaped
		{"\x1b[31mred", `"\x1b[31mred"`},
		{`say "hi"`, `"say \"hi\""`},
		{strings.Repeat("x", 80), `"` + strings.Repeat("x", 80) + `"`},
		{strings.Repeat("x", 81), `"` + strings.Repeat("x", 80) + `…"`},
		{long, `"` + strings.Repeat("é", 80) + `…"`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%.40q) = %.200q, want %.200q", tt.in, got, tt.want)
		}
	}
	if got := QuoteBytes([]byte(long)); got != Quote(long) {
		t.Errorf("QuoteBytes differs from Quote: %.100q", got)
	}
	// Binary input: clipped and all on one line.
	bin := make([]byte, 5000)
	for i := range bin {
		bin[i] = byte(i * 7)
	}
	q := QuoteBytes(bin)
	if strings.ContainsAny(q, "\n\r\x00") || !utf8.ValidString(q) || len(q) > 4*80+2+len("…") {
		t.Errorf("QuoteBytes of binary = %q", q)
	}
}

func TestClip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"7999999900", "7999999900"},
		{"a\tb", `a\tb`},
		{strings.Repeat("x", 81), strings.Repeat("x", 80) + "…"},
	}
	for _, tt := range tests {
		if got := Clip(tt.in); got != tt.want {
			t.Errorf("Clip(%.40q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, ü ok", "plain text, ü ok"},
		{"a\nb\tc\x00", `a\nb\tc\x00`},
		{"caf\xe9", `caf\xe9`},
		{`C:\path`, `C:\path`},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		r      rune
	}{
		{"EGFR", -1, 0},
		{"p.V600E", -1, 0},
		{"Non–Small Cell Lung Cancer (München)", -1, 0},
		{"", -1, 0},
		{"BR\x00AF", 2, 0},
		{"a\tb", 1, '\t'},
		{"line\n", 4, '\n'},
		{"cr\r", 2, '\r'},
		{"del\x7f", 3, 0x7f},
		{"c1\u0085", 2, 0x85},
		{"M\xfcnchen", 1, utf8.RuneError}, // Latin-1 ü
		{"\xef\xbb", 0, utf8.RuneError},   // cut UTF-8 sequence
	}
	for _, tt := range tests {
		err := Check(tt.in)
		if tt.offset < 0 {
			if err != nil {
				t.Errorf("Check(%q) = %v, want nil", tt.in, err)
			}
			continue
		}
		var te *Error
		if !errors.As(err, &te) || te.Offset != tt.offset || te.Rune != tt.r {
			t.Errorf("Check(%q) = %#v, want offset %d rune %U", tt.in, err, tt.offset, tt.r)
		}
	}
	msg := Check("M\xfcnchen").Error()
	if !strings.Contains(msg, `"M\xfcnchen"`) || !strings.Contains(msg, "0xFC at byte 2") || !strings.Contains(msg, "UTF-8") {
		t.Errorf("message %q", msg)
	}
	msg = Check("BR\x00AF").Error()
	if !strings.Contains(msg, `"BR\x00AF"`) || !strings.Contains(msg, "U+0000") {
		t.Errorf("message %q", msg)
	}
}

// TestThousands: commas every three digits from the right (by hand).
func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 97574: "97,574", 100000: "100,000",
		1234567: "1,234,567", -123: "-123", -1234: "-1,234", -123456: "-123,456"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
