package normalize

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

func TestBases(t *testing.T) {
	// 23 bases over lines of 10: line breaks at 10 and 20.
	seq := "ACGTacgtNR" + "YKMSWBDHVa" + "CGT"
	for _, width := range []int{10, 7, 23, 1} {
		f := memFASTA(t, width, [2]string{"chr1", seq}, [2]string{"chr2", "GATTACA"})
		tests := []struct {
			chrom      string
			start, end int
			want       string
		}{
			{"chr1", 1, 4, "ACGT"},
			{"chr1", 5, 8, "ACGT"},    // soft-masked: upper-cased
			{"chr1", 9, 12, "NNNN"},   // N and IUPAC codes: N
			{"chr1", 8, 13, "TNNNNN"}, // across a line break
			{"chr1", 1, 23, "ACGTACGT" + "NN" + "NNNNNNNNN" + "A" + "CGT"},
			{"chr1", 20, 23, "ACGT"}, // last line, short
			{"chr1", 23, 23, "T"},
			{"chr1", 5, 4, ""}, // empty range
			{"chr2", 1, 7, "GATTACA"},
			{"2", 3, 4, "TT"}, // resolved name
		}
		for _, tt := range tests {
			got, err := f.Bases(tt.chrom, tt.start, tt.end)
			if err != nil {
				t.Errorf("width %d: Bases(%s, %d, %d): %v", width, tt.chrom, tt.start, tt.end, err)
				continue
			}
			if string(got) != tt.want {
				t.Errorf("width %d: Bases(%s, %d, %d) = %q, want %q", width, tt.chrom, tt.start, tt.end, got, tt.want)
			}
		}
	}
}

func TestBasesErrors(t *testing.T) {
	f := memFASTA(t, 10, [2]string{"chr1", "ACGTACGTAC"})
	tests := []struct {
		chrom      string
		start, end int
		want       error
	}{
		{"chr9", 1, 1, ErrUnknownContig},
		{"chr1", 0, 1, ErrOutOfRange},
		{"chr1", 5, 11, ErrOutOfRange},
		{"chr1", 11, 11, ErrOutOfRange},
		{"chr1", 5, 3, ErrOutOfRange},
	}
	for _, tt := range tests {
		if _, err := f.Bases(tt.chrom, tt.start, tt.end); !errors.Is(err, tt.want) {
			t.Errorf("Bases(%s, %d, %d) error %v, want %v", tt.chrom, tt.start, tt.end, err, tt.want)
		}
	}
}

// A FASTA with Windows line ends has a .fai with two bytes of terminator
// a line (samtools faidx writes line_blen+2).
func TestCRLF(t *testing.T) {
	fa := ">c\r\nACGTA\r\nCCGGT\r\nTT\r\n"
	fai := "c\t12\t4\t5\t7\n"
	f, err := NewFASTA(strings.NewReader(fa), strings.NewReader(fai))
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.Bases("c", 4, 12)
	if err != nil || string(got) != "TACCGGTTT" {
		t.Errorf("Bases = %q, %v; want TACCGGTTT", got, err)
	}
}

func TestNewFASTAErrors(t *testing.T) {
	// Bytes 0-2 ">c\n", then ACGTA at 3-7, '\n' at 8, CCGGT at 9-13, '\n'
	// at 14: samtools faidx writes "c\t10\t3\t5\t6".
	fa := ">c\nACGTA\nCCGGT\n"
	tests := []struct {
		name, fa, fai string
		line          int    // the .fai line named (0: none)
		want          string // in the message
	}{
		{"empty index", fa, "", 0, "no sequences"},
		{"non-numeric length", fa, "c\tx\t3\t5\t6\n", 0, ""},
		{"too few columns", fa, "c\t10\t3\t5\n", 0, ""},
		{"zero bases a line", fa, "c\t10\t3\t0\t1\n", 1, "impossible line geometry"},
		{"bytes shorter than bases", fa, "c\t10\t3\t5\t4\n", 1, "impossible line geometry"},
		{"negative length", fa, "c\t-1\t3\t5\t6\n", 1, "negative length"},
		{"beyond the file (stale index)", fa, "c\t100\t3\t5\t6\n", 1, "ends at byte"},
		{"duplicate contig", fa, "c\t10\t3\t5\t6\nc\t10\t3\t5\t6\n", 0, ""},
		// The layout checks (checkLayout), each against the same FASTA.
		{"offset inside the header", fa, "c\t10\t2\t5\t6\n", 1, "not the start of a line"},
		{"offset a line late", fa, "c\t5\t9\t5\t6\n", 1, "the line before its sequence is \"ACGTA\""},
		{"line width short", fa, "c\t10\t3\t4\t5\n", 1, `the FASTA has "A" there`},
		{"line width long", fa, "c\t10\t3\t6\t7\n", 1, `byte "\n" at offset 8 inside its first line`},
		{"length short", fa, "c\t7\t3\t5\t6\n", 1, "goes on after base 7"},
		{"another contig's name", ">d\nACGTA\nCCGGT\n", "c\t10\t3\t5\t6\n", 1, `is ">d", not its header ">c"`},
		{"CRLF FASTA, LF index", ">c\r\nACGTA\r\nCCGGT\r\n", "c\t10\t4\t5\t6\n", 1, "lines end in CRLF but the index counts one byte"},
		{"CRLF FASTA, LF index from the header on", ">c\r\nACGTA\r\nCCGGT\r\n", "c\t10\t3\t5\t6\n", 1, "lines end in CRLF but the index counts one byte"},
		{"LF FASTA, CRLF index", fa, "c\t10\t3\t5\t7\n", 1, "lines end in LF but the index counts two bytes"},
		{"second contig wrong", fa + ">e\nTTTT\n", "c\t10\t3\t5\t6\ne\t4\t17\t4\t5\n", 2, `contig "e": its sequence should start at byte 17`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewFASTA(strings.NewReader(tt.fa), strings.NewReader(tt.fai))
			if !errors.Is(err, ErrBadIndex) {
				t.Fatalf("error %v, want ErrBadIndex", err)
			}
			msg := err.Error()
			var le *concordance.LineError
			if errors.As(err, &le) {
				msg = le.Err.Error()
			}
			if le == nil && tt.line != 0 || le != nil && le.Line != tt.line {
				t.Errorf("error %v: want it on .fai line %d", err, tt.line)
			}
			if !strings.HasPrefix(msg, "normalize: ") {
				t.Errorf("error %q lacks the normalize: prefix", msg)
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not say %q", msg, tt.want)
			}
		})
	}
	// The index samtools writes for each of those FASTAs is accepted.
	for _, ok := range [][2]string{{fa, "c\t10\t3\t5\t6\n"}, {">c\r\nACGTA\r\nCCGGT\r\n", "c\t10\t4\t5\t7\n"},
		{fa + ">e\nTTTT\n", "c\t10\t3\t5\t6\ne\t4\t18\t4\t5\n"}, {">c desc\nACG", "c\t3\t8\t3\t4\n"}} {
		if _, err := NewFASTA(strings.NewReader(ok[0]), strings.NewReader(ok[1])); err != nil {
			t.Errorf("FASTA %q with index %q: %v", ok[0], ok[1], err)
		}
	}
}

func TestCompressedFASTA(t *testing.T) {
	bgzf := "\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\xff\x06\x00BC\x02\x00"
	_, err := NewFASTA(strings.NewReader(bgzf), strings.NewReader("c\t10\t3\t5\t6\n"))
	if !errors.Is(err, ErrBadIndex) || !strings.Contains(err.Error(), "compressed") {
		t.Errorf("error %v, want ErrBadIndex saying the FASTA is compressed", err)
	}
}

// An index that points into the header line of another file is caught
// when the FASTA is opened, and, when the file's size is unknown (so not
// checked then), on the first lookup that reads a non-sequence byte.
func TestIndexFromAnotherFile(t *testing.T) {
	fa := ">c a long description\nACGTA\n"
	fai := "c\t5\t1\t5\t6\n" // offset 1 is inside the header
	if _, err := NewFASTA(strings.NewReader(fa), strings.NewReader(fai)); !errors.Is(err, ErrBadIndex) {
		t.Errorf("NewFASTA error %v, want ErrBadIndex", err)
	}
	f, err := NewFASTA(onlyReaderAt{bytes.NewReader([]byte(fa))}, strings.NewReader(fai))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Bases("c", 1, 5); !errors.Is(err, ErrBadIndex) {
		t.Errorf("error %v, want ErrBadIndex", err)
	}
	n := Normalizer{Ref: f}
	if _, err := n.Normalize(concordance.Variant{Chrom: "c", Pos: 2, Ref: "A", Alt: "G"}); !errors.Is(err, ErrBadIndex) {
		t.Errorf("Normalize error %v, want ErrBadIndex", err)
	}
}

func TestResolve(t *testing.T) {
	hg := memFASTA(t, 60, [2]string{"chr1", "ACGT"}, [2]string{"chrX", "ACGT"}, [2]string{"chrM", "ACGT"})
	b37 := memFASTA(t, 60, [2]string{"1", "ACGT"}, [2]string{"X", "ACGT"}, [2]string{"MT", "ACGT"})
	both := memFASTA(t, 60, [2]string{"chr1", "ACGT"}, [2]string{"1", "ACGT"})
	tests := []struct {
		f      *FASTA
		in     string
		want   string
		wantOK bool
	}{
		{hg, "chr1", "chr1", true},
		{hg, "1", "chr1", true},
		{hg, "CHR1", "chr1", true},
		{hg, "MT", "chrM", true},
		{hg, "chrMT", "chrM", true},
		{hg, "x", "chrX", true},
		{hg, "2", "", false},
		{b37, "chr1", "1", true},
		{b37, "chrM", "MT", true},
		{b37, "chrX", "X", true},
		{both, "chr1", "chr1", true}, // exact names still resolve
		{both, "1", "1", true},
		{both, "CHR1", "", false}, // ambiguous alias
	}
	for _, tt := range tests {
		got, ok := tt.f.Resolve(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
	if got := hg.Names(); strings.Join(got, ",") != "chr1,chrX,chrM" {
		t.Errorf("Names = %v, want .fai order chr1,chrX,chrM", got)
	}
	if n, ok := b37.Length("chrX"); n != 4 || !ok {
		t.Errorf("Length(chrX) = %d, %v; want 4, true", n, ok)
	}
}

// fakeLengths builds a FASTA with the given contig lengths without holding
// their sequence: the index is all that CheckContigs reads.
func fakeLengths(t *testing.T, contigs ...[2]any) *FASTA {
	t.Helper()
	var fai bytes.Buffer
	for _, c := range contigs {
		fai.WriteString(c[0].(string) + "\t" + strconv.Itoa(c[1].(int)) + "\t0\t60\t61\n")
	}
	f, err := NewFASTA(onlyReaderAt{bytes.NewReader(nil)}, &fai) // size unknown: no bound check
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCheckContigs(t *testing.T) {
	// Chromosome lengths from the UCSC hg19 / GRCh37 and hg38 / GRCh38
	// assemblies (chr1 249250621 and 248956422; chrM 16571 in hg19, MT
	// 16569 in GRCh37, the rCRS).
	hg19 := fakeLengths(t, [2]any{"chr1", 249250621}, [2]any{"chr2", 243199373}, [2]any{"chrM", 16571})
	tests := []struct {
		name     string
		declared map[string]int
		want     *BuildMismatchError
	}{
		{"same build, other naming", map[string]int{"1": 249250621, "2": 243199373}, nil},
		{"contigs the reference lacks are not errors", map[string]int{"chr1": 249250621, "chrUn_x": 5}, nil},
		{"unknown lengths are skipped", map[string]int{"chr1": 0}, nil},
		{"GRCh38 header", map[string]int{"chr1": 248956422, "chr2": 242193529},
			&BuildMismatchError{Contig: "chr1", RefContig: "chr1", DeclaredLength: 248956422, ReferenceLength: 249250621,
				DeclaredBuild: "GRCh38", ReferenceBuild: "GRCh37", Others: 1}},
		{"GRCh37 MT against hg19 chrM", map[string]int{"1": 249250621, "MT": 16569},
			&BuildMismatchError{Contig: "MT", RefContig: "chrM", DeclaredLength: 16569, ReferenceLength: 16571,
				DeclaredBuild: "GRCh37", ReferenceBuild: "GRCh37"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := hg19.CheckContigs(tt.declared)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				return
			}
			var bm *BuildMismatchError
			if !errors.As(err, &bm) {
				t.Fatalf("error %v, want a *BuildMismatchError", err)
			}
			if *bm != *tt.want {
				t.Errorf("got %+v\nwant %+v", *bm, *tt.want)
			}
			msg := err.Error()
			for _, part := range []string{"normalize: ", tt.want.Contig, strconv.Itoa(tt.want.DeclaredLength), strconv.Itoa(tt.want.ReferenceLength)} {
				if !strings.Contains(msg, part) {
					t.Errorf("message %q does not name %q", msg, part)
				}
			}
		})
	}
	if got := hg19.Build(); got != "GRCh37" {
		t.Errorf("Build = %q, want GRCh37", got)
	}
}

// Many goroutines share one FASTA and one Normalizer (run with -race).
func TestConcurrentUse(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ref := openFASTA(t, "testdata/bcftools-random/random.fa", backend)
			n := &Normalizer{Ref: ref}
			recs := readTestVCF(t, "testdata/bcftools-random/random.vcf")
			type result struct {
				v   concordance.Variant
				err string
			}
			serial := make([]result, 0, len(recs))
			var vs []concordance.Variant
			for _, r := range recs {
				vs = append(vs, Split(r.record())...)
			}
			for _, v := range vs {
				w, err := n.Normalize(v)
				serial = append(serial, result{w, errString(err)})
			}
			var wg sync.WaitGroup
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					for k := range vs {
						i := (k + g*97) % len(vs)
						w, err := n.Normalize(vs[i])
						if got := (result{w, errString(err)}); got != serial[i] {
							t.Errorf("goroutine %d, %v: %v, serial %v", g, vs[i], got, serial[i])
							return
						}
					}
				}(g)
			}
			wg.Wait()
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
