package genes

import (
	_ "embed"
	"sync"

	"github.com/concord-oncology/concord/concordance"
)

// fusion_drivers.tsv lists the partners that make a fusion oncogenic (its
// driver), in priority order, each with the publication that established
// it; README.md says how the list is used.
//
//go:embed fusion_drivers.tsv
var fusionDriversText string

var fusionDriverRank = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for i, g := range symbols(fusionDriversText, true) {
		if _, dup := m[g]; !dup {
			m[g] = i
		}
	}
	return m
})

// FusionDrivers returns the fusion-driver genes in priority order.
func FusionDrivers() []string { return symbols(fusionDriversText, true) }

// driverIn returns the highest-priority fusion driver on a side and its
// rank, or "", -1.
func driverIn(s Side) (string, int) {
	best, rank := "", -1
	for _, g := range s {
		if r, ok := fusionDriverRank()[g]; ok && (rank < 0 || r < rank) {
			best, rank = g, r
		}
	}
	return best, rank
}

// Fusion returns the fusion of sides a and b: a is the 5′ and b the 3′
// partner when oriented (the source says so: a gene-pair string written
// 5′–3′, "Fusion Directionality Known"), else the order means nothing.
//
// Gene is the driver: the partner on the fusion-driver list (the one
// listed first when both are: ETV6–NTRK3 is an NTRK3 fusion), else the 3′
// partner (TMPRSS2–ERG's ERG), else, orientation unknown, the
// alphabetically first side (so that both reciprocal breakend records of
// a DNA fusion name the same gene). When a side lists several genes, Gene
// is its driver gene alone if it has one. Partner is the other side.
// A fusion with one empty side is known by its other side alone.
func Fusion(a, b Side, oriented bool) concordance.Alteration {
	if len(a) == 0 || len(b) == 0 {
		return concordance.Alteration{Class: concordance.Fusion, Gene: a.String() + b.String()}
	}
	s5, s3 := a.String(), b.String()
	if !oriented && s3 < s5 {
		a, b, s5, s3 = b, a, s3, s5
	}
	f := concordance.Alteration{Class: concordance.Fusion, Gene5p: s5, Gene3p: s3, Oriented: oriented}
	d5, r5 := driverIn(a)
	d3, r3 := driverIn(b)
	switch {
	case r5 >= 0 && (r3 < 0 || r5 < r3):
		f.Gene, f.Partner = d5, s3
	case r3 >= 0:
		f.Gene, f.Partner = d3, s5
	case oriented:
		f.Gene, f.Partner = s3, s5
	default:
		f.Gene, f.Partner = s5, s3
	}
	return f
}
