package infile

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// BenchmarkDecompress inflates a 1.6 MB VCF-like text (random records,
// 64 KiB BGZF blocks, or one gzip member) whole and streamed, with every
// inflater of the build; the writer finds line ends as a reader does.
// Compare the builds with benchstat: go test -bench Decompress [-tags
// libdeflate].
func BenchmarkDecompress(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	var text []byte
	for len(text) < 1600000 {
		text = fmt.Appendf(text, "chr%d\t%d\t.\t%c\t%c\t.\tPASS\tDP=%d;AF=0.%03d\tGT:AD:DP\t0/1:%d,%d:%d\n",
			1+rng.IntN(22), 1+rng.IntN(1e8), "ACGT"[rng.IntN(4)], "ACGT"[rng.IntN(4)], rng.IntN(2000), rng.IntN(1000), rng.IntN(900), rng.IntN(900), rng.IntN(2000))
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"bgzf", bgzBlocks(b, text, 0xff00)}, {"gzip", gzBytes(text)}} {
		for _, path := range inflaters {
			for _, mem := range []bool{true, false} {
				b.Run(fmt.Sprintf("%s/%s/inmemory=%v", f.name, path.name, mem), func(b *testing.B) {
					d := Decompressor{pureGo: path.pureGo}
					var lines lineCounter
					b.SetBytes(int64(len(text)))
					for b.Loop() {
						var r io.Reader
						var err error
						if mem {
							r, _, err = d.OpenBytes(f.data)
						} else {
							r, _, err = d.Open(bytes.NewReader(f.data))
						}
						if err == nil {
							_, err = r.(io.WriterTo).WriteTo(&lines)
						}
						if err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

type lineCounter struct{ n int }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.n += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}
