package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// The file-level half of the bad-input catalogue (issue 10 §2): inputs
// that are not regular files, caps on line length and inflation, encoding,
// readable messages, reference consistency and sheet overrides.

// special replaces path with a file of the given kind: "fifo", "dev" (a
// symbolic link to /dev/zero), "dir", or "loop" (a symbolic link to
// itself).
func special(t *testing.T, path, kind string) {
	t.Helper()
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
	var err error
	switch kind {
	case "fifo":
		err = syscall.Mkfifo(path, 0o644)
	case "dev":
		err = os.Symlink("/dev/zero", path)
	case "dir":
		err = os.Mkdir(path, 0o755)
	case "loop":
		err = os.Symlink(filepath.Base(path), path)
	}
	if err != nil {
		t.Skipf("cannot make a %s here: %v", kind, err)
	}
}

// kindPattern is what concord says about each kind of special file.
var kindPattern = map[string]string{
	"fifo": `is a named pipe \(FIFO\), not a regular file`,
	"dev":  `is a character device, not a regular file`,
	"dir":  `is a directory, not a file`,
	"loop": `is a symbolic link loop`,
}

// editFile rewrites a file of the cohort.
func editFile(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(edit(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// withANN declares SnpEff's ANN in a VCF header and sets it on the first
// record (P2_T.vcf's chr1:60 GGA>TGC) with the given gene and protein.
func withANN(s, gene, protein string) string {
	s = strings.Replace(s, "##FORMAT", "##INFO=<ID=ANN,Number=.,Type=String,Description=\"SnpEff\">\n##FORMAT", 1)
	return strings.Replace(s, "PASS\tDP=500\t", "PASS\tDP=500;ANN=TGC|missense_variant|MODERATE|"+gene+"|id|transcript|NM_1|protein_coding|1/2|c.1A>T|"+protein+"\t", 1)
}

// gzipped compresses b.
func gzipped(b []byte) []byte {
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

// bomb writes a gzip file of about size bytes that inflates about 1000
// times over: a VCF header, then members of 1 MiB of blank lines each
// (concatenated gzip members inflate to the concatenation), so a 5 MB
// bomb of 5 GB is made without compressing 5 GB.
func bomb(t *testing.T, path string, size int) {
	t.Helper()
	head, _ := os.ReadFile(filepath.Join(testCohort, "P2_T.vcf"))
	header := head[:bytes.Index(head, []byte("#CHROM"))]
	header = append(header, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP2_T\n"...)
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zw.Write(bytes.Repeat([]byte("\n"), 1<<20))
	zw.Close()
	member := z.Bytes()
	out := gzipped(header)
	for len(out) < size {
		out = append(out, member...)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCatalogueFiles(t *testing.T) {
	cohortFile := func(root, name string) string { return filepath.Join(root, "cohort", name) }
	var cases []badCase
	// Files that are not regular files, in every role: refused unread
	// (a FIFO would block an open for reading forever).
	for _, kind := range []string{"fifo", "dev", "dir", "loop"} {
		cases = append(cases,
			badCase{name: "call file is a " + kind, setup: func(t *testing.T, root string) []string {
				special(t, cohortFile(root, "P2_T.vcf"), kind)
				return cohortArgs(root)
			}, status: exitInput, want: `^concord: \S+/cohort/P2_T\.vcf: ` + kindPattern[kind]},
			badCase{name: "sheet is a " + kind, setup: func(t *testing.T, root string) []string {
				special(t, cohortFile(root, "samplesheet.tsv"), kind)
				return cohortArgs(root)
			}, status: exitInput, want: `^concord: \S+/samplesheet\.tsv: ` + kindPattern[kind]},
			badCase{name: "reference is a " + kind, setup: func(t *testing.T, root string) []string {
				special(t, cohortFile(root, "ref.fa"), kind)
				return cohortArgs(root)
			}, status: exitInput, want: `^concord: \S+/ref\.fa: ` + map[bool]string{true: "--reference is a folder", false: kindPattern[kind]}[kind == "dir"]},
		)
	}
	for _, in := range []struct{ name, flag, file string }{
		{"reference index", "", "ref.fa.fai"},
		{"actionability table", "--actionable", "actionable.tsv"},
		{"tissue panel", "--tissue-panel", "panel.bed"},
		{"config", "--config", "config.json"},
	} {
		cases = append(cases, badCase{name: in.name + " is a FIFO", setup: func(t *testing.T, root string) []string {
			special(t, cohortFile(root, in.file), "fifo")
			if in.flag == "" {
				return cohortArgs(root)
			}
			return cohortArgs(root, in.flag, cohortFile(root, in.file))
		}, status: exitInput, want: `^concord: \S+/` + strings.ReplaceAll(in.file, ".", `\.`) + `: is a named pipe`})
	}
	cases = append(cases,
		badCase{name: "WBC file is a FIFO", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "samplesheet.tsv"), func(s string) string {
				s = strings.Replace(s, "plasma_calls\n", "plasma_calls\twbc_calls\n", 1)
				s = strings.Replace(s, "P1_P.vcf.gz\n", "P1_P.vcf.gz\tP1_W.vcf\n", 1)
				return strings.ReplaceAll(s, ".vcf.gz\n", ".vcf.gz\t\n")
			})
			special(t, cohortFile(root, "P1_W.vcf"), "fifo")
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/P1_W\.vcf: is a named pipe`},
		badCase{name: "cBioPortal study file is a FIFO", setup: func(t *testing.T, root string) []string {
			study := filepath.Join(root, "study")
			writeTree(t, study, mustReadTree(t, "../../concordance/input/cbioportal/testdata/study"))
			special(t, filepath.Join(study, "data_sv.txt"), "fifo")
			return []string{"run", "--cbioportal", study, "--out", filepath.Join(root, "res"), "--quiet"}
		}, status: exitInput, want: `data_sv\.txt: is a named pipe`},
		badCase{name: "check: sheet is a FIFO", setup: func(t *testing.T, root string) []string {
			special(t, cohortFile(root, "samplesheet.tsv"), "fifo")
			return []string{"check", "--sheet", cohortFile(root, "samplesheet.tsv")}
		}, status: exitInput, want: `^concord: \S+/samplesheet\.tsv: is a named pipe`},
		badCase{name: "reference is a folder", setup: func(t *testing.T, root string) []string {
			return append(cohortArgs(root)[:4], cohortFile(root, ""), "--out", filepath.Join(root, "res"), "--quiet")
		}, status: exitInput, want: `^concord: \S+/cohort/?: --reference is a folder; give the FASTA file .*--reference \S+/cohort/ref\.fa\n$`},
	)

	// Caps: a line over --max-line-bytes, and gzip bombs.
	cases = append(cases,
		badCase{name: "line over --max-line-bytes in a call file", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "P2_T.vcf"), func(s string) string {
				return strings.Replace(s, "##source", "##note="+strings.Repeat("x", 5000)+"\n##source", 1)
			})
			return cohortArgs(root, "--max-line-bytes", "1000")
		}, status: exitInput, want: `^concord: \S+/P2_T\.vcf:2: xio: a line longer than 1000 bytes \(1000 bytes, the --max-line-bytes cap\)`},
		badCase{name: "line over the default 64 MiB cap", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "P2_T.vcf"), func(s string) string {
				return strings.Replace(s, "chr2\t150\t", "chr2\t150\t"+strings.Repeat("1", 65<<20), 1)
			})
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/P2_T\.vcf:10: xio: a line longer than 64 MiB \(67108864 bytes, the --max-line-bytes cap\)`},
		badCase{name: "line over the cap in the sheet", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "samplesheet.tsv"), func(s string) string {
				return strings.Replace(s, "Colorectal Cancer", strings.Repeat("Colorectal ", 40), 1)
			})
			return cohortArgs(root, "--max-line-bytes", "300")
		}, status: exitInput, want: `^concord: \S+/samplesheet\.tsv:4: sheet: xio: a line longer than 300 bytes`},
		badCase{name: "gzip bomb, ratio lowered", setup: func(t *testing.T, root string) []string {
			bomb(t, cohortFile(root, "P2_T.vcf"), 5<<20) // 5 MB inflating to 5 GB
			return cohortArgs(root, "--max-inflate-ratio", "10")
		}, status: exitInput, want: `^concord: \S+/P2_T\.vcf:\d+: xio: the compressed file inflates to more than 64 MiB from 5\.0 MiB \(the cap is 10× its compressed size, at least 64 MiB: --max-inflate-ratio\): a decompression bomb\?`},
		badCase{name: "gzip bomb at the default cap", setup: func(t *testing.T, root string) []string {
			bomb(t, cohortFile(root, "P2_T.vcf"), 1<<20) // 1 MB inflating to 1 GB
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/P2_T\.vcf:\d+: xio: the compressed file inflates to more than 100\.\d MiB from 1\.0 MiB \(the cap is 100× `},
		badCase{name: "VCF header over 64 MiB", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "P2_T.vcf"), func(s string) string {
				return strings.Replace(s, "##source", strings.Repeat("##note="+strings.Repeat("x", 1<<20)+"\n", 65)+"##source", 1)
			})
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/P2_T\.vcf:65: vcf: the header is over 64 MiB`},
		badCase{name: "--max-line-bytes 0", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--max-line-bytes", "0")
		}, status: exitUsage, want: `--max-line-bytes and --max-inflate-ratio must be at least 1`},
	)

	// Encoding: sheet cells and call text must be UTF-8 without control
	// characters; echoed values are clipped and escaped.
	cases = append(cases,
		badCase{name: "NUL in a sheet cell", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "samplesheet.tsv"), func(s string) string { return strings.Replace(s, "Colorectal", "Colo\x00rectal", 1) })
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/samplesheet\.tsv:4: sheet: column "cancer_type": "Colo\\x00rectal Cancer" holds the control character U\+0000`},
		badCase{name: "Latin-1 in a sheet cell", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "samplesheet.tsv"), func(s string) string { return strings.Replace(s, "Prostate Cancer", "Prostatakrebs (M\xfcnchen)", 1) })
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/samplesheet\.tsv:5: sheet: column "cancer_type": "Prostatakrebs \(M\\xfcnchen\)" is not UTF-8 text \(byte 0xFC at byte 17; a Latin-1 or Windows-1252 file\? save it as UTF-8\)`},
		badCase{name: "tab inside a quoted CSV sheet cell", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "samplesheet.tsv"), func(s string) string {
				s = strings.ReplaceAll(s, "\t", ",")
				return strings.Replace(s, "Colorectal Cancer", "\"Colorectal\tCancer\"", 1)
			})
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/samplesheet\.tsv:4: sheet: column "cancer_type": "Colorectal\\tCancer" holds the control character U\+0009`},
		badCase{name: "NUL in a VCF's gene", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "P2_T.vcf"), func(s string) string { return withANN(s, "KR\x00AS", "p.K1N") })
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/P2_T\.vcf:8: gene: "KR\\x00AS" holds the control character U\+0000`},
		badCase{name: "Latin-1 in a VCF's protein change", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "P2_T.vcf"), func(s string) string { return withANN(s, "KRAS", "p.K1\xe9") })
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/P2_T\.vcf:8: protein change: "p\.K1\\xe9" is not UTF-8 text`},
		badCase{name: "Latin-1 in a VCF's sample column", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "P2_T.vcf"), func(s string) string { return strings.Replace(s, "FORMAT\tP2_T", "FORMAT\tP2_T\xe9", 1) })
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/P2_T\.vcf:6: vcf: sample "P2_T" not in the file \(samples: "P2_T\\xe9"\)`},
		badCase{name: "10 MB sheet cell, echoed clipped", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "samplesheet.tsv"), func(s string) string { return strings.Replace(s, "2021-05-10", strings.Repeat("2021", 10<<18), 1) })
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/samplesheet\.tsv:4: sheet: tissue_collection_date: "(2021){20}…" is not a date: expected YYYY-MM-DD\n$`},
		badCase{name: "a tab in the sheet's file name", setup: func(t *testing.T, root string) []string {
			sheet := cohortFile(root, "sample\tsheet.tsv")
			if err := os.Rename(cohortFile(root, "samplesheet.tsv"), sheet); err != nil {
				t.Fatal(err)
			}
			return append([]string{"run", "--sheet", sheet}, cohortArgs(root)[3:]...)
		}, status: exitInput, want: `^concord: \S+/cohort/sample\\tsheet\.tsv: the file name: "\S+" holds the control character U\+0009 .*\(rename the file\)`},
		badCase{name: "gzipped sheet with an error, read as text", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "samplesheet.tsv"), func(s string) string {
				return string(gzipped([]byte(strings.Replace(s, "2021-05-10", "10.05.21", 1))))
			})
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/samplesheet\.tsv:4: sheet: tissue_collection_date: "10\.05\.21" is not a date`},
		badCase{name: "a BAM given as the sheet", setup: func(t *testing.T, root string) []string {
			b, err := os.ReadFile("../../concordance/evidence/testdata/bam/reads.bam")
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(cohortFile(root, "samplesheet.tsv"), b, 0o644)
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/samplesheet\.tsv:1: sheet: "BAM\\x01.*" holds the control character U\+0001`},
	)

	// The reference: an index that does not describe the FASTA is an error
	// about the reference, at the .fai line.
	cases = append(cases,
		badCase{name: ".fai offsets wrong", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "ref.fa.fai"), func(s string) string { return strings.Replace(s, "\t622\t", "\t623\t", 1) })
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/ref\.fa\.fai:2: normalize: bad FASTA index: contig "chr2": its sequence should start at byte 623 .*re-run samtools faidx`},
		badCase{name: ".fai line width wrong", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "ref.fa.fai"), func(s string) string { return strings.Replace(s, "\t6\t60\t61", "\t6\t70\t71", 1) })
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/ref\.fa\.fai:1: normalize: bad FASTA index: contig "chr1": byte "\\n" at offset 66 inside its first line, which the index says holds 70 bases`},
		badCase{name: "CRLF FASTA with an LF .fai", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "ref.fa"), func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") })
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/ref\.fa\.fai:1: normalize: bad FASTA index: contig "chr1": the FASTA's lines end in CRLF but the index counts one byte per line ending`},
	)

	// Sheet overrides: the format names are checked at the sheet's line.
	cases = append(cases,
		badCase{name: "unknown tissue_format", setup: func(t *testing.T, root string) []string {
			editFile(t, cohortFile(root, "samplesheet.tsv"), func(s string) string {
				s = strings.Replace(s, "plasma_calls\n", "plasma_calls\ttissue_format\n", 1)
				s = strings.Replace(s, "P2_P.vcf.gz\n", "P2_P.vcf.gz\tvfc\n", 1)
				return strings.ReplaceAll(s, "vcf.gz\n", "vcf.gz\t\n")
			})
			return cohortArgs(root)
		}, status: exitInput, want: `^concord: \S+/samplesheet\.tsv:4: sheet: tissue_format: input: unknown format "vfc" \(want one of vcf, `},
	)
	runCatalogue(t, cases)
}

// check lists every problem, one a line, then its summary: a call file
// that is a FIFO is named, never read, and concord check does not block.
func TestCheckRefusesSpecialFiles(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, mustReadTree(t, testCohort))
	special(t, filepath.Join(root, "P2_T.vcf"), "fifo")
	special(t, filepath.Join(root, "P3_P.vcf"), "dev")
	status, _, stderr := concord(t, "check", "--sheet", filepath.Join(root, "samplesheet.tsv"), "--reference", filepath.Join(root, "ref.fa"))
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if status != exitInput || len(lines) != 3 || !strings.HasSuffix(lines[0], `P2_T.vcf: is a named pipe (FIFO), not a regular file: concord reads files, not streams (patient "P2", tissue calls)`) ||
		!strings.HasSuffix(lines[1], `P3_P.vcf: is a character device, not a regular file (patient "P3", plasma calls)`) || !strings.Contains(lines[2], "2 of 3 patients have problems (listed above)") {
		t.Errorf("status %d, stderr:\n%s", status, stderr)
	}
}

// TestCheckListsEveryProblem (issue 17 §3): check goes on past a patient's
// first bad file, so that one pass lists every problem of every patient,
// each naming its patient; run stops at the first, naming the patient too.
func TestCheckListsEveryProblem(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, mustReadTree(t, testCohort))
	for _, f := range []string{"P2_T.vcf", "P2_P.vcf.gz", "P3_P.vcf"} {
		os.Remove(filepath.Join(root, f))
	}
	status, _, stderr := concord(t, "check", "--sheet", filepath.Join(root, "samplesheet.tsv"), "--reference", filepath.Join(root, "ref.fa"))
	want := []string{`P2_T.vcf: no such file (patient "P2", tissue calls)`, `P2_P.vcf.gz: no such file (patient "P2", plasma calls)`,
		`P3_P.vcf: no such file (patient "P3", plasma calls)`, `2 of 3 patients have problems (listed above)`}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if status != exitInput || len(lines) != len(want) {
		t.Fatalf("status %d, stderr:\n%s", status, stderr)
	}
	for i, w := range want {
		if !strings.HasSuffix(lines[i], w) {
			t.Errorf("line %d: %q, want it to end %q", i+1, lines[i], w)
		}
	}
	status, _, stderr = concord(t, "run", "--sheet", filepath.Join(root, "samplesheet.tsv"), "--reference", filepath.Join(root, "ref.fa"), "--out", filepath.Join(root, "res"), "--quiet")
	if status != exitInput || !strings.HasSuffix(stderr, "P2_T.vcf: no such file (patient \"P2\", tissue calls)\n") {
		t.Errorf("run: status %d, stderr %q", status, stderr)
	}
}

// A gzipped sheet is read like a plain one (through internal/infile) and its
// provenance is the checksum of the file as stored.
func TestGzippedSheet(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, mustReadTree(t, testCohort))
	sheet := filepath.Join(root, "samplesheet.tsv")
	b, _ := os.ReadFile(sheet)
	os.WriteFile(sheet+".gz", gzipped(b), 0o644)
	for _, s := range []string{sheet, sheet + ".gz"} {
		out := filepath.Join(root, filepath.Base(s)+".res")
		status, _, stderr := concord(t, "run", "--sheet", s, "--reference", filepath.Join(root, "ref.fa"), "--out", out, "--quiet", "--figures=false", "--bootstrap", "0")
		if status != 0 {
			t.Fatalf("%s: status %d: %s", s, status, stderr)
		}
	}
	a, _ := os.ReadFile(filepath.Join(root, "samplesheet.tsv.res", "alterations.tsv"))
	g, _ := os.ReadFile(filepath.Join(root, "samplesheet.tsv.gz.res", "alterations.tsv"))
	if len(a) == 0 || !bytes.Equal(a, g) {
		t.Errorf("alterations.tsv differs between the plain and the gzipped sheet")
	}
}

// TestSkipFailedPatients (issue 17 §3): --skip-failed-patients analyses
// the others and lists the skipped patient in the ledger, summary.json
// and the headline; the remaining patients' results are those of a sheet
// without the patient.
func TestSkipFailedPatients(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, mustReadTree(t, testCohort))
	os.Remove(filepath.Join(root, "P2_T.vcf"))
	out := filepath.Join(root, "res")
	status, stdout, stderr := concord(t, "run", "--sheet", filepath.Join(root, "samplesheet.tsv"), "--reference", filepath.Join(root, "ref.fa"),
		"--out", out, "--figures=false", "--bootstrap", "0", "--skip-failed-patients")
	if status != 0 || !strings.Contains(stdout, `2 patients, `) || !strings.Contains(stdout, "; 1 patients SKIPPED (P2: their files could not be read") {
		t.Fatalf("status %d\nstdout %s\nstderr %s", status, stdout, stderr)
	}
	s := readJSON(t, filepath.Join(out, "summary.json"))
	sk, _ := s["skipped_patients"].([]any)
	if len(sk) != 1 || sk[0].(map[string]any)["patient_id"] != "P2" || !strings.Contains(sk[0].(map[string]any)["reason"].(string), `P2_T.vcf: no such file (patient "P2", tissue calls)`) {
		t.Errorf("skipped_patients %v", s["skipped_patients"])
	}
	led, _ := os.ReadFile(filepath.Join(out, "ledger.tsv"))
	if !regexp.MustCompile(`(?m)^P2_T\.vcf\tP2\ttissue\texcluded\tpatient_skipped\t\.\t0$`).Match(led) ||
		!regexp.MustCompile(`(?m)^P2_P\.vcf\.gz\tP2\tplasma\texcluded\tpatient_skipped\t\.\t0$`).Match(led) {
		t.Errorf("ledger:\n%s", led)
	}
	if alts, _ := os.ReadFile(filepath.Join(out, "alterations.tsv")); strings.Contains(string(alts), "\nP2\t") {
		t.Error("alterations.tsv has rows of the skipped patient")
	}
	// without the flag the run fails on the patient, as before
	if status, _, _ := concord(t, "run", "--sheet", filepath.Join(root, "samplesheet.tsv"), "--reference", filepath.Join(root, "ref.fa"), "--out", out+"2", "--quiet"); status != exitInput {
		t.Errorf("without --skip-failed-patients: status %d", status)
	}
}
