package plots

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/internal/deflate"
)

// figureImages draws every figure of the fixture at dpi, as the PNG
// writer gets them.
func figureImages(tb testing.TB, dpi int) []*image.RGBA {
	tb.Helper()
	rs, err := results.Read(os.DirFS(fixture), fixture)
	if err != nil {
		tb.Fatal(err)
	}
	var out []*image.RGBA
	for _, f := range Figures() {
		st := Style{DPI: dpi}
		d, note, err := f.layout(rs, &st)
		st.format = PNG // as Layout.Render sets it
		if err != nil {
			tb.Fatal(err)
		}
		img := newImageCanvas(st.Width, st.Height, st.DPI)
		f.paint(img, d, &st, note)
		out = append(out, img.Image().(*image.RGBA))
	}
	return out
}

// encodePNG's files decode, with image/png, to the very pixels drawn, and
// carry the resolution; an image with a transparent pixel is left to
// image/png.
func TestEncodePNG(t *testing.T) {
	for i, img := range figureImages(t, 100) {
		var buf bytes.Buffer
		ok, err := encodePNG(&buf, img, 100)
		if err != nil || !ok {
			t.Fatalf("figure %d: %v %v", i, ok, err)
		}
		got, err := png.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("figure %d: %v", i, err)
		}
		if got.Bounds() != img.Bounds() {
			t.Fatalf("figure %d: %v, want %v", i, got.Bounds(), img.Bounds())
		}
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				if color.RGBAModel.Convert(got.At(x, y)) != img.At(x, y) {
					t.Fatalf("figure %d: pixel (%d,%d) is %v, drawn %v", i, x, y, got.At(x, y), img.At(x, y))
				}
			}
		}
		// 100 dpi = 3937.0 px/m, rounded (PNG 11.3.5.3)
		const at = 8 + 25
		if string(buf.Bytes()[at+4:at+8]) != "pHYs" || binary.BigEndian.Uint32(buf.Bytes()[at+8:]) != 3937 {
			t.Errorf("figure %d: no pHYs of 3937 px/m after IHDR", i)
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Pix[3] = 0x80
	if ok, err := encodePNG(io.Discard, img, 100); ok || err != nil {
		t.Errorf("a translucent image: %v %v, want false (left to image/png)", ok, err)
	}
}

// BenchmarkEncodePNG compares encodePNG with image/png at BestSpeed (what
// concord used before) on the figures at 300 dpi.
func BenchmarkEncodePNG(b *testing.B) {
	imgs := figureImages(b, 300)
	var sizes [2]int
	b.Run("image-png", func(b *testing.B) {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		for b.Loop() {
			sizes[0] = 0
			for _, img := range imgs {
				var buf bytes.Buffer
				if err := enc.Encode(&buf, img); err != nil {
					b.Fatal(err)
				}
				sizes[0] += buf.Len()
			}
		}
		b.ReportMetric(float64(sizes[0]), "bytes")
	})
	b.Run("concord", func(b *testing.B) {
		for b.Loop() {
			sizes[1] = 0
			for _, img := range imgs {
				var buf bytes.Buffer
				if _, err := encodePNG(&buf, img, 300); err != nil {
					b.Fatal(err)
				}
				sizes[1] += buf.Len()
			}
		}
		b.ReportMetric(float64(sizes[1]), "bytes")
	})
}

// upFilter is PNG's Up filter (PNG specification 9.2, type 2: each byte
// less the byte above it, modulo 256) of the RGB bytes, against the
// definition a byte at a time, on random rows of every width from 1 to
// 19, and tells a row with a translucent pixel.
func TestUpFilter(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 1; n < 20; n++ {
		for k := range 50 {
			pix, up := make([]byte, 4*n), make([]byte, 4*n)
			for i := range pix {
				pix[i], up[i] = byte(rng.IntN(256)), byte(rng.IntN(256))
			}
			translucent := k%2 == 1
			for i := 3; i < len(pix); i += 4 {
				pix[i] = 0xff
			}
			if translucent {
				pix[4*rng.IntN(n)+3] = byte(rng.IntN(255))
			}
			for _, above := range [][]byte{nil, up} {
				want := make([]byte, 3*n)
				for x := range n {
					for c := range 3 {
						want[3*x+c] = pix[4*x+c]
						if above != nil {
							want[3*x+c] -= above[4*x+c]
						}
					}
				}
				out := make([]byte, 3*n+2)
				opaque := upFilter(out, pix, above)
				if !bytes.Equal(out[:3*n], want) || opaque == translucent {
					t.Fatalf("width %d, above %v: %x opaque %v, want %x opaque %v", n, above != nil, out[:3*n], opaque, want, !translucent)
				}
			}
		}
	}
}

// encodePNG's IDAT is the zlib stream (RFC 1950: the header compress/zlib
// writes at BestSpeed, hash/adler32's checksum) of the Up-filtered rows,
// filtered a byte at a time, compressed by deflate.NewWriterMerging (its
// checksum and its shortcuts for rows that repeat the one above change no
// byte): on the fixture's figures and on images of random rows, some
// repeated, of odd and even widths. (That the stream inflates to the
// rows is TestWriterMergingRoundTrip's; that the PNG decodes to the
// pixels is TestEncodePNG's.)
func TestEncodePNGZlib(t *testing.T) {
	imgs := figureImages(t, 60)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, w := range []int{1, 2, 7, 300} {
		img := image.NewRGBA(image.Rect(0, 0, w, 40))
		for y := range 40 {
			row := img.Pix[y*img.Stride : y*img.Stride+4*w]
			if y > 0 && rng.IntN(2) == 0 {
				copy(row, img.Pix[(y-1)*img.Stride:])
				continue
			}
			for i := range row {
				row[i] = byte(rng.IntN(4) * 60)
				if i%4 == 3 {
					row[i] = 0xff
				}
			}
		}
		imgs = append(imgs, img)
	}
	for i, img := range imgs {
		var got bytes.Buffer
		if ok, err := encodePNG(&got, img, 100); !ok || err != nil {
			t.Fatalf("image %d: %v %v", i, ok, err)
		}
		// the reference: the rows filtered a byte at a time, compressed
		var z bytes.Buffer
		z.WriteString("\x78\x01")
		zw := deflate.NewWriterMerging(&z)
		var rows []byte
		w := img.Bounds().Dx()
		prev := make([]byte, 4*w)
		for y := range img.Bounds().Dy() {
			pix := img.Pix[y*img.Stride : y*img.Stride+4*w]
			row := []byte{2}
			for x := range w {
				for c := range 3 {
					row = append(row, pix[4*x+c]-prev[4*x+c])
				}
			}
			zw.Write(row)
			rows = append(rows, row...)
			prev = pix
		}
		zw.Close()
		z.Write(binary.BigEndian.AppendUint32(nil, adler32.Checksum(rows)))
		const idat = 8 + 25 + 21 // signature, IHDR, pHYs
		b := got.Bytes()
		if n := int(binary.BigEndian.Uint32(b[idat:])); string(b[idat+4:idat+8]) != "IDAT" || !bytes.Equal(b[idat+8:idat+8+n], z.Bytes()) {
			t.Fatalf("image %d: IDAT differs from compress/zlib's", i)
		}
	}
}

// adler computes hash/adler32's checksum of random bytes, of mostly zero
// ones and of runs of zeros.
func TestAdler(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var all []byte
	a := adler{1, 0}
	for range 200 {
		n := rng.IntN(20000)
		if rng.IntN(2) == 0 {
			a.zeros(n)
			all = append(all, make([]byte, n)...)
			continue
		}
		p := make([]byte, n)
		sparse := rng.IntN(2) == 0 // mostly zeros, as filtered rows are
		for i := range p {
			if !sparse || rng.IntN(50) == 0 {
				p[i] = byte(rng.IntN(256))
			}
		}
		a.write(p)
		all = append(all, p...)
		if got, want := a.s2<<16|a.s1, adler32.Checksum(all); got != want {
			t.Fatalf("after %d bytes: %08x, want %08x", len(all), got, want)
		}
	}
}
