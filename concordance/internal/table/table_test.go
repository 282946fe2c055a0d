package table

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestLines(t *testing.T) {
	l := NewLines(strings.NewReader("\ufeffa\tb\r\n\t\t\r\nc\n"))
	var got []string
	for l.Next() {
		got = append(got, l.Text)
	}
	want := []string{"a\tb", "\t\t", "c"}
	if strings.Join(got, "|") != strings.Join(want, "|") || l.N != 3 {
		t.Errorf("lines = %q (N=%d), want %q (N=3)", got, l.N, want)
	}
	if !Blank(got[1]) || Blank(got[0]) {
		t.Error("Blank misjudges a tab-only row")
	}
}

func TestCells(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0.25", 0.25, true}, {"25%", 0.25, true}, {"1", 1, true}, {"NA", math.NaN(), true},
		{"150%", 0, false}, {"-0.1", 0, false}, {"abc", 0, false},
	} {
		got, ok := Fraction(tc.in)
		if ok != tc.ok || ok && !(got == tc.want || math.IsNaN(got) && math.IsNaN(tc.want)) {
			t.Errorf("Fraction(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	for in, want := range map[string]int{"12": 12, "12.0": 12, "NA": -1, ".": -1, "": -1} {
		if got, ok := Int(in); !ok || got != want {
			t.Errorf("Int(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"1.5", "-3", "x"} {
		if _, ok := Int(in); ok {
			t.Errorf("Int(%q) accepted", in)
		}
	}
	for in, want := range map[string]string{
		"14/21": "14", "2-7/28": "2-7", "exon 14": "14", "Exon14": "14", "14-14/21": "14", "": "", "NA": "", "14": "14",
	} {
		if got := Exons(in); got != want {
			t.Errorf("Exons(%q) = %q, want %q", in, got, want)
		}
	}
}

// failAfter gives its text, then an error: a stream cut by a cap or a
// truncated file.
type failAfter struct {
	text string
	err  error
}

func (f *failAfter) Read(p []byte) (int, error) {
	if f.text == "" {
		return 0, f.err
	}
	n := copy(p, f.text)
	f.text = f.text[n:]
	return n, nil
}

var errCut = errors.New("cut")

// A stream that fails inside a line never yields the piece read as a line:
// the readers then report the error at that line (N+1).
func TestLinesFailedStream(t *testing.T) {
	l := NewLines(&failAfter{text: "a\nb\npartial", err: errCut})
	var got []string
	for l.Next() {
		got = append(got, l.Text)
	}
	if strings.Join(got, "|") != "a|b" || l.N != 2 || !errors.Is(l.Err(), errCut) {
		t.Errorf("lines %q N=%d err %v; want a|b, N=2, the stream's error", got, l.N, l.Err())
	}
	// A long line is not capped here: the stream caps it.
	long := strings.Repeat("x", 20<<20)
	l = NewLines(strings.NewReader("h\n" + long + "\n"))
	for l.Next() {
	}
	if l.N != 2 || len(l.Text) != len(long) || l.Err() != nil {
		t.Errorf("a 20 MiB line: N=%d len %d err %v", l.N, len(l.Text), l.Err())
	}
}

// A CSV read error names the line after the last line ending read.
func TestCSVFailedStream(t *testing.T) {
	c := NewCSV(&failAfter{text: "#pre\na,b\nc,d\npart", err: errCut})
	n := 0
	for c.Next() {
		n++
	}
	if n != 2 || c.Line != 4 || !errors.Is(c.Err(), errCut) {
		t.Errorf("%d records, line %d, err %v; want 2 records, then the error on line 4", n, c.Line, c.Err())
	}
}

// Skip is the one rule for the lines of a tabular file that are not rows:
// '#' comments and blank lines (spaces, tabs, commas); NextRow applies it.
func TestSkip(t *testing.T) {
	for line, want := range map[string]bool{
		"": true, "   ": true, "\t\t": true, ",,,": true, " ,\t": true, "#version 2.4": true, "#": true,
		"a": false, " #x": false, "\t#": false, ",a": false, "Hugo_Symbol\tChromosome": false, "\v": false,
	} {
		if Skip(line) != want || Skip([]byte(line)) != want {
			t.Errorf("Skip(%q) = %v, want %v", line, !want, want)
		}
	}
	l := NewLines(strings.NewReader("#c\n,,\nh1\th2\n\t\n1\t2\n"))
	var rows []string
	for l.NextRow() {
		rows = append(rows, fmt.Sprintf("%d:%s", l.N, l.Text))
	}
	if got := strings.Join(rows, "|"); got != "3:h1\th2|5:1\t2" {
		t.Errorf("NextRow gave %q", got)
	}
}
