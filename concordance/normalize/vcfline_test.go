package normalize

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// testRecord is what the peer vectors contract on: CHROM, POS, REF and the
// ALT alleles. The real VCF reader lives in concordance/input/vcf; this minimal
// line parser serves the tests only.
type testRecord struct {
	Line  int
	Chrom string
	Pos   int
	Ref   string
	Alts  []string
}

func (r testRecord) record() Record {
	return Record{Chrom: r.Chrom, Pos: r.Pos, Ref: r.Ref, Alts: r.Alts}
}

// readTestVCF returns the data lines of a VCF: CHROM, POS, REF and ALT
// split on commas. Header lines are skipped.
func readTestVCF(t *testing.T, path string) []testRecord {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []testRecord
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || text[0] == '#' {
			continue
		}
		fields := strings.SplitN(text, "\t", 6)
		if len(fields) < 5 {
			t.Fatalf("%s:%d: %d columns, want at least 5", path, line, len(fields))
		}
		pos, err := strconv.Atoi(fields[1])
		if err != nil {
			t.Fatalf("%s:%d: POS %q: %v", path, line, fields[1], err)
		}
		recs = append(recs, testRecord{Line: line, Chrom: fields[0], Pos: pos, Ref: fields[3], Alts: strings.Split(fields[4], ",")})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// site is one output record as the vectors compare it: alleles upper-case
// (VCF alleles are case-insensitive; bcftools copies soft-masked reference
// bases into them as they are), ALTs comma-joined.
type site struct {
	Chrom string
	Pos   int
	Ref   string
	Alt   string
}

func (s site) String() string {
	return s.Chrom + "\t" + strconv.Itoa(s.Pos) + "\t" + s.Ref + "\t" + s.Alt
}

func siteOf(chrom string, pos int, ref string, alts ...string) site {
	return site{Chrom: chrom, Pos: pos, Ref: strings.ToUpper(ref), Alt: strings.ToUpper(strings.Join(alts, ","))}
}

func sitesOf(recs []testRecord) []site {
	out := make([]site, len(recs))
	for i, r := range recs {
		out[i] = siteOf(r.Chrom, r.Pos, r.Ref, r.Alts...)
	}
	return out
}
