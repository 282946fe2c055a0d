package evidence

import (
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/schema"
)

// EvidenceFilteredCall marks evidence from the other sample's own call file:
// its caller wrote the allele under a non-PASS FILTER (DRAGEN weak_evidence,
// Pisces LowVariantFreq), i.e. saw it below its reporting threshold.
const EvidenceFilteredCall = schema.EvidenceFilteredCall

// FilteredCalls is a classifier: an alteration called on one side only,
// with no evidence yet on the other side, is below_threshold there (flag
// filtered_in_other) when the other sample's call file has the same allele
// under a FILTER. It reads the sites the pipeline kept while reading
// (pipeline.Config.FilteredSites), so it costs no second pass over a file.
// Alleles are compared after the same normalisation as calls; a FILTERed
// record that does not normalise (a REF mismatch, say) is not evidence.
type FilteredCalls struct {
	// Reference is the genome alleles are normalised against, as the
	// pipeline normalises calls; nil trims only.
	Reference *normalize.FASTA
	// Window is how far from the call (in bases) a FILTERed record may
	// start and still be looked at: an indel in a repeat may be written
	// far from its left-aligned position. 0 means 100.
	Window int
}

// Classify marks the patient's discordant rows.
func (f FilteredCalls) Classify(pr *concordance.PatientResult) error {
	window := f.Window
	if window <= 0 {
		window = 100
	}
	for i := range pr.Rows {
		r := &pr.Rows[i]
		if !r.Class.IsSmall() || r.Chrom == "" || r.Pos <= 0 {
			continue
		}
		for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
			o := r.Side(s)
			if o.Status != concordance.NotDetected || r.Side(s.Other()).Status != concordance.Called || pr.Filtered[s].Len() == 0 {
				continue
			}
			if filter := f.find(pr.Filtered[s], r, window); filter != "" {
				o.Status = concordance.BelowThreshold
				r.Flags |= concordance.FlagFilteredOther
				if !o.Evidence.Looked() {
					o.Evidence = concordance.Evidence{Source: EvidenceFilteredCall, AltReads: -1, Depth: -1}
				}
			}
		}
	}
	return nil
}

// find returns the FILTER of a record of the row's allele, "" when none.
func (f FilteredCalls) find(sites *concordance.FilteredSites, r *concordance.Row, window int) string {
	key, contig := r.Variant.MatchKey(), concordance.ContigKey(r.Chrom)
	norm := normalize.Normalizer{Ref: f.Reference}
	found := ""
	sites.Near(r.Pos, window+len(r.Ref), func(site concordance.FilteredSite) bool {
		if concordance.ContigKey(site.Chrom) != contig {
			return true
		}
		for _, alt := range strings.Split(site.Alts, ",") {
			if alt == "" || alt[0] == '<' || alt == "*" || alt == "." {
				continue
			}
			v, err := norm.Normalize(concordance.Variant{Chrom: site.Chrom, Pos: site.Pos, Ref: strings.ToUpper(site.Ref), Alt: strings.ToUpper(alt)})
			if err == nil && v.MatchKey() == key {
				found = site.Filter
				return false
			}
		}
		return true
	})
	return found
}
