package evidence

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/biogo/hts/bam"
	"github.com/biogo/hts/bgzf/index"
	"github.com/biogo/hts/sam"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/vcf"
)

// A realistic plasma case: 20 discordant sites (a patient's tissue-only
// calls), each covered by 150-bp reads at about 2,000x (a TSO500 ctDNA
// collapsed depth), written with biogo and indexed.
const (
	benchSites = 20
	benchDepth = 2000
	readLen    = 150
)

var (
	benchOnce   sync.Once
	benchBAM    string
	benchSitesV []concordance.Variant
	benchErr    error
)

func makeBenchBAM(dir string) (string, []concordance.Variant, error) {
	ref, err := sam.NewReference("chr1", "", "", 10_000_000, nil, nil)
	if err != nil {
		return "", nil, err
	}
	h, err := sam.NewHeader(nil, []*sam.Reference{ref})
	if err != nil {
		return "", nil, err
	}
	path := filepath.Join(dir, "bench.bam")
	f, err := os.Create(path)
	if err != nil {
		return "", nil, err
	}
	w, err := bam.NewWriter(f, h, 1)
	if err != nil {
		return "", nil, err
	}
	rng := rand.New(rand.NewPCG(1, 1))
	seq := bytes.Repeat([]byte("A"), readLen)
	qual := bytes.Repeat([]byte{35}, readLen)
	var sites []concordance.Variant
	n := 0
	for s := 0; s < benchSites; s++ {
		// 1-based, mid-tile: biogo's index writer panics on a read crossing
		// a 16 kb tile edge as it opens the tile (samtools indexes those).
		site := (6+s*25)*16384 + 8192
		sites = append(sites, concordance.Variant{Chrom: "chr1", Pos: site, Ref: "A", Alt: "C"})
		// Reads start in [site-readLen, site+readLen): every read over the
		// site plus as many again around it, as in a capture target.
		for k := 0; k < 2*benchDepth; k++ {
			start := site - readLen + k*readLen/benchDepth
			s := seq
			if rng.IntN(200) == 0 { // 0.5% alt reads
				s = append([]byte(nil), seq...)
				if off := site - 1 - start; off >= 0 && off < readLen {
					s[off] = 'C'
				}
			}
			r, err := sam.NewRecord(fmt.Sprintf("q%d", n), ref, nil, start-1, -1, 0, 60, []sam.CigarOp{sam.NewCigarOp(sam.CigarMatch, readLen)}, s, qual, nil)
			if err != nil {
				return "", nil, err
			}
			if err := w.Write(r); err != nil {
				return "", nil, err
			}
			n++
		}
	}
	if err := w.Close(); err != nil {
		return "", nil, err
	}
	f.Close()
	// Index it: read back, adding each record at its chunk.
	f, _ = os.Open(path)
	defer f.Close()
	br, err := bam.NewReader(f, 1)
	if err != nil {
		return "", nil, err
	}
	var idx bam.Index
	for {
		r, err := br.Read()
		if err != nil {
			break
		}
		if err := idx.Add(r, br.LastChunk()); err != nil {
			return "", nil, err
		}
	}
	bai, err := os.Create(path + ".bai")
	if err != nil {
		return "", nil, err
	}
	defer bai.Close()
	// Merge adjacent chunks, as samtools' indexes are (an unmerged index is
	// 300 times larger and makes every query slow).
	idx.MergeChunks(index.Adjacent)
	return path, sites, bam.WriteIndex(bai, &idx)
}

// BenchmarkBAMPatient counts a patient's 20 discordant sites in a 2,000x
// BAM: open the BAM and its index, then one indexed query per site, as the
// classifier does.
func BenchmarkBAMPatient(b *testing.B) {
	benchBAM, benchSitesV, err := makeBenchBAM(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		f, _ := os.Open(benchBAM)
		idx, _ := os.Open(benchBAM + ".bai")
		bm, err := OpenBAM(f, idx, ReadFilter{MinBaseQuality: 20, MinMappingQuality: 20})
		if err != nil {
			b.Fatal(err)
		}
		for _, v := range benchSitesV {
			c, err := bm.Count(v)
			if err != nil || c.Depth < benchDepth-10 {
				b.Fatalf("%v: %+v %v", v, c, err)
			}
		}
		bm.Close()
		f.Close()
		idx.Close()
	}
}

// A Pisces-style genome VCF of one reference record per position over 1.2
// million positions (about the TSO500 target), gzip-compressed.
var benchGVCF = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	fmt.Fprintf(zw, "##fileformat=VCFv4.1\n##source=Pisces 5.2.11.63\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n")
	line := []byte{}
	for p := 1; p <= 1_200_000; p++ {
		line = fmt.Appendf(line[:0], "chr1\t%d\t.\tA\t.\t100\tPASS\tDP=1500\tGT:GQ:AD:DP:VF:NL:SB:NC:US\t0/0:100:1500:1500:0.000:20:-100.0000:0.0000:0,0,0,0,0,0,0,0,0,0,0,0\n", p)
		zw.Write(line)
	}
	zw.Close()
	return buf.Bytes()
})

// BenchmarkGVCFPatient looks up 20 sites in one pass over the genome VCF.
func BenchmarkGVCFPatient(b *testing.B) {
	data := benchGVCF()
	var sites []concordance.Variant
	for s := 0; s < benchSites; s++ {
		sites = append(sites, concordance.Variant{Chrom: "chr1", Pos: 1000 + s*55_000, Ref: "A", Alt: "C"})
	}
	var g GVCF
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		c, err := g.Count(bytes.NewReader(data), "", sites)
		if err != nil || c[0].Depth != 1500 {
			b.Fatal(c, err)
		}
	}
}

// BenchmarkGVCFFloor is the least any pass can cost: decompress and split
// the same genome VCF into records, doing nothing with them.
func BenchmarkGVCFFloor(b *testing.B) {
	data := benchGVCF()
	var rd vcf.Reader
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		zr, _ := gzip.NewReader(bytes.NewReader(data))
		n := 0
		if err := rd.Scan(zr, func(*vcf.Header) error { return nil }, func(*vcf.Record) error { n++; return nil }); err != nil || n != 1_200_000 {
			b.Fatal(err, n)
		}
	}
}
