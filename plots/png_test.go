package plots

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"testing"

	"github.com/concord-oncology/concord/concordance/results"
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
		d, note, err := f.layout(rs, &st, PNG)
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
