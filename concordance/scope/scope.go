package scope

import (
	"fmt"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/genes"
	"github.com/concord-oncology/concord/concordance/schema"
)

// Scope is which alterations count.
type Scope uint8

const (
	Coding     Scope = iota // the default
	All                     // every call
	Reportable              // what a clinical report lists
)

var names = map[Scope]string{All: schema.ScopeAll, Coding: schema.ScopeCoding, Reportable: schema.ScopeReportable}

func (s Scope) String() string { return names[s] }

// Parse reads a scope name (all, coding, reportable).
func Parse(s string) (Scope, error) {
	for k, n := range names {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return k, nil
		}
	}
	return Coding, fmt.Errorf("unknown scope %s (want %s)", concordance.Quote(s), strings.Join(schema.Scopes, ", "))
}

// Set and Type make a Scope a command-line flag value (pflag.Value).
func (s *Scope) Set(v string) error {
	k, err := Parse(v)
	if err == nil {
		*s = k
	}
	return err
}

// Type names the flag's value in help.
func (s *Scope) Type() string { return "scope" }

// Defaults of the Reportable thresholds: the InPreD report rules as issue
// 11 quotes them (copy number above 6; fusions with at least 3 unique
// supporting reads).
const (
	DefaultMinCopyNumber  = 6.0
	DefaultMinFusionReads = 3
)

// Options choose the scope and the Reportable thresholds.
type Options struct {
	Scope Scope
	// MinCopyNumber: an amplification is reportable when its total copy
	// number (or 2 × its fold change) is above it.
	MinCopyNumber float64
	// MinFusionReads: a fusion is reportable with at least this many
	// supporting reads.
	MinFusionReads int
}

// DefaultOptions are concord's defaults: the Coding scope, InPreD's
// thresholds for Reportable.
func DefaultOptions() Options {
	return Options{Scope: Coding, MinCopyNumber: DefaultMinCopyNumber, MinFusionReads: DefaultMinFusionReads}
}

// Validate refuses impossible thresholds.
func (o Options) Validate() error {
	switch {
	case !(o.MinCopyNumber >= 0) || o.MinCopyNumber > 1000:
		return fmt.Errorf("scope: --min-copy-number %v (want a copy number from 0 to 1000)", o.MinCopyNumber)
	case o.MinFusionReads < 0:
		return fmt.Errorf("scope: --min-fusion-reads %d (want 0 or more)", o.MinFusionReads)
	}
	return nil
}

// decision is what the scope makes of one call or row.
type decision uint8

const (
	undecided decision = iota // kept, flagged scope_unknown
	in
	out
)

// Classify applies the scope to one patient's rows. Use it as the last
// pipeline.Config.Classify step, after the explanation: the tumour
// fraction, purity and CH flags are the sample's whatever the scope, and a
// row left out keeps the reason it would have had only in its category.
//
// A row is in the scope when any of its calls is (an MNV matched to its
// SNVs is in when the MNV is missense though one SNV alone is synonymous);
// left out when every call is out; otherwise (no call decides, the rest
// out) kept and flagged scope_unknown. A row left out becomes not_compared
// with reason out_of_scope; its statuses and evidence stay as they were.
func (o Options) Classify(pr *concordance.PatientResult) error {
	if o.Scope == All {
		return nil
	}
	for i := range pr.Rows {
		r := &pr.Rows[i]
		d := out
		for _, c := range append(append([]*concordance.Call(nil), r.Tissue.Calls...), r.Plasma.Calls...) {
			switch o.call(c) {
			case in:
				d = in
			case undecided:
				if d == out {
					d = undecided
				}
			}
			if d == in {
				break
			}
		}
		switch d {
		case undecided:
			r.Flags |= concordance.FlagScopeUnknown
		case out:
			r.Category = concordance.NotCompared
			r.Reason = schema.ReasonOutOfScope
		}
	}
	return nil
}

// call decides one call.
func (o Options) call(c *concordance.Call) decision {
	switch CallCoding(c) {
	case NotCoding:
		return out
	case CodingUnknown:
		return undecided
	}
	if o.Scope != Reportable {
		return in
	}
	switch c.Class {
	case concordance.Amplification:
		cn := c.CopyNumber
		if !concordance.Known(cn) && concordance.Known(c.FoldChange) {
			cn = 2 * c.FoldChange
		}
		if !concordance.Known(cn) {
			return undecided
		}
		return when(cn > o.MinCopyNumber)
	case concordance.Deletion:
		return when(genes.IsDriver(genes.Current(c.Gene)))
	case concordance.Fusion:
		if c.AltReads < 0 {
			return undecided
		}
		return when(c.AltReads >= o.MinFusionReads)
	case concordance.Splice:
		return in
	}
	return o.smallReportable(c)
}

// smallReportable decides a Coding small variant under Reportable: in at a
// listed hotspot or one the caller marked, or truncating in a driver gene;
// undecided without a protein change or a consequence to tell.
func (o Options) smallReportable(c *concordance.Call) decision {
	if c.Flags.Has(concordance.FlagHotspot) && !c.Flags.Has(concordance.FlagGermlineCaller) {
		return in
	}
	e := explain.EffectOf(c)
	if e.HasChange && Hotspot(genes.Current(c.Gene), e.Change) {
		return in
	}
	switch e.Kind {
	case explain.Truncating:
		return when(genes.IsDriver(genes.Current(c.Gene)))
	case explain.KindUnknown:
		return undecided
	}
	return out
}

func when(ok bool) decision {
	if ok {
		return in
	}
	return out
}
