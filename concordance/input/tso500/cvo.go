package tso500

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
	"github.com/concord-oncology/concord/concordance/hgvs"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// CVO is a parsed CombinedVariantOutput.tsv.
type CVO struct {
	PairID, DNASampleID, RNASampleID string
	PipelineVersion                  string
	// Sections lists the section names in file order, known or not.
	Sections []string
	// Skipped lists sections concord does not read ([Exon-Level CNVs],
	// [Large Rearrangements], ...); their data rows are counted as
	// not_reportable.
	Skipped []string
	Data    *concordance.SampleData
}

// ReadCVO is the CallReader for CombinedVariantOutput.tsv.
func ReadCVO(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	c, err := ParseCVO(r, opt, led)
	if err != nil {
		return nil, err
	}
	return c.Data, nil
}

// section kinds
const (
	secKeyValue = iota
	secSmall
	secAmplifications
	secCNV
	secFusions
	secSplice
	secUnknown
)

var sectionKinds = map[string]int{
	"analysis details":          secKeyValue,
	"sequencing run details":    secKeyValue,
	"tmb":                       secKeyValue,
	"msi":                       secKeyValue,
	"small variants":            secSmall,
	"gene amplifications":       secAmplifications,
	"copy number variants":      secCNV, // DRAGEN TSO500 2.x
	"fusions":                   secFusions,
	"dna fusions":               secFusions,
	"rna fusions":               secFusions,
	"splice variants":           secSplice,
	"rna splice variants":       secSplice,
	"splice variants (rna)":     secSplice,
	"small variants (dna)":      secSmall,
	"gene amplifications (dna)": secAmplifications,
}

type cvoParser struct {
	opt  concordance.ReadOptions
	led  *concordance.Ledger
	out  *CVO
	seen map[string]bool

	name   string // current section name as written
	kind   int
	header table.Header
	width  int             // cells of the current section's header
	rows   int             // data rows in the current section
	keys   map[string]bool // Keys of the calls returned so far (add)
}

// ParseCVO reads a CVO: sections are recognised by name, never by
// position; rows are split on tabs and trailing empty cells (padding)
// dropped; a section ends at a blank or tab-only row or at the next
// [Section] line; an empty table is a header followed by one "NA" row.
func ParseCVO(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*CVO, error) {
	p := &cvoParser{opt: opt, led: led, seen: map[string]bool{}, keys: map[string]bool{}, kind: -1,
		out: &CVO{Data: &concordance.SampleData{Biomarkers: concordance.NoBiomarkers()}}}
	lines := table.NewLines(r)
	first := true
	for lines.Next() {
		raw := strings.Split(lines.Text, "\t")
		cells := table.TrimRight(raw)
		if first {
			if len(cells) == 0 {
				continue
			}
			first = false
			if !strings.HasPrefix(cells[0], "TruSight") && !isSection(cells) {
				return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("tso500: not a CombinedVariantOutput file: first line is %s (want \"TruSight Oncology 500 ...\" or a [Section])", concordance.Quote(lines.Text))}
			}
		}
		if err := p.line(cells, len(raw), lines.N); err != nil {
			return nil, &concordance.LineError{Line: lines.N, Err: err}
		}
	}
	if err := lines.Err(); err != nil {
		return nil, &concordance.LineError{Line: lines.N + 1, Err: fmt.Errorf("tso500: %w", err)}
	}
	if len(p.out.Sections) == 0 {
		return nil, &concordance.LineError{Line: lines.N, Err: errors.New("tso500: no [Section] in the CombinedVariantOutput file")}
	}
	p.end()
	return p.out, nil
}

func isSection(cells []string) bool {
	if len(cells) == 0 {
		return false
	}
	c := strings.TrimSpace(cells[0])
	return len(c) > 2 && c[0] == '[' && c[len(c)-1] == ']'
}

// line reads one line; raw is its number of cells before trailing empty
// ones were dropped.
func (p *cvoParser) line(cells []string, raw, n int) error {
	switch {
	case isSection(cells):
		p.end()
		name := strings.TrimSpace(cells[0])
		name = name[1 : len(name)-1]
		key := strings.ToLower(strings.TrimSpace(name))
		if p.seen[key] {
			return fmt.Errorf("tso500: section %s appears twice", concordance.Quote("["+name+"]"))
		}
		p.seen[key] = true
		p.out.Sections = append(p.out.Sections, name)
		p.name = name
		kind, ok := sectionKinds[key]
		if !ok {
			kind = secUnknown
			p.out.Skipped = append(p.out.Skipped, name)
		}
		p.kind, p.header, p.rows = kind, nil, 0
		return nil
	case len(cells) == 0 || table.Blank(strings.Join(cells, "")):
		p.end()
		return nil
	case p.kind < 0:
		return nil // the title lines before the first section
	case p.kind == secKeyValue:
		return p.keyValue(cells)
	case p.header == nil:
		p.header, p.width = table.NewHeader(cells), len(cells)
		return p.checkHeader()
	case p.rows == 0 && len(cells) == 1 && strings.TrimSpace(cells[0]) == "NA":
		p.rows = -1 // the "no rows" sentinel: not a record
		return nil
	case p.rows < 0:
		return fmt.Errorf("tso500: section [%s] has rows after its NA (empty table) row", p.name)
	case raw < p.width && p.kind != secUnknown:
		// Rows are padded with tabs, never cut: a row with fewer cells than
		// its header lost some (a truncated file, a lost tab).
		return fmt.Errorf("tso500: [%s] %w", p.name, table.ShortRow(raw, p.width))
	}
	p.rows++
	switch p.kind {
	case secSmall:
		return p.small(cells, n)
	case secAmplifications, secCNV:
		return p.cnv(cells, n)
	case secFusions:
		return p.fusion(cells, n)
	case secSplice:
		return p.splice(cells, n)
	default:
		p.count(concordance.ReasonNotReportable, "section ["+p.name+"] not read")
	}
	return nil
}

// end closes the current section: rows after a blank line belong to no
// section until the next [Section] line.
func (p *cvoParser) end() { p.kind, p.header, p.rows = -1, nil, 0 }

func (p *cvoParser) count(reason, detail string) {
	p.led.Add(p.opt.File, p.opt.Patient, p.opt.Side, reason, detail, 1)
}

var required = map[int][][]string{
	secSmall:          {{"Chromosome"}, {"Genomic Position"}, {"Reference Call"}, {"Alternative Call"}},
	secAmplifications: {{"Gene"}},
	secCNV:            {{"Gene"}},
	secFusions:        {{"Gene Pair"}},
	secSplice:         {{"Gene"}},
}

func (p *cvoParser) checkHeader() error {
	for _, names := range required[p.kind] {
		if p.header.Col(names...) < 0 {
			return fmt.Errorf("tso500: section [%s] has no %s column", p.name, concordance.Quote(names[0]))
		}
	}
	return nil
}

func (p *cvoParser) keyValue(cells []string) error {
	key := strings.TrimSpace(cells[0])
	val := ""
	if len(cells) > 1 {
		val = strings.TrimSpace(cells[1])
	}
	if table.Missing(val) {
		val = ""
	}
	b := &p.out.Data.Biomarkers
	switch strings.ToLower(key) {
	case "pair id":
		p.out.PairID = val
	case "dna sample id":
		p.out.DNASampleID = val
	case "rna sample id":
		p.out.RNASampleID = val
	case "pipeline version":
		p.out.PipelineVersion = val
	case "total tmb", "tmb":
		x, ok := table.Float(val)
		if !ok {
			return fmt.Errorf("tso500: [%s] %s is %s, not a number", p.name, key, concordance.Quote(val))
		}
		b.TMB = x
	case "percent unstable msi sites":
		x, ok := table.Float(val)
		if !ok {
			return fmt.Errorf("tso500: [%s] %s is %s, not a number", p.name, key, concordance.Quote(val))
		}
		b.MSIScore = x
	case "msi status", "msi call":
		b.MSIStatus = msiStatus(val)
	}
	return nil
}

// msiStatus folds the ways a status is written to MSI-H / MSS.
func msiStatus(s string) string {
	switch strings.ToUpper(strings.ReplaceAll(s, " ", "")) {
	case "MSI-H", "MSIH", "MSI-HIGH", "HIGH", "UNSTABLE", "MSI":
		return "MSI-H"
	case "MSS", "STABLE", "MSI-L", "MSIL", "MSI-LOW", "LOW":
		return "MSS"
	}
	return ""
}

func (p *cvoParser) cell(cells []string, names ...string) string {
	return table.Cell(cells, p.header.Col(names...))
}

func (p *cvoParser) src(n int) concordance.Source {
	return concordance.Source{File: p.opt.File, Line: n}
}

// add returns the call, or counts it as a duplicate of an earlier one (a
// set of keys: a linear scan made a file of many rows quadratic).
func (p *cvoParser) add(c concordance.Call) {
	k := c.Key()
	if p.keys[k] {
		p.count(concordance.ReasonDuplicate, "")
		return
	}
	p.keys[k] = true
	p.out.Data.Calls = append(p.out.Data.Calls, c) // counted by the caller
}

func (p *cvoParser) small(cells []string, n int) error {
	chrom := p.cell(cells, "Chromosome")
	posText := p.cell(cells, "Genomic Position")
	pos, ok := table.Int(posText)
	if !ok || pos <= 0 || chrom == "" {
		return fmt.Errorf("tso500: [Small Variants] position %s:%s is not a chromosome and a positive integer", concordance.Quote(chrom), concordance.Quote(posText))
	}
	ref := strings.ToUpper(p.cell(cells, "Reference Call"))
	alt := strings.ToUpper(p.cell(cells, "Alternative Call"))
	if !isDNA(ref) || !isDNA(alt) || ref == alt {
		return fmt.Errorf("tso500: [Small Variants] alleles %s>%s are not two different DNA strings", concordance.Quote(ref), concordance.Quote(alt))
	}
	v := concordance.Variant{Chrom: chrom, Pos: pos, Ref: ref, Alt: alt}
	gene := p.cell(cells, "Gene")
	a := concordance.Alteration{Class: v.SmallClass(), Gene: genes.Current(gene), Variant: v}
	if pd := p.cell(cells, "P-Dot Notation"); !table.Missing(pd) {
		a.Protein = pd
		if c, err := hgvs.Canonical(pd); err == nil {
			a.Protein = c
		}
	}
	c := concordance.NewCall(p.opt.Side, a, p.src(n))
	c.OrigPos, c.OrigRef, c.OrigAlt = pos, ref, alt
	af, ok := table.Fraction(p.cell(cells, "Allele Frequency"))
	if !ok {
		return fmt.Errorf("tso500: [Small Variants] %w", table.BadValue("Allele Frequency", p.cell(cells, "Allele Frequency"), table.WantPercent))
	}
	c.VAF = af
	if c.Depth, ok = table.Int(p.cell(cells, "Depth")); !ok {
		return fmt.Errorf("tso500: [Small Variants] %w", table.BadValue("Depth", p.cell(cells, "Depth"), table.WantCount))
	}
	if cd := p.cell(cells, "C-Dot Notation"); !table.Missing(cd) {
		c.Transcript, c.HGVSc, _ = strings.Cut(cd, ":")
		if c.HGVSc == "" {
			c.Transcript, c.HGVSc = "", cd
		}
	}
	c.Consequence = p.cell(cells, "Consequence(s)", "Consequence")
	c.Exon = p.cell(cells, "Affected Exon(s)", "Affected Exon", "Exon")
	p.add(c)
	return nil
}

func isDNA(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'A', 'C', 'G', 'T', 'N':
		default:
			return false
		}
	}
	return true
}

// cnv reads [Gene Amplifications] (gains only) and DRAGEN's [Copy Number
// Variants]. The direction comes from a type column when there is one
// (GAIN/AMPLIFICATION/DUP vs LOSS/DELETION/DEL), otherwise from the
// section: [Gene Amplifications] lists gains only; in [Copy Number
// Variants] a fold change above 1 is a gain and below 1 a loss.
func (p *cvoParser) cnv(cells []string, n int) error {
	gene := genes.Current(p.cell(cells, "Gene"))
	if gene == "" {
		return fmt.Errorf("tso500: [%s] row without a gene", p.name)
	}
	fc, ok := table.Float(p.cell(cells, "Fold Change", "FoldChange", "Copy Ratio"))
	if !ok {
		return fmt.Errorf("tso500: [%s] Fold Change %s is not a number", p.name, concordance.Quote(p.cell(cells, "Fold Change")))
	}
	class := concordance.Amplification
	typ := p.cell(cells, "Copy Number Variant", "CNV Type", "Type", "Call")
	switch {
	case typ != "":
		d, ok := cnvDirection(typ)
		if !ok {
			return fmt.Errorf("tso500: [%s] copy-number type %s is not a gain or a loss", p.name, concordance.Quote(typ))
		}
		if d == 0 {
			p.count(concordance.ReasonNotReportable, "copy-neutral")
			return nil
		}
		if d < 0 {
			class = concordance.Deletion
		}
	case p.kind == secCNV:
		if !concordance.Known(fc) || fc == 1 {
			return fmt.Errorf("tso500: [%s] row for %s has neither a type nor a fold change that says gain or loss", p.name, concordance.Quote(gene))
		}
		if fc < 1 {
			class = concordance.Deletion
		}
	}
	c := concordance.NewCall(p.opt.Side, concordance.Alteration{Class: class, Gene: gene}, p.src(n))
	c.FoldChange = fc
	p.add(c)
	return nil
}

// cnvDirection reads a copy-number type: +1 gain, -1 loss, 0 neutral.
func cnvDirection(s string) (int, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "GAIN", "AMPLIFICATION", "AMP", "DUP", "<DUP>", "AMPLIFIED":
		return 1, true
	case "LOSS", "DELETION", "DEL", "<DEL>", "DEEPDEL", "HOMDEL", "DELETED":
		return -1, true
	case "REF", "NEUTRAL", "NONE", "NA", "N/A":
		return 0, true
	}
	return 0, false
}

func (p *cvoParser) fusion(cells []string, n int) error {
	pair := p.cell(cells, "Gene Pair")
	a, b, err := genes.SplitPair(pair)
	if err != nil {
		return fmt.Errorf("tso500: [%s] %w", p.name, err)
	}
	c := concordance.NewCall(p.opt.Side, genes.Fusion(a, b, true), p.src(n)) // "Gene Pair" is written 5′-3′
	if c.AltReads, err = count(p.cell(cells, "Fusion Supporting Reads")); err != nil {
		return fmt.Errorf("tso500: [%s] Fusion Supporting Reads: %w", p.name, err)
	}
	p.add(c)
	return nil
}

func (p *cvoParser) splice(cells []string, n int) error {
	gene := genes.Current(p.cell(cells, "Gene"))
	if gene == "" {
		return fmt.Errorf("tso500: [%s] row without a gene", p.name)
	}
	exons := table.Exons(p.cell(cells, "Affected Exon", "Affected Exon(s)", "Exon"))
	c := concordance.NewCall(p.opt.Side, concordance.Alteration{Class: concordance.Splice, Gene: gene, Exons: exons}, p.src(n))
	var err error
	if c.AltReads, err = count(p.cell(cells, "Splice Supporting Reads")); err != nil {
		return fmt.Errorf("tso500: [%s] Splice Supporting Reads: %w", p.name, err)
	}
	refReads, err := count(p.cell(cells, "Reference Reads Transcript", "Reference Reads"))
	if err != nil {
		return fmt.Errorf("tso500: [%s] Reference Reads: %w", p.name, err)
	}
	if c.AltReads >= 0 && refReads >= 0 {
		c.Depth = c.AltReads + refReads
		if c.Depth > 0 {
			c.VAF = float64(c.AltReads) / float64(c.Depth)
		}
	}
	c.Exon = p.cell(cells, "Affected Exon", "Affected Exon(s)", "Exon")
	p.add(c)
	return nil
}

func count(s string) (int, error) {
	n, ok := table.Int(s)
	if !ok {
		return -1, fmt.Errorf("%s is not %s", concordance.Quote(s), table.WantCount)
	}
	return n, nil
}
