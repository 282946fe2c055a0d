package output

import (
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance/schema"
)

// pairs.tsv has one row per sample: the chosen tissue and plasma samples
// of each patient (each sample of a --pairing union choice on its own
// row), then the samples left unpaired with the reason.
func TestWritePairs(t *testing.T) {
	var b strings.Builder
	err := WritePairs(&b, &schema.Pairs{
		Choices: []schema.PairChoice{
			{Patient: "P1", Tissue: "P1-T", Plasma: "P1-P2", Rule: "nearest"},
			{Patient: "P2", Tissue: "P2-T1;P2-T2", Plasma: "P2-P", Rule: "union"},
		},
		Unpaired: []schema.PairLeftOut{{Sample: "P1-P1", Patient: "P1", Reason: "another plasma sample was chosen (nearest)"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "patient_id\tsample_id\tpaired_as\tnote\n" +
		"P1\tP1-T\ttissue\tnearest\nP1\tP1-P2\tplasma\tnearest\n" +
		"P2\tP2-T1\ttissue\tunion\nP2\tP2-T2\ttissue\tunion\nP2\tP2-P\tplasma\tunion\n" +
		"P1\tP1-P1\t.\tanother plasma sample was chosen (nearest)\n"
	if b.String() != want {
		t.Errorf("pairs.tsv:\n%s\nwant\n%s", b.String(), want)
	}
}
