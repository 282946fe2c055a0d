// Package pdf writes one-page PDF documents of vector drawings and text
// (PDF 32000-1:2008): paths filled and stroked in RGB colours with
// constant opacity, text in embedded TrueType fonts, and RGB images. It
// is what concord's figures need, written so that a figure set's PDFs
// cost little: a font is parsed once per process (Font) and each document
// embeds only the glyphs it shows, renumbered (a font program of a few
// KB), where go-pdf/fpdf parsed the font file again for every document
// and hashed a JSON dump of its widths, two thirds of the time of a
// figure's PDF.
//
// Text is shown as glyph numbers (CIDs) of a Type0 font over a
// CIDFontType2 (Identity-H encoding), kerned as the font's kern or GPOS
// pairs say, with a ToUnicode map so that viewers copy and search it as
// written, in any script the font has.
package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"
)

// Doc is a one-page document being drawn. Its methods append operators
// to the page's content stream in PDF's coordinates: points, the origin
// at the bottom left, y up.
type Doc struct {
	w, h     float64
	c        []byte
	fonts    []*docFont
	fontOf   map[*Font]*docFont
	alphas   []float64 // the ExtGState of opacity i is /GSi
	images   []image.Image
	producer string
}

// docFont is a font as a document uses it: the glyphs shown, and the
// text each stands for.
type docFont struct {
	f    *Font
	used map[uint16]rune
}

// New returns an empty page of w x h points.
func New(w, h float64) *Doc {
	return &Doc{w: w, h: h, fontOf: map[*Font]*docFont{}}
}

// SetProducer sets the document information's Producer.
func (d *Doc) SetProducer(s string) { d.producer = s }

// num appends v, a length in points, in as few characters as keep 1/100
// of a point (a 28th of a millimetre: finer than print resolves).
func (d *Doc) num(v float64) { d.numAt(v, 100) }

// numAt appends v rounded to 1/per, in as few characters as keep it.
func (d *Doc) numAt(v, per float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	v = math.Round(v*per) / per
	if v == 0 {
		v = 0 // not -0
	}
	d.c = strconv.AppendFloat(d.c, v, 'f', -1, 64)
	d.c = append(d.c, ' ')
}

func (d *Doc) op(s string) {
	d.c = append(d.c, s...)
	d.c = append(d.c, '\n')
}

// Save and Restore push and pop the graphics state (q, Q).
func (d *Doc) Save()    { d.op("q") }
func (d *Doc) Restore() { d.op("Q") }

// Concat multiplies the current transformation matrix by [a b c d e f]
// (cm).
func (d *Doc) Concat(a, b, c, dd, e, f float64) {
	for _, v := range [...]float64{a, b, c, dd} {
		d.numAt(v, 1e6) // a rotation's sines: lengths scale by them
	}
	d.num(e)
	d.num(f)
	d.op("cm")
}

// LineWidth sets the width of strokes (w).
func (d *Doc) LineWidth(w float64) { d.num(w); d.op("w") }

// Dash sets the dash pattern of strokes (d): none for no dashes.
func (d *Doc) Dash(dashes []float64, phase float64) {
	d.c = append(d.c, '[')
	for _, v := range dashes {
		d.num(v)
	}
	d.c = append(d.c, "] "...)
	d.num(phase)
	d.op("d")
}

// Color sets the colour of fills, strokes and text (rg, RG) and their
// opacity (an ExtGState's ca and CA).
func (d *Doc) Color(c color.Color) {
	r, g, b, a := c.RGBA()
	if a > 0 && a < 0xffff { // RGBA is premultiplied; PDF's colours are not
		r, g, b = r*0xffff/a, g*0xffff/a, b*0xffff/a
	}
	for _, op := range [...]string{"rg", "RG"} {
		for _, v := range [...]uint32{r, g, b} {
			d.numAt(float64(v>>8)/255, 1000) // 8 bits apart
		}
		d.op(op)
	}
	alpha := math.Round(float64(a)/0xffff*1000) / 1000
	i := slices.Index(d.alphas, alpha)
	if i < 0 {
		i = len(d.alphas)
		d.alphas = append(d.alphas, alpha)
	}
	d.c = fmt.Appendf(d.c, "/GS%d gs\n", i)
}

// MoveTo, LineTo, CurveTo (a cubic Bézier) and ClosePath build the
// current path (m, l, c, h).
func (d *Doc) MoveTo(x, y float64) { d.num(x); d.num(y); d.op("m") }
func (d *Doc) LineTo(x, y float64) { d.num(x); d.num(y); d.op("l") }
func (d *Doc) CurveTo(x1, y1, x2, y2, x3, y3 float64) {
	for _, v := range [...]float64{x1, y1, x2, y2, x3, y3} {
		d.num(v)
	}
	d.op("c")
}
func (d *Doc) ClosePath() { d.op("h") }

// Fill fills the current path by the non-zero winding rule (f); Stroke
// strokes it (S).
func (d *Doc) Fill()   { d.op("f") }
func (d *Doc) Stroke() { d.op("S") }

// Text shows s in font f at size points, its baseline starting at (x, y).
func (d *Doc) Text(f *Font, size, x, y float64, s string) {
	if s == "" {
		return
	}
	df := d.fontOf[f]
	if df == nil {
		df = &docFont{f: f, used: map[uint16]rune{}}
		d.fontOf[f] = df
		d.fonts = append(d.fonts, df)
	}
	runes := []rune(s)
	gids, kerns := f.glyphs(runes)
	for i, g := range gids {
		if _, ok := df.used[g]; !ok {
			df.used[g] = runes[i]
		}
	}
	d.c = fmt.Appendf(d.c, "BT\n/F%d ", slices.Index(d.fonts, df))
	d.num(size)
	d.op("Tf")
	d.num(x)
	d.num(y)
	d.op("Td")
	d.c = append(d.c, "[<"...)
	for i, g := range gids {
		if k := kerns[i]; k != 0 {
			// TJ's numbers move the next glyph left by thousandths of an em
			d.c = append(d.c, "> "...)
			d.num(-float64(k) * 1000 / float64(f.unitsPerEm))
			d.c = append(d.c, '<')
		}
		d.c = fmt.Appendf(d.c, "%04X", g)
	}
	d.c = append(d.c, ">] TJ\nET\n"...)
}

// Image draws img into the rectangle (x, y, w, h).
func (d *Doc) Image(img image.Image, x, y, w, h float64) {
	d.images = append(d.images, img)
	d.Save()
	d.Concat(w, 0, 0, h, x, y)
	d.c = fmt.Appendf(d.c, "/Im%d Do\n", len(d.images)-1)
	d.Restore()
}

// writer writes numbered objects and remembers where each starts, for
// the cross-reference table.
type writer struct {
	buf     bytes.Buffer
	offsets []int // of object i+1
}

// obj starts object n's dictionary or value (n from reserve).
func (w *writer) obj(n int, format string, args ...any) {
	for len(w.offsets) < n {
		w.offsets = append(w.offsets, 0)
	}
	w.offsets[n-1] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n", n)
	fmt.Fprintf(&w.buf, format, args...)
	w.buf.WriteString("\nendobj\n")
}

// stream writes object n as a stream of data, compressed, with extra
// entries in its dictionary.
func (w *writer) stream(n int, data []byte, extra string) {
	z := compress(data)
	w.obj(n, "<</Length %d /Filter /FlateDecode%s>>\nstream\n%s\nendstream", len(z), extra, z)
}

var zlibWriters = sync.Pool{New: func() any {
	z, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return z
}}

// compress is data in a zlib stream (FlateDecode), by a recycled writer:
// compress/zlib allocates most of a megabyte for each.
func compress(data []byte) []byte {
	var b bytes.Buffer
	z := zlibWriters.Get().(*zlib.Writer)
	z.Reset(&b)
	z.Write(data)
	z.Close()
	zlibWriters.Put(z)
	return b.Bytes()
}

// WriteTo writes the document.
func (d *Doc) WriteTo(out io.Writer) (int64, error) {
	var w writer
	w.buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	next := 1
	reserve := func() int { next++; return next - 1 }
	catalog, pages, page, contents, info := reserve(), reserve(), reserve(), reserve(), reserve()
	var res bytes.Buffer
	res.WriteString("<</ProcSet [/PDF /Text /ImageC]")
	if len(d.fonts) > 0 {
		res.WriteString(" /Font <<")
		for i, df := range d.fonts {
			n, err := d.writeFont(&w, df, reserve)
			if err != nil {
				return 0, err
			}
			fmt.Fprintf(&res, " /F%d %d 0 R", i, n)
		}
		res.WriteString(" >>")
	}
	if len(d.alphas) > 0 {
		res.WriteString(" /ExtGState <<")
		for i, a := range d.alphas {
			n := reserve()
			w.obj(n, "<</Type /ExtGState /ca %s /CA %s>>", fnum(a), fnum(a))
			fmt.Fprintf(&res, " /GS%d %d 0 R", i, n)
		}
		res.WriteString(" >>")
	}
	if len(d.images) > 0 {
		res.WriteString(" /XObject <<")
		for i, img := range d.images {
			fmt.Fprintf(&res, " /Im%d %d 0 R", i, writeImage(&w, img, reserve))
		}
		res.WriteString(" >>")
	}
	res.WriteString(">>")
	w.obj(catalog, "<</Type /Catalog /Pages %d 0 R>>", pages)
	w.obj(pages, "<</Type /Pages /Kids [%d 0 R] /Count 1>>", page)
	w.obj(page, "<</Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources %s /Contents %d 0 R /Group <</Type /Group /S /Transparency /CS /DeviceRGB>>>>",
		pages, fnum(d.w), fnum(d.h), res.String(), contents)
	w.stream(contents, d.c, "")
	w.obj(info, "<</Producer %s /CreationDate (D:20000101000000Z)>>", pdfString(d.producer))
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", next)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&w.buf, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n", next, catalog, info, xref)
	n, err := out.Write(w.buf.Bytes())
	return int64(n), err
}

// fnum formats v as numAt(v, 1000) does.
func fnum(v float64) string {
	var d Doc
	d.numAt(v, 1000)
	return string(d.c[:len(d.c)-1])
}

// pdfString is s as a PDF literal string: in PDFDocEncoding's ASCII part
// as it is (with \, ( and ) escaped), else in UTF-16BE with its byte
// order mark (PDF 32000-1:2008, 7.9.2.2).
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
		}
	}
	var b bytes.Buffer
	b.WriteByte('(')
	write := func(c byte) {
		if c == '\\' || c == '(' || c == ')' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			write(s[i])
		}
	} else {
		b.WriteString("\\376\\377")
		for _, u := range utf16.Encode([]rune(s)) {
			for _, c := range [2]byte{byte(u >> 8), byte(u)} {
				if c == '\\' || c == '(' || c == ')' || c < 0x20 || c > 0x7e {
					fmt.Fprintf(&b, "\\%03o", c)
				} else {
					b.WriteByte(c)
				}
			}
		}
	}
	b.WriteByte(')')
	return b.String()
}

// writeFont writes a font as the document uses it and returns the number
// of its Type0 dictionary: the CIDs shown are the font's own glyph
// numbers, mapped by a CIDToGIDMap to those of the subset embedded.
func (d *Doc) writeFont(w *writer, df *docFont, reserve func() int) (int, error) {
	f := df.f
	cids := make([]uint16, 0, len(df.used))
	for g := range df.used {
		cids = append(cids, g)
	}
	slices.Sort(cids)
	sub, err := f.subset(cids, df.used)
	if err != nil {
		return 0, err
	}
	// a subset's name: six capitals from the glyphs it holds (9.6.4)
	h := fnv.New32a()
	for _, g := range cids {
		binary.Write(h, binary.BigEndian, g)
	}
	tag := make([]byte, 6)
	for i, v := 0, h.Sum32(); i < 6; i, v = i+1, v/26 {
		tag[i] = byte('A' + v%26)
	}
	name := string(tag) + "+" + f.name
	type0, cidFont, desc, file, cidMap, toUni := reserve(), reserve(), reserve(), reserve(), reserve(), reserve()
	w.obj(type0, "<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>", name, cidFont, toUni)
	var widths bytes.Buffer
	for _, g := range cids {
		fmt.Fprintf(&widths, "%d [%d] ", g, f.em(f.advances[g]))
	}
	w.obj(cidFont, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /DW %d /W [%s] /CIDToGIDMap %d 0 R>>",
		name, desc, f.em(f.advances[0]), bytes.TrimSpace(widths.Bytes()), cidMap)
	w.obj(desc, "<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 %d 0 R>>",
		name, f.flags, f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3], fnum(f.italicAngle), f.ascent, f.descent, f.capHeight, f.stemV, file)
	w.stream(file, sub.ttf, fmt.Sprintf(" /Length1 %d", len(sub.ttf)))
	gidMap := make([]byte, 2*(int(cids[len(cids)-1])+1))
	for _, g := range cids {
		binary.BigEndian.PutUint16(gidMap[2*int(g):], sub.newGID[g])
	}
	w.stream(cidMap, gidMap, "")
	w.stream(toUni, toUnicode(cids, df.used), "")
	return type0, nil
}

// toUnicode is the CMap mapping each CID shown to the text it stands for
// (9.10.3), in blocks of at most 100 entries.
func toUnicode(cids []uint16, text map[uint16]rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(cids); i += 100 {
		block := cids[i:min(i+100, len(cids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(block))
		for _, g := range block {
			fmt.Fprintf(&b, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune{text[g]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// writeImage writes img as an RGB image XObject, with its opacity as a
// soft mask when it has any, and returns its number.
func writeImage(w *writer, img image.Image, reserve func() int) int {
	b := img.Bounds()
	rgb := make([]byte, 0, 3*b.Dx()*b.Dy())
	alpha := make([]byte, 0, b.Dx()*b.Dy())
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			rgb = append(rgb, c.R, c.G, c.B)
			alpha = append(alpha, c.A)
			opaque = opaque && c.A == 0xff
		}
	}
	n := reserve()
	mask := ""
	if !opaque {
		m := reserve()
		w.stream(m, alpha, fmt.Sprintf(" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8", b.Dx(), b.Dy()))
		mask = fmt.Sprintf(" /SMask %d 0 R", m)
	}
	w.stream(n, rgb, fmt.Sprintf(" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8%s", b.Dx(), b.Dy(), mask))
	return n
}
