package cbioportal

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
	"github.com/concord-oncology/concord/concordance/internal/multisample"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// Calls is one data file of a study (structural variants, fusions, copy
// number) read once, with its rows grouped by sample id.
type Calls struct {
	multisample.Set
}

// rows reads a tab-separated table with an optional '#' preamble and calls
// row for each data line.
func rows(r io.Reader, what string, need [][]string, row func(h table.Header, header, cells []string, line int) error) error {
	lines := table.NewLines(r)
	var h table.Header
	var header []string
	for lines.NextRow() {
		cells := strings.Split(lines.Text, "\t")
		if h == nil {
			h, header = table.NewHeader(cells), cells
			for _, names := range need {
				if h.Col(names...) < 0 {
					return &concordance.LineError{Line: lines.N, Err: fmt.Errorf("cbioportal: %s header has no %s column", what, strings.Join(names, " or "))}
				}
			}
			continue
		}
		if len(cells) < len(header) {
			// cBioPortal's own validator wants one field per column
			// ("Expected %d columns based on header"); a row cut short is not
			// a row of empty cells.
			return &concordance.LineError{Line: lines.N, Err: fmt.Errorf("cbioportal: %s: %w", what, table.ShortRow(len(cells), len(header)))}
		}
		if err := row(h, header, cells, lines.N); err != nil {
			return &concordance.LineError{Line: lines.N, Err: err}
		}
	}
	if err := lines.Err(); err != nil {
		return &concordance.LineError{Line: lines.N + 1, Err: fmt.Errorf("cbioportal: %w", err)}
	}
	if h == nil {
		return &concordance.LineError{Line: lines.N, Err: fmt.Errorf("cbioportal: %s has no header row", what)}
	}
	return nil
}

func src(file string, line int) concordance.Source { return concordance.Source{File: file, Line: line} }

// ReadSVAll reads a data_sv.txt (structural variants, the current fusion
// format). A row with two different genes is a fusion of the pair; a row
// with one gene (one-sided or intergenic event) or the same gene twice
// (intragenic rearrangement) is a fusion of that gene alone, matched at
// gene level; a row with no gene is counted as not_reportable. SV_Status
// GERMLINE sets FlagGermlineCaller.
func ReadSVAll(r io.Reader, file string) (*Calls, error) {
	c := &Calls{Set: multisample.Set{Name: file}}
	err := rows(r, "data_sv.txt", [][]string{{"Sample_Id"}}, func(h table.Header, _, cells []string, line int) error {
		cell := func(n ...string) string { return table.Cell(cells, h.Col(n...)) }
		if h.Col("Site1_Hugo_Symbol") < 0 && h.Col("Site2_Hugo_Symbol") < 0 {
			return errors.New("cbioportal: data_sv.txt needs Site1_Hugo_Symbol or Site2_Hugo_Symbol")
		}
		id := cell("Sample_Id")
		if id == "" {
			return errors.New("cbioportal: empty Sample_Id")
		}
		s := c.Get(id)
		g1, g2 := symbol(cell("Site1_Hugo_Symbol")), symbol(cell("Site2_Hugo_Symbol"))
		if g1 == "" && g2 == "" {
			s.Exclude(concordance.ReasonNotReportable, "no gene at either site")
			return nil
		}
		call := concordance.NewCall(concordance.Tissue, fusionOf(g1, g2), src(file, line))
		if st := cell("SV_Status"); st != "" {
			call.GermlineStatus = st
			if strings.EqualFold(st, "GERMLINE") {
				call.Flags |= concordance.FlagGermlineCaller
			}
		}
		if n, ok := table.Int(cell("Tumor_Variant_Count", "Tumor_Split_Read_Count")); ok {
			call.AltReads = n
		} else {
			return fmt.Errorf("cbioportal: %w", table.BadValue("Tumor_Variant_Count", cell("Tumor_Variant_Count", "Tumor_Split_Read_Count"), table.WantCount))
		}
		if b := concordance.CanonicalBuild(cell("NCBI_Build")); b == "GRCh37" || b == "GRCh38" {
			if s.Build != "" && s.Build != b {
				return fmt.Errorf("cbioportal: sample %s has rows on %s and %s", concordance.Quote(id), s.Build, b)
			}
			s.Build = b
		}
		s.Add(call, true)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func symbol(s string) string {
	if table.Missing(s) {
		return ""
	}
	return genes.Current(strings.TrimSpace(s))
}

// fusionOf builds the fusion alteration of two sites' genes.
func fusionOf(g1, g2 string) concordance.Alteration {
	if g1 == "" || g2 == "" || g1 == g2 {
		g := g1
		if g == "" {
			g = g2
		}
		return concordance.Alteration{Class: concordance.Fusion, Gene: g}
	}
	// Site1 and Site2 are the "first" and "second" sites, not 5′ and 3′.
	return genes.Fusion(genes.Side{g1}, genes.Side{g2}, false)
}

// ReadFusionsAll reads the deprecated data_fusions.txt: one row per
// partner gene (Hugo_Symbol) with the pair in free text ("TMPRSS2-ERG
// fusion"), so a fusion usually appears twice; the second row is counted
// as a duplicate. Text naming no pair ("ALK-intragenic", "ALK fusion")
// gives a gene-level fusion of Hugo_Symbol.
func ReadFusionsAll(r io.Reader, file string) (*Calls, error) {
	c := &Calls{Set: multisample.Set{Name: file}}
	err := rows(r, "data_fusions.txt", [][]string{{"Hugo_Symbol"}, {"Tumor_Sample_Barcode"}, {"Fusion"}}, func(h table.Header, _, cells []string, line int) error {
		cell := func(n string) string { return table.Cell(cells, h.Col(n)) }
		id := cell("Tumor_Sample_Barcode")
		if id == "" {
			return errors.New("cbioportal: empty Tumor_Sample_Barcode")
		}
		gene := symbol(cell("Hugo_Symbol"))
		text := strings.TrimSpace(cell("Fusion"))
		for _, w := range []string{" fusion", " Fusion", " FUSION"} {
			text = strings.TrimSuffix(text, w)
		}
		a := concordance.Alteration{Class: concordance.Fusion, Gene: gene}
		if x, y, err := genes.SplitPair(text); err == nil && !strings.Contains(strings.ToLower(text), "intragenic") {
			a = genes.Fusion(x, y, true) // "TMPRSS2-ERG fusion" is written 5′-3′
		}
		if a.Gene == "" {
			c.Get(id).Exclude(concordance.ReasonNotReportable, "no gene")
			return nil
		}
		c.Get(id).Add(concordance.NewCall(concordance.Tissue, a, src(file, line)), true)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ReadCNAAll reads copy number in either of two shapes, told apart by the
// header:
//
//   - the discrete matrix data_cna.txt: Hugo_Symbol and/or Entrez_Gene_Id,
//     then one column per sample, values -2 (deep deletion), -1 (shallow
//     loss), 0, 1 (gain), 2 (amplification), blank or NA (not profiled).
//     Each cell is a record: ±2 are calls; ±1 are counted as not_reportable
//     "shallow" (cBioPortal shows only ±2 as amplification/deep deletion);
//     0 and NA are counted as not_reportable "neutral" and "not profiled";
//   - the long table seen in the wild: Samples (or Sample_Id), Gene, CNA
//     (AMP, Amplification, Gain, DeepDel, HOMDEL, ShallowDel, Loss, ...).
func ReadCNAAll(r io.Reader, file string) (*Calls, error) {
	c := &Calls{Set: multisample.Set{Name: file}}
	var samples []string // matrix: sample of each column, "" for gene columns
	long := false
	err := rows(r, "CNA file", nil, func(h table.Header, header, cells []string, line int) error {
		if samples == nil && !long {
			if h.Col("CNA") >= 0 && h.Col("Gene", "Hugo_Symbol") >= 0 && h.Col("Samples", "Sample_Id", "Sample") >= 0 {
				long = true
			} else if h.Col("Hugo_Symbol", "Entrez_Gene_Id") < 0 {
				return errors.New("cbioportal: CNA file header has neither Hugo_Symbol/Entrez_Gene_Id (matrix) nor Samples, Gene, CNA (long table)")
			} else {
				samples = make([]string, len(header))
				for i, name := range header {
					switch strings.ToLower(strings.TrimSpace(name)) {
					case "hugo_symbol", "entrez_gene_id", "cytoband", "":
					default:
						samples[i] = strings.TrimSpace(name)
					}
				}
			}
		}
		if long {
			return c.cnaLong(h, cells, line)
		}
		return c.cnaMatrix(h, samples, cells, line)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Calls) cnaLong(h table.Header, cells []string, line int) error {
	cell := func(n ...string) string { return table.Cell(cells, h.Col(n...)) }
	id := cell("Samples", "Sample_Id", "Sample")
	gene := symbol(cell("Gene", "Hugo_Symbol"))
	if id == "" || gene == "" {
		return errors.New("cbioportal: CNA row without sample or gene")
	}
	s := c.Get(id)
	v := cell("CNA")
	var class concordance.Class
	switch strings.ToUpper(strings.ReplaceAll(v, " ", "")) {
	case "AMP", "AMPLIFICATION", "HIGHLEVELAMPLIFICATION", "2":
		class = concordance.Amplification
	case "DEEPDEL", "HOMDEL", "DEEPDELETION", "HOMOZYGOUSDELETION", "-2":
		class = concordance.Deletion
	case "GAIN", "SHALLOWDEL", "HETLOSS", "LOSS", "1", "-1":
		s.Exclude(concordance.ReasonNotReportable, "shallow")
		return nil
	default:
		return fmt.Errorf("cbioportal: CNA value %s is not AMP, DeepDel, Gain or ShallowDel", concordance.Quote(v))
	}
	s.Add(concordance.NewCall(concordance.Tissue, concordance.Alteration{Class: class, Gene: gene}, src(c.Name, line)), true)
	return nil
}

func (c *Calls) cnaMatrix(h table.Header, samples []string, cells []string, line int) error {
	// Column names as written: the header map folds case, so find them again.
	gene := symbol(table.Cell(cells, h.Col("Hugo_Symbol")))
	if gene == "" {
		gene = symbol(table.Cell(cells, h.Col("Entrez_Gene_Id")))
	}
	if gene == "" {
		return errors.New("cbioportal: CNA matrix row without a gene")
	}
	for i, id := range samples {
		if id == "" {
			continue
		}
		s := c.Get(id)
		v := table.Cell(cells, i)
		x, ok := table.Float(v)
		switch {
		case !ok || !math.IsNaN(x) && x != math.Trunc(x) || x < -2 || x > 2:
			return fmt.Errorf("cbioportal: CNA value %s for sample %s is not a discrete copy-number call (-2..2)", concordance.Quote(v), id)
		case math.IsNaN(x):
			s.Exclude(concordance.ReasonNotReportable, "not profiled")
		case x == 2:
			s.Add(concordance.NewCall(concordance.Tissue, concordance.Alteration{Class: concordance.Amplification, Gene: gene}, src(c.Name, line)), true)
		case x == -2:
			s.Add(concordance.NewCall(concordance.Tissue, concordance.Alteration{Class: concordance.Deletion, Gene: gene}, src(c.Name, line)), true)
		case x == 0:
			s.Exclude(concordance.ReasonNotReportable, "neutral")
		default:
			s.Exclude(concordance.ReasonNotReportable, "shallow")
		}
	}
	return nil
}

// Log2CNA is a continuous copy-number matrix (cBioPortal's LOG2-VALUE
// data_log2_cna.txt): log2 copy ratios by sample and gene.
type Log2CNA map[string]map[string]float64

// ReadLog2CNA reads a log2 copy-ratio matrix: Hugo_Symbol and/or
// Entrez_Gene_Id, then one column per sample; blank or NA is not
// profiled. A value that is no number, or beyond ±20 (a copy ratio of a
// million), is an error. The matrix annotates the discrete calls' fold
// change (FoldChange = 2^log2); its cells are no calls of their own.
func ReadLog2CNA(r io.Reader, file string) (Log2CNA, error) {
	m := Log2CNA{}
	var samples []string
	err := rows(r, "log2 CNA file", [][]string{{"Hugo_Symbol", "Entrez_Gene_Id"}}, func(h table.Header, header, cells []string, line int) error {
		if samples == nil {
			samples = make([]string, len(header))
			for i, name := range header {
				switch strings.ToLower(strings.TrimSpace(name)) {
				case "hugo_symbol", "entrez_gene_id", "cytoband", "":
				default:
					samples[i] = strings.TrimSpace(name)
				}
			}
		}
		gene := symbol(table.Cell(cells, h.Col("Hugo_Symbol")))
		if gene == "" {
			gene = symbol(table.Cell(cells, h.Col("Entrez_Gene_Id")))
		}
		if gene == "" {
			return errors.New("cbioportal: log2 CNA row without a gene")
		}
		for i, id := range samples {
			if id == "" {
				continue
			}
			v := table.Cell(cells, i)
			x, ok := table.Float(v)
			switch {
			case !ok || x < -20 || x > 20:
				return fmt.Errorf("cbioportal: %w", table.BadValue("log2 copy ratio of sample "+id, v, "a log2 copy ratio from -20 to 20"))
			case math.IsNaN(x):
				continue
			}
			if m[id] == nil {
				m[id] = map[string]float64{}
			}
			m[id][gene] = x
		}
		return nil
	})
	return m, err
}

// Annotate gives the copy-number calls of a set the fold change the matrix
// holds for their sample and gene (2^log2).
func (m Log2CNA) Annotate(s *multisample.Set) {
	for _, smp := range s.Samples {
		for i := range smp.Calls {
			c := &smp.Calls[i]
			if x, ok := m[smp.ID][c.Gene]; ok && (c.Class == concordance.Amplification || c.Class == concordance.Deletion) {
				c.FoldChange = math.Exp2(x)
			}
		}
	}
}

func one(read func(io.Reader, string) (*Calls, error)) concordance.CallReader {
	return func(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
		c, err := read(r, opt.File)
		if err != nil {
			return nil, err
		}
		sd, err := c.ReadOne(opt, led)
		if err != nil {
			return nil, fmt.Errorf("cbioportal: %w", err)
		}
		return sd, nil
	}
}

// Single-sample CallReaders of the data files: opt.SampleID selects the
// sample (the only one when ""); the other samples' rows are counted as
// other_sample.
var (
	ReadSV      = one(ReadSVAll)
	ReadFusions = one(ReadFusionsAll)
	ReadCNA     = one(ReadCNAAll)
)
