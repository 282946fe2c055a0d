package pdf

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func liberation(t *testing.T, ttf []byte) *Font {
	t.Helper()
	f, err := NewFont(ttf)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// text holds ASCII, Latin letters with accents (composite glyphs in the
// Liberation fonts), typographic punctuation, Greek and a character the
// font lacks (.notdef).
const text = "Ewing’s Sarcoma, Sjögren, ≥ 5% · α-Å ĳ ffi 中"

// A subset's font program, as x/image's sfnt parser reads it, holds every
// glyph used and the components of composite ones, with the original's
// outlines and advances, renumbered from .notdef at 0.
func TestSubsetOutlines(t *testing.T) {
	for _, ttf := range [][]byte{liberationsansregular.TTF, liberationsansbold.TTF, liberationsansitalic.TTF} {
		f := liberation(t, ttf)
		orig, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		gids, _ := f.glyphs([]rune(text))
		runes := map[uint16]rune{}
		for i, r := range []rune(text) {
			runes[gids[i]] = r
		}
		sub, err := f.subset(gids, runes)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sfnt.Parse(sub.ttf)
		if err != nil {
			t.Fatalf("%s: the subset does not parse: %v", f.Name(), err)
		}
		if got.NumGlyphs() != len(sub.oldGID) || sub.oldGID[0] != 0 {
			t.Fatalf("%s: %d glyphs, %d kept, first %d", f.Name(), got.NumGlyphs(), len(sub.oldGID), sub.oldGID[0])
		}
		for _, g := range gids {
			if _, ok := sub.newGID[g]; !ok {
				t.Errorf("%s: glyph %d used but not kept", f.Name(), g)
			}
		}
		for old, r := range runes {
			if g, err := got.GlyphIndex(&sfnt.Buffer{}, r); err != nil || uint16(g) != sub.newGID[old] {
				t.Errorf("%s: the subset's cmap maps %q to %d (%v), want %d", f.Name(), r, g, err, sub.newGID[old])
			}
		}
		composites := 0
		var b1, b2 sfnt.Buffer
		ppem := fixed.I(1000)
		for newG, oldG := range sub.oldGID {
			want, err1 := orig.LoadGlyph(&b1, sfnt.GlyphIndex(oldG), ppem, nil)
			have, err2 := got.LoadGlyph(&b2, sfnt.GlyphIndex(newG), ppem, nil)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: glyph %d (%d): %v %v", f.Name(), oldG, newG, err1, err2)
			}
			if !slices.Equal(want, have) {
				t.Errorf("%s: glyph %d (now %d): outline differs", f.Name(), oldG, newG)
			}
			a1, _ := orig.GlyphAdvance(&b1, sfnt.GlyphIndex(oldG), ppem, font.HintingNone)
			a2, _ := got.GlyphAdvance(&b2, sfnt.GlyphIndex(newG), ppem, font.HintingNone)
			if a1 != a2 {
				t.Errorf("%s: glyph %d: advance %v, want %v", f.Name(), oldG, a2, a1)
			}
			if _, comps, _ := f.glyph(oldG); len(comps) > 0 {
				composites++
			}
		}
		if composites == 0 {
			t.Errorf("%s: no composite glyph in the test text", f.Name())
		}
		if len(sub.ttf) > 20000 {
			t.Errorf("%s: subset of %d glyphs takes %d bytes", f.Name(), len(sub.oldGID), len(sub.ttf))
		}
		if checksum(sub.ttf) != 0xB1B0AFBA {
			t.Errorf("%s: the font's checksum is %#x, want 0xB1B0AFBA", f.Name(), checksum(sub.ttf))
		}
	}
}

// drawing is a page with text in three faces, paths, translucent colours,
// a transform and an image.
func drawing(t *testing.T) []byte {
	regular, bold, italic := liberation(t, liberationsansregular.TTF), liberation(t, liberationsansbold.TTF), liberation(t, liberationsansitalic.TTF)
	d := New(300, 200)
	d.SetProducer("concord (test) ’")
	d.Color(color.NRGBA{0x20, 0x40, 0x80, 0x80})
	d.MoveTo(10, 10)
	d.LineTo(100, 10)
	d.CurveTo(120, 40, 140, 40, 150, 10)
	d.ClosePath()
	d.Fill()
	d.Save()
	d.Concat(0, 1, -1, 0, 280, 20) // a quarter turn
	d.Color(color.Black)
	d.Text(bold, 12, 0, 0, "Plasma VAF")
	d.Restore()
	d.LineWidth(0.5)
	d.Dash([]float64{2, 1}, 0)
	d.MoveTo(0, 100)
	d.LineTo(300, 100)
	d.Stroke()
	d.Text(regular, 10, 20, 150, text)
	d.Text(italic, 10, 20, 130, "KRAS AVATAR")
	img := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	for i := range img.Pix {
		img.Pix[i] = byte(40 * i)
	}
	d.Image(img, 200, 120, 40, 30)
	var b bytes.Buffer
	if _, err := d.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The file's structure: each cross-reference entry points at its object,
// startxref at the table, and the same drawing gives the same bytes.
func TestDocStructure(t *testing.T) {
	b := drawing(t)
	if !bytes.Equal(b, drawing(t)) {
		t.Error("the same drawing gave other bytes")
	}
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("no startxref at the end: %q", b[max(0, len(b)-60):])
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(b[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d is not the table", xref)
	}
	entries := regexp.MustCompile(`(\d{10}) 00000 n `).FindAllSubmatch(b[xref:], -1)
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		if want := strconv.Itoa(i+1) + " 0 obj\n"; !bytes.HasPrefix(b[off:], []byte(want)) {
			t.Errorf("object %d's entry points at %q", i+1, b[off:min(len(b), off+20)])
		}
	}
	if n := bytes.Count(b, []byte(" 0 obj\n")); n != len(entries) {
		t.Errorf("%d objects, %d entries", n, len(entries))
	}
	// empty text shows nothing and embeds no font
	d := New(10, 10)
	d.Text(liberation(t, liberationsansregular.TTF), 10, 1, 1, "")
	var e bytes.Buffer
	if _, err := d.WriteTo(&e); err != nil || bytes.Contains(e.Bytes(), []byte("/Font")) {
		t.Errorf("a page with empty text: %v, fonts: %v", err, bytes.Contains(e.Bytes(), []byte("/Font")))
	}
}

// poppler (pdftotext, pdffonts, pdfinfo: Debian's poppler-utils, which
// scripts/test-deps.sh installs) reads the page: its text as written, in
// every script, each face embedded as a subset with a Unicode map, and
// the information dictionary.
func TestDocPoppler(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdffonts", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (poppler-utils; scripts/test-deps.sh installs it)", tool)
		}
	}
	path := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(path, drawing(t), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) string {
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		if bytes.Contains(out, []byte("Syntax Error")) || bytes.Contains(out, []byte("Syntax Warning")) {
			t.Errorf("%s: %s", name, out)
		}
		return string(out)
	}
	txt := run("pdftotext", "-raw", path, "-")
	// poppler writes what has no glyph (.notdef) as it was mapped
	// (the turned label comes out a word a line)
	for _, want := range []string{"Plasma", "VAF", strings.TrimSuffix(text, " 中"), "KRAS AVATAR"} {
		if !strings.Contains(txt, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, txt)
		}
	}
	fonts := run("pdffonts", path)
	for _, name := range []string{"LiberationSans ", "LiberationSans-Bold ", "LiberationSans-Italic "} {
		if !regexp.MustCompile(`[A-Z]{6}\+` + name + `\s+CID TrueType\s+Identity-H\s+yes yes yes`).MatchString(fonts) {
			t.Errorf("pdffonts: %s not an embedded subset with a Unicode map:\n%s", name, fonts)
		}
	}
	info := run("pdfinfo", path)
	for _, want := range []string{"Producer:        concord (test) ’", "CreationDate:    Sat Jan  1 00:00:00 2000 UTC", "Page size:       300 x 200 pts", "Pages:           1"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// Kerning: a pair the font kerns moves the next glyph in the TJ array by
// the font's kerning, in thousandths of an em.
func TestTextKerned(t *testing.T) {
	f := liberation(t, liberationsansregular.TTF)
	gids, kerns := f.glyphs([]rune("AVAT"))
	if len(gids) != 4 || kerns[0] != 0 {
		t.Fatalf("glyphs %v kerns %v", gids, kerns)
	}
	var buf sfnt.Buffer
	want, err := f.sfnt.Kern(&buf, sfnt.GlyphIndex(gids[0]), sfnt.GlyphIndex(gids[1]), fixed.Int26_6(f.unitsPerEm), font.HintingNone)
	if err != nil || want == 0 {
		t.Fatalf("Liberation Sans does not kern AV: %v %v", want, err)
	}
	if kerns[1] != int(want) {
		t.Errorf("AV kerned %d units, the font says %d", kerns[1], want)
	}
	d := New(100, 100)
	d.Text(f, 10, 0, 0, "AV")
	if tj := strconv.Itoa(-kerns[1] * 1000 / f.unitsPerEm); !strings.Contains(string(d.c), "> "+tj) {
		t.Errorf("no adjustment of %s in %q", tj, d.c)
	}
}

// The FontDescriptor's flags: bold and italic faces are flagged, from
// their weight class and italic angle, also when the OS/2 table is of
// version 0 (78 bytes, no cap height: the ascent stands for it).
func TestDescriptorFlags(t *testing.T) {
	const bold, italic = 1 << 18, 1 << 6
	for _, c := range []struct {
		name       string
		ttf        []byte
		flags, not int
	}{
		{"regular", liberationsansregular.TTF, 4, bold | italic},
		{"bold", liberationsansbold.TTF, 4 | bold, italic},
		{"italic", liberationsansitalic.TTF, 4 | italic, bold},
	} {
		f := liberation(t, c.ttf)
		if f.flags&c.flags != c.flags || f.flags&c.not != 0 {
			t.Errorf("%s: flags %#x, want %#x set and %#x clear", c.name, f.flags, c.flags, c.not)
		}
	}
	// bold with its OS/2 table cut to version 0's 78 bytes
	ttf := slices.Clone(liberationsansbold.TTF)
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := ttf[12+16*i:]
		if string(rec[:4]) == "OS/2" {
			binary.BigEndian.PutUint32(rec[12:], 78)
			binary.BigEndian.PutUint16(ttf[binary.BigEndian.Uint32(rec[8:]):], 0)
		}
	}
	f := liberation(t, ttf)
	if f.flags&bold == 0 || f.capHeight != f.ascent {
		t.Errorf("bold with a version 0 OS/2: flags %#x, cap height %d (ascent %d)", f.flags, f.capHeight, f.ascent)
	}
	if strings.ContainsAny(f.Name(), " /()<>[]{}%#") {
		t.Errorf("name %q is not a PDF name", f.Name())
	}
}
