package oncotree

import (
	"fmt"
	"sort"
	"strings"
)

// Rarity says whether a cancer is rare by the RARECARE definition.
type Rarity uint8

const (
	RarityUnknown Rarity = iota
	Common
	Rare
)

func (r Rarity) String() string {
	switch r {
	case Common:
		return "common"
	case Rare:
		return "rare"
	}
	return "unknown"
}

// Unknown is the value of every attribute that cannot be determined.
const Unknown = "unknown"

// Shedding classes, from most to least ctDNA released.
var SheddingClasses = []string{"high", "medium", "low", "cns"}

// Groups are the organ groups, in display order.
var Groups = []string{"thoracic", "breast", "lower_gi", "upper_gi", "hepatopancreatobiliary", "genitourinary",
	"gynaecological", "sarcoma", "cns", "skin", "head_and_neck", "other"}

// Info classifies one cancer type.
type Info struct {
	// Code is the code as found in the table (upper case); "" when the
	// classification came from the free-text cancer type.
	Code string
	Name string
	// Tissue is OncoTree's tissue (top level) of the code.
	Tissue   string
	Rarity   Rarity
	Group    string // organ group (Groups), or "unknown"
	Shedding string // high, medium, low, cns, or "unknown"
	// Official is false for codes that are not OncoTree codes; Alias then
	// names the OncoTree code the table entry stands for.
	Official bool
	Alias    string
	// Source says how the classification was made: "oncotree_code",
	// "cancer_type:<keyword>", or "" when it was not.
	Source string
}

// Known reports whether the cancer type was classified.
func (i Info) Known() bool { return i.Source != "" }

// tissueGroup maps OncoTree tissues to organ groups. The eye joins skin
// because its cancers in solid-tumour cohorts are melanomas (uveal,
// conjunctival); the peripheral nervous system joins sarcoma for MPNST.
var tissueGroup = map[string]string{
	"Lung": "thoracic", "Pleura": "thoracic", "Thymus": "thoracic",
	"Breast":            "breast",
	"Bowel":             "lower_gi",
	"Esophagus/Stomach": "upper_gi",
	"Liver":             "hepatopancreatobiliary", "Biliary Tract": "hepatopancreatobiliary",
	"Pancreas": "hepatopancreatobiliary", "Ampulla of Vater": "hepatopancreatobiliary",
	"Prostate": "genitourinary", "Bladder/Urinary Tract": "genitourinary", "Kidney": "genitourinary",
	"Penis": "genitourinary", "Testis": "genitourinary",
	"Ovary/Fallopian Tube": "gynaecological", "Uterus": "gynaecological", "Cervix": "gynaecological",
	"Vulva/Vagina": "gynaecological",
	"Soft Tissue":  "sarcoma", "Bone": "sarcoma", "Peripheral Nervous System": "sarcoma",
	"CNS/Brain": "cns",
	"Skin":      "skin", "Eye": "skin",
	"Head and Neck": "head_and_neck", "Thyroid": "head_and_neck",
	"Adrenal Gland": "other", "Peritoneum": "other", "Other": "other",
}

// table: code | name | OncoTree tissue | rare | shedding | OncoTree code
// the entry stands for when the code is not an OncoTree code ("" for
// OncoTree codes). Every code the simulator's cancer table uses is here,
// with the same rare and shedding values; the rest are OncoTree codes that
// real sample sheets commonly carry (parents such as NSCLC and COAD, TCGA
// codes, subtypes of head-and-neck and ovarian cancer).
const table = `
COADREAD|Colorectal Adenocarcinoma|Bowel|no|high|
COAD|Colon Adenocarcinoma|Bowel|no|high|
READ|Rectal Adenocarcinoma|Bowel|no|high|
NSCLC|Non-Small Cell Lung Cancer|Lung|no|medium|
LUAD|Lung Adenocarcinoma|Lung|no|medium|
LUSC|Lung Squamous Cell Carcinoma|Lung|no|medium|
LCLC|Large Cell Lung Carcinoma|Lung|yes|medium|
LUNE|Large Cell Neuroendocrine Carcinoma|Lung|yes|high|
SCLC|Small Cell Lung Cancer|Lung|yes|high|
BRCA|Invasive Breast Carcinoma|Breast|no|medium|
IDC|Breast Invasive Ductal Carcinoma|Breast|no|medium|
ILC|Breast Invasive Lobular Carcinoma|Breast|no|medium|
MDLC|Breast Mixed Ductal and Lobular Carcinoma|Breast|no|medium|
BRCANOS|Breast Invasive Cancer, NOS|Breast|no|medium|
PRAD|Prostate Adenocarcinoma|Prostate|no|low|
PAAD|Pancreatic Adenocarcinoma|Pancreas|no|medium|
STAD|Stomach Adenocarcinoma|Esophagus/Stomach|no|medium|
EGC|Esophagogastric Adenocarcinoma|Esophagus/Stomach|no|medium|
BLCA|Bladder Urothelial Carcinoma|Bladder/Urinary Tract|no|high|
SKCM|Cutaneous Melanoma|Skin|no|high|
MEL|Melanoma|Skin|no|high|
HGSOC|High-Grade Serous Ovarian Cancer|Ovary/Fallopian Tube|no|medium|
SOC|Serous Ovarian Cancer|Ovary/Fallopian Tube|no|medium|
OVT|Ovarian Epithelial Tumor|Ovary/Fallopian Tube|no|medium|
UCEC|Endometrial Carcinoma|Uterus|no|medium|
UEC|Uterine Endometrioid Carcinoma|Uterus|no|medium|
RCC|Renal Cell Carcinoma|Kidney|no|low|
CCRCC|Renal Clear Cell Carcinoma|Kidney|no|low|
IHCH|Intrahepatic Cholangiocarcinoma|Biliary Tract|yes|medium|
EHCH|Extrahepatic Cholangiocarcinoma|Biliary Tract|yes|medium|
CHOL|Cholangiocarcinoma|Biliary Tract|yes|medium|
GBC|Gallbladder Cancer|Biliary Tract|yes|medium|
HCC|Hepatocellular Carcinoma|Liver|yes|high|
AMPCA|Ampullary Carcinoma|Ampulla of Vater|yes|medium|
PANET|Pancreatic Neuroendocrine Tumor|Pancreas|yes|low|
GIST|Gastrointestinal Stromal Tumor|Soft Tissue|yes|low|
LMS|Leiomyosarcoma|Soft Tissue|yes|medium|
LIPO|Liposarcoma|Soft Tissue|yes|medium|
DDLS|Dedifferentiated Liposarcoma|Soft Tissue|yes|medium|
WDLS|Well-Differentiated Liposarcoma|Soft Tissue|yes|low|
MRLS|Myxoid/Round-Cell Liposarcoma|Soft Tissue|yes|low|
SYNS|Synovial Sarcoma|Soft Tissue|yes|low|
UPS|Undifferentiated Pleomorphic Sarcoma|Soft Tissue|yes|medium|MFH
MFH|Undifferentiated Pleomorphic Sarcoma/Malignant Fibrous Histiocytoma/High-Grade Spindle Cell Sarcoma|Soft Tissue|yes|medium|
ANGS|Angiosarcoma|Soft Tissue|yes|medium|
SFT|Solitary Fibrous Tumor/Hemangiopericytoma|Soft Tissue|yes|low|
DSRCT|Desmoplastic Small-Round-Cell Tumor|Soft Tissue|yes|medium|
CCS|Clear Cell Sarcoma|Soft Tissue|yes|low|
ARMS|Alveolar Rhabdomyosarcoma|Soft Tissue|yes|medium|
ASPS|Alveolar Soft Part Sarcoma|Soft Tissue|yes|low|
PECOMA|Perivascular Epithelioid Cell Tumor|Soft Tissue|yes|low|
IMT|Inflammatory Myofibroblastic Tumor|Soft Tissue|yes|low|
IFS|Infantile Fibrosarcoma|Soft Tissue|yes|low|
SARCNOS|Sarcoma, NOS|Soft Tissue|yes|medium|
ES|Ewing Sarcoma|Bone|yes|medium|
OS|Osteosarcoma|Bone|yes|medium|
CHS|Chondrosarcoma|Bone|yes|low|
CHDM|Chordoma|Bone|yes|low|
MPNST|Malignant Peripheral Nerve Sheath Tumor|Peripheral Nervous System|yes|medium|
DFSP|Dermatofibrosarcoma Protuberans|Skin|yes|low|
ACC|Adrenocortical Carcinoma|Adrenal Gland|yes|medium|
GINET|Gastrointestinal Neuroendocrine Tumors|Bowel|yes|low|
SBWDNET|Small Bowel Well-Differentiated Neuroendocrine Tumor|Bowel|yes|low|
SINET|Small Intestinal Neuroendocrine Tumor|Bowel|yes|low|SBWDNET
HGNEC|High-Grade Neuroendocrine Carcinoma of the Colon and Rectum|Bowel|yes|high|
THPA|Papillary Thyroid Cancer|Thyroid|yes|low|
WDTC|Well-Differentiated Thyroid Cancer|Thyroid|yes|low|
THAP|Anaplastic Thyroid Cancer|Thyroid|yes|medium|
THME|Medullary Thyroid Cancer|Thyroid|yes|low|
MTC|Medullary Thyroid Cancer|Thyroid|yes|low|THME
GB|Glioblastoma, IDH-Wildtype|CNS/Brain|yes|cns|
GBM|Glioblastoma Multiforme|CNS/Brain|yes|cns|GB
ASTR|Astrocytoma, IDH-Mutant|CNS/Brain|yes|cns|
ODG|Oligodendroglioma, IDH-mutant, and 1p/19q-Codeleted|CNS/Brain|yes|cns|
DIFG|Diffuse Glioma|CNS/Brain|yes|cns|
MNG|Meningioma|CNS/Brain|yes|cns|
UM|Uveal Melanoma|Eye|yes|medium|
CUP|Cancer of Unknown Primary|Other|yes|high|
ADNOS|Adenocarcinoma, NOS|Other|yes|high|
HNSC|Head and Neck Squamous Cell Carcinoma|Head and Neck|yes|medium|
OCSC|Oral Cavity Squamous Cell Carcinoma|Head and Neck|yes|medium|
OPHSC|Oropharynx Squamous Cell Carcinoma|Head and Neck|yes|medium|
LXSC|Larynx Squamous Cell Carcinoma|Head and Neck|yes|medium|
HPHSC|Hypopharynx Squamous Cell Carcinoma|Head and Neck|yes|medium|
NPC|Nasopharyngeal Carcinoma|Head and Neck|yes|medium|
SACA|Salivary Carcinoma|Head and Neck|yes|low|
HNMASC|Mammary Analogue Secretory Carcinoma of Salivary Gland Origin|Head and Neck|yes|low|
ACYC|Adenoid Cystic Carcinoma|Head and Neck|yes|low|
SDCA|Salivary Duct Carcinoma|Head and Neck|yes|medium|
ESCA|Esophageal Adenocarcinoma|Esophagus/Stomach|yes|medium|
ESCC|Esophageal Squamous Cell Carcinoma|Esophagus/Stomach|yes|medium|
GEJ|Adenocarcinoma of the Gastroesophageal Junction|Esophagus/Stomach|yes|medium|
ANSC|Anal Squamous Cell Carcinoma|Bowel|yes|medium|
SBC|Small Bowel Cancer|Bowel|yes|high|
APAD|Appendiceal Adenocarcinoma|Bowel|yes|low|
PLMESO|Pleural Mesothelioma|Pleura|yes|low|
PEMESO|Peritoneal Mesothelioma|Peritoneum|yes|low|
THYC|Thymic Carcinoma|Thymus|yes|medium|
VSC|Squamous Cell Carcinoma of the Vulva/Vagina|Vulva/Vagina|yes|medium|
CESC|Cervical Squamous Cell Carcinoma|Cervix|yes|medium|
UCS|Uterine Carcinosarcoma/Uterine Malignant Mixed Mullerian Tumor|Uterus|yes|medium|
USC|Uterine Serous Carcinoma/Uterine Papillary Serous Carcinoma|Uterus|yes|medium|
ULMS|Uterine Leiomyosarcoma|Uterus|yes|medium|
CCOV|Clear Cell Ovarian Cancer|Ovary/Fallopian Tube|yes|medium|
OCCC|Ovarian Clear Cell Carcinoma|Ovary/Fallopian Tube|yes|medium|CCOV
EOV|Endometrioid Ovarian Cancer|Ovary/Fallopian Tube|yes|medium|
MOV|Mucinous Ovarian Cancer|Ovary/Fallopian Tube|yes|medium|
LGSOC|Low-Grade Serous Ovarian Cancer|Ovary/Fallopian Tube|yes|low|
GRCT|Granulosa Cell Tumor|Ovary/Fallopian Tube|yes|low|
NSGCT|Non-Seminomatous Germ Cell Tumor|Testis|yes|high|
MCC|Merkel Cell Carcinoma|Skin|yes|high|
CSCC|Cutaneous Squamous Cell Carcinoma|Skin|yes|medium|
ACRM|Acral Melanoma|Skin|yes|medium|
MUP|Melanoma of Unknown Primary|Skin|yes|high|
MUCM|Mucosal Melanoma|Skin|yes|medium|HNMUCM
PRCC|Papillary Renal Cell Carcinoma|Kidney|yes|low|
CHRCC|Chromophobe Renal Cell Carcinoma|Kidney|yes|low|
UTUC|Upper Tract Urothelial Carcinoma|Bladder/Urinary Tract|yes|high|
PSCC|Penile Squamous Cell Carcinoma|Penis|yes|medium|
`

// MUCM (mucosal melanoma) has no OncoTree code of its own: OncoTree codes
// mucosal melanomas by site (HNMUCM, VMM, ARMM, ESMM, URMM). Its entry
// stands for the head-and-neck one and is put with the skin melanomas,
// which is what the organ group is for.

var byCode = mustParse(table)

func mustParse(t string) map[string]Info {
	m, err := parseTable(t)
	if err != nil {
		panic(err) // the table is part of the program: a test parses it
	}
	return m
}

func parseTable(t string) (map[string]Info, error) {
	m := map[string]Info{}
	for _, line := range strings.Split(t, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 6 {
			return nil, fmt.Errorf("oncotree: table line %q: want 6 fields", line)
		}
		in := Info{Code: f[0], Name: f[1], Tissue: f[2], Shedding: f[4], Official: f[5] == "", Alias: f[5], Source: "oncotree_code"}
		switch f[3] {
		case "yes":
			in.Rarity = Rare
		case "no":
			in.Rarity = Common
		default:
			return nil, fmt.Errorf("oncotree: table %s: rare must be yes or no, not %q", f[0], f[3])
		}
		g, ok := tissueGroup[in.Tissue]
		if !ok {
			return nil, fmt.Errorf("oncotree: table %s: tissue %q has no organ group", f[0], in.Tissue)
		}
		in.Group = g
		if !validShedding(in.Shedding) {
			return nil, fmt.Errorf("oncotree: table %s: unknown shedding class %q", f[0], in.Shedding)
		}
		if _, dup := m[in.Code]; dup {
			return nil, fmt.Errorf("oncotree: table: code %s twice", in.Code)
		}
		m[in.Code] = in
	}
	return m, nil
}

func validShedding(s string) bool {
	for _, c := range SheddingClasses {
		if s == c {
			return true
		}
	}
	return false
}

// Lookup returns the table's entry for an OncoTree code (case and
// surrounding spaces ignored).
func Lookup(code string) (Info, bool) {
	in, ok := byCode[strings.ToUpper(strings.TrimSpace(code))]
	return in, ok
}

// Codes lists the table's codes in sorted order.
func Codes() []string {
	out := make([]string, 0, len(byCode))
	for c := range byCode {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// Classify classifies a patient's cancer from its OncoTree code or, when
// the table does not hold the code, from keywords of the free-text cancer
// type. When neither is recognised it returns an Info whose Rarity is
// RarityUnknown and whose Group and Shedding are "unknown": a cancer is
// never assumed common.
func Classify(code, cancerType string) Info {
	if in, ok := Lookup(code); ok {
		return in
	}
	if in, ok := fromText(cancerType); ok {
		return in
	}
	return Info{Code: strings.ToUpper(strings.TrimSpace(code)), Name: strings.TrimSpace(cancerType),
		Group: Unknown, Shedding: Unknown}
}

// keywords map lower-case phrases of free-text cancer types to the table
// entry that stands for them. Order matters: the first phrase found wins,
// so specific phrases ("non-small cell", "neuroendocrine", "uveal
// melanoma") come before general ones ("lung", "pancrea", "melanoma").
var keywords = []struct {
	phrase, code string
	word         bool // must start a word (short or ambiguous phrases)
}{
	{"unknown primary", "CUP", false},
	{"non-small cell", "NSCLC", false},
	{"non small cell", "NSCLC", false},
	{"nsclc", "NSCLC", true},
	{"small cell lung", "SCLC", false},
	{"sclc", "SCLC", true},
	{"mesothelioma", "PLMESO", false},
	{"neuroendocrine", "GINET", false},
	{"carcinoid", "GINET", false},
	{"gastrointestinal stromal", "GIST", false},
	{"gist", "GIST", true},
	{"sarcoma", "SARCNOS", false},
	{"glioblastoma", "GB", false},
	{"glioma", "DIFG", false},
	{"astrocytoma", "ASTR", false},
	{"meningioma", "MNG", false},
	{"brain", "DIFG", true},
	{"uveal melanoma", "UM", false},
	{"ocular melanoma", "UM", false},
	{"mucosal melanoma", "MUCM", false},
	{"melanoma", "SKCM", false},
	{"merkel", "MCC", false},
	{"cholangio", "CHOL", false},
	{"bile duct", "CHOL", false},
	{"biliary", "CHOL", false},
	{"gallbladder", "GBC", false},
	{"hepatocellular", "HCC", false},
	{"liver", "HCC", true},
	{"ampulla", "AMPCA", false},
	{"pancrea", "PAAD", false},
	{"oesophag", "ESCA", false},
	{"esophag", "ESCA", false},
	{"gastric", "STAD", false},
	{"stomach", "STAD", false},
	{"small bowel", "SBC", false},
	{"small intestin", "SBC", false},
	{"appendi", "APAD", false},
	{"anal canal", "ANSC", false},
	{"anal cancer", "ANSC", false},
	{"anal squamous", "ANSC", false},
	{"colorectal", "COADREAD", false},
	{"colon", "COAD", true},
	{"rectal", "READ", true},
	{"rectum", "READ", true},
	{"lung", "NSCLC", true},
	{"breast", "BRCA", false},
	{"prostat", "PRAD", false},
	{"upper tract urothelial", "UTUC", false},
	{"urothelial", "BLCA", false},
	{"bladder", "BLCA", false},
	{"papillary renal", "PRCC", false},
	{"chromophobe", "CHRCC", false},
	{"renal", "RCC", true},
	{"kidney", "RCC", false},
	{"low-grade serous", "LGSOC", false},
	{"low grade serous", "LGSOC", false},
	{"ovar", "OVT", false},
	{"carcinosarcoma", "UCS", false},
	{"endometri", "UCEC", false},
	{"uterine", "UCEC", false},
	{"uterus", "UCEC", false},
	{"cervi", "CESC", false},
	{"vulv", "VSC", false},
	{"vagin", "VSC", false},
	{"anaplastic thyroid", "THAP", false},
	{"medullary thyroid", "THME", false},
	{"thyroid", "WDTC", false},
	{"salivary", "SACA", false},
	{"nasopharyn", "NPC", false},
	{"head and neck", "HNSC", false},
	{"head & neck", "HNSC", false},
	{"oral cavity", "OCSC", false},
	{"laryn", "LXSC", false},
	{"pharyn", "HNSC", false},
	{"thym", "THYC", true},
	{"germ cell", "NSGCT", false},
	{"testi", "NSGCT", true},
	{"adrenocortical", "ACC", false},
	{"cutaneous squamous", "CSCC", false},
	{"penile", "PSCC", false},
	{"penis", "PSCC", true},
}

func fromText(s string) (Info, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return Info{}, false
	}
	for _, k := range keywords {
		if k.word && containsWord(t, k.phrase) || !k.word && strings.Contains(t, k.phrase) {
			in := byCode[k.code]
			in.Code, in.Name, in.Official, in.Alias = "", strings.TrimSpace(s), false, ""
			in.Source = "cancer_type:" + k.phrase
			return in, true
		}
	}
	return Info{}, false
}

// containsWord reports whether phrase occurs in t starting at a word
// boundary, so that "sclc" does not match inside another word and "colon"
// does not match "semicolon".
func containsWord(t, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(t[i:], phrase)
		if j < 0 {
			return false
		}
		j += i
		if j == 0 || !isLetter(t[j-1]) {
			return true
		}
		i = j + 1
	}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }
