package normalize

import (
	"path/filepath"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// vt vectors (testdata/peer/vt, atks/vt test/): decompose splits
// multi-allelic records without touching alleles (as bcftools norm -m-);
// decompose_blocksub breaks MNVs into SNVs (as bcftools norm --atomize for
// equal-length alleles). vt's normalize vector needs GRCh37 chr20, which
// the project does not have, and decompose_blocksub -a (alignment of
// unequal-length alleles) is another algorithm; see the README there.
func TestVt(t *testing.T) {
	vt := filepath.Join(peerDir, "vt")
	tests := []struct {
		name, in, out string
		op            func(testRecord) []site
	}{
		{"decompose", "decompose/01_IN_multi.vcf", "decompose/01_OUT_multi.vcf", func(r testRecord) []site {
			var out []site
			for _, v := range Split(r.record()) {
				out = append(out, siteOf(v.Chrom, v.Pos, v.Ref, v.Alt))
			}
			return out
		}},
		{"decompose_blocksub even", "decompose_blocksub/01_IN_even_length.vcf", "decompose_blocksub/01_OUT_even_length.vcf", atomizeSites},
		{"decompose_blocksub phased", "decompose_blocksub/03_IN_phased_even_length.vcf", "decompose_blocksub/03_OUT_phased_even_length.vcf", atomizeSites},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []site
			for _, r := range readTestVCF(t, filepath.Join(vt, tt.in)) {
				got = append(got, tt.op(r)...)
			}
			compareSites(t, got, sitesOf(readTestVCF(t, filepath.Join(vt, tt.out))))
		})
	}
}

func atomizeSites(r testRecord) []site {
	var out []site
	for _, alt := range r.Alts {
		for _, v := range Atomize(concordance.Variant{Chrom: r.Chrom, Pos: r.Pos, Ref: r.Ref, Alt: alt}) {
			out = append(out, siteOf(v.Chrom, v.Pos, v.Ref, v.Alt))
		}
	}
	return out
}

// hap.py's haploid example (testdata/peer/happy/haploid): the truth's
// haploid call and the query's diploid call of chrX:5 A>T against the
// 7-base test.fa are one true positive (expected.vcf), so both must
// normalise to the same variant, which is the expected record.
func TestHappyHaploid(t *testing.T) {
	dir := filepath.Join(peerDir, "happy", "haploid")
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			n := &Normalizer{Ref: openFASTA(t, filepath.Join(dir, "test.fa"), backend)}
			norm := func(file string) []site {
				var out []site
				for _, r := range readTestVCF(t, filepath.Join(dir, file)) {
					for _, v := range Split(r.record()) {
						w, err := n.Normalize(v)
						if err != nil {
							t.Fatalf("%s line %d: %v", file, r.Line, err)
						}
						out = append(out, siteOf(w.Chrom, w.Pos, w.Ref, w.Alt))
					}
				}
				return out
			}
			truth, query := norm("truth.vcf"), norm("query.vcf")
			compareSites(t, truth, query)
			compareSites(t, truth, sitesOf(readTestVCF(t, filepath.Join(dir, "expected.vcf"))))
		})
	}
}
