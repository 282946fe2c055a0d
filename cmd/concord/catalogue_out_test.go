package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The bad-input catalogue, part --out (issue 10 §1): concord never
// replaces what it did not write, never writes over its inputs (--force or
// not), and refuses an output it cannot write before the analysis. Each
// refusal is an output error (exit status 4; main.go says why) except a
// malformed command line (2).

const (
	cbioStudy    = "../../concordance/input/cbioportal/testdata/study"
	evidencePane = "../../testdata/evidence/tissue_panel.bed"
	defaultTable = "../../concordance/actionable/default.tsv"
)

// put writes files (relative path → content) under root.
func put(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copyInto copies the regular files of dir src (not recursive) into dst.
func copyInto(t *testing.T, src, dst string) {
	t.Helper()
	writeTree(t, dst, mustReadTree(t, src))
}

func TestCatalogueOut(t *testing.T) {
	const never = `; concord never writes over its inputs, --force or not: choose another folder\n$`
	runCatalogue(t, []badCase{
		// --out is or holds the cohort: the command of issue 10 that deleted a cohort
		{name: "out . inside the cohort folder", setup: func(t *testing.T, root string) []string {
			t.Chdir(filepath.Join(root, "cohort"))
			return []string{"run", "--sheet", "samplesheet.tsv", "--reference", "ref.fa", "--out", ".", "--quiet"}
		}, status: exitOutput, want: `^concord: --out \. \(.*/cohort\) is the sample sheet's folder .*/cohort` + never},
		{name: "out is the sheet's folder", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", filepath.Join(root, "cohort"))
		}, status: exitOutput, want: `--out .*/cohort is the sample sheet's folder .*/cohort` + never},
		{name: "out is the sheet's folder, forced", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", filepath.Join(root, "cohort"), "--force")
		}, status: exitOutput, want: `is the sample sheet's folder .*/cohort` + never},
		{name: "out is an ancestor of the cohort", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", root)
		}, status: exitOutput, want: `--out .* holds the sample sheet .*/cohort/samplesheet\.tsv` + never},
		{name: "out is an ancestor of the cohort, forced", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", root, "--force")
		}, status: exitOutput, want: `holds the sample sheet .*/cohort/samplesheet\.tsv` + never},
		{name: "out is a call file", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", filepath.Join(root, "cohort", "P1_T.vcf.gz"))
		}, status: exitOutput, want: `P1_T\.vcf\.gz is the call file .*/cohort/P1_T\.vcf\.gz` + never},
		{name: "out holds the call files, elsewhere than the sheet", setup: func(t *testing.T, root string) []string {
			sheet := filepath.Join(root, "cohort", "samplesheet.tsv")
			b, _ := os.ReadFile(sheet)
			for _, f := range []string{"P1_T.vcf.gz", "P1_P.vcf.gz", "P2_T.vcf", "P2_P.vcf.gz", "P3_T.vcf.gz", "P3_P.vcf"} {
				os.MkdirAll(filepath.Join(root, "calls"), 0o755)
				os.Rename(filepath.Join(root, "cohort", f), filepath.Join(root, "calls", f))
				b = []byte(strings.ReplaceAll(string(b), "\t"+f, "\t../calls/"+f))
			}
			os.WriteFile(sheet, b, 0o644)
			return cohortArgs(root, "--out", filepath.Join(root, "calls"), "--force")
		}, status: exitOutput, want: `/calls holds the call file .*/calls/P1_T\.vcf\.gz` + never},
		// the patients' results are kept on disk in TMPDIR while the run goes
		{name: "TMPDIR is missing", setup: func(t *testing.T, root string) []string {
			t.Setenv("TMPDIR", filepath.Join(root, "no-such-tmp"))
			return cohortArgs(root)
		}, status: exitOutput, want: `^concord: cannot keep the patients' results on disk in .*/no-such-tmp \(TMPDIR sets the folder\): no such file or directory\n$`},
		{name: "out is the reference", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", filepath.Join(root, "cohort", "ref.fa"))
		}, status: exitOutput, want: `ref\.fa is the reference .*/cohort/ref\.fa` + never},
		{name: "out is the reference index", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", filepath.Join(root, "cohort", "ref.fa.fai"), "--force")
		}, status: exitOutput, want: `ref\.fa\.fai is the reference index .*/cohort/ref\.fa\.fai` + never},
		{name: "out holds the reference", setup: func(t *testing.T, root string) []string {
			os.MkdirAll(filepath.Join(root, "genome"), 0o755)
			for _, f := range []string{"ref.fa", "ref.fa.fai"} {
				os.Rename(filepath.Join(root, "cohort", f), filepath.Join(root, "genome", f))
			}
			args := cohortArgs(root, "--out", filepath.Join(root, "genome"))
			args[4] = filepath.Join(root, "genome", "ref.fa")
			return args
		}, status: exitOutput, want: `/genome holds the reference .*/genome/ref\.fa` + never},
		{name: "out reaches the cohort through a symlink", setup: func(t *testing.T, root string) []string {
			os.Symlink(filepath.Join(root, "cohort"), filepath.Join(root, "link"))
			return cohortArgs(root, "--out", filepath.Join(root, "link"), "--force")
		}, status: exitOutput, want: `--out .*/link \(.*/cohort\) is the sample sheet's folder .*/cohort` + never},
		{name: "out reaches the cohort through ..", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", filepath.Join(root, "res")+"/../cohort")
		}, status: exitOutput, want: `--out .*/res/\.\./cohort \(.*/cohort\) is the sample sheet's folder .*/cohort` + never},
		{name: "out holds the tissue panel", setup: func(t *testing.T, root string) []string {
			copyInto(t, filepath.Dir(evidencePane), filepath.Join(root, "panels"))
			return cohortArgs(root, "--tissue-panel", filepath.Join(root, "panels", "tissue_panel.bed"), "--out", filepath.Join(root, "panels"), "--force")
		}, status: exitOutput, want: `/panels holds the tissue panel .*/panels/tissue_panel\.bed` + never},
		{name: "out holds the actionability table", setup: func(t *testing.T, root string) []string {
			b, _ := os.ReadFile(defaultTable)
			put(t, root, map[string]string{"tables/actionable.tsv": string(b)})
			return cohortArgs(root, "--actionable", filepath.Join(root, "tables", "actionable.tsv"), "--out", filepath.Join(root, "tables"), "--force")
		}, status: exitOutput, want: `/tables holds the actionability table .*/tables/actionable\.tsv` + never},
		{name: "out holds the config file", setup: func(t *testing.T, root string) []string {
			put(t, root, map[string]string{"conf/c.json": `{"max-tier": "exact"}`})
			return cohortArgs(root, "--config", filepath.Join(root, "conf", "c.json"), "--out", filepath.Join(root, "conf"))
		}, status: exitOutput, want: `/conf holds the config file .*/conf/c\.json` + never},
		{name: "out inside a cBioPortal study", setup: func(t *testing.T, root string) []string {
			copyInto(t, cbioStudy, filepath.Join(root, "study"))
			return []string{"run", "--cbioportal", filepath.Join(root, "study"), "--out", filepath.Join(root, "study", "res"), "--quiet"}
		}, status: exitOutput, want: `/study/res lies inside the cBioPortal study .*/study` + never},
		{name: "out is a cBioPortal study, forced", setup: func(t *testing.T, root string) []string {
			copyInto(t, cbioStudy, filepath.Join(root, "study"))
			return []string{"run", "--cbioportal", filepath.Join(root, "study"), "--out", filepath.Join(root, "study"), "--quiet", "--force"}
		}, status: exitOutput, want: `/study is the cBioPortal study .*/study` + never},

		// folders concord did not write
		{name: "a user's folder", setup: func(t *testing.T, root string) []string {
			put(t, root, map[string]string{"mine/notes.txt": "x", "mine/data.csv": "x", "mine/thesis/ch1.tex": "x"})
			return cohortArgs(root, "--out", filepath.Join(root, "mine"))
		}, status: exitOutput, want: `^concord: --out .*/mine holds 3 entries concord did not write \(data\.csv, notes\.txt, thesis/\); choose an empty or new folder, or a results folder concord wrote, or pass --force to replace it\n$`},
		{name: "results holding a user's file", setup: func(t *testing.T, root string) []string {
			put(t, root, map[string]string{"res/notes.txt": "mine"})
			return cohortArgs(root)
		}, status: exitOutput, want: `--out .*/res holds 1 entry concord did not write \(notes\.txt\)`},
		{name: "results holding a user's symlink", setup: func(t *testing.T, root string) []string {
			os.Symlink(filepath.Join(root, "cohort"), filepath.Join(root, "res", "cohort"))
			return cohortArgs(root)
		}, status: exitOutput, want: `--out .*/res holds 1 entry concord did not write \(cohort\)`},
		{name: "results without marker, holding a user's file", setup: func(t *testing.T, root string) []string {
			os.Remove(filepath.Join(root, "res", ".concord"))
			put(t, root, map[string]string{"res/notes.txt": "mine"})
			return cohortArgs(root)
		}, status: exitOutput, want: `--out .*/res holds 1 entry concord did not write \(notes\.txt\)`},
		{name: "tables without summary.json nor marker", setup: func(t *testing.T, root string) []string {
			os.Remove(filepath.Join(root, "res", ".concord"))
			os.Remove(filepath.Join(root, "res", "summary.json"))
			return cohortArgs(root)
		}, status: exitOutput, want: `--out .*/res holds 13 entries concord did not write \(README\.md, alterations\.tsv, blood_alone\.tsv, …\)`},
		{name: "a simulated cohort", setup: func(t *testing.T, root string) []string {
			put(t, root, map[string]string{"sim/samplesheet.tsv": "x", "sim/.concord": `{"tool": "concord", "kind": "cohort", "run_id": "0123456789abcdef"}`})
			return cohortArgs(root, "--out", filepath.Join(root, "sim"))
		}, status: exitOutput, want: `--out .*/sim is a concord cohort folder, not a results folder; choose another folder, or pass --force to replace it\n$`},

		// places results cannot go
		{name: "a file", setup: func(t *testing.T, root string) []string {
			put(t, root, map[string]string{"file.txt": "mine"})
			return cohortArgs(root, "--out", filepath.Join(root, "file.txt"))
		}, status: exitOutput, want: `--out .*/file\.txt is a file, not a folder; choose a folder\n$`},
		{name: "a file, forced", setup: func(t *testing.T, root string) []string {
			put(t, root, map[string]string{"file.txt": "mine"})
			return cohortArgs(root, "--out", filepath.Join(root, "file.txt"), "--force")
		}, status: exitOutput, want: `is a file, not a folder`},
		{name: "parent is a file", setup: func(t *testing.T, root string) []string {
			put(t, root, map[string]string{"file.txt": "mine"})
			return cohortArgs(root, "--out", filepath.Join(root, "file.txt", "res"))
		}, status: exitOutput, want: `--out .*/file\.txt/res cannot be created: .*/file\.txt is a file, not a folder\n$`},
		{name: "under /proc", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", "/proc/concord-results")
		}, status: exitOutput, want: `--out /proc/concord-results is under /proc, a system folder; choose a folder on disk\n$`},
		{name: "under /sys", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", "/sys/concord-results", "--force")
		}, status: exitOutput, want: `is under /sys`},
		{name: "under /dev", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", "/dev/shm/concord-results")
		}, status: exitOutput, want: `is under /dev`},
		{name: "a broken symlink", setup: func(t *testing.T, root string) []string {
			os.Symlink(filepath.Join(root, "nowhere"), filepath.Join(root, "dangling"))
			return cohortArgs(root, "--out", filepath.Join(root, "dangling"))
		}, status: exitOutput, want: `--out .*/dangling is a symbolic link to a missing or unreachable folder\n$`},
		// A read-only file system bites root too (permission bits do not).
		{name: "read-only parent", setup: func(t *testing.T, root string) []string {
			mountTmpfs(t, filepath.Join(root, "ro"), "64k", true)
			return cohortArgs(root, "--out", filepath.Join(root, "ro", "res"))
		}, status: exitOutput, want: `--out .*/ro/res cannot be written: cannot create a file in .*/ro: read-only file system\n$`},
		// The disk fills while the results are written: after the analysis.
		{name: "disk full", setup: func(t *testing.T, root string) []string {
			mountTmpfs(t, filepath.Join(root, "full"), "12k", false)
			return cohortArgs(root, "--out", filepath.Join(root, "full", "res"))
		}, status: exitOutput, want: `^concord: (cannot write .*/full/res/[a-z_.]+|--out .*/full/res cannot be written): no space left on device\n$`},
		{name: "empty --out", setup: func(t *testing.T, root string) []string {
			return cohortArgs(root, "--out", "")
		}, status: exitUsage, want: `^concord: --out: give a folder\n$`},

		// figures, simulate and demo follow the same rules
		{name: "figures into a user's folder of tables", setup: func(t *testing.T, root string) []string {
			copyInto(t, resultsFixture, filepath.Join(root, "mine"))
			put(t, root, map[string]string{"mine/notes.txt": "x"})
			return []string{"figures", "--results", filepath.Join(root, "mine")}
		}, status: exitOutput, want: `--results .*/mine holds 1 entry concord did not write \(notes\.txt\)`},
		{name: "figures over a user's figure", setup: func(t *testing.T, root string) []string {
			put(t, root, map[string]string{"res/figures/fig1_cancer_type.png": "x", "res/figures/poster-final.png": "mine"})
			return []string{"figures", "--results", filepath.Join(root, "res")}
		}, status: exitOutput, want: `--results .*/res: figures/ holds 1 entry concord did not write \(poster-final\.png\)`},
		{name: "figures --out the results folder", setup: func(t *testing.T, root string) []string {
			return []string{"figures", "--results", filepath.Join(root, "res"), "--out", filepath.Join(root, "res"), "--force"}
		}, status: exitOutput, want: `--out .*/res is the results folder .*/res` + never},
		{name: "figures --out a user's folder", setup: func(t *testing.T, root string) []string {
			return []string{"figures", "--results", filepath.Join(root, "res"), "--out", filepath.Join(root, "cohort")}
		}, status: exitOutput, want: `--out .*/cohort holds 10 entries concord did not write \(P1_P\.vcf\.gz, P1_T\.vcf\.gz, P2_P\.vcf\.gz, …\); choose an empty or new folder, or a figures folder concord wrote`},
		{name: "simulate into a user's folder", setup: func(t *testing.T, root string) []string {
			return []string{"simulate", "--out", filepath.Join(root, "cohort"), "--patients", "2"}
		}, status: exitOutput, want: `--out .*/cohort holds 10 entries concord did not write .*; choose an empty or new folder, or a simulated cohort concord wrote, or pass --force`},
		{name: "simulate over results", setup: func(t *testing.T, root string) []string {
			return []string{"simulate", "--out", filepath.Join(root, "res"), "--patients", "2"}
		}, status: exitOutput, want: `--out .*/res is a concord results folder, not a simulated cohort`},
		{name: "simulate under /proc", setup: func(t *testing.T, root string) []string {
			return []string{"simulate", "--out", "/proc/cohort", "--patients", "2", "--force"}
		}, status: exitOutput, want: `is under /proc`},
		{name: "demo into a user's folder", setup: func(t *testing.T, root string) []string {
			return []string{"demo", "--out", filepath.Join(root, "cohort"), "--patients", "5", "--quiet"}
		}, status: exitOutput, want: `--out .*/cohort holds 10 entries concord did not write`},
		{name: "demo into a file", setup: func(t *testing.T, root string) []string {
			return []string{"demo", "--out", filepath.Join(root, "cohort", "ref.fa"), "--patients", "5", "--quiet", "--force"}
		}, status: exitOutput, want: `ref\.fa is a file, not a folder`},
	})
}
