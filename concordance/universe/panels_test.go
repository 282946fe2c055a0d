package universe

import (
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// TestBuiltIn (issue 11 §5): the assay names a sheet may give, however
// written, and what each covers. OR4F5 (an olfactory receptor) is on no
// panel; BRCA2 is a TSO500 gene.
func TestBuiltIn(t *testing.T) {
	or4f5 := small("chr1", 69100, "G", "A", "OR4F5")
	brca2 := small("chr13", 32340300, "A", "G", "BRCA2")
	for _, tc := range []struct {
		name, panel  string
		or4f5, brca2 bool
	}{
		{"TSO500", "TSO500", false, true},
		{"TruSight Oncology 500", "TSO500", false, true},
		{"tso500_ctDNA", "TSO500 ctDNA", false, true},
		{"TSO500 ctDNA", "TSO500 ctDNA", false, true},
		{"WES", "exome (every gene)", true, true},
		{"whole-exome", "exome (every gene)", true, true},
		{"WGS", "genome (every gene)", true, true},
	} {
		p, ok := BuiltIn(tc.name)
		if !ok {
			t.Errorf("%q: not a built-in panel", tc.name)
			continue
		}
		c1, _ := p.Covers(&or4f5)
		c2, _ := p.Covers(&brca2)
		if p.Name != tc.panel || c1 != tc.or4f5 || c2 != tc.brca2 {
			t.Errorf("%q: %s covers OR4F5 %v, BRCA2 %v; want %s %v %v", tc.name, p.Name, c1, c2, tc.panel, tc.or4f5, tc.brca2)
		}
	}
	for _, name := range []string{"FoundationOne CDx", "MSK-IMPACT468", ""} {
		if _, ok := BuiltIn(name); ok {
			t.Errorf("%q is not a built-in panel (no redistributable gene list here)", name)
		}
	}
	// All covers every class, with or without a gene.
	all := All("all")
	for _, a := range []concordance.Alteration{or4f5, small("chr2", 5, "C", "T", ""), concordance.NewFusion("FOO", "BAR"), {Class: concordance.Amplification, Gene: "OR4F5"}} {
		if c, judged := all.Covers(&a); !c || !judged {
			t.Errorf("All does not cover %s", a.Label())
		}
	}
}

// TestReadPanel: a panel file is a BED when its first data line has
// chrom, start and end, else a gene list (one symbol a line, first field,
// previous symbols updated).
func TestReadPanel(t *testing.T) {
	bed, err := ReadPanel(strings.NewReader("# my panel\ntrack name=x\nchr7\t55019016\t55211628\tEGFR\n"), "p.bed")
	if err != nil || !bed.Positional() || !bed.HasGene("EGFR") {
		t.Fatalf("BED: %+v, %v", bed, err)
	}
	list, err := ReadPanel(strings.NewReader("\ufeff# genes of my assay\nEGFR\nKRAS\tNM_004985\nMYCL1\n\nTP53,17p13.1\n"), "genes.txt")
	if err != nil || list.Positional() {
		t.Fatalf("gene list: %+v, %v", list, err)
	}
	for g, want := range map[string]bool{"EGFR": true, "KRAS": true, "MYCL": true, "TP53": true, "BRAF": false, "NM_004985": false} {
		if list.HasGene(g) != want {
			t.Errorf("gene list has %s: %v, want %v", g, !want, want)
		}
	}
	for _, bad := range []struct{ text, want string }{
		{"hello\nworld\n", "neither a BED"},
		{"EGFR\nK\x01RAS\n", "line 2"},
	} {
		if _, err := ReadPanel(strings.NewReader(bad.text), "x"); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want %q", bad.text, err, bad.want)
		}
	}
}

// TestClassifyAssaysAndEverything: a sample's assay panel (ByAssay) is its
// panel; Everything overrides every panel (--universe all).
func TestClassifyAssaysAndEverything(t *testing.T) {
	off := small("chr1", 69100, "G", "A", "OR4F5")
	p := &concordance.Patient{ID: "P1", Tissue: concordance.SampleRef{Assay: "WES"}, Plasma: concordance.SampleRef{Assay: "WES"}}
	rows := func() *concordance.PatientResult {
		return &concordance.PatientResult{Patient: p, Rows: concordance.Match([]concordance.Call{call(concordance.Tissue, off)}, nil, concordance.MatchOptions{})}
	}
	wes, _ := BuiltIn("WES")
	c := New(nil, nil, nil)
	c.ByAssay = map[string]*Panel{"WES": wes}
	pr := rows()
	if err := c.Classify(pr); err != nil || pr.Rows[0].Category != concordance.TissueOnly {
		t.Errorf("exome on both sides: %v, %v", pr.Rows[0].Category, err)
	}
	p.Plasma.Assay = ""
	pr = rows()
	if err := c.Classify(pr); err != nil || pr.Rows[0].Category != concordance.NotCompared {
		t.Errorf("plasma on the TSO500 default: %v, %v", pr.Rows[0].Category, err)
	}
	c.Everything = All("all")
	pr = rows()
	if err := c.Classify(pr); err != nil || pr.Rows[0].Category != concordance.TissueOnly {
		t.Errorf("--universe all: %v, %v", pr.Rows[0].Category, err)
	}
	p.Plasma.Assay = "unresolved"
	c.Everything = nil
	if err := c.Classify(rows()); err == nil || !strings.Contains(err.Error(), "unresolved") {
		t.Errorf("unresolved assay: %v", err)
	}
}
