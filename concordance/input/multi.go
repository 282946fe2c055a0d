package input

import (
	"fmt"
	"io"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input/cbioportal"
	"github.com/concord-oncology/concord/concordance/input/maf"
	"github.com/concord-oncology/concord/concordance/input/reporttable"
	"github.com/concord-oncology/concord/concordance/internal/multisample"
)

// Source hands out the samples of a multi-sample file that was read once,
// so that each of its rows is counted in the ledger exactly once.
type Source interface {
	// Use returns sample id's calls for a patient's side; the first use of
	// a sample counts its rows in led. A sample absent from the file gives
	// an error wrapping ErrNoRows.
	Use(id, patient string, side concordance.Side, led *concordance.Ledger) (*concordance.SampleData, error)
	// CountUnused counts the rows of samples nobody used as other_sample.
	CountUnused(patient string, side concordance.Side, led *concordance.Ledger)
}

// ErrNoRows is wrapped by Source.Use for a sample the file has no rows for.
var ErrNoRows = multisample.ErrNoRows

// ReadMultiSample reads a whole multi-sample file (MultiSample(f) is true).
// The report table is keyed by patient and side, not by sample id.
func ReadMultiSample(f Format, r io.Reader, file string, allFilters bool) (Source, error) {
	switch f {
	case MAF:
		m, err := maf.ReadAll(r, maf.Options{File: file, AllFilters: allFilters})
		if err != nil {
			return nil, err
		}
		return &m.Set, nil
	case ReportTable:
		t, err := reporttable.ReadAll(r, file)
		if err != nil {
			return nil, err
		}
		return reportSource{t}, nil
	case CBioSV, CBioFusions, CBioCNA:
		read := map[Format]func(io.Reader, string) (*cbioportal.Calls, error){
			CBioSV: cbioportal.ReadSVAll, CBioFusions: cbioportal.ReadFusionsAll, CBioCNA: cbioportal.ReadCNAAll,
		}[f]
		c, err := read(r, file)
		if err != nil {
			return nil, err
		}
		return &c.Set, nil
	}
	return nil, fmt.Errorf("input: %s is not a multi-sample format", f)
}

type reportSource struct{ t *reporttable.Table }

func (s reportSource) Use(_, patient string, side concordance.Side, led *concordance.Ledger) (*concordance.SampleData, error) {
	return s.t.Use(patient, side, led)
}

func (s reportSource) CountUnused(patient string, side concordance.Side, led *concordance.Ledger) {
	s.t.CountUnused(patient, side, led)
}
