package normalize

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// Differential vectors: a random reference with repeats, soft-masking, N
// runs and IUPAC codes, about two thousand random records on it (SNVs,
// MNVs, indels in and out of repeats, complex changes, multi-allelic
// records, REF mismatches, records at contig ends), and what bcftools 1.16
// (Debian bookworm 1.16-1) makes of them. The expected outputs are
// bcftools' own; `go test -run TestGenerated -regen` rebuilds everything
// (it needs bcftools and samtools on PATH) from the fixed seed.
var regen = flag.Bool("regen", false, "regenerate testdata/bcftools-random with bcftools 1.16")

var generatedDir = filepath.Join("testdata", "bcftools-random")

// generatedPipelines are the bcftools commands run on random.vcf. "|" pipes
// one norm into the next.
var generatedPipelines = []struct{ out, cmd string }{
	{"joint.out", "norm -f random.fa -c x random.vcf"},
	{"split.out", "norm -m- -f random.fa -c x random.vcf"},
	{"atomize.star.out", "norm -a random.vcf"},
	{"atomize.dot.out", "norm -a --atom-overlaps . random.vcf"},
	{"split.atomize.out", "norm -m- random.vcf | norm -a --atom-overlaps . -f random.fa -c x -"},
}

func TestGenerated(t *testing.T) {
	if *regen {
		regenerate(t)
	}
	recs := readTestVCF(t, filepath.Join(generatedDir, "random.vcf"))
	if len(recs) < 1000 {
		t.Fatalf("%d records in random.vcf, want the full set", len(recs))
	}
	for _, backend := range backends {
		ref := openFASTA(t, filepath.Join(generatedDir, "random.fa"), backend)
		n := &Normalizer{Ref: ref}
		for _, p := range generatedPipelines {
			t.Run(p.out+" "+backend, func(t *testing.T) {
				var got []site
				for _, r := range recs {
					got = append(got, emulate(t, n, p.out, r)...)
				}
				slices.SortStableFunc(got, func(a, b site) int {
					if a.Chrom != b.Chrom {
						return 0
					}
					return a.Pos - b.Pos
				})
				want := sitesOf(readTestVCF(t, filepath.Join(generatedDir, p.out)))
				compareSites(t, got, want)
			})
		}
	}
}

// excluded reports errors for which bcftools -c x drops a record.
func excluded(err error) bool {
	var mm *RefMismatchError
	return errors.As(err, &mm) || errors.Is(err, ErrInvalidAllele)
}

// emulate runs one pipeline on one record with this package's pieces.
func emulate(t *testing.T, n *Normalizer, pipeline string, r testRecord) []site {
	t.Helper()
	var out []site
	keep := func(v concordance.Variant, err error) {
		if excluded(err) {
			return
		}
		if err != nil {
			t.Errorf("line %d %v: %v", r.Line, v, err)
			return
		}
		out = append(out, siteOf(v.Chrom, v.Pos, v.Ref, v.Alt))
	}
	keepRecord := func(rec Record, err error) {
		if excluded(err) {
			return
		}
		if err != nil {
			t.Errorf("line %d: %v", r.Line, err)
			return
		}
		out = append(out, siteOf(rec.Chrom, rec.Pos, rec.Ref, rec.Alts...))
	}
	switch pipeline {
	case "joint.out":
		keepRecord(n.NormalizeRecord(r.record()))
	case "split.out":
		vs := Split(r.record())
		if len(vs) == 0 {
			keepRecord(n.NormalizeRecord(r.record()))
		}
		for _, v := range vs {
			keep(n.Normalize(v))
		}
	case "atomize.star.out", "atomize.dot.out":
		atoms, ok := AtomizeRecord(r.record())
		if !ok {
			out = append(out, siteOf(r.Chrom, r.Pos, r.Ref, r.Alts...))
		}
		for _, a := range atoms {
			alts := []string{a.Alt}
			if pipeline == "atomize.star.out" && a.Overlapped {
				alts = append(alts, "*")
			}
			out = append(out, siteOf(a.Chrom, a.Pos, a.Ref, alts...))
		}
	case "split.atomize.out":
		// bcftools atomizes before it checks REF, so each atom is checked
		// on its own (NormalizeAtoms is stricter and checks the whole REF).
		vs := Split(r.record())
		if len(vs) == 0 {
			keepRecord(n.NormalizeRecord(r.record()))
		}
		for _, v := range vs {
			for _, a := range Atomize(v) {
				keep(n.Normalize(a))
			}
		}
	default:
		t.Fatalf("unknown pipeline %q", pipeline)
	}
	return out
}

// TestGeneratedAtoms checks NormalizeAtoms against the split-then-atomize
// bcftools pipeline on the biallelic records whose REF matches throughout.
func TestGeneratedAtoms(t *testing.T) {
	recs := readTestVCF(t, filepath.Join(generatedDir, "random.vcf"))
	n := &Normalizer{Ref: openFASTA(t, filepath.Join(generatedDir, "random.fa"), "mmap")}
	checked := 0
	for _, r := range recs {
		for _, v := range Split(r.record()) {
			want := emulate(t, n, "split.atomize.out", testRecord{Line: r.Line, Chrom: v.Chrom, Pos: v.Pos, Ref: v.Ref, Alts: []string{v.Alt}})
			got, err := n.NormalizeAtoms(v)
			if excluded(err) {
				continue
			}
			if err != nil {
				t.Errorf("line %d %v: %v", r.Line, v, err)
				continue
			}
			var gs []site
			for _, a := range got {
				gs = append(gs, siteOf(a.Chrom, a.Pos, a.Ref, a.Alt))
			}
			slices.SortStableFunc(want, func(a, b site) int { return a.Pos - b.Pos })
			if !slices.Equal(gs, want) {
				t.Errorf("line %d %v: NormalizeAtoms = %v, want %v", r.Line, v, gs, want)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Errorf("only %d variants checked", checked)
	}
}

func regenerate(t *testing.T) {
	for _, tool := range []string{"bcftools", "samtools"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("-regen needs %s on PATH: %v", tool, err)
		}
	}
	if err := os.MkdirAll(generatedDir, 0o755); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2015, 2202)) // Tan et al. 2015, Bioinformatics 31:2202
	contigs := []struct {
		name   string
		length int
		width  int
	}{{"chr1", 3000, 60}, {"chr2", 2500, 50}, {"chrM", 400, 70}}
	var fa bytes.Buffer
	seqs := map[string]string{}
	for i, c := range contigs {
		seq := randomGenome(rng, c.length, i)
		seqs[c.name] = seq
		fmt.Fprintf(&fa, ">%s random test contig\n", c.name)
		for j := 0; j < len(seq); j += c.width {
			fa.WriteString(seq[j:min(j+c.width, len(seq))])
			fa.WriteByte('\n')
		}
	}
	write(t, "random.fa", fa.Bytes())
	run(t, "samtools faidx random.fa")

	var vcf bytes.Buffer
	vcf.WriteString("##fileformat=VCFv4.2\n")
	for _, c := range contigs {
		fmt.Fprintf(&vcf, "##contig=<ID=%s,length=%d>\n", c.name, c.length)
	}
	vcf.WriteString("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
	for _, c := range contigs {
		recs := randomRecords(rng, seqs[c.name], c.length/4)
		sort.SliceStable(recs, func(i, j int) bool { return recs[i].Pos < recs[j].Pos })
		for _, r := range recs {
			fmt.Fprintf(&vcf, "%s\t%d\t.\t%s\t%s\t.\t.\t.\n", c.name, r.Pos, r.Ref, strings.Join(r.Alts, ","))
		}
	}
	write(t, "random.vcf", vcf.Bytes())
	for _, p := range generatedPipelines {
		stages := strings.Split(p.cmd, "|")
		for i := range stages {
			stages[i] = "bcftools " + strings.Replace(strings.TrimSpace(stages[i]), "norm ", "norm --no-version ", 1)
		}
		out := run(t, strings.Join(stages, " | "))
		write(t, p.out, out)
	}
}

func write(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(generatedDir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, cmd string) []byte {
	t.Helper()
	c := exec.Command("sh", "-c", cmd)
	c.Dir = generatedDir
	var stderr bytes.Buffer
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, stderr.Bytes())
	}
	return out
}

// randomGenome strings together random bases, homopolymers, short tandem
// repeats, soft-masked stretches, N runs and IUPAC codes. Contig 1 starts
// with a repeat and contig 2 with Ns, so that variants shift to position 1.
func randomGenome(rng *rand.Rand, length, which int) string {
	const acgt = "ACGT"
	var b strings.Builder
	switch which {
	case 1:
		b.WriteString("CACACACACAC")
	case 2:
		b.WriteString("NNNNNNNNNN")
	}
	for b.Len() < length {
		var seg string
		switch k := rng.IntN(20); {
		case k < 7:
			s := make([]byte, 5+rng.IntN(30))
			for i := range s {
				s[i] = acgt[rng.IntN(4)]
			}
			seg = string(s)
		case k < 11:
			seg = strings.Repeat(acgt[rng.IntN(4):][:1], 3+rng.IntN(20))
		case k < 16:
			unit := make([]byte, 2+rng.IntN(3))
			for i := range unit {
				unit[i] = acgt[rng.IntN(4)]
			}
			seg = strings.Repeat(string(unit), 3+rng.IntN(10))
		case k < 17:
			seg = strings.Repeat("N", 3+rng.IntN(15))
		case k < 18:
			seg = string("RYKMSWBDHV"[rng.IntN(10)])
		default:
			s := make([]byte, 10+rng.IntN(30))
			for i := range s {
				s[i] = "acgt"[rng.IntN(4)]
			}
			seg = string(s)
		}
		if rng.IntN(6) == 0 {
			seg = strings.ToLower(seg)
		}
		b.WriteString(seg)
	}
	return b.String()[:length]
}

// randomRecords draws about n records on seq (upper-cased reference bases
// for REF, so REF matches unless a mismatch is planted).
func randomRecords(rng *rand.Rand, seq string, n int) []Record {
	up := strings.ToUpper(seq)
	L := len(up)
	base := func(p int) string { return up[p-1 : p] } // 1-based
	span := func(p, k int) string { return up[p-1 : p-1+k] }
	other := func(b byte) string {
		for {
			c := "ACGT"[rng.IntN(4)]
			if c != b {
				return string(c)
			}
		}
	}
	randSeq := func(k int) string {
		s := make([]byte, k)
		for i := range s {
			s[i] = "ACGT"[rng.IntN(4)]
		}
		return string(s)
	}
	// one ALT for REF = span(p, k)
	alt := func(p, k int) string {
		ref := span(p, k)
		switch rng.IntN(6) {
		case 0: // substitution(s)
			b := []byte(ref)
			i := rng.IntN(k)
			b[i] = other(b[i])[0]
			if k > 2 && rng.IntN(2) == 0 {
				j := rng.IntN(k)
				b[j] = other(b[j])[0]
			}
			return string(b)
		case 1: // deletion after the first base
			if k > 1 {
				return ref[:1]
			}
			return other(ref[0])
		case 2: // insertion of a copy of what follows (a tandem duplication)
			if p == L {
				return ref[:1] + randSeq(1)
			}
			d := 1 + rng.IntN(min(6, L-p))
			return ref[:1] + span(p+1, d) + ref[1:]
		case 3: // insertion of random bases
			return ref[:1] + randSeq(1+rng.IntN(5)) + ref[1:]
		case 4: // deletion inside REF, leaving a suffix that trimming removes
			if k > 2 {
				i := 1 + rng.IntN(k-2)
				return ref[:i] + ref[i+1:]
			}
			return ref + base(p)
		default: // complex replacement
			return randSeq(1 + rng.IntN(k+2))
		}
	}
	var recs []Record
	for len(recs) < n {
		var p int
		switch rng.IntN(10) {
		case 0:
			p = 1 + rng.IntN(4) // contig start
		case 1:
			p = L - rng.IntN(4) // contig end
		default:
			p = 1 + rng.IntN(L)
		}
		k := 1 + rng.IntN(min(8, L-p+1))
		ref := span(p, k)
		if strings.ContainsAny(ref, "RYKMSWBDHV") && rng.IntN(3) != 0 {
			continue // keep IUPAC REFs (excluded by both) rare
		}
		var alts []string
		switch r := rng.IntN(40); {
		case r == 0:
			alts = []string{"."} // reference block
		case r == 1:
			alts = []string{alt(p, k), "*"}
		case r == 2:
			alts = []string{"<NON_REF>"}
		case r < 9:
			for len(alts) < 2+rng.IntN(2) {
				a := alt(p, k)
				if a != ref && !slices.Contains(alts, a) {
					alts = append(alts, a)
				}
			}
		default:
			alts = []string{alt(p, k)}
		}
		if slices.Contains(alts, ref) {
			continue // REF = ALT: not a variant, not generated
		}
		if rng.IntN(30) == 0 && !strings.ContainsAny(ref, "N") {
			b := []byte(ref) // plant a REF mismatch
			i := rng.IntN(len(b))
			b[i] = other(b[i])[0]
			if slices.Contains(alts, string(b)) {
				continue
			}
			ref = string(b)
		}
		recs = append(recs, Record{Pos: p, Ref: ref, Alts: alts})
	}
	return recs
}
