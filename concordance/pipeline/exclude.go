package pipeline

import (
	"errors"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/hgvs"
	"github.com/concord-oncology/concord/concordance/normalize"
)

// normalise puts every small variant in canonical form. A record that
// is not a variant once normalised (REF equal to ALT) is counted, not fatal.
func (w *worker) normalise(calls []concordance.Call, outcome []string) error {
	for i := range calls {
		c := &calls[i]
		if c.Protein != "" {
			// One notation for protein changes (p.Val600Glu -> p.V600E);
			// a change hgvs cannot parse is kept as written.
			if p, err := hgvs.Canonical(c.Protein); err == nil {
				c.Protein = p
			}
		}
		if !c.Class.IsSmall() || c.Chrom == "" {
			continue
		}
		v, err := w.norm.Normalize(c.Variant)
		if errors.Is(err, normalize.ErrNotVariant) {
			outcome[i] = concordance.ReasonNotVariant
			continue
		}
		if err != nil {
			return &concordance.InputError{File: c.Source.File, Line: c.Source.Line, Err: err}
		}
		c.Variant = v
		c.Class = v.SmallClass()
	}
	return nil
}

// mnvComponents keeps a DRAGEN MNV once: records sharing an MNVTAG are
// one event, written as the MNV and as its component SNVs. The record that
// spells the tag's change is kept; the others are counted as components.
// When the MNV record itself is absent (filtered), the components stand.
func mnvComponents(calls []concordance.Call, outcome []string) {
	whole := map[string]bool{}
	for i := range calls {
		c := &calls[i]
		if c.Group != "" && tagMatches(c.Group, c) {
			whole[c.Group] = true
		}
	}
	for i := range calls {
		c := &calls[i]
		if c.Group != "" && whole[c.Group] && !tagMatches(c.Group, c) && outcome[i] == "" {
			outcome[i] = concordance.ReasonMNVComponent
		}
	}
}

// tagMatches reports whether a call, as written in its file, is the change
// an MNVTAG (chrom:pos_REF->ALT) describes.
func tagMatches(tag string, c *concordance.Call) bool {
	_, rest, ok := strings.Cut(tag, ":")
	if !ok {
		return false
	}
	pos, change, ok := strings.Cut(rest, "_")
	if !ok {
		return false
	}
	ref, alt, ok := strings.Cut(change, "->")
	if !ok {
		return false
	}
	p, err := strconv.Atoi(pos)
	return err == nil && p == c.OrigPos && ref == c.OrigRef && alt == c.OrigAlt
}

// duplicates counts a second call of the same alteration in one sample.
func duplicates(calls []concordance.Call, outcome []string) {
	seen := make(map[string]bool, len(calls))
	for i := range calls {
		if outcome[i] != "" {
			continue
		}
		k := calls[i].Key()
		if seen[k] {
			outcome[i] = concordance.ReasonDuplicate
			continue
		}
		seen[k] = true
	}
}

// germline excludes calls the caller flagged germline and, because a
// germline variant belongs to the patient rather than to one sample, the
// same alteration in the other sample too. (The TSO500 Local App tissue VCF
// has no germline flag; DRAGEN flags the plasma call.)
func germline(calls *[2][]concordance.Call, outcome *[2][]string, detail *[2][]string) {
	flagged := [2]map[string]string{{}, {}}
	for s := range calls {
		for i := range calls[s] {
			c := &calls[s][i]
			if c.Flags.Has(concordance.FlagGermlineCaller) && (*outcome)[s][i] != concordance.ReasonSampleFailed {
				flagged[s][c.Key()] = c.GermlineStatus
			}
		}
	}
	for s := range calls {
		other := 1 - s
		for i := range calls[s] {
			c := &calls[s][i]
			if outcome[s][i] != "" {
				continue
			}
			if st, ok := flagged[s][c.Key()]; ok {
				outcome[s][i], detail[s][i] = concordance.ReasonGermline, st
			} else if st, ok := flagged[other][c.Key()]; ok {
				outcome[s][i], detail[s][i] = concordance.ReasonGermline, st+" in "+concordance.Side(other).String()
			}
		}
	}
}

// tallyRecords counts each record of a side once: used when any of its
// alleles was used, else with the reason of its first allele.
func tallyRecords(led *concordance.Ledger, patient string, side concordance.Side, calls []concordance.Call, outcome, detail []string) {
	for i := 0; i < len(calls); {
		j := i + 1
		for j < len(calls) && calls[j].Source == calls[i].Source {
			j++
		}
		reason, det := outcome[i], detail[i]
		for k := i; k < j; k++ {
			if outcome[k] == "" {
				reason, det = "", ""
				break
			}
		}
		if reason == "" {
			reason = concordance.ReasonUsed
		}
		led.Add(calls[i].Source.File, patient, side, reason, det, 1)
		i = j
	}
}
