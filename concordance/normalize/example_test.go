package normalize_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/normalize"
)

// The same deletion written by three callers: at the right end of a CAG
// repeat (a caller that does not left-align), at its left end, and
// MAF-style without an anchor base and with another contig name. All three
// normalise to one variant.
func ExampleNormalizer_Normalize() {
	// chr7: G AAAA CAGCAGCAG TTTTTT GAC, 60 bases a line.
	fa := ">chr7\nGAAAACAGCAGCAGTTTTTTGAC\n"
	fai := "chr7\t23\t6\t60\t61\n" // samtools faidx
	ref, err := normalize.NewFASTA(strings.NewReader(fa), strings.NewReader(fai))
	if err != nil {
		fmt.Println(err)
		return
	}
	n := normalize.Normalizer{Ref: ref}
	for _, v := range []concordance.Variant{
		{Chrom: "chr7", Pos: 11, Ref: "GCAG", Alt: "G"},
		{Chrom: "chr7", Pos: 5, Ref: "ACAG", Alt: "A"},
		{Chrom: "7", Pos: 9, Ref: "CAG", Alt: "-"},
	} {
		w, err := n.Normalize(v)
		fmt.Println(v, "->", w, err)
	}

	// A REF that disagrees with the reference is an error callers can
	// inspect (and report with file and line).
	_, err = n.Normalize(concordance.Variant{Chrom: "chr7", Pos: 15, Ref: "A", Alt: "C"})
	var mm *normalize.RefMismatchError
	if errors.As(err, &mm) {
		fmt.Println(mm.Chrom, mm.Pos, mm.Ref, mm.Reference)
	}
	// Output:
	// chr7:11:GCAG:G -> chr7:5:ACAG:A <nil>
	// chr7:5:ACAG:A -> chr7:5:ACAG:A <nil>
	// 7:9:CAG:- -> chr7:5:ACAG:A <nil>
	// chr7 15 A T
}

// An MNV and the SNVs another caller reports for it.
func ExampleAtomize() {
	for _, a := range normalize.Atomize(concordance.Variant{Chrom: "chr7", Pos: 140453135, Ref: "CA", Alt: "TT"}) {
		fmt.Println(a)
	}
	// Output:
	// chr7:140453135:C:T
	// chr7:140453136:A:T
}
