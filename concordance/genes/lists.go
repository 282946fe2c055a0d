package genes

// Lists and membership tests for the embedded gene lists. The Bick et al.
// 2020 clonal-haematopoiesis list is described in SOURCES_chip.md (genes.go
// and README.md describe the other two).

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

//go:embed chip_genes_bick2020.txt
var chipText string

// lists holds the parsed lists and their lookup sets.
type lists struct {
	tso500, chip, drivers          []string
	tso500Set, chipSet, driversSet map[string]bool
}

var parsed = sync.OnceValue(func() *lists {
	l := &lists{
		tso500:  symbols(tso500Text, false),
		chip:    symbols(chipText, false),
		drivers: symbols(intogenText, true),
	}
	l.tso500Set, l.chipSet, l.driversSet = set(l.tso500), set(l.chip), set(l.drivers)
	return l
})

// symbols reads one symbol per line (the first tab-separated column),
// skipping a header line when asked, blank lines, a BOM and CR line ends
// (the TSO500 list as published mixes CRLF and LF). Order is the file's.
func symbols(text string, header bool) []string {
	text = strings.TrimPrefix(text, "\ufeff")
	var out []string
	for i, line := range strings.Split(text, "\n") {
		if header && i == 0 {
			continue
		}
		if tab := strings.IndexByte(line, '\t'); tab >= 0 {
			line = line[:tab]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, g := range list {
		m[g] = true
	}
	return m
}

func clone(list []string) []string { return append([]string(nil), list...) }

// TSO500 returns the 523 genes of Illumina's TruSight Oncology 500 panel
// (the tissue and ctDNA assays list the same genes), in alphabetical order.
func TSO500() []string { return clone(parsed().tso500) }

// CHIP returns the 74 clonal-haematopoiesis genes of Bick et al. 2020
// (Nature 586:763), in alphabetical order.
func CHIP() []string { return clone(parsed().chip) }

// Drivers returns the 619 cancer driver genes of IntOGen release
// 2023-05-31, in alphabetical order.
func Drivers() []string { return clone(parsed().drivers) }

// InTSO500 reports whether gene (an HGNC symbol, case-sensitive) is on the
// TSO500 panel.
func InTSO500(gene string) bool { return parsed().tso500Set[gene] }

// IsCHIP reports whether gene is one of the Bick 2020 CHIP genes.
func IsCHIP(gene string) bool { return parsed().chipSet[gene] }

// IsDriver reports whether gene is an IntOGen driver.
func IsDriver(gene string) bool { return parsed().driversSet[gene] }

// sorted reports whether a list is in strictly increasing order (used by
// the tests to check the embedded files were not damaged).
func sorted(list []string) bool {
	return sort.SliceIsSorted(list, func(i, j int) bool { return list[i] < list[j] })
}
