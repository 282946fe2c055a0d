package sheet

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// FuzzSheet reads any bytes as a sample sheet. A refusal must be a
// LineError on a line the text has, with a one-line message of bounded
// length (values are clipped); an accepted sheet must have patients with
// unique, non-empty ids, call files for every side not marked failed, and
// only text that can reach the outputs (concordance.CheckText).
func FuzzSheet(f *testing.F) {
	for _, p := range []string{"../../../testdata/cohort/samplesheet.tsv", "../../../testdata/evidence/samplesheet.tsv"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("patient_id,tissue_calls,plasma_calls,cancer_type,stage,tissue_format\r\nA,\"t,1.vcf\",p.vcf,\"Breast, HR+\",2,vcf\r\n"))
	f.Add([]byte("\ufeff# concord-synthetic: x\npatient\ttissue_vcf\tplasma_vcf\tplasma_qc\tage\nP1\t\tb\tfailed\t50\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sh, err := Read(strings.NewReader(string(data)), Options{BaseDir: "/base"})
		if err != nil {
			var le *concordance.LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a LineError", err)
			}
			if lines := strings.Count(string(data), "\n") + 1; le.Line < 1 || le.Line > lines {
				t.Fatalf("error on line %d of a %d-line text: %v", le.Line, lines, err)
			}
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r\x00") || len(msg) > 8192 {
				t.Fatalf("message not one bounded line (%d bytes): %.300q", len(msg), msg)
			}
			return
		}
		seen := map[string]bool{}
		for _, p := range sh.Patients {
			if p.ID == "" || seen[p.ID] {
				t.Fatalf("patient id %q empty or repeated", p.ID)
			}
			seen[p.ID] = true
			for _, s := range []string{p.ID, p.CancerType, p.OncotreeCode, p.StageRaw, p.Tissue.ID, p.Plasma.ID} {
				if err := concordance.CheckText(s); err != nil {
					t.Fatalf("accepted text that cannot reach the outputs: %v", err)
				}
			}
			for k, v := range p.Extra {
				if concordance.CheckText(k) != nil || concordance.CheckText(v) != nil {
					t.Fatalf("accepted extra column %q = %q", k, v)
				}
			}
			for _, ref := range []*concordance.SampleRef{&p.Tissue, &p.Plasma} {
				if len(ref.Calls) == 0 && !ref.IsFailed() || len(ref.Formats) != len(ref.Calls) {
					t.Fatalf("sample %+v: calls and formats do not fit", ref)
				}
			}
		}
	})
}
