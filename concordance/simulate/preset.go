package simulate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// params are the model's parameters. Each names its source in
// docs/simulation.md; the ones marked "calibrated" were tuned so that the
// default cohort reproduces the IMPRESS-Norway union shares (50/42/8).
type params struct {
	// Stage mix of a basket trial in advanced disease (IMPRESS-Norway
	// enrols patients with advanced cancer: mostly stage IV).
	stageIV, stageIII float64 // the rest is unknown

	// log10 ctDNA tumour fraction ~ Normal(mean, sd) by shedding class,
	// stage IV; stage III shifts the mean (Bettegowda 2014: detection
	// rises with stage; FMI 2024: ~38% of samples have TF ≥ 1%; Lin 2025:
	// 2.1% of CNS samples reach TF ≥ 1%).
	tfMean      map[string]float64 // calibrated
	tfSD        map[string]float64
	tfStageIII  float64 // shift of log10 TF for stage III
	tfStageNA   float64 // shift for unknown stage
	tfMissing   float64 // share of patients whose sheet has no TF
	tfNoiseSD   float64 // sd of log(reported/true TF)
	purityA     float64 // tissue purity ~ Beta(a, b) truncated to [0.12, 0.95]
	purityB     float64 //
	subclonal   float64 // share of non-driver tumour alterations that are subclonal
	driverSub   float64 // share of driver alterations that are subclonal
	passengerK  float64 // passenger counts ~ negative binomial with mean tmb and this shape
	hypermutant float64 // share of MSI/POLE-type hypermutated tumours in CRC, endometrial and gastric cancer

	// Sampling interval (days between tissue and plasma collection).
	intervalMix   []float64 // ≤30, 31–90, 91–365, >365 days
	lossClonal    float64   // max probability that a clonal tissue alteration is gone from the shedding tumour (long interval)
	lossSubclonal float64   // max probability for a subclonal one (calibrated)
	lossBase      float64   // probability of loss for a subclone even when contemporaneous
	lossTau       float64   // days: loss probability rises as 1 − exp(−days/tau)
	hetRate       float64   // mean plasma-only tumour alterations (another metastasis), stage IV (calibrated)
	hetInterval   float64   // extra mean per year of interval (evolution under therapy)

	// Clonal haematopoiesis: clones ~ Poisson(chBase·exp(chAge·(age−60)))
	// (Jaiswal 2014, Genovese 2014: prevalence rises steeply with age;
	// Razavi 2019: most plasma-only calls are CH with deep sequencing).
	chBase       float64 // calibrated
	chAge        float64
	chVAFMedian  float64 // blood VAF log-normal median
	chVAFSigma   float64
	chFlagged    float64 // DRAGEN Somatic_Putative_CH on a CH hotspot
	chFlaggedOth float64 // … on other CH variants of the genes DRAGEN knows for CH
	chFlaggedNew float64 // … on CH variants of other genes
	bloodInTumor [2]float64

	// Germline.
	rareGermline  float64 // patients with a rare pathogenic germline variant (BRCA1/2, ATM, CHEK2, PALB2)
	loh           float64 // probability that a germline het site has LOH in the tumour
	lohPathogenic float64 // … a rare pathogenic germline variant (the second hit)
	dragenMissGL  float64 // DRAGEN calls a common germline variant Somatic (not in its database)
	glProxiTum    float64 // a somatic call with plasma VAF ≥ 30% labelled Germline_Proxi

	// Matched white-blood-cell samples (Config.WBC).
	wbcDepth, wbcDepthSD float64 // median deduplicated depth per patient, exon-to-exon sd (log)
	wbcLowExon           float64 // share of exons whose depth dips to 5–20%
	wbcGVCF              float64 // share of WBC samples that come with a genome VCF
	wbcMinAlt            int     // the WBC caller's PASS: alt reads and VAF
	wbcMinAF             float64

	// Artifacts.
	tissueArtifacts, tissueArtifactPass float64 // per patient, filtered / PASS
	plasmaArtifacts, plasmaArtifactPass float64
	multiAllelic                        float64 // a tumour SNV site also carries an artifact allele
	noiseFusions                        float64 // rejected RNA fusion candidates per patient

	// Sequencing and callers.
	tissueDepth, tissueDepthSD float64 // median deduplicated depth per patient and site-to-site sd (log)
	plasmaDepth, plasmaDepthSD float64 // ctDNA deduplicated depth 1,000–3,000×
	lowDepthSite               float64 // share of plasma sites with a local depth dip
	tissueLowDepthSite         float64 // … of tissue sites (LowDP)
	tissueMinVF, tissueLowVF   float64 // Pisces PASS needs VF ≥ tissueMinVF; below, down to tissueLowVF, LowVariantFreq
	tissueMinAlt               int
	plasmaMinAlt               int // DRAGEN PASS: alt reads and AF
	plasmaMinAF                float64
	plasmaHotMinAlt            int // lower thresholds at hotspots
	plasmaHotMinAF             float64
	weakWritten                float64 // share of sub-threshold plasma calls written as weak_evidence (else absent)
	tissueAmpFC                float64 // Craft <DUP> at fold change ≥
	plasmaAmpSM                float64 // DRAGEN GAIN at copy ratio ≥ (LoD ~20–30% TF; Woodhouse 2020)
	plasmaAmpLoD               float64 // LoDFail written above this copy ratio
	tissueDelFC                float64 // Craft <DEL> PASS at fold change ≤ (issue 11)
	tissueDelFilt              float64 // <DEL> LowValidation up to this fold change
	plasmaDelSM                float64 // DRAGEN LOSS PASS at copy ratio ≤
	plasmaDelLoD               float64 // LoDFail up to this copy ratio
	fusionRNAReads             float64 // median fusion-supporting RNA reads at purity 1
	plasmaFusionEff            float64 // breakpoint capture efficiency relative to SNV depth
	plasmaFusionMinAlt         int

	// Representation.
	plasmaRightShift, plasmaPadded float64 // of repeat indels
	mnvComponents, mnvSplit        float64 // plasma MNV written with its components (MNVTAG) / as separate SNVs only
}

// presets holds the named parameter sets.
var presets = map[string]func() params{"impress": impressParams}

func impressParams() params {
	return params{
		stageIV: 0.85, stageIII: 0.12,
		tfMean:     map[string]float64{"high": -1.34, "medium": -2.04, "low": -2.74, "cns": -3.3},
		tfSD:       map[string]float64{"high": 0.75, "medium": 0.8, "low": 0.7, "cns": 0.6},
		tfStageIII: -0.5,
		tfStageNA:  -0.2,
		tfMissing:  0.25,
		tfNoiseSD:  0.35,
		purityA:    4, purityB: 4,
		subclonal:   0.3,
		driverSub:   0.1,
		passengerK:  1.5,
		hypermutant: 0.04,

		intervalMix:   []float64{0.45, 0.25, 0.20, 0.10},
		lossClonal:    0.4,
		lossSubclonal: 0.75,
		lossBase:      0.1,
		lossTau:       365,
		hetRate:       0.08,
		hetInterval:   0.15,

		chBase: 0.27, chAge: 0.045,
		chVAFMedian: 0.004, chVAFSigma: 0.9,
		chFlagged: 0.6, chFlaggedOth: 0.3, chFlaggedNew: 0.02,
		bloodInTumor: [2]float64{0.02, 0.15},

		rareGermline:  0.05,
		loh:           0.2,
		lohPathogenic: 0.7,
		dragenMissGL:  0.001,
		glProxiTum:    0.3,

		wbcDepth: 1000, wbcDepthSD: 0.3, wbcLowExon: 0.04, wbcGVCF: 0.85,
		wbcMinAlt: 5, wbcMinAF: 0.005,

		tissueArtifacts: 2, tissueArtifactPass: 0.04,
		plasmaArtifacts: 3, plasmaArtifactPass: 0.03,
		multiAllelic: 0.02,
		noiseFusions: 0.5,

		tissueDepth: 550, tissueDepthSD: 0.3,
		plasmaDepth: 1900, plasmaDepthSD: 0.3,
		lowDepthSite: 0.03, tissueLowDepthSite: 0.01,
		tissueMinVF: 0.05, tissueLowVF: 0.02, tissueMinAlt: 5,
		plasmaMinAlt: 5, plasmaMinAF: 0.002,
		plasmaHotMinAlt: 3, plasmaHotMinAF: 0.001,
		weakWritten:        0.6,
		tissueAmpFC:        1.6,
		plasmaAmpSM:        1.5,
		plasmaAmpLoD:       1.25,
		tissueDelFC:        0.75,
		tissueDelFilt:      0.85,
		plasmaDelSM:        0.75,
		plasmaDelLoD:       0.85,
		fusionRNAReads:     80,
		plasmaFusionEff:    0.6,
		plasmaFusionMinAlt: 3,

		plasmaRightShift: 0.4, plasmaPadded: 0.2,
		mnvComponents: 0.4, mnvSplit: 0.25,
	}
}

// cancerType is one diagnosis of the cohort.
type cancerType struct {
	code, name string
	weight     float64 // percent of patients
	rare       bool
	shed       string  // shedding class: high, medium, low, cns
	tmb        float64 // mean passenger coding small variants in the panel
	age        float64 // mean age at inclusion
	drivers    []geneProb
	amps       []geneProb
	fusions    []fusionProb
}

type geneProb struct {
	gene string
	p    float64
}

type fusionProb struct {
	a, b string // 5' and 3' partner
	p    float64
}

// cancerTable: OncoTree code | name | % of patients | rare | shedding |
// mean passengers | mean age | drivers (gene:probability) | amplifications
// | fusions (A-B:probability).
//
// Proportions are IMPRESS-like, not IMPRESS's: the trial's per-diagnosis
// counts are not public in a form we can use, so the table keeps what is
// (58% rare cancers by the RARECARE definition; more than 50 diagnoses;
// colorectal cancer the largest single group) and draws the rest from the
// usual case mix of basket trials in Europe. Driver frequencies are rounded
// from TCGA/MSK-IMPACT pan-cancer reports for advanced disease.
const cancerTable = `
COADREAD|Colorectal Adenocarcinoma|14|no|high|3|64|APC:.75 KRAS:.45 TP53:.65 PIK3CA:.18 SMAD4:.13 BRAF:.08 FBXW7:.1 RNF43:.05 CTNNB1:.03|ERBB2:.03 MYC:.05|
LUAD|Lung Adenocarcinoma|5|no|medium|5|66|EGFR:.15 KRAS:.3 TP53:.5 STK11:.15 KEAP1:.12 BRAF:.04 PIK3CA:.05 SMARCA4:.08|MET:.03 ERBB2:.02|EML4-ALK:.04 CD74-ROS1:.015 KIF5B-RET:.015
LUSC|Lung Squamous Cell Carcinoma|1|no|medium|7|68|TP53:.85 PIK3CA:.15 CDKN2A:.2 KMT2D:.2 NFE2L2:.12 PTEN:.08|FGFR1:.12|
BRCA|Invasive Breast Carcinoma|5|no|medium|3|57|PIK3CA:.35 TP53:.4 ESR1:.12 GATA3:.1 CDH1:.1 AKT1:.04 MAP3K1:.06|ERBB2:.12 CCND1:.12 FGFR1:.08 MYC:.08|
PRAD|Prostate Adenocarcinoma|3.5|no|low|2|69|TP53:.35 SPOP:.1 AR:.15 PTEN:.15 FOXA1:.1 BRCA2:.05|AR:.3 MYC:.08|TMPRSS2-ERG:.4
PAAD|Pancreatic Adenocarcinoma|4|no|medium|2|64|KRAS:.9 TP53:.7 CDKN2A:.3 SMAD4:.2 ARID1A:.08|MYC:.03|
STAD|Stomach Adenocarcinoma|1.5|no|medium|4|63|TP53:.5 PIK3CA:.12 ARID1A:.2 CDH1:.1 KRAS:.1|ERBB2:.15 MET:.04 FGFR2:.05 CCNE1:.08|
BLCA|Bladder Urothelial Carcinoma|1.5|no|high|7|68|TP53:.5 FGFR3:.15 PIK3CA:.2 KDM6A:.25 ARID1A:.2 ERBB2:.1|ERBB2:.06|FGFR3-TACC3:.03
SKCM|Cutaneous Melanoma|2|no|high|10|63|BRAF:.45 NRAS:.25 NF1:.15 TP53:.2 CDKN2A:.15||
HGSOC|High-Grade Serous Ovarian Cancer|2|no|medium|2|61|TP53:.95 BRCA1:.05 NF1:.06|CCNE1:.2 MYC:.1|
UCEC|Endometrial Carcinoma|1|no|medium|4|65|PTEN:.6 PIK3CA:.5 ARID1A:.4 PIK3R1:.3 CTNNB1:.15 POLE:.05|ERBB2:.03|
CCRCC|Renal Clear Cell Carcinoma|1.5|no|low|2|63|VHL:.8 PBRM1:.4 SETD2:.15 BAP1:.1||
IHCH|Intrahepatic Cholangiocarcinoma|4|yes|medium|2|63|IDH1:.15 KRAS:.2 TP53:.25 ARID1A:.15 BAP1:.1||FGFR2-BICC1:.12
GBC|Gallbladder Cancer|1|yes|medium|3|67|TP53:.5 PIK3CA:.1 KRAS:.08|ERBB2:.12|
EHCH|Extrahepatic Cholangiocarcinoma|1|yes|medium|3|66|KRAS:.3 TP53:.4 SMAD4:.15||
HCC|Hepatocellular Carcinoma|2|yes|high|3|66|TP53:.3 CTNNB1:.3 ARID1A:.1||
GIST|Gastrointestinal Stromal Tumor|2|yes|low|1|62|KIT:.75 PDGFRA:.1||
LMS|Leiomyosarcoma|2.5|yes|medium|1.5|58|TP53:.5 RB1:.3 ATRX:.2 PTEN:.1||
DDLS|Dedifferentiated Liposarcoma|1|yes|medium|1|61||MDM2:.9 CDK4:.8|
MRLS|Myxoid/Round-Cell Liposarcoma|0.5|yes|low|1|47|PIK3CA:.15||FUS-DDIT3:.9
SYNS|Synovial Sarcoma|0.7|yes|low|0.7|40|||SS18-SSX1:.95
ES|Ewing Sarcoma|0.5|yes|medium|0.7|28|STAG2:.15 TP53:.1||EWSR1-FLI1:.9
OS|Osteosarcoma|0.7|yes|medium|1.5|35|TP53:.8 RB1:.3|MYC:.2 CCNE1:.1|
UPS|Undifferentiated Pleomorphic Sarcoma|1|yes|medium|2|62|TP53:.6 RB1:.2 NF1:.1||
ANGS|Angiosarcoma|0.5|yes|medium|3|66|TP53:.3 KDR:.1 PIK3CA:.1|MYC:.3|
SFT|Solitary Fibrous Tumor|0.5|yes|low|0.5|58|||NAB2-STAT6:.95
DSRCT|Desmoplastic Small-Round-Cell Tumor|0.3|yes|medium|0.5|27|||EWSR1-WT1:.95
CHS|Chondrosarcoma|0.5|yes|low|1|55|IDH1:.5 IDH2:.1 TP53:.2||
CCS|Clear Cell Sarcoma|0.2|yes|low|0.5|38|||EWSR1-ATF1:.95
ARMS|Alveolar Rhabdomyosarcoma|0.2|yes|medium|0.5|24|||PAX3-FOXO1:.9
ASPS|Alveolar Soft Part Sarcoma|0.2|yes|low|0.5|30|||ASPSCR1-TFE3:.95
DFSP|Dermatofibrosarcoma Protuberans|0.2|yes|low|0.5|45|||COL1A1-PDGFB:.95
MPNST|Malignant Peripheral Nerve Sheath Tumor|0.3|yes|medium|1|45|NF1:.8 TP53:.4 CDKN2A:.4||
ACC|Adrenocortical Carcinoma|0.7|yes|medium|1.5|52|TP53:.25 CTNNB1:.2||
PANET|Pancreatic Neuroendocrine Tumor|2|yes|low|1|60|MEN1:.4 DAXX:.25 ATRX:.15 TSC2:.08||
SINET|Small Intestinal Neuroendocrine Tumor|0.7|yes|low|0.5|65|CDKN1B:.08||
SCLC|Small Cell Lung Cancer|1.5|yes|high|8|67|TP53:.9 RB1:.7 PTEN:.05|MYC:.1|
HGNEC|High-Grade Neuroendocrine Carcinoma|1.5|yes|high|3|64|TP53:.6 RB1:.4 KRAS:.1||
THAP|Anaplastic Thyroid Cancer|0.5|yes|medium|2|70|TP53:.6 BRAF:.4 NRAS:.1||
THPA|Papillary Thyroid Cancer|1.5|yes|low|0.5|60|BRAF:.6 NRAS:.05||CCDC6-RET:.1
MTC|Medullary Thyroid Cancer|0.5|yes|low|0.5|55|RET:.6 HRAS:.1||
GB|Glioblastoma|2.5|yes|cns|2|59|TP53:.3 PTEN:.3 NF1:.1 PIK3CA:.08|EGFR:.4 CDK4:.1 PDGFRA:.1|FGFR3-TACC3:.03
ASTR|Astrocytoma|1|yes|cns|1|42|IDH1:.9 TP53:.9 ATRX:.7||
ODG|Oligodendroglioma|0.5|yes|cns|1|45|IDH1:.9 CIC:.6 FUBP1:.3||
MNG|Meningioma|0.5|yes|cns|0.7|60|NF2:.5 AKT1:.1 SMO:.05||
UM|Uveal Melanoma|1.5|yes|medium|0.7|62|GNAQ:.5 GNA11:.45 BAP1:.4 SF3B1:.2||
CUP|Cancer of Unknown Primary|3.5|yes|high|3|65|TP53:.5 KRAS:.2 CDKN2A:.15 ARID1A:.1||
HNSC|Head and Neck Squamous Cell Carcinoma|3|yes|medium|4|63|TP53:.7 PIK3CA:.2 CDKN2A:.2 NOTCH1:.15 FAT1:.2|CCND1:.1|
ACYC|Adenoid Cystic Carcinoma|1.5|yes|low|0.5|55|NOTCH1:.15||MYB-NFIB:.5
SDCA|Salivary Duct Carcinoma|0.5|yes|medium|2|65|TP53:.6 PIK3CA:.2 HRAS:.15|ERBB2:.4|
ESCA|Esophageal Adenocarcinoma|1.5|yes|medium|4|66|TP53:.8 CDKN2A:.1 ARID1A:.1|ERBB2:.2 KRAS:.08|
ESCC|Esophageal Squamous Cell Carcinoma|0.5|yes|medium|5|65|TP53:.9 PIK3CA:.15 NOTCH1:.1|CCND1:.3|
ANSC|Anal Squamous Cell Carcinoma|0.7|yes|medium|3|62|PIK3CA:.3 TP53:.1||
SBC|Small Bowel Adenocarcinoma|0.7|yes|high|3|60|KRAS:.5 TP53:.5 ERBB2:.1 APC:.25||
AMPCA|Ampullary Carcinoma|0.5|yes|medium|3|66|KRAS:.5 TP53:.6 SMAD4:.15||
APAD|Appendiceal Adenocarcinoma|0.7|yes|low|2|56|KRAS:.6 GNAS:.4 TP53:.2||
PLMESO|Pleural Mesothelioma|0.8|yes|low|1|70|BAP1:.5 NF2:.3 TP53:.1||
PEMESO|Peritoneal Mesothelioma|0.5|yes|low|1|60|BAP1:.6 NF2:.2||
THYC|Thymic Carcinoma|0.4|yes|medium|2|58|TP53:.3 KIT:.08 CDKN2A:.2||
VSC|Vulvar Squamous Cell Carcinoma|0.4|yes|medium|3|70|TP53:.6 PIK3CA:.15||
CESC|Cervical Squamous Cell Carcinoma|1.5|yes|medium|3|50|PIK3CA:.3 FBXW7:.1 PTEN:.06||
UCS|Uterine Carcinosarcoma|0.5|yes|medium|2|68|TP53:.9 PIK3CA:.35 FBXW7:.15||
ULMS|Uterine Leiomyosarcoma|0.8|yes|medium|1.5|55|TP53:.6 RB1:.4 ATRX:.3||
OCCC|Ovarian Clear Cell Carcinoma|0.5|yes|medium|2|56|ARID1A:.5 PIK3CA:.4||
LGSOC|Low-Grade Serous Ovarian Cancer|0.4|yes|low|1|50|KRAS:.3 BRAF:.15 NRAS:.1||
GRCT|Adult Granulosa Cell Tumor|0.3|yes|low|0.5|55|FOXL2:.95||
NSGCT|Non-Seminomatous Germ Cell Tumor|0.3|yes|high|0.7|32|KIT:.1 KRAS:.1||
PECOMA|Perivascular Epithelioid Cell Tumor|0.2|yes|low|0.5|50|TSC2:.5||
MCC|Merkel Cell Carcinoma|0.4|yes|high|8|74|TP53:.6 RB1:.5||
CSCC|Cutaneous Squamous Cell Carcinoma|0.5|yes|medium|10|76|TP53:.8 NOTCH1:.5 CDKN2A:.3||
ACRM|Acral Melanoma|0.4|yes|medium|2|65|KIT:.15 NRAS:.2 BRAF:.2||
MUCM|Mucosal Melanoma|0.4|yes|medium|2|66|KIT:.2 NRAS:.15 SF3B1:.1||
PRCC|Papillary Renal Cell Carcinoma|0.4|yes|low|1.5|60|SETD2:.1 NF2:.05|MET:.05|
CHRCC|Chromophobe Renal Cell Carcinoma|0.2|yes|low|1|55|TP53:.3 PTEN:.1||
UTUC|Upper Tract Urothelial Carcinoma|0.5|yes|high|5|70|FGFR3:.4 KMT2D:.3 TP53:.3||
PSCC|Penile Squamous Cell Carcinoma|0.2|yes|medium|3|65|TP53:.4 CDKN2A:.2||
CHDM|Chordoma|0.3|yes|low|0.5|58|PIK3CA:.05||
IMT|Inflammatory Myofibroblastic Tumor|0.1|yes|low|0.5|35|||TPM3-ALK:.6
SACA|Secretory Carcinoma|0.1|yes|low|0.5|45|||ETV6-NTRK3:.95
IFS|Infantile-type Fibrosarcoma (adult NTRK-rearranged spindle cell)|0.1|yes|low|0.5|40|||TPM3-NTRK1:.8
`

// cnvGenes are the genes both CNV callers report, one record each
// (Craft's and DRAGEN's TSO500 CNV gene set; FORMATS.md §3). Genes the
// table amplifies must be here.
var cnvGenes = []string{
	"AKT2", "ALK", "AR", "ATM", "BRAF", "BRCA1", "BRCA2", "CCND1", "CCND3", "CCNE1", "CDK4", "CDK6", "CDKN2A",
	"CHEK1", "CHEK2", "EGFR", "ERBB2", "ERBB3", "ERCC1", "ERCC2", "ESR1", "EZH2", "FGF19", "FGF3",
	"FGF4", "FGFR1", "FGFR2", "FGFR3", "FGFR4", "JAK2", "KIT", "KRAS", "MDM2", "MDM4", "MET", "MYC",
	"MYCL", "MYCN", "NRAS", "NRG1", "PDGFRA", "PDGFRB", "PIK3CA", "PIK3CB", "PTEN", "RAF1", "RB1",
	"RICTOR",
}

// plasmaFusionGenes approximates the genes whose rearrangements the TSO500
// ctDNA assay detects in DNA (a fusion is detectable when either partner
// is listed). Fusions of other genes are seen only by the tissue RNA
// assay: their plasma status is not_covered.
var plasmaFusionGenes = map[string]bool{
	"ALK": true, "BCL2": true, "BCR": true, "BRAF": true, "CD74": true, "EGFR": true, "ETV6": true,
	"EWSR1": true, "FGFR1": true, "FGFR2": true, "FGFR3": true, "MET": true, "MYC": true, "NTRK1": true,
	"NTRK2": true, "NTRK3": true, "PAX3": true, "PAX7": true, "PDGFRA": true, "RAF1": true, "RET": true,
	"ROS1": true, "TMPRSS2": true,
}

// CNVGenes lists the genes whose copy number both simulated CNV callers
// report (one record each in every CNV file), sorted.
func CNVGenes() []string { return sortedCopy(cnvGenes) }

// PlasmaFusionGenes lists the genes whose fusions the simulated plasma
// assay can detect in DNA (either partner listed), sorted: a fusion of
// other genes is not covered by the plasma assay, which issue 7's
// comparison universe can express with it.
func PlasmaFusionGenes() []string {
	var out []string
	for g := range plasmaFusionGenes {
		out = append(out, g)
	}
	return sortedCopy(out)
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func parseCancerTable() ([]cancerType, error) {
	var out []cancerType
	for _, line := range strings.Split(cancerTable, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 10 {
			return nil, fmt.Errorf("simulate: cancer table line %q: want 10 fields", line)
		}
		ct := cancerType{code: f[0], name: f[1], rare: f[3] == "yes", shed: f[4]}
		var err error
		if ct.weight, err = strconv.ParseFloat(f[2], 64); err != nil {
			return nil, fmt.Errorf("simulate: cancer table %s: %v", f[0], err)
		}
		if ct.tmb, err = strconv.ParseFloat(f[5], 64); err != nil {
			return nil, fmt.Errorf("simulate: cancer table %s: %v", f[0], err)
		}
		if ct.age, err = strconv.ParseFloat(f[6], 64); err != nil {
			return nil, fmt.Errorf("simulate: cancer table %s: %v", f[0], err)
		}
		if ct.drivers, err = geneProbs(f[7]); err != nil {
			return nil, fmt.Errorf("simulate: cancer table %s: %v", f[0], err)
		}
		if ct.amps, err = geneProbs(f[8]); err != nil {
			return nil, fmt.Errorf("simulate: cancer table %s: %v", f[0], err)
		}
		for _, x := range strings.Fields(f[9]) {
			pair, p, ok := strings.Cut(x, ":")
			a, b, ok2 := strings.Cut(pair, "-")
			v, err := strconv.ParseFloat(p, 64)
			if !ok || !ok2 || err != nil {
				return nil, fmt.Errorf("simulate: cancer table %s: bad fusion %q", f[0], x)
			}
			ct.fusions = append(ct.fusions, fusionProb{a, b, v})
		}
		if _, ok := tfShed[ct.shed]; !ok {
			return nil, fmt.Errorf("simulate: cancer table %s: unknown shedding class %q", f[0], ct.shed)
		}
		out = append(out, ct)
	}
	return out, nil
}

var tfShed = map[string]bool{"high": true, "medium": true, "low": true, "cns": true}

func geneProbs(s string) ([]geneProb, error) {
	var out []geneProb
	for _, x := range strings.Fields(s) {
		g, p, ok := strings.Cut(x, ":")
		v, err := strconv.ParseFloat(p, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("bad gene:probability %q", x)
		}
		out = append(out, geneProb{g, v})
	}
	return out, nil
}
