package plots

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
	"math"

	"github.com/concord-oncology/concord/internal/deflate"
)

// encodePNG writes an opaque RGBA image as an 8-bit RGB PNG (PNG
// specification, 2nd ed., W3C 2003) with its resolution in a pHYs chunk
// (11.3.5.3), and reports false, writing nothing, for an image with any
// transparent pixel. It does what image/png at BestSpeed does for a figure
// in a fifth of the CPU time, for 7% more bytes (BenchmarkEncodePNG, the
// fixture's figures at 300 dpi: 0.13 s against 0.68 s per set, 3.29 MB
// against 3.07 MB): every row is filtered with Up (filter type 2: a
// figure's flat areas and horizontal edges repeat the row above, so its
// rows become runs of zeros) instead of trying all five filters on every
// row, and the rows are compressed with compress/flate's BestSpeed tokens
// in blocks of up to 16,384 tokens (deflate.NewWriterMerging: 0.17 s and
// 3.26 MB a block per 64 KB). (On W640's figures, klauspost/compress's
// flate at level 1 compresses the filtered rows in 80 ms to 3.34 MB,
// against 88 ms and 2.98 MB here: not worth an eighth more bytes.) The
// pixels are the same; only the bytes differ.
func encodePNG(w io.Writer, img *image.RGBA, dpi float64) (bool, error) {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	if width <= 0 || height <= 0 {
		return false, nil
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // bit depth 8, colour type 2 (RGB); compression, filter, interlace 0
	writeChunk(&out, "IHDR", ihdr[:])
	ppm := uint32(math.Round(dpi / 0.0254))
	var phys [9]byte
	binary.BigEndian.PutUint32(phys[0:], ppm)
	binary.BigEndian.PutUint32(phys[4:], ppm)
	phys[8] = 1 // the unit is the metre
	writeChunk(&out, "pHYs", phys[:])

	// The zlib stream (RFC 1950) of the filtered rows: the header
	// compress/zlib writes at BestSpeed (78 01), the deflate stream, the
	// Adler-32 of the rows, with the checksum kept here: a row that
	// repeats the one above filters to zeros, whose checksum is a product
	// and whose filtering is a comparison.
	var idat bytes.Buffer
	idat.WriteString("\x78\x01")
	zw := deflate.NewWriterMerging(&idat) // compress/flate's BestSpeed tokens, in fewer blocks
	sum := adler{1, 0}
	row := make([]byte, 1+3*width, 1+3*width+2) // upFilter's 2 bytes
	row[0] = 2                                  // Up
	zeros := make([]byte, 1+3*width)
	zeros[0] = 2
	var up []byte // the row above (none above the first: Up then takes 0)
	for y := 0; y < height; y++ {
		off := img.PixOffset(b.Min.X, b.Min.Y+y)
		pix := img.Pix[off : off+4*width : off+4*width]
		filtered := row
		if up != nil && bytes.Equal(pix, up) { // as opaque as the row above
			filtered = zeros
			sum.write(zeros[:1])
			sum.zeros(3 * width)
		} else {
			if !upFilter(row[1:cap(row)], pix, up) {
				return false, nil
			}
			sum.write(row)
		}
		if _, err := zw.Write(filtered); err != nil {
			return false, err
		}
		up = pix
	}
	if err := zw.Close(); err != nil {
		return false, err
	}
	idat.Write(binary.BigEndian.AppendUint32(nil, sum.s2<<16|sum.s1))
	writeChunk(&out, "IDAT", idat.Bytes())
	writeChunk(&out, "IEND", nil)
	_, err := w.Write(out.Bytes())
	return true, err
}

// upFilter writes into out[:3*n] the RGB bytes of the n RGBA pixels pix
// less those of up (of the same length, or nil for zeros), and reports
// whether every pixel of pix is opaque. out has 2 bytes more, which it
// may overwrite. It takes two pixels at a time in a 64-bit word (a byte
// at a time, with a bounds check on each, it took as long as compressing
// the row): the bytes are subtracted modulo 256 without a borrow from
// one into the next (Hacker's Delight, 2-18), and the RGB bytes of the
// two pixels are moved together and written as 8 bytes, of which the next
// write overwrites the last 2.
func upFilter(out, pix, up []byte) bool {
	const (
		high  = 0x8080808080808080
		alpha = 0xff000000ff000000
	)
	opaque := uint64(alpha)
	n := len(pix) / 4
	pairs := n / 2
	if len(out) < 6*pairs+2 || up != nil && len(up) < len(pix) {
		panic("plots: upFilter: short slices")
	}
	p, o := pix[:8*pairs], out[:6*pairs+2]
	if up == nil {
		for len(p) >= 8 && len(o) >= 8 {
			v := binary.LittleEndian.Uint64(p)
			opaque &= v
			binary.LittleEndian.PutUint64(o, v&0xffffff|v>>8&0xffffff000000)
			p, o = p[8:], o[6:]
		}
	} else {
		u := up[:len(p)]
		for len(p) >= 16 && len(u) >= 16 && len(o) >= 14 {
			v0, v1 := binary.LittleEndian.Uint64(p), binary.LittleEndian.Uint64(p[8:])
			u0, u1 := binary.LittleEndian.Uint64(u), binary.LittleEndian.Uint64(u[8:])
			opaque &= v0 & v1
			v0 = ((v0 | high) - (u0 &^ high)) ^ ((v0 ^ ^u0) & high)
			v1 = ((v1 | high) - (u1 &^ high)) ^ ((v1 ^ ^u1) & high)
			binary.LittleEndian.PutUint64(o, v0&0xffffff|v0>>8&0xffffff000000)
			binary.LittleEndian.PutUint64(o[6:], v1&0xffffff|v1>>8&0xffffff000000)
			p, u, o = p[16:], u[16:], o[12:]
		}
		for len(p) >= 8 && len(u) >= 8 && len(o) >= 8 {
			v, w := binary.LittleEndian.Uint64(p), binary.LittleEndian.Uint64(u)
			opaque &= v
			v = ((v | high) - (w &^ high)) ^ ((v ^ ^w) & high)
			binary.LittleEndian.PutUint64(o, v&0xffffff|v>>8&0xffffff000000)
			p, u, o = p[8:], u[8:], o[6:]
		}
	}
	i, j := 8*pairs, 6*pairs
	for ; i < 4*n; i, j = i+4, j+3 { // the last pixel of an odd row
		p, o := pix[i:i+4:i+4], out[j:j+3:j+3]
		o[0], o[1], o[2] = p[0], p[1], p[2]
		if up != nil {
			u := up[i : i+4 : i+4]
			o[0], o[1], o[2] = p[0]-u[0], p[1]-u[1], p[2]-u[2]
		}
		if p[3] != 0xff {
			return false
		}
	}
	return opaque == alpha
}

// adler is an Adler-32 checksum (RFC 1950, 8.2) being computed: s1 is 1
// plus the sum of the bytes, s2 the sum of the s1s, both modulo 65521.
type adler struct{ s1, s2 uint32 }

const adlerMod = 65521

// write adds p. Byte by byte, s1 += b and s2 += s1; over n bytes, s1
// gains their sum and s2 n times the s1 before them plus each byte times
// the number of bytes from it to the end, which is what is added up here,
// 8 bytes at a time where they are not all zero (a filtered figure row is
// mostly zeros). In 64 bits, the sums do not overflow below 2^27 bytes.
func (a *adler) write(p []byte) {
	for len(p) > 1<<26 {
		a.write(p[:1<<26])
		p = p[1<<26:]
	}
	n := uint64(len(p))
	var sum, weighted uint64
	i := 0
	for ; i+8 <= len(p); i += 8 {
		if binary.LittleEndian.Uint64(p[i:]) == 0 {
			continue
		}
		for k, b := range p[i : i+8] {
			sum += uint64(b)
			weighted += (n - uint64(i+k)) * uint64(b)
		}
	}
	for ; i < len(p); i++ {
		sum += uint64(p[i])
		weighted += (n - uint64(i)) * uint64(p[i])
	}
	s1, s2 := uint64(a.s1), uint64(a.s2)
	a.s2 = uint32((s2 + n%adlerMod*s1 + weighted%adlerMod) % adlerMod)
	a.s1 = uint32((s1 + sum) % adlerMod)
}

// zeros adds n zero bytes: s1 stays, s2 adds s1 n times.
func (a *adler) zeros(n int) {
	a.s2 = uint32((uint64(a.s2) + uint64(n%adlerMod)*uint64(a.s1)) % adlerMod)
}

// writeChunk writes a PNG chunk: length, type, data and the CRC of type
// and data.
func writeChunk(w *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}
