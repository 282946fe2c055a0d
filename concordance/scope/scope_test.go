package scope

import (
	"os"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/hgvs"
	"github.com/concord-oncology/concord/concordance/input/maf"
	"github.com/concord-oncology/concord/concordance/input/tso500"
	"github.com/concord-oncology/concord/concordance/input/vcf"
	"github.com/concord-oncology/concord/concordance/schema"
)

// Consequence annotations as the tools write them. The shapes come from
// the tools' documentation (VEP: "Calculated variant consequences",
// terms joined by '&' for one transcript; snpEff: the ANN field
// specification, effects joined by '&'; GDC MAF: Variant_Classification;
// TSO500 CVO: Consequence(s), FORMATS.md §1); the strings were written for
// this test.
func TestConsequenceCoding(t *testing.T) {
	for _, tc := range []struct {
		annotation string
		want       Verdict
	}{
		{"missense_variant", InCoding},
		{"missense_variant&splice_region_variant", InCoding},      // VEP: a missense change in the last codon of an exon
		{"splice_region_variant&intron_variant", NotCoding},       // VEP: 3-8 bases into the intron, not a splice site
		{"splice_region_variant&synonymous_variant", NotCoding},   // VEP: not a splice site either
		{"splice_donor_variant", InCoding},                        // canonical +1/+2
		{"splice_acceptor_variant&intron_variant", InCoding},      // canonical -1/-2
		{"frameshift_variant&NMD_transcript_variant", InCoding},   // VEP, a non-canonical transcript too
		{"stop_gained&frameshift_variant", InCoding},              // VEP
		{"synonymous_variant", NotCoding},                         //
		{"stop_retained_variant", NotCoding},                      //
		{"5_prime_UTR_variant", NotCoding},                        // VEP writes UTR with a capital U
		{"3_prime_UTR_variant&NMD_transcript_variant", NotCoding}, //
		{"intron_variant&non_coding_transcript_variant", NotCoding},
		{"upstream_gene_variant", NotCoding},
		{"intergenic_variant", NotCoding},
		{"disruptive_inframe_deletion", InCoding}, // snpEff
		{"conservative_inframe_insertion", InCoding},
		{"intragenic_variant", NotCoding},                             // snpEff
		{"5_prime_UTR_premature_start_codon_gain_variant", NotCoding}, // snpEff
		{"missense_variant&protein_protein_contact", InCoding},        // snpEff adds a term it alone knows
		{"Missense_Mutation", InCoding},                               // MAF
		{"Splice_Site", InCoding},                                     // MAF
		{"Silent", NotCoding},                                         // MAF
		{"3'UTR", NotCoding},                                          // MAF
		{"Splice_Region", NotCoding},                                  // cBioPortal's MAF class
		{"Targeted_Region", CodingUnknown},                            // MAF: no effect known
		{"splice_region_variant,intron_variant", NotCoding},           // CVO lists with ','
		{"", CodingUnknown},                                           //
		{"sequence_variant", CodingUnknown},                           // VEP's most general term decides nothing
		{"protein_protein_contact", CodingUnknown},                    // alone, a term not listed
	} {
		if got := ConsequenceCoding(tc.annotation); got != tc.want {
			t.Errorf("%q: %d, want %d", tc.annotation, got, tc.want)
		}
	}
}

// Calls without a consequence are decided by their protein change (report
// tables, MAFs without a class), else kept undecided; copy-number changes,
// fusions and splice events are in; TERT promoter calls are in.
func TestCallCoding(t *testing.T) {
	small := func(gene, protein, consequence string) *concordance.Call {
		c := concordance.NewCall(concordance.Tissue, concordance.Alteration{Class: concordance.SNV, Gene: gene, Protein: protein}, concordance.Source{})
		c.Consequence = consequence
		return &c
	}
	for _, tc := range []struct {
		name string
		call *concordance.Call
		want Verdict
	}{
		{"protein change", small("BRAF", "p.V600E", ""), InCoding},
		{"synonymous protein change", small("KMT2C", "p.N999=", ""), NotCoding},
		{"p.= alone", small("KMT2C", "p.=", ""), NotCoding},
		{"p.? decides nothing", small("KMT2C", "p.?", ""), CodingUnknown},
		{"nothing", small("KMT2C", "", ""), CodingUnknown},
		{"consequence wins over protein", small("KMT2C", "p.N999=", "splice_donor_variant"), InCoding},
		{"TERT promoter (VEP)", small("TERT", "", "upstream_gene_variant"), InCoding},
		{"TERT promoter (MAF)", small("TERT", "", "5'Flank"), InCoding},
		{"TERT intron", small("TERT", "", "intron_variant"), NotCoding},
		{"TERT 5' UTR", small("TERT", "", "5_prime_UTR_variant"), NotCoding},
		{"upstream of another gene", small("BRAF", "", "upstream_gene_variant"), NotCoding},
		{"amplification", &concordance.Call{Alteration: concordance.Alteration{Class: concordance.Amplification, Gene: "ERBB2"}}, InCoding},
		{"fusion", &concordance.Call{Alteration: concordance.NewFusion("EML4", "ALK")}, InCoding},
		{"splice event", &concordance.Call{Alteration: concordance.Alteration{Class: concordance.Splice, Gene: "MET", Exons: "14"}}, InCoding},
	} {
		if got := CallCoding(tc.call); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

func verdicts(calls []concordance.Call) map[Verdict]int {
	m := map[Verdict]int{}
	for i := range calls {
		m[CallCoding(&calls[i])]++
	}
	return m
}

// A real MAF: PCGR's example (sigven/pcgr, MIT; in package maf's
// testdata). The oracle is cBioPortal's import filter (FORMATS.md §5:
// Silent, Intron, 3'UTR, 3'Flank, 5'UTR, 5'Flank, IGR, RNA are dropped),
// counted with awk on the Variant_Classification column:
//
//	117 Missense_Mutation, 16 Nonsense_Mutation, 5 Splice_Site,
//	1 Frame_Shift_Del                  → 139 kept;
//	46 Silent, 7 RNA, 3 Intron, 1 each of 3'Flank, 5'Flank, 5'UTR → 59 dropped;
//	1 row with an empty Variant_Classification (and no protein change):
//	undecided, kept.
//
// vcf2maf's test MAF (mskcc/vcf2maf, Apache-2.0): 20 protein-altering
// rows; 4 Silent and 1 Splice_Region left out (cBioPortal keeps
// Splice_Region; concord does not count it as a splice site).
func TestRealMAF(t *testing.T) {
	for _, tc := range []struct {
		file             string
		in, out, unknown int
	}{
		{"tumor_sample.BRCA.pcgr.maf", 139, 59, 1},
		{"test_b38_output.maf", 20, 5, 0},
	} {
		f, err := os.Open("../input/maf/testdata/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		var led concordance.Ledger
		sd, err := maf.Read(f, concordance.ReadOptions{File: tc.file, AllFilters: true}, &led)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		v := verdicts(sd.Calls)
		if v[InCoding] != tc.in || v[NotCoding] != tc.out || v[CodingUnknown] != tc.unknown {
			t.Errorf("%s: in %d, out %d, unknown %d; want %d, %d, %d", tc.file, v[InCoding], v[NotCoding], v[CodingUnknown], tc.in, tc.out, tc.unknown)
		}
	}
}

// VEP CSQ and snpEff ANN fields, written for this test in the shapes the
// tools document (VEP's VCF output: "Format: Allele|Consequence|..." in the
// header; snpEff's ANN: Allele|Annotation|Impact|Gene_Name|...), read by
// package vcf: the consequence the reader keeps (VEP's CANONICAL entry,
// snpEff's first) decides.
func TestAnnotatedVCF(t *testing.T) {
	const text = `##fileformat=VCFv4.2
##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|CANONICAL">
##INFO=<ID=ANN,Number=.,Type=String,Description="Functional annotations: 'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | AA.pos / AA.length | Distance | ERRORS / WARNINGS / INFO'">
#CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO
chr7	140453136	.	A	T	.	PASS	CSQ=T|missense_variant|MODERATE|BRAF|ENSG00000157764|Transcript|ENST00000288602|protein_coding|15/18||ENST00000288602.6:c.1799T>A|ENSP00000288602.6:p.Val600Glu|YES
chr17	7578177	.	C	T	.	PASS	CSQ=T|synonymous_variant|LOW|TP53|ENSG00000141510|Transcript|ENST00000269305|protein_coding|7/11||ENST00000269305.4:c.747G>A|ENSP00000269305.4:p.Arg249%3D|YES
chr17	7579312	.	C	A	.	PASS	CSQ=A|splice_region_variant&intron_variant|LOW|TP53|ENSG00000141510|Transcript|ENST00000269305|protein_coding||4/10|ENST00000269305.4:c.375+5G>T||YES
chr17	7579590	.	G	A	.	PASS	CSQ=A|5_prime_UTR_variant|MODIFIER|TP53|ENSG00000141510|Transcript|ENST00000269305|protein_coding|2/11||ENST00000269305.4:c.-29C>T||YES
chr5	1295228	.	G	A	.	PASS	CSQ=A|upstream_gene_variant|MODIFIER|TERT|ENSG00000164362|Transcript|ENST00000310581|protein_coding||||||YES
chr12	25398284	.	C	A	.	PASS	ANN=A|missense_variant|MODERATE|KRAS|ENSG00000133703|transcript|ENST00000256078.4|protein_coding|2/6|c.35G>T|p.Gly12Val|225/1119|35/570|12/189||
chr12	25380300	.	T	C	.	PASS	ANN=C|intron_variant|MODIFIER|KRAS|ENSG00000133703|transcript|ENST00000256078.4|protein_coding|3/5|c.291-12A>G||||||
chr12	25398300	.	A	G	.	PASS	.
`
	var led concordance.Ledger
	sd, err := vcf.ReadCalls(strings.NewReader(text), concordance.ReadOptions{File: "annotated.vcf"}, &led)
	if err != nil {
		t.Fatal(err)
	}
	want := []Verdict{InCoding, NotCoding, NotCoding, NotCoding, InCoding, InCoding, NotCoding, CodingUnknown}
	if len(sd.Calls) != len(want) {
		t.Fatalf("%d calls, want %d", len(sd.Calls), len(want))
	}
	for i := range sd.Calls {
		if got := CallCoding(&sd.Calls[i]); got != want[i] {
			t.Errorf("line %d (%s %q): %d, want %d", sd.Calls[i].Source.Line, sd.Calls[i].Gene, sd.Calls[i].Consequence, got, want[i])
		}
	}
}

// The TSO500 CVO's [Small Variants] (package tso500's fixture, written
// from FORMATS.md §1): missense, in-frame deletion, synonymous, missense,
// intergenic, splice donor, frameshift.
func TestCVO(t *testing.T) {
	f, err := os.Open("../input/tso500/testdata/cvo_localapp_tissue.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var led concordance.Ledger
	sd, err := tso500.ReadCVO(f, concordance.ReadOptions{File: "cvo.tsv"}, &led)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Verdict{}
	for i := range sd.Calls {
		if c := &sd.Calls[i]; c.Class.IsSmall() {
			got[c.Gene+" "+c.Consequence] = CallCoding(c)
		}
	}
	for k, want := range map[string]Verdict{
		"BRAF missense_variant": InCoding, "EGFR inframe_deletion": InCoding, "KMT2C synonymous_variant": NotCoding,
		" intergenic_variant": NotCoding, "TP53 splice_donor_variant": InCoding, "CHEK2 frameshift_variant": InCoding,
	} {
		if v, ok := got[k]; !ok || v != want {
			t.Errorf("%q: %d (present %v), want %d", k, v, ok, want)
		}
	}
}

// Hotspots: the residue must agree, substitutions at the codon count, in-
// frame indels inside a listed range count.
func TestHotspot(t *testing.T) {
	for _, tc := range []struct {
		gene, change string
		want         bool
	}{
		{"BRAF", "p.V600E", true},
		{"BRAF", "p.V600K", true},
		{"BRAF", "p.A600E", false}, // another residue: another numbering
		{"BRAF", "p.V601E", false},
		{"BRAF", "p.V600=", false},
		{"KRAS", "p.G12C", true},
		{"TP53", "p.R213*", true}, // the nonsense hotspot
		{"TP53", "p.R213Lfs*34", false},
		{"EGFR", "p.E746_A750del", true},
		{"EGFR", "p.L747_P753delinsS", true},
		{"EGFR", "p.D770_N771insSVD", true},
		{"EGFR", "p.E709_T710delinsD", false}, // in frame, outside exons 19-20's ranges
		{"ERBB2", "p.Y772_A775dup", true},
		{"KIT", "p.W557_K558del", true},
		{"H3-3A", "p.K28M", true},
		{"NOTAGENE", "p.V600E", false},
	} {
		ch, err := hgvs.Parse(tc.change)
		if err != nil {
			t.Fatal(err)
		}
		if got := Hotspot(tc.gene, ch); got != tc.want {
			t.Errorf("%s %s: %v, want %v", tc.gene, tc.change, got, tc.want)
		}
	}
	for _, bad := range []string{
		"gene\tresidue\n",
		"gene\tresidue\tchanges\tsource\nBRAF\t600\tsubstitution\tx\n",
		"gene\tresidue\tchanges\tsource\nEGFR\t759-745\tinframe\tx\n",
		"gene\tresidue\tchanges\tsource\nBRAF\tV600\tanything\tx\n",
		"gene\tresidue\tchanges\tsource\nBRAF\tV600\tsubstitution\t\n",
	} {
		if _, err := parseHotspots(bad); err == nil {
			t.Errorf("parseHotspots(%q): want an error", bad)
		}
	}
}

func TestParse(t *testing.T) {
	for s, want := range map[string]Scope{"all": All, "Coding": Coding, " reportable ": Reportable} {
		var got Scope = 9
		if err := got.Set(s); err != nil || got != want {
			t.Errorf("Set(%q) = %v, %v", s, got, err)
		}
	}
	var s Scope
	if err := s.Set("protein"); err == nil || !strings.Contains(err.Error(), "all, coding, reportable") {
		t.Errorf("Set(protein): %v", err)
	}
	if DefaultOptions().Scope != Coding || s.Type() != "scope" {
		t.Error("the default scope is coding")
	}
	for _, o := range []Options{{MinCopyNumber: -1}, {MinFusionReads: -1}, {MinCopyNumber: 2000}} {
		if o.Validate() == nil {
			t.Errorf("%+v: want an error", o)
		}
	}
}

// row builds a one-patient result row from tissue and plasma calls.
func row(t, p []*concordance.Call) concordance.Row {
	var a concordance.Alteration
	if len(t) > 0 {
		a = t[0].Alteration
	} else {
		a = p[0].Alteration
	}
	r := concordance.Row{Alteration: a, Category: concordance.Shared, Reason: ""}
	r.Tissue.Calls, r.Plasma.Calls = t, p
	switch {
	case len(p) == 0:
		r.Category, r.Reason = concordance.TissueOnly, schema.ReasonLowPower
	case len(t) == 0:
		r.Category, r.Reason = concordance.PlasmaOnly, schema.ReasonCH
	}
	return r
}

func call(class concordance.Class, gene, protein, consequence string) *concordance.Call {
	c := concordance.NewCall(concordance.Tissue, concordance.Alteration{Class: class, Gene: gene, Protein: protein}, concordance.Source{})
	c.Consequence = consequence
	return &c
}

func cnv(class concordance.Class, gene string, fc, cn float64) *concordance.Call {
	c := call(class, gene, "", "")
	c.FoldChange, c.CopyNumber = fc, cn
	return c
}

func fusion(reads int) *concordance.Call {
	c := concordance.NewCall(concordance.Tissue, concordance.NewFusion("EML4", "ALK"), concordance.Source{})
	c.AltReads = reads
	return &c
}

// What Classify makes of rows under each scope: left out rows are
// not_compared with reason out_of_scope, undecided ones keep their
// category and are flagged.
func TestClassify(t *testing.T) {
	nan := concordance.Missing
	hot := call(concordance.SNV, "PIK3CA", "", "missense_variant")
	hot.Flags |= concordance.FlagHotspot
	type want struct{ coding, reportable string } // "in", "out", "unknown"
	for _, tc := range []struct {
		name string
		r    concordance.Row
		want want
	}{
		{"shared synonymous", row([]*concordance.Call{call(concordance.SNV, "KMT2C", "p.N999=", "synonymous_variant")}, []*concordance.Call{call(concordance.SNV, "KMT2C", "p.N999=", "synonymous_variant")}), want{"out", "out"}},
		// An MNV matched with its SNVs: the MNV is missense, one SNV alone
		// synonymous: the row is in.
		{"MNV and its SNVs", row([]*concordance.Call{call(concordance.MNV, "BRAF", "p.V600K", "missense_variant")},
			[]*concordance.Call{call(concordance.SNV, "BRAF", "p.V600=", "synonymous_variant"), call(concordance.SNV, "BRAF", "p.V600E", "missense_variant")}), want{"in", "in"}},
		{"unannotated", row([]*concordance.Call{call(concordance.SNV, "", "", "")}, nil), want{"unknown", "unknown"}},
		{"unannotated beside a synonymous call", row([]*concordance.Call{call(concordance.SNV, "", "", "")}, []*concordance.Call{call(concordance.SNV, "KMT2C", "", "synonymous_variant")}), want{"unknown", "unknown"}},
		{"intron", row(nil, []*concordance.Call{call(concordance.SNV, "TP53", "", "intron_variant")}), want{"out", "out"}},
		{"hotspot", row([]*concordance.Call{call(concordance.SNV, "BRAF", "p.V600E", "missense_variant")}, nil), want{"in", "in"}},
		{"caller's hotspot flag", row([]*concordance.Call{hot}, nil), want{"in", "in"}},
		{"missense elsewhere", row([]*concordance.Call{call(concordance.SNV, "BRAF", "p.V471F", "missense_variant")}, nil), want{"in", "out"}},
		{"truncating in a driver", row([]*concordance.Call{call(concordance.SNV, "APC", "p.R1450*", "stop_gained")}, nil), want{"in", "in"}},
		{"truncating in a non-driver", row([]*concordance.Call{call(concordance.Indel, "KMT2C", "p.N999fs", "frameshift_variant")}, nil), want{"in", "in"}},
		{"splice site of a driver", row([]*concordance.Call{call(concordance.SNV, "TP53", "", "splice_donor_variant")}, nil), want{"in", "in"}},
		{"in-frame, no protein change", row([]*concordance.Call{call(concordance.Indel, "KMT2C", "", "inframe_deletion")}, nil), want{"in", "out"}},
		// 2 × fold change 3.6 = 7.2 copies > 6; 2 × 2.5 = 5 ≤ 6.
		{"amplification FC 3.6", row([]*concordance.Call{cnv(concordance.Amplification, "ERBB2", 3.6, nan)}, nil), want{"in", "in"}},
		{"amplification FC 2.5", row([]*concordance.Call{cnv(concordance.Amplification, "ERBB2", 2.5, nan)}, nil), want{"in", "out"}},
		{"amplification CN 6 (not above 6)", row([]*concordance.Call{cnv(concordance.Amplification, "ERBB2", nan, 6)}, nil), want{"in", "out"}},
		{"amplification CN 9, FC 2", row([]*concordance.Call{cnv(concordance.Amplification, "ERBB2", 2, 9)}, nil), want{"in", "in"}},
		{"amplification, size unknown", row([]*concordance.Call{cnv(concordance.Amplification, "ERBB2", nan, nan)}, nil), want{"in", "unknown"}},
		{"amplification, the plasma's small, the tissue's large", row([]*concordance.Call{cnv(concordance.Amplification, "MET", 5, nan)}, []*concordance.Call{cnv(concordance.Amplification, "MET", 1.4, nan)}), want{"in", "in"}},
		{"deletion of a driver", row([]*concordance.Call{cnv(concordance.Deletion, "CDKN2A", 0.3, nan)}, nil), want{"in", "in"}},
		{"deletion of another gene", row([]*concordance.Call{cnv(concordance.Deletion, "OR4F5", 0.3, nan)}, nil), want{"in", "out"}},
		{"fusion, 3 reads", row([]*concordance.Call{fusion(3)}, nil), want{"in", "in"}},
		{"fusion, 2 reads", row([]*concordance.Call{fusion(2)}, nil), want{"in", "out"}},
		{"fusion, reads unknown", row([]*concordance.Call{fusion(-1)}, nil), want{"in", "unknown"}},
	} {
		for _, sc := range []Scope{All, Coding, Reportable} {
			o := DefaultOptions()
			o.Scope = sc
			pr := concordance.PatientResult{Rows: []concordance.Row{tc.r}}
			pr.Rows[0].Tissue.Calls = append([]*concordance.Call(nil), tc.r.Tissue.Calls...)
			if err := o.Classify(&pr); err != nil {
				t.Fatal(err)
			}
			r := pr.Rows[0]
			got := "in"
			switch {
			case r.Category == concordance.NotCompared && r.Reason == schema.ReasonOutOfScope:
				got = "out"
			case r.Flags.Has(concordance.FlagScopeUnknown):
				got = "unknown"
			}
			if got != "out" && (r.Category != tc.r.Category || r.Reason != tc.r.Reason) {
				t.Errorf("%s, scope %s: category %s reason %q changed", tc.name, sc, r.Category, r.Reason)
			}
			w := map[Scope]string{All: "in", Coding: tc.want.coding, Reportable: tc.want.reportable}[sc]
			if got != w {
				t.Errorf("%s, scope %s: %s, want %s", tc.name, sc, got, w)
			}
		}
	}
}
