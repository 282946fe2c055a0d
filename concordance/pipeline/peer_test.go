package pipeline_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/pipeline"
)

const peer = "../../testdata/peer"

func patient(id, tissue, tissueSample, plasma, plasmaSample string) concordance.Patient {
	return concordance.Patient{
		ID:            id,
		TumorFraction: concordance.Missing,
		Age:           concordance.Missing,
		Tissue:        concordance.SampleRef{ID: tissueSample, Calls: []string{tissue}, Formats: []string{""}},
		Plasma:        concordance.SampleRef{ID: plasmaSample, Calls: []string{plasma}, Formats: []string{""}},
	}
}

func run(t *testing.T, cfg pipeline.Config, patients ...concordance.Patient) *pipeline.Result {
	t.Helper()
	res, err := pipeline.Run(context.Background(), patients, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// vcfRecords reads CHROM, POS, REF, ALT of a (gzipped) VCF.
func vcfRecords(t *testing.T, path string) [][4]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sc *bufio.Scanner
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		sc = bufio.NewScanner(z)
	} else {
		sc = bufio.NewScanner(f)
	}
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var out [][4]string
	for sc.Scan() {
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		c := strings.SplitN(l, "\t", 6)
		out = append(out, [4]string{c[0], c[1], c[3], c[4]})
	}
	return out
}

// withoutMultiAllelic writes a copy of a gzipped VCF without its
// multi-allelic records.
func withoutMultiAllelic(t *testing.T, path string) string {
	t.Helper()
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	z, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "biallelic.vcf")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	sc := bufio.NewScanner(z)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if l[0] != '#' && strings.Contains(strings.SplitN(l, "\t", 6)[4], ",") {
			continue
		}
		w.WriteString(l + "\n")
	}
	w.Flush()
	f.Close()
	return out
}

// TestSompy reproduces hap.py's som.py counts with concord's matcher, the
// truth set as tissue and Strelka's calls as plasma, exact tier, no
// reference (som.py and the reproduction in testdata/peer/happy match exact
// CHROM/POS/REF/ALT). som.py counts records; concord counts alleles, so
// its multi-allelic records are accounted for separately: som.py counts each
// as one false positive (its ALT list never equals the truth's single ALT),
// concord splits it and may find a truth allele in it.
func TestSompy(t *testing.T) {
	dir := peer + "/happy/sompy"
	cfg := pipeline.Config{AllFilters: true, Match: concordance.MatchOptions{MaxTier: concordance.TierExact}}
	t.Run("hg19 SNVs", func(t *testing.T) {
		truth, query := dir+"/PG_admix_truth_snvs.vcf.gz", dir+"/strelka_admix_snvs.vcf.gz"
		// stats.csv row "SNVs": TP 15573, FN 662, FP 31957 over 47530 query
		// records (bcftools view -v snps; the 249 records with ALT "." are
		// gVCF-style reference records, which concord counts as reference_block).
		const tp, fn, fp, multi = 15573, 662, 31957, 226
		res := run(t, cfg, patient("biallelic", truth, "NA12878", withoutMultiAllelic(t, query), "TUMOR"))
		c := res.Patients[0].Counts
		if c.Shared != tp || c.TissueOnly != fn || c.PlasmaOnly != fp-multi {
			t.Errorf("biallelic query records: S/T/P = %d/%d/%d, want %d/%d/%d (som.py FP %d minus its %d multi-allelic records)",
				c.Shared, c.TissueOnly, c.PlasmaOnly, tp, fn, fp-multi, fp, multi)
		}
		// All records: the multi-allelic ones add alleles, some of them truth.
		truthAlleles := map[[4]string]bool{}
		for _, r := range vcfRecords(t, truth) {
			truthAlleles[r] = true
		}
		inMulti, multiRecords, multiAlleles := 0, 0, 0
		for _, r := range vcfRecords(t, query) {
			alts := strings.Split(r[3], ",")
			if len(alts) < 2 {
				continue
			}
			multiRecords++
			for _, a := range alts {
				multiAlleles++
				if truthAlleles[[4]string{r[0], r[1], r[2], a}] {
					inMulti++
				}
			}
		}
		if multiRecords != multi {
			t.Fatalf("%d multi-allelic records, expected %d", multiRecords, multi)
		}
		res = run(t, cfg, patient("all", truth, "NA12878", query, "TUMOR"))
		c = res.Patients[0].Counts
		want := concordance.Counts{Shared: tp + inMulti, TissueOnly: fn - inMulti, PlasmaOnly: fp - multi + multiAlleles - inMulti}
		if c != want {
			t.Errorf("all records: %+v, want %+v (%d truth alleles inside multi-allelic records)", c, want, inMulti)
		}
		if read, _, excluded := res.Ledger().Totals(); read != 16235+47779 || excluded != 249 {
			t.Errorf("ledger: read %d excluded %d", read, excluded)
		}
	})
	t.Run("GRCh38 PASS SNVs and indels", func(t *testing.T) {
		res := run(t, cfg,
			patient("snv", dir+"/PG_admix_truth_grch38_snvs.vcf.gz", "NA12878", dir+"/strelka_grch38_admix_pass_snvs.vcf.gz", "NA12878_c40"),
			patient("indel", dir+"/PG_admix_truth_grch38_indels.vcf.gz", "NA12878", dir+"/strelka_grch38_admix_pass_indels.vcf.gz", "NA12878_c40"))
		// sompy.strelka_grch38_admix_pass_snvs.stats.csv: TP 13575, FN 2005,
		// query-only 1985 records (66 fp in FP_admix_grch38.bed + 1919 unk).
		// One of the 1985 is chr22:32692177 C>A,G: two alleles for concord.
		// ..._indels.stats.csv: TP 1600, FN 674, query-only 384 (36 fp + 348 unk).
		snv, indel := res.Patients[0], res.Patients[1]
		if want := (concordance.Counts{Shared: 13575, TissueOnly: 2005, PlasmaOnly: 1985 + 1}); snv.Counts != want {
			t.Errorf("SNVs %+v, want %+v", snv.Counts, want)
		}
		if want := (concordance.Counts{Shared: 1600, TissueOnly: 674, PlasmaOnly: 384}); indel.Counts != want {
			t.Errorf("indels %+v, want %+v", indel.Counts, want)
		}
		// The fp/unk split of the query-only calls by the FP region BED, with
		// the interval [POS-1, POS-1+len(REF)) of VERIFY_independent_reproduction.txt.
		bed := readBED(t, dir+"/FP_admix_grch38.bed.gz")
		split := func(pr concordance.PatientResult) (in, out map[string]bool) {
			in, out = map[string]bool{}, map[string]bool{}
			for _, r := range pr.Rows {
				if r.Category != concordance.PlasmaOnly {
					continue
				}
				c := r.Plasma.Calls[0]
				rec := c.Chrom + ":" + strconv.Itoa(c.OrigPos) // count records, as som.py does
				if bed.overlaps(c.Chrom, c.OrigPos-1, c.OrigPos-1+len(c.OrigRef)) {
					in[rec] = true
				} else {
					out[rec] = true
				}
			}
			return in, out
		}
		if in, out := split(snv); len(in) != 66 || len(out) != 1919 {
			t.Errorf("SNV query-only records in/out of the FP bed: %d/%d, want 66/1919", len(in), len(out))
		}
		if in, out := split(indel); len(in) != 36 || len(out) != 348 {
			t.Errorf("indel query-only records in/out of the FP bed: %d/%d, want 36/348", len(in), len(out))
		}
	})
}

type bedSet map[string][][2]int

func readBED(t *testing.T, path string) bedSet {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b := bedSet{}
	sc := bufio.NewScanner(z)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 3 || strings.HasPrefix(c[0], "#") || strings.HasPrefix(c[0], "track") {
			continue
		}
		s, _ := strconv.Atoi(c[1])
		e, _ := strconv.Atoi(c[2])
		b[c[0]] = append(b[c[0]], [2]int{s, e})
	}
	for k := range b {
		sort.Slice(b[k], func(i, j int) bool { return b[k][i][0] < b[k][j][0] })
	}
	return b
}

// overlaps reports whether [s, e) overlaps an interval (0-based half-open).
func (b bedSet) overlaps(chrom string, s, e int) bool {
	iv := b[chrom]
	i := sort.Search(len(iv), func(i int) bool { return iv[i][0] >= e })
	for j := i - 1; j >= 0; j-- {
		if iv[j][1] > s {
			return true
		}
		if iv[j][1] <= s && j < i-64 { // intervals are short; stop early
			break
		}
	}
	return false
}

// TestIsecVector compares concord's exact tier with bcftools isec on the
// bcftools 1.16 isec vector. bcftools `isec -n =2` (isec.ab.out) matches
// whole records with identical REF and ALT lists; concord matches alleles
// after splitting and trimming (bcftools norm -m- then isec), so it finds
// those three records and two more: 1:3106154 C>T (in A as one allele of
// C>T,CT) and 1:3184885 TAAA>T (A writes TAAAA>TA,T; TAAAA>TA trims to
// TAAA>T, which B has). The CTT>C and G>GTT/G>GT records sit on different
// chromosomes in A and B and match in neither tool.
func TestIsecVector(t *testing.T) {
	dir := peer + "/bcftools-1.16"
	res := run(t, pipeline.Config{AllFilters: true, Match: concordance.MatchOptions{MaxTier: concordance.TierExact}},
		patient("isec", dir+"/isec.a.vcf", "A", dir+"/isec.b.vcf", "B"))
	var shared []string
	for _, r := range res.Patients[0].Rows {
		if r.Category == concordance.Shared {
			shared = append(shared, r.Variant.String())
		}
	}
	var want []string
	out, err := os.ReadFile(dir + "/isec.ab.out") // CHROM POS REF ALT presence
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		c := strings.Split(l, "\t")
		want = append(want, strings.Join(c[:4], ":"))
	}
	want = append(want, "1:3106154:C:T", "1:3184885:TAAA:T")
	sort.Strings(want)
	sort.Strings(shared)
	if strings.Join(shared, " ") != strings.Join(want, " ") {
		t.Errorf("shared = %v\nwant     %v", shared, want)
	}
}
