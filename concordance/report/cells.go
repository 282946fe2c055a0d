package report

import (
	"html/template"
	"strings"
)

// Cells writes a table's head and body as the page shows them: what
//
//	<thead><tr>{{range $i, $h := .Head}}<th{{if index .Numeric $i}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
//	<tbody>{{range .Rows}}<tr>{{range $i, $c := .}}<td{{if index .Numeric $i}} class="num"{{end}}>{{$c}}</td>{{end}}</tr>
//	{{end}}</tbody>
//
// gives through html/template, byte for byte (TestCellsAsTemplate), with
// html/template's escaping of text in an element. Through the template
// every cell took reflection and an escaper call: executing the page was
// most of writing report.html, a serial step at the end of a default run
// (issue 18).
func (t *table) Cells() template.HTML {
	var b strings.Builder
	b.WriteString("<thead><tr>")
	for i, h := range t.Head {
		cell(&b, "th", t.Numeric[i], h)
	}
	b.WriteString("</tr></thead>\n<tbody>")
	for _, row := range t.Rows {
		b.WriteString("<tr>")
		for i, c := range row {
			cell(&b, "td", t.Numeric[i], c)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>")
	return template.HTML(b.String())
}

// cell writes one cell: its tag, the class of a numeric column, and the
// text escaped.
func cell(b *strings.Builder, tag string, numeric bool, s string) {
	b.WriteByte('<')
	b.WriteString(tag)
	if numeric {
		b.WriteString(` class="num"`)
	}
	b.WriteByte('>')
	escapeText(b, s)
	b.WriteString("</")
	b.WriteString(tag)
	b.WriteByte('>')
}

// escapeText writes s as html/template writes a string in an element's
// text (its htmlEscaper, Go 1.26 html/template/html.go): NUL becomes
// U+FFFD, the five characters below and '+' character references, and
// every other byte, invalid UTF-8 included, is copied. (html/template
// decodes runes first; the characters it replaces are ASCII, which UTF-8
// never uses inside another character, so bytes find the same ones.)
func escapeText(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	b.WriteString(s[written:])
}
