package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/internal/outdir"
)

const testCohort = "../../testdata/cohort"

// concord runs the command in-process and returns status, stdout, stderr.
func concord(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	status := Main(context.Background(), args, &env{stdout: &out, stderr: &errb, args: append([]string{"concord"}, args...)})
	return status, out.String(), errb.String()
}

func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func num(m map[string]any, path ...string) float64 {
	var v any = m
	for _, k := range path {
		v = v.(map[string]any)[k]
	}
	return v.(float64)
}

// The expected numbers are derived by hand in testdata/testCohort/README.md.
func TestRunCohort(t *testing.T) {
	for _, tc := range []struct {
		name           string
		reference      bool
		shared, to, po float64
	}{
		{"with reference", true, 6, 3, 2},
		{"trim only", false, 4, 5, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "res")
			args := []string{"run", "--sheet", testCohort + "/samplesheet.tsv", "--out", out, "--quiet"}
			if tc.reference {
				args = append(args, "--reference", testCohort+"/ref.fa")
			}
			status, _, stderr := concord(t, args...)
			if status != 0 {
				t.Fatalf("status %d: %s", status, stderr)
			}
			s := readJSON(t, filepath.Join(out, "summary.json"))
			if got := [3]float64{num(s, "alterations", "shared"), num(s, "alterations", "tissue_only"), num(s, "alterations", "plasma_only")}; got != [3]float64{tc.shared, tc.to, tc.po} {
				t.Fatalf("S/T/P = %v, want %v", got, [3]float64{tc.shared, tc.to, tc.po})
			}
			if num(s, "ledger", "records_read") != 26 || num(s, "ledger", "records_read") != num(s, "ledger", "records_used")+num(s, "ledger", "records_excluded") {
				t.Errorf("ledger = %v", s["ledger"])
			}
			if tc.reference {
				if num(s, "ledger", "records_used") != 18 || num(s, "match_tiers", "haplotype") != 1 {
					t.Errorf("used %v, tiers %v", s["ledger"], s["match_tiers"])
				}
				// Wilson 95% interval of 6/9: R prop.test(6, 9, correct = FALSE)$conf.int
				// = 0.3542021 0.8794162.
				if lo, hi := num(s, "ppa_plasma_vs_tissue", "ci_low"), num(s, "ppa_plasma_vs_tissue", "ci_high"); abs(lo-0.3542021) > 1e-6 || abs(hi-0.8794162) > 1e-6 {
					t.Errorf("PPA CI = %v, %v", lo, hi)
				}
			}
			alt, _ := os.ReadFile(filepath.Join(out, "alterations.tsv"))
			if n := strings.Count(string(alt), "\n"); n != 1+int(tc.shared+tc.to+tc.po) {
				t.Errorf("alterations.tsv has %d lines", n)
			}
			// P3's tissue-only SNV is in the plasma file under weak_evidence:
			// sub-threshold evidence (README: P3).
			if !regexp.MustCompile(`(?m)^P3\t.*\tcalled\tbelow_threshold\ttissue_only\t.*filtered_in_other`).Match(alt) {
				t.Errorf("P3 is not below_threshold in plasma:\n%s", alt)
			}
		})
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// Every file of a run, figures and report included, is the same bytes
// whatever the number of threads; a file that cannot be read fails the
// test.
func TestThreadsDoNotChangeOutputs(t *testing.T) {
	dir := t.TempDir()
	var first map[string][]byte
	for _, threads := range []string{"1", "2", "7"} {
		out := filepath.Join(dir, "res")
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
		status, _, stderr := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--reference", testCohort+"/ref.fa", "--out", out, "--threads", threads, "--quiet")
		if status != 0 {
			t.Fatal(stderr)
		}
		files, err := readTree(out)
		if err != nil {
			t.Fatal(err)
		}
		for name := range files {
			if filepath.Base(name) == outdir.MarkerName {
				delete(files, name) // it records the run (id, time), so differs by design
			}
		}
		if _, ok := files["figures/fig1_cancer_type.png"]; !ok || files["report.html"] == nil {
			t.Fatalf("--threads %s: no figures or report.html among %d files", threads, len(files))
		}
		if first == nil {
			first = files
			continue
		}
		for name, b := range first {
			if got, ok := files[name]; !ok || !bytes.Equal(b, got) {
				t.Errorf("%s differs between --threads 1 and %s", name, threads)
			}
		}
		for name := range files {
			if _, ok := first[name]; !ok {
				t.Errorf("%s written with --threads %s only", name, threads)
			}
		}
	}
}

// testCohortCopy copies the test cohort to a temporary folder for mutation.
func testCohortCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(testCohort)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(testCohort, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// TestBadInput: each bad input gives one error line naming the file (and the
// line where there is one), exit status 1, and nothing in --out.
func TestBadInput(t *testing.T) {
	p2t, _ := os.ReadFile(testCohort + "/P2_T.vcf")
	p3p, _ := os.ReadFile(testCohort + "/P3_P.vcf")
	p1t, _ := os.ReadFile(testCohort + "/P1_T.vcf.gz")
	sheetText, _ := os.ReadFile(testCohort + "/samplesheet.tsv")
	replaceLine := func(text []byte, prefix, with string) []byte {
		var out []string
		for _, l := range strings.Split(string(text), "\n") {
			if strings.HasPrefix(l, prefix) {
				l = with
			}
			out = append(out, l)
		}
		return []byte(strings.Join(out, "\n"))
	}
	tests := []struct {
		name   string
		mutate func(dir string)
		want   string // regexp the error line must match
	}{
		{"missing file", func(d string) { os.Remove(filepath.Join(d, "P2_T.vcf")) }, `P2_T\.vcf: no such file`},
		{"unreadable gzip", func(d string) {
			os.WriteFile(filepath.Join(d, "P3_T.vcf.gz"), append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, bytes.Repeat([]byte{0xfe}, 40)...), 0o644)
		}, `P3_T\.vcf\.gz.*corrupt gzip`},
		{"truncated BGZF", func(d string) { os.WriteFile(filepath.Join(d, "P1_T.vcf.gz"), p1t[:len(p1t)-28], 0o644) }, `P1_T\.vcf\.gz.*truncated`},
		{"too few columns", func(d string) {
			os.WriteFile(filepath.Join(d, "P2_T.vcf"), replaceLine(p2t, "chr2\t150", "chr2\t150\t.\tC\tG\t100\tPASS"), 0o644)
		}, `P2_T\.vcf:10: .*at least 8 tab-separated columns`},
		{"non-numeric POS", func(d string) {
			os.WriteFile(filepath.Join(d, "P3_P.vcf"), bytes.Replace(p3p, []byte("chr1\t150\t"), []byte("chr1\t15O\t"), 1), 0o644)
		}, `P3_P\.vcf:8: .*POS "15O"`},
		{"REF mismatch", func(d string) {
			os.WriteFile(filepath.Join(d, "P3_P.vcf"), bytes.Replace(p3p, []byte("chr1\t150\t.\tG\t"), []byte("chr1\t150\t.\tA\t"), 1), 0o644)
			os.WriteFile(filepath.Join(d, "P3_P.vcf"), bytes.Replace(mustRead(filepath.Join(d, "P3_P.vcf")), []byte("weak_evidence"), []byte("PASS"), 1), 0o644)
		}, `P3_P\.vcf:8: .*REF`},
		{"genome-build mismatch", func(d string) {
			os.WriteFile(filepath.Join(d, "P2_T.vcf"), bytes.Replace(p2t, []byte("##contig=<ID=chr1,length=600>"), []byte("##contig=<ID=chr1,length=249250621>"), 1), 0o644)
		}, `P2_T\.vcf:3: .*chr1.*249250621.*600`},
		{"duplicate patient ids", func(d string) {
			os.WriteFile(filepath.Join(d, "samplesheet.tsv"), bytes.Replace(sheetText, []byte("\nP3\t"), []byte("\nP1\t"), 1), 0o644)
		}, `samplesheet\.tsv:5: .*duplicate patient_id "P1" \(first on line 3\)`},
		{"sheet without required columns", func(d string) {
			os.WriteFile(filepath.Join(d, "samplesheet.tsv"), bytes.Replace(sheetText, []byte("plasma_calls"), []byte("plasma_notes"), 1), 0o644)
		}, `samplesheet\.tsv:2: .*required column\(s\) plasma_calls missing`},
		{"sample id not in the VCF", func(d string) {
			os.WriteFile(filepath.Join(d, "samplesheet.tsv"), bytes.Replace(sheetText, []byte("P2_T\tP2_P"), []byte("P2_TUMOUR\tP2_P"), 1), 0o644)
		}, `P2_T\.vcf:6: .*sample "P2_TUMOUR" not in the file \(samples: "P2_T"\)`},
		{"not a VCF", func(d string) { os.WriteFile(filepath.Join(d, "P3_P.vcf"), []byte("hello\n"), 0o644) }, `P3_P\.vcf:1: input: unrecognised file format: first line "hello" is not a VCF`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := testCohortCopy(t)
			tc.mutate(dir)
			out := filepath.Join(t.TempDir(), "res")
			status, _, stderr := concord(t, "run", "--sheet", filepath.Join(dir, "samplesheet.tsv"), "--reference", filepath.Join(dir, "ref.fa"), "--out", out, "--quiet")
			if status != exitInput {
				t.Fatalf("status %d, want %d; stderr: %s", status, exitInput, stderr)
			}
			if strings.Count(stderr, "\n") != 1 {
				t.Errorf("want exactly one error line, got %q", stderr)
			}
			if !regexp.MustCompile(tc.want).MatchString(stderr) {
				t.Errorf("error %q does not match %q", stderr, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("--out exists after a failed run")
			}
			leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".res*"))
			if len(leftovers) > 0 {
				t.Errorf("temporary folders left: %v", leftovers)
			}
			// check reports the same problem without writing anything.
			status, _, stderr = concord(t, "check", "--sheet", filepath.Join(dir, "samplesheet.tsv"), "--reference", filepath.Join(dir, "ref.fa"))
			if status != exitInput || !regexp.MustCompile(tc.want).MatchString(stderr) {
				t.Errorf("check: status %d, %q", status, stderr)
			}
		})
	}
}

func mustRead(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return b
}

func TestFailedRunKeepsPreviousResults(t *testing.T) {
	dir := testCohortCopy(t)
	out := filepath.Join(t.TempDir(), "res")
	if status, _, stderr := concord(t, "run", "--sheet", filepath.Join(dir, "samplesheet.tsv"), "--out", out, "--quiet"); status != 0 {
		t.Fatal(stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	os.Remove(filepath.Join(dir, "P2_T.vcf"))
	if status, _, _ := concord(t, "run", "--sheet", filepath.Join(dir, "samplesheet.tsv"), "--out", out, "--quiet"); status != exitInput {
		t.Fatalf("status %d", status)
	}
	after, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	if !bytes.Equal(before, after) {
		t.Error("a failed run changed the previous results")
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"run"}, exitUsage, "--sheet is required"},
		{[]string{"run", "--sheet", "x", "--max-tier", "loose"}, exitUsage, "unknown match tier"},
		{[]string{"run", "--nope"}, exitUsage, "unknown flag: --nope"},
		{[]string{"version"}, exitOK, ""},
	} {
		status, stdout, stderr := concord(t, tc.args...)
		if status != tc.status || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: status %d stderr %q stdout %q", tc.args, status, stderr, stdout)
		}
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.json")
	ref, _ := filepath.Abs(testCohort + "/ref.fa")
	os.WriteFile(cfg, []byte(`{"reference": "`+ref+`", "max-tier": "exact"}`), 0o644)
	out := filepath.Join(dir, "res")
	status, _, stderr := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--config", cfg, "--out", out, "--quiet")
	if status != 0 {
		t.Fatal(stderr)
	}
	s := readJSON(t, filepath.Join(out, "summary.json"))
	// At tier exact the chr2:250 MNV no longer matches its two plasma SNVs:
	// shared 5, tissue-only 4, plasma-only 4.
	if num(s, "alterations", "shared") != 5 || num(s, "alterations", "plasma_only") != 4 || s["normalisation"].(map[string]any)["left_aligned"] != true {
		t.Errorf("summary = %v %v", s["alterations"], s["normalisation"])
	}
	os.WriteFile(cfg, []byte(`{"refrence": "x"}`), 0o644)
	if status, _, stderr := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--config", cfg, "--out", out); status != exitInput || !strings.Contains(stderr, `unknown setting "refrence"`) {
		t.Errorf("misspelt setting: %d %q", status, stderr)
	}
}

func TestCBioPortalStudy(t *testing.T) {
	out := filepath.Join(t.TempDir(), "res")
	study := "../../concordance/input/cbioportal/testdata/study"
	status, _, stderr := concord(t, "run", "--cbioportal", study, "--out", out, "--quiet")
	if status != 0 {
		t.Fatal(stderr)
	}
	s := readJSON(t, filepath.Join(out, "summary.json"))
	// The study's files hold 27 records (8 MAF rows, 4 SV rows, 3 fusion rows,
	// 12 CNA cells: concordance/input/cbioportal's tests); every one is counted.
	if num(s, "ledger", "records_read") != 27 || num(s, "patients") != 4 {
		t.Errorf("ledger %v, patients %v", s["ledger"], s["patients"])
	}
	// The pairing: 4 patients paired in summary.json, each with a tissue
	// and a plasma row in pairs.tsv.
	pairs := s["extra"].(map[string]any)["cbioportal_pairs"].(map[string]any)
	if pairs["patients_paired"] != 4.0 || pairs["file"] != "pairs.tsv" {
		t.Errorf("pairs %v", pairs)
	}
	b, err := os.ReadFile(filepath.Join(out, "pairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\ttissue\t") + strings.Count(string(b), "\tplasma\t"); n != 8 {
		t.Errorf("%d samples paired in pairs.tsv, want 8:\n%s", n, b)
	}
	if status, _, stderr := concord(t, "run", "--cbioportal", study, "--sheet", "x.tsv", "--out", out); status != exitUsage || !strings.Contains(stderr, "not both") {
		t.Errorf("--sheet with --cbioportal: %d %q", status, stderr)
	}
}

func TestMatchLevelGene(t *testing.T) {
	out := filepath.Join(t.TempDir(), "res")
	// At gene level every alteration of a gene in both samples matches; the
	// hand-made cohort has no genes (no annotation), so nothing changes:
	// the flag is accepted and recorded.
	status, _, stderr := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--reference", testCohort+"/ref.fa", "--match-level", "gene", "--out", out, "--quiet")
	if status != 0 {
		t.Fatal(stderr)
	}
	s := readJSON(t, filepath.Join(out, "summary.json"))
	if p := s["provenance"].(map[string]any)["parameters"].(map[string]any)["max-tier"]; p != "gene" {
		t.Errorf("max-tier recorded as %v", p)
	}
	if status, _, _ := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--match-level", "gene", "--max-tier", "exact", "--out", out); status != exitUsage {
		t.Errorf("disagreeing --match-level and --max-tier accepted")
	}
}
