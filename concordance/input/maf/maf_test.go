package maf

import (
	"bufio"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

func readAll(t *testing.T, name string) *File {
	t.Helper()
	fh, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := ReadAll(fh, Options{File: name})
	if err != nil {
		t.Fatalf("ReadAll(%s): %v", name, err)
	}
	return f
}

// vcfKeys reads the records of a plain single-ALT VCF the simple way, for
// comparison only.
func vcfKeys(t *testing.T, name string) []string {
	t.Helper()
	fh, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var keys []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		pos, err := strconv.Atoi(f[1])
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, concordance.Variant{Chrom: f[0], Pos: pos, Ref: f[3], Alt: f[4]}.MatchKey())
	}
	return keys
}

func TestVcf2mafMAF(t *testing.T) {
	f := readAll(t, "test_b38_output.maf")
	if len(f.Samples) != 1 || f.Samples[0].ID != "TUMOR" {
		t.Fatalf("samples = %v, want one, TUMOR", f.Samples)
	}
	var led concordance.Ledger
	sd, err := f.Use("TUMOR", "P1", concordance.Plasma, &led)
	if sd != nil {
		led.CountCalls("P1", concordance.Plasma, sd.Calls) // readers count only what they do not return
	}
	if err != nil {
		t.Fatal(err)
	}
	// 25 data rows in the MAF and 25 records in the VCF it was made from.
	if len(sd.Calls) != 25 {
		t.Fatalf("%d calls, want 25", len(sd.Calls))
	}
	if sd.Build != "GRCh38" {
		t.Errorf("build %q, want GRCh38 (NCBI_Build)", sd.Build)
	}
	if read, used, _ := led.Totals(); read != 25 || used != 25 {
		t.Errorf("ledger read %d used %d, want 25 and 25", read, used)
	}
	// Every MAF call has the match key of its paired VCF record, in order.
	want := vcfKeys(t, "test_b38.vcf")
	for i, c := range sd.Calls {
		if got := c.Key(); got != want[i] {
			t.Errorf("call %d (line %d): key %s, VCF record gives %s", i, c.Source.Line, got, want[i])
		}
		if c.Side != concordance.Plasma {
			t.Errorf("call %d: side %v, want plasma", i, c.Side)
		}
	}
	// Hand-derived keys for one record of each kind (VCF line → anchor-free key).
	byKey := map[string]concordance.Call{}
	for _, c := range sd.Calls {
		byKey[c.Key()] = c
	}
	for _, tc := range []struct {
		vcf, key, protein string
		class             concordance.Class
		vaf               float64
		depth, alt        int
	}{
		// 21 34792292 A C: SNV; t_ref_count "." so VAF = 21/54 from t_depth.
		{"21 34792292 A C", "21:34792292:A:C", "p.L429R", concordance.SNV, 21.0 / 54, 54, 21},
		// 21 41479182 GT G: deletion of T at 41479183 (MAF Start = POS+1).
		{"21 41479182 GT G", "21:41479183:T:-", "p.K224Nfs*19", concordance.Indel, 77.0 / (435 + 77), 512, 77},
		// 21 34880555 A ACCTCTT: insertion after 34880555 (MAF Start = POS, the anchor).
		{"21 34880555 A ACCTCTT", "21:34880556:-:CCTCTT", "p.X168_splice", concordance.Indel, 225.0 / (658 + 225), 883, 225},
		// 21 34880650 T TG: one-base insertion, a frameshift.
		{"21 34880650 T TG", "21:34880651:-:G", "p.N139Qfs*5", concordance.Indel, 162.0 / (449 + 162), 611, 162},
		// 21 38383625 T C: synonymous.
		{"21 38383625 T C", "21:38383625:T:C", "p.S406=", concordance.SNV, 23.0 / (329 + 23), 352, 23},
	} {
		c, ok := byKey[tc.key]
		if !ok {
			t.Errorf("%s: no call with key %s", tc.vcf, tc.key)
			continue
		}
		if c.Protein != tc.protein || c.Class != tc.class || c.Depth != tc.depth || c.AltReads != tc.alt || !near(c.VAF, tc.vaf) {
			t.Errorf("%s: got protein %q class %v depth %d alt %d VAF %v; want %q %v %d %d %v",
				tc.vcf, c.Protein, c.Class, c.Depth, c.AltReads, c.VAF, tc.protein, tc.class, tc.depth, tc.alt, tc.vaf)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-12 && b-a < 1e-12 }

func TestPCGRMAF(t *testing.T) {
	f := readAll(t, "tumor_sample.BRCA.pcgr.maf")
	s, ok := f.Lookup("tumor_sample.BRCA")
	if !ok || len(f.Samples) != 1 {
		t.Fatalf("samples = %v", f.Samples)
	}
	// 199 data rows (200 lines with the header), none duplicated.
	if s.Rows != 199 || len(s.Calls) != 199 || s.Build != "GRCh37" {
		t.Fatalf("rows %d calls %d build %q; want 199, 199, GRCh37", s.Rows, len(s.Calls), s.Build)
	}
	keys := map[string]concordance.Class{}
	for _, c := range s.Calls {
		keys[c.Key()] = c.Class
	}
	// PCGR writes deletions VCF-style with the anchor (5 177303215 TGTG → T,
	// End 177303218): the key drops the anchor as for a VCF record.
	for _, k := range []string{"5:177303216:GTG:-", "7:64532452:TT:-", "16:19501758:CT:-", "19:57277176:TTGT:-"} {
		if keys[k] != concordance.Indel {
			t.Errorf("no indel with key %s", k)
		}
	}
	// Two adjacent SNVs of TLN1 stay two SNVs (9:35722140 G>T, 9:35722141 T>C).
	if keys["9:35722140:G:T"] != concordance.SNV || keys["9:35722141:T:C"] != concordance.SNV {
		t.Error("TLN1 SNVs missing")
	}
}

func TestMinimalistMAF(t *testing.T) {
	f := readAll(t, "minimalist_test_maf.tsv")
	if len(f.Samples) != 10 {
		t.Fatalf("%d samples, want 10", len(f.Samples))
	}
	// Row counts per barcode: `cut -f5 minimalist_test_maf.tsv | sort | uniq -c`.
	for id, n := range map[string]int{"TCGA-A1-A0SI-01A-11D-A142-09": 195, "TCGA-A1-A0SK-01A-12D-A099-09": 171, "TCGA-A1-A0SM-01A-11D-A099-09": 9} {
		if s, ok := f.Lookup(id); !ok || s.Rows != n {
			t.Errorf("sample %s: %v rows, want %d", id, s, n)
		}
	}
	var led concordance.Ledger
	sd, err := f.Use("TCGA-A1-A0SK-01A-12D-A099-09", "P1", concordance.Tissue, &led)
	if sd != nil {
		led.CountCalls("P1", concordance.Tissue, sd.Calls)
	}
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, c := range sd.Calls {
		keys[c.Key()] = true
	}
	// Insertion "-" → CA after 1:248801602 (no End_Position column) and deletion AAG at 2:37010495.
	for _, k := range []string{"1:248801603:-:CA", "2:37010495:AAG:-"} {
		if !keys[k] {
			t.Errorf("no call with key %s", k)
		}
	}
	f.CountUnused("", concordance.Tissue, &led)
	read, used, excluded := led.Totals()
	if read != 645 || used != 171 || excluded != 645-171 {
		t.Errorf("ledger read %d used %d excluded %d; want 645, 171, 474", read, used, excluded)
	}
	if led.ByReason()[concordance.ReasonOtherSample] != 474 {
		t.Errorf("other_sample = %d, want 474", led.ByReason()[concordance.ReasonOtherSample])
	}
}

func TestRead(t *testing.T) {
	const maf = "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tFILTER\tMutation_Status\tHGVSp_Short\n" +
		"BRAF\tchr7\t140453136\t140453136\tA\tA\tT\tS1\tPASS\tSomatic\tp.V600E\n" +
		"BRAF\tchr7\t140453136\t140453136\tA\tA\tT\tS1\tPASS\tSomatic\tp.V600E\n" + // duplicate row
		"KRAS\tchr12\t25398284\t25398285\tCC\tCC\tAA\tS1\tlow_depth\tSomatic\tp.G12F\n" + // filtered DNP
		"TP53\tchr17\t7577120\t7577120\tC\tT\tC\tS1\t.\tGermline\tp.R273H\n" + // Allele2 = ref: use Allele1
		"EGFR\tchr7\t55242465\t55242479\tGGAATTAAGAGAAGC\tGGAATTAAGAGAAGC\t-\tS2\tPASS\tSomatic\tp.E746_A750del\n"
	var led concordance.Ledger
	sd, err := Read(strings.NewReader(maf), concordance.ReadOptions{File: "x.maf", Patient: "P1", Side: concordance.Tissue, SampleID: "S1"}, &led)
	if err != nil {
		t.Fatal(err)
	}
	led.CountCalls("P1", concordance.Tissue, sd.Calls)
	if len(sd.Calls) != 2 {
		t.Fatalf("%d calls, want 2 (BRAF, TP53)", len(sd.Calls))
	}
	if c := sd.Calls[1]; c.Key() != "chr17:7577120:C:T" || c.Flags&concordance.FlagGermlineCaller == 0 || c.Protein != "p.R273H" {
		t.Errorf("TP53 call %+v", c)
	}
	want := map[string]int64{concordance.ReasonUsed: 2, concordance.ReasonDuplicate: 1, concordance.ReasonFiltered: 1, concordance.ReasonOtherSample: 1}
	got := led.ByReason()
	for r, n := range want {
		if got[r] != n {
			t.Errorf("ledger %s = %d, want %d (all: %v)", r, got[r], n, got)
		}
	}
	if _, err := Read(strings.NewReader(maf), concordance.ReadOptions{File: "x.maf"}, &concordance.Ledger{}); err == nil {
		t.Error("two samples and no SampleID: want an error")
	}
}

func TestShiftedColumnsIsSuspect(t *testing.T) {
	fh, err := os.Open("testdata/shifted_columns.maf")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	_, err = ReadAll(fh, Options{File: "shifted_columns.maf"})
	if !errors.Is(err, ErrSuspect) {
		t.Fatalf("error %v, want ErrSuspect", err)
	}
	var le *concordance.LineError
	if !errors.As(err, &le) || le.Line != 3 {
		t.Fatalf("error %v, want a LineError at line 3 (the first data row)", err)
	}
	if msg := concordance.AtFile("shifted_columns.maf", err).Error(); !strings.HasPrefix(msg, "shifted_columns.maf:3: ") || !strings.Contains(msg, `"SNP"`) {
		t.Errorf("message %q should name file:line and the misplaced value", msg)
	}
}

// TestMissingColumnsAndValues: what a MAF lacks is named (issue 10), a
// short row is an error at its line, and read counts are counts with the
// alt reads among the depth, whatever else the row says.
func TestMissingColumnsAndValues(t *testing.T) {
	const h = "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tt_depth\tt_ref_count\tt_alt_count\n"
	const row = "BRAF\t7\t140453136\tA\tA\tT\tS1\t100\t80\t20\n"
	drop := func(col string) string {
		var out []string
		for _, l := range strings.Split(strings.TrimSuffix(h+row, "\n"), "\n") {
			cells := strings.Split(l, "\t")
			i := slices.Index(strings.Split(strings.TrimSuffix(h, "\n"), "\t"), col)
			out = append(out, strings.Join(slices.Delete(cells, i, i+1), "\t"))
		}
		return strings.Join(out, "\n") + "\n"
	}
	for _, col := range []string{"Chromosome", "Start_Position", "Reference_Allele", "Tumor_Seq_Allele2"} {
		_, err := ReadAll(strings.NewReader(drop(col)), Options{File: "x.maf"})
		var le *concordance.LineError
		if !errors.As(err, &le) || le.Line != 1 || !strings.Contains(err.Error(), "header lacks "+col) {
			t.Errorf("without %s: %v, want an error on line 1 naming it", col, err)
		}
	}
	// Without Tumor_Sample_Barcode the file is one sample: read when the
	// sheet names none, an error at the header when it names one.
	f, err := ReadAll(strings.NewReader(drop("Tumor_Sample_Barcode")), Options{File: "x.maf"})
	if err != nil {
		t.Fatal(err)
	}
	if sd, err := f.Use("", "P1", concordance.Tissue, &concordance.Ledger{}); err != nil || len(sd.Calls) != 1 {
		t.Errorf("no barcode, no sample id: %v, %v; want the one call", sd, err)
	}
	_, err = f.Use("S1", "P1", concordance.Tissue, &concordance.Ledger{})
	var le *concordance.LineError
	if !errors.As(err, &le) || le.Line != 1 || !strings.Contains(err.Error(), `no Tumor_Sample_Barcode column to select sample "S1"`) {
		t.Errorf("no barcode, sample S1 asked for: %v", err)
	}
	for _, tc := range []struct{ name, row, want string }{
		{"alt count over depth", "BRAF\t7\t140453136\tA\tA\tT\tS1\t100\t0\t120\n", "t_alt_count 120 exceeds t_depth 100"},
		{"negative depth", "BRAF\t7\t140453136\tA\tA\tT\tS1\t-100\t80\t20\n", `t_depth is "-100": want a read count`},
		{"alt count not a number", "BRAF\t7\t140453136\tA\tA\tT\tS1\t100\t80\tmany\n", `t_alt_count is "many"`},
		{"row cut short", "BRAF\t7\t140453136\tA\tA\tT\tS1\n", "the row has 7 fields but the header has 10"},
	} {
		_, err := ReadAll(strings.NewReader(h+row+tc.row), Options{File: "x.maf"})
		if !errors.As(err, &le) || le.Line != 3 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want line 3 saying %q", tc.name, err, tc.want)
		}
	}
}

func TestMalformed(t *testing.T) {
	const h = "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tVariant_Type\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tNCBI_Build\tt_depth\tt_alt_count\n"
	tests := []struct {
		name, text string
		line       int
		suspect    bool
	}{
		{"no header", "", 0, false},
		{"header lacks alleles", "Hugo_Symbol\tChromosome\tStart_Position\n", 1, false},
		{"bad start", h + "A\t1\tx\t1\tSNP\tA\tC\tS\tGRCh37\t10\t2\n", 2, false},
		{"rsID as allele", h + "A\t1\t5\t5\tSNP\tA\trs123\tS\tGRCh37\t10\t2\n", 2, true},
		{"unknown Variant_Type", h + "A\t1\t5\t5\tMissense_Mutation\tA\tC\tS\tGRCh37\t10\t2\n", 2, true},
		{"End does not fit the alleles", h + "A\t1\t5\t9\tSNP\tA\tC\tS\tGRCh37\t10\t2\n", 2, true},
		{"two builds in one sample", h + "A\t1\t5\t5\tSNP\tA\tC\tS\tGRCh37\t10\t2\nA\t1\t6\t6\tSNP\tA\tC\tS\tGRCh38\t10\t2\n", 3, false},
		{"alt count over depth", h + "A\t1\t5\t5\tSNP\tA\tC\tS\tGRCh37\t10\t12\n", 2, false},
		{"short row", h + "A\t1\t5\t5\tSNP\tA\tC\tS\tGRCh37\t10\t2\nA\t1\t6\t6\tSNP\tA\tC\n", 3, false},
		{"empty barcode", h + "A\t1\t5\t5\tSNP\tA\tC\t\tGRCh37\t10\t2\n", 2, false},
		{"allele equals reference", h + "A\t1\t5\t5\tSNP\tA\tA\tS\tGRCh37\t10\t2\n", 2, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadAll(strings.NewReader(tc.text), Options{File: "bad.maf"})
			var le *concordance.LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %v, want a LineError", err)
			}
			if le.Line != tc.line {
				t.Errorf("line %d, want %d (%v)", le.Line, tc.line, err)
			}
			if errors.Is(err, ErrSuspect) != tc.suspect {
				t.Errorf("suspect = %v, want %v (%v)", errors.Is(err, ErrSuspect), tc.suspect, err)
			}
		})
	}
}
