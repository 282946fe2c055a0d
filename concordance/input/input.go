// Package input recognises concord's input formats from their content and
// maps each to its reader. The readers are its subpackages, one per format
// (vcf, tso500, maf, cbioportal, reporttable, pcgr) and the sample sheet
// (sheet), each on io.Reader, returning LineErrors for bad input.
//
// Sniff looks at the first bytes of a (decompressed) file, never at its
// name (which only labels errors). The rules, in order:
//
//   - gzip magic (1f 8b): Gzip, "decompress first" (internal/infile does it);
//   - ##fileformat=VCF: a VCF. Its header then decides the kind: a CNV VCF
//     (CNVVCF) when it declares FORMAT FC with INFO ANT (Craft), or INFO
//     SEGID, FORMAT SM or ##source=DRAGEN_CNV (DRAGEN cnv.vcf), or when its
//     records in the sniffed bytes are all symbolic CNV records (ALT
//     <DUP>/<DEL>/<CNV>/. with SVTYPE=CNV); a SpliceGirl splice VCF
//     (SpliceVCF) when it declares INFO ALTDEDUP or REFDEDUP; otherwise a
//     small-variant VCF. A small-variant VCF header declares neither, so
//     the two cannot be confused by tag names alone;
//   - a first line starting "TruSight Oncology 500", or a [Section] line
//     such as [Analysis Details] or [Small Variants]: CVO;
//   - otherwise the first non-'#' line is read as a header row (tab or
//     comma separated, case-insensitive):
//     Caller/Gene A/Gene B or KeepFusion → AllFusions;
//     Gene1, Gene2 and Alt_Depth → CtDNAFusions;
//     Hugo_Symbol, Tumor_Sample_Barcode and Fusion → CBioFusions;
//     Sample_Id with Site1_Hugo_Symbol or Site2_Hugo_Symbol → CBioSV;
//     two or more of the columns only a MAF has (Start_Position,
//     End_Position, Reference_Allele, Tumor_Seq_Allele1, Tumor_Seq_Allele2,
//     Tumor_Sample_Barcode, Variant_Classification, Variant_Type) → MAF,
//     so that a MAF lacking a column it needs is read as a MAF and the
//     reader names the column (it was taken for a cBioPortal CNA matrix);
//     patient_id, sample, gene and alteration → ReportTable;
//     Samples, Gene and CNA → CBioCNA (long table);
//     Hugo_Symbol or Entrez_Gene_Id with other columns → CBioCNA (matrix);
//     FusionGene → PCGRFusions;
//     Chromosome, Start, End, nMajor, nMinor → PCGRCNA;
//     PATIENT_ID with SAMPLE_ID → CBioClinicalSample; PATIENT_ID alone →
//     CBioClinicalPatient (these are not call files).
//
// A file matching none of these is an error that says what was seen.
package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/cbioportal"
	"github.com/concord-oncology/concord/concordance/input/maf"
	"github.com/concord-oncology/concord/concordance/input/pcgr"
	"github.com/concord-oncology/concord/concordance/input/reporttable"
	"github.com/concord-oncology/concord/concordance/input/tso500"
	"github.com/concord-oncology/concord/concordance/input/vcf"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// Format is an input file format.
type Format uint8

const (
	Unknown      Format = iota
	Gzip                // compressed: decompress and sniff again
	VCF                 // small-variant VCF (any caller)
	CNVVCF              // Craft *_CopyNumberVariants.vcf or DRAGEN *.cnv.vcf
	SpliceVCF           // SpliceGirl *_SpliceVariants.vcf (recognised, not read)
	CVO                 // TSO500 CombinedVariantOutput.tsv
	AllFusions          // TSO500 RNA *_AllFusions.csv
	CtDNAFusions        // TSO500 ctDNA *_Fusions.csv
	MAF                 // MAF / cBioPortal data_mutations*.txt
	ReportTable         // the report-level alteration table
	CBioSV              // cBioPortal data_sv.txt
	CBioFusions         // cBioPortal data_fusions.txt (deprecated)
	CBioCNA             // cBioPortal CNA matrix or long CNA table
	CBioClinicalSample
	CBioClinicalPatient
	PCGRCNA     // PCGR CNA segment table
	PCGRFusions // PCGR fusion table
)

var names = [...]string{"unknown", "gzip", "vcf", "cnv-vcf", "splice-vcf", "cvo", "allfusions", "ctdna-fusions", "maf",
	"report", "cbioportal-sv", "cbioportal-fusions", "cbioportal-cna", "cbioportal-clinical-sample",
	"cbioportal-clinical-patient", "pcgr-cna", "pcgr-fusions"}

func (f Format) String() string {
	if int(f) < len(names) {
		return names[f]
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// Formats lists the formats a user may name in tissue_format/plasma_format.
func Formats() []Format {
	return []Format{VCF, CNVVCF, CVO, AllFusions, CtDNAFusions, MAF, ReportTable, CBioSV, CBioFusions, CBioCNA, PCGRCNA, PCGRFusions}
}

var aliases = map[string]Format{
	"vcf": VCF, "small-vcf": VCF,
	"cnv-vcf": CNVVCF, "cnv": CNVVCF, "craft": CNVVCF, "dragen-cnv": CNVVCF, "copynumbervariants": CNVVCF,
	"cvo": CVO, "tso500": CVO, "tso500-cvo": CVO, "combinedvariantoutput": CVO,
	"allfusions": AllFusions, "rna-fusions": AllFusions,
	"ctdna-fusions": CtDNAFusions, "fusions-csv": CtDNAFusions, "dna-fusions": CtDNAFusions,
	"maf": MAF, "cbioportal-mutations": MAF,
	"report": ReportTable, "report-table": ReportTable, "alterations": ReportTable,
	"cbioportal-sv": CBioSV, "sv": CBioSV,
	"cbioportal-fusions": CBioFusions,
	"cbioportal-cna":     CBioCNA, "cna": CBioCNA,
	"pcgr-cna": PCGRCNA, "pcgr-fusions": PCGRFusions,
}

// ParseFormat reads a format name as written in the sample sheet's
// tissue_format / plasma_format columns (case-insensitive; '_' and ' '
// count as '-'). "" and "auto" mean Unknown: sniff.
func ParseFormat(s string) (Format, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer("_", "-", " ", "-").Replace(k)
	if k == "" || k == "auto" {
		return Unknown, nil
	}
	if f, ok := aliases[k]; ok {
		return f, nil
	}
	var known []string
	for _, f := range Formats() {
		known = append(known, f.String())
	}
	return Unknown, fmt.Errorf("input: unknown format %s (want one of %s, or auto)", concordance.Quote(s), strings.Join(known, ", "))
}

// ErrUnknownFormat is wrapped by Sniff's errors.
var ErrUnknownFormat = errors.New("input: unrecognised file format")

// SniffBytes is how much of a file Sniff should be given: enough for a
// VCF header with its INFO/FORMAT lines and a few records.
const SniffBytes = 64 << 10

// Sniff recognises the format of a file from its first bytes (see the
// package documentation). name is used only in errors.
func Sniff(name string, head []byte) (Format, error) {
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return Gzip, nil
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(head)) == 0 {
		return Unknown, fmt.Errorf("%w: the file is empty", ErrUnknownFormat)
	}
	// Sniffing runs once per input file of a cohort, so it works on the
	// bytes line by line and stops as soon as it knows.
	first, _ := nextLine(head)
	if bytes.HasPrefix(first, []byte("##fileformat=VCF")) {
		return sniffVCF(head), nil
	}
	rest := head
	var header []byte
	for i := 0; len(rest) > 0; i++ {
		var l []byte
		l, rest = nextLine(rest)
		if i <= 40 {
			cell := l
			if k := bytes.IndexByte(cell, '\t'); k >= 0 {
				cell = cell[:k]
			}
			cell = bytes.TrimSpace(cell)
			if i == 0 && bytes.HasPrefix(cell, []byte("TruSight Oncology 500")) ||
				len(cell) > 2 && cell[0] == '[' && cell[len(cell)-1] == ']' && bytes.IndexByte(cell, ',') < 0 {
				return CVO, nil
			}
		}
		if header == nil && decides(l, false) {
			header = l
		}
		if header != nil && i > 40 {
			break
		}
	}
	if f := sniffHeader(string(header)); f != Unknown {
		return f, nil
	}
	return Unknown, fmt.Errorf("%w: first line %s is not a VCF, TSO500, MAF, cBioPortal, PCGR or report-table header", ErrUnknownFormat, concordance.QuoteBytes(first))
}

// decides reports whether a line of a head is the one Sniff decides on: a
// VCF's #CHROM line (the definitions that tell its kind come before it),
// else the header row, the first line that is a row (table.Skip: not a
// '#' comment, not blank; a fusion CSV's header comes after a long '#'
// preamble). ReadHead reads until it holds that line complete.
func decides(line []byte, vcf bool) bool {
	if vcf {
		return bytes.HasPrefix(line, []byte("#CHROM"))
	}
	return !table.Skip(line)
}

// ReadHead reads the start of a file for Sniff into buf: 4 KiB, or more
// (up to len(buf), SniffBytes at most being useful) until the head holds,
// complete, the line that settles the format (decides). Bytes read here go
// through the inflater's Read, which costs about twice what its WriteTo
// path does per byte (measured on the bench workload: 64 KiB heads were
// 29% of a cohort's CPU), so the head stays as short as sniffing allows.
// Replay the head before the rest of r when parsing.
func ReadHead(r io.Reader, buf []byte) ([]byte, error) {
	n := 0
	want := min(4096, len(buf))
	for {
		k, err := io.ReadFull(r, buf[n:want])
		n += k
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return buf[:n], nil
		}
		if err != nil {
			return buf[:n], err
		}
		if settled(buf[:n]) || want == len(buf) {
			return buf[:n], nil
		}
		want = min(2*want, len(buf))
	}
}

// settled reports whether head holds, complete, the line Sniff decides on.
func settled(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	vcf := bytes.HasPrefix(head, []byte("##fileformat=VCF"))
	for rest := head; ; {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return false // the last line is cut: it may be the one
		}
		line := bytes.TrimSuffix(rest[:i], []byte("\r"))
		rest = rest[i+1:]
		if decides(line, vcf) {
			return true
		}
	}
}

// nextLine splits off the first line (without its line ending).
func nextLine(b []byte) (line, rest []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		line, rest = b, nil
	} else {
		line, rest = b[:i], b[i+1:]
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, rest
}

// sniffVCF tells a CNV or splice VCF from a small-variant one: by its
// header's definitions, else by whether every record in view is a
// symbolic CNV record.
func sniffVCF(head []byte) Format {
	var fc, ant, splice, cnv bool
	rest := head
	for len(rest) > 0 {
		var l []byte
		l, rest = nextLine(rest)
		if decides(l, true) {
			break
		}
		switch {
		case bytes.HasPrefix(l, []byte("##INFO=<ID=ALTDEDUP,")), bytes.HasPrefix(l, []byte("##INFO=<ID=REFDEDUP,")):
			splice = true
		case bytes.HasPrefix(l, []byte("##FORMAT=<ID=FC,")):
			fc = true
		case bytes.HasPrefix(l, []byte("##INFO=<ID=ANT,")):
			ant = true
		case bytes.HasPrefix(l, []byte("##INFO=<ID=SEGID,")), bytes.HasPrefix(l, []byte("##FORMAT=<ID=SM,")),
			bytes.HasPrefix(l, []byte("##source=DRAGEN_CNV")), bytes.HasPrefix(l, []byte("##source=Craft")):
			cnv = true
		}
	}
	switch {
	case splice:
		return SpliceVCF
	case fc && ant, cnv:
		return CNVVCF
	}
	// No telling header: look at the records in view.
	records, cnvRecords := 0, 0
	for len(rest) > 0 && records < 200 {
		var l []byte
		l, rest = nextLine(rest)
		if len(rest) == 0 && len(head) == SniffBytes {
			break // possibly cut short
		}
		alt, info, ok := altInfo(l)
		if !ok {
			continue
		}
		records++
		switch string(bytes.ToUpper(alt)) {
		case "<DUP>", "<DEL>", "<CNV>", ".":
			if bytes.Contains(info, []byte("SVTYPE=CNV")) {
				cnvRecords++
			}
		}
		if cnvRecords < records {
			return VCF // one small variant decides it
		}
	}
	if records > 0 && cnvRecords == records {
		return CNVVCF
	}
	return VCF
}

// altInfo returns the ALT (5th) and INFO (8th) columns of a VCF line.
func altInfo(l []byte) (alt, info []byte, ok bool) {
	var f [8][]byte
	for i := 0; i < 8; i++ {
		k := bytes.IndexByte(l, '\t')
		if k < 0 {
			if i < 7 {
				return nil, nil, false
			}
			f[i] = l
			break
		}
		f[i], l = l[:k], l[k+1:]
	}
	return f[4], f[7], true
}

func sniffHeader(header string) Format {
	sep := "\t"
	if !strings.Contains(header, "\t") {
		sep = ","
	}
	cols := map[string]bool{}
	for _, c := range strings.Split(header, sep) {
		cols[strings.ToLower(strings.Trim(strings.TrimSpace(c), `"`))] = true
	}
	all := func(names ...string) bool {
		for _, n := range names {
			if !cols[strings.ToLower(n)] {
				return false
			}
		}
		return true
	}
	switch {
	case all("Gene A", "Gene B") && (cols["caller"] || cols["keepfusion"]):
		return AllFusions
	case all("Gene1", "Gene2", "Alt_Depth"):
		return CtDNAFusions
	case all("Hugo_Symbol", "Tumor_Sample_Barcode", "Fusion"):
		return CBioFusions
	case cols["sample_id"] && (cols["site1_hugo_symbol"] || cols["site2_hugo_symbol"]):
		return CBioSV
	case mafColumns(cols) >= 2:
		return MAF
	case (cols["patient_id"] || cols["patient"]) && cols["gene"] && cols["alteration"] && (cols["sample"] || cols["side"]):
		return ReportTable
	case all("Gene", "CNA") && (cols["samples"] || cols["sample_id"] || cols["sample"]):
		return CBioCNA
	case all("FusionGene"):
		return PCGRFusions
	case all("Chromosome", "Start", "End", "nMajor", "nMinor"):
		return PCGRCNA
	case all("PATIENT_ID", "SAMPLE_ID"):
		return CBioClinicalSample
	case all("PATIENT_ID"):
		return CBioClinicalPatient
	case (cols["hugo_symbol"] || cols["entrez_gene_id"]) && len(cols) > 1:
		return CBioCNA
	}
	return Unknown
}

// mafColumns counts the columns of a header that only a MAF has.
func mafColumns(cols map[string]bool) int {
	n := 0
	for _, c := range []string{"start_position", "end_position", "reference_allele", "tumor_seq_allele1", "tumor_seq_allele2",
		"tumor_sample_barcode", "variant_classification", "variant_type"} {
		if cols[c] {
			n++
		}
	}
	return n
}

// Reader returns the CallReader of a format, and false for formats that
// are not call files read on their own (Gzip, SpliceVCF, clinical files,
// PCGRCNA, which needs a gene locator: use pcgr.CNAReader).
//
// MAF, ReportTable and the cBioPortal data files hold many samples: their
// CallReaders read the whole file for one sample and count the others as
// other_sample. A pipeline that reads such a file for several patients
// must use the whole-file APIs (maf.ReadAll, reporttable.ReadAll,
// cbioportal.ReadSVAll, ...) once instead; MultiSample says which.
func Reader(f Format) (concordance.CallReader, bool) {
	switch f {
	case VCF:
		return vcf.ReadCalls, true
	case CNVVCF:
		return tso500.ReadCNVVCF, true
	case CVO:
		return tso500.ReadCVO, true
	case AllFusions:
		return tso500.ReadAllFusions, true
	case CtDNAFusions:
		return tso500.ReadCtDNAFusions, true
	case MAF:
		return maf.Read, true
	case ReportTable:
		return reporttable.Read, true
	case CBioSV:
		return cbioportal.ReadSV, true
	case CBioFusions:
		return cbioportal.ReadFusions, true
	case CBioCNA:
		return cbioportal.ReadCNA, true
	case PCGRFusions:
		return pcgr.ReadFusions, true
	}
	return nil, false
}

// MultiSample reports whether files of the format hold many samples.
func MultiSample(f Format) bool {
	switch f {
	case MAF, ReportTable, CBioSV, CBioFusions, CBioCNA:
		return true
	}
	return false
}
