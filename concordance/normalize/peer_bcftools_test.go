package normalize

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// The bcftools 1.16 norm vectors (testdata/peer/bcftools-1.16, from
// samtools/bcftools test/ at tag 1.16; MANIFEST.norm.tsv lists input,
// FASTA, arguments and expected output; VERIFY_bcftools-1.16.txt shows all
// of them reproduced by Debian's bcftools 1.16). The contract is CHROM,
// POS, REF, ALT of the output records, in order; header lines, INFO and
// FORMAT are not part of it.

var bcftoolsDir = filepath.Join(peerDir, "bcftools-1.16")

// bcftoolsOutOfScope are the manifest's argument sets this package does not
// implement, and why. TestBcftoolsManifest fails on any argument set that is
// neither here nor handled by runBcftools.
var bcftoolsOutOfScope = map[string]string{
	"-m+":       "joins biallelic records into multi-allelic ones; concord splits, never joins",
	"-m+ -s":    "join (-m+) with strict FILTER merging; concord splits, never joins",
	"-m +both":  "join (-m+) of SNVs and indels separately; concord splits, never joins",
	"-m +any":   "join (-m+) of all records at a position; concord splits, never joins",
	"-Nc s":     "set-ref only (rewrites REF from the FASTA, -N: no normalisation); concord reports a REF mismatch as an error instead of repairing it",
	"-d snps":   "rmdup: drops later records at a position already seen; deduplicating calls is the pipeline's job (the ledger counts them), not a per-allele normalisation",
	"-d indels": "rmdup (see -d snps)",
	"-d both":   "rmdup (see -d snps)",
	"-d all":    "rmdup (see -d snps)",
	"-d any":    "rmdup (see -d snps)",
	"-d none":   "rmdup (see -d snps)",
	"-d exact":  "rmdup (see -d snps)",
	"-c s -a":   "partly: set-ref (-c s) repairs 1:14 REF B; the rest (left-alignment, reference blocks) is tested in TestBcftoolsNorm2 and the repaired record in TestBcftoolsSetRefRest",
	"-c s":      "partly: set-ref repairs REF N/IUPAC before normalising; what follows the repair is tested in TestBcftoolsSetRefRest",
}

type manifestEntry struct {
	out, input, fasta, args string
}

func readManifest(t *testing.T) []manifestEntry {
	t.Helper()
	f, err := os.Open(filepath.Join(bcftoolsDir, "MANIFEST.norm.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var m []manifestEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 4 {
			t.Fatalf("manifest line %q: %d fields, want 4", sc.Text(), len(fields))
		}
		m = append(m, manifestEntry{fields[0], fields[1], fields[2], fields[3]})
	}
	return m
}

// runBcftools emulates one bcftools norm invocation on recs and reports
// whether the argument set is in scope.
func runBcftools(t *testing.T, e manifestEntry, recs []testRecord, ref *FASTA) ([]site, bool) {
	n := &Normalizer{Ref: ref}
	var out []site
	switch {
	case e.args == "-cx" && ref != nil:
		// Joint normalisation; REF mismatches and non-ACGTN alleles are
		// excluded (-c x) and nothing else may fail.
		for _, r := range recs {
			got, err := n.NormalizeRecord(r.record())
			var mm *RefMismatchError
			if errors.As(err, &mm) || errors.Is(err, ErrInvalidAllele) {
				continue
			}
			if err != nil {
				t.Errorf("line %d: %v", r.Line, err)
				continue
			}
			out = append(out, siteOf(got.Chrom, got.Pos, got.Ref, got.Alts...))
		}
	case e.args == "." && ref != nil:
		for _, r := range recs {
			got, err := n.NormalizeRecord(r.record())
			if err != nil {
				t.Errorf("line %d: %v", r.Line, err)
				continue
			}
			out = append(out, siteOf(got.Chrom, got.Pos, got.Ref, got.Alts...))
		}
	case (e.args == "-m-" || e.args == "-m- --force" || e.args == "-m- --keep-sum AD") && ref == nil:
		// Split only: alleles untouched (--force and --keep-sum change only
		// INFO/FORMAT).
		for _, r := range recs {
			for _, v := range Split(r.record()) {
				out = append(out, siteOf(v.Chrom, v.Pos, v.Ref, v.Alt))
			}
			if len(Split(r.record())) == 0 {
				out = append(out, siteOf(r.Chrom, r.Pos, r.Ref, r.Alts...))
			}
		}
	case e.args == "-m-" && ref != nil:
		// Split, then normalise each allele (the default -c e: any REF
		// mismatch would have stopped bcftools, so none may fail here).
		for _, r := range recs {
			vs := Split(r.record())
			if len(vs) == 0 { // a reference block
				got, err := n.NormalizeRecord(r.record())
				if err != nil {
					t.Errorf("line %d: %v", r.Line, err)
					continue
				}
				out = append(out, siteOf(got.Chrom, got.Pos, got.Ref, got.Alts...))
				continue
			}
			for _, v := range vs {
				got, err := n.Normalize(v)
				if err != nil {
					t.Errorf("line %d: %v", r.Line, err)
					continue
				}
				out = append(out, siteOf(got.Chrom, got.Pos, got.Ref, got.Alt))
			}
		}
	case strings.HasPrefix(e.args, "--atomize") && ref == nil:
		star := !strings.Contains(e.args, "--atom-overlaps .")
		for _, r := range recs {
			atoms, ok := AtomizeRecord(r.record())
			if !ok {
				out = append(out, siteOf(r.Chrom, r.Pos, r.Ref, r.Alts...))
				continue
			}
			for _, a := range atoms {
				alts := []string{a.Alt}
				if star && a.Overlapped {
					alts = append(alts, "*")
				}
				out = append(out, siteOf(a.Chrom, a.Pos, a.Ref, alts...))
			}
		}
	default:
		return nil, false
	}
	// bcftools writes records through a buffer sorted by POS (stable), so
	// a record moved left by realignment comes out before its neighbours.
	slices.SortStableFunc(out, func(a, b site) int {
		if a.Chrom != b.Chrom {
			return 0
		}
		return a.Pos - b.Pos
	})
	return out, true
}

func TestBcftoolsManifest(t *testing.T) {
	for _, e := range readManifest(t) {
		name := e.out + " " + e.args
		if why, ok := bcftoolsOutOfScope[e.args]; ok {
			t.Logf("%s: out of scope: %s", name, why)
			continue
		}
		bs := backends
		if e.fasta == "." {
			bs = bs[:1] // no FASTA read: one run is enough
		}
		for _, backend := range bs {
			t.Run(name+" "+backend, func(t *testing.T) {
				var ref *FASTA
				if e.fasta != "." {
					ref = openFASTA(t, filepath.Join(bcftoolsDir, e.fasta+".fa"), backend)
				}
				recs := readTestVCF(t, filepath.Join(bcftoolsDir, e.input+".vcf"))
				got, ok := runBcftools(t, e, recs, ref)
				if !ok {
					t.Fatalf("manifest argument set %q neither implemented nor listed as out of scope", e.args)
				}
				want := sitesOf(readTestVCF(t, filepath.Join(bcftoolsDir, e.out)))
				compareSites(t, got, want)
			})
		}
	}
}

func compareSites(t *testing.T, got, want []site) {
	t.Helper()
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			t.Errorf("record %d: missing, want %v", i+1, want[i])
		case i >= len(want):
			t.Errorf("record %d: extra %v", i+1, got[i])
		case got[i] != want[i]:
			t.Errorf("record %d: got %v, want %v", i+1, got[i], want[i])
		}
	}
}

// TestBcftoolsNorm2 runs the in-scope part of norm.2 (-c s -a, FASTA with
// soft-masked lower-case bases): every record but 1:14, whose REF "B"
// bcftools repairs from the FASTA. Atomize leaves these records whole, and
// the two insertions move left through the lower-case repeat.
func TestBcftoolsNorm2(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ref := openFASTA(t, filepath.Join(bcftoolsDir, "norm.2.fa"), backend)
			n := &Normalizer{Ref: ref}
			var got []site
			for _, r := range readTestVCF(t, filepath.Join(bcftoolsDir, "norm.2.vcf")) {
				if r.Pos == 14 { // REF B: set-ref, out of scope
					if _, err := n.NormalizeRecord(r.record()); !errors.Is(err, ErrInvalidAllele) {
						t.Errorf("1:14 REF B: error %v, want ErrInvalidAllele", err)
					}
					continue
				}
				if atoms, ok := AtomizeRecord(r.record()); ok && len(atoms) != 1 {
					t.Errorf("line %d: atomized into %d atoms, want the record whole", r.Line, len(atoms))
				}
				g, err := n.NormalizeRecord(r.record())
				if err != nil {
					t.Fatalf("line %d: %v", r.Line, err)
				}
				got = append(got, siteOf(g.Chrom, g.Pos, g.Ref, g.Alts...))
			}
			slices.SortStableFunc(got, func(a, b site) int { return a.Pos - b.Pos })
			var want []site
			for _, s := range sitesOf(readTestVCF(t, filepath.Join(bcftoolsDir, "norm.2.out"))) {
				if s.Pos != 14 {
					want = append(want, s)
				}
			}
			compareSites(t, got, want)
		})
	}
}

// TestBcftoolsSetRefRest covers what follows set-ref in the -c s vectors.
// concord does not repair a REF (a mismatch is an error), so the original
// records must fail; the records as bcftools repairs them (N and IUPAC codes
// in REF replaced by the reference base or by N) must then normalise to the
// expected output. norm.iupac shows that an N in the reference matches an N
// in REF and stops the left shift; norm.3 that the repaired deletion moves
// left.
func TestBcftoolsSetRefRest(t *testing.T) {
	tests := []struct {
		vector   string
		repaired concordance.Variant // REF/ALT after bcftools' fix_ref
		wantErr  error
	}{
		// fix_ref replaces IUPAC B with N in REF and ALT: BA>BAA becomes NA>NAA.
		{"norm.iupac", concordance.Variant{Chrom: "1", Pos: 8, Ref: "NA", Alt: "NAA"}, ErrInvalidAllele},
		// fix_ref replaces the N in REF (and in ALT at the same offset) by the
		// reference base C: NAC>N becomes CAC>C.
		{"norm.3", concordance.Variant{Chrom: "1", Pos: 10, Ref: "CAC", Alt: "C"}, nil},
	}
	for _, tt := range tests {
		for _, backend := range backends {
			t.Run(tt.vector+" "+backend, func(t *testing.T) {
				ref := openFASTA(t, filepath.Join(bcftoolsDir, tt.vector+".fa"), backend)
				n := &Normalizer{Ref: ref}
				recs := readTestVCF(t, filepath.Join(bcftoolsDir, tt.vector+".vcf"))
				if len(recs) != 1 {
					t.Fatalf("%d records, want 1", len(recs))
				}
				_, err := n.Normalize(concordance.Variant{Chrom: recs[0].Chrom, Pos: recs[0].Pos, Ref: recs[0].Ref, Alt: recs[0].Alts[0]})
				var mm *RefMismatchError
				switch {
				case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
					t.Errorf("original record: error %v, want %v", err, tt.wantErr)
				case tt.wantErr == nil && !errors.As(err, &mm):
					t.Errorf("original record: error %v, want a *RefMismatchError", err)
				}
				got, err := n.Normalize(tt.repaired)
				if err != nil {
					t.Fatal(err)
				}
				want := sitesOf(readTestVCF(t, filepath.Join(bcftoolsDir, tt.vector+".out")))
				compareSites(t, []site{siteOf(got.Chrom, got.Pos, got.Ref, got.Alt)}, want)
			})
		}
	}
}
