package analysis

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/cbioportal"
	"github.com/concord-oncology/concord/concordance/schema"
)

// Thresholds of the headline warnings.
const (
	// filteredWarnShare: the FILTER rule removed at least this share of a
	// side's call records. "Most" is set at four in five so that a
	// TSO500 ctDNA cohort, whose DRAGEN VCFs keep their many filtered
	// low-support records (the demo: 65% of plasma records), is not warned
	// about, while a caller that marks few calls PASS (issue 11: a
	// Mutect2-style cohort lost 93%) is.
	filteredWarnShare = 0.8
	// notComparedWarnShare: more than this share of the alterations lie
	// outside the comparison universe (issue 11 §5: "more than a tenth").
	notComparedWarnShare = 0.1
)

// headlineWarnings are the headline's closing lines (issue 11 §5–§7), in a
// fixed order; none when nothing calls for one.
func headlineWarnings(pp *PerPatient, opt *Options) []string {
	out := []string{}
	if w := referenceWarning(pp); w != "" {
		out = append(out, w)
	}
	if !opt.AllFilters {
		out = append(out, filterWarnings(pp.Ledger)...)
	}
	out = append(out, emptySampleWarnings(pp)...)
	if w := universeWarning(pp); w != "" {
		out = append(out, w)
	}
	if w := pairingWarning(pp, opt.Pairing); w != "" {
		out = append(out, w)
	}
	return out
}

// referenceWarning: without a reference, indels are not left-aligned, and
// the counts change (the demo: 2,885 alterations trimmed only, 2,857
// left-aligned; issue 11 §7).
func referenceWarning(pp *PerPatient) string {
	if pp.Reference != "" {
		return ""
	}
	indels := 0
	for i := range pp.Patients {
		for j := range pp.Patients[i].Rows {
			if r := &pp.Patients[i].Rows[j]; r.Class.IsSmall() && r.Chrom != "" && len(r.Ref) != len(r.Alt) {
				indels++
			}
		}
	}
	if indels == 0 {
		return ""
	}
	return fmt.Sprintf("no --reference: %d indel rows were trimmed but not left-aligned, so one indel written at two places of a repeat counts as two discordant ones; give --reference FASTA for counts to publish", indels)
}

// filterWarnings: the PASS rule removed most of a side's call records.
func filterWarnings(led *concordance.Ledger) []string {
	var filtered, used [2]int64
	for e := range led.All() {
		if e.Side != concordance.Tissue && e.Side != concordance.Plasma {
			continue
		}
		switch e.Reason {
		case concordance.ReasonFiltered:
			filtered[e.Side] += e.Records
		case concordance.ReasonUsed:
			used[e.Side] += e.Records
		}
	}
	var out []string
	for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
		n := filtered[s] + used[s]
		if n == 0 || float64(filtered[s]) < filteredWarnShare*float64(n) {
			continue
		}
		out = append(out, fmt.Sprintf("the FILTER rule (PASS or '.' only) removed %.0f%% of the %s calls (%d of %d records): a caller that marks real calls with other filters loses them; compare with --all-filters",
			100*float64(filtered[s])/float64(n), s, filtered[s], n))
	}
	return out
}

// emptySampleWarnings: a sample whose files hold no record at all (not
// even a filtered or germline one) makes its patient's ctDNA "not
// detected" (plasma) or leaves every plasma call plasma-only (tissue),
// where the sample may simply not have been assessed.
func emptySampleWarnings(pp *PerPatient) []string {
	var records [2]map[string]int64
	records[concordance.Tissue], records[concordance.Plasma] = map[string]int64{}, map[string]int64{}
	for e := range pp.Ledger.All() {
		if e.Side == concordance.Tissue || e.Side == concordance.Plasma {
			records[e.Side][e.Patient] += e.Records
		}
	}
	var out []string
	for _, s := range []concordance.Side{concordance.Plasma, concordance.Tissue} {
		var ids []string
		for i := range pp.Patients {
			pr := &pp.Patients[i]
			if !pr.Failed[s] && records[s][pr.Patient.ID] == 0 {
				ids = append(ids, pr.Patient.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		what := "ctDNA counts as not detected for them"
		if s == concordance.Tissue {
			what = "every plasma call of theirs counts as plasma-only"
		}
		out = append(out, fmt.Sprintf("%d %s samples have no call at all in their files (%s): %s; if a sample was not assessed, say so in the sheet's %s_qc column (not_assessed)",
			len(ids), s, listIDs(ids), what, s))
	}
	return out
}

// listIDs names up to three ids and counts the rest.
func listIDs(ids []string) string {
	const show = 3
	if len(ids) <= show {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:show], ", "), len(ids)-show)
}

// universeWarning: more than a tenth of the in-scope alterations that
// could be compared lie outside the comparison universe (issue 11 §5: a
// cohort on other assays than the default panel's loses most of its calls
// silently). Rows of failed samples and out-of-scope rows are not counted
// either way.
func universeWarning(pp *PerPatient) string {
	outside, n := 0, 0
	for i := range pp.Patients {
		pr := &pp.Patients[i]
		if pr.Failed[concordance.Tissue] || pr.Failed[concordance.Plasma] {
			continue
		}
		for j := range pr.Rows {
			r := &pr.Rows[j]
			switch {
			case r.Reason == schema.ReasonOutOfScope:
				// not in scope (--scope): outside the question, whatever the panels
			case r.Category != concordance.NotCompared:
				n++
			case r.Flags.Has(concordance.FlagOffPanel):
				n++
				outside++
			}
		}
	}
	if n == 0 || float64(outside) <= notComparedWarnShare*float64(n) {
		return ""
	}
	return fmt.Sprintf("%.0f%% of the alterations (%d of %d) lie outside the comparison universe and are not compared (tissue panel: %s; plasma panel: %s): if these are not the assays' panels, name them (sheet columns tissue_assay/plasma_assay or tissue_panel/plasma_panel, --tissue-panel/--plasma-panel); --universe all compares everything",
		100*float64(outside)/float64(n), outside, n, listIDs(pp.Panels[concordance.Tissue]), listIDs(pp.Panels[concordance.Plasma]))
}

// pairingWarning says how a cBioPortal study's patients with several
// samples of a kind were paired (issue 11 §6): the choice changes the
// counts, so the headline names it.
func pairingWarning(pp *PerPatient, pairing string) string {
	if pp.Pairs == nil {
		return ""
	}
	if pairing == "" {
		pairing = cbioportal.PairNearest
	}
	var several []string
	rules := map[string]int{}
	for _, c := range pp.Pairs.Choices {
		if len(c.TissueCandidates) > 1 || len(c.PlasmaCandidates) > 1 {
			several = append(several, c.Patient)
			rules[c.Rule]++
		}
	}
	if len(several) == 0 {
		return ""
	}
	var how []string
	for _, r := range slices.Sorted(maps.Keys(rules)) {
		how = append(how, fmt.Sprintf("%d %s", rules[r], r))
	}
	return fmt.Sprintf("cBioPortal pairing --pairing %s: %d of %d patients have several tissue or plasma samples (%s): %s; pairs.tsv lists the choices and the candidates (--pairing first|latest|union to choose otherwise)",
		pairing, len(several), len(pp.Pairs.Choices), listIDs(several), strings.Join(how, "; "))
}
