package simulate

// Gene facts the synthetic genome is built from.
//
// The genome is synthetic, but the genes the model mutates carry their real
// chromosome, protein length, exon count and the exon of each hotspot, so
// that annotations look like a clinician expects (BRAF p.V600E in exon
// 15/18). Facts are from the canonical Ensembl/RefSeq transcripts as
// commonly reported (UniProt lengths; exon numbers of MANE transcripts);
// they are approximate where a gene has several isoforms. Genes of the
// panel not listed here get a chromosome, length and exon count drawn from
// a generator seeded by the gene name (documented in docs/simulation.md).

// knownGenes lists name, chromosome, protein length (aa), total exons and
// the first coding exon (exons before it are untranslated and are not
// placed in the synthetic genome).
const knownGenes = `
ABL1 9 1130 11 1
AKT1 14 480 14 2
AKT2 19 481 14 2
AKT3 1 479 14 2
ALK 2 1620 29 1
APC 5 2843 16 2
AR X 920 8 1
ARID1A 1 2285 20 1
ARID1B 6 2236 20 1
ARID2 12 1835 21 1
ASXL1 20 1541 12 1
ATM 11 3056 63 2
ATR 3 2644 47 1
ATRX X 2492 35 1
AXL 19 894 20 1
BAP1 3 729 17 1
BCL2 18 239 3 2
BCOR X 1755 15 2
BCR 22 1271 23 1
BRAF 7 766 18 1
BRCA1 17 1863 23 2
BRCA2 13 3418 27 2
BRIP1 17 1249 20 2
CBL 11 906 16 1
CCND1 11 295 5 1
CCND3 6 292 5 1
CCNE1 19 410 12 2
CD274 9 290 7 2
CD74 5 296 9 1
CDH1 16 882 16 1
CDK12 17 1490 14 1
CDK4 12 303 8 2
CDK6 7 326 8 2
CDKN1B 12 198 2 1
CDKN2A 9 156 3 1
CHEK1 11 476 13 2
CHEK2 22 543 15 2
CIC 19 1608 20 1
CREBBP 16 2442 31 1
CTCF 16 727 12 3
CTNNB1 3 781 15 2
DAXX 6 740 8 2
DDR2 1 855 18 3
DNMT3A 2 912 23 2
EGFR 7 1210 28 1
EML4 2 981 23 1
EP300 22 2414 31 1
ERBB2 17 1255 27 1
ERBB3 12 1342 28 1
ERBB4 2 1308 28 1
ERCC1 19 297 10 2
ERCC2 19 760 23 1
ERG 21 479 12 3
ESR1 6 595 8 1
ETV6 12 452 8 1
EWSR1 22 656 17 1
EZH2 7 751 20 2
FBXW7 4 707 11 1
FGF19 11 216 3 1
FGF3 11 239 3 1
FGF4 11 206 3 1
FGFR1 8 822 18 2
FGFR2 10 821 18 2
FGFR3 4 806 18 2
FGFR4 5 802 18 2
FLI1 11 452 9 1
FLT3 13 993 24 1
FOXA1 14 472 2 1
FOXL2 3 376 1 1
FOXO1 13 655 2 1
FUBP1 1 644 20 1
GATA3 10 443 6 2
GNA11 19 359 7 1
GNAQ 9 359 7 1
GNAS 20 394 13 1
H3F3A 1 136 4 2
HRAS 11 189 6 2
IDH1 2 414 10 3
IDH2 15 452 11 1
JAK1 1 1154 25 3
JAK2 9 1132 25 2
KDM6A X 1401 29 1
KDR 4 1356 30 1
KEAP1 19 624 6 2
KIF5B 10 963 26 1
KIT 4 976 21 1
KMT2C 7 4911 59 1
KMT2D 12 5537 54 1
KRAS 12 189 5 2
MAP2K1 15 393 11 1
MDM2 12 491 11 2
MDM4 1 490 11 2
MEN1 11 610 10 2
MET 7 1390 21 2
MLH1 3 756 19 1
MSH2 2 934 16 1
MSH6 2 1360 10 1
MYB 6 640 15 1
MYC 8 439 3 2
MYCL 1 364 3 1
MYCN 2 464 3 2
NAB2 12 525 7 1
NF1 17 2839 57 1
NF2 22 595 16 1
NFE2L2 2 605 5 2
NKX2-1 14 371 3 1
NOTCH1 9 2555 34 1
NPM1 5 294 11 1
NRAS 1 189 7 2
NRG1 8 640 13 1
NTRK1 1 796 17 1
NTRK2 9 822 19 3
NTRK3 15 839 20 3
PALB2 16 1186 13 1
PAX3 2 479 8 1
PAX7 1 505 9 1
PBRM1 3 1582 30 1
PDGFRA 4 1089 23 2
PDGFRB 5 1106 23 2
PIK3CA 3 1068 21 2
PIK3CB 3 1070 22 2
PIK3R1 5 724 16 2
PMS2 7 862 15 1
POLE 12 2286 49 1
PPM1D 17 605 6 1
PTEN 10 403 9 1
PTPN11 12 597 16 1
RAD51C 17 376 9 1
RAF1 3 648 17 1
RB1 13 928 27 1
RET 10 1114 20 1
RICTOR 5 1708 38 1
RNF43 17 783 10 2
ROS1 6 2347 43 1
RUNX1 21 480 9 2
SETD2 3 2564 21 1
SF3B1 2 1304 25 1
SMAD4 18 552 12 2
SMARCA4 19 1647 35 2
SMARCB1 22 385 9 1
SMO 7 787 12 1
SPOP 17 374 12 3
SRSF2 17 221 2 1
STAG2 X 1231 35 3
STK11 19 433 10 1
TERT 5 1132 16 1
TET2 4 2002 11 3
TFE3 X 575 10 1
TMPRSS2 21 492 14 2
TP53 17 393 11 2
TSC1 9 1164 23 3
TSC2 16 1807 42 2
U2AF1 21 240 8 1
VHL 3 213 3 1
WT1 11 449 10 1
`

// partnerGenes are fusion partners that are not TSO500 panel genes: they
// are placed in the genome (so that breakpoints have coordinates) but are
// absent from panel.bed.
const partnerGenes = `
ASPSCR1 17 553 16 1
ATF1 12 271 7 1
BICC1 10 974 21 1
CCDC6 10 474 9 1
COL1A1 17 1464 51 1
DDIT3 12 169 4 2
FUS 16 526 15 1
NFIB 9 420 11 1
PDGFB 22 241 7 2
SS18 18 418 11 1
SSX1 X 188 8 1
STAT6 12 847 22 2
TACC3 4 838 16 2
TPM3 1 285 10 1
`

// anchor pins a codon range into an exon, so that exon boundaries fall
// where the real transcript has them around the hotspots.
type anchor struct {
	from, to, exon int
}

// anchors pins hotspot codons (and a few domains the CH rules refer to)
// into their real exons. Exon numbers count all exons of the transcript.
var anchors = map[string][]anchor{
	"BRAF":   {{469, 469, 11}, {594, 600, 15}},
	"KRAS":   {{12, 13, 2}, {61, 61, 3}, {146, 146, 4}},
	"NRAS":   {{12, 13, 2}, {61, 61, 3}},
	"HRAS":   {{12, 13, 2}, {61, 61, 3}},
	"EGFR":   {{719, 719, 18}, {745, 751, 19}, {790, 790, 20}, {858, 858, 21}},
	"PIK3CA": {{542, 545, 10}, {1047, 1047, 21}},
	"TP53":   {{175, 175, 5}, {213, 220, 6}, {244, 248, 7}, {273, 282, 8}, {342, 342, 10}},
	"IDH1":   {{132, 132, 4}},
	"IDH2":   {{140, 140, 4}, {172, 172, 4}},
	"JAK2":   {{617, 617, 14}},
	"DNMT3A": {{882, 882, 23}},
	"ASXL1":  {{600, 1541, 12}},
	"PPM1D":  {{380, 430, 5}, {440, 605, 6}},
	"ERBB2":  {{310, 310, 8}},
	"KIT":    {{550, 591, 11}, {816, 816, 17}},
	"PDGFRA": {{842, 842, 18}},
	"CTNNB1": {{32, 45, 3}},
	"APC":    {{700, 2843, 16}},
	"SMAD4":  {{361, 361, 9}},
	"PTEN":   {{130, 130, 5}},
	"FBXW7":  {{465, 465, 9}},
	"ESR1":   {{537, 538, 8}},
	"AKT1":   {{17, 17, 3}},
	"GNAS":   {{201, 201, 8}},
	"SF3B1":  {{700, 700, 15}},
	"U2AF1":  {{34, 34, 2}},
	"SRSF2":  {{95, 95, 1}},
	"GNAQ":   {{209, 209, 5}},
	"GNA11":  {{209, 209, 5}},
	"FGFR3":  {{249, 249, 7}},
	"POLE":   {{286, 286, 9}},
	"RET":    {{918, 918, 16}},
	"CDKN2A": {{80, 80, 2}},
	"H3F3A":  {{28, 28, 2}},
	"FOXL2":  {{134, 134, 1}},
	"CHEK2":  {{157, 157, 4}},
	"SPOP":   {{133, 133, 6}},
	"MAP2K1": {{57, 57, 2}},
	"RNF43":  {{655, 662, 9}},
}

// forcedSeq writes real codons into the synthetic CDS: the hotspot codons
// (so that the listed changes give the real amino acids) and the contexts
// of the hotspot indels. start is the 1-based CDS position of the first
// base.
type forcedSeq struct {
	gene  string
	start int
	seq   string
}

var forced = []forcedSeq{
	{"BRAF", 3*468 + 1, "GGA"},                              // G469
	{"BRAF", 3*599 + 1, "GTG"},                              // V600
	{"KRAS", 3*11 + 1, "GGTGGC"},                            // G12 G13
	{"KRAS", 3*60 + 1, "CAA"},                               // Q61
	{"KRAS", 3*145 + 1, "GCA"},                              // A146
	{"NRAS", 3*11 + 1, "GGTGGT"},                            // G12 G13
	{"NRAS", 3*60 + 1, "CAA"},                               // Q61
	{"HRAS", 3*11 + 1, "GGCGGC"},                            // G12 G13
	{"HRAS", 3*60 + 1, "CAG"},                               // Q61
	{"EGFR", 3*718 + 1, "GGC"},                              // G719
	{"EGFR", 3*744 + 1, "AAGGAATTAAGAGAAGCAACA"},            // K745 E746 L747 R748 E749 A750 T751 (exon 19 deletion context)
	{"EGFR", 3*789 + 1, "ACG"},                              // T790
	{"EGFR", 3*857 + 1, "CTG"},                              // L858
	{"PIK3CA", 3*541 + 1, "GAAATCACTGAG"},                   // E542 I543 T544 E545
	{"PIK3CA", 3*1046 + 1, "CAT"},                           // H1047
	{"TP53", 3*174 + 1, "CGC"},                              // R175
	{"TP53", 3*212 + 1, "CGA"},                              // R213
	{"TP53", 3*219 + 1, "TAT"},                              // Y220
	{"TP53", 3*243 + 1, "GGCGGCATGAACCGG"},                  // G244 G245 M246 N247 R248
	{"TP53", 3*272 + 1, "CGT"},                              // R273
	{"TP53", 3*281 + 1, "CGG"},                              // R282
	{"TP53", 3*341 + 1, "CGA"},                              // R342
	{"IDH1", 3*131 + 1, "CGT"},                              // R132
	{"IDH2", 3*139 + 1, "CGG"},                              // R140
	{"IDH2", 3*171 + 1, "AGG"},                              // R172
	{"JAK2", 3*616 + 1, "GTC"},                              // V617
	{"DNMT3A", 3*881 + 1, "CGC"},                            // R882
	{"ASXL1", 3*641 + 1, "AACGGGGGGGGTGGA"},                 // N642 G643 G644 G645 G646: G8 tract c.1927-1934 (c.1934dup p.G646Wfs)
	{"PPM1D", 3*457 + 1, "CGA"},                             // R458
	{"ERBB2", 3*309 + 1, "TCC"},                             // S310
	{"KIT", 3*549 + 1, "AAACCCATGTATGAAGTACAGTGGAAGGTTGTT"}, // K550..V560 (exon 11 deletion c.1669_1674del p.W557_K558del)
	{"KIT", 3*815 + 1, "GAC"},                               // D816
	{"PDGFRA", 3*841 + 1, "GAC"},                            // D842
	{"CTNNB1", 3*40 + 1, "ACC"},                             // T41
	{"CTNNB1", 3*44 + 1, "TCT"},                             // S45
	{"APC", 3*1449 + 1, "CGA"},                              // R1450
	{"SMAD4", 3*360 + 1, "CGC"},                             // R361
	{"PTEN", 3*129 + 1, "CGA"},                              // R130
	{"FBXW7", 3*464 + 1, "CGC"},                             // R465
	{"ESR1", 3*536 + 1, "TACGAT"},                           // Y537 D538
	{"AKT1", 3*16 + 1, "GAG"},                               // E17
	{"GNAS", 3*200 + 1, "CGT"},                              // R201
	{"SF3B1", 3*699 + 1, "AAA"},                             // K700
	{"U2AF1", 3*33 + 1, "TCC"},                              // S34
	{"SRSF2", 3*94 + 1, "CCC"},                              // P95
	{"GNAQ", 3*208 + 1, "CAA"},                              // Q209
	{"GNA11", 3*208 + 1, "CAA"},                             // Q209
	{"FGFR3", 3*248 + 1, "TCC"},                             // S249
	{"POLE", 3*285 + 1, "CCT"},                              // P286
	{"RET", 3*917 + 1, "ATG"},                               // M918
	{"CDKN2A", 3*79 + 1, "CGA"},                             // R80
	{"H3F3A", 3*27 + 1, "AAG"},                              // K28 (K27 in histone numbering without Met)
	{"FOXL2", 3*133 + 1, "TGC"},                             // C134
	{"CHEK2", 3*156 + 1, "ATT"},                             // I157
	{"SPOP", 3*132 + 1, "TTC"},                              // F133
	{"MAP2K1", 3*56 + 1, "AAG"},                             // K57
	{"RNF43", 3*656 + 1, "CGGGGGGGT"},                       // R657 G658 G659: G7 tract c.1970-1976 (c.1976del p.G659Vfs)
}
