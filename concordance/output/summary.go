package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/concord-oncology/concord/concordance/schema"
)

// WriteSummary writes summary.json, indented, with a final newline.
func WriteSummary(w io.Writer, s *schema.Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// Headline is a run's result in one line: patients, alterations, union
// shares and PPA with its counts ("." for an undefined share).
func Headline(s *schema.Summary) string {
	pct := func(p *float64) string {
		if p == nil {
			return "."
		}
		return fmt.Sprintf("%.1f%%", 100**p)
	}
	tag := ""
	if s.Synthetic {
		tag = " (SYNTHETIC cohort)"
	}
	h := fmt.Sprintf("%d patients%s, %d alterations: shared %s, tissue-only %s, plasma-only %s; PPA %s (%d/%d)",
		s.Patients, tag, s.Alterations.Total, pct(s.UnionShares.Shared), pct(s.UnionShares.TissueOnly), pct(s.UnionShares.PlasmaOnly),
		pct(s.PPA.Value), s.PPA.Numerator, s.PPA.Denominator)
	if n := len(s.Skipped); n > 0 {
		ids := make([]string, 0, 3)
		for _, p := range s.Skipped[:min(n, 3)] {
			ids = append(ids, p.Patient)
		}
		more := ""
		if n > 3 {
			more = ", ..."
		}
		h += fmt.Sprintf("; %d patients SKIPPED (%s%s: their files could not be read; see summary.json and ledger.tsv)", n, strings.Join(ids, ", "), more)
	}
	return h
}
