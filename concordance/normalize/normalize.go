package normalize

import (
	"fmt"
	"strings"
	"sync"

	"github.com/concord-oncology/concord/concordance"
)

// Normalizer turns one biallelic variant into its canonical form: contig
// named as in the reference, REF checked against the reference, alleles
// upper-case, trimmed and left-aligned (bcftools norm -f semantics).
//
// A Normalizer holds no state besides Ref and is safe for concurrent use.
type Normalizer struct {
	// Ref is the reference genome. Nil means trim only: contig names are
	// kept, REF is not checked, indels are not shifted, and anchor-free
	// alleles stay anchor-free.
	Ref *FASTA
}

// Normalize returns the normalised form of v.
//
// With a reference, in order:
//  1. the contig is renamed to the reference's name for it (FASTA.Resolve);
//     one that does not resolve is ErrUnknownContig;
//  2. alleles are upper-cased; a character other than A, C, G, T, N is
//     ErrInvalidAllele, REF = ALT is ErrNotVariant;
//  3. REF must equal the reference bases at Pos (a *RefMismatchError
//     otherwise). The reference's IUPAC codes count as N (see FASTA), so an
//     N in REF matches only an N or ambiguity code in the reference, and a
//     REF base over a reference N is a mismatch: bcftools 1.16 decides the
//     same way;
//  4. the alleles are trimmed and left-aligned as bcftools 1.16 norm -f
//     does (vcfnorm.c realign): while all alleles end in the same base,
//     drop it, and when an allele runs empty prepend the reference bases
//     before it; then drop leading bases all alleles share while every
//     allele keeps at least one. That is the algorithm of Tan et al. 2015,
//     and it leaves indels with their VCF anchor base. At the start of a
//     contig no base precedes, so trimming stops while an allele still has
//     its last base and the anchor is on the right (bcftools'
//     norm.telomere vector: 22:17 NN>N becomes 22:1 NN>N).
//
// Anchor-free variants (MAF style, as concordance.Variant describes: empty
// Ref for an insertion before Pos, empty Alt for a deletion starting at
// Pos; "-" is taken as empty) get their anchor base from the reference and
// are then left-aligned like any other.
//
// SNVs cost one reference lookup and no allocation. Symbolic alleles are
// returned unchanged apart from the contig name, as bcftools leaves them:
// the REF of a spanning deletion (*) is checked, the REF of a structural
// allele (<DEL>, <NON_REF>, breakends) is not, because callers write
// placeholders there (FORMATS.md §4; bcftools checks it too). An ALT of "."
// (a reference block) is ErrNotVariant.
//
// Errors have the "normalize:" prefix and no file or line; the caller adds
// them.
func (n *Normalizer) Normalize(v concordance.Variant) (concordance.Variant, error) {
	if isSymbolic(v.Alt) {
		chrom, err := n.passThrough(v.Chrom, v.Pos, v.Ref, !isStructural(v.Alt))
		v.Chrom = chrom
		return v, err
	}
	ref, alt, err := cleanAlleles(v)
	if err != nil {
		return v, err
	}
	if n.Ref == nil {
		return trim(v.Chrom, v.Pos, ref, alt), nil
	}
	c := n.Ref.contig(v.Chrom)
	if c == nil {
		return v, fmt.Errorf("%w: %s", ErrUnknownContig, concordance.Quote(v.Chrom))
	}
	if len(ref) == 1 && len(alt) == 1 {
		// SNV: one lookup; nothing to trim or shift.
		if v.Pos < 1 || v.Pos > c.rec.Length {
			return v, outOfRange(c.rec.Name, v.Pos, c.rec.Length)
		}
		b, err := n.Ref.base(c, v.Pos-1)
		if err != nil {
			return v, err
		}
		if b != ref[0] {
			return v, &RefMismatchError{Chrom: c.rec.Name, Pos: v.Pos, Ref: ref, Reference: string(b)}
		}
		return concordance.Variant{Chrom: c.rec.Name, Pos: v.Pos, Ref: ref, Alt: alt}, nil
	}
	return source{f: n.Ref, c: c, chrom: c.rec.Name}.realign(v.Pos, ref, alt, true)
}

// LeftAlign trims and left-aligns v against ref like Normalize, without
// checking REF against it. v.Chrom must be a name ref knows (with a *FASTA,
// any name FASTA.Resolve maps). Use it for variants already checked, or with
// a Reference that is not a FASTA (e.g. a test sequence).
func LeftAlign(ref concordance.Reference, v concordance.Variant) (concordance.Variant, error) {
	if isSymbolic(v.Alt) {
		return v, nil
	}
	r, a, err := cleanAlleles(v)
	if err != nil {
		return v, err
	}
	src := source{gen: ref, chrom: v.Chrom}
	if f, ok := ref.(*FASTA); ok {
		c := f.contig(v.Chrom)
		if c == nil {
			return v, fmt.Errorf("%w: %s", ErrUnknownContig, concordance.Quote(v.Chrom))
		}
		src = source{f: f, c: c, chrom: c.rec.Name}
	}
	return src.realign(v.Pos, r, a, false)
}

// Trim drops the bases both alleles share at their end, then at their start,
// keeping at least one base in each: an indel keeps its VCF anchor, an MNV
// that differs in one base becomes an SNV. Without a reference nothing can
// be prepended, so an allele never runs empty, an indel is not shifted, and
// an anchor-free variant (an empty allele) is returned as it is. Alleles are
// compared as given: upper-case them first (Normalize does).
func Trim(v concordance.Variant) concordance.Variant {
	return trim(v.Chrom, v.Pos, v.Ref, v.Alt)
}

func trim(chrom string, pos int, ref, alt string) concordance.Variant {
	var r realigner
	als := [2]string{ref, alt}
	var out [2]string
	p, _ := r.run(pos, als[:], out[:]) // no source: cannot fail
	return concordance.Variant{Chrom: chrom, Pos: p, Ref: out[0], Alt: out[1]}
}

// passThrough renames the contig of a record that is not normalised and,
// when check is set, checks its REF as bcftools does.
func (n *Normalizer) passThrough(chrom string, pos int, ref string, check bool) (string, error) {
	if n.Ref == nil {
		return chrom, nil
	}
	c := n.Ref.contig(chrom)
	if c == nil {
		return chrom, fmt.Errorf("%w: %s", ErrUnknownContig, concordance.Quote(chrom))
	}
	if !check {
		return c.rec.Name, nil
	}
	up, ok := upperAllele(ref)
	if !ok || up == "" {
		return c.rec.Name, fmt.Errorf("%w: REF %s at %s:%d (want A, C, G, T or N)", ErrInvalidAllele, concordance.Quote(ref), chrom, pos)
	}
	s := source{f: n.Ref, c: c, chrom: c.rec.Name}
	var r realigner
	defer r.release()
	return c.rec.Name, s.checkRef(pos, up, r.scratch(len(up)))
}

// isSymbolic reports alleles that are not sequence: structural ones and the
// spanning deletion *.
func isSymbolic(a string) bool { return a == "*" || isStructural(a) }

// isStructural reports symbolic structural alleles (<DEL>, <*>, <NON_REF>)
// and breakends (t[p[, ]p]t). Their REF may be a placeholder (DRAGEN writes
// N; SpliceGirl a base that is not at POS, FORMATS.md §4), so it is not
// checked.
func isStructural(a string) bool {
	return strings.HasPrefix(a, "<") || strings.ContainsAny(a, "[]")
}

// alleleCode upper-cases A, C, G, T, N and maps every other byte to 0.
var alleleCode = func() (t [256]byte) {
	for _, c := range "ACGTN" {
		t[c] = byte(c)
		t[c+'a'-'A'] = byte(c)
	}
	return t
}()

// upperAllele returns s upper-cased, allocating only when s has lower-case
// bases, and false when s holds anything but A, C, G, T, N.
func upperAllele(s string) (string, bool) {
	lower := false
	for i := 0; i < len(s); i++ {
		c := alleleCode[s[i]]
		if c == 0 {
			return s, false
		}
		if c != s[i] {
			lower = true
		}
	}
	if !lower {
		return s, true
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		b[i] = alleleCode[s[i]]
	}
	return string(b), true
}

// cleanAlleles upper-cases and checks v's alleles ("-" is an empty allele).
func cleanAlleles(v concordance.Variant) (ref, alt string, err error) {
	if v.Alt == "." {
		return "", "", fmt.Errorf("%w: ALT is . (a reference block) at %s:%d", ErrNotVariant, v.Chrom, v.Pos)
	}
	ref, alt = v.Ref, v.Alt
	if ref == "-" {
		ref = ""
	}
	if alt == "-" {
		alt = ""
	}
	var ok bool
	if ref, ok = upperAllele(ref); !ok {
		return "", "", fmt.Errorf("%w: REF %s at %s:%d (want A, C, G, T or N)", ErrInvalidAllele, concordance.Quote(v.Ref), v.Chrom, v.Pos)
	}
	if alt, ok = upperAllele(alt); !ok {
		return "", "", fmt.Errorf("%w: ALT %s at %s:%d (want A, C, G, T or N)", ErrInvalidAllele, concordance.Quote(v.Alt), v.Chrom, v.Pos)
	}
	if ref == alt {
		if ref == "" {
			return "", "", fmt.Errorf("%w: both alleles empty at %s:%d", ErrNotVariant, v.Chrom, v.Pos)
		}
		return "", "", fmt.Errorf("%w: REF %s equals ALT at %s:%d", ErrNotVariant, concordance.Quote(v.Ref), v.Chrom, v.Pos)
	}
	return ref, alt, nil
}

func outOfRange(chrom string, pos, length int) error {
	return fmt.Errorf("%w: %s:%d (contig length %d)", ErrOutOfRange, chrom, pos, length)
}

// source gives reference bases of one contig: a FASTA (fast path) or any
// concordance.Reference.
type source struct {
	f     *FASTA
	c     *contig
	gen   concordance.Reference
	chrom string
}

// ok reports whether s has a reference to read.
func (s *source) ok() bool { return s.f != nil || s.gen != nil }

// length is the contig's length, or -1 when the Reference does not tell.
func (s *source) length() int {
	if s.f != nil {
		return s.c.rec.Length
	}
	return -1
}

// fetch fills dst with the bases from 1-based start on.
func (s *source) fetch(dst []byte, start int) error {
	if s.f != nil {
		if start < 1 || start-1+len(dst) > s.c.rec.Length {
			return outOfRange(s.chrom, start+len(dst)-1, s.c.rec.Length)
		}
		return s.f.fetch(dst, s.c, start-1)
	}
	b, err := s.gen.Bases(s.chrom, start, start+len(dst)-1)
	if err != nil {
		return fmt.Errorf("normalize: reference %s:%d-%d: %w", s.chrom, start, start+len(dst)-1, err)
	}
	if len(b) != len(dst) {
		return fmt.Errorf("normalize: reference returned %d bases for %s:%d-%d", len(b), s.chrom, start, start+len(dst)-1)
	}
	for i, c := range b {
		if dst[i] = baseCode[c]; dst[i] == 0 {
			return fmt.Errorf("normalize: reference has %s at %s:%d", concordance.QuoteBytes([]byte{c}), s.chrom, start+i)
		}
	}
	return nil
}

// checkRef compares ref (upper-case) with the reference at pos.
func (s *source) checkRef(pos int, ref string, scratch []byte) error {
	n := len(ref)
	if l := s.length(); l >= 0 {
		if pos < 1 || pos > l {
			return outOfRange(s.chrom, pos, l)
		}
		n = min(n, l-pos+1) // a REF running past the end mismatches the shorter reference
	}
	have := scratch[:n]
	if err := s.fetch(have, pos); err != nil {
		return err
	}
	if string(have) != ref {
		return &RefMismatchError{Chrom: s.chrom, Pos: pos, Ref: ref, Reference: string(have)}
	}
	return nil
}

// realign checks (optionally) and normalises one biallelic variant of
// upper-case alleles.
func (s source) realign(pos int, ref, alt string, check bool) (concordance.Variant, error) {
	r := realigner{src: s}
	defer r.release()
	if check && ref != "" {
		if err := s.checkRef(pos, ref, r.scratch(len(ref))); err != nil {
			return concordance.Variant{}, err
		}
	}
	if l := s.length(); l >= 0 && (pos < 1 || pos > l+1) {
		return concordance.Variant{}, outOfRange(s.chrom, pos, l)
	}
	als := [2]string{ref, alt}
	if (ref == "" || alt == "") && pos == 1 {
		// An anchor-free event at the start of the contig has no base before
		// it: anchor it on the right, as VCF does for events at position 1.
		var after [1]byte
		if err := s.fetch(after[:], 1+len(ref)); err != nil {
			return concordance.Variant{}, err
		}
		als = [2]string{ref + string(after[:]), alt + string(after[:])}
	}
	var out [2]string
	p, err := r.run(pos, als[:], out[:])
	if err != nil {
		return concordance.Variant{}, err
	}
	return concordance.Variant{Chrom: s.chrom, Pos: p, Ref: out[0], Alt: out[1]}, nil
}

// realigner runs bcftools' trimming over alleles that share a run of
// reference bases prepended to them (the padding), fetched from the source
// only when an allele runs empty.
type realigner struct {
	src    source  // none (trim only) when !src.ok()
	buf    *[]byte // from padPool; the padding is its last padLen bytes
	pad    []byte
	origin int // 1-based position of the first base of pad+allele
	next   int // bases to fetch at the next extension
}

var padPool = sync.Pool{New: func() any { b := make([]byte, 256); return &b }}

// firstPad is the first extension: long enough for most repeats in one
// lookup, doubling after.
const firstPad = 32

func (r *realigner) scratch(n int) []byte {
	if r.buf == nil {
		r.buf = padPool.Get().(*[]byte)
	}
	if len(*r.buf) < n {
		*r.buf = make([]byte, n)
	}
	return *r.buf
}

func (r *realigner) release() {
	if r.buf != nil && cap(*r.buf) <= 1<<16 { // let rare huge buffers go
		padPool.Put(r.buf)
	}
	r.buf = nil
}

func (r *realigner) canExtend() bool {
	return r.origin > 1 && r.src.ok()
}

// extend prepends reference bases to the padding.
func (r *realigner) extend() error {
	w := min(max(r.next, firstPad), r.origin-1)
	r.next = 2 * w
	need := len(r.pad) + w
	buf := r.scratch(0)
	if len(buf) < need {
		nb := make([]byte, max(2*len(buf), need))
		copy(nb[len(nb)-len(r.pad):], r.pad)
		*r.buf = nb
		buf = nb
	}
	start := len(buf) - len(r.pad) - w
	if err := r.src.fetch(buf[start:start+w], r.origin-w); err != nil {
		return err
	}
	r.pad = buf[start:]
	r.origin -= w
	return nil
}

// at returns base k of pad+a.
func (r *realigner) at(a string, k int) byte {
	if k < len(r.pad) {
		return r.pad[k]
	}
	return a[k-len(r.pad)]
}

// run normalises alleles als (als[0] = REF) at 1-based pos into out and
// returns the new position. All alleles lose the same number of bases at
// their end (t), then at their start (ntrim).
func (r *realigner) run(pos int, als, out []string) (int, error) {
	r.origin = pos
	r.pad = r.pad[:0]
	t := 0
	for {
		minLen := len(r.pad) + len(als[0]) - t
		for _, a := range als[1:] {
			minLen = min(minLen, len(r.pad)+len(a)-t)
		}
		if minLen == 0 {
			if !r.canExtend() {
				break
			}
			if err := r.extend(); err != nil {
				return 0, err
			}
			continue
		}
		last := r.at(als[0], len(r.pad)+len(als[0])-t-1)
		same := true
		for _, a := range als[1:] {
			if r.at(a, len(r.pad)+len(a)-t-1) != last {
				same = false
				break
			}
		}
		if !same || minLen <= 1 && !r.canExtend() {
			break
		}
		t++
	}
	ntrim := 0
	for {
		minRest := len(r.pad) + len(als[0]) - t - ntrim
		for _, a := range als[1:] {
			minRest = min(minRest, len(r.pad)+len(a)-t-ntrim)
		}
		if minRest <= 1 {
			break
		}
		first := r.at(als[0], ntrim)
		same := true
		for _, a := range als[1:] {
			if r.at(a, ntrim) != first {
				same = false
				break
			}
		}
		if !same {
			break
		}
		ntrim++
	}
	r.results(als, out, ntrim, t)
	return r.origin + ntrim, nil
}

// results sets out[i] to bases ntrim..len-t of pad+als[i]. Alleles that do
// not reach into the padding are substrings of the input; the others are
// built in one allocation shared by all of them.
func (r *realigner) results(als, out []string, ntrim, t int) {
	p := len(r.pad)
	need := 0
	for _, a := range als {
		if ntrim < p {
			need += p + len(a) - t - ntrim
		}
	}
	if need == 0 {
		for i, a := range als {
			out[i] = a[ntrim-p : len(a)-t]
		}
		return
	}
	var stack [128]byte
	buf := stack[:0]
	if need > len(stack) {
		buf = make([]byte, 0, need)
	}
	for _, a := range als {
		end := p + len(a) - t
		if end <= p {
			buf = append(buf, r.pad[ntrim:end]...)
		} else {
			buf = append(append(buf, r.pad[ntrim:]...), a[:end-p]...)
		}
	}
	joined := string(buf)
	for i, a := range als {
		n := p + len(a) - t - ntrim
		out[i], joined = joined[:n], joined[n:]
	}
}
