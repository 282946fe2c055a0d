package concordance

import "strings"

// Known lengths of chromosome 1, by build: enough to tell the builds a
// file's header was written against.
var chr1Lengths = map[int]string{
	249250621: "GRCh37", // hg19 / GRCh37
	248956422: "GRCh38", // hg38 / GRCh38
	247249719: "NCBI36", // hg18
}

// InferBuild names the genome build implied by contig lengths (from a VCF
// header or a FASTA index), or "" when it cannot tell.
func InferBuild(contigs map[string]int) string {
	for _, name := range []string{"chr1", "1"} {
		if n, ok := contigs[name]; ok {
			return chr1Lengths[n]
		}
	}
	return ""
}

// CanonicalBuild folds the usual spellings of a build name: hg19, GRCh37,
// b37, 37 → "GRCh37"; hg38, GRCh38, 38 → "GRCh38". Unknown names are
// returned as written.
func CanonicalBuild(s string) string {
	u := strings.ToLower(strings.TrimSpace(s))
	switch {
	case u == "":
		return ""
	case strings.Contains(u, "hg19"), strings.Contains(u, "grch37"), u == "b37", u == "37", strings.Contains(u, "hs37"):
		return "GRCh37"
	case strings.Contains(u, "hg38"), strings.Contains(u, "grch38"), u == "38", strings.Contains(u, "hs38"):
		return "GRCh38"
	case strings.Contains(u, "hg18"), strings.Contains(u, "ncbi36"), u == "36":
		return "NCBI36"
	}
	return s
}
