package reporttable

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

func readFile(t *testing.T, name string) *Table {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := ReadAll(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func keys(sd *concordance.SampleData) string {
	var k []string
	for _, c := range sd.Calls {
		k = append(k, c.Key()+"/"+c.Protein)
	}
	sort.Strings(k)
	return strings.Join(k, " ")
}

func TestReportTable(t *testing.T) {
	tb := readFile(t, "report.tsv")
	var led concordance.Ledger
	tests := []struct {
		patient string
		side    concordance.Side
		want    string
	}{
		{"P1", concordance.Tissue, "amplification:ERBB2/ fusion:ALK::EML4/ protein:BRAF:p.V600E/p.V600E splice:MET:14/"},
		{"P1", concordance.Plasma, "fusion:ALK::EML4/ protein:BRAF:p.V600E/p.V600E splice:MET:/"},
		{"P2", concordance.Tissue, "protein:EGFR:p.E746_A750del/p.E746_A750del"},
		{"P2", concordance.Plasma, "deletion:CDKN2A/ fusion:CD74::ROS1/ unknown:TP53::0:-:-/"},
		{"P3", concordance.Plasma, "amplification:NKX2-1/"},
	}
	for _, tc := range tests {
		sd, err := tb.Use(tc.patient, tc.side, &led)
		if sd != nil {
			led.CountCalls(tc.patient, tc.side, sd.Calls) // readers count only what they do not return
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := keys(sd); got != tc.want {
			t.Errorf("%s %s:\n got %s\nwant %s", tc.patient, tc.side, got, tc.want)
		}
		for _, c := range sd.Calls {
			if c.Side != tc.side {
				t.Errorf("%s: side %v", c.Label(), c.Side)
			}
		}
	}
	p1p, _ := tb.Use("P1", concordance.Plasma, &led)
	for _, c := range p1p.Calls {
		if c.Protein == "p.V600E" && c.VAF != 0.025 {
			t.Errorf("2.5%% read as %v", c.VAF)
		}
	}
	p2t, _ := tb.Use("P2", concordance.Tissue, &led)
	if c := p2t.Calls[0]; c.Class != concordance.Indel || c.VAF != 0.12 || c.Source.Line != 9 {
		t.Errorf("EGFR call %+v", c)
	}
	// 14 rows: 12 calls, the "none" row, and the repeated BRAF V600E row.
	tb.CountUnused("", concordance.Tissue, &led)
	if read, used, _ := led.Totals(); read != 14 || used != 12 {
		t.Errorf("ledger read %d used %d, want 14 and 12 (%v)", read, used, led.ByReason())
	}
	r := led.ByReason()
	if r[concordance.ReasonDuplicate] != 1 || r[concordance.ReasonNotReportable] != 1 {
		t.Errorf("ledger %v", r)
	}
}

func TestReportCSV(t *testing.T) {
	var led concordance.Ledger
	f, _ := os.Open("testdata/report_bom_crlf.csv")
	defer f.Close()
	sd, err := Read(f, concordance.ReadOptions{File: "r.csv", Patient: "P9", Side: concordance.Plasma}, &led)
	if err != nil {
		t.Fatal(err)
	}
	led.CountCalls("P9", concordance.Plasma, sd.Calls)
	if got := keys(sd); got != "fusion:ALK::EML4/ protein:KRAS:p.G12C/p.G12C" {
		t.Errorf("got %s", got)
	}
	if r := led.ByReason(); r[concordance.ReasonUsed] != 2 || r[concordance.ReasonOtherSample] != 1 {
		t.Errorf("ledger %v", r)
	}
}

// TestHostileAlteration: a megabyte-long alteration is refused in linear
// time (hgvs counted parentheses per character) with its text clipped.
func TestHostileAlteration(t *testing.T) {
	text := "patient_id\tsample\tgene\talteration\nP1\ttissue\tBRAF\tp." + strings.Repeat(")", 4<<20) + "\n"
	_, err := ReadAll(strings.NewReader(text), "r.tsv")
	if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), "is not a protein change") {
		t.Fatalf("error (%d bytes) %.200v, want a short refusal", len(errText(err)), err)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestMalformed(t *testing.T) {
	const h = "patient_id\tsample\tgene\talteration\tvaf\tclass\n"
	const hc = "patient_id\tsample\tgene\talteration\tcopy_number\tfold_change\n"
	for _, tc := range []struct {
		name, text string
		line       int
		msg        string
	}{
		{"no header", "", 0, "no header"},
		{"missing columns", "patient_id\tgene\n", 1, "alteration, sample"},
		{"bad side", h + "P1\tliver\tBRAF\tp.V600E\t\t\n", 2, "unknown sample side"},
		{"bad alteration", h + "P1\ttissue\tBRAF\tactivating\t\t\n", 2, "not a protein change"},
		{"vaf over 1 without %", h + "P1\ttissue\tBRAF\tp.V600E\t31\t\n", 2, "percentage"},
		{"class mismatch", h + "P1\ttissue\tERBB2\tamplification\t\tfusion\n", 2, "does not fit"},
		{"protein without gene", h + "P1\ttissue\t\tp.V600E\t\t\n", 2, "needs a gene"},
		{"fusion without the row gene", h + "P1\ttissue\tRET\tfusion EML4-ALK\t\t\n", 2, "does not include"},
		{"empty patient", h + "\ttissue\tBRAF\tp.V600E\t\t\n", 2, "empty patient_id"},
		// Issue 10.
		{"row cut before the alteration", h + "P1\ttissue\tBRAF\n", 2, "the row has 3 fields: want at least 4"},
		{"vaf negative", h + "P1\ttissue\tBRAF\tp.V600E\t-0.2\t\n", 2, `vaf is "-0.2": want an allele fraction in [0, 1], or a percentage`},
		{"vaf inf", h + "P1\ttissue\tBRAF\tp.V600E\tinf\t\n", 2, `vaf is "inf"`},
		{"position beyond titin", h + "P1\ttissue\tBRAF\tp.A7999999900B\t\t\n", 2, "7999999900 is more than 40000 residues"},
		// Issue 11 §3: copy number and fold change columns.
		{"copy number negative", hc + "P1\ttissue\tERBB2\tamplification\t-3\t\n", 2, `copy_number is "-3": want a copy number or fold change`},
		{"copy number text", hc + "P1\ttissue\tERBB2\tamplification\thigh\t\n", 2, `copy_number is "high"`},
		{"fold change on a small variant", hc + "P1\ttissue\tBRAF\tp.V600E\t\t2.5\n", 2, "fold_change \"2.5\" on a snv row"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadAll(strings.NewReader(tc.text), "bad.tsv")
			var le *concordance.LineError
			if !errors.As(err, &le) || le.Line != tc.line || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v, want a LineError at line %d mentioning %q", err, tc.line, tc.msg)
			}
		})
	}
}

// TestClinicalWording reads every wording of issue 11 §4 (testdata/README.md
// says where each shape comes from): none aborts the table, each gets its
// class, and the optional depth and alt_reads columns are read.
func TestClinicalWording(t *testing.T) {
	tb := readFile(t, "clinical_wording.tsv")
	type want struct {
		class          concordance.Class
		gene, protein  string
		exons          string
		depth, altRead int
	}
	got := map[string]want{}
	for _, id := range []string{"W1", "W2"} {
		for _, side := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
			var led concordance.Ledger
			sd, err := tb.Use(id, side, &led)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range sd.Calls {
				got[strings.Join([]string{id, side.String(), c.Gene, c.Class.String(), c.Protein}, " ")] = want{c.Class, c.Gene, c.Protein, c.Exons, c.Depth, c.AltReads}
			}
		}
	}
	for _, w := range []struct {
		key string
		w   want
	}{
		// An exon-level indel: known by gene and exon, matched at gene level.
		{"W1 tissue EGFR indel ", want{concordance.Indel, "EGFR", "", "19", 612, 190}},
		// A deletion-insertion written with '>'.
		{"W1 plasma EGFR indel p.L747_P753delinsS", want{concordance.Indel, "EGFR", "p.L747_P753delinsS", "", 4210, 34}},
		// Trailing classifications are dropped.
		{"W1 tissue EGFR snv p.T790M", want{concordance.SNV, "EGFR", "p.T790M", "", -1, -1}},
		{"W1 plasma EGFR snv p.T790M", want{concordance.SNV, "EGFR", "p.T790M", "", -1, -1}},
		// cDNA changes at splice sites, with and without "c.".
		{"W1 tissue TP53 snv ", want{concordance.SNV, "TP53", "", "", -1, -1}},
		{"W1 plasma TP53 snv ", want{concordance.SNV, "TP53", "", "", -1, -1}},
		{"W1 tissue ALK fusion ", want{concordance.Fusion, "ALK", "", "", -1, -1}},
		{"W1 plasma CDKN2A deletion ", want{concordance.Deletion, "CDKN2A", "", "", -1, -1}},
		{"W1 tissue MYC amplification ", want{concordance.Amplification, "MYC", "", "", -1, -1}},
		{"W1 plasma ERBB2 amplification ", want{concordance.Amplification, "ERBB2", "", "", -1, -1}},
		// A splice-site variant of unknown form is a small variant, not a
		// splice event; promoter and truncation are gene-level too.
		{"W2 tissue MET unknown ", want{concordance.ClassUnknown, "MET", "", "", -1, -1}},
		{"W2 tissue TERT unknown ", want{concordance.ClassUnknown, "TERT", "", "", -1, -1}},
		{"W2 tissue APC unknown ", want{concordance.ClassUnknown, "APC", "", "", -1, -1}},
		{"W2 plasma MET splice ", want{concordance.Splice, "MET", "", "14", -1, -1}},
		{"W2 plasma BRAF snv p.V600E", want{concordance.SNV, "BRAF", "p.V600E", "", 2800, 34}},
		{"W2 tissue BRAF snv p.V600E", want{concordance.SNV, "BRAF", "p.V600E", "", 550, 220}},
		{"W2 plasma ERBB2 indel ", want{concordance.Indel, "ERBB2", "", "20", -1, -1}},
		{"W2 plasma KRAS snv p.G12C", want{concordance.SNV, "KRAS", "p.G12C", "", -1, -1}},
		// An exon-level indel whose annotation gives the protein change
		// (FoundationOne's "exon 19 deletion (E746_A750del)" form).
		{"W2 tissue EGFR indel p.E746_A750del", want{concordance.Indel, "EGFR", "p.E746_A750del", "19", -1, -1}},
		// "KIF5B-RET (v1)": the variant note dropped, the driver named.
		{"W2 tissue RET fusion ", want{concordance.Fusion, "RET", "", "", -1, -1}},
	} {
		g, ok := got[w.key]
		if !ok {
			t.Errorf("no call %q (calls: %v)", w.key, got)
			continue
		}
		if g != w.w {
			t.Errorf("%s: %+v, want %+v", w.key, g, w.w)
		}
	}
	if len(got) != 20 {
		t.Errorf("%d calls, want the 20 rows", len(got))
	}
}

// TestAllUnreadableRows: one error names every unreadable row of the
// file, the first as its line (issue 11 §4: a table typed from reports is
// fixed in one pass, not one run per row).
func TestAllUnreadableRows(t *testing.T) {
	const h = "patient_id\tsample\tgene\talteration\tvaf\tdepth\talt_reads\n"
	text := h +
		"P1\ttissue\tBRAF\tp.V600E\t\t\t\n" +
		"P1\ttissue\tBRAF\tactivating\t\t\t\n" + // line 3
		"P1\tplasma\tKRAS\tG12C\t\t100\t120\n" + // line 4: alt reads above depth
		"P1\tliver\tKRAS\tG12C\t\t\t\n" + // line 5
		"P2\ttissue\tEGFR\tL858R\t\tmany\t\n" + // line 6
		"P2\ttissue\tEGFR\n" // line 7: cut short
	_, err := ReadAll(strings.NewReader(text), "clinic.tsv")
	var ie *concordance.InputError
	if !errors.As(err, &ie) || ie.File != "clinic.tsv" || ie.Line != 3 {
		t.Fatalf("error %v, want an InputError at clinic.tsv:3", err)
	}
	msg := err.Error()
	for _, want := range []string{
		`clinic.tsv:3: reporttable: alteration "activating" is not a protein change`,
		`; clinic.tsv:4: reporttable: alt_reads 120 is more than depth 100`,
		`; clinic.tsv:5: reporttable: unknown sample side`,
		`; clinic.tsv:6: reporttable: depth is "many"`,
		`; clinic.tsv:7: reporttable: the row has 3 fields`,
		`(5 unreadable rows)`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("error is not one line: %q", msg)
	}
	var rows *concordance.RowErrors
	if !errors.As(err, &rows) || len(rows.Problems()) != 5 {
		t.Fatalf("RowErrors %+v, want 5 problems", rows)
	}
	if p := rows.Problems()[3].Error(); !strings.HasPrefix(p, `clinic.tsv:6: reporttable: depth is "many"`) {
		t.Errorf("problem 4 %q", p)
	}
}

// TestRowErrorsBounded: a hostile table of bad rows lists the first
// MaxRowErrors and counts the rest, so the message stays bounded.
func TestRowErrorsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("patient_id\tsample\tgene\talteration\n")
	const n = concordance.MaxRowErrors + 500
	for i := 0; i < n; i++ {
		b.WriteString("P1\ttissue\tBRAF\tactivating\n")
	}
	_, err := ReadAll(strings.NewReader(b.String()), "r.tsv")
	var rows *concordance.RowErrors
	if !errors.As(err, &rows) || len(rows.Rows) != concordance.MaxRowErrors || rows.More != 500 {
		t.Fatalf("error %.200v", err)
	}
	if !strings.HasSuffix(err.Error(), fmt.Sprintf("(%d unreadable rows, the first %d listed)", n, concordance.MaxRowErrors)) {
		t.Errorf("error ends %q", err.Error()[len(err.Error())-80:])
	}
}

// Issue 11 §3: a report's copy number and fold change reach the call. The
// rows are written for this test in the shape of a molecular tumour board
// table (gene, "amplification", "copy number 12" as its own column).
func TestCopyNumberColumns(t *testing.T) {
	text := "patient_id\tsample\tgene\talteration\tcn\tfc\n" +
		"P1\ttissue\tERBB2\tamplification\t12\t\n" +
		"P1\tplasma\tERBB2\tamplification\tNA\t1.8\n" +
		"P1\ttissue\tBRAF\tp.V600E\t\t\n"
	tb, err := ReadAll(strings.NewReader(text), "cn.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var led concordance.Ledger
	for _, tc := range []struct {
		side   concordance.Side
		cn, fc string
	}{{concordance.Tissue, "12", "NaN"}, {concordance.Plasma, "NaN", "1.8"}} {
		sd, err := tb.Use("P1", tc.side, &led)
		if err != nil {
			t.Fatal(err)
		}
		c := sd.Calls[0]
		if got := fmt.Sprint(c.CopyNumber) + " " + fmt.Sprint(c.FoldChange); got != tc.cn+" "+tc.fc {
			t.Errorf("%s ERBB2: copy number, fold change %s; want %s %s", tc.side, got, tc.cn, tc.fc)
		}
	}
}
