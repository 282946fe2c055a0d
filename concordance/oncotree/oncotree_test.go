package oncotree

import (
	"strings"
	"testing"
)

// simulatorTable is the cancer table of concord's simulator
// (concordance/simulate/preset.go, cancerTable, as merged in main at
// 3913c5b): code, rare, shedding. The simulator is to use this package, so
// the two must agree.
const simulatorTable = `COADREAD no high
LUAD no medium
LUSC no medium
BRCA no medium
PRAD no low
PAAD no medium
STAD no medium
BLCA no high
SKCM no high
HGSOC no medium
UCEC no medium
CCRCC no low
IHCH yes medium
GBC yes medium
EHCH yes medium
HCC yes high
GIST yes low
LMS yes medium
DDLS yes medium
MRLS yes low
SYNS yes low
ES yes medium
OS yes medium
UPS yes medium
ANGS yes medium
SFT yes low
DSRCT yes medium
CHS yes low
CCS yes low
ARMS yes medium
ASPS yes low
DFSP yes low
MPNST yes medium
ACC yes medium
PANET yes low
SINET yes low
SCLC yes high
HGNEC yes high
THAP yes medium
THPA yes low
MTC yes low
GB yes cns
ASTR yes cns
ODG yes cns
MNG yes cns
UM yes medium
CUP yes high
HNSC yes medium
ACYC yes low
SDCA yes medium
ESCA yes medium
ESCC yes medium
ANSC yes medium
SBC yes high
AMPCA yes medium
APAD yes low
PLMESO yes low
PEMESO yes low
THYC yes medium
VSC yes medium
CESC yes medium
UCS yes medium
ULMS yes medium
OCCC yes medium
LGSOC yes low
GRCT yes low
NSGCT yes high
PECOMA yes low
MCC yes high
CSCC yes medium
ACRM yes medium
MUCM yes medium
PRCC yes low
CHRCC yes low
UTUC yes high
PSCC yes medium
CHDM yes low
IMT yes low
SACA yes low
IFS yes low`

func TestSimulatorCodesAgree(t *testing.T) {
	for _, line := range strings.Split(simulatorTable, "\n") {
		f := strings.Fields(line)
		t.Run(f[0], func(t *testing.T) {
			in, ok := Lookup(f[0])
			if !ok {
				t.Fatalf("%s not in the table", f[0])
			}
			wantRare := map[string]Rarity{"yes": Rare, "no": Common}[f[1]]
			if in.Rarity != wantRare || in.Shedding != f[2] {
				t.Errorf("%s: %v %s, simulator %v %s", f[0], in.Rarity, in.Shedding, wantRare, f[2])
			}
		})
	}
}

func TestTable(t *testing.T) {
	if _, err := parseTable(table); err != nil {
		t.Fatal(err)
	}
	for _, c := range Codes() {
		in, _ := Lookup(c)
		if in.Official == (in.Alias != "") {
			t.Errorf("%s: official %v but alias %q", c, in.Official, in.Alias)
		}
		if in.Alias != "" {
			// An alias names an OncoTree code; when the table holds it,
			// the two entries must classify alike.
			if a, ok := Lookup(in.Alias); ok && (a.Rarity != in.Rarity || a.Group != in.Group || a.Shedding != in.Shedding) {
				t.Errorf("%s and its OncoTree code %s classify differently", c, in.Alias)
			}
		}
	}
	for _, bad := range []string{
		"X|x|Lung|maybe|high|",
		"X|x|Moon|yes|high|",
		"X|x|Lung|yes|lots|",
		"X|x|Lung|yes",
		"X|x|Lung|yes|high|\nX|y|Lung|yes|high|",
	} {
		if _, err := parseTable(bad); err == nil {
			t.Errorf("table %q accepted", bad)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		code, text string
		rarity     Rarity
		group      string
		shedding   string
		source     string
	}{
		// OncoTree tissue of COAD is Bowel (trees/tsv/oncotree_2026_05_21.txt).
		{"COAD", "Colorectal Cancer", Common, "lower_gi", "high", "oncotree_code"},
		{" luad ", "", Common, "thoracic", "medium", "oncotree_code"},
		{"GB", "", Rare, "cns", "cns", "oncotree_code"},
		{"MPNST", "", Rare, "sarcoma", "medium", "oncotree_code"},
		{"UM", "", Rare, "skin", "medium", "oncotree_code"},
		// Unknown codes fall back on the free text.
		{"XYZ", "Non-Small Cell Lung Cancer", Common, "thoracic", "medium", "cancer_type:non-small cell"},
		{"", "small cell lung cancer", Rare, "thoracic", "high", "cancer_type:small cell lung"},
		{"", "NSCLC stage IV", Common, "thoracic", "medium", "cancer_type:nsclc"},
		{"", "Pancreatic neuroendocrine tumour", Rare, "lower_gi", "low", "cancer_type:neuroendocrine"},
		{"", "Pancreatic cancer", Common, "hepatopancreatobiliary", "medium", "cancer_type:pancrea"},
		{"", "Leiomyosarcoma of the uterus", Rare, "sarcoma", "medium", "cancer_type:sarcoma"},
		{"", "Uveal melanoma", Rare, "skin", "medium", "cancer_type:uveal melanoma"},
		{"", "Malignant melanoma", Common, "skin", "high", "cancer_type:melanoma"},
		{"", "Prostate Cancer", Common, "genitourinary", "low", "cancer_type:prostat"},
		{"", "Oesophageal adenocarcinoma", Rare, "upper_gi", "medium", "cancer_type:oesophag"},
		// Neither: unknown, never common.
		{"", "", RarityUnknown, "unknown", "unknown", ""},
		{"ZZZ", "Weird tumour", RarityUnknown, "unknown", "unknown", ""},
		{"", "semicolonic", RarityUnknown, "unknown", "unknown", ""},
	} {
		t.Run(tc.code+"/"+tc.text, func(t *testing.T) {
			in := Classify(tc.code, tc.text)
			if in.Rarity != tc.rarity || in.Group != tc.group || in.Shedding != tc.shedding || in.Source != tc.source {
				t.Errorf("got %v %s %s %q, want %v %s %s %q", in.Rarity, in.Group, in.Shedding, in.Source, tc.rarity, tc.group, tc.shedding, tc.source)
			}
			if in.Known() != (tc.source != "") {
				t.Errorf("Known = %v", in.Known())
			}
		})
	}
}

func TestRarityString(t *testing.T) {
	for r, want := range map[Rarity]string{Common: "common", Rare: "rare", RarityUnknown: "unknown"} {
		if r.String() != want {
			t.Errorf("%d: %s", r, r.String())
		}
	}
}

func TestEveryGroupUsed(t *testing.T) {
	used := map[string]bool{}
	for _, c := range Codes() {
		in, _ := Lookup(c)
		used[in.Group] = true
	}
	for _, g := range Groups {
		if !used[g] {
			t.Errorf("group %s has no code", g)
		}
	}
	if len(used) != len(Groups) {
		t.Errorf("groups used %v, declared %v", used, Groups)
	}
}
