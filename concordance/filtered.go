package concordance

import "bytes"

// FilteredSites keeps where the records a reader skipped for their FILTER
// lie and what alleles they carry, so that a caller can ask, for each
// discordant alteration, whether the other sample's caller saw it below
// its threshold (DRAGEN's weak_evidence, Pisces' LowVariantFreq) without
// keeping or re-reading the file. Each record is kept as the first seven
// columns of its VCF line (CHROM … FILTER) in one arena: one copy of a few
// dozen bytes per skipped record, parsed only when looked up. Reuse one
// FilteredSites per worker (Reset) so that it does not allocate.
type FilteredSites struct {
	buf   []byte
	sites []filteredSite
}

type filteredSite struct {
	start, end int32 // the record's columns in buf
	pos, line  int
}

// FilteredSite is one skipped record.
type FilteredSite struct {
	Chrom  string
	Pos    int
	Ref    string
	Alts   string // the ALT column as written (comma-separated)
	Filter string
	Line   int
}

// Reset empties the set, keeping its memory.
func (f *FilteredSites) Reset() {
	f.buf, f.sites = f.buf[:0], f.sites[:0]
}

// AddVCF records a skipped record from the first seven columns of its VCF
// line (CHROM to FILTER, tab-separated), its POS and its line number.
func (f *FilteredSites) AddVCF(columns []byte, pos, line int) {
	start := int32(len(f.buf))
	f.buf = append(f.buf, columns...)
	f.sites = append(f.sites, filteredSite{start: start, end: int32(len(f.buf)), pos: pos, line: line})
}

// Add records a skipped record given by its parts (for readers of other
// formats).
func (f *FilteredSites) Add(chrom string, pos int, ref, alt, filter string, line int) {
	f.AddVCF([]byte(chrom+"\t.\t.\t"+ref+"\t"+alt+"\t.\t"+filter), pos, line)
}

// Len is the number of records kept.
func (f *FilteredSites) Len() int {
	if f == nil {
		return 0
	}
	return len(f.sites)
}

// Near calls fn for each record whose POS lies within window bases of pos
// (on any contig: callers compare contig names, which may be spelt as in
// the file), until fn returns false.
func (f *FilteredSites) Near(pos, window int, fn func(FilteredSite) bool) {
	if f == nil {
		return
	}
	for _, s := range f.sites {
		if s.pos < pos-window || s.pos > pos+window {
			continue
		}
		cols := bytes.SplitN(f.buf[s.start:s.end], []byte{'\t'}, 7)
		if len(cols) < 7 {
			continue
		}
		site := FilteredSite{Chrom: string(cols[0]), Pos: s.pos, Ref: string(cols[3]), Alts: string(cols[4]), Filter: string(cols[6]), Line: s.line}
		if !fn(site) {
			return
		}
	}
}
