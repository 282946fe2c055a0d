package evidence

import (
	"bytes"
	"fmt"
	"io"
	"sort"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/vcf"
	"github.com/concord-oncology/concord/concordance/internal/table"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/internal/infile"
)

// GVCF reads genome VCFs (plain, gzip or BGZF), one pass per file for any
// number of sites. It is not safe for concurrent use; reuse it across
// files to reuse its buffers.
type GVCF struct {
	Limits infile.Limits // caps on line length and inflation; zero: the defaults

	rd   vcf.Reader
	dec  infile.Decompressor
	trim normalize.Normalizer
}

// Count looks up variants in one pass over a genome VCF and returns their
// counts in the order given. For each variant, the records covering its
// position (POS, or POS..END for a reference block with INFO END) give the
// depth: FORMAT DP, else INFO DP, the largest when several records share
// the position. A record of the same allele (compared after trimming, so
// an anchor base or a shared suffix does not matter) gives the alt reads
// from FORMAT AD, whatever its FILTER: Pisces writes sub-threshold alleles
// there as filtered records. Reference records say nothing about a
// particular allele, so alt reads stay unknown (-1) when no record of the
// allele exists; a site no record covers has depth -1 too.
//
// sample selects the sample column ("" for the only one; a single-sample
// file is read whatever its column is named, as gVCFs are per sample).
func (g *GVCF) Count(r io.Reader, sample string, variants []concordance.Variant) ([]Counts, error) {
	out := make([]Counts, len(variants))
	// Queries by contig key, sorted by position.
	type query struct {
		i   int
		pos int
		key string // the variant's match key, trimmed
	}
	byContig := map[string][]query{}
	for i, v := range variants {
		out[i] = Counts{Alt: -1, Depth: -1}
		t, err := g.trim.Normalize(v)
		if err != nil {
			t = v
		}
		k := concordance.ContigKey(v.Chrom)
		byContig[k] = append(byContig[k], query{i: i, pos: v.Pos, key: matchKey(t)})
	}
	for _, q := range byContig {
		sort.SliceStable(q, func(a, b int) bool { return q[a].pos < q[b].pos })
	}
	g.dec.Limits = g.Limits
	src, _, err := g.dec.Open(r)
	if err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	var (
		lastChrom []byte
		queries   []query
		cursor    int
		alts      [][]byte
	)
	onHeader := func(h *vcf.Header) error {
		id := sample
		if len(h.Samples) == 1 {
			id = ""
		}
		if err := g.rd.SelectSample(id); err != nil {
			return &concordance.LineError{Line: h.Lines, Err: err}
		}
		return nil
	}
	onRecord := func(rec *vcf.Record) error {
		if chrom := rec.Chrom(); !bytes.Equal(chrom, lastChrom) {
			lastChrom = append(lastChrom[:0], chrom...)
			queries, cursor = byContig[concordance.ContigKey(string(chrom))], 0
		}
		// Records come sorted by POS: a query before this record's POS was
		// covered by earlier records or by none.
		for cursor < len(queries) && queries[cursor].pos < rec.Pos {
			cursor++
		}
		if cursor >= len(queries) {
			return nil
		}
		end := recordEnd(rec)
		if queries[cursor].pos > end {
			return nil // the common case: a record before the next site
		}
		depth, err := -1, error(nil)
		if v, ok := rec.FormatValue("DP"); ok {
			if depth, err = count(rec, "FORMAT DP", v); err != nil {
				return err
			}
		}
		if depth < 0 {
			if v, ok := rec.InfoValue("DP"); ok {
				if depth, err = count(rec, "INFO DP", v); err != nil {
					return err
				}
			}
		}
		ref := rec.Ref()
		block := rec.IsReferenceBlock()
		for k := cursor; k < len(queries) && queries[k].pos <= end; k++ {
			q := &queries[k]
			c := &out[q.i]
			if depth > c.Depth {
				c.Depth = depth
			}
			if block || q.pos != rec.Pos {
				continue
			}
			alts = splitComma(alts[:0], rec.Alt())
			for a, alt := range alts {
				t, err := g.trim.Normalize(concordance.Variant{Chrom: "x", Pos: rec.Pos, Ref: string(ref), Alt: string(alt)})
				if err != nil || matchKey(t) != q.key {
					continue
				}
				if ad, ok := rec.FormatValue("AD"); ok {
					n, err := count(rec, "FORMAT AD", nthComma(ad, a+1))
					if err != nil {
						return err
					}
					if n >= 0 {
						c.Alt = n
					}
				}
			}
		}
		return nil
	}
	if err := g.rd.Scan(src, onHeader, onRecord); err != nil {
		return nil, err
	}
	return out, nil
}

// matchKey is the variant's anchor-free key without its contig.
func matchKey(v concordance.Variant) string {
	v.Chrom = "x"
	return v.MatchKey()
}

// recordEnd is the last position a record covers: INFO END for a block,
// else the end of REF.
func recordEnd(rec *vcf.Record) int {
	if v, ok := rec.InfoValue("END"); ok {
		if n := atoi(v); n >= rec.Pos {
			return n
		}
	}
	return rec.Pos + len(rec.Ref()) - 1
}

func splitComma(dst [][]byte, b []byte) [][]byte {
	for {
		i := bytes.IndexByte(b, ',')
		if i < 0 {
			return append(dst, b)
		}
		dst, b = append(dst, b[:i]), b[i+1:]
	}
}

func nthComma(b []byte, n int) []byte {
	for ; n > 0; n-- {
		i := bytes.IndexByte(b, ',')
		if i < 0 {
			return nil
		}
		b = b[i+1:]
	}
	if i := bytes.IndexByte(b, ','); i >= 0 {
		b = b[:i]
	}
	return b
}

// count reads a read count: -1 when missing ("." or empty), an error
// naming the line and field when the value is anything but a whole number,
// 0 or more (a depth of -5 was read as unknown).
func count(rec *vcf.Record, field string, b []byte) (int, error) {
	if len(b) == 0 || len(b) == 1 && b[0] == '.' {
		return -1, nil
	}
	if n := atoi(b); n >= 0 {
		return n, nil
	}
	return -1, &concordance.LineError{Line: rec.Line, Err: fmt.Errorf("evidence: %w", table.BadValue(field, string(b), table.WantCount))}
}

// atoi parses a non-negative count; -1 when missing or not a number.
func atoi(b []byte) int {
	if len(b) == 0 || len(b) > 12 {
		return -1
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}
