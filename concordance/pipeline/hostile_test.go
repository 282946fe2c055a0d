package pipeline_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/internal/infile"
)

// vcfWith writes a one-sample VCF whose records carry the given SnpEff ANN
// gene names (one record each) and returns its path.
func vcfWith(t *testing.T, dir, name, header string, genes ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("##fileformat=VCFv4.2\n" + header +
		"##INFO=<ID=ANN,Number=.,Type=String,Description=\"SnpEff\">\n" +
		"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n")
	for i, g := range genes {
		b.WriteString("chr1\t" + string(rune('1'+i)) + "00\t.\tA\tT\t.\tPASS\tANN=T|missense_variant|MODERATE|" + g + "|id|transcript|NM_1|protein_coding|1/2|c.1A>T|p.K1N\tGT\t0/1\n")
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runErr(cfg pipeline.Config, p concordance.Patient) error {
	_, err := pipeline.Run(context.Background(), []concordance.Patient{p}, cfg)
	return err
}

// Text that would reach the outputs is checked where calls enter the
// analysis: not UTF-8 or a control character is an error at the record's
// file and line, whatever the reader (issue 10).
func TestCallText(t *testing.T) {
	dir := t.TempDir()
	good := vcfWith(t, dir, "ok.vcf", "", "EGFR")
	for _, tc := range []struct{ gene, want string }{
		{"BR\x00AF", `gene: "BR\x00AF" holds the control character U+0000`},
		{"M\xfcC", `gene: "M\xfcC" is not UTF-8 text`},
	} {
		bad := vcfWith(t, dir, "bad.vcf", "", "KRAS", tc.gene)
		err := runErr(pipeline.Config{}, patient("P1", good, "", bad, ""))
		var ie *concordance.InputError
		if !errors.As(err, &ie) || ie.File != bad || ie.Line != 5 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("err = %v, want %s:5 with %q", err, bad, tc.want)
		}
	}
}

// Caps on a call file: a line over --max-line-bytes and a gzip bomb are
// input errors at file:line naming the cap, in Run and in Check.
func TestCallFileCaps(t *testing.T) {
	dir := t.TempDir()
	good := vcfWith(t, dir, "ok.vcf", "", "EGFR")
	long := vcfWith(t, dir, "long.vcf", "##note="+strings.Repeat("x", 5000)+"\n", "KRAS")
	err := runErr(pipeline.Config{Limits: infile.Limits{MaxLine: 1000}}, patient("P1", good, "", long, ""))
	var ie *concordance.InputError
	var le *infile.LimitError
	if !errors.As(err, &ie) || ie.File != long || ie.Line != 2 || !errors.As(err, &le) || !le.Line || !strings.Contains(err.Error(), "1000 bytes") {
		t.Errorf("long line: err = %v, want %s:2 and the cap", err, long)
	}
	errs := pipeline.Check(context.Background(), []concordance.Patient{patient("P1", good, "", long, "")}, pipeline.Config{Limits: infile.Limits{MaxLine: 1000}})
	if len(errs) != 1 || !errors.As(errs[0], &le) {
		t.Errorf("Check: %v, want the line cap error", errs)
	}

	// A bomb: a VCF header, then 80 MiB of blank lines gzipped to under
	// 640 KiB (inflate cap: the 64 MiB floor).
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zw.Write([]byte("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n"))
	blank := bytes.Repeat([]byte("\n"), 1<<20)
	for i := 0; i < 80; i++ {
		zw.Write(blank)
	}
	zw.Close()
	bomb := filepath.Join(dir, "bomb.vcf.gz")
	os.WriteFile(bomb, z.Bytes(), 0o644)
	err = runErr(pipeline.Config{}, patient("P1", good, "", bomb, ""))
	if !errors.As(err, &ie) || ie.File != bomb || ie.Line < 2 || !errors.As(err, &le) || le.Line || !strings.Contains(err.Error(), "64 MiB") {
		t.Errorf("bomb: err = %v, want %s:LINE and the inflate cap", err, bomb)
	}
}

// Files that are not regular files are refused unread, in Run and Check.
func TestCallFileNotRegular(t *testing.T) {
	dir := t.TempDir()
	good := vcfWith(t, dir, "ok.vcf", "", "EGFR")
	fifo := filepath.Join(dir, "fifo.vcf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	for path, want := range map[string]string{fifo: "is a named pipe", "/dev/zero": "is a character device", dir: "is a directory"} {
		err := runErr(pipeline.Config{}, patient("P1", good, "", path, ""))
		if !concordance.IsInputError(err) || !strings.Contains(err.Error(), path+": "+want) {
			t.Errorf("%s: err = %v, want %q", path, err, want)
		}
		errs := pipeline.Check(context.Background(), []concordance.Patient{patient("P1", good, "", path, "")}, pipeline.Config{})
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), want) {
			t.Errorf("Check %s: %v", path, errs)
		}
	}
}

// A call file larger than what is read whole is streamed: same calls,
// same checksum of the bytes on disk.
func TestLargeCallFileStreamed(t *testing.T) {
	dir := t.TempDir()
	pad := strings.Repeat("##note="+strings.Repeat("y", 990)+"\n", 17<<10) // 17 MiB of header
	good := vcfWith(t, dir, "ok.vcf", "", "EGFR", "KRAS")
	for _, gz := range []bool{false, true} {
		big := vcfWith(t, dir, "big.vcf", pad, "EGFR", "KRAS")
		if gz {
			b, _ := os.ReadFile(big)
			var z bytes.Buffer
			zw := gzip.NewWriter(&z)
			zw.Write(b)
			zw.Close()
			big += ".gz"
			os.WriteFile(big, z.Bytes(), 0o644)
		}
		res := run(t, pipeline.Config{}, patient("P1", good, "", big, ""))
		pr := res.Patients[0]
		if pr.Counts.Shared != 2 || pr.Counts.Total() != 2 {
			t.Errorf("gzip=%v: counts %+v, want 2 shared", gz, pr.Counts)
		}
		b, _ := os.ReadFile(big)
		sum := sha256.Sum256(b)
		var in pipeline.Input
		for _, x := range res.Inputs() {
			if x.Path == big {
				in = x
			}
		}
		if in.SHA256 != hex.EncodeToString(sum[:]) || in.Bytes != int64(len(b)) {
			t.Errorf("gzip=%v: input %+v, want sha256 %x and %d bytes", gz, in, sum, len(b))
		}
	}
}

// A FILTER value is counted in the ledger, not returned as a call: it is
// checked as text too, as it reaches ledger.tsv.
func TestLedgerDetailText(t *testing.T) {
	dir := t.TempDir()
	good := vcfWith(t, dir, "ok.vcf", "", "EGFR")
	bad := vcfWith(t, dir, "bad.vcf", "", "EGFR")
	b, _ := os.ReadFile(bad)
	os.WriteFile(bad, bytes.Replace(b, []byte("\tPASS\t"), []byte("\tLow\xe9\t"), 1), 0o644)
	err := runErr(pipeline.Config{}, patient("P1", good, "", bad, ""))
	var ie *concordance.InputError
	if !errors.As(err, &ie) || ie.File != bad || !strings.Contains(err.Error(), `filtered record's detail (FILTER value or label): "Low\xe9" is not UTF-8 text`) {
		t.Errorf("err = %v", err)
	}
}
