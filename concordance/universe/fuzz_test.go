package universe

import (
	"bytes"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// FuzzReadPanel feeds any bytes to the panel reader (BED or gene list,
// issue 11 §5): an input error, or a panel that judges an alteration
// without panicking.
func FuzzReadPanel(f *testing.F) {
	f.Add([]byte("chr7\t55019016\t55211628\tEGFR\n"))
	f.Add([]byte("# genes\nEGFR\nKRAS\tNM_004985\nMYCL1\n"))
	f.Add([]byte("\ufefftrack name=x\n1 100 200 EGFR_exon1,KRAS\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadPanel(bytes.NewReader(data), "f")
		if err != nil {
			if !concordance.IsInputError(err) && !isPlain(err) {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		a := concordance.Alteration{Class: concordance.SNV, Gene: "EGFR", Variant: concordance.Variant{Chrom: "chr7", Pos: 55019100, Ref: "A", Alt: "T"}}
		p.Covers(&a)
		f := concordance.NewFusion("EML4", "ALK")
		p.Covers(&f)
	})
}

// isPlain accepts the reader's errors not tied to a line (no intervals, no
// known gene): the caller names the file (concordance.AtFile).
func isPlain(err error) bool { return strings.HasPrefix(err.Error(), "universe: ") }
