package main

import (
	"path/filepath"
	"sort"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/evidence"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/universe"
	"github.com/concord-oncology/concord/internal/xio"
)

// classifyOptions are the flags of the comparison universe and of the
// evidence at discordant sites.
type classifyOptions struct {
	tissuePanel, plasmaPanel string
	minAltReads              int
	minDepth                 [2]int
	minBaseQuality           int
	minMappingQuality        int
}

func (o *classifyOptions) register(fs *pflag.FlagSet, inputs bool) {
	d := evidence.DefaultOptions()
	if inputs {
		fs.StringVar(&o.tissuePanel, "tissue-panel", "", "BED of the tissue assay's reportable regions (gene in the name column); default: the TSO500 genes. A sheet's tissue_panel column wins")
		fs.StringVar(&o.plasmaPanel, "plasma-panel", "", "BED of the plasma assay's reportable regions; default: the TSO500 genes. A sheet's plasma_panel column wins")
	}
	fs.IntVar(&o.minAltReads, "min-alt-reads", d.MinAltReads, "reads carrying the allele in the other sample's BAM or gVCF that make a discordant call below_threshold")
	fs.IntVar(&o.minDepth[concordance.Tissue], "min-depth-tissue", d.MinDepth[concordance.Tissue], "tissue depth under which a site without support is flagged low_coverage (100: a 5% VAF variant shows 2 reads with probability 0.96)")
	fs.IntVar(&o.minDepth[concordance.Plasma], "min-depth-plasma", d.MinDepth[concordance.Plasma], "plasma depth under which a site without support is flagged low_coverage (1000: a 0.5% VAF variant shows 2 reads with probability 0.96)")
	fs.IntVar(&o.minBaseQuality, "min-base-quality", d.Filter.MinBaseQuality, "BAM evidence: bases under this Phred quality are not counted (samtools mpileup -Q)")
	fs.IntVar(&o.minMappingQuality, "min-mapping-quality", d.Filter.MinMappingQuality, "BAM evidence: reads under this mapping quality are not counted (samtools mpileup -q)")
}

func (o *classifyOptions) validate() error {
	switch {
	case o.minAltReads < 1:
		return usagef("--min-alt-reads must be at least 1")
	case o.minDepth[0] < 0 || o.minDepth[1] < 0:
		return usagef("--min-depth-tissue and --min-depth-plasma must not be negative")
	case o.minBaseQuality < 0 || o.minBaseQuality > 93:
		return usagef("--min-base-quality must be a Phred score in 0..93")
	case o.minMappingQuality < 0 || o.minMappingQuality > 254:
		return usagef("--min-mapping-quality must be in 0..254")
	}
	return nil
}

// classifiers reads the panels (the flags' and every one the sheet names,
// each once) and returns the classifiers run after matching, in order, with
// the panels' provenance.
func (o *classifyOptions) classifiers(patients []concordance.Patient, lim xio.Limits) ([]func(*concordance.PatientResult) error, []output.InputFile, error) {
	if err := o.validate(); err != nil {
		return nil, nil, err
	}
	var prov []output.InputFile
	read := func(path string) (*universe.Panel, error) {
		in, err := xio.Open(path, lim)
		if err != nil {
			return nil, concordance.FileError(path, err)
		}
		defer in.Close()
		p, err := universe.ReadBED(in, filepath.Base(path))
		if err != nil {
			return nil, concordance.AtFile(path, err)
		}
		sum, size, err := in.Sum()
		if err != nil {
			return nil, concordance.FileError(path, err)
		}
		prov = append(prov, output.InputFile{Path: path, SHA256: sum, Bytes: size, Format: "panel_bed"})
		return p, nil
	}
	var defaults [2]*universe.Panel
	for s, path := range []string{o.tissuePanel, o.plasmaPanel} {
		if path == "" {
			continue
		}
		p, err := read(path)
		if err != nil {
			return nil, nil, err
		}
		defaults[s] = p
	}
	var paths []string
	for i := range patients {
		for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
			if p := patients[i].Sample(s).Panel; p != "" {
				paths = append(paths, p)
			}
		}
	}
	sort.Strings(paths)
	byPath := map[string]*universe.Panel{}
	for _, path := range paths {
		if _, done := byPath[path]; done {
			continue
		}
		p, err := read(path)
		if err != nil {
			return nil, nil, err
		}
		byPath[path] = p
	}
	u := universe.New(defaults[concordance.Tissue], defaults[concordance.Plasma], byPath)
	ev := &evidence.Classifier{Limits: lim, Options: evidence.Options{
		MinAltReads: o.minAltReads,
		MinDepth:    o.minDepth,
		Filter:      evidence.ReadFilter{MinBaseQuality: o.minBaseQuality, MinMappingQuality: o.minMappingQuality},
	}}
	return []func(*concordance.PatientResult) error{u.Classify, ev.Classify}, prov, nil
}
