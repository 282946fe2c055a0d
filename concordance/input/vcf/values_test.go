package vcf

import (
	"errors"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// TestValueRanges: a value present but outside what its field holds is an
// error naming the line, the field, the value and the range (issue 10:
// VF=-1 and VF=1.5 reached alterations.tsv and expected_vaf).
func TestValueRanges(t *testing.T) {
	head := "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
	sites := "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
	ok := "chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT:VF\t0/1:0.2\n"
	for _, tc := range []struct{ name, text, msg string }{
		{"VF negative", head + ok + "chr1\t9\t.\tA\tC\t.\tPASS\t.\tGT:VF\t0/1:-1\n", `FORMAT VF is "-1": want an allele fraction in [0, 1]`},
		{"VF above 1", head + ok + "chr1\t9\t.\tA\tC\t.\tPASS\t.\tGT:VF\t0/1:1.5\n", `FORMAT VF is "1.5"`},
		{"AF nan", head + ok + "chr1\t9\t.\tA\tC\t.\tPASS\t.\tGT:AF\t0/1:nan\n", `FORMAT AF is "nan"`},
		{"AF inf", head + ok + "chr1\t9\t.\tA\tC\t.\tPASS\t.\tGT:AF\t0/1:inf\n", `FORMAT AF is "inf"`},
		{"AF not a number", head + ok + "chr1\t9\t.\tA\tC\t.\tPASS\t.\tGT:AF\t0/1:high\n", `FORMAT AF is "high"`},
		{"second allele's AF", head + ok + "chr1\t9\t.\tA\tC,G\t.\tPASS\t.\tGT:AF\t1/2:0.1,7\n", `FORMAT AF is "7"`},
		{"INFO TVAF (PCGR)", sites + "chr1\t5\t.\tA\tC\t.\tPASS\tTVAF=0.2\nchr1\t9\t.\tA\tC\t.\tPASS\tTVAF=2\n", `INFO TVAF is "2"`},
		{"INFO AF, sites only", sites + "chr1\t5\t.\tA\tC\t.\tPASS\tAF=0.2\nchr1\t9\t.\tA\tC\t.\tPASS\tAF=-0.5\n", `INFO AF is "-0.5"`},
		{"DP negative", head + ok + "chr1\t9\t.\tA\tC\t.\tPASS\t.\tGT:DP\t0/1:-5\n", `FORMAT DP is "-5": want a read count (a whole number, 0 or more)`},
		{"INFO DP negative", sites + ok[:strings.Index(ok, "GT")-1] + "\n" + "chr1\t9\t.\tA\tC\t.\tPASS\tDP=-5\n", `INFO DP is "-5"`},
		{"INFO TDP not a number", sites + "chr1\t5\t.\tA\tC\t.\tPASS\tTDP=12\nchr1\t9\t.\tA\tC\t.\tPASS\tTDP=many\n", `INFO TDP is "many"`},
		{"AD negative", head + ok + "chr1\t9\t.\tA\tC\t.\tPASS\t.\tGT:AD\t0/1:10,-3\n", `FORMAT AD is "-3"`},
		{"AD not a number", head + ok + "chr1\t9\t.\tA\tC\t.\tPASS\t.\tGT:AD\t0/1:10,x\n", `FORMAT AD is "x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var led concordance.Ledger
			_, err := ReadCalls(strings.NewReader(tc.text), concordance.ReadOptions{}, &led)
			var le *concordance.LineError
			if !errors.As(err, &le) || le.Line != 4 || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %v, want a LineError on line 4 containing %q", err, tc.msg)
			}
		})
	}
	// Missing values stay unknown, and FILTERed records are not read at all
	// (their values are nobody's business: the hot loop skips them).
	d, _ := read(t, head+"chr1\t5\t.\tA\tC\t.\tPASS\tDP=.\tGT:VF:DP:AD\t0/1:.:.:.\n"+
		"chr1\t9\t.\tA\tC\t.\tq30\t.\tGT:VF\t0/1:1.5\n", concordance.ReadOptions{})
	if c := d.Calls[0]; len(d.Calls) != 1 || concordance.Known(c.VAF) || c.Depth != -1 || c.AltReads != -1 {
		t.Fatalf("calls = %+v, want one call with VAF, depth and alt reads unknown", d.Calls)
	}
	// Boundaries are allowed: 0 and 1 are allele fractions.
	d, _ = read(t, head+"chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT:VF\t1/1:1\nchr1\t9\t.\tA\tC\t.\tPASS\t.\tGT:VF\t0/1:0\n", concordance.ReadOptions{})
	if d.Calls[0].VAF != 1 || d.Calls[1].VAF != 0 {
		t.Fatalf("VAFs %v, %v, want 1 and 0", d.Calls[0].VAF, d.Calls[1].VAF)
	}
}

// TestADExceedsDP: when AD adds up to more than DP (Mutect2 does; vcf2maf
// then "sets DP to sum of allele depths", mskcc/vcf2maf vcf2maf.pl), the
// depth is the sum of AD, never less than the alt reads.
func TestADExceedsDP(t *testing.T) {
	text := "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n" +
		"chr1\t5\t.\tA\tC\t.\tPASS\t.\tGT:AD:DP:AF\t0/1:60,45:88:0.43\n" + // alt 45 ≤ DP 88: DP stays
		"chr1\t9\t.\tA\tC\t.\tPASS\t.\tGT:AD:DP:AF\t0/1:30,95:88:0.76\n" // alt 95 > DP 88: depth 30+95
	d, _ := read(t, text, concordance.ReadOptions{})
	if d.Calls[0].Depth != 88 || d.Calls[0].AltReads != 45 {
		t.Errorf("first call depth %d, alt %d; want 88 and 45", d.Calls[0].Depth, d.Calls[0].AltReads)
	}
	if d.Calls[1].Depth != 125 || d.Calls[1].AltReads != 95 || d.Calls[1].VAF != 0.76 {
		t.Errorf("second call depth %d, alt %d, VAF %v; want 125 (= 30 + 95), 95 and 0.76 as written", d.Calls[1].Depth, d.Calls[1].AltReads, d.Calls[1].VAF)
	}
}

// TestDuplicateRecords: a record repeating an earlier one (same site,
// alleles, FILTER and caller flags) is counted as duplicate and not kept;
// one that differs in what the pipeline's exclusions read is kept.
func TestDuplicateRecords(t *testing.T) {
	head := "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
	rec := "chr1\t5\t.\tA\tC\t.\tPASS\tGermlineStatus=Somatic\tGT:VF\t0/1:0.2\n"
	text := head + rec + rec + strings.Replace(rec, "0.2", "0.3", 1) + // VAF differs: still the same call
		strings.Replace(rec, "Somatic", "Germline_DB", 1) + // a caller flag differs: kept for the pipeline
		"chr1\t5\t.\tA\tC,G\t.\tPASS\tGermlineStatus=Somatic\tGT:VF\t1/2:0.2,0.1\n" + // another allele too: not a repeat
		rec
	d, led := read(t, text, concordance.ReadOptions{})
	if len(d.Calls) != 4 || d.Calls[0].VAF != 0.2 || d.Calls[1].GermlineStatus != "Germline_DB" {
		t.Fatalf("calls = %d (%+v), want 4: the first record, the germline one, the two-allele one", len(d.Calls), d.Calls)
	}
	if got := reasons(led); got["duplicate"] != 3 || len(got) != 1 {
		t.Fatalf("ledger %v, want 3 duplicates", got)
	}
	// Every record is a call or a ledger entry: 6 records, 3 of them calls.
	led.CountCalls("", concordance.Tissue, d.Calls)
	if read, _, _ := led.Totals(); read != 6 {
		t.Fatalf("ledger and calls count %d records, want 6", read)
	}
}
