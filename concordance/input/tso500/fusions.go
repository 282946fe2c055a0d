package tso500

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// fusionReader holds what the two fusion CSV readers share: the header, the
// pairs already returned, the ledger.
type fusionReader struct {
	opt    concordance.ReadOptions
	led    *concordance.Ledger
	data   *concordance.SampleData
	header table.Header
	width  int // header cells
	seen   map[string]bool
}

func newFusionReader(opt concordance.ReadOptions, led *concordance.Ledger) *fusionReader {
	return &fusionReader{opt: opt, led: led, seen: map[string]bool{},
		data: &concordance.SampleData{Biomarkers: concordance.NoBiomarkers()}}
}

func (f *fusionReader) count(reason, detail string) {
	f.led.Add(f.opt.File, f.opt.Patient, f.opt.Side, reason, detail, 1)
}

// keep returns a call unless it is filtered or repeats a pair already read.
func (f *fusionReader) keep(c concordance.Call) {
	switch {
	case c.Filter != "PASS" && !f.opt.AllFilters:
		f.count(concordance.ReasonFiltered, c.Filter)
	case f.seen[c.Key()]:
		// Both reciprocal breakends (ctDNA) or several callers (RNA) report
		// the same unordered pair: keep it once.
		f.count(concordance.ReasonDuplicate, "")
	default:
		f.seen[c.Key()] = true
		f.data.Calls = append(f.data.Calls, c) // counted by the caller
	}
}

func (f *fusionReader) cell(rec []string, names ...string) string {
	return table.Cell(rec, f.header.Col(names...))
}

// read runs row over every data record after the header.
func (f *fusionReader) read(r io.Reader, what string, need []string, row func(rec []string, line int) error) (*concordance.SampleData, error) {
	c := table.NewCSV(r)
	for c.Next() {
		if table.Blank(strings.Join(c.Record, "")) {
			continue
		}
		if f.header == nil {
			f.header, f.width = table.NewHeader(c.Record), len(c.Record)
			for _, n := range need {
				if f.header.Col(n) < 0 {
					return nil, &concordance.LineError{Line: c.Line, Err: fmt.Errorf("tso500: %s header has no %s column", what, concordance.Quote(n))}
				}
			}
			continue
		}
		if len(c.Record) < f.width {
			// A row cut short is not a row of empty cells (issue 10: it
			// was counted as not_reportable).
			return nil, &concordance.LineError{Line: c.Line, Err: fmt.Errorf("tso500: %s: %w", what, table.ShortRow(len(c.Record), f.width))}
		}
		if err := row(c.Record, c.Line); err != nil {
			return nil, &concordance.LineError{Line: c.Line, Err: err}
		}
	}
	if err := c.Err(); err != nil {
		return nil, &concordance.LineError{Line: c.Line, Err: fmt.Errorf("tso500: %s: %w", what, err)}
	}
	if f.header == nil {
		return nil, &concordance.LineError{Line: c.Line, Err: fmt.Errorf("tso500: %s has no header row", what)}
	}
	return f.data, nil
}

// ReadAllFusions reads an RNA *_AllFusions.csv (Local App FusionProcessor
// or DRAGEN). Rows with KeepFusion=False are counted as not_reportable;
// Illumina reports only KeepFusion=True rows (those in the CVO [Fusions]).
// A reported row counts as passing whatever its Filter list says, since
// KeepFusion already applied Illumina's filters.
func ReadAllFusions(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	f := newFusionReader(opt, led)
	return f.read(r, "AllFusions.csv", []string{"Gene A", "Gene B"}, func(rec []string, line int) error {
		a, b := genes.ParseSide(f.cell(rec, "Gene A")), genes.ParseSide(f.cell(rec, "Gene B"))
		if len(a) == 0 || len(b) == 0 {
			return fmt.Errorf("tso500: AllFusions.csv row without Gene A or Gene B")
		}
		keepCol := f.header.Col("KeepFusion")
		keep := strings.ToLower(table.Cell(rec, keepCol))
		if keepCol >= 0 && keep != "true" && keep != "false" {
			return fmt.Errorf("tso500: KeepFusion is %s (want True or False)", concordance.Quote(table.Cell(rec, keepCol)))
		}
		// Gene A is the 5′ partner when the caller knows the direction
		// (FusionProcessor's "Fusion Directionality Known" column).
		oriented := strings.EqualFold(f.cell(rec, "Fusion Directionality Known"), "true")
		c := concordance.NewCall(opt.Side, genes.Fusion(a, b, oriented), concordance.Source{File: opt.File, Line: line})
		// Supporting reads: the unique (deduplicated) split and pair reads
		// when the row gives them (what a report's "unique reads" rule
		// counts), else all of them.
		for _, cols := range [][2]string{{"Alt Split Dedup", "Alt Pair Dedup"}, {"Alt Split", "Alt Pair"}} {
			split, err1 := count(f.cell(rec, cols[0]))
			pair, err2 := count(f.cell(rec, cols[1]))
			if err := errors.Join(err1, err2); err != nil {
				return fmt.Errorf("tso500: %s/%s: %w", cols[0], cols[1], err)
			}
			if split >= 0 || pair >= 0 {
				c.AltReads = max(split, 0) + max(pair, 0)
				break
			}
		}
		if keepCol < 0 {
			// No KeepFusion column: fall back on the Filter list.
			c.Filter = passList(f.cell(rec, "Filter"))
		} else if keep == "false" {
			f.count(concordance.ReasonNotReportable, "KeepFusion=False")
			return nil
		}
		f.keep(c)
		return nil
	})
}

// passList turns a ';' FILTER list into "PASS" when PASS is one of its
// items, else returns it as written.
func passList(s string) string {
	for _, it := range strings.Split(s, ";") {
		if strings.EqualFold(strings.TrimSpace(it), "PASS") {
			return "PASS"
		}
	}
	if table.Missing(s) {
		return "PASS"
	}
	return s
}

// nonGene is what DNAFusionFilter writes for a breakend outside any gene.
const nonGene = "NonGene"

// ReadCtDNAFusions reads a TSO500 ctDNA *_Fusions.csv (DNAFusionFilter,
// v1 with 17 columns or v2 with 18). A breakend with Gene2 (or Gene1)
// "NonGene" gives a gene-level fusion of the other gene; a row with no gene
// on either side is counted as not_reportable.
func ReadCtDNAFusions(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	f := newFusionReader(opt, led)
	return f.read(r, "Fusions.csv", []string{"Gene1", "Gene2"}, func(rec []string, line int) error {
		g1, g2 := f.cell(rec, "Gene1"), f.cell(rec, "Gene2")
		if g1 == nonGene || table.Missing(g1) {
			g1 = ""
		}
		if g2 == nonGene || table.Missing(g2) {
			g2 = ""
		}
		a, b := genes.ParseSide(g1), genes.ParseSide(g2)
		if len(a) == 0 && len(b) == 0 {
			f.count(concordance.ReasonNotReportable, "no gene at either breakend")
			return nil
		}
		// DNA breakends carry no transcript direction, and both reciprocal
		// records are listed: the pair is unoriented.
		c := concordance.NewCall(opt.Side, genes.Fusion(a, b, false), concordance.Source{File: opt.File, Line: line})
		var ok bool
		if c.AltReads, ok = table.Int(f.cell(rec, "Alt_Depth")); !ok {
			return fmt.Errorf("tso500: %w", table.BadValue("Alt_Depth", f.cell(rec, "Alt_Depth"), table.WantCount))
		}
		if c.Depth, ok = table.Int(f.cell(rec, "Total_Depth")); !ok {
			return fmt.Errorf("tso500: %w", table.BadValue("Total_Depth", f.cell(rec, "Total_Depth"), table.WantCount))
		}
		// The file's own preamble: "#VAF: Alt_Depth / Total_Depth".
		if err := table.CheckReads("Alt_Depth", c.AltReads, "Total_Depth", c.Depth); err != nil {
			return fmt.Errorf("tso500: %w", err)
		}
		if c.VAF, ok = table.Fraction(f.cell(rec, "VAF")); !ok {
			return fmt.Errorf("tso500: %w", table.BadValue("VAF", f.cell(rec, "VAF"), table.WantPercent))
		}
		if fl := f.cell(rec, "Filter"); !table.Missing(fl) && fl != "PASS" {
			c.Filter = fl
		}
		f.keep(c)
		return nil
	})
}
