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
	prev := make([]byte, 3*width)
	cur := make([]byte, 3*width)
	row := make([]byte, 1+3*width)
	row[0] = 2 // Up
	for y := 0; y < height; y++ {
		off := img.PixOffset(b.Min.X, b.Min.Y+y)
		pix := img.Pix[off : off+4*width]
		opaque := byte(0xff)
		for x, j := 0, 0; x < len(pix); x, j = x+4, j+3 {
			r, g, bl := pix[x], pix[x+1], pix[x+2]
			opaque &= pix[x+3]
			row[1+j], row[2+j], row[3+j] = r-prev[j], g-prev[j+1], bl-prev[j+2]
			cur[j], cur[j+1], cur[j+2] = r, g, bl
		}
		if opaque != 0xff {
			return false, nil
		}
		if _, err := zw.Write(row); err != nil {
			return false, err
		}
		prev, cur = cur, prev
	}
	if err := zw.Close(); err != nil {
		return false, err
	}
	writeChunk(&out, "IDAT", idat.Bytes())
	writeChunk(&out, "IEND", nil)
	_, err = w.Write(out.Bytes())
	return true, err
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
