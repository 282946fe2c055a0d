package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The explanation outputs of a run: reasons.tsv, power.tsv and
// blood_alone.tsv are written, and --exclude takes the flagged rows out
// of the headline while summary.json gives the numbers both ways.
func TestDemoExplanationAndExclusions(t *testing.T) {
	dir := t.TempDir()
	runs := map[string]string{"none": filepath.Join(dir, "none"), "ch,germline": filepath.Join(dir, "excluded")}
	for exclude, out := range runs {
		args := []string{"demo", "--patients", "120", "--out", out, "--quiet"}
		if exclude != "none" {
			args = append(args, "--exclude", exclude)
		}
		if status, _, stderr := concord(t, args...); status != 0 {
			t.Fatalf("demo --exclude %s: status %d: %s", exclude, status, stderr)
		}
		for _, f := range []string{"reasons.tsv", "power.tsv", "blood_alone.tsv"} {
			b, err := os.ReadFile(filepath.Join(out, f))
			if err != nil || strings.Count(string(b), "\n") < 5 || strings.Contains(string(b), "NaN") {
				t.Errorf("%s: %d bytes, %v", f, len(b), err)
			}
		}
	}
	plain := readJSON(t, filepath.Join(runs["none"], "summary.json"))
	excl := readJSON(t, filepath.Join(runs["ch,germline"], "summary.json"))
	// Nothing excluded: the two ways agree with the headline.
	if num(plain, "extra", "explanation", "with_exclusions", "total") != num(plain, "alterations", "total") ||
		num(plain, "extra", "explanation", "without_exclusions", "total") != num(plain, "alterations", "total") {
		t.Error("without --exclude the explanation's two headlines differ from summary.json's")
	}
	// Excluded: the headline is the counted one; without the exclusions it
	// is the headline of the plain run; the difference is the rows
	// alterations.tsv marks excluded inside the comparison universe.
	if num(excl, "extra", "explanation", "with_exclusions", "total") != num(excl, "alterations", "total") ||
		num(excl, "extra", "explanation", "without_exclusions", "total") != num(plain, "alterations", "total") {
		t.Errorf("with --exclude: headline %v, with %v, without %v, plain %v", num(excl, "alterations", "total"),
			num(excl, "extra", "explanation", "with_exclusions", "total"), num(excl, "extra", "explanation", "without_exclusions", "total"),
			num(plain, "alterations", "total"))
	}
	excluded := 0
	for _, r := range readTSV(t, filepath.Join(runs["ch,germline"], "alterations.tsv")) {
		if r["excluded"] != "." && r["category"] != "not_compared" {
			excluded++
		}
	}
	if excluded == 0 || float64(excluded) != num(plain, "alterations", "total")-num(excl, "alterations", "total") {
		t.Errorf("%d excluded rows in alterations.tsv; headline moved by %v", excluded, num(plain, "alterations", "total")-num(excl, "alterations", "total"))
	}
	// One thread gives the same bytes.
	one := filepath.Join(dir, "one")
	if status, _, stderr := concord(t, "demo", "--patients", "120", "--out", one, "--quiet", "--threads", "1"); status != 0 {
		t.Fatalf("demo --threads 1: %s", stderr)
	}
	for _, f := range []string{"alterations.tsv", "patients.tsv", "reasons.tsv", "power.tsv", "blood_alone.tsv"} {
		a, _ := os.ReadFile(filepath.Join(runs["none"], f))
		b, _ := os.ReadFile(filepath.Join(one, f))
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("%s differs between --threads 1 and the default", f)
		}
	}
	// The reasons do not depend on the exclusions (their order may: cancer
	// types are ordered as strata.tsv orders them, by patients and then by
	// counted alterations).
	a, _ := os.ReadFile(filepath.Join(runs["none"], "reasons.tsv"))
	b, _ := os.ReadFile(filepath.Join(runs["ch,germline"], "reasons.tsv"))
	if strip := func(s []byte) string {
		var out []string
		for _, l := range strings.Split(string(s), "\n") {
			if f := strings.Split(l, "\t"); len(f) > 5 {
				out = append(out, strings.Join(f[:5], "\t"))
			}
		}
		sort.Strings(out)
		return strings.Join(out, "\n")
	}; strip(a) != strip(b) {
		t.Error("reason counts changed with --exclude")
	}
}

func TestExplainFlagErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "actionable.tsv")
	os.WriteFile(bad, []byte("gene\talteration\tcohort\nBRAF\tp.V600E\tBRAF\nKRAS\tG12C somewhere\tKRAS\n"), 0o644)
	for _, tc := range []struct {
		name   string
		args   []string
		status int
		msg    string
	}{
		{"unknown exclusion", []string{"--exclude", "ch,artifacts"}, exitUsage, `cannot exclude "artifacts"`},
		{"bad actionability pattern", []string{"--actionable", bad}, exitInput, `actionable.tsv:3: actionable: unknown alteration pattern "G12C somewhere"`},
		{"missing actionability table", []string{"--actionable", filepath.Join(dir, "none.tsv")}, exitInput, "none.tsv: no such file"},
		{"minimum group size", []string{"--min-group-patients", "0"}, exitUsage, "--min-group-patients must be at least 1"},
		{"plasma VAF floor", []string{"--plasma-min-vaf", "1.5"}, exitUsage, "minimum VAFs must be in [0, 1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"run", "--sheet", testCohort + "/samplesheet.tsv", "--out", filepath.Join(dir, "o"), "--quiet"}, tc.args...)
			status, _, stderr := concord(t, args...)
			if status != tc.status || !strings.Contains(stderr, tc.msg) {
				t.Errorf("status %d, stderr %q; want %d with %q", status, stderr, tc.status, tc.msg)
			}
		})
	}
	// check validates the table too.
	if status, _, stderr := concord(t, "check", "--sheet", testCohort+"/samplesheet.tsv", "--actionable", bad); status != exitInput ||
		!strings.Contains(stderr, `actionable.tsv:3: actionable: unknown alteration pattern "G12C somewhere"`) {
		t.Errorf("check --actionable: status %d, %q", status, stderr)
	}
	// A user's table replaces the built-in one and is in the provenance.
	good := filepath.Join(dir, "mine.tsv")
	os.WriteFile(good, []byte("gene\talteration\tcohort\tsource\nEGFR\tmutation\tany EGFR\tmy trial\n"), 0o644)
	out := filepath.Join(dir, "res")
	if status, _, stderr := concord(t, "run", "--sheet", testCohort+"/samplesheet.tsv", "--out", out, "--quiet", "--actionable", good); status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	s := readJSON(t, filepath.Join(out, "summary.json"))
	if tbl, _ := s["extra"].(map[string]any)["blood_alone"].(map[string]any)["actionability_table"].(string); tbl != "mine.tsv" {
		t.Errorf("actionability table %q in summary.json", tbl)
	}
	prov, _ := os.ReadFile(filepath.Join(out, "provenance.tsv"))
	if !strings.Contains(string(prov), "mine.tsv\t") || !strings.Contains(string(prov), "\tactionability_table\n") {
		t.Error("the actionability table is not in the provenance")
	}
}

// A matched white-blood-cell file (sheet column wbc_calls): P1's
// plasma-only chr2:100 C>G, which DRAGEN flags Somatic_Putative_CH, is also
// in the blood cells at 1%: flagged ch_evidence, reason ch_candidate, and
// the WBC file's records are in the ledger under side wbc.
func TestWBCEvidenceEndToEnd(t *testing.T) {
	dir := testCohortCopy(t)
	wbc := "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP1_WBC\n" +
		"chr2\t100\t.\tC\tG\t.\tPASS\tDP=1000\tGT:AD:AF:DP\t0/1:990,10:0.01:1000\n" +
		"chr1\t50\t.\tA\tC\t.\tweak_evidence\tDP=1000\tGT:AD:AF:DP\t0/1:999,1:0.001:1000\n"
	if err := os.WriteFile(filepath.Join(dir, "P1_WBC.vcf"), []byte(wbc), 0o644); err != nil {
		t.Fatal(err)
	}
	sheet, _ := os.ReadFile(filepath.Join(dir, "samplesheet.tsv"))
	lines := strings.Split(strings.TrimRight(string(sheet), "\n"), "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "patient_id"):
			lines[i] = l + "\twbc_calls"
		case strings.HasPrefix(l, "P1\t"):
			lines[i] = l + "\tP1_WBC.vcf"
		case !strings.HasPrefix(l, "#"):
			lines[i] = l + "\t"
		}
	}
	os.WriteFile(filepath.Join(dir, "samplesheet.tsv"), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	out := filepath.Join(dir, "res")
	if status, _, stderr := concord(t, "run", "--sheet", filepath.Join(dir, "samplesheet.tsv"), "--reference", filepath.Join(dir, "ref.fa"), "--out", out, "--quiet"); status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	found := false
	for _, r := range readTSV(t, filepath.Join(out, "alterations.tsv")) {
		if r["patient_id"] == "P1" && r["chrom"] == "chr2" && r["pos"] == "100" {
			found = true
			if !strings.Contains(r["flags"], "ch_evidence") || r["reason"] != "ch_candidate" || r["category"] != "plasma_only" {
				t.Errorf("chr2:100: flags %s, reason %s, category %s", r["flags"], r["reason"], r["category"])
			}
		}
	}
	if !found {
		t.Fatal("chr2:100 not in alterations.tsv")
	}
	wbcRecords := map[string]string{}
	for _, r := range readTSV(t, filepath.Join(out, "ledger.tsv")) {
		if r["side"] == "wbc" {
			wbcRecords[r["outcome"]+":"+r["reason"]] = r["records"]
		}
	}
	if len(wbcRecords) != 2 || wbcRecords["used:used"] != "1" || wbcRecords["excluded:filtered"] != "1" {
		t.Errorf("wbc ledger rows %v, want 1 used and 1 filtered", wbcRecords)
	}
}

// A simulated cohort with matched WBC samples (simulate --wbc): the WBC
// genome VCFs give wbc_status to plasma calls, and --exclude ch,germline
// never drops a call the WBC sample covered and lacked (issue 12).
func TestSimulatedWBC(t *testing.T) {
	dir := t.TempDir()
	cohort := filepath.Join(dir, "cohort")
	if status, _, stderr := concord(t, "simulate", "--out", cohort, "--patients", "60", "--seed", "7", "--wbc", "1"); status != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "res")
	if status, _, stderr := concord(t, "run", "--sheet", filepath.Join(cohort, "samplesheet.tsv"), "--reference", filepath.Join(cohort, "reference", "genome.fa"),
		"--out", out, "--quiet", "--exclude", "ch,germline", "--figures=false"); status != 0 {
		t.Fatal(stderr)
	}
	statuses := map[string]int{}
	for _, r := range readTSV(t, filepath.Join(out, "alterations.tsv")) {
		statuses[r["wbc_status"]]++
		flagged := false
		for _, f := range strings.Split(r["flags"], ",") {
			flagged = flagged || f == "ch_candidate" || f == "ch_possible" || f == "ch_evidence" || f == "germline_likely"
		}
		if r["wbc_status"] == "absent" && (r["excluded"] != "." || flagged) {
			t.Errorf("%s %s %s: absent from the WBC sample, yet flags %s, excluded %s", r["patient_id"], r["gene"], r["protein"], r["flags"], r["excluded"])
		}
	}
	if statuses["present"] == 0 || statuses["absent"] == 0 {
		t.Errorf("wbc_status counts %v: want present and absent calls", statuses)
	}
	if status, _, stderr := concord(t, "simulate", "--out", filepath.Join(dir, "bad"), "--wbc", "2"); status != exitUsage || !strings.Contains(stderr, "--wbc") {
		t.Errorf("--wbc 2: status %d, %s", status, stderr)
	}
}
