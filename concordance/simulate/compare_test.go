package simulate

import (
	"strings"
	"testing"
)

func TestCompareTruth(t *testing.T) {
	truth := "patient_id\tclass\tgene\tpartner\tchrom\tpos\tref\talt\torigin\texpected_category\n" +
		"P1\tsnv\tBRAF\t.\tchr7\t100\tT\tA\ttumour_clonal\tshared\n" +
		"P1\tsnv\tTP53\t.\tchr17\t50\tC\tT\tch\tplasma_only\n" +
		"P1\tsnv\tKRAS\t.\tchr12\t20\tG\tA\tgermline\texcluded:germline\n" +
		"P1\tfusion\tALK\tEML4\t.\t.\t.\t.\ttumour_clonal\ttissue_only\n" +
		"P2\tamplification\tERBB2\t.\t.\t.\t.\t.\ttumour_clonal\ttissue_only\n"
	alts := "patient_id\tclass\tgene\tpartner\tchrom\tpos\tref\talt\tcategory\n" +
		"P1\tsnv\tBRAF\t.\tchr7\t100\tT\tA\tshared\n" +
		"P1\tsnv\tTP53\t.\tchr17\t50\tC\tT\tshared\n" + // wrong category
		"P1\tsnv\tKRAS\t.\tchr12\t20\tG\tA\tnot_compared\n" + // excluded: fine
		"P1\tfusion\tEML4\tALK\t.\t.\t.\t.\ttissue_only\n" + // pair order does not matter
		"P2\tsnv\tNRAS\t.\tchr1\t5\tC\tA\tplasma_only\n" // not in the truth; ERBB2 missing
	cmp, err := CompareTruth(strings.NewReader(truth), strings.NewReader(alts))
	if err != nil {
		t.Fatal(err)
	}
	if cmp.Agreed["shared"] != 1 || cmp.Agreed["tissue_only"] != 1 {
		t.Errorf("agreed %v, want 1 shared and 1 tissue_only", cmp.Agreed)
	}
	want := []string{
		"P1 small:chr17:50:C:T plasma_only shared",
		"P2 amplification:ERBB2 tissue_only missing",
		"P2 small:chr1:5:C:A not_in_truth plasma_only",
	}
	if len(cmp.Discrepancies) != len(want) {
		t.Fatalf("discrepancies %v, want %v", cmp.Discrepancies, want)
	}
	for i, d := range cmp.Discrepancies {
		if got := d.Patient + " " + d.Key + " " + d.Expected + " " + d.Got; got != want[i] {
			t.Errorf("discrepancy %d: %s, want %s", i, got, want[i])
		}
	}
	if _, err := CompareTruth(strings.NewReader("patient_id\tclass\n"), strings.NewReader(alts)); err == nil || !strings.Contains(err.Error(), `no column "gene"`) {
		t.Errorf("missing column: err = %v", err)
	}
}
