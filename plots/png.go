package plots

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
	"math"

	"compress/zlib"
)

// encodePNG writes an opaque RGBA image as an 8-bit RGB PNG (PNG
// specification, 2nd ed., W3C 2003) with its resolution in a pHYs chunk
// (11.3.5.3), and reports false, writing nothing, for an image with any
// transparent pixel. It does what image/png at BestSpeed does for a figure
// in half the CPU time, for 6% more bytes (BenchmarkEncodePNG, the
// fixture's figures at 300 dpi: 0.29 s against 0.58 s of user time per
// set, 3.08 MB against 2.90 MB): every row is filtered with Up (filter
// type 2: a figure's flat areas and horizontal edges repeat the row above,
// so its rows become runs of zeros) instead of trying all five filters on
// every row. (klauspost/compress's zlib at its fastest level took 0.23 s
// for 3.45 MB: not worth a fifth more bytes.) The pixels are the same;
// only the bytes differ.
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

	var idat bytes.Buffer
	zw, err := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	if err != nil {
		return false, err
	}
	row := make([]byte, 1+3*width, 1+3*width+2) // upFilter's 2 bytes
	row[0] = 2                                  // Up
	var up []byte                               // the row above (none above the first: Up then takes 0)
	for y := 0; y < height; y++ {
		off := img.PixOffset(b.Min.X, b.Min.Y+y)
		pix := img.Pix[off : off+4*width : off+4*width]
		if !upFilter(row[1:cap(row)], pix, up) {
			return false, nil
		}
		if _, err := zw.Write(row); err != nil {
			return false, err
		}
		up = pix
	}
	if err := zw.Close(); err != nil {
		return false, err
	}
	writeChunk(&out, "IDAT", idat.Bytes())
	writeChunk(&out, "IEND", nil)
	_, err = w.Write(out.Bytes())
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
	i, j := 0, 0
	for ; i+8 <= len(pix) && j+8 <= len(out); i, j = i+8, j+6 {
		v := binary.LittleEndian.Uint64(pix[i:])
		opaque &= v
		if up != nil {
			u := binary.LittleEndian.Uint64(up[i:])
			v = ((v | high) - (u &^ high)) ^ ((v ^ ^u) & high)
		}
		binary.LittleEndian.PutUint64(out[j:], v&0xffffff|v>>8&0xffffff000000)
	}
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
