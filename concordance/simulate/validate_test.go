package simulate

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/biogo/hts/fai"
)

// These tests read the written cohort back with independent minimal
// parsers: nothing below uses the simulator's own genome or annotation
// code, only the files.

type vcfLine struct {
	line                       int
	chrom                      string
	pos                        int
	id, ref, alt, qual, filter string
	info                       map[string]string
	format                     []string
	sample                     []string
}

type vcfFile struct {
	meta    []string
	samples []string
	recs    []vcfLine
	csq     []string // CSQ field names from the header
}

// parseVCF is a minimal VCF 4.x parser: meta lines, the #CHROM header with
// one sample, and records of 10 tab-separated fields.
func parseVCF(t *testing.T, name string, data []byte) *vcfFile {
	t.Helper()
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data)) // BGZF is multi-member gzip
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	v := &vcfFile{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "##"):
			v.meta = append(v.meta, l)
			if strings.HasPrefix(l, "##INFO=<ID=CSQ,") {
				i := strings.Index(l, "Format: ")
				v.csq = strings.Split(strings.TrimSuffix(l[i+8:], `">`), "|")
			}
		case strings.HasPrefix(l, "#CHROM"):
			f := strings.Split(l, "\t")
			if len(f) != 10 || strings.Join(f[:9], " ") != "#CHROM POS ID REF ALT QUAL FILTER INFO FORMAT" {
				t.Fatalf("%s:%d: bad header %q", name, n, l)
			}
			v.samples = f[9:]
		default:
			if v.samples == nil {
				t.Fatalf("%s:%d: record before #CHROM", name, n)
			}
			f := strings.Split(l, "\t")
			if len(f) != 10 {
				t.Fatalf("%s:%d: %d fields", name, n, len(f))
			}
			pos, err := strconv.Atoi(f[1])
			if err != nil || pos < 1 {
				t.Fatalf("%s:%d: bad POS %q", name, n, f[1])
			}
			rec := vcfLine{line: n, chrom: f[0], pos: pos, id: f[2], ref: f[3], alt: f[4], qual: f[5], filter: f[6],
				info: map[string]string{}, format: strings.Split(f[8], ":"), sample: strings.Split(f[9], ":")}
			for _, kv := range strings.Split(f[7], ";") {
				k, val, _ := strings.Cut(kv, "=")
				rec.info[k] = val
			}
			if len(rec.format) != len(rec.sample) {
				t.Fatalf("%s:%d: FORMAT has %d keys, sample %d values", name, n, len(rec.format), len(rec.sample))
			}
			v.recs = append(v.recs, rec)
		}
	}
	return v
}

func (r *vcfLine) fmtValue(key string) string {
	for i, k := range r.format {
		if k == key {
			return r.sample[i]
		}
	}
	return ""
}

// cohortReference opens the written FASTA through its .fai index with
// biogo/hts, as a reader of the cohort would.
func cohortReference(t *testing.T, s *memSink) *fai.File {
	t.Helper()
	idx, err := fai.ReadFrom(bytes.NewReader(s.files[FileReferenceFAI]))
	if err != nil {
		t.Fatal(err)
	}
	return fai.NewFile(bytes.NewReader(s.files[FileReference]), idx)
}

func refBases(t *testing.T, f *fai.File, chrom string, start, end int) string {
	t.Helper()
	r, err := f.SeqRange(chrom, start-1, end)
	if err != nil {
		t.Fatalf("%s:%d-%d: %v", chrom, start, end, err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// bedCDS rebuilds each panel gene's coding sequence from panel.bed and the
// FASTA (+ strand, exons in order) and maps CDS positions to the genome.
type bedGene struct {
	chrom string
	exons [][3]int // start (1-based), end, exon number
	cds   []byte
}

func bedGenes(t *testing.T, s *memSink, ref *fai.File) map[string]*bedGene {
	t.Helper()
	genes := map[string]*bedGene{}
	for i, l := range strings.Split(strings.TrimSpace(string(s.files[FilePanel])), "\n") {
		f := strings.Split(l, "\t")
		if len(f) != 6 {
			t.Fatalf("panel.bed:%d: %d fields", i+1, len(f))
		}
		start, _ := strconv.Atoi(f[1])
		end, _ := strconv.Atoi(f[2])
		num, _ := strconv.Atoi(f[4])
		g := genes[f[3]]
		if g == nil {
			g = &bedGene{chrom: f[0]}
			genes[f[3]] = g
		}
		if n := len(g.exons); n > 0 && (start < g.exons[n-1][1] || num != g.exons[n-1][2]+1) {
			t.Fatalf("panel.bed:%d: exons of %s out of order", i+1, f[3])
		}
		g.exons = append(g.exons, [3]int{start + 1, end, num})
		g.cds = append(g.cds, refBases(t, ref, f[0], start+1, end)...)
	}
	return genes
}

func (g *bedGene) genomic(c int) int {
	for _, e := range g.exons {
		if l := e[1] - e[0] + 1; c <= l {
			return e[0] + c - 1
		} else {
			c -= l
		}
	}
	return -1
}

// The standard genetic code, written out independently of codon.go.
var testCode = map[string]string{}

func init() {
	aa := "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG"
	i := 0
	for _, a := range "TCAG" {
		for _, b := range "TCAG" {
			for _, c := range "TCAG" {
				testCode[string([]rune{a, b, c})] = aa[i : i+1]
				i++
			}
		}
	}
}

var testThree = map[string]string{"Ala": "A", "Arg": "R", "Asn": "N", "Asp": "D", "Cys": "C", "Gln": "Q", "Glu": "E",
	"Gly": "G", "His": "H", "Ile": "I", "Leu": "L", "Lys": "K", "Met": "M", "Phe": "F", "Pro": "P", "Ser": "S",
	"Thr": "T", "Trp": "W", "Tyr": "Y", "Val": "V", "Ter": "*"}

// checkSNVAnnotation translates the codon an SNV hits, before and after,
// and compares with its HGVSc/HGVSp/EXON.
func checkSNVAnnotation(g *bedGene, rec *vcfLine, csq map[string]string) error {
	hgvsc := csq["HGVSc"][strings.Index(csq["HGVSc"], ":")+1:]
	if strings.ContainsAny(hgvsc, "+*") || strings.HasPrefix(hgvsc, "c.-") || strings.Contains(hgvsc[2:], "-") {
		return checkNoncodingAnnotation(g, rec, csq, hgvsc)
	}
	var c int
	var refB, altB byte
	if _, err := fmt.Sscanf(hgvsc, "c.%d%c>%c", &c, &refB, &altB); err != nil {
		return fmt.Errorf("HGVSc %q: %v", hgvsc, err)
	}
	if p := g.genomic(c); p != rec.pos {
		return fmt.Errorf("%s is at %d, record at %d", hgvsc, p, rec.pos)
	}
	if string(refB) != rec.ref || string(altB) != rec.alt || g.cds[c-1] != refB {
		return fmt.Errorf("%s disagrees with REF %s ALT %s / CDS %c", hgvsc, rec.ref, rec.alt, g.cds[c-1])
	}
	k := (c - 1) / 3 * 3
	codon := []byte(string(g.cds[k : k+3]))
	before := testCode[string(codon)]
	codon[(c-1)%3] = altB
	after := testCode[string(codon)]
	hgvsp := strings.ReplaceAll(csq["HGVSp"][strings.Index(csq["HGVSp"], ":")+1:], "%3D", "=")
	num := strconv.Itoa(k/3 + 1)
	var want string
	switch {
	case before == after:
		want = "p." + threeOf(before) + num + "="
	default:
		want = "p." + threeOf(before) + num + threeOf(after)
	}
	if hgvsp != want {
		return fmt.Errorf("%s: HGVSp %s, codon translation gives %s", hgvsc, hgvsp, want)
	}
	for _, e := range g.exons {
		if rec.pos >= e[0] && rec.pos <= e[1] && !strings.HasPrefix(csq["EXON"], strconv.Itoa(e[2])+"/") {
			return fmt.Errorf("%s: EXON %s, panel.bed says exon %d", hgvsc, csq["EXON"], e[2])
		}
	}
	return nil
}

// checkNoncodingAnnotation checks an intronic or UTR SNV (issue 11)
// against panel.bed: c.N+d lies d bases after CDS base N, c.N-d d bases
// before it, c.-d d bases before the first coding base, c.*d d bases after
// the last (the stop codon's last base); none lies in a coding exon; the
// consequence and the EXON/INTRON fields fit; HGVSp is empty.
func checkNoncodingAnnotation(g *bedGene, rec *vcfLine, csq map[string]string, hgvsc string) error {
	body, change, ok := strings.Cut(hgvsc[2:], rec.ref+">")
	if !ok || change != rec.alt {
		return fmt.Errorf("%s disagrees with REF %s ALT %s", hgvsc, rec.ref, rec.alt)
	}
	var pos int
	var want string
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	switch {
	case strings.HasPrefix(body, "-"):
		pos, want = g.genomic(1)-atoi(body[1:]), "5_prime_UTR_variant"
	case strings.HasPrefix(body, "*"):
		pos, want = g.genomic(len(g.cds))+atoi(body[1:]), "3_prime_UTR_variant"
	case strings.Contains(body, "+"):
		n, d, _ := strings.Cut(body, "+")
		pos, want = g.genomic(atoi(n))+atoi(d), "intron_variant"
	default:
		n, d, _ := strings.Cut(body, "-")
		pos, want = g.genomic(atoi(n))-atoi(d), "intron_variant"
	}
	if pos != rec.pos {
		return fmt.Errorf("%s is at %d, record at %d", hgvsc, pos, rec.pos)
	}
	for _, e := range g.exons {
		if rec.pos >= e[0] && rec.pos <= e[1] {
			return fmt.Errorf("%s lies in coding exon %d", hgvsc, e[2])
		}
	}
	if csq["Consequence"] != want || csq["HGVSp"] != "" || (want == "intron_variant") != (csq["INTRON"] != "" && csq["EXON"] == "") {
		return fmt.Errorf("%s: consequence %s, EXON %q, INTRON %q, HGVSp %q; want %s", hgvsc, csq["Consequence"], csq["EXON"], csq["INTRON"], csq["HGVSp"], want)
	}
	return nil
}

func threeOf(one string) string {
	for k, v := range testThree {
		if v == one {
			return k
		}
	}
	return "?"
}

// Every VCF parses, every REF matches the reference, every SNV's
// annotation is what translating its codon gives, and every record of the
// files appears in the truth table with what the file holds.
func TestCohortFiles(t *testing.T) {
	_, s := writeCohort(t, Config{Patients: 120, Seed: 11})
	ref := cohortReference(t, s)
	genes := bedGenes(t, s, ref)
	truth := parseTruth(t, s.files[FileTruth])
	checked, noncoding, losses := 0, 0, 0
	for name, data := range s.files {
		switch {
		case strings.HasSuffix(name, "_T.vcf.gz"), strings.HasSuffix(name, "_P.hard-filtered.vcf.gz"):
			v := parseVCF(t, name, data)
			pid := name[strings.LastIndex(name, "/")+1 : strings.Index(name, "_")]
			side := "tissue"
			if strings.Contains(name, "_P.") {
				side = "plasma"
			}
			if want := pid + map[string]string{"tissue": "_T", "plasma": "_P"}[side]; v.samples[0] != want {
				t.Errorf("%s: sample %q, want %q", name, v.samples[0], want)
			}
			if len(v.csq) != 13 || v.csq[0] != "Allele" || v.csq[11] != "HGVSp" {
				t.Fatalf("%s: CSQ format %v", name, v.csq)
			}
			for i := range v.recs {
				rec := &v.recs[i]
				if got := refBases(t, ref, rec.chrom, rec.pos, rec.pos+len(rec.ref)-1); got != rec.ref {
					t.Errorf("%s:%d: REF %s, reference has %s", name, rec.line, rec.ref, got)
				}
				fields := strings.Split(rec.info["CSQ"], "|")
				if len(fields) != len(v.csq) {
					t.Fatalf("%s:%d: CSQ has %d fields", name, rec.line, len(fields))
				}
				csq := map[string]string{}
				for j, k := range v.csq {
					csq[k] = fields[j]
				}
				g := genes[csq["SYMBOL"]]
				if g == nil || g.chrom != rec.chrom {
					t.Fatalf("%s:%d: gene %s not on the panel at %s", name, rec.line, csq["SYMBOL"], rec.chrom)
				}
				alt := strings.TrimSuffix(rec.alt, ",<M>")
				if len(rec.ref) == 1 && len(alt) == 1 {
					r2 := *rec
					r2.alt = alt
					if err := checkSNVAnnotation(g, &r2, csq); err != nil {
						t.Errorf("%s:%d: %v", name, rec.line, err)
					}
					checked++
					if csq["HGVSp"] == "" {
						noncoding++
					}
				}
				checkTruth(t, name, pid, side, rec, truth)
			}
		case strings.HasSuffix(name, "CopyNumberVariants.vcf"), strings.HasSuffix(name, ".cnv.vcf"):
			v := parseVCF(t, name, data)
			for _, rec := range v.recs {
				end, err := strconv.Atoi(rec.info["END"])
				if err != nil || end <= rec.pos {
					t.Errorf("%s:%d: END %q", name, rec.line, rec.info["END"])
				}
				if rec.alt == "<DEL>" {
					losses++
				}
				if rec.alt != "." && rec.alt != "<DUP>" && rec.alt != "<DEL>" {
					t.Errorf("%s:%d: ALT %s", name, rec.line, rec.alt)
				}
				// Issue 11: a loss is written with a fold change or copy
				// ratio below 1, a gain above.
				fc := ""
				for k, f := range rec.format {
					if f == "FC" || f == "SM" {
						fc = rec.sample[k]
					}
				}
				if x, err := strconv.ParseFloat(fc, 64); rec.alt != "." && (err != nil || (rec.alt == "<DEL>") != (x < 1)) {
					t.Errorf("%s:%d: ALT %s with fold change %s", name, rec.line, rec.alt, fc)
				}
			}
		case strings.HasSuffix(name, "_AllFusions.csv"):
			checkCSV(t, name, string(data), "# ", 25, "\n")
		case strings.HasSuffix(name, "_Fusions.csv"):
			checkCSV(t, name, string(data), "#", 18, "\r\n")
		}
	}
	if checked < 1000 {
		t.Errorf("only %d SNV annotations checked", checked)
	}
	// Issue 11: the cohort exercises intronic and UTR calls and losses.
	if noncoding == 0 || losses == 0 {
		t.Errorf("%d intronic/UTR records, %d <DEL> records: want some of each", noncoding, losses)
	}
}

func checkCSV(t *testing.T, name, data, comment string, cols int, eol string) {
	t.Helper()
	if eol == "\r\n" && strings.Count(data, "\n") != strings.Count(data, "\r\n") {
		t.Errorf("%s: not CRLF throughout", name)
	}
	header := false
	for i, l := range strings.Split(strings.TrimSuffix(data, eol), eol) {
		if strings.HasPrefix(l, comment) {
			if header {
				t.Errorf("%s:%d: comment after the header", name, i+1)
			}
			continue
		}
		header = true
		if n := len(strings.Split(l, ",")); n != cols {
			t.Errorf("%s:%d: %d columns, want %d", name, i+1, n, cols)
		}
	}
}

type truthEntry map[string]string

func parseTruth(t *testing.T, data []byte) map[string][]truthEntry {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	head := strings.Split(lines[0], "\t")
	out := map[string][]truthEntry{}
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != len(head) {
			t.Fatalf("truth row has %d fields: %q", len(f), l)
		}
		e := truthEntry{}
		for i, h := range head {
			e[h] = f[i]
		}
		out[e["patient_id"]] = append(out[e["patient_id"]], e)
	}
	return out
}

// checkTruth finds the truth row a record belongs to: same position and
// allele once both are reduced to their shortest form (records may be
// right-shifted or padded), or the MNV a component record belongs to.
func checkTruth(t *testing.T, name, pid, side string, rec *vcfLine, truth map[string][]truthEntry) {
	t.Helper()
	alt := strings.TrimSuffix(rec.alt, ",<M>")
	filter := "pass"
	if rec.filter != "PASS" {
		filter = "filtered:" + rec.filter
	}
	col := side + "_written"
	for _, e := range truth[pid] {
		if e["chrom"] != rec.chrom {
			continue
		}
		p, _ := strconv.Atoi(e["pos"])
		same := p == rec.pos && e["ref"] == rec.ref && e["alt"] == alt
		if !same && (len(e["ref"]) != len(e["alt"])) {
			// An indel written elsewhere in its repeat, or padded: same
			// length change, within a few bases.
			same = len(rec.ref)-len(alt) == len(e["ref"])-len(e["alt"]) && rec.pos >= p-1 && rec.pos <= p+20
		}
		if !same && len(e["ref"]) == len(e["alt"]) && len(e["ref"]) > 1 && rec.pos >= p && rec.pos < p+len(e["ref"]) && len(rec.ref) == 1 {
			same = true // a component SNV of the MNV
		}
		if same && e[col] == filter {
			return
		}
	}
	t.Errorf("%s:%d: %s %d %s>%s %s has no truth row with %s=%s", name, rec.line, rec.chrom, rec.pos, rec.ref, rec.alt, rec.filter, col, filter)
}
