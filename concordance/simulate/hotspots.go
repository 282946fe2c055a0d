package simulate

import (
	"math/rand/v2"
)

// hotspot is a recurrent change written at the CDS level (HGVS c.
// positions on the synthetic transcript, which match the real ones).
type hotspot struct {
	edit cdsEdit
	w    float64 // relative frequency within the gene
}

// tumourHotspots are the recurrent somatic changes the model uses, with
// within-gene frequencies rounded from COSMIC / cBioPortal pan-cancer
// counts. hotspotShare is the share of a gene's driver mutations that hit
// one of them; the rest are drawn by the gene's role (oncogene: missense;
// tumour suppressor: truncating or missense).
var tumourHotspots = map[string][]hotspot{
	"BRAF":   {{cdsEdit{1799, 1, "A"}, 0.85}, {cdsEdit{1798, 2, "AA"}, 0.07}, {cdsEdit{1406, 1, "C"}, 0.08}},
	"KRAS":   {{cdsEdit{35, 1, "A"}, 0.30}, {cdsEdit{35, 1, "T"}, 0.22}, {cdsEdit{34, 1, "T"}, 0.15}, {cdsEdit{38, 1, "A"}, 0.12}, {cdsEdit{183, 1, "C"}, 0.10}, {cdsEdit{436, 1, "A"}, 0.06}},
	"NRAS":   {{cdsEdit{182, 1, "G"}, 0.4}, {cdsEdit{181, 1, "A"}, 0.3}, {cdsEdit{35, 1, "A"}, 0.2}, {cdsEdit{37, 1, "C"}, 0.1}},
	"HRAS":   {{cdsEdit{182, 1, "G"}, 0.5}, {cdsEdit{37, 1, "C"}, 0.5}},
	"EGFR":   {{cdsEdit{2573, 1, "G"}, 0.40}, {cdsEdit{2235, 15, ""}, 0.45}, {cdsEdit{2155, 1, "A"}, 0.08}, {cdsEdit{2369, 1, "T"}, 0.07}},
	"PIK3CA": {{cdsEdit{1633, 1, "A"}, 0.35}, {cdsEdit{3140, 1, "G"}, 0.40}, {cdsEdit{1624, 1, "A"}, 0.25}},
	"TP53": {{cdsEdit{524, 1, "A"}, 1}, {cdsEdit{743, 1, "A"}, 1}, {cdsEdit{742, 1, "T"}, 1}, {cdsEdit{818, 1, "A"}, 1},
		{cdsEdit{817, 1, "T"}, 1}, {cdsEdit{844, 1, "T"}, 1}, {cdsEdit{659, 1, "G"}, 1}, {cdsEdit{733, 1, "A"}, 1},
		{cdsEdit{637, 1, "T"}, 1}, {cdsEdit{1024, 1, "T"}, 1}},
	"IDH1":   {{cdsEdit{395, 1, "A"}, 0.8}, {cdsEdit{394, 1, "T"}, 0.2}},
	"IDH2":   {{cdsEdit{419, 1, "A"}, 0.6}, {cdsEdit{515, 1, "A"}, 0.4}},
	"KIT":    {{cdsEdit{1669, 6, ""}, 0.6}, {cdsEdit{2447, 1, "T"}, 0.2}},
	"PDGFRA": {{cdsEdit{2525, 1, "T"}, 1}},
	"CTNNB1": {{cdsEdit{134, 1, "T"}, 0.5}, {cdsEdit{121, 1, "G"}, 0.5}},
	"APC":    {{cdsEdit{4348, 1, "T"}, 1}},
	"SMAD4":  {{cdsEdit{1082, 1, "A"}, 1}},
	"PTEN":   {{cdsEdit{388, 1, "T"}, 0.6}, {cdsEdit{389, 1, "A"}, 0.4}},
	"FBXW7":  {{cdsEdit{1394, 1, "A"}, 1}},
	"ESR1":   {{cdsEdit{1610, 1, "C"}, 0.5}, {cdsEdit{1613, 1, "G"}, 0.5}},
	"AKT1":   {{cdsEdit{49, 1, "A"}, 1}},
	"GNAS":   {{cdsEdit{602, 1, "A"}, 0.6}, {cdsEdit{601, 1, "T"}, 0.4}},
	"SF3B1":  {{cdsEdit{2098, 1, "G"}, 1}},
	"GNAQ":   {{cdsEdit{626, 1, "T"}, 0.6}, {cdsEdit{626, 1, "C"}, 0.4}},
	"GNA11":  {{cdsEdit{626, 1, "T"}, 1}},
	"FGFR3":  {{cdsEdit{746, 1, "G"}, 1}},
	"POLE":   {{cdsEdit{857, 1, "G"}, 1}},
	"RET":    {{cdsEdit{2753, 1, "C"}, 1}},
	"CDKN2A": {{cdsEdit{238, 1, "T"}, 1}},
	"H3F3A":  {{cdsEdit{83, 1, "T"}, 1}},
	"FOXL2":  {{cdsEdit{402, 1, "G"}, 1}},
	"SPOP":   {{cdsEdit{397, 1, "G"}, 1}},
	"MAP2K1": {{cdsEdit{171, 1, "T"}, 1}},
	"RNF43":  {{cdsEdit{1971, 1, ""}, 1}},
}

var hotspotShare = map[string]float64{
	"BRAF": 0.95, "KRAS": 0.97, "NRAS": 0.97, "HRAS": 0.95, "EGFR": 0.85, "PIK3CA": 0.75, "TP53": 0.35,
	"IDH1": 1, "IDH2": 1, "KIT": 0.8, "PDGFRA": 0.8, "CTNNB1": 0.8, "APC": 0.1, "SMAD4": 0.3, "PTEN": 0.25,
	"FBXW7": 0.5, "ESR1": 0.8, "AKT1": 0.95, "GNAS": 0.95, "SF3B1": 0.6, "GNAQ": 0.95, "GNA11": 0.95,
	"FGFR3": 0.7, "POLE": 0.7, "RET": 0.8, "CDKN2A": 0.25, "H3F3A": 1, "FOXL2": 1, "SPOP": 0.5,
	"MAP2K1": 0.5, "RNF43": 0.5,
}

// tumourSuppressors get truncating changes (nonsense, frameshift) for
// about half of their non-hotspot driver mutations.
var tumourSuppressors = map[string]bool{
	"TP53": true, "APC": true, "SMAD4": true, "PTEN": true, "CDKN2A": true, "RB1": true, "NF1": true,
	"ARID1A": true, "KMT2D": true, "BAP1": true, "VHL": true, "PBRM1": true, "SETD2": true, "STK11": true,
	"KEAP1": true, "FBXW7": true, "ATRX": true, "NF2": true, "MEN1": true, "DAXX": true, "CDH1": true,
	"KDM6A": true, "STAG2": true, "TSC2": true, "BRCA1": true, "BRCA2": true, "ATM": true, "CHEK2": true,
	"TET2": true, "DNMT3A": true, "ASXL1": true, "PPM1D": true, "RNF43": true, "CIC": true, "FUBP1": true,
	"CDKN1B": true, "GATA3": true, "MAP3K1": true, "FAT1": true, "NOTCH1": true, "SMARCA4": true,
	"PIK3R1": true, "PALB2": true,
}

// chHotspots are the recurrent clonal-haematopoiesis changes (Jaiswal
// 2014; Bick 2020; the CH rules written in METHODS.md §2.1).
var chHotspots = map[string][]hotspot{
	"DNMT3A": {{cdsEdit{2645, 1, "A"}, 0.7}, {cdsEdit{2644, 1, "T"}, 0.3}},
	"JAK2":   {{cdsEdit{1849, 1, "T"}, 1}},
	"ASXL1":  {{cdsEdit{1928, 0, "G"}, 1}},
	"SF3B1":  {{cdsEdit{2098, 1, "G"}, 1}},
	"SRSF2":  {{cdsEdit{284, 1, "A"}, 1}},
	"U2AF1":  {{cdsEdit{101, 1, "T"}, 1}},
	"PPM1D":  {{cdsEdit{1372, 1, "T"}, 1}},
	"TP53":   {{cdsEdit{743, 1, "A"}, 1}, {cdsEdit{524, 1, "A"}, 1}, {cdsEdit{818, 1, "A"}, 1}, {cdsEdit{659, 1, "G"}, 1}},
	"KRAS":   {{cdsEdit{35, 1, "A"}, 1}},
	"NRAS":   {{cdsEdit{35, 1, "A"}, 1}},
	"IDH2":   {{cdsEdit{419, 1, "A"}, 1}},
	"CHEK2":  {{cdsEdit{470, 1, "C"}, 1}},
}

// chGenes: gene, share of CH clones, share of the gene's clones at a
// hotspot, share of the rest that is truncating, and the codon ranges of
// its other changes (none = anywhere). DNMT3A and TET2 dominate (Jaiswal
// 2014: ~2/3 of CHIP); DNMT3A missense CH lies in codons 290–912 and TET2
// missense CH in the catalytic domains (1104–1481, 1843–2002); ASXL1
// truncations cluster in exons 11–12 (here the last exon, codons ≥600),
// PPM1D truncations in exons 5–6 (codons ≥380); CBL changes hit the
// linker–RING region; TP53, PPM1D, CHEK2 and ATM clones are frequent after
// cytotoxic therapy (Bolton 2020). Clones of the DNA-repair genes BRCA2,
// BRCA1, ATM and CHEK2 and of RAS/RAF genes carry mostly missense changes
// anywhere in the protein, outside any CH hotspot rule: the buffy coats of
// 16,812 advanced-cancer patients gave these genes large CH shares of
// their plasma variants (Magee et al. 2025, METHODS.md §2.1). The entry
// with no gene is a clone whose change lies in any panel gene (by coding
// length, as passengers): CH clones carry changes no CH list names
// (Razavi 2019: 53% of cfDNA variants of cancer patients had CH features).
// The shares of the genes beyond DNMT3A–IDH2 were set for issue 12 from
// the genes' places in those studies, not from concord's rules.
var chGenes = []struct {
	gene       string
	w          float64
	hot, trunc float64
	ranges     [][2]int
}{
	{"DNMT3A", 0.34, 0.15, 0.4, [][2]int{{290, 912}}},
	{"TET2", 0.18, 0, 0.7, [][2]int{{1104, 1481}, {1843, 2001}}},
	{"ASXL1", 0.05, 0.5, 1, [][2]int{{600, 1540}}},
	{"PPM1D", 0.06, 0.3, 1, [][2]int{{380, 604}}},
	{"JAK2", 0.03, 1, 0, nil},
	{"TP53", 0.07, 0.5, 0.2, [][2]int{{100, 300}}},
	{"CHEK2", 0.04, 0.3, 0.3, nil},
	{"ATM", 0.05, 0, 0.4, nil},
	{"BRCA2", 0.03, 0, 0.3, nil},
	{"BRCA1", 0.015, 0, 0.3, nil},
	{"SF3B1", 0.02, 1, 0, nil},
	{"SRSF2", 0.02, 1, 0, nil},
	{"U2AF1", 0.01, 1, 0, nil},
	{"CBL", 0.015, 0, 0, [][2]int{{366, 420}}},
	{"KRAS", 0.01, 1, 0, nil},
	{"NRAS", 0.01, 1, 0, nil},
	{"IDH2", 0.01, 1, 0, nil},
	{"BRAF", 0.005, 0, 0, nil},
	{"", 0.035, 0, 0.15, nil},
}

// dragenCHGenes are the genes whose CH sites DRAGEN's putative-CH flag
// knows (myeloid CH genes and the TP53/CHEK2 hotspots); a clone elsewhere
// is seldom flagged.
var dragenCHGenes = map[string]bool{
	"DNMT3A": true, "TET2": true, "ASXL1": true, "PPM1D": true, "JAK2": true, "TP53": true, "CHEK2": true,
	"SF3B1": true, "SRSF2": true, "U2AF1": true, "CBL": true, "IDH2": true, "KRAS": true, "NRAS": true,
}

// germlinePathogenic: rare germline variants of cancer predisposition
// genes (truncating, or the CHEK2 I157T founder missense).
var germlinePathogenic = []geneProb{{"BRCA2", 0.3}, {"BRCA1", 0.2}, {"CHEK2", 0.2}, {"ATM", 0.2}, {"PALB2", 0.1}}

func pickHotspot(r *rand.Rand, hs []hotspot) cdsEdit {
	w := make([]float64, len(hs))
	for i, h := range hs {
		w[i] = h.w
	}
	return hs[pick(r, w)].edit
}
