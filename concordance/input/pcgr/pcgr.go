// Package pcgr reads the copy-number and fusion tables of the Personal
// Cancer Genome Reporter (PCGR, sigven/pcgr; https://sigven.github.io/pcgr/,
// input formats of PCGR 2.x):
//
//   - the CNA segment table: Chromosome, Start, End, nMajor, nMinor
//     (allele-specific integer copy number of each segment, 1-based
//     inclusive coordinates). A segment is an amplification when its total
//     copy number nMajor+nMinor is at least AmpMinCopies (PCGR's default
//     for --n_copy_gain is 6) and a homozygous deletion when it is 0; other
//     segments are copy-neutral or shallow changes and are counted as
//     not_reportable. Segments carry no gene names, so calls need a
//     GeneLocator (for example the panel BED's named targets): every gene
//     overlapping an altered segment is called; an altered segment that
//     overlaps no known gene is counted as not_reportable "no gene";
//   - the fusion table: FusionGene ("EML4--ALK", the STAR-Fusion/Arriba
//     separator), LeftBreakpoint, RightBreakpoint ("chrom:pos"),
//     SplitReads.
package pcgr

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// AmpMinCopies is the total copy number from which a segment is an
// amplification (PCGR's default n_copy_gain).
const AmpMinCopies = 6

// GeneLocator names the genes overlapping a 1-based inclusive interval.
type GeneLocator interface {
	GenesIn(chrom string, start, end int) []string
}

// Interval is a named gene interval (1-based, inclusive).
type Interval struct {
	Chrom      string
	Start, End int
	Gene       string
}

// Intervals is a GeneLocator over a list of gene intervals. Contig names
// compare by concordance.ContigKey (chr1 with 1, chrM with MT).
type Intervals []Interval

// GenesIn lists the genes overlapping chrom:start-end, sorted and unique.
func (iv Intervals) GenesIn(chrom string, start, end int) []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range iv {
		if concordance.ContigKey(g.Chrom) == concordance.ContigKey(chrom) && g.Start <= end && g.End >= start && !seen[g.Gene] {
			seen[g.Gene] = true
			out = append(out, g.Gene)
		}
	}
	sort.Strings(out)
	return out
}

// Segment is one row of the CNA table.
type Segment struct {
	Line         int
	Chrom        string
	Start, End   int
	Major, Minor int
}

// Total is the segment's total copy number.
func (s Segment) Total() int { return s.Major + s.Minor }

// Class is the segment's call: Amplification, Deletion (homozygous) or
// ClassUnknown for copy-neutral and shallow segments.
func (s Segment) Class() concordance.Class {
	switch t := s.Total(); {
	case t >= AmpMinCopies:
		return concordance.Amplification
	case t == 0:
		return concordance.Deletion
	}
	return concordance.ClassUnknown
}

// ReadSegments reads the CNA segment table.
func ReadSegments(r io.Reader) ([]Segment, error) {
	lines := table.NewLines(r)
	var h table.Header
	var out []Segment
	width := 0
	for lines.NextRow() {
		cells := strings.Split(lines.Text, "\t")
		if h == nil {
			h, width = table.NewHeader(cells), len(cells)
			for _, n := range []string{"Chromosome", "Start", "End", "nMajor", "nMinor"} {
				if h.Col(n) < 0 {
					return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("pcgr: CNA header has no %s column (want Chromosome, Start, End, nMajor, nMinor)", n)}
				}
			}
			continue
		}
		if len(cells) < width {
			return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("pcgr: CNA table: %w", table.ShortRow(len(cells), width))}
		}
		s := Segment{Line: lines.N, Chrom: table.Cell(cells, h.Col("Chromosome"))}
		var err error
		for _, f := range []struct {
			name string
			dst  *int
		}{{"Start", &s.Start}, {"End", &s.End}, {"nMajor", &s.Major}, {"nMinor", &s.Minor}} {
			v := table.Cell(cells, h.Col(f.name))
			if *f.dst, err = strconv.Atoi(v); err != nil || *f.dst < 0 {
				return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("pcgr: %s %s is not a non-negative integer", f.name, concordance.Quote(v))}
			}
		}
		if s.Chrom == "" || s.Start == 0 || s.End < s.Start {
			return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("pcgr: segment %s:%d-%d is not a 1-based interval", concordance.Quote(s.Chrom), s.Start, s.End)}
		}
		out = append(out, s)
	}
	if err := lines.Err(); err != nil {
		return nil, &concordance.LineError{Line: lines.N + 1, Err: fmt.Errorf("pcgr: %w", err)}
	}
	if h == nil {
		return nil, &concordance.LineError{Line: lines.N, Err: errors.New("pcgr: CNA table has no header row")}
	}
	return out, nil
}

// CNAReader returns the CallReader of the CNA table for a gene locator.
func CNAReader(loc GeneLocator) concordance.CallReader {
	return func(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
		segs, err := ReadSegments(r)
		if err != nil {
			return nil, err
		}
		if loc == nil {
			return nil, errors.New("pcgr: CNA segments name no genes; give a gene locator (e.g. the panel BED with gene names)")
		}
		sd := &concordance.SampleData{Biomarkers: concordance.NoBiomarkers()}
		count := func(reason, detail string) { led.Add(opt.File, opt.Patient, opt.Side, reason, detail, 1) }
		seen := map[string]bool{}
		for _, s := range segs {
			class := s.Class()
			if class == concordance.ClassUnknown {
				count(concordance.ReasonNotReportable, "copy-neutral or shallow")
				continue
			}
			gs := loc.GenesIn(s.Chrom, s.Start, s.End)
			if len(gs) == 0 {
				count(concordance.ReasonNotReportable, "no gene")
				continue
			}
			kept := false
			for _, g := range gs {
				c := concordance.NewCall(opt.Side, concordance.Alteration{Class: class, Gene: genes.Current(g)}, concordance.Source{File: opt.File, Line: s.Line})
				c.CopyNumber = float64(s.Total())
				if !seen[c.Key()] {
					seen[c.Key()] = true
					sd.Calls = append(sd.Calls, c)
					kept = true
				}
			}
			if !kept { // a row that gave calls is counted by the caller, as used or not
				count(concordance.ReasonDuplicate, "")
			}
		}
		return sd, nil
	}
}

// ReadFusions reads the PCGR fusion table.
func ReadFusions(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	lines := table.NewLines(r)
	var h table.Header
	width := 0
	sd := &concordance.SampleData{Biomarkers: concordance.NoBiomarkers()}
	seen := map[string]bool{}
	count := func(reason string) { led.Add(opt.File, opt.Patient, opt.Side, reason, "", 1) }
	for lines.NextRow() {
		cells := strings.Split(lines.Text, "\t")
		if h == nil {
			if h, width = table.NewHeader(cells), len(cells); h.Col("FusionGene") < 0 {
				return nil, &concordance.LineError{Line: lines.N, Err: errors.New("pcgr: fusion header has no FusionGene column")}
			}
			continue
		}
		if len(cells) < width {
			return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("pcgr: fusion table: %w", table.ShortRow(len(cells), width))}
		}
		a, b, err := genes.SplitPair(table.Cell(cells, h.Col("FusionGene")))
		if err != nil {
			return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("pcgr: %w", err)}
		}
		c := concordance.NewCall(opt.Side, genes.Fusion(a, b, true), concordance.Source{File: opt.File, Line: lines.N})
		n, ok := table.Int(table.Cell(cells, h.Col("SplitReads")))
		if !ok {
			return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("pcgr: %w", table.BadValue("SplitReads", table.Cell(cells, h.Col("SplitReads")), table.WantCount))}
		}
		c.AltReads = n
		if seen[c.Key()] {
			count(concordance.ReasonDuplicate)
			continue
		}
		seen[c.Key()] = true
		sd.Calls = append(sd.Calls, c)
	}
	if err := lines.Err(); err != nil {
		return nil, &concordance.LineError{Line: lines.N + 1, Err: fmt.Errorf("pcgr: %w", err)}
	}
	if h == nil {
		return nil, &concordance.LineError{Line: lines.N, Err: errors.New("pcgr: fusion table has no header row")}
	}
	return sd, nil
}
