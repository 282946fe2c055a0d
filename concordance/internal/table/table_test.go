package table

import (
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
