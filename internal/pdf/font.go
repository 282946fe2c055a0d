package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Font is a TrueType font (glyf outlines) ready to be embedded in PDF
// documents: parsed once, then read by any number of documents at once.
// A document embeds the subset of glyphs it shows (Subset).
type Font struct {
	name       string // PostScript name
	tables     map[string][]byte
	unitsPerEm int
	numGlyphs  int
	longLoca   bool
	advances   []int // per glyph, in font units
	// the FontDescriptor's values, in PDF glyph space (1/1000 em)
	ascent, descent, capHeight, stemV, flags int
	italicAngle                              float64
	bbox                                     [4]int

	sfnt *sfnt.Font
	mu   sync.Mutex
	gid  map[rune]uint16 // the glyph of each rune looked up so far
	kern map[[2]uint16]int
}

// ErrFont is returned for a font that cannot be embedded.
var ErrFont = errors.New("pdf: font")

// NewFont parses a TrueType font (an OpenType font with glyf outlines).
func NewFont(ttf []byte) (*Font, error) {
	f := &Font{tables: map[string][]byte{}, gid: map[rune]uint16{}, kern: map[[2]uint16]int{}}
	if len(ttf) < 12 {
		return nil, fmt.Errorf("%w: %d bytes", ErrFont, len(ttf))
	}
	if v := binary.BigEndian.Uint32(ttf); v != 0x00010000 && v != 0x74727565 { // 1.0, "true"
		return nil, fmt.Errorf("%w: not TrueType outlines (version %#x)", ErrFont, v)
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, fmt.Errorf("%w: table directory cut short", ErrFont)
	}
	for i := range n {
		rec := ttf[12+16*i:]
		tag := string(rec[:4])
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(ttf)) {
			return nil, fmt.Errorf("%w: table %q past the end", ErrFont, tag)
		}
		f.tables[tag] = ttf[off : off+length]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
		if f.tables[tag] == nil {
			return nil, fmt.Errorf("%w: no %s table", ErrFont, tag)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, fmt.Errorf("%w: head, hhea or maxp cut short", ErrFont)
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	if f.unitsPerEm == 0 {
		return nil, fmt.Errorf("%w: 0 units per em", ErrFont)
	}
	f.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	if nh == 0 || nh > f.numGlyphs || len(hmtx) < 4*nh {
		return nil, fmt.Errorf("%w: hmtx of %d bytes for %d metrics", ErrFont, len(hmtx), nh)
	}
	f.advances = make([]int, f.numGlyphs)
	for g := range f.advances {
		f.advances[g] = int(binary.BigEndian.Uint16(hmtx[4*min(g, nh-1):]))
	}
	if _, _, err := f.glyph(uint16(f.numGlyphs - 1)); err != nil {
		return nil, err
	}
	var err error
	if f.sfnt, err = sfnt.Parse(ttf); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFont, err)
	}
	// a PDF name: the PostScript name's letters, digits, - and _ (it
	// should have no others, 5.2.1 of Adobe's Technical Note #5902)
	name, _ := f.sfnt.Name(nil, sfnt.NameIDPostScript)
	f.name = strings.Map(func(r rune) rune {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			return r
		}
		return -1
	}, name)
	if f.name == "" {
		f.name = "Font"
	}
	f.descriptor()
	return f, nil
}

// em converts font units to PDF glyph space (1/1000 em).
func (f *Font) em(v int) int { return int(math.Round(float64(v) * 1000 / float64(f.unitsPerEm))) }

// descriptor sets the FontDescriptor's values from head, hhea, post and
// OS/2 (PDF 32000-1:2008, 9.8).
func (f *Font) descriptor() {
	head, hhea := f.tables["head"], f.tables["hhea"]
	s16 := func(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }
	f.bbox = [4]int{f.em(s16(head, 36)), f.em(s16(head, 38)), f.em(s16(head, 40)), f.em(s16(head, 42))}
	f.ascent, f.descent = f.em(s16(hhea, 4)), f.em(s16(hhea, 6))
	f.capHeight = f.ascent
	weight := 400
	f.flags = 4 // symbolic: glyphs are addressed by identifiers, not a standard encoding
	if os2 := f.tables["OS/2"]; len(os2) >= 6 {
		// usWeightClass is in every version; sCapHeight from version 2
		weight = int(binary.BigEndian.Uint16(os2[4:]))
		if binary.BigEndian.Uint16(os2) >= 2 && len(os2) >= 90 {
			f.capHeight = f.em(s16(os2, 88))
		}
	}
	if post := f.tables["post"]; len(post) >= 16 {
		f.italicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		if binary.BigEndian.Uint32(post[12:]) != 0 {
			f.flags |= 1 // fixed pitch
		}
	}
	if f.italicAngle != 0 {
		f.flags |= 1 << 6 // italic
	}
	if weight >= 600 {
		f.flags |= 1 << 18 // force bold
	}
	// the usual estimate of the dominant vertical stem's width from the
	// weight class (none is stored in a TrueType font)
	f.stemV = 50 + weight*weight/(65*65)
}

// Name is the font's PostScript name.
func (f *Font) Name() string { return f.name }

// glyphs returns the glyphs of runes, with the kerning (in font units)
// before each, as the font's cmap and kern tables (or GPOS pair
// adjustments, as x/image's sfnt reads them) give them.
func (f *Font) glyphs(runes []rune) (gids []uint16, kerns []int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var buf sfnt.Buffer
	for i, r := range runes {
		g, ok := f.gid[r]
		if !ok {
			x, err := f.sfnt.GlyphIndex(&buf, r)
			if err != nil {
				x = 0
			}
			g = uint16(x)
			f.gid[r] = g
		}
		k := 0
		if i > 0 {
			pair := [2]uint16{gids[i-1], g}
			var ok bool
			if k, ok = f.kern[pair]; !ok {
				// scaled to an em of unitsPerEm (as gonum's font.Face.Width
				// asks for it), the kerning is in font units
				v, err := f.sfnt.Kern(&buf, sfnt.GlyphIndex(pair[0]), sfnt.GlyphIndex(pair[1]), fixed.Int26_6(f.unitsPerEm), font.HintingNone)
				if err == nil {
					k = int(v)
				}
				f.kern[pair] = k
			}
		}
		gids = append(gids, g)
		kerns = append(kerns, k)
	}
	return gids, kerns
}

// glyph returns glyph g's outline data and, for a composite glyph, the
// offsets in it of its components' glyph indices.
func (f *Font) glyph(g uint16) ([]byte, []int, error) {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var start, end int
	if f.longLoca {
		if len(loca) < 4*(int(g)+2) {
			return nil, nil, fmt.Errorf("%w: loca cut short", ErrFont)
		}
		start, end = int(binary.BigEndian.Uint32(loca[4*int(g):])), int(binary.BigEndian.Uint32(loca[4*int(g)+4:]))
	} else {
		if len(loca) < 2*(int(g)+2) {
			return nil, nil, fmt.Errorf("%w: loca cut short", ErrFont)
		}
		start, end = 2*int(binary.BigEndian.Uint16(loca[2*int(g):])), 2*int(binary.BigEndian.Uint16(loca[2*int(g)+2:]))
	}
	if start > end || end > len(glyf) {
		return nil, nil, fmt.Errorf("%w: glyph %d outside glyf", ErrFont, g)
	}
	data := glyf[start:end]
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return data, nil, nil
	}
	// a composite glyph: its components (OpenType spec, glyf table)
	const (
		argsAreWords   = 0x0001
		haveScale      = 0x0008
		moreComponents = 0x0020
		haveXYScale    = 0x0040
		have2x2        = 0x0080
	)
	var comps []int
	for p := 10; ; {
		if p+4 > len(data) {
			return nil, nil, fmt.Errorf("%w: composite glyph %d cut short", ErrFont, g)
		}
		flags := binary.BigEndian.Uint16(data[p:])
		comps = append(comps, p+2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&have2x2 != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			if p > len(data) {
				return nil, nil, fmt.Errorf("%w: composite glyph %d cut short", ErrFont, g)
			}
			return data, comps, nil
		}
	}
}

// subset is a font program holding the glyphs used, renumbered.
type subset struct {
	ttf    []byte
	newGID map[uint16]uint16 // old glyph → new
	oldGID []uint16          // new glyph → old
}

// subset builds a TrueType font program of .notdef, the glyphs used and
// the components of any composite among them, numbered in that order of
// their original numbers (PDF's CIDFontType2 with an identity CIDToGIDMap
// then takes the new numbers as CIDs). It keeps the tables a PDF viewer
// reads (head, hhea, maxp, hmtx, loca, glyf and the hinting programs cvt,
// fpgm and prep: PDF 32000-1:2008, 9.9), with post reduced to its version
// 3 (no glyph names), and a cmap of the characters each glyph used stands
// for (text: old glyph → character), which PDF does not read but font
// parsers require.
func (f *Font) subset(used []uint16, text map[uint16]rune) (*subset, error) {
	keep := map[uint16]bool{0: true}
	queue := slices.Clone(used)
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if keep[g] || int(g) >= f.numGlyphs {
			continue
		}
		keep[g] = true
		data, comps, err := f.glyph(g)
		if err != nil {
			return nil, err
		}
		for _, c := range comps {
			queue = append(queue, binary.BigEndian.Uint16(data[c:]))
		}
	}
	s := &subset{newGID: map[uint16]uint16{}}
	for g := range keep {
		s.oldGID = append(s.oldGID, g)
	}
	slices.Sort(s.oldGID)
	for i, g := range s.oldGID {
		s.newGID[g] = uint16(i)
	}
	n := len(s.oldGID)
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	lsb := func(g uint16) []byte { // the left side bearing in the original hmtx
		hm := f.tables["hmtx"]
		nh := int(binary.BigEndian.Uint16(f.tables["hhea"][34:]))
		if int(g) < nh {
			return hm[4*int(g)+2 : 4*int(g)+4]
		}
		if off := 4*nh + 2*(int(g)-nh); off+2 <= len(hm) {
			return hm[off : off+2]
		}
		return []byte{0, 0}
	}
	for i, g := range s.oldGID {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		data, comps, err := f.glyph(g)
		if err != nil {
			return nil, err
		}
		at := len(glyf)
		glyf = append(glyf, data...)
		for _, c := range comps {
			old := binary.BigEndian.Uint16(data[c:])
			binary.BigEndian.PutUint16(glyf[at+c:], s.newGID[old])
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		binary.BigEndian.PutUint16(hmtx[4*i:], uint16(f.advances[g]))
		copy(hmtx[4*i+2:], lsb(g))
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	tables := map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf}
	for _, tag := range []string{"cvt ", "fpgm", "prep"} {
		if t := f.tables[tag]; t != nil {
			tables[tag] = t
		}
	}
	tables["cmap"] = cmap(s.newGID, text)
	if post := f.tables["post"]; len(post) >= 32 {
		p := slices.Clone(post[:32])
		binary.BigEndian.PutUint32(p, 0x00030000)
		tables["post"] = p
	}
	s.ttf = assemble(tables)
	binary.BigEndian.PutUint32(s.ttf[headOffset(s.ttf):][8:], 0xB1B0AFBA-checksum(s.ttf))
	return s, nil
}

// assemble writes a TrueType font program of tables (OpenType spec, the
// table directory): sorted by tag, each on a 4-byte boundary, with its
// checksum.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	n := len(tags)
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	putSearch(out[6:], n, 16)
	for i, t := range tags {
		data := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// putSearch writes the binary-search header of n records of size bytes
// (the table directory's, a format 4 cmap's): searchRange, the size of
// the largest power of two of records at most n; entrySelector, that
// power's log2; rangeShift, the size of the records beyond it.
func putSearch(b []byte, n, size int) {
	entry, sel := 1, 0
	for entry*2 <= n {
		entry *= 2
		sel++
	}
	binary.BigEndian.PutUint16(b, uint16(size*entry))
	binary.BigEndian.PutUint16(b[2:], uint16(sel))
	binary.BigEndian.PutUint16(b[4:], uint16(size*(n-entry)))
}

// checksum is a TrueType table's checksum: the sum of its big-endian
// 32-bit words, the last padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// headOffset is where the head table starts in an assembled font program.
func headOffset(ttf []byte) int {
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := ttf[12+16*i:]
		if string(rec[:4]) == "head" {
			return int(binary.BigEndian.Uint32(rec[8:]))
		}
	}
	panic("pdf: no head table")
}

// cmap is a cmap table (OpenType spec) mapping the characters of the
// Basic Multilingual Plane in text to their new glyphs: a Windows Unicode
// (3, 1) subtable of format 4 with a segment per character.
func cmap(newGID map[uint16]uint16, text map[uint16]rune) []byte {
	type pair struct{ r, g uint16 }
	var pairs []pair
	seen := map[rune]bool{}
	for old, r := range text {
		if g, ok := newGID[old]; ok && r > 0 && r < 0xffff && !seen[r] {
			seen[r] = true
			pairs = append(pairs, pair{uint16(r), g})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return int(a.r) - int(b.r) })
	pairs = append(pairs, pair{0xffff, 0}) // the required last segment
	n := len(pairs)
	sub := make([]byte, 16+8*n)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	putSearch(sub[8:], n, 2)
	ends, starts, deltas := sub[14:], sub[16+2*n:], sub[16+4*n:] // reservedPad between ends and starts
	for i, p := range pairs {
		be.PutUint16(ends[2*i:], p.r)
		be.PutUint16(starts[2*i:], p.r)
		delta := p.g - p.r // modulo 65536
		if p.r == 0xffff {
			delta = 1
		}
		be.PutUint16(deltas[2*i:], delta)
	} // idRangeOffsets (the last n words) stay 0
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}
