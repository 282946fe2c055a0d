package concordance

import (
	"iter"
	"slices"
	"strings"

	"github.com/concord-oncology/concord/concordance/schema"
)

// Ledger reasons. Every input record is counted exactly once: as used, or
// as excluded with one of the other reasons (Detail refines it, e.g. the
// FILTER value or the symbolic allele).
const (
	ReasonUsed           = schema.LedgerUsed
	ReasonFiltered       = schema.LedgerFiltered       // FILTER is not PASS (and --all-filters was not given)
	ReasonGermline       = schema.LedgerGermline       // the caller marked the call germline (excluded by default)
	ReasonReferenceBlock = schema.LedgerReferenceBlock // gVCF reference record (ALT is "." or only <NON_REF>)
	ReasonSymbolic       = schema.LedgerSymbolic       // only symbolic or overlapping-deletion alleles (<M>, *, <DEL>, ...)
	ReasonNotInSample    = schema.LedgerNotInSample    // multi-sample file: the selected sample's genotype lacks the allele
	ReasonMNVComponent   = schema.LedgerMNVComponent   // a component record of a caller's MNV, kept once as the MNV (DRAGEN MNVTAG)
	ReasonDuplicate      = schema.LedgerDuplicate      // the same normalised alteration was already read from this sample
	ReasonNotVariant     = schema.LedgerNotVariant     // REF equals ALT once normalised
	ReasonNotReportable  = schema.LedgerNotReportable  // format-specific rows that are not calls (e.g. copy-neutral CNV records, KeepFusion=False)
	ReasonOtherSample    = schema.LedgerOtherSample    // multi-sample table: the row belongs to a sample not in this cohort
	ReasonSampleFailed   = schema.LedgerSampleFailed   // the sheet marks the sample failed: its calls are read and counted, not compared
	ReasonPatientSkipped = schema.LedgerPatientSkipped // a file of the patient could not be read and the run skips failed patients
)

// LedgerEntry counts the records of one input file that share an outcome.
type LedgerEntry struct {
	File    string
	Patient string
	Side    Side
	Reason  string // ReasonUsed or an exclusion reason
	Detail  string // "" when not refined
	Records int64
}

// Used reports whether the entry counts used records.
func (e LedgerEntry) Used() bool { return e.Reason == ReasonUsed }

type ledgerKey struct {
	file, patient  string
	side           Side
	reason, detail string
}

// Ledger accumulates record counts by file and reason. The zero value is
// ready to use. It is not safe for concurrent use; merge per-worker ledgers
// with Merge.
type Ledger struct {
	entries []LedgerEntry
	index   map[ledgerKey]int
}

func keyOf(e *LedgerEntry) ledgerKey {
	return ledgerKey{e.File, e.Patient, e.Side, e.Reason, e.Detail}
}

// Compact lets go of the index Add keeps (Add builds it again when
// needed): for a finished patient's ledger, kept for the rest of the run.
func (l *Ledger) Compact() {
	l.entries = slices.Clip(l.entries)
	l.index = nil
}

// Add counts n records of file with the given reason and detail.
func (l *Ledger) Add(file, patient string, side Side, reason, detail string, n int64) {
	if n == 0 && reason != ReasonPatientSkipped {
		// (a skipped patient's file is listed even when nothing of it was
		// read: the ledger names every file of the cohort)
		return
	}
	k := ledgerKey{file, patient, side, reason, detail}
	if l.index == nil {
		l.index = make(map[ledgerKey]int, len(l.entries))
		for i := range l.entries { // a ledger LedgerOf made, or compacted
			l.index[keyOf(&l.entries[i])] = i
		}
	}
	if i, ok := l.index[k]; ok {
		l.entries[i].Records += n
		return
	}
	l.index[k] = len(l.entries)
	l.entries = append(l.entries, LedgerEntry{File: file, Patient: patient, Side: side, Reason: reason, Detail: detail, Records: n})
}

// Merge adds all entries of o to l.
func (l *Ledger) Merge(o *Ledger) {
	for _, e := range o.entries {
		l.Add(e.File, e.Patient, e.Side, e.Reason, e.Detail, e.Records)
	}
}

// LedgerOf is the ledger of parts merged in order (each part's entries
// added as Merge adds them). It keeps no lookup index, which a cohort's
// ledger would otherwise hold for every entry: Add rebuilds it if called.
func LedgerOf(parts ...[]LedgerEntry) *Ledger {
	// A run's parts are its patients' ledgers, then the shared files':
	// leading parts that each hold one patient's distinct entries (and
	// that no other part names) cannot merge with anything, and are
	// copied as they are, without an index over millions of entries.
	seen := map[string]bool{}
	keys := map[ledgerKey]bool{}
	whole, n := 0, 0
	for ; whole < len(parts); whole++ {
		p := parts[whole]
		if len(p) == 0 {
			continue
		}
		id := p[0].Patient
		if id == "" || seen[id] || !distinct(p, id, keys) {
			break
		}
		seen[id] = true
		n += len(p)
	}
	rest := &Ledger{}
	for _, p := range parts[whole:] {
		for _, e := range p {
			if seen[e.Patient] {
				return mergeAll(parts) // it may merge with an earlier part
			}
			rest.Add(e.File, e.Patient, e.Side, e.Reason, e.Detail, e.Records)
		}
	}
	l := &Ledger{entries: make([]LedgerEntry, 0, n+len(rest.entries))}
	for _, p := range parts[:whole] {
		l.entries = append(l.entries, p...)
	}
	l.entries = append(l.entries, rest.entries...)
	return l
}

// distinct reports whether every entry of p is patient id's, counts
// records (Add drops empty entries) and has a key of its own.
func distinct(p []LedgerEntry, id string, keys map[ledgerKey]bool) bool {
	clear(keys)
	for i := range p {
		e := &p[i]
		k := keyOf(e)
		if e.Patient != id || e.Records == 0 && e.Reason != ReasonPatientSkipped || keys[k] {
			return false
		}
		keys[k] = true
	}
	return true
}

// mergeAll adds every entry of the parts through the index.
func mergeAll(parts [][]LedgerEntry) *Ledger {
	l := &Ledger{}
	for _, p := range parts {
		for _, e := range p {
			l.Add(e.File, e.Patient, e.Side, e.Reason, e.Detail, e.Records)
		}
	}
	l.Compact()
	return l
}

// Entries returns the entries in insertion order.
func (l *Ledger) Entries() []LedgerEntry { return l.entries }

// Sorted yields the entries ordered by file, then used before excluded,
// then reason and detail: a stable order for output. It sorts positions,
// not a copy of the entries (a 100,000-patient cohort has a million).
func (l *Ledger) Sorted() iter.Seq[*LedgerEntry] {
	order := make([]int32, len(l.entries))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		a, b := &l.entries[i], &l.entries[j]
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Used() != b.Used() {
			if a.Used() {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.Reason, b.Reason); c != 0 {
			return c
		}
		return strings.Compare(a.Detail, b.Detail)
	})
	return func(yield func(*LedgerEntry) bool) {
		for _, i := range order {
			if !yield(&l.entries[i]) {
				return
			}
		}
	}
}

// Totals returns records read, used and excluded.
func (l *Ledger) Totals() (read, used, excluded int64) {
	for _, e := range l.entries {
		read += e.Records
		if e.Used() {
			used += e.Records
		} else {
			excluded += e.Records
		}
	}
	return
}

// ByReason sums excluded records by reason.
func (l *Ledger) ByReason() map[string]int64 {
	m := map[string]int64{}
	for _, e := range l.entries {
		m[e.Reason] += e.Records
	}
	return m
}

// CountCalls counts as used the records that calls came from: consecutive
// calls with one Source are one record (a multi-allelic VCF line, a CNV row
// naming several genes). Readers leave this to their caller, which may
// still exclude some calls; tests of a reader use it to check that the
// ledger and the calls together account for every record.
func (l *Ledger) CountCalls(patient string, side Side, calls []Call) {
	for i := 0; i < len(calls); i++ {
		if i > 0 && calls[i].Source == calls[i-1].Source {
			continue
		}
		l.Add(calls[i].Source.File, patient, side, ReasonUsed, "", 1)
	}
}
