package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/pipeline"
)

// TestSameFileBothSides: the same data as tissue and plasma of one patient
// is an error naming the sheet line and the patient (issue 10: PPA 100%
// without a word), unless AllowSameFile; one file read for two different
// samples is not the same data.
func TestSameFileBothSides(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	one := "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\n" +
		"chr7\t140453136\t.\tA\tT\t.\tPASS\t.\tGT:AF\t0/1:0.3\nchr12\t25398284\t.\tC\tA\t.\tPASS\t.\tGT:AF\t0/1:0.2\n"
	vcf := write("t.vcf", one)
	copyOf := write("p.vcf", one)
	joint := write("joint.vcf", "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\tP\n"+
		"chr7\t140453136\t.\tA\tT\t.\tPASS\t.\tGT:AF\t0/1:0.3\t0/1:0.01\nchr12\t25398284\t.\tC\tA\t.\tPASS\t.\tGT:AF\t0/1:0.2\t0/0:0\n")
	maf := write("c.maf", "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n"+
		"BRAF\t7\t140453136\t140453136\tA\tT\tT1\nBRAF\t7\t140453136\t140453136\tA\tT\tP1\n")
	report := write("r.tsv", "patient_id\tsample\tgene\talteration\nX\ttissue\tBRAF\tp.V600E\nX\tplasma\tBRAF\tp.V600E\n")

	refused := []struct {
		name    string
		p       concordance.Patient
		mention string
	}{
		{"one path twice", patient("X", vcf, "", vcf, ""), "t.vcf is both the tissue and the plasma calls"},
		{"a copy under another name", patient("X", vcf, "", copyOf, ""), "are identical (SHA-256 "},
		{"one column of a joint VCF twice", patient("X", joint, "T", joint, "T"), `read for sample "T" on both sides`},
		{"one MAF barcode twice", patient("X", maf, "T1", maf, "T1"), `read for sample "T1" on both sides`},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			tc.p.Line = 7
			_, err := pipeline.Run(context.Background(), []concordance.Patient{tc.p}, pipeline.Config{Sheet: "sheet.tsv"})
			var ie *concordance.InputError
			if !errors.As(err, &ie) || ie.File != "sheet.tsv" || ie.Line != 7 ||
				!strings.Contains(err.Error(), "patient X: ") || !strings.Contains(err.Error(), tc.mention) || !strings.Contains(err.Error(), "--allow-same-file") {
				t.Fatalf("err = %v; want sheet.tsv:7 naming patient X, %q and --allow-same-file", err, tc.mention)
			}
			// Check reads every file as Run does: the same refusal.
			if errs := pipeline.Check(context.Background(), []concordance.Patient{tc.p}, pipeline.Config{Sheet: "sheet.tsv"}); len(errs) != 1 || errs[0].Error() != err.Error() {
				t.Errorf("Check: %v, want the error of Run", errs)
			}
		})
	}
	t.Run("allowed", func(t *testing.T) {
		res := run(t, pipeline.Config{AllowSameFile: true}, patient("X", vcf, "", copyOf, ""))
		if c := res.Patients[0].Counts; c != (concordance.Counts{Shared: 2}) {
			t.Errorf("counts %+v, want both alterations shared", c)
		}
	})
	for _, tc := range []struct {
		name string
		p    concordance.Patient
		want concordance.Counts
	}{
		{"a joint VCF's two columns", patient("X", joint, "T", joint, "P"), concordance.Counts{Shared: 1, TissueOnly: 1}},
		{"a MAF's two barcodes", patient("X", maf, "T1", maf, "P1"), concordance.Counts{Shared: 1}},
		{"a report table's two sides", patient("X", report, "", report, ""), concordance.Counts{Shared: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, pipeline.Config{Match: concordance.MatchOptions{MaxTier: concordance.TierProtein}}, tc.p)
			if c := res.Patients[0].Counts; c != tc.want {
				t.Errorf("counts %+v, want %+v", c, tc.want)
			}
		})
	}
}
