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
//
// A cohort's ledger holds about 11 entries per patient, kept until the
// results are written: as LedgerEntry values they were 89 MB of a
// 100,000-patient run's 650 MB (bench/scale.sh, issue 15). It keeps them
// packed instead: the file, patient and outcome (side, reason, detail) of
// an entry are numbers in tables that entries share.
type Ledger struct {
	entries  []ledgerEntry
	files    []string // by number; a name is looked up among the last few only
	patients []string
	outcomes []outcome
	outcome  map[outcome]uint32 // outcomes' numbers, once there are many
	index    map[ledgerKey]int  // Add's, nil until needed
	// seen are the patients entries name while Append alone added them:
	// a part of a patient not seen cannot merge with any entry. nil once
	// Add added entries or Compact let it go.
	seen map[string]bool
}

// ledgerEntry is a LedgerEntry packed: numbers in the ledger's tables.
type ledgerEntry struct {
	file, patient, outcome uint32
	records                int64
}

// outcome is what an entry says of its records.
type outcome struct {
	side           Side
	reason, detail string
}

// manyOutcomes is when a ledger looks its outcomes up in a map: a
// patient's ledger has a handful, a cohort's a few dozen.
const manyOutcomes = 16

// smallPart is the most entries a part may have for distinct to compare
// them pairwise rather than through a map: most patients' parts have about
// a dozen, and a map for each was an allocation per patient.
const smallPart = 32

// nameWindow is how many of the last names a new one is looked up among:
// a patient's entries name its few files in turn, so the table keeps each
// about once without a map over a cohort's files.
const nameWindow = 8

func keyOf(e *LedgerEntry) ledgerKey {
	return ledgerKey{e.File, e.Patient, e.Side, e.Reason, e.Detail}
}

// entry unpacks entry i.
func (l *Ledger) entry(i int) LedgerEntry {
	p := &l.entries[i]
	o := &l.outcomes[p.outcome]
	return LedgerEntry{File: l.files[p.file], Patient: l.patients[p.patient], Side: o.side, Reason: o.reason, Detail: o.detail, Records: p.records}
}

// name returns the number of s in names, appending it when not among the
// last nameWindow.
func name(names *[]string, s string) uint32 {
	n := *names
	for i := len(n) - 1; i >= max(0, len(n)-nameWindow); i-- {
		if n[i] == s {
			return uint32(i)
		}
	}
	*names = append(n, s)
	return uint32(len(n))
}

// outcomeOf returns the number of o, adding it when new.
func (l *Ledger) outcomeOf(o outcome) uint32 {
	if l.outcome == nil {
		for i := range l.outcomes {
			if l.outcomes[i] == o {
				return uint32(i)
			}
		}
		if len(l.outcomes) < manyOutcomes {
			l.outcomes = append(l.outcomes, o)
			return uint32(len(l.outcomes) - 1)
		}
		l.outcome = make(map[outcome]uint32, 2*manyOutcomes)
		for i, o := range l.outcomes {
			l.outcome[o] = uint32(i)
		}
	}
	if i, ok := l.outcome[o]; ok {
		return i
	}
	l.outcome[o] = uint32(len(l.outcomes))
	l.outcomes = append(l.outcomes, o)
	return uint32(len(l.outcomes) - 1)
}

// push appends an entry (its key new to the ledger).
func (l *Ledger) push(e *LedgerEntry) {
	l.entries = append(l.entries, ledgerEntry{file: name(&l.files, e.File), patient: name(&l.patients, e.Patient),
		outcome: l.outcomeOf(outcome{e.Side, e.Reason, e.Detail}), records: e.Records})
}

// Compact lets go of the lookups Add and Append keep (Add builds its
// index again when needed): for a finished ledger, kept for the rest of
// the run.
func (l *Ledger) Compact() {
	l.entries = slices.Clip(l.entries)
	l.files, l.patients = slices.Clip(l.files), slices.Clip(l.patients)
	l.index, l.seen, l.outcome = nil, nil, nil
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
			e := l.entry(i)
			l.index[keyOf(&e)] = i
		}
	}
	l.seen = nil
	if i, ok := l.index[k]; ok {
		l.entries[i].records += n
		return
	}
	l.index[k] = len(l.entries)
	l.push(&LedgerEntry{File: file, Patient: patient, Side: side, Reason: reason, Detail: detail, Records: n})
}

// Merge adds all entries of o to l.
func (l *Ledger) Merge(o *Ledger) {
	for e := range o.All() {
		l.Add(e.File, e.Patient, e.Side, e.Reason, e.Detail, e.Records)
	}
}

// Append adds a part's entries as Merge adds a ledger's. A run's parts are
// its patients' ledgers, then the shared files': a part whose patients no
// entry names yet cannot merge with anything and is appended without an
// index over the millions of entries before it.
func (l *Ledger) Append(part []LedgerEntry) {
	if len(part) == 0 {
		return
	}
	if l.seen == nil && len(l.entries) == 0 && l.index == nil {
		l.seen = map[string]bool{}
	}
	if l.seen == nil {
		l.add(part)
		return
	}
	if id := part[0].Patient; id != "" && !l.seen[id] && distinct(part, id) {
		for i := range part {
			l.push(&part[i])
		}
		l.seen[id] = true
		return
	}
	for i := range part {
		if l.seen[part[i].Patient] {
			l.add(part) // it may merge with an earlier part
			return
		}
	}
	var own Ledger // merged within the part only
	own.add(part)
	for e := range own.All() {
		l.push(&e)
		l.seen[e.Patient] = true
	}
}

// add adds the entries one by one through the index.
func (l *Ledger) add(part []LedgerEntry) {
	for _, e := range part {
		l.Add(e.File, e.Patient, e.Side, e.Reason, e.Detail, e.Records)
	}
}

// LedgerOf is the ledger of parts merged in order (each part's entries
// added as Merge adds them; see Append). It keeps no lookup index, which a
// cohort's ledger would otherwise hold for every entry: Add rebuilds it if
// called.
func LedgerOf(parts ...[]LedgerEntry) *Ledger {
	l := &Ledger{}
	for _, p := range parts {
		l.Append(p)
	}
	l.Compact()
	return l
}

// distinct reports whether every entry of p is patient id's, counts
// records (Add drops empty entries) and has a key of its own.
func distinct(p []LedgerEntry, id string) bool {
	var keys map[ledgerKey]bool
	if len(p) > smallPart {
		keys = make(map[ledgerKey]bool, len(p))
	}
	for i := range p {
		e := &p[i]
		if e.Patient != id || e.Records == 0 && e.Reason != ReasonPatientSkipped {
			return false
		}
		k := keyOf(e)
		if keys != nil {
			if keys[k] {
				return false
			}
			keys[k] = true
			continue
		}
		for j := range i {
			if k == keyOf(&p[j]) {
				return false
			}
		}
	}
	return true
}

// mergeAll adds every entry of the parts through the index.
func mergeAll(parts [][]LedgerEntry) *Ledger {
	l := &Ledger{}
	for _, p := range parts {
		l.add(p)
	}
	l.Compact()
	return l
}

// Entries returns a copy of the entries in insertion order.
func (l *Ledger) Entries() []LedgerEntry { return slices.Collect(l.All()) }

// All yields the entries in insertion order.
func (l *Ledger) All() iter.Seq[LedgerEntry] {
	return func(yield func(LedgerEntry) bool) {
		for i := range l.entries {
			if !yield(l.entry(i)) {
				return
			}
		}
	}
}

// Sorted yields the entries ordered by file, then used before excluded,
// then reason and detail: a stable order for output. It sorts positions,
// not a copy of the entries (a 100,000-patient cohort has a million).
func (l *Ledger) Sorted() iter.Seq[LedgerEntry] {
	order := make([]int32, len(l.entries))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		a, b := &l.entries[i], &l.entries[j]
		if a.file != b.file {
			if c := strings.Compare(l.files[a.file], l.files[b.file]); c != 0 {
				return c
			}
		}
		if a.outcome == b.outcome {
			return 0
		}
		oa, ob := &l.outcomes[a.outcome], &l.outcomes[b.outcome]
		if ua, ub := oa.reason == ReasonUsed, ob.reason == ReasonUsed; ua != ub {
			if ua {
				return -1
			}
			return 1
		}
		if c := strings.Compare(oa.reason, ob.reason); c != 0 {
			return c
		}
		return strings.Compare(oa.detail, ob.detail)
	})
	return func(yield func(LedgerEntry) bool) {
		for _, i := range order {
			if !yield(l.entry(int(i))) {
				return
			}
		}
	}
}

// Totals returns records read, used and excluded.
func (l *Ledger) Totals() (read, used, excluded int64) {
	for _, e := range l.entries {
		read += e.records
		if l.outcomes[e.outcome].reason == ReasonUsed {
			used += e.records
		} else {
			excluded += e.records
		}
	}
	return
}

// ByReason sums excluded records by reason.
func (l *Ledger) ByReason() map[string]int64 {
	m := map[string]int64{}
	for _, e := range l.entries {
		m[l.outcomes[e.outcome].reason] += e.records
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
