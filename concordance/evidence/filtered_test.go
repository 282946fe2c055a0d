package evidence

import (
	"fmt"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/normalize"
)

func TestFilteredCalls(t *testing.T) {
	// Reference: chr1 = ACGTACGTTTTTTTGCAGGA; a T deletion in the T7 run
	// (8–14) is GT>G at 7 left-aligned, TT>T at 13 right-shifted.
	seq := "ACGTACGTTTTTTTGCAGGA"
	fa := fakeFASTA(t, "chr1", seq)
	call := func(pos int, ref, alt string) concordance.Row {
		v := concordance.Variant{Chrom: "chr1", Pos: pos, Ref: ref, Alt: alt}
		r := concordance.Row{Alteration: concordance.Alteration{Class: v.SmallClass(), Variant: v}, Category: concordance.TissueOnly}
		r.Tissue.Status, r.Plasma.Status = concordance.Called, concordance.NotDetected
		return r
	}
	var plasma concordance.FilteredSites
	plasma.AddVCF([]byte("1\t13\t.\tTT\tT\t.\tweak_evidence"), 13, 40) // same deletion, right-shifted, no chr prefix
	plasma.Add("chr1", 2, "C", "G,<M>", "low_depth", 41)               // C>G, with a symbolic allele
	pr := &concordance.PatientResult{Rows: []concordance.Row{
		call(7, "GT", "G"), // matches the right-shifted deletion
		call(2, "C", "A"),  // another allele at a filtered site: no evidence
		call(2, "C", "G"),  // matches the multi-allelic record's first allele
		call(17, "A", "T"), // nothing there
	}}
	pr.Filtered[concordance.Plasma] = &plasma
	if err := (FilteredCalls{Reference: fa}).Classify(pr); err != nil {
		t.Fatal(err)
	}
	want := []concordance.Status{concordance.BelowThreshold, concordance.NotDetected, concordance.BelowThreshold, concordance.NotDetected}
	for i, r := range pr.Rows {
		if r.Plasma.Status != want[i] || (want[i] == concordance.BelowThreshold) != r.Flags.Has(concordance.FlagFilteredOther) {
			t.Errorf("row %d (%s): plasma %s flags %s, want %s", i, r.Variant, r.Plasma.Status, r.Flags, want[i])
		}
		if r.Category != concordance.TissueOnly {
			t.Errorf("row %d: category changed to %s: evidence never makes a match", i, r.Category)
		}
	}
	if e := pr.Rows[0].Plasma.Evidence; e.Source != EvidenceFilteredCall || e.AltReads != -1 {
		t.Errorf("evidence %+v", e)
	}
}

// fakeFASTA builds an indexed one-contig FASTA in memory.
func fakeFASTA(t *testing.T, name, seq string) *normalize.FASTA {
	t.Helper()
	fa := ">" + name + "\n" + seq + "\n"
	fai := fmt.Sprintf("%s\t%d\t%d\t%d\t%d\n", name, len(seq), len(name)+2, len(seq), len(seq)+1)
	f, err := normalize.NewFASTA(strings.NewReader(fa), strings.NewReader(fai))
	if err != nil {
		t.Fatal(err)
	}
	return f
}
