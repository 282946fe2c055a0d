package vcf

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strconv"
	"strings"
	"unique"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// ReadCalls reads one sample's small-variant calls; it is a
// concordance.CallReader. Use a CallReader to reuse buffers across files.
func ReadCalls(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	var cr CallReader
	return cr.Read(r, opt, led)
}

// CallReader reads calls from one VCF after another with the same
// buffers: the calls a Read returns are valid until the next Read, which
// reuses their memory (copy them to keep them). The zero value is ready
// to use; it is not safe for concurrent use.
type CallReader struct {
	rd      Reader
	filters []filterTally
	// slot is where tallyFilter looks a FILTER value up first: 1 + the
	// index in filters of the last value seen with each filterHash, or 0
	slot [64]uint8
	// seen maps the hash of the key (see recordKey) of every record that
	// gave calls to where its calls start in the sample's calls, so that a
	// repeated record is counted once, not kept again: a file of a million
	// identical PASS records once held them all (1.8 GB). Hashes, not the
	// keys, are stored, so that a PASS record allocates nothing more; a
	// hash match is confirmed on the calls themselves.
	seen     map[uint64]int
	seed     maphash.Seed
	key, old []byte
	// calls is the memory of the last sample's calls, which the next Read
	// reuses: grown call by call, a new slice per sample was an eighth of
	// what a cohort's reading allocated. Not kept past
	// concordance.ReusedCalls calls.
	calls []concordance.Call
	// contigs are the last header's ##contig lines and the maps made of
	// them: a header with the same lines (a cohort's files come from a few
	// pipelines) shares the maps, which readers of SampleData only read.
	contigs        []Contig
	lengths, lines map[string]int
}

// contigMaps returns the header's ContigLengths and ContigLines, the last
// header's when its contigs are the same.
func (c *CallReader) contigMaps(h *Header) (lengths, lines map[string]int) {
	if c.lengths == nil || !slices.Equal(h.Contigs, c.contigs) {
		c.contigs = append(c.contigs[:0], h.Contigs...)
		c.lengths, c.lines = h.ContigLengths(), h.ContigLines()
	}
	return c.lengths, c.lines
}

type filterTally struct {
	filter []byte
	n      int64
}

// Read reads the calls of opt.SampleID (or the only sample) from r.
//
// Every record is counted once in led: records returned as calls are not
// counted here (the caller decides whether they are used); gVCF reference
// blocks, FILTERed records (unless opt.AllFilters), records whose only
// alleles are symbolic (<M>, <DEL>, *, breakends), in multi-sample files
// records whose selected sample neither genotypes the allele nor shows
// reads for it, and records that repeat an earlier record of the file
// (duplicate: the same CHROM, POS, REF and returned ALT alleles, with the
// same FILTER and caller flags; VAF and depth may differ, the first record
// is kept) are counted with their reason. Keeping a repeat out here is what
// bounds a sample's memory by its distinct calls; the pipeline still counts
// the same normalised alteration written differently, or in another file
// of the sample, as a duplicate.
//
// Per call: VAF from FORMAT VF (Pisces), FORMAT AF (DRAGEN, VarDict), AD
// (alt / sum of AD) when neither is present, then INFO TVAF (PCGR) or INFO
// AF for sites-only files; depth from FORMAT DP, INFO TDP, INFO DP, or the
// sum of AD; alt reads from AD. INFO GermlineStatus (DRAGEN) is kept and
// sets FlagGermlineCaller (Germline_*) or FlagCHCaller
// (Somatic_Putative_CH); INFO MNVTAG sets Call.Group; INFO hotspot sets
// FlagHotspot. Gene, protein, exon and consequence come from a VEP CSQ or
// snpEff ANN annotation when present. The allele's population frequency
// (Call.PopAF) comes from the first of the INFO keys in PopAFKeys, read per
// allele, or else from the largest gnomAD / MAX_AF field of the chosen VEP
// CSQ entry (a germline hint: METHODS.md §2.5).
func (c *CallReader) Read(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	rd := &c.rd
	var (
		data      *concordance.SampleData
		ann       *annotator
		multi     bool
		refBlocks int64
		alts      [][]byte
	)
	c.filters = c.filters[:0]
	clear(c.slot[:])
	if c.seen == nil {
		c.seen, c.seed = map[uint64]int{}, maphash.MakeSeed()
	}
	clear(c.seen)
	onHeader := func(h *Header) error {
		if err := rd.SelectSample(opt.SampleID); err != nil {
			return &concordance.LineError{Line: h.Lines, Err: err}
		}
		lengths, lines := c.contigMaps(h)
		data = &concordance.SampleData{Calls: c.calls[:0], Contigs: lengths, ContigLines: lines, Biomarkers: concordance.NoBiomarkers(), Build: h.build(lengths)}
		multi = len(h.Samples) > 1
		if multi {
			data.Sample = h.Samples[rd.Sample()]
		}
		ann = newAnnotator(h)
		return nil
	}
	onRecord := func(rec *Record) error {
		if rec.IsReferenceBlock() {
			refBlocks++
			return nil
		}
		pass := rec.Pass()
		if !pass && !opt.AllFilters {
			c.tallyFilter(rec.Filter())
			if opt.Filtered != nil {
				opt.Filtered.AddVCF(rec.FixedColumns(), rec.Pos, rec.Line)
			}
			return nil
		}
		if err := rec.CheckColumns(); err != nil {
			return err
		}
		if !validRef(rec.Ref()) {
			return rd.errorf("REF %s is not a DNA sequence (A, C, G, T, N or IUPAC codes)", concordance.QuoteBytes(rec.Ref()))
		}
		alts = splitAlts(alts[:0], rec.Alt())
		before := len(data.Calls)
		absent := 0
		var gt []byte
		if multi {
			gt, _ = rec.FormatValue("GT")
		}
		for i, alt := range alts {
			if isSymbolic(alt) {
				continue
			}
			if !validAlt(alt) {
				return rd.errorf("ALT allele %s is neither a DNA sequence nor a symbolic allele", concordance.QuoteBytes(alt))
			}
			if gt != nil && !genotypeHas(gt, i+1) && !hasSupport(rec, i) {
				absent++
				continue
			}
			call, err := c.call(rec, i, alt, alts, pass, opt, ann)
			if err != nil {
				return err
			}
			data.Calls = append(data.Calls, call)
		}
		if len(data.Calls) == before {
			reason, detail := concordance.ReasonSymbolic, string(rec.Alt())
			if absent > 0 {
				reason, detail = concordance.ReasonNotInSample, "GT="+string(gt)
			}
			led.Add(opt.File, opt.Patient, opt.Side, reason, detail, 1)
			return nil
		}
		c.key = recordKey(c.key[:0], data.Calls[before:])
		h := maphash.Bytes(c.seed, c.key)
		if at, ok := c.seen[h]; ok {
			if c.old = recordKey(c.old[:0], sameRecord(data.Calls[at:before])); bytes.Equal(c.old, c.key) {
				data.Calls = data.Calls[:before]
				led.Add(opt.File, opt.Patient, opt.Side, concordance.ReasonDuplicate, "", 1)
				return nil
			}
			return nil // another record with the same hash: kept, unrecorded
		}
		c.seen[h] = before
		return nil
	}
	if err := rd.Scan(r, onHeader, onRecord); err != nil {
		return nil, err
	}
	if data != nil {
		c.calls = nil
		if cap(data.Calls) <= concordance.ReusedCalls {
			c.calls = data.Calls[:0]
		}
	}
	led.Add(opt.File, opt.Patient, opt.Side, concordance.ReasonReferenceBlock, "", refBlocks)
	for _, f := range c.filters {
		led.Add(opt.File, opt.Patient, opt.Side, concordance.ReasonFiltered, string(f.filter), f.n)
	}
	return data, nil
}

// sameRecord is the leading calls that share the first call's Source: one
// record's calls.
func sameRecord(calls []concordance.Call) []concordance.Call {
	n := 1
	for n < len(calls) && calls[n].Source == calls[0].Source {
		n++
	}
	return calls[:n]
}

// recordKey appends what makes a record's calls the same as another's:
// its site, the alleles it gave and everything the pipeline's exclusions
// read (FILTER, germline status, MNV tag, flags), so that dropping a repeat
// here changes no match and no exclusion of the calls kept. Quantities (VAF,
// depth) and annotation are left out: the pipeline keeps the first of two
// calls of one alteration whatever they say. The repeat itself is counted
// as duplicate even where the pipeline would have given both records
// another reason (not_a_variant, sample_failed).
func recordKey(b []byte, calls []concordance.Call) []byte {
	b = append(b, calls[0].Chrom...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(calls[0].OrigPos), 10)
	b = append(b, 0)
	b = append(b, calls[0].OrigRef...)
	for i := range calls {
		c := &calls[i]
		b = append(b, 0)
		b = append(b, c.OrigAlt...)
		b = append(b, 0)
		b = append(b, c.Filter...)
		b = append(b, 0)
		b = append(b, c.GermlineStatus...)
		b = append(b, 0)
		b = append(b, c.Group...)
		b = append(b, 0)
		b = strconv.AppendUint(b, uint64(c.Flags), 10)
	}
	return b
}

// tallyFilter counts a FILTERed record by its FILTER value. Files have a
// handful of distinct values, in no order (a caller's filters interleave
// along the genome), so each is found by a small hash of its length and
// three of its bytes, checked, before a linear search of the list: the
// search alone was 5% of reading a cohort with libdeflate.
func (c *CallReader) tallyFilter(f []byte) {
	h := filterHash(f)
	if s := int(c.slot[h]); s > 0 && bytes.Equal(c.filters[s-1].filter, f) {
		c.filters[s-1].n++
		return
	}
	i := slices.IndexFunc(c.filters, func(t filterTally) bool { return bytes.Equal(t.filter, f) })
	if i < 0 {
		i = len(c.filters)
		c.filters = append(c.filters, filterTally{filter: append([]byte(nil), f...)})
	}
	c.filters[i].n++
	if i < 255 {
		c.slot[h] = uint8(i + 1)
	}
}

// filterHash is tallyFilter's slot for a FILTER value.
func filterHash(f []byte) int {
	if len(f) == 0 {
		return 0
	}
	return (len(f)*31 ^ int(f[0])*7 ^ int(f[len(f)/2])*3 ^ int(f[len(f)-1])) & 63
}

func (c *CallReader) call(rec *Record, i int, alt []byte, alts [][]byte, pass bool, opt concordance.ReadOptions, ann *annotator) (concordance.Call, error) {
	v := concordance.Variant{Chrom: string(rec.Chrom()), Pos: rec.Pos, Ref: upper(rec.Ref()), Alt: upper(alt)}
	call := concordance.NewCall(opt.Side, concordance.Alteration{Class: v.SmallClass(), Variant: v}, concordance.Source{File: opt.File, Line: rec.Line})
	call.OrigPos, call.OrigRef, call.OrigAlt = v.Pos, v.Ref, v.Alt
	if pass {
		call.Filter = "PASS"
	} else {
		call.Filter = string(rec.Filter())
	}
	if gs, ok := rec.InfoValue("GermlineStatus"); ok {
		call.GermlineStatus = string(gs)
		switch {
		case bytes.HasPrefix(gs, []byte("Germline")):
			call.Flags |= concordance.FlagGermlineCaller
		case bytes.Contains(gs, []byte("CH")):
			call.Flags |= concordance.FlagCHCaller
		}
	}
	if tag, ok := rec.InfoValue("MNVTAG"); ok && len(tag) > 0 {
		call.Group = string(tag)
	}
	if _, ok := rec.InfoValue("hotspot"); ok {
		call.Flags |= concordance.FlagHotspot
	}
	if err := quantities(rec, i, &call); err != nil {
		return call, err
	}
	popAF(rec, i, &call)
	ann.annotate(rec, i, alts, &call)
	return call, nil
}

// PopAFKeys are the INFO keys read as an allele's population frequency, in
// order of preference: gnomAD as written by vcfanno/bcftools annotate
// configurations, and VEP's --max_af / --af_gnomad names when written to
// INFO. Values are per ALT allele (Number=A).
var PopAFKeys = []string{"gnomAD_AF", "gnomADg_AF", "gnomADe_AF", "gnomad_AF", "gnomAD_AF_popmax", "AF_popmax", "MAX_AF"}

// csqPopAFFields are the VEP CSQ fields holding population frequencies
// (--af_gnomade, --af_gnomadg, --af_gnomad, --max_af).
var csqPopAFFields = map[string]bool{"gnomAD_AF": true, "gnomADe_AF": true, "gnomADg_AF": true, "MAX_AF": true}

func popAF(rec *Record, i int, call *concordance.Call) {
	for _, k := range PopAFKeys {
		if v, ok := rec.InfoValue(k); ok {
			if e, ok := nth(v, i); ok {
				if x, ok := parseFloat(e); ok && x >= 0 && x <= 1 {
					call.PopAF = x
					return
				}
			}
		}
	}
}

// quantities fills VAF, depth and alt reads of allele i (0-based among
// ALTs). A value that is present but out of range is an error naming the
// field and what it must be: a VAF outside [0, 1] (or NaN, Inf: VCF 4.3
// allows them in Float fields, but they are no allele fraction), a depth or
// an allele depth that is not a whole number, 0 or more. Missing values
// ("." or empty) stay unknown.
//
// Alt reads may exceed DP: AD counts the reads informative for each allele,
// DP the reads the caller kept, and callers differ in how (Mutect2's AD
// "often add up to >DP", mskcc/vcf2maf#35). Like vcf2maf, which then "sets
// DP to sum of allele depths", the depth is then the sum of AD, so that a
// call's alt reads never exceed its depth.
func quantities(rec *Record, i int, call *concordance.Call) error {
	var ad []byte
	if v, ok := rec.FormatValue("AD"); ok && !isMissing(v) {
		ad = v
	}
	if v, ok := rec.FormatValue("DP"); ok {
		n, ok, err := count(rec, "FORMAT DP", v)
		if err != nil {
			return err
		}
		if ok {
			call.Depth = n
		}
	}
	if call.Depth < 0 {
		for _, k := range infoDepth {
			if v, ok := rec.InfoValue(k.key); ok {
				n, ok, err := count(rec, k.field, v)
				if err != nil {
					return err
				}
				if ok {
					call.Depth = n
					break
				}
			}
		}
	}
	// The AD-derived VAF is alt / (sum of the entries before the first
	// missing one), as before this function checked values; known is the
	// sum of every known entry, a lower bound on the reads at the site.
	adSum, adAlt, known, stopped := 0, -1, 0, false
	if ad != nil {
		for k, rest := 0, ad; rest != nil; k++ {
			var e []byte
			if j := bytes.IndexByte(rest, ','); j >= 0 {
				e, rest = rest[:j], rest[j+1:]
			} else {
				e, rest = rest, nil
			}
			n, ok, err := count(rec, "FORMAT AD", e)
			if err != nil {
				return err
			}
			if !ok {
				stopped = true
				continue
			}
			known += n
			if k == i+1 {
				call.AltReads = n
			}
			if !stopped {
				adSum += n
				if k == i+1 {
					adAlt = n
				}
			}
		}
	}
	vaf, err := fraction(rec, i)
	if err != nil {
		return err
	}
	switch {
	case vaf >= 0:
		call.VAF = vaf
	case adAlt >= 0 && adSum > 0:
		call.VAF = float64(adAlt) / float64(adSum)
		if call.Depth < 0 {
			call.Depth = adSum
		}
	default:
		for _, k := range infoVAF {
			if v, ok := rec.InfoValue(k.key); ok {
				if e, ok := nth(v, i); ok && !isMissing(e) {
					x, err := vafValue(rec, k.field, e)
					if err != nil {
						return err
					}
					call.VAF = x
					break
				}
			}
		}
	}
	if call.AltReads > call.Depth && call.Depth >= 0 {
		call.Depth = known // known >= AltReads: AltReads is one of its terms
	}
	return nil
}

// fraction reads allele i's FORMAT VF (Pisces) or AF (DRAGEN, VarDict):
// -1 when neither holds a value for it.
func fraction(rec *Record, i int) (float64, error) {
	for _, k := range formatVAF {
		if v, ok := rec.FormatValue(k.key); ok {
			if e, ok := nth(v, i); ok && !isMissing(e) {
				return vafValue(rec, k.field, e)
			}
		}
	}
	return -1, nil
}

// The keys quantities reads, in order of preference, with the names its
// errors give them (written out: building them per call cost an
// allocation).
var (
	formatVAF = []struct{ key, field string }{{"VF", "FORMAT VF"}, {"AF", "FORMAT AF"}}
	infoVAF   = []struct{ key, field string }{{"TVAF", "INFO TVAF"}, {"AF", "INFO AF"}}
	infoDepth = []struct{ key, field string }{{"TDP", "INFO TDP"}, {"DP", "INFO DP"}}
)

// vafValue parses an allele fraction, refusing anything outside [0, 1].
func vafValue(rec *Record, field string, b []byte) (float64, error) {
	x, ok := parseFloat(b)
	if !ok || !table.IsFraction(x) {
		return 0, &concordance.LineError{Line: rec.Line, Err: fmt.Errorf("vcf: %w", table.BadValue(field, string(b), table.WantFraction))}
	}
	return x, nil
}

// count parses a read count: known=false for a missing value ("." or
// empty), an error for anything but a whole number, 0 or more ("12.0" is
// read as 12: some writers give depths as floats).
func count(rec *Record, field string, b []byte) (n int, known bool, err error) {
	if isMissing(b) {
		return 0, false, nil
	}
	if n, ok := parseInt(b); ok {
		return n, true, nil
	}
	return 0, false, &concordance.LineError{Line: rec.Line, Err: fmt.Errorf("vcf: %w", table.BadValue(field, string(b), table.WantCount))}
}

func isMissing(b []byte) bool { return len(b) == 0 || len(b) == 1 && b[0] == '.' }

func splitAlts(dst [][]byte, alt []byte) [][]byte {
	for {
		j := bytes.IndexByte(alt, ',')
		if j < 0 {
			return append(dst, alt)
		}
		dst = append(dst, alt[:j])
		alt = alt[j+1:]
	}
}

// isSymbolic reports alleles that are not sequence: <ID> symbolic alleles
// (Pisces <M>, CNV <DUP>/<DEL>), the overlapping-deletion allele *, the
// missing allele ".", and breakends (VCF 4.3 §5.4).
func isSymbolic(a []byte) bool {
	if len(a) == 0 {
		return true
	}
	if a[0] == '<' || a[0] == '*' || a[0] == '.' && len(a) == 1 {
		return true
	}
	return bytes.ContainsAny(a, "[]") || a[0] == '.' || a[len(a)-1] == '.'
}

func validAlt(a []byte) bool {
	for _, c := range a {
		switch c | 0x20 {
		case 'a', 'c', 'g', 't', 'n':
		default:
			return false
		}
	}
	return true
}

// validRef accepts A, C, G, T, N and the IUPAC ambiguity codes: some
// references carry them and the normaliser compares REF with the reference.
func validRef(a []byte) bool {
	for _, c := range a {
		switch c | 0x20 {
		case 'a', 'c', 'g', 't', 'n', 'r', 'y', 's', 'w', 'k', 'm', 'b', 'd', 'h', 'v':
		default:
			return false
		}
	}
	return true
}

func upper(b []byte) string {
	for _, c := range b {
		if c >= 'a' && c <= 'z' {
			return strings.ToUpper(string(b))
		}
	}
	return string(b)
}

// genotypeHas reports whether a GT value lists allele index a.
func genotypeHas(gt []byte, a int) bool {
	n, in := 0, false
	for _, c := range gt {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
			in = true
			continue
		}
		if in && n == a {
			return true
		}
		n, in = 0, false
	}
	return in && n == a
}

// hasSupport reports whether the selected sample shows reads or a VAF for
// allele i. Somatic callers write GT 0/0 for low-VAF tumour calls (VarDict
// does), so in multi-sample files a genotype without the allele excludes
// the call only when the sample has no support for it either.
func hasSupport(rec *Record, i int) bool {
	for _, k := range []string{"AF", "VF"} {
		if v, ok := rec.FormatValue(k); ok {
			if e, ok := nth(v, i); ok {
				if x, ok := parseFloat(e); ok && x > 0 {
					return true
				}
			}
		}
	}
	if v, ok := rec.FormatValue("AD"); ok {
		if e, ok := nth(v, i+1); ok {
			if n, ok := parseInt(e); ok && n > 0 {
				return true
			}
		}
	}
	return false
}

// annotator extracts gene, protein, exon and consequence from a VEP CSQ
// annotation (fields named by the header) or a snpEff ANN annotation
// (fixed field order, SnpEff "ANN" specification v1.0).
type annotator struct {
	csq                                                                       bool
	allele, symbol, hgvsp, hgvsc, exon, consequence, feature, pick, canonical int
	popAF                                                                     []int
	ann                                                                       bool
}

func newAnnotator(h *Header) *annotator {
	a := &annotator{allele: -1, symbol: -1, hgvsp: -1, hgvsc: -1, exon: -1, consequence: -1, feature: -1, pick: -1, canonical: -1}
	if len(h.CSQFields) > 0 {
		a.csq = true
		for i, f := range h.CSQFields {
			switch strings.TrimSpace(f) {
			case "Allele":
				a.allele = i
			case "SYMBOL":
				a.symbol = i
			case "HGVSp":
				a.hgvsp = i
			case "HGVSc":
				a.hgvsc = i
			case "EXON":
				a.exon = i
			case "Consequence":
				a.consequence = i
			case "Feature":
				a.feature = i
			case "PICK":
				a.pick = i
			case "CANONICAL":
				a.canonical = i
			default:
				if csqPopAFFields[strings.TrimSpace(f)] {
					a.popAF = append(a.popAF, i)
				}
			}
		}
	}
	a.ann = h.HasANN
	return a
}

func (a *annotator) annotate(rec *Record, i int, alts [][]byte, call *concordance.Call) {
	if a.csq {
		if v, ok := rec.InfoValue("CSQ"); ok && len(v) > 0 {
			a.fromCSQ(string(v), vepAllele(rec.Ref(), alts, i), call)
			return
		}
	}
	if a.ann {
		if v, ok := rec.InfoValue("ANN"); ok && len(v) > 0 {
			fromANN(string(v), string(alts[i]), call)
		}
	}
}

// vepAllele is how VEP writes allele i in its Allele field: without the
// first base when every allele of the record shares it (then "-" for an
// empty allele), else as in the VCF.
func vepAllele(ref []byte, alts [][]byte, i int) string {
	shared := len(ref) > 0
	for _, a := range alts {
		if len(a) == 0 || a[0] != ref[0] || len(a) == 1 && len(ref) == 1 {
			shared = false
		}
	}
	if !shared {
		return upper(alts[i])
	}
	s := upper(alts[i][1:])
	if s == "" {
		return "-"
	}
	return s
}

func (a *annotator) fromCSQ(v, allele string, call *concordance.Call) {
	var best []string
	bestScore := -1
	for _, entry := range strings.Split(v, ",") {
		f := strings.Split(entry, "|")
		if a.allele >= 0 && a.allele < len(f) && !strings.EqualFold(f[a.allele], allele) {
			continue
		}
		score := 0
		if field(f, a.pick) == "1" {
			score += 4
		}
		if field(f, a.canonical) == "YES" {
			score += 2
		}
		if field(f, a.hgvsp) != "" {
			score++
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	if best == nil {
		return
	}
	setAnnotation(call, field(best, a.consequence), field(best, a.symbol), field(best, a.feature), field(best, a.exon),
		field(best, a.hgvsc), field(best, a.hgvsp))
	if !concordance.Known(call.PopAF) {
		// Colocated known variants are joined with "&"; the largest
		// frequency is the conservative germline hint.
		for _, k := range a.popAF {
			for _, v := range strings.Split(field(best, k), "&") {
				if x, err := strconv.ParseFloat(v, 64); err == nil && x >= 0 && x <= 1 && (!concordance.Known(call.PopAF) || x > call.PopAF) {
					call.PopAF = x
				}
			}
		}
	}
}

func fromANN(v, allele string, call *concordance.Call) {
	for _, entry := range strings.Split(v, ",") {
		f := strings.Split(entry, "|")
		if len(f) < 11 || !strings.EqualFold(f[0], allele) {
			continue
		}
		setAnnotation(call, f[1], f[3], f[6], f[8], f[9], f[10])
		return
	}
}

// setAnnotation sets a call's annotation from fields of a CSQ or ANN
// value. The fields are pieces of the whole INFO value (every transcript's
// annotation): each is copied, so that a call kept for the run keeps its
// few words, not the value (a tenth of a cohort's memory when they did).
// Names that repeat from call to call are shared.
func setAnnotation(call *concordance.Call, consequence, gene, transcript, exon, hgvsc, hgvsp string) {
	call.Consequence = unique.Make(consequence).Value()
	call.Gene = unique.Make(gene).Value()
	call.Transcript = unique.Make(transcript).Value()
	call.Exon = unique.Make(exon).Value()
	call.HGVSc = strings.Clone(hgvsc)
	call.Protein = strings.Clone(proteinPart(hgvsp))
}

func field(f []string, i int) string {
	if i < 0 || i >= len(f) {
		return ""
	}
	return f[i]
}

// proteinPart strips a protein accession ("ENSP…:p.Val600Glu") and VEP's
// URI-escaped "=" (p.Ser406%3D).
func proteinPart(s string) string {
	if j := strings.LastIndex(s, ":"); j >= 0 {
		s = s[j+1:]
	}
	return strings.ReplaceAll(s, "%3D", "=")
}

// String is for debugging.
func (rec *Record) String() string {
	return fmt.Sprintf("%s:%d %s>%s %s", rec.Chrom(), rec.Pos, rec.Ref(), rec.Alt(), rec.Filter())
}
