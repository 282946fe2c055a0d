package plots

import (
	"fmt"
	"image/color"
	"strings"

	"gonum.org/v1/plot/text"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// glyph kinds of legend items.
const (
	boxKey = iota
	dotKey
	triangleKey
	lineKey
	dashKey
	splitKey // an oncoprint tile: top half tissue, bottom half plasma
	chKey    // an oncoprint tile whose plasma call is flagged CH
	rampKey  // hexagonal bins: pale to dark
	diamondKey
	stageKey // the oncoprint's stage greys, light to dark
)

type legendItem struct {
	label string
	color color.Color
	kind  int
}

func categoryLegend() []legendItem {
	var items []legendItem
	for _, c := range categoryOrder {
		items = append(items, legendItem{CategoryLabel(c), CategoryColor(c), boxKey})
	}
	return items
}

// legendRows lays legend items out in rows no wider than width; a label
// too long for a row of its own wraps.
func legendRows(st *Style, items []legendItem, width vg.Length) [][]legendItem {
	ts := st.textStyle(labelSize, false)
	key, gap, sep := st.pt(10), st.pt(4), st.pt(14)
	var rows [][]legendItem
	var row []legendItem
	var w vg.Length
	for _, it := range items {
		iw := key + gap + legendLabelWidth(ts, it.label, width-key-gap)
		if len(row) > 0 && w+sep+iw > width {
			rows = append(rows, row)
			row, w = nil, 0
		}
		if len(row) > 0 {
			w += sep
		}
		row = append(row, it)
		w += iw
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// legendLabelWidth is the width of a legend label wrapped to width.
func legendLabelWidth(ts text.Style, label string, width vg.Length) vg.Length {
	var w vg.Length
	for _, l := range wrap(ts, label, width) {
		w = max(w, ts.Width(l))
	}
	return w
}

// legendRowHeight is the height of a row of a legend whose labels take
// lines lines.
func legendRowHeight(st *Style, lines int) vg.Length {
	lh := st.textStyle(labelSize, false).Height("Xg")
	return max(st.pt(10), lh*vg.Length(lines)) + st.pt(4)
}

// legendLayout is the rows of a legend at width, the lines of each item's
// label and each row's height.
func legendLayout(st *Style, items []legendItem, width vg.Length) (rows [][]legendItem, lines [][][]string, heights []vg.Length) {
	ts := st.textStyle(labelSize, false)
	key, gap := st.pt(10), st.pt(4)
	rows = legendRows(st, items, width)
	for _, r := range rows {
		var rl [][]string
		n := 1
		for _, it := range r {
			l := wrap(ts, it.label, width-key-gap)
			rl = append(rl, l)
			n = max(n, len(l))
		}
		lines = append(lines, rl)
		heights = append(heights, legendRowHeight(st, n))
	}
	return rows, lines, heights
}

// legendHeight is the height drawLegend takes for items at width.
func legendHeight(st *Style, items []legendItem, width vg.Length) vg.Length {
	if len(items) == 0 {
		return 0
	}
	_, _, heights := legendLayout(st, items, width)
	h := st.pt(6)
	for _, rh := range heights {
		h += rh
	}
	return h
}

// drawLegend draws a legend panel across the top of c, wrapping to more
// rows when needed, and returns the canvas below it: legends never sit on
// data.
func drawLegend(c draw.Canvas, st *Style, items []legendItem) draw.Canvas {
	ts := st.textStyle(labelSize, false)
	ts.YAlign = draw.YTop
	lh := ts.Height("Xg")
	key, gap, sep := st.pt(10), st.pt(4), st.pt(14)
	rows, lines, heights := legendLayout(st, items, c.Max.X-c.Min.X)
	top := c.Max.Y
	for i, r := range rows {
		// the key centred on the first line of its label
		y := top - legendRowHeight(st, 1)/2
		x := c.Min.X
		for k, it := range r {
			drawKey(c, st, it, vg.Point{X: x, Y: y - key/2}, key)
			var w vg.Length
			for j, l := range lines[i][k] {
				c.FillText(ts, vg.Point{X: x + key + gap, Y: y + lh/2 - lh*vg.Length(j)}, l)
				w = max(w, ts.Width(l))
			}
			x += key + gap + w + sep
		}
		top -= heights[i]
	}
	c.Max.Y -= legendHeight(st, items, c.Max.X-c.Min.X)
	return c
}

func drawKey(c draw.Canvas, st *Style, it legendItem, at vg.Point, size vg.Length) {
	switch it.kind {
	case boxKey:
		fillRect(c, it.color, at.X, at.Y, at.X+size, at.Y+size)
	case dotKey:
		c.SetColor(it.color)
		draw.CircleGlyph{}.DrawGlyph(&c, draw.GlyphStyle{Color: it.color, Radius: size / 3, Shape: draw.CircleGlyph{}}, vg.Point{X: at.X + size/2, Y: at.Y + size/2})
	case triangleKey:
		filledTriangle{}.DrawGlyph(&c, draw.GlyphStyle{Color: it.color, Radius: size / 2}, vg.Point{X: at.X + size/2, Y: at.Y + size*0.4})
	case lineKey, dashKey:
		ls := draw.LineStyle{Color: it.color, Width: st.pt(1.5)}
		if it.kind == dashKey {
			ls.Dashes = []vg.Length{st.pt(3), st.pt(2)}
		}
		c.StrokeLine2(ls, at.X, at.Y+size/2, at.X+size, at.Y+size/2)
	case splitKey:
		fillRect(c, TissueOnlyColor, at.X, at.Y+size/2, at.X+size, at.Y+size)
		fillRect(c, PlasmaOnlyColor, at.X, at.Y, at.X+size, at.Y+size/2)
	case stageKey:
		for k, l := range []string{"I", "II", "III", "IV"} {
			x := at.X + size*vg.Length(k)/4
			fillRect(c, stageGreys[l], x, at.Y, x+size/4, at.Y+size)
		}
	case diamondKey:
		var d vg.Path
		d.Move(vg.Point{X: at.X, Y: at.Y + size/2})
		d.Line(vg.Point{X: at.X + size/2, Y: at.Y + size*0.85})
		d.Line(vg.Point{X: at.X + size, Y: at.Y + size/2})
		d.Line(vg.Point{X: at.X + size/2, Y: at.Y + size*0.15})
		d.Close()
		c.SetColor(it.color)
		c.Fill(d)
	case rampKey:
		for k := 0; k < 3; k++ {
			x := at.X + size*vg.Length(k)/3
			fillRect(c, hexRamp([]int{1, 10, 100}[k], 100), x, at.Y, x+size/3, at.Y+size)
		}
	case chKey:
		fillRect(c, NeutralColor, at.X, at.Y+size/2, at.X+size, at.Y+size)
		fillRect(c, it.color, at.X, at.Y, at.X+size, at.Y+size/2)
	}
}

func fillRect(c draw.Canvas, col color.Color, x0, y0, x1, y1 vg.Length) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	c.SetColor(col)
	var p vg.Path
	p.Move(vg.Point{X: x0, Y: y0})
	p.Line(vg.Point{X: x1, Y: y0})
	p.Line(vg.Point{X: x1, Y: y1})
	p.Line(vg.Point{X: x0, Y: y1})
	p.Close()
	c.Fill(p)
}

// noteLines are the lines of a note wrapped to width, and their pitch.
func noteLines(st *Style, note string, width vg.Length) (text.Style, []string, vg.Length) {
	ts := st.textStyle(noteSize, false)
	ts.Color = GreyColor
	return ts, wrap(ts, note, width), ts.Height("Xg") * 1.15
}

// noteHeight is the height drawNote takes for note at width.
func noteHeight(st *Style, note string, width vg.Length) vg.Length {
	if note == "" {
		return 0
	}
	_, lines, lh := noteLines(st, note, width)
	return vg.Length(len(lines))*lh + st.pt(4)
}

// drawNote writes a note in small grey type at the bottom of c, wrapped to
// its width, and returns the canvas above it.
func drawNote(c draw.Canvas, st *Style, note string) draw.Canvas {
	if note == "" {
		return c
	}
	ts, lines, lh := noteLines(st, note, c.Max.X-c.Min.X)
	y := c.Min.Y
	for i := len(lines) - 1; i >= 0; i-- {
		c.FillText(ts, vg.Point{X: c.Min.X, Y: y}, lines[i])
		y += lh
	}
	c.Min.Y = y + st.pt(4)
	return c
}

// wrap breaks txt into lines no wider than width, at spaces; a no-break
// space (U+00A0) binds the words on each side ("p\u00a0<\u00a00.001").
func wrap(ts text.Style, txt string, width vg.Length) []string {
	var lines []string
	line := ""
	for _, w := range strings.FieldsFunc(txt, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && ts.Width(try) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// textColorOn returns black or white, whichever reads on background bg.
func textColorOn(bg color.Color) color.Color {
	r, g, b, _ := bg.RGBA()
	// relative luminance, ITU-R BT.709 weights on 16-bit channels
	l := (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 65535
	if l > 0.5 {
		return Black
	}
	return color.White
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}
