package regression

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// folderFS is a small results folder: 2 shared, 1 tissue-only and 1
// plasma-only alteration in 3 patients. PPA 2/3 with its Wilson interval
// 0.2077–0.9385 (R: binom::binom.wilson(2, 3)).
func folderFS(mod func(m fstest.MapFS)) fstest.MapFS {
	m := fstest.MapFS{
		"summary.json": {Data: []byte(`{"patients": 3, "alterations": {"shared": 2, "tissue_only": 1, "plasma_only": 1, "total": 4},
"union_shares": {"shared": 0.5, "tissue_only": 0.25, "plasma_only": 0.25},
"ppa_plasma_vs_tissue": {"value": 0.6666666666666666, "ci_low": 0.2077, "ci_high": 0.9385, "method": "wilson"},
"provenance": {"version": "x", "inputs_file": "provenance.tsv"}}`)},
		"provenance.tsv": {Data: []byte("path\tsha256\tbytes\na.vcf\taa\t10\nb.vcf\tbb\t20\n")},
		"strata.tsv": {Data: []byte("dimension\tlevel\tshared\tppa\tppa_ci_low\tppa_ci_high\ttest\n" +
			"all\tall\t2\t0.6667\t0.2077\t0.9385\t.\n" +
			"stage\tIV\t2\t1.0000\t0.3424\t1.0000\tfisher\n" +
			"stage\tIII\t0\t0.0000\t0.0000\t0.7935\tfisher\n")},
		"alterations.tsv": {Data: []byte("patient_id\tclass\tgene\tpartner\tchrom\tpos\tref\talt\tprotein\tcategory\ttissue_status\tplasma_status\tmatch_tier\treason\tflags\n" +
			"P1\tsnv\tKRAS\t.\tchr12\t25398284\tC\tT\tp.G12D\tshared\tcalled\tcalled\texact\t.\t.\n" +
			"P1\tsnv\tTP53\t.\tchr17\t7577120\tC\tT\tp.R273H\tshared\tcalled\tcalled\texact\t.\t.\n" +
			"P2\tamplification\tERBB2\t.\t.\t.\t.\t.\t.\ttissue_only\tcalled\tnot_detected\t.\tlow_tumor_fraction\t.\n" +
			"P3\tsnv\tDNMT3A\t.\tchr2\t25457242\tC\tT\tp.R882H\tplasma_only\tnot_detected\tcalled\t.\tch_candidate\tch\n")},
	}
	if mod != nil {
		mod(m)
	}
	return m
}

// TestVerify: every tolerance kind passes and fails where arithmetic says.
func TestVerify(t *testing.T) {
	exp := "# a comment\n" + strings.Join(ExpectColumns, "\t") + "\tnote\n" +
		"summary.json\t.\tpatients\t3\texact\tcohort\n" +
		"summary.json\t.\tunion_shares.shared\t0.52\tabs:0.02\t0.5 is 0.02 from 0.52: passes\n" +
		"summary.json\t.\tunion_shares.tissue_only\t0.28\tabs:0.02\t0.25 is 0.03 from 0.28: drifts\n" +
		"summary.json\t.\tppa_plasma_vs_tissue\t0.9\tci\t0.9 inside 0.2077-0.9385\n" +
		"summary.json\t.\tppa_plasma_vs_tissue.value\t0.95\tci\t0.95 outside: drifts\n" +
		"strata.tsv\tdimension=stage;level=IV\tppa\t0.995\trel:0.01\t|1-0.995| = 0.005 <= 0.00995\n" +
		"strata.tsv\tdimension=stage;level=III\tppa\t0.5\tci\tinside 0-0.7935\n" +
		"strata.tsv\tdimension=stage\tppa\t0.5\tabs:1\ttwo rows match: fails\n" +
		"strata.tsv\tdimension=stage;level=II\tppa\t0.5\tabs:1\tno row: fails\n" +
		"summary.json\t.\tunion_shares.shared\t0.5\tci\tno interval: fails\n"
	e, err := ReadExpectations(strings.NewReader(exp))
	if err != nil {
		t.Fatal(err)
	}
	checks, err := Verify(folderFS(nil), "res", e)
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{true, true, false, true, false, true, true, false, false, false}
	for i, c := range checks {
		if c.OK != want[i] {
			t.Errorf("line %d (%s): ok %v, want %v (observed %q, %s)", c.Line, c.Name(), c.OK, want[i], c.Observed, c.Detail)
		}
	}
	var b bytes.Buffer
	failed, err := WriteChecks(&b, checks)
	if err != nil || failed != 5 {
		t.Errorf("failed %d, err %v", failed, err)
	}
	if !strings.Contains(b.String(), "DRIFT\tstrata.tsv[dimension=stage]:ppa\t0.5\t.\tabs:1\tstrata.tsv: 2 rows match (name more columns)\n") {
		t.Errorf("report:\n%s", b.String())
	}
}

// TestReadExpectationsErrors: a bad expectation names its line.
func TestReadExpectationsErrors(t *testing.T) {
	head := strings.Join(ExpectColumns, "\t") + "\n"
	for _, c := range []struct{ in, want string }{
		{"table\trow\n", "line 1: header lacks column column"},
		{head, "no expectations"},
		{head + "nope.tsv\t.\tx\t1\texact\n", `line 2: table "nope.tsv" is not a file of a results folder`},
		{head + "strata.tsv\tdimension\tppa\t1\texact\n", `line 2: row "dimension": want column=value`},
		{head + "strata.tsv\t.\tppa\t1\tabs:-1\n", `line 2: tolerance "abs:-1": want abs:X with X a number ≥ 0`},
		{head + "strata.tsv\t.\tppa\t1\twithin\n", `line 2: tolerance "within": want exact, abs:X, rel:X or ci`},
		{head + "strata.tsv\t.\tppa\thigh\trel:0.1\n", `line 2: expected "high" is not a number`},
	} {
		_, err := ReadExpectations(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
}

// TestDiff: the changes between two folders, each named once.
func TestDiff(t *testing.T) {
	same, err := Diff(folderFS(nil), "a", folderFS(nil), "b")
	if err != nil || len(same) != 0 {
		t.Fatalf("identical folders: %v %v", same, err)
	}
	newer := folderFS(func(m fstest.MapFS) {
		m["alterations.tsv"].Data = bytes.Replace(m["alterations.tsv"].Data, []byte("tissue_only\tcalled\tnot_detected\t.\tlow_tumor_fraction"), []byte("shared\tcalled\tcalled\tgene\t."), 1)
		m["strata.tsv"].Data = bytes.Replace(m["strata.tsv"].Data, []byte("stage\tIII\t0\t0.0000"), []byte("stage\tIII\t1\t0.5000"), 1)
		m["summary.json"].Data = bytes.Replace(m["summary.json"].Data, []byte(`"shared": 2,`), []byte(`"shared": 3,`), 1)
		m["provenance.tsv"].Data = bytes.Replace(m["provenance.tsv"].Data, []byte("\tbb\t"), []byte("\tcc\t"), 1)
	})
	changes, err := Diff(folderFS(nil), "a", newer, "b")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	WriteDiff(&b, changes)
	want := strings.Join(DiffColumns, "\t") + "\n" +
		"alteration\tP2 amplification ERBB2\tcategory\ttissue_only\tshared\t.\n" +
		"alteration\tP2 amplification ERBB2\tplasma_status\tnot_detected\tcalled\t.\n" +
		"alteration\tP2 amplification ERBB2\tmatch_tier\t.\tgene\t.\n" +
		"alteration\tP2 amplification ERBB2\treason\tlow_tumor_fraction\t.\t.\n" +
		"stratum\tstage III\tshared\t0\t1\t1\n" +
		"stratum\tstage III\tppa\t0.0000\t0.5000\t0.5\n" +
		"summary\talterations.shared\tvalue\t2\t3\t1\n" +
		"input\tb.vcf\tsha256\tbb\tcc\t.\n"
	if b.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", b.String(), want)
	}
	var s bytes.Buffer
	Summarize(&s, changes)
	if want := "1 alterations changed (category 1, plasma_status 1, match_tier 1, reason 1)\nalterations.shared: 2 → 3 (+1)\n1 numbers of summary.json moved\n2 stratum cells changed\n1 inputs changed (by SHA-256 or path)\n"; s.String() != want {
		t.Errorf("summary:\n%s\nwant:\n%s", s.String(), want)
	}
}

// TestDiffProvenanceTSV: inputs are compared by provenance.tsv; a folder
// without one (from before it existed) has no inputs to compare.
func TestDiffProvenanceTSV(t *testing.T) {
	withTSV := func(sums string) fstest.MapFS {
		return folderFS(func(m fstest.MapFS) {
			m["provenance.tsv"] = &fstest.MapFile{Data: []byte("path\tsha256\tbytes\na.vcf\taa\t10\n" + sums)}
		})
	}
	changes, err := Diff(withTSV("c.vcf\tcc\t5\n"), "a", withTSV("c.vcf\tdd\t5\n"), "b")
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || changes[0] != (Change{What: "input", Key: "c.vcf", Field: "sha256", Before: "cc", After: "dd"}) {
		t.Errorf("changes %+v", changes)
	}
	old := folderFS(func(m fstest.MapFS) { delete(m, "provenance.tsv") })
	if changes, err := Diff(old, "a", old, "b"); err != nil || len(changes) != 0 {
		t.Errorf("folders without provenance.tsv: %v %v", changes, err)
	}
	bad := folderFS(func(m fstest.MapFS) { m["provenance.tsv"] = &fstest.MapFile{Data: []byte("file\n")} })
	if _, err := Diff(bad, "a", bad, "b"); err == nil || !strings.Contains(err.Error(), "a/provenance.tsv:1: no path and sha256 columns") {
		t.Errorf("error %v", err)
	}
}
