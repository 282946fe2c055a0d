package universe

import (
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

func call(side concordance.Side, a concordance.Alteration) concordance.Call {
	return concordance.NewCall(side, a, concordance.Source{File: "x", Line: 1})
}

func small(chrom string, pos int, ref, alt, gene string) concordance.Alteration {
	v := concordance.Variant{Chrom: chrom, Pos: pos, Ref: ref, Alt: alt}
	return concordance.Alteration{Class: v.SmallClass(), Variant: v, Gene: gene}
}

// The tissue panel covers chr1:101-200 (1-based) and names EGFR and ALK;
// the plasma panel covers only chr1:101-150 and names EGFR.
const (
	tissueBED = "chr1\t100\t150\tEGFR\nchr1\t150\t200\tALK\n"
	plasmaBED = "1\t100\t150\tEGFR_exon1\n"
)

func TestClassify(t *testing.T) {
	tp, pp := mustPanel(t, tissueBED), mustPanel(t, plasmaBED)
	shared := small("chr1", 120, "A", "T", "EGFR")
	tissueOnlyIn := small("chr1", 130, "C", "G", "EGFR")
	tissueOnlyOut := small("chr1", 170, "G", "A", "ALK") // outside the plasma panel
	plasmaOnlyOut := small("chr1", 300, "T", "C", "")    // outside both panels
	sharedOut := small("chr1", 180, "AG", "A", "ALK")    // called on both, outside the plasma panel
	amp := concordance.Alteration{Class: concordance.Amplification, Gene: "ALK"}
	fusion := concordance.NewFusion("EML4", "EGFR")
	tissue := []concordance.Call{call(concordance.Tissue, shared), call(concordance.Tissue, tissueOnlyIn), call(concordance.Tissue, tissueOnlyOut),
		call(concordance.Tissue, sharedOut), call(concordance.Tissue, amp), call(concordance.Tissue, fusion)}
	plasma := []concordance.Call{call(concordance.Plasma, shared), call(concordance.Plasma, plasmaOnlyOut), call(concordance.Plasma, sharedOut)}

	type want struct{ tissue, plasma, category, flags string }
	wants := map[string]want{
		shared.Key():        {"called", "called", "shared", "."},
		tissueOnlyIn.Key():  {"called", "not_detected", "tissue_only", "."},
		tissueOnlyOut.Key(): {"called", "not_covered", "not_compared", "off_panel"},
		plasmaOnlyOut.Key(): {"not_covered", "called", "not_compared", "off_panel"},
		sharedOut.Key():     {"called", "called", "not_compared", "off_panel"},
		amp.Key():           {"called", "not_covered", "not_compared", "off_panel"}, // the plasma BED names EGFR only
		fusion.Key():        {"called", "not_detected", "tissue_only", "."},         // EGFR is on the plasma panel
	}
	c := New(tp, pp, nil)
	pr := &concordance.PatientResult{Patient: &concordance.Patient{ID: "P1"}, Rows: concordance.Match(tissue, plasma, concordance.MatchOptions{})}
	if err := c.Classify(pr); err != nil {
		t.Fatal(err)
	}
	if len(pr.Rows) != len(wants) {
		t.Fatalf("%d rows, want %d", len(pr.Rows), len(wants))
	}
	for _, r := range pr.Rows {
		w, ok := wants[r.Key()]
		if !ok {
			t.Fatalf("unexpected row %s", r.Key())
		}
		got := want{r.Tissue.Status.String(), r.Plasma.Status.String(), r.Category.String(), r.Flags.String()}
		if got != w {
			t.Errorf("%s: %+v, want %+v", r.Label(), got, w)
		}
	}
	// Only rows in the universe count: shared 1, tissue-only 2.
	if got := concordance.CountRows(pr.Rows); got != (concordance.Counts{Shared: 1, TissueOnly: 2}) {
		t.Errorf("counts = %+v", got)
	}
}

func TestClassifyDefaultAndSheetPanels(t *testing.T) {
	// No panel given: the TSO500 genes on both sides. BRCA2 is a TSO500 gene,
	// OR4F5 (an olfactory receptor) is not; an unannotated call is compared.
	inPanel := small("chr13", 32340300, "A", "G", "BRCA2")
	offPanel := small("chr1", 69100, "G", "A", "OR4F5")
	noGene := small("chr2", 1000, "C", "T", "")
	p := &concordance.Patient{ID: "P2"}
	pr := &concordance.PatientResult{Patient: p, Rows: concordance.Match(
		[]concordance.Call{call(concordance.Tissue, inPanel), call(concordance.Tissue, offPanel), call(concordance.Tissue, noGene)}, nil, concordance.MatchOptions{})}
	if err := New(nil, nil, nil).Classify(pr); err != nil {
		t.Fatal(err)
	}
	for _, r := range pr.Rows {
		want := "tissue_only"
		if r.Gene == "OR4F5" {
			want = "not_compared"
		}
		if r.Category.String() != want {
			t.Errorf("%s: category %s, want %s", r.Label(), r.Category, want)
		}
	}
	// A sheet panel overrides the flag default; one not read is a bug, reported.
	p.Plasma.Panel = "/panels/plasma.bed"
	c := New(nil, nil, map[string]*Panel{"/panels/plasma.bed": mustPanel(t, plasmaBED)})
	if pn, err := c.PanelOf(p, concordance.Plasma); err != nil || pn.Name != "panel.bed" {
		t.Errorf("PanelOf = %v, %v", pn, err)
	}
	p.Plasma.Panel = "/panels/other.bed"
	if err := c.Classify(pr); err == nil || !strings.Contains(err.Error(), "other.bed") {
		t.Errorf("unread panel: err = %v", err)
	}
}

func TestClassifyFailedSample(t *testing.T) {
	p := &concordance.Patient{ID: "P3", Plasma: concordance.SampleRef{Failed: "qns"}}
	a := small("chr1", 120, "A", "T", "EGFR")
	pr := &concordance.PatientResult{Patient: p, Rows: concordance.Match([]concordance.Call{call(concordance.Tissue, a)}, nil, concordance.MatchOptions{})}
	if err := New(nil, nil, nil).Classify(pr); err != nil {
		t.Fatal(err)
	}
	r := pr.Rows[0]
	if r.Tissue.Status != concordance.Called || r.Plasma.Status != concordance.SampleFailed || r.Category != concordance.NotCompared || !pr.Failed[concordance.Plasma] {
		t.Errorf("failed plasma: %s/%s %s, Failed %v", r.Tissue.Status, r.Plasma.Status, r.Category, pr.Failed)
	}
	if r.Flags.Has(concordance.FlagOffPanel) {
		t.Error("a failed sample is not an off-panel alteration")
	}
}

func TestClassifyNotesUnnamedPanel(t *testing.T) {
	anon := mustPanel(t, "chr1\t0\t1000\tAMPL1\n")
	amp := concordance.Alteration{Class: concordance.Amplification, Gene: "ERBB2"}
	pr := &concordance.PatientResult{Patient: &concordance.Patient{ID: "P4"}, Rows: concordance.Match([]concordance.Call{call(concordance.Tissue, amp)}, nil, concordance.MatchOptions{})}
	if err := New(nil, anon, nil).Classify(pr); err != nil {
		t.Fatal(err)
	}
	if pr.Rows[0].Category != concordance.TissueOnly || len(pr.Notes) != 1 || !strings.Contains(pr.Notes[0], "names no known genes") {
		t.Errorf("category %s, notes %q", pr.Rows[0].Category, pr.Notes)
	}
}
