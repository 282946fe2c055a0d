package pipeline_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/internal/infile"
	"github.com/concord-oncology/concord/internal/mmapfile"
)

var reasons = map[string]bool{
	concordance.ReasonUsed: true, concordance.ReasonFiltered: true, concordance.ReasonGermline: true,
	concordance.ReasonReferenceBlock: true, concordance.ReasonSymbolic: true, concordance.ReasonNotInSample: true,
	concordance.ReasonMNVComponent: true, concordance.ReasonDuplicate: true, concordance.ReasonNotVariant: true,
	concordance.ReasonNotReportable: true, concordance.ReasonOtherSample: true, concordance.ReasonSampleFailed: true,
}

// vcfDataLines counts a VCF's records the way the format defines them,
// independently of the reader: lines that are neither empty nor '#'.
func vcfDataLines(b []byte) int64 {
	var d infile.Decompressor
	r, _, err := d.OpenBytes(b)
	if err != nil {
		return -1
	}
	text, _ := io.ReadAll(r)
	var n int64
	for _, l := range bytes.Split(text, []byte("\n")) {
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(l) > 0 && l[0] != '#' {
			n++
		}
	}
	return n
}

// FuzzPipeline feeds any bytes as patient P1's plasma call file (whatever
// format they sniff as) through the whole per-patient pipeline, with the
// test cohort's reference and P1's tissue VCF. Whatever the bytes:
//
//   - an error is an input error (never a bug), and Check agrees with Run;
//   - otherwise the ledger accounts for every record: the tissue VCF's and,
//     when the bytes are a VCF, theirs, each equal to the file's count of
//     data lines; entries have known reasons and positive counts;
//   - and every alteration's text can reach the outputs.
func FuzzPipeline(f *testing.F) {
	const cohort = "../../testdata/cohort/"
	for _, g := range []string{cohort + "P*", "../input/tso500/testdata/*", "../input/maf/testdata/*.maf", "../input/maf/testdata/*.tsv",
		"../input/reporttable/testdata/*", "../input/pcgr/testdata/*.tsv", "../input/cbioportal/testdata/study/data_*", "../input/vcf/testdata/*"} {
		paths, _ := filepath.Glob(g)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil && len(b) < 256<<10 {
				f.Add(b)
			}
		}
	}
	m, err := mmapfile.Open(cohort + "ref.fa")
	if err != nil {
		f.Fatal(err)
	}
	fai, _ := os.ReadFile(cohort + "ref.fa.fai")
	ref, err := normalize.NewFASTA(m, bytes.NewReader(fai))
	if err != nil {
		f.Fatal(err)
	}
	tissue, _ := filepath.Abs(cohort + "P1_T.vcf.gz")
	tb, _ := os.ReadFile(tissue)
	tissueRecords := vcfDataLines(tb)
	cfg := pipeline.Config{Threads: 1, Reference: ref, FilteredSites: true}
	// One file rewritten for every input: executions in a fuzzing process
	// run one at a time, and a folder per execution halved throughput.
	dir := f.TempDir()
	plasma := filepath.Join(dir, "plasma")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(plasma, data, 0o644); err != nil {
			t.Fatal(err)
		}
		p := patient("P1", tissue, "P1_T", plasma, "P1_P")
		res, err := pipeline.Run(context.Background(), []concordance.Patient{p}, cfg)
		checked := pipeline.Check(context.Background(), []concordance.Patient{p}, cfg)
		if err != nil {
			if !concordance.IsInputError(err) {
				t.Fatalf("not an input error: %v", err)
			}
			if len(checked) == 0 {
				t.Fatalf("Run fails (%v) but Check does not", err)
			}
			return
		}
		if len(checked) != 0 {
			t.Fatalf("Check fails (%v) but Run does not", checked)
		}
		perFile := map[string]int64{}
		for _, e := range res.Ledger().Entries() {
			if e.Records <= 0 || !reasons[e.Reason] {
				t.Fatalf("ledger entry %+v", e)
			}
			perFile[e.File] += e.Records
		}
		if perFile[tissue] != tissueRecords {
			t.Fatalf("tissue file: %d records in the ledger, %d in the file", perFile[tissue], tissueRecords)
		}
		for _, in := range res.Inputs() {
			if in.Path == plasma && in.Format == "vcf" {
				if want := vcfDataLines(data); perFile[plasma] != want {
					t.Fatalf("plasma VCF: %d records in the ledger, %d data lines in the file", perFile[plasma], want)
				}
			}
		}
		for _, pr := range res.Patients {
			for _, r := range pr.Rows {
				for _, s := range []string{r.Gene, r.Protein, r.Partner, r.Exons, r.Chrom, r.Ref, r.Alt} {
					if err := concordance.CheckText(s); err != nil {
						t.Fatalf("row text: %v", err)
					}
				}
			}
		}
	})
}
