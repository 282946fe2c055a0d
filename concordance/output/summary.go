package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/concord-oncology/concord/concordance/schema"
)

// WriteSummary writes summary.json, indented, with a final newline.
func WriteSummary(w io.Writer, s *schema.Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// Closing writes what a run prints when it is done: the headline, the
// ledger totals and where the results are, then summary.json's warnings,
// one a line.
func Closing(w io.Writer, s *schema.Summary, out string, elapsed time.Duration) {
	l := s.Ledger
	fmt.Fprintf(w, "%s\nrecords read %d, used %d, excluded %d (see ledger.tsv); results in %s (%.2fs)\n",
		Headline(s), l.RecordsRead, l.RecordsUsed, l.RecordsExcluded, out, elapsed.Seconds())
	for _, x := range s.Warnings {
		fmt.Fprintf(w, "warning: %s\n", x)
	}
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
	h := fmt.Sprintf("%d patients%s, %d alterations: shared %s, tissue-only %s, plasma-only %s; PPA %s (%d/%d); %s",
		s.Patients, tag, s.Alterations.Total, pct(s.UnionShares.Shared), pct(s.UnionShares.TissueOnly), pct(s.UnionShares.PlasmaOnly),
		pct(s.PPA.Value), s.PPA.Numerator, s.PPA.Denominator, scopeLine(s.Scope))
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

// scopeLine says which alterations counted: the scope, how many it left
// out and how many it kept undecided.
func scopeLine(sc schema.ScopeSummary) string {
	if sc.Name == "" || sc.Name == schema.ScopeAll {
		return "scope all (every call)"
	}
	line := fmt.Sprintf("scope %s: %d left out (not_compared, out_of_scope)", sc.Name, sc.OutOfScope)
	if sc.ScopeUnknown > 0 {
		line += fmt.Sprintf(", %d kept with scope_unknown", sc.ScopeUnknown)
	}
	return line
}
