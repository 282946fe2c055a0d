package concordance

import (
	"strconv"
	"strings"
)

// ContigKey folds the spellings of a contig name that tools use for the same
// sequence: a leading "chr" (any case) is dropped, the rest is upper-cased,
// and M becomes MT. So chr1, CHR1 and 1 give "1"; chrM, chrMT, MT and M give
// "MT". It is the one rule by which concord matches contig names across
// files (reference, call files, panels, BAMs, gene intervals). It allocates
// only when the name has lower-case letters after the prefix.
func ContigKey(name string) string {
	s := name
	if len(s) > 3 && s[0]|0x20 == 'c' && s[1]|0x20 == 'h' && s[2]|0x20 == 'r' {
		s = s[3:]
	}
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			s = strings.ToUpper(s)
			break
		}
	}
	if s == "M" {
		return "MT"
	}
	return s
}

// ContigLess orders contig names naturally: 1..22, X, Y, M/MT, then the
// rest lexically; names compare by ContigKey (chr1 with 1).
func ContigLess(a, b string) bool {
	ra, rb := contigRank(a), contigRank(b)
	if ra != rb {
		return ra < rb
	}
	return a < b
}

// IsChromosome reports whether a contig name is a primary chromosome (a
// number, X, Y or M/MT, with or without "chr").
func IsChromosome(name string) bool { return contigRank(name) < otherContig }

const otherContig = 2000

func contigRank(c string) int {
	s := ContigKey(c)
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n < 1000 {
		return n
	}
	switch s {
	case "X":
		return 1001
	case "Y":
		return 1002
	case "MT":
		return 1003
	}
	return otherContig
}
