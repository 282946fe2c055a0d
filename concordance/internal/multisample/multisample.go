// Package multisample keeps the calls of a table that holds many samples
// (MAF, cBioPortal files, the report-level table), read once and handed out
// sample by sample, so that every row is counted in the ledger exactly
// once: with the patient and side of the first use of its sample, or as
// other_sample when no patient uses it.
package multisample

import (
	"errors"
	"fmt"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/internal/text"
)

// Sample is one sample's rows.
type Sample struct {
	ID    string
	Build string
	// Calls are the rows kept, in file order.
	Calls []concordance.Call
	// Excluded counts the rows not kept, by reason and detail.
	Excluded []Exclusion
	// Rows is the number of data rows of the sample (kept + excluded).
	Rows       int
	Biomarkers concordance.Biomarkers
	used       bool
	seen       map[string]bool
}

// Exclusion counts excluded rows of a sample.
type Exclusion struct {
	Reason, Detail string
	Rows           int64
}

// Add keeps a call read from one row, or counts the row as filtered (FILTER
// not PASS and allFilters false) or as a duplicate of a kept call.
func (s *Sample) Add(c concordance.Call, allFilters bool) {
	s.Rows++
	switch k := c.Key(); {
	case c.Filter != "PASS" && !allFilters:
		s.exclude(concordance.ReasonFiltered, c.Filter)
	case s.seen[k]:
		s.exclude(concordance.ReasonDuplicate, "")
	default:
		if s.seen == nil {
			s.seen = map[string]bool{}
		}
		s.seen[k] = true
		s.Calls = append(s.Calls, c)
	}
}

// Exclude counts one row that gave no call.
func (s *Sample) Exclude(reason, detail string) {
	s.Rows++
	s.exclude(reason, detail)
}

func (s *Sample) exclude(reason, detail string) {
	for i := range s.Excluded {
		if s.Excluded[i].Reason == reason && s.Excluded[i].Detail == detail {
			s.Excluded[i].Rows++
			return
		}
	}
	s.Excluded = append(s.Excluded, Exclusion{Reason: reason, Detail: detail, Rows: 1})
}

// Set is the samples of one file.
type Set struct {
	Name    string    // file name for the ledger
	Samples []*Sample // in order of first appearance
	byID    map[string]*Sample
	// NoIDColumn names the column that selects samples when the file's
	// header lacks it (a MAF without Tumor_Sample_Barcode): its rows are one
	// sample, and asking for a sample id by name is an error at HeaderLine,
	// not a silent "no rows for the sample".
	NoIDColumn string
	HeaderLine int
}

// Get returns the sample with id, creating it.
func (s *Set) Get(id string) *Sample {
	if x, ok := s.byID[id]; ok {
		return x
	}
	if s.byID == nil {
		s.byID = map[string]*Sample{}
	}
	x := &Sample{ID: id, Biomarkers: concordance.NoBiomarkers()}
	s.byID[id] = x
	s.Samples = append(s.Samples, x)
	return x
}

// Lookup returns the sample with id, if the file has rows for it.
func (s *Set) Lookup(id string) (*Sample, bool) {
	x, ok := s.byID[id]
	return x, ok
}

// ErrNoRows reports a sample absent from a multi-sample file: it may have
// had no calls, or its id may be misspelt; callers decide which to assume.
var ErrNoRows = errors.New("no rows for the sample")

// Use returns the calls of sample id for a patient's side and counts its
// rows in led (used, and each exclusion) the first time the sample is
// used. A sample without rows is an error.
//
// An empty id selects the file's only sample; it is an error when the file
// holds several (which one would be a guess).
func (s *Set) Use(id, patient string, side concordance.Side, led *concordance.Ledger) (*concordance.SampleData, error) {
	if s.NoIDColumn != "" && id != "" {
		return nil, &concordance.LineError{Line: s.HeaderLine, Err: fmt.Errorf("the header has no %s column to select sample %q by (the sheet names it): add the column, or leave the sample id empty", s.NoIDColumn, id)}
	}
	if _, ok := s.byID[id]; !ok && id == "" && len(s.Samples) > 0 {
		if len(s.Samples) > 1 {
			return nil, fmt.Errorf("the file holds %d samples (%s); the sheet must name the one to read", len(s.Samples), s.names(3))
		}
		id = s.Samples[0].ID
	}
	x, ok := s.byID[id]
	if !ok {
		return nil, fmt.Errorf("%w: sample %s in %s", ErrNoRows, concordance.Quote(id), s.Name)
	}
	calls := make([]concordance.Call, len(x.Calls))
	copy(calls, x.Calls)
	for i := range calls {
		calls[i].Side = side
	}
	if !x.used {
		x.used = true
		for _, e := range x.Excluded {
			led.Add(s.Name, patient, side, e.Reason, e.Detail, e.Rows)
		}
	}
	return &concordance.SampleData{Calls: calls, Build: x.Build, Biomarkers: x.Biomarkers, Sample: id}, nil
}

// names lists up to n sample ids, quoted and clipped.
func (s *Set) names(n int) string {
	var b strings.Builder
	for i, x := range s.Samples {
		if i == n {
			fmt.Fprintf(&b, ", … %d more", len(s.Samples)-n)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(text.Quote(x.ID))
	}
	return b.String()
}

// CountUnused counts the rows of every sample not yet used as other_sample
// (detail: the sample id) under the given patient and side, and marks them
// used.
func (s *Set) CountUnused(patient string, side concordance.Side, led *concordance.Ledger) {
	for _, x := range s.Samples {
		if !x.used {
			x.used = true
			led.Add(s.Name, patient, side, concordance.ReasonOtherSample, x.ID, int64(x.Rows))
		}
	}
}

// ReadOne is the single-sample reading of a multi-sample file: the
// sample opt.SampleID (or the only one when it is ""), with every other
// sample's rows counted as other_sample under opt's patient and side.
func (s *Set) ReadOne(opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	sd, err := s.Use(opt.SampleID, opt.Patient, opt.Side, led)
	if err != nil {
		return nil, err
	}
	s.CountUnused(opt.Patient, opt.Side, led)
	return sd, nil
}
