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
