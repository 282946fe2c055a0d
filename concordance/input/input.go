// Package input recognises concord's input formats from their content and
// maps each to its reader.
//
// Sniff looks at the first bytes of a (decompressed) file, never at its
// name (which only labels errors). The rules, in order:
//
//   - gzip magic (1f 8b): Gzip, "decompress first" (internal/xio does it);
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
//     Chromosome, Start_Position and Reference_Allele → MAF;
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
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/cbioportal"
	"github.com/concord-oncology/concord/concordance/maf"
	"github.com/concord-oncology/concord/concordance/pcgr"
	"github.com/concord-oncology/concord/concordance/reporttable"
	"github.com/concord-oncology/concord/concordance/tso500"
	"github.com/concord-oncology/concord/concordance/vcf"
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
	return Unknown, fmt.Errorf("input: unknown format %q (want one of %s, or auto)", s, strings.Join(known, ", "))
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
	text := string(head)
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	if len(strings.TrimSpace(text)) == 0 {
		return Unknown, fmt.Errorf("%w: the file is empty", ErrUnknownFormat)
	}
	if strings.HasPrefix(lines[0], "##fileformat=VCF") {
		return sniffVCF(lines), nil
	}
	for i, l := range lines {
		if i > 40 {
			break
		}
		first, _, _ := strings.Cut(l, "\t")
		first = strings.TrimSpace(first)
		if i == 0 && strings.HasPrefix(first, "TruSight Oncology 500") ||
			len(first) > 2 && first[0] == '[' && first[len(first)-1] == ']' && !strings.Contains(first, ",") {
			return CVO, nil
		}
	}
	var header string
	for _, l := range lines {
		if !strings.HasPrefix(l, "#") && strings.TrimSpace(l) != "" {
			header = l
			break
		}
	}
	if f := sniffHeader(header); f != Unknown {
		return f, nil
	}
	return Unknown, fmt.Errorf("%w: first line %q is not a VCF, TSO500, MAF, cBioPortal, PCGR or report-table header", ErrUnknownFormat, clip(lines[0]))
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

func sniffVCF(lines []string) Format {
	has := func(prefix string) bool {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return true
			}
			if strings.HasPrefix(l, "#CHROM") {
				break
			}
		}
		return false
	}
	switch {
	case has("##INFO=<ID=ALTDEDUP,") || has("##INFO=<ID=REFDEDUP,"):
		return SpliceVCF
	case has("##FORMAT=<ID=FC,") && has("##INFO=<ID=ANT,"),
		has("##INFO=<ID=SEGID,"), has("##FORMAT=<ID=SM,"), has("##source=DRAGEN_CNV"), has("##source=Craft"):
		return CNVVCF
	}
	// No telling header: look at the records we have.
	records, cnv := 0, 0
	body := false
	for _, l := range lines {
		if strings.HasPrefix(l, "#CHROM") {
			body = true
			continue
		}
		f := strings.Split(l, "\t")
		if !body || len(f) < 8 {
			continue
		}
		records++
		alt := strings.ToUpper(f[4])
		if (alt == "<DUP>" || alt == "<DEL>" || alt == "<CNV>" || alt == ".") && strings.Contains(f[7], "SVTYPE=CNV") {
			cnv++
		}
	}
	if records > 0 && cnv == records {
		return CNVVCF
	}
	return VCF
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
	case all("Chromosome", "Start_Position", "Reference_Allele"):
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
