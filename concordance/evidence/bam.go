package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/biogo/hts/bam"
	"github.com/biogo/hts/bgzf/cache"
	"github.com/biogo/hts/bgzf/index"
	"github.com/biogo/hts/sam"

	"github.com/concord-oncology/concord/concordance"
)

// Counts are the reads at a site: Alt support the variant's allele, Depth
// are all informative reads (the allele, the reference or another allele).
// -1 means unknown (a gVCF without allele depths).
type Counts struct {
	Alt, Depth int
}

// ReadFilter are the cut-offs a read and its bases must pass to be counted.
type ReadFilter struct {
	MinBaseQuality    int // Phred; bases under it are not counted (samtools mpileup -Q)
	MinMappingQuality int // reads under it are not counted (samtools mpileup -q)
}

// skipFlags are the reads never counted: unmapped, secondary, QC-failed
// and duplicate (samtools mpileup's default --ff). Supplementary
// alignments are counted, as samtools does.
const skipFlags = sam.Unmapped | sam.Secondary | sam.QCFail | sam.Duplicate

// BAM counts reads supporting small variants in one indexed BAM. It is not
// safe for concurrent use.
type BAM struct {
	r      *bam.Reader
	idx    *bam.Index
	refs   map[string]*sam.Reference // by concordance.ContigKey
	filter ReadFilter
	obs    []observation
	mates  map[string]int
}

// IndexPaths are where a BAM's .bai index is looked for, in order: beside
// it with ".bai" appended (samtools index's default), then with ".bam"
// replaced by ".bai" (Picard's and GATK's).
func IndexPaths(bam string) []string {
	return []string{bam + ".bai", strings.TrimSuffix(bam, ".bam") + ".bai"}
}

// OpenIndex finds a BAM's index: the first of IndexPaths that open
// accepts, with its path, else an InputError naming the BAM. check and the
// evidence classifier both find it so.
func OpenIndex[F any](bam string, open func(path string) (F, error)) (F, string, error) {
	for _, p := range IndexPaths(bam) {
		if f, err := open(p); err == nil {
			return f, p, nil
		}
	}
	var none F
	return none, "", &concordance.InputError{File: bam, Err: errors.New("no .bai index beside the BAM (make one with samtools index)")}
}

// OpenBAM reads a BAM's header from r and its .bai index from index (an
// error about the index wraps ErrBadIndex).
func OpenBAM(r io.ReadSeeker, index io.Reader, filter ReadFilter) (*BAM, error) {
	br, err := bam.NewReader(r, 1)
	if err != nil {
		return nil, fmt.Errorf("evidence: reading BAM header: %w", err)
	}
	var idx *bam.Index
	bai, err := readBAI(index)
	if err == nil {
		if idx, err = bam.ReadIndex(bytes.NewReader(bai)); err != nil {
			err = fmt.Errorf("%w: %v", ErrBadIndex, err)
		}
	}
	if err != nil {
		br.Close()
		return nil, err
	}
	// Sites of a patient are near one another only by chance; a few cached
	// blocks still save re-inflating a block for two sites in one exon.
	br.SetCache(cache.NewLRU(16))
	br.Omit(bam.AuxTags)
	b := &BAM{r: br, idx: idx, refs: map[string]*sam.Reference{}, filter: filter, mates: map[string]int{}}
	for _, ref := range br.Header().Refs() {
		b.refs[concordance.ContigKey(ref.Name())] = ref
	}
	return b, nil
}

// Close releases the reader (not the underlying file).
func (b *BAM) Close() error { return b.r.Close() }

// ErrNoContig is returned for a variant on a contig the BAM lacks.
var ErrNoContig = errors.New("evidence: contig not in the BAM header")

// Count counts the reads at a normalised small variant (VCF-style, 1-based,
// indels with their anchor base). A read counts once per fragment: when
// both mates of a proper pair cover the site, they are combined as
// samtools' pileup does (htslib tweak_overlap_quality): equal bases make
// one base with the sum of the qualities (at most 200); different bases
// keep the better one at 80% of its quality; equal qualities are broken by
// a hash of the read name, as htslib 1.13 and later do.
//
// What a read shows at the site:
//   - SNV: its aligned base at POS (reads with a deletion there are not
//     informative).
//   - insertion or deletion with an anchor base: its anchor base, and
//     whether the CIGAR operation right after the anchor is an insertion of
//     the same bases or a deletion of the same length. This is samtools
//     mpileup's "+2TG" / "-3ACG" at the anchor position.
//   - MNV: its bases at every position of REF, each aligned.
//   - other (deletion–insertion without an anchor): the read's bases
//     between the aligned flanking bases POS-1 and END+1, compared with ALT.
//
// Base quality is that of the base that decides (the SNV base, the anchor;
// the lowest of an MNV's or a window's bases).
func (b *BAM) Count(v concordance.Variant) (Counts, error) {
	ref, ok := b.refs[concordance.ContigKey(v.Chrom)]
	if !ok {
		return Counts{}, fmt.Errorf("%w: %s", ErrNoContig, v.Chrom)
	}
	q := newQuery(v)
	chunks, err := b.idx.Chunks(ref, q.beg, q.end)
	if errors.Is(err, index.ErrNoReference) || errors.Is(err, index.ErrInvalid) {
		// The index has no reads on the contig, or none this far along it.
		return Counts{}, nil
	}
	if err != nil {
		return Counts{}, fmt.Errorf("evidence: BAM index: %w", err)
	}
	it, err := bam.NewIterator(b.r, chunks)
	if err != nil {
		return Counts{}, fmt.Errorf("evidence: seeking the BAM: %w", err)
	}
	b.obs = b.obs[:0]
	clear(b.mates)
	for it.Next() {
		rec := it.Record()
		if rec.Ref != ref || rec.Pos >= q.end {
			if rec.Ref == ref && rec.Pos >= q.end {
				break
			}
			continue
		}
		if rec.Flags&skipFlags != 0 || int(rec.MapQ) < b.filter.MinMappingQuality || rec.End() <= q.beg {
			continue
		}
		o, ok := q.observe(rec)
		if !ok {
			continue
		}
		if pairable(rec) {
			if j, seen := b.mates[rec.Name]; seen {
				combine(&b.obs[j], &o, rec.Name)
				delete(b.mates, rec.Name)
				if o.qual < 0 {
					continue
				}
			} else {
				b.mates[rec.Name] = len(b.obs)
			}
		}
		b.obs = append(b.obs, o)
	}
	if err := it.Close(); err != nil {
		return Counts{}, fmt.Errorf("evidence: reading the BAM: %w", err)
	}
	var c Counts
	for _, o := range b.obs {
		if o.qual < b.filter.MinBaseQuality {
			continue
		}
		c.Depth++
		if o.alt {
			c.Alt++
		}
	}
	return c, nil
}

// pairable reports reads whose mate htslib's pileup would combine with
// them: proper pairs with the mate mapped on the same contig.
func pairable(r *sam.Record) bool {
	return r.Flags&(sam.Paired|sam.ProperPair) == sam.Paired|sam.ProperPair && r.Flags&sam.MateUnmapped == 0 && r.MateRef == r.Ref
}

// observation is one read at the site: the base that decides and its
// quality (-1 once merged into its mate), and whether it shows the allele.
type observation struct {
	base byte
	qual int
	alt  bool
}

// combine merges the mate b into the earlier mate a, as htslib's
// tweak_overlap_quality does at one position: the survivor keeps its
// observation and the new quality; the other gets quality -1.
func combine(a, b *observation, name string) {
	aSurvives := nameHash(name)&1 == 1 // htslib: amul
	switch {
	case a.base == b.base:
		q := min(a.qual+b.qual, 200)
		a.qual, b.qual = q, q
	case a.qual > b.qual:
		a.qual = a.qual * 8 / 10
		aSurvives = true
	case a.qual < b.qual:
		b.qual = b.qual * 8 / 10
		aSurvives = false
	default:
		a.qual = a.qual * 8 / 10
		b.qual = a.qual
	}
	if aSurvives {
		b.qual = -1
	} else {
		*a, b.qual = *b, -1
	}
}

// nameHash is khash's __ac_Wang_hash(__ac_X31_hash_string(name)), which
// htslib uses to pick the mate that keeps its quality.
func nameHash(name string) uint32 {
	if name == "" {
		return 0
	}
	h := uint32(name[0])
	for i := 1; i < len(name); i++ {
		h = (h << 5) - h + uint32(name[i])
	}
	h += ^(h << 15)
	h ^= h >> 10
	h += h << 3
	h ^= h >> 6
	h += ^(h << 11)
	h ^= h >> 16
	return h
}

type kind uint8

const (
	kindSubst  kind = iota // SNV or MNV
	kindIns                // anchored insertion
	kindDel                // anchored deletion
	kindWindow             // anything else
)

// query is a variant prepared for reads: 0-based positions.
type query struct {
	kind     kind
	pos      int    // 0-based first REF base (the anchor for indels)
	ref, alt string // upper case
	beg, end int    // 0-based half-open region reads must overlap
}

func newQuery(v concordance.Variant) query {
	q := query{pos: v.Pos - 1, ref: upper(v.Ref), alt: upper(v.Alt)}
	switch {
	case len(q.ref) == len(q.alt):
		q.kind = kindSubst
		q.beg, q.end = q.pos, q.pos+len(q.ref)
	case len(q.ref) == 1 && len(q.alt) > 1 && q.ref[0] == q.alt[0]:
		q.kind = kindIns
		q.beg, q.end = q.pos, q.pos+1
	case len(q.alt) == 1 && len(q.ref) > 1 && q.ref[0] == q.alt[0]:
		q.kind = kindDel
		q.beg, q.end = q.pos, q.pos+1
	default:
		q.kind = kindWindow
		q.beg, q.end = max(0, q.pos-1), q.pos+len(q.ref)+1
	}
	return q
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

// aligned finds the read base aligned to 0-based reference position p: its
// query offset, the CIGAR operation holding it and whether it is that
// operation's last base.
func aligned(r *sam.Record, p int) (qpos, op int, last, ok bool) {
	ref, qry := r.Pos, 0
	for i, co := range r.Cigar {
		n := co.Len()
		switch co.Type() {
		case sam.CigarMatch, sam.CigarEqual, sam.CigarMismatch:
			if p < ref+n {
				if p < ref {
					return 0, 0, false, false
				}
				return qry + p - ref, i, p == ref+n-1, true
			}
			ref += n
			qry += n
		case sam.CigarInsertion, sam.CigarSoftClipped:
			qry += n
		case sam.CigarDeletion, sam.CigarSkipped:
			if p < ref+n {
				return 0, 0, false, false
			}
			ref += n
		}
	}
	return 0, 0, false, false
}

// observe reads what one read shows at the site; false when the read is
// not informative.
func (q *query) observe(r *sam.Record) (observation, bool) {
	quals := r.Qual
	switch q.kind {
	case kindSubst:
		o := observation{qual: 255, alt: true}
		prevOp := -1
		for k := 0; k < len(q.ref); k++ {
			qp, op, _, ok := aligned(r, q.pos+k)
			if !ok || qp >= r.Seq.Length {
				return o, false
			}
			base := r.Seq.At(qp)
			if k == 0 {
				o.base = base
			}
			if base != q.alt[k] || k > 0 && op != prevOp && !adjacent(r, prevOp, op) {
				o.alt = false
			}
			prevOp = op
			o.qual = min(o.qual, qualAt(quals, qp))
		}
		return o, true
	case kindIns, kindDel:
		qp, op, last, ok := aligned(r, q.pos)
		if !ok || qp >= r.Seq.Length {
			return observation{}, false
		}
		o := observation{base: r.Seq.At(qp), qual: qualAt(quals, qp)}
		if last && op+1 < len(r.Cigar) {
			next := r.Cigar[op+1]
			n := next.Len()
			switch {
			case q.kind == kindIns && next.Type() == sam.CigarInsertion && n == len(q.alt)-1:
				o.alt = qp+1+n <= r.Seq.Length && seqEqual(r.Seq, qp+1, q.alt[1:])
			case q.kind == kindDel && next.Type() == sam.CigarDeletion && n == len(q.ref)-1:
				o.alt = true
			}
		}
		return o, true
	default:
		left, _, _, ok1 := aligned(r, q.pos-1)
		right, _, _, ok2 := aligned(r, q.pos+len(q.ref))
		if !ok1 || !ok2 || right <= left || right >= r.Seq.Length {
			return observation{}, false
		}
		o := observation{base: r.Seq.At(left), qual: 255}
		for i := left; i <= right; i++ {
			o.qual = min(o.qual, qualAt(quals, i))
		}
		o.alt = right-left-1 == len(q.alt) && seqEqual(r.Seq, left+1, q.alt)
		return o, true
	}
}

// adjacent reports whether CIGAR operations a < b are joined with nothing
// but alignment matches between them (no insertion or deletion inside an
// MNV's span).
func adjacent(r *sam.Record, a, b int) bool {
	for i := a + 1; i < b; i++ {
		switch r.Cigar[i].Type() {
		case sam.CigarMatch, sam.CigarEqual, sam.CigarMismatch:
		default:
			return false
		}
	}
	return true
}

func qualAt(q []byte, i int) int {
	if i >= len(q) || q[i] == 0xff {
		return 0 // no qualities stored ("*")
	}
	return int(q[i])
}

func seqEqual(s sam.Seq, from int, want string) bool {
	for i := 0; i < len(want); i++ {
		if s.At(from+i) != want[i] {
			return false
		}
	}
	return true
}
