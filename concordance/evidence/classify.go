package evidence

import (
	"errors"
	"fmt"
	"io"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/internal/infile"
)

// Options are the thresholds that turn counts into a status.
type Options struct {
	// MinAltReads is the least number of reads carrying the allele for
	// below_threshold.
	MinAltReads int
	// MinDepth is, per side, the least depth at which a site without
	// support is not_detected without the low_coverage flag.
	MinDepth [2]int
	Filter   ReadFilter
}

// DefaultOptions are concord's defaults. MinAltReads 2: one read is as
// likely a sequencing or PCR error as a molecule. MinDepth is the depth at
// which a variant at each assay's reporting floor would show at least two
// reads with probability ≥ 0.95 (binomial): tissue 100 (VAF 5%, TSO500
// tissue's floor: P(X ≥ 2 | n=100, p=0.05) = 0.963), plasma 1000 (VAF
// 0.5%, the TSO500 ctDNA LoD: P(X ≥ 2 | n=1000, p=0.005) = 0.960). Base and
// mapping quality 20, Pisces' default base-call cut-off.
func DefaultOptions() Options {
	return Options{MinAltReads: 2, MinDepth: [2]int{100, 1000}, Filter: ReadFilter{MinBaseQuality: 20, MinMappingQuality: 20}}
}

// File is an opened input: a BAM needs to seek.
type File interface {
	io.ReadSeeker
	io.Closer
}

// Classifier looks up evidence at each patient's discordant sites. Use its
// Classify as a pipeline.Config.Classify step after the universe.
type Classifier struct {
	Options
	// Open opens a file by path; nil means infile.OpenFile (regular files
	// only: a FIFO or a device is refused, never read).
	Open func(path string) (File, error)
	// Limits bound the reading of genome VCFs (line length, inflation).
	Limits infile.Limits
}

// Classify looks, for every row called on one side only (the other side
// not_detected: inside its panel, sample not failed), at the small
// variant's site in the other sample's BAM (preferred) or genome VCF, and
// stores what it saw on the row (Observation.Evidence). The other side's
// status becomes below_threshold when at least MinAltReads reads carry the
// allele; otherwise it stays not_detected, flagged low_coverage when the
// depth is under MinDepth or unknown. Rows without a position (CNV, fusion,
// protein-only calls) and samples with neither file are left as they are.
//
// It then counts, in the matched white-blood-cell sample's BAM or genome
// VCF when the sheet names one, the reads at the site of every small
// variant the plasma called (Row.WBC; see wbc).
//
// Each patient's BAM is opened once and each genome VCF read once, for
// all its sites. It is safe for concurrent use on different patients.
func (c *Classifier) Classify(pr *concordance.PatientResult) error {
	for _, s := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
		var rows []*concordance.Row
		for i := range pr.Rows {
			r := &pr.Rows[i]
			if r.Class.IsSmall() && r.Chrom != "" && r.Pos > 0 &&
				r.Side(s).Status == concordance.NotDetected && r.Side(s.Other()).Status == concordance.Called {
				rows = append(rows, r)
			}
		}
		sample := pr.Patient.Sample(s)
		if len(rows) == 0 || sample.IsFailed() {
			continue
		}
		var (
			counts []Counts
			source string
			err    error
		)
		switch {
		case sample.BAM != "":
			counts, err = c.fromBAM(sample.BAM, rows)
			source = concordance.EvidenceBAM
		case sample.GVCF != "":
			counts, err = c.fromGVCF(sample.GVCF, sample.ID, rows)
			source = concordance.EvidenceGVCF
		default:
			continue
		}
		if err != nil {
			return err
		}
		for k, r := range rows {
			c.apply(r, s, source, counts[k])
		}
	}
	return c.wbc(pr)
}

// wbc counts, in the matched white-blood-cell sample's BAM (preferred) or
// genome VCF, the reads at the site of every small variant the plasma
// called, and stores them on the row (Row.WBC): with the depth there, a
// WBC sample that lacks the allele says the call comes neither from the
// blood cells nor from the germline (package explain decides). Its call
// file alone cannot say so: a site it has no record of may be uncovered.
func (c *Classifier) wbc(pr *concordance.PatientResult) error {
	w := &pr.Patient.WBC
	if w.BAM == "" && w.GVCF == "" {
		return nil
	}
	var rows []*concordance.Row
	for i := range pr.Rows {
		r := &pr.Rows[i]
		if r.Class.IsSmall() && r.Chrom != "" && r.Pos > 0 && r.Plasma.Status == concordance.Called {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	var (
		counts []Counts
		source string
		err    error
	)
	if w.BAM != "" {
		counts, err = c.fromBAM(w.BAM, rows)
		source = concordance.EvidenceBAM
	} else {
		counts, err = c.fromGVCF(w.GVCF, w.ID, rows)
		source = concordance.EvidenceGVCF
	}
	if err != nil {
		return err
	}
	for k, r := range rows {
		r.WBC.Evidence = concordance.Evidence{Source: source, AltReads: counts[k].Alt, Depth: counts[k].Depth}
	}
	return nil
}

func (c *Classifier) apply(r *concordance.Row, s concordance.Side, source string, n Counts) {
	o := r.Side(s)
	o.Evidence = concordance.Evidence{Source: source, AltReads: n.Alt, Depth: n.Depth}
	switch {
	case n.Alt >= c.MinAltReads && n.Alt > 0:
		o.Status = concordance.BelowThreshold
	case n.Depth < c.MinDepth[s]:
		r.Flags |= concordance.FlagLowCoverage
	}
}

func (c *Classifier) open(path string) (File, error) {
	if c.Open != nil {
		return c.Open(path)
	}
	f, _, err := infile.OpenFile(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (c *Classifier) fromBAM(path string, rows []*concordance.Row) ([]Counts, error) {
	f, err := c.open(path)
	if err != nil {
		return nil, concordance.FileError(path, err)
	}
	defer f.Close()
	idx, idxPath, err := OpenIndex(path, c.open)
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	b, err := OpenBAM(f, idx, c.Filter)
	if err != nil {
		if errors.Is(err, ErrBadIndex) {
			path = idxPath
		}
		return nil, &concordance.InputError{File: path, Err: err}
	}
	defer b.Close()
	out := make([]Counts, len(rows))
	for k, r := range rows {
		if out[k], err = b.Count(r.Variant); err != nil {
			return nil, &concordance.InputError{File: path, Err: fmt.Errorf("%s: %w", r.Variant, err)}
		}
	}
	return out, nil
}

func (c *Classifier) fromGVCF(path, sample string, rows []*concordance.Row) ([]Counts, error) {
	f, err := c.open(path)
	if err != nil {
		return nil, concordance.FileError(path, err)
	}
	defer f.Close()
	vs := make([]concordance.Variant, len(rows))
	for k, r := range rows {
		vs[k] = r.Variant
	}
	g := GVCF{Limits: c.Limits}
	out, err := g.Count(f, sample, vs)
	if err != nil {
		return nil, concordance.AtFile(path, err)
	}
	return out, nil
}
