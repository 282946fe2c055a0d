// Package maf reads Mutation Annotation Format files: GDC/TCGA MAFs,
// cBioPortal data_mutations*.txt and vcf2maf output (MAF 2.4, see
// https://docs.gdc.cancer.gov/Data/File_Formats/MAF_Format/ and
// https://docs.cbioportal.org/file-formats/#mutation-data), one row per
// variant per sample.
//
// Coordinates. MAF alleles carry no anchor base and write "-" for an empty
// allele. Calls keep that form (see concordance.Variant): a deletion
// (Reference_Allele T, Tumor_Seq_Allele2 -) at Start_Position S becomes Pos
// S, Ref "T", Alt ""; an insertion (- → CCTCTT) between Start_Position S and
// S+1 becomes Pos S+1, Ref "", Alt "CCTCTT", the base after the insertion
// point, as concordance.Variant.MatchKey expects. Some producers (PCGR's
// MAF) write VCF-style anchored alleles (TGTG → T); those are kept as
// written, and MatchKey strips the shared anchor.
//
// The tumour allele is Tumor_Seq_Allele2 unless it is empty, "-" while the
// reference is "-", equal to Reference_Allele or not a DNA string, in which
// case Tumor_Seq_Allele1 is used (cBioPortal's rule).
//
// Missing columns and short rows. A header without Chromosome,
// Start_Position, Reference_Allele or Tumor_Seq_Allele2 is an error naming
// what it lacks. Without Tumor_Sample_Barcode the file is one sample, read
// when the sheet names none (naming one is an error). A row with fewer
// fields than the header is an error at its line.
//
// Suspect files. A shared MAF whose columns are shifted against its header
// (FORMATS.md §5: an extra header column put Variant_Type values under
// Variant_Classification and rsIDs under Tumor_Seq_Allele2) must not be
// misread. Each row's contents are checked: alleles must be DNA or "-",
// Variant_Type must be a MAF type and Variant_Classification must not be
// one, and End_Position must fit the alleles. The first row that fails is
// reported as a suspect file (ErrSuspect) with its line.
//
// A MAF holds many samples. ReadAll reads the whole file once and groups
// calls by Tumor_Sample_Barcode; File.Use hands one sample's calls to the
// pipeline and counts its records in the ledger, and File.CountUnused counts
// the rows of samples nobody used as other_sample, so that every row is
// counted exactly once. Read is the single-sample CallReader.
//
// Mutation_Status "Germline" sets FlagGermlineCaller and GermlineStatus; the
// row is still returned (the germline exclusion is the classifier's).
package maf

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
	"github.com/concord-oncology/concord/concordance/hgvs"
	"github.com/concord-oncology/concord/concordance/internal/multisample"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// ErrSuspect marks a file whose cell contents do not fit its header.
var ErrSuspect = errors.New("maf: suspect file (cell contents do not fit the header; columns may be shifted)")

// Options for ReadAll.
type Options struct {
	File string // name for Source and messages
	// AllFilters keeps rows whose FILTER is not PASS.
	AllFilters bool
}

// Sample is one Tumor_Sample_Barcode's rows: its calls, the rows excluded
// (by reason), the row count and the genome build.
type Sample = multisample.Sample

// File is a whole MAF, read once. Use hands one sample's calls to a
// patient's side and counts its rows in the ledger the first time;
// CountUnused(patient, side, led) counts the rows of samples nobody used as
// other_sample; Lookup(id) finds a sample; Samples lists them in file order.
type File struct {
	multisample.Set
}

// Read is the single-sample CallReader: it reads the whole file, returns
// opt.SampleID's calls (the only sample's when SampleID is ""), and counts
// the other samples' rows as other_sample.
func Read(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	f, err := ReadAll(r, Options{File: opt.File, AllFilters: opt.AllFilters})
	if err != nil {
		return nil, err
	}
	sd, err := f.ReadOne(opt, led)
	if err != nil {
		return nil, fmt.Errorf("maf: %w (Tumor_Sample_Barcode)", err)
	}
	return sd, nil
}

var (
	dnaRe = regexp.MustCompile(`^[ACGTNacgtn]+$`)
	// Variant_Type values (MAF spec, plus "Consolidated" from GDC).
	variantTypes = map[string]bool{"SNP": true, "DNP": true, "TNP": true, "ONP": true, "INS": true, "DEL": true, "Consolidated": true}
)

type columns struct {
	gene, build, chrom, start, end, class, vtype, ref, alt1, alt2, sample int
	hgvsp, hgvspShort, protein, hgvsc, transcript, exon, consequence      int
	depth, refCount, altCount, filter, status                             int
}

func findColumns(h table.Header) columns {
	return columns{
		gene: h.Col("Hugo_Symbol"), build: h.Col("NCBI_Build"), chrom: h.Col("Chromosome"),
		start: h.Col("Start_Position", "Start_position"), end: h.Col("End_Position", "End_position"),
		class: h.Col("Variant_Classification"), vtype: h.Col("Variant_Type"),
		ref: h.Col("Reference_Allele"), alt1: h.Col("Tumor_Seq_Allele1"), alt2: h.Col("Tumor_Seq_Allele2"),
		sample:     h.Col("Tumor_Sample_Barcode"),
		hgvspShort: h.Col("HGVSp_Short"), hgvsp: h.Col("HGVSp"), protein: h.Col("Protein_Change", "Amino_Acid_Change", "AAChange"),
		hgvsc: h.Col("HGVSc"), transcript: h.Col("Transcript_ID", "Feature"), exon: h.Col("Exon_Number", "EXON"),
		consequence: h.Col("Consequence"),
		depth:       h.Col("t_depth"), refCount: h.Col("t_ref_count"), altCount: h.Col("t_alt_count"),
		filter: h.Col("FILTER"), status: h.Col("Mutation_Status"),
	}
}

// ReadAll reads a whole MAF.
func ReadAll(r io.Reader, opt Options) (*File, error) {
	f := &File{Set: multisample.Set{Name: opt.File}}
	lines := table.NewLines(r)
	var c columns
	header := false
	width := 0 // header cells
	for lines.NextRow() {
		t := lines.Text
		cells := strings.Split(t, "\t")
		if !header {
			header = true
			h := table.NewHeader(cells)
			c = findColumns(h)
			var missing []string
			// The columns of vcf2maf's "minimalist" MAF, less the barcode,
			// which a one-sample file may lack.
			for name, i := range map[string]int{"Chromosome": c.chrom, "Start_Position": c.start, "Reference_Allele": c.ref, "Tumor_Seq_Allele2": c.alt2} {
				if i < 0 {
					missing = append(missing, name)
				}
			}
			slices.Sort(missing) // the map above is in no order
			if len(missing) > 0 {
				return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("maf: header lacks %s (a MAF names each variant by Chromosome, Start_Position, Reference_Allele and Tumor_Seq_Allele2)", strings.Join(missing, ", "))}
			}
			if c.sample < 0 {
				// One sample: its rows are read when the sheet names none.
				f.NoIDColumn, f.HeaderLine = "Tumor_Sample_Barcode", lines.N
			}
			width = len(cells)
			continue
		}
		call, id, build, err := c.row(cells, lines.N, opt.File)
		if len(cells) < width && !errors.Is(err, ErrSuspect) {
			// A row cut short (a truncated file, a lost tab) is not a row of
			// empty cells; a shifted one is better said as such (ErrSuspect).
			err = fmt.Errorf("maf: %w", table.ShortRow(len(cells), width))
		}
		if err != nil {
			return nil, &concordance.LineError{Line: lines.N, Err: err}
		}
		s := f.Get(id)
		if build != "" && s.Build != "" && build != s.Build {
			return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("maf: sample %s has rows on %s and %s", concordance.Quote(id), s.Build, build)}
		}
		if s.Build == "" {
			s.Build = build
		}
		s.Add(call, opt.AllFilters)
	}
	if err := lines.Err(); err != nil {
		return nil, &concordance.LineError{Line: lines.N + 1, Err: fmt.Errorf("maf: %w", err)}
	}
	if !header {
		return nil, &concordance.LineError{Line: lines.N, Err: errors.New("maf: no header row (want Hugo_Symbol, Chromosome, Start_Position, ...)")}
	}
	return f, nil
}

// allele reads an allele cell: "" for "-" (or empty), ok=false when it is
// not DNA.
func allele(s string) (string, bool) {
	if s == "-" || s == "" {
		return "", true
	}
	if !dnaRe.MatchString(s) {
		return "", false
	}
	return strings.ToUpper(s), true
}

func suspect(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrSuspect, fmt.Sprintf(format, args...))
}

// row turns one data row into a call.
func (c *columns) row(cells []string, line int, file string) (concordance.Call, string, string, error) {
	cell := func(i int) string { return table.Cell(cells, i) }
	var zero concordance.Call
	if vc := cell(c.class); c.class >= 0 && variantTypes[vc] {
		return zero, "", "", suspect("Variant_Classification is %s, a Variant_Type value", concordance.Quote(vc))
	}
	vt := cell(c.vtype)
	if c.vtype >= 0 && vt != "" && !variantTypes[vt] {
		return zero, "", "", suspect("Variant_Type is %s (want SNP, DNP, TNP, ONP, INS or DEL)", concordance.Quote(vt))
	}
	ref, ok := allele(cell(c.ref))
	if !ok {
		return zero, "", "", suspect("Reference_Allele is %s, not DNA or -", concordance.Quote(cell(c.ref)))
	}
	a2, ok2 := allele(cell(c.alt2))
	a1, ok1 := allele(cell(c.alt1))
	if !ok2 {
		return zero, "", "", suspect("Tumor_Seq_Allele2 is %s, not DNA or -", concordance.Quote(cell(c.alt2)))
	}
	if c.alt1 >= 0 && !ok1 {
		return zero, "", "", suspect("Tumor_Seq_Allele1 is %s, not DNA or -", concordance.Quote(cell(c.alt1)))
	}
	alt := a2
	if alt == ref && c.alt1 >= 0 {
		alt = a1
	}
	if alt == ref {
		return zero, "", "", fmt.Errorf("maf: no tumour allele differs from Reference_Allele %s", concordance.Quote(cell(c.ref)))
	}
	chrom := cell(c.chrom)
	if chrom == "" {
		return zero, "", "", errors.New("maf: empty Chromosome")
	}
	start, ok := table.Int(cell(c.start))
	if !ok || start <= 0 {
		return zero, "", "", fmt.Errorf("maf: Start_Position %s is not a positive integer", concordance.Quote(cell(c.start)))
	}
	v := concordance.Variant{Chrom: chrom, Pos: start, Ref: ref, Alt: alt}
	span := len(ref) // reference bases the row covers
	if ref == "" {
		v.Pos = start + 1 // insertion: Start is the base before it
		span = 2
	}
	if c.end >= 0 && cell(c.end) != "" {
		end, ok := table.Int(cell(c.end))
		if !ok || end < start {
			return zero, "", "", suspect("End_Position %s does not fit Start_Position %d", concordance.Quote(cell(c.end)), start)
		}
		// Insertions: End = Start+1 by the spec; some producers write End = Start.
		if got := end - start + 1; got != span && !(ref == "" && got == 1) {
			return zero, "", "", suspect("End_Position %d spans %d bases but the allele %s covers %d", end, got, concordance.Quote(cell(c.ref)), span)
		}
	}
	gene := cell(c.gene)
	if table.Missing(gene) || gene == "Unknown" {
		gene = ""
	}
	a := concordance.Alteration{Class: v.SmallClass(), Gene: genes.Current(gene), Variant: v}
	a.Protein = protein(cell(c.hgvspShort), cell(c.hgvsp), cell(c.protein))
	call := concordance.NewCall(concordance.Tissue, a, concordance.Source{File: file, Line: line})
	call.OrigPos, call.OrigRef, call.OrigAlt = start, cell(c.ref), cell(c.alt2)
	if err := c.counts(&call, cell); err != nil {
		return zero, "", "", err
	}
	if f := cell(c.filter); f != "" && f != "." && f != "PASS" {
		call.Filter = f
	}
	if st := cell(c.status); st != "" {
		call.GermlineStatus = st
		if strings.EqualFold(st, "Germline") {
			call.Flags |= concordance.FlagGermlineCaller
		}
	}
	call.Consequence = cell(c.consequence)
	if call.Consequence == "" {
		call.Consequence = cell(c.class)
	}
	call.Exon, call.HGVSc, call.Transcript = cell(c.exon), cell(c.hgvsc), cell(c.transcript)
	id := cell(c.sample)
	if c.sample >= 0 && id == "" {
		return zero, "", "", errors.New("maf: empty Tumor_Sample_Barcode (every row names its sample)")
	}
	return call, id, concordance.CanonicalBuild(cell(c.build)), nil
}

// counts fills depth, alt reads and VAF from t_depth, t_ref_count and
// t_alt_count (any may be missing: ".", "NA", empty). Alt reads above the
// depth are an error: vcf2maf, which writes most MAFs, resets t_depth to the
// sum of the allele depths whenever they exceed it.
func (c *columns) counts(call *concordance.Call, cell func(int) string) error {
	depth, ok1 := table.Int(cell(c.depth))
	refN, ok2 := table.Int(cell(c.refCount))
	altN, ok3 := table.Int(cell(c.altCount))
	for _, f := range []struct {
		name string
		col  int
		ok   bool
	}{{"t_depth", c.depth, ok1}, {"t_ref_count", c.refCount, ok2}, {"t_alt_count", c.altCount, ok3}} {
		if !f.ok {
			return fmt.Errorf("maf: %w", table.BadValue(f.name, cell(f.col), table.WantCount))
		}
	}
	if err := table.CheckReads("t_alt_count", altN, "t_depth", depth); err != nil {
		return fmt.Errorf("maf: %w", err)
	}
	call.AltReads = altN
	call.Depth = depth
	if depth < 0 && refN >= 0 && altN >= 0 {
		call.Depth = refN + altN
	}
	switch {
	case refN >= 0 && altN >= 0 && refN+altN > 0:
		call.VAF = float64(altN) / float64(refN+altN)
	case altN >= 0 && depth > 0:
		call.VAF = float64(altN) / float64(depth)
	}
	return nil
}

// protein picks the protein change: HGVSp_Short, else HGVSp, else a
// cBioPortal Protein_Change, in canonical form; text the hgvs package
// cannot read is kept as written (it still matches identical text).
func protein(cands ...string) string {
	for _, p := range cands {
		if table.Missing(p) {
			continue
		}
		if c, err := hgvs.Canonical(p); err == nil {
			return c
		}
		return p
	}
	return ""
}
