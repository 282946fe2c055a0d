package explain

import (
	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
)

// span is a closed range of codons.
type span struct{ from, to int }

// chRule says which changes of one gene are typical of clonal
// haematopoiesis. A change matches when it is of a kind the rule lists in
// the place the rule allows: truncating changes anywhere (Truncating) or
// only in some exons (TruncExons); missense changes anywhere
// (AnyMissense), in codon ranges (MissenseIn) or at named residues
// (Residues, which also take in-frame changes starting there); in-frame
// indels in exons or codon ranges (InframeExons, InframeIn).
type chRule struct {
	Truncating   bool
	TruncExons   []int
	AnyMissense  bool
	MissenseIn   []span
	Residues     []int
	InframeExons []int
	InframeIn    []span
	// Specific marks changes seldom seen in solid tumours: for them the
	// gene rule alone makes a plasma-only call a CH candidate. The others
	// (TP53, KRAS, ...) are also common tumour drivers, so they need the
	// VAF pattern or other evidence as well.
	Specific bool
	Source   string
}

// Sources of the CH rules. The variant rules are those METHODS.md §2.1
// lists from the CH literature: Jaiswal et al. 2014 NEJM 371:2488 (the
// CHIP variant criteria, supplementary table S3), Bick et al. 2020 Nature
// 586:763 (the 74-gene list, package genes), Bolton et al. 2020 Nat Genet
// 52:1219 (TP53, PPM1D, CHEK2 and ATM clones after therapy), Niroula et
// al. 2021 Nat Med 27:1921 (myeloid CHIP hotspots), and the M-CHIP
// variant table of the UKSH liquid-biopsy classifier
// (kunstner/UKSH_liquidbiopsy, DB/M-CHIP_Genes_modified_v1.2.tsv), which
// writes the same rules per gene on MANE transcripts.
const (
	srcJaiswal = "Jaiswal et al. 2014 NEJM 371:2488 (table S3)"
	srcBolton  = "Bolton et al. 2020 Nat Genet 52:1219"
	srcMCHIP   = "Niroula et al. 2021 Nat Med 27:1921; M-CHIP table of kunstner/UKSH_liquidbiopsy"
)

// chRules are the gene-level CH rules, keyed by HGNC symbol. Codon
// numbers are those of the MANE Select transcript.
var chRules = map[string]chRule{
	// DNMT3A: loss of function anywhere; missense in the catalytic and
	// ADD domains, codons 290–912 (R882H/C the hotspot).
	"DNMT3A": {Truncating: true, MissenseIn: []span{{290, 912}}, Specific: true, Source: srcJaiswal},
	// TET2: loss of function anywhere; missense in the two catalytic
	// regions, codons 1104–1481 and 1843–2002.
	"TET2": {Truncating: true, MissenseIn: []span{{1104, 1481}, {1843, 2002}}, Specific: true, Source: srcJaiswal},
	// ASXL1 and ASXL2: truncating in exons 11–12 (the last exons, where the
	// G646Wfs*12 hotspot lies). The 13-exon MANE transcript of ASXL1
	// (NM_015338.6) numbers the same last exon 13, which is taken too.
	"ASXL1": {TruncExons: []int{11, 12, 13}, Specific: true, Source: srcJaiswal},
	"ASXL2": {TruncExons: []int{11, 12}, Specific: true, Source: srcMCHIP},
	// PPM1D: truncating in exons 5–6 (gain-of-function truncations that
	// escape nonsense-mediated decay), selected by chemotherapy.
	"PPM1D": {TruncExons: []int{5, 6}, Specific: true, Source: srcBolton},
	// JAK2: V617F and the exon-12 changes of polycythaemia vera (codons
	// 533–547: N542_E543del, E543_D544del, K539L, F537_K539delinsL, ...).
	"JAK2": {Residues: []int{617}, MissenseIn: []span{{533, 547}}, InframeExons: []int{12}, InframeIn: []span{{533, 547}}, Specific: true, Source: srcJaiswal},
	// TP53 and CHEK2: truncating and missense anywhere (therapy-related CH).
	"TP53":  {Truncating: true, AnyMissense: true, Source: srcBolton},
	"CHEK2": {Truncating: true, AnyMissense: true, Source: srcBolton},
	// ATM: loss of function, plus the recurrent CH missense residues.
	"ATM": {Truncating: true, Residues: []int{337, 2832, 2875, 2888, 3008}, Source: srcBolton},
	// Spliceosome hotspots.
	"SF3B1": {Residues: []int{622, 625, 626, 662, 666, 700, 740, 742, 781}, Specific: true, Source: srcJaiswal},
	"SRSF2": {Residues: []int{95}, InframeIn: []span{{95, 102}}, Specific: true, Source: srcJaiswal},
	"U2AF1": {Residues: []int{34, 157}, Specific: true, Source: srcJaiswal},
	"ZRSR2": {Truncating: true, Specific: true, Source: srcJaiswal},
	// RAS pathway hotspots (also tumour drivers: not Specific).
	"KRAS":   {Residues: []int{12, 13, 61, 117, 146}, Source: srcJaiswal},
	"NRAS":   {Residues: []int{12, 13, 61, 146}, Source: srcJaiswal},
	"CBL":    {Truncating: true, MissenseIn: []span{{366, 420}}, Specific: true, Source: srcJaiswal},
	"PTPN11": {MissenseIn: []span{{60, 76}, {502, 507}}, Source: srcMCHIP},
	// IDH2 R140/R172 are myeloid; IDH1 R132 is also a glioma and
	// cholangiocarcinoma driver.
	"IDH1": {Residues: []int{132}, Source: srcJaiswal},
	"IDH2": {Residues: []int{140, 172}, Specific: true, Source: srcJaiswal},
	// G-protein hotspots.
	"GNB1": {Residues: []int{57}, Specific: true, Source: srcMCHIP},
	"GNAS": {Residues: []int{201, 227}, Source: srcMCHIP},
	// Myeloid tumour suppressors whose loss of function is a CH event.
	"BCOR":   {Truncating: true, Specific: true, Source: srcJaiswal},
	"BCORL1": {Truncating: true, Specific: true, Source: srcJaiswal},
	"BRCC3":  {Truncating: true, Specific: true, Source: srcMCHIP},
	"PHF6":   {Truncating: true, Specific: true, Source: srcJaiswal},
	"STAG2":  {Truncating: true, Specific: true, Source: srcJaiswal},
	"RUNX1":  {Truncating: true, MissenseIn: []span{{100, 277}}, Specific: true, Source: srcJaiswal},
	"EZH2":   {Truncating: true, MissenseIn: []span{{500, 751}}, Source: srcJaiswal},
	"CUX1":   {Truncating: true, Source: srcMCHIP},
	"SRCAP":  {Truncating: true, Source: srcMCHIP},
	"MPL":    {Residues: []int{515}, Specific: true, Source: srcJaiswal},
	"CALR":   {Specific: true, Source: srcJaiswal}, // exon-9 frameshifts: see matchCH
	"SETBP1": {MissenseIn: []span{{858, 871}}, Specific: true, Source: srcJaiswal},
}

// CHRule describes the rule a change matched: its gene, whether the change
// is specific to CH, and the rule's source. Matched is false when no rule
// applies.
type CHRule struct {
	Matched  bool
	Gene     string
	Specific bool
	Source   string
}

// MatchCH reports whether a small variant is a change typical of clonal
// haematopoiesis in its gene (see chRules). Genes of the Bick et al. 2020
// CHIP list without a variant rule match nothing: the gene alone does not
// make a change CH.
func MatchCH(c *concordance.Call) CHRule {
	if !c.Class.IsSmall() {
		return CHRule{}
	}
	rule, ok := chRules[c.Gene]
	if !ok {
		return CHRule{}
	}
	e := EffectOf(c)
	if matches(&rule, c.Gene, e) {
		return CHRule{Matched: true, Gene: c.Gene, Specific: rule.Specific, Source: rule.Source}
	}
	return CHRule{}
}

func matches(r *chRule, gene string, e Effect) bool {
	switch e.Kind {
	case Truncating:
		if gene == "CALR" {
			// CALR exon-9 frameshifts (type 1/2, L367fs / K385fs).
			return e.InExons(9) || e.Overlaps(352, 417)
		}
		if r.Truncating {
			return true
		}
		if len(r.TruncExons) > 0 {
			return e.InExons(r.TruncExons...)
		}
	case Missense:
		if r.AnyMissense || atResidue(r.Residues, e) {
			return true
		}
		for _, s := range r.MissenseIn {
			if e.Overlaps(s.from, s.to) {
				return true
			}
		}
	case Inframe:
		if atResidue(r.Residues, e) || len(r.InframeExons) > 0 && e.InExons(r.InframeExons...) {
			return true
		}
		for _, s := range r.InframeIn {
			if e.Overlaps(s.from, s.to) {
				return true
			}
		}
	}
	return false
}

func atResidue(res []int, e Effect) bool {
	for _, x := range res {
		if e.Start == x {
			return true
		}
	}
	return false
}

// IsCHGene reports whether a gene is on the Bick et al. 2020 CHIP list or
// has a CH variant rule (CHEK2 and ATM are therapy-related CH genes
// outside the Bick list).
func IsCHGene(gene string) bool {
	_, ok := chRules[gene]
	return ok || genes.IsCHIP(gene)
}
