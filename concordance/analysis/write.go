package analysis

import (
	"io"

	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/schema"
)

// Write writes the result's tables, summary.json and README.md into the
// folder dir, which must exist (the command line gives a temporary folder
// it swaps in when everything is written). Errors are the file system's.
func (r *Result) Write(dir string) error { return output.WriteFiles(dir, r.Files()) }

// Files are the files Write writes, in order.
func (r *Result) Files() []output.File {
	paths := output.Paths{Base: r.Base}
	alterations := func(w io.Writer) error { return output.WriteAlterations(w, r.Patients, paths) }
	provenance := func(w io.Writer) error { return output.WriteProvenance(w, r.Inputs) }
	if r.spill != nil {
		alterations = r.spill.writeAlterations
		provenance = func(w io.Writer) error { return r.spill.writeProvenance(w, r.cohortInputs, r.shared.Inputs) }
	}
	files := []output.File{
		{Name: schema.AlterationsFile, Write: alterations},
		{Name: schema.PatientsFile, Write: func(w io.Writer) error { return output.WritePatients(w, r.Patients) }},
		{Name: schema.LedgerFile, Write: func(w io.Writer) error { return output.WriteLedger(w, r.Ledger, paths) }},
		{Name: schema.StrataFile, Write: func(w io.Writer) error { return output.WriteStrata(w, r.Strata.Strata) }},
		{Name: schema.PatientStrataFile, Write: func(w io.Writer) error { return output.WritePatientStrata(w, r.PatientStrata) }},
		{Name: schema.ModelsFile, Write: func(w io.Writer) error { return output.WriteModels(w, r.Models) }},
		{Name: schema.SummaryFile, Write: func(w io.Writer) error { return output.WriteSummary(w, r.Summary) }},
		{Name: schema.ReadmeFile, Write: func(w io.Writer) error { return output.WriteReadme(w, r.Summary) }},
		{Name: schema.ReasonsFile, Write: func(w io.Writer) error { return output.WriteReasons(w, r.Reasons) }},
		{Name: schema.PowerFile, Write: func(w io.Writer) error { return output.WritePower(w, r.Power) }},
		{Name: schema.BloodAloneFile, Write: func(w io.Writer) error { return output.WriteBloodAlone(w, r.BloodAlone) }},
		{Name: schema.CountsFile, Write: func(w io.Writer) error { return output.WriteCounts(w, r.Strata.Strata) }},
		{Name: schema.ProvenanceFile, Write: provenance},
	}
	if r.parquet {
		// each table also as Parquet, read from what its TSV writer writes
		for _, f := range files {
			for _, t := range schema.Tables {
				if t.File == f.Name {
					files = append(files, output.Parquet(f, t))
				}
			}
		}
	}
	if r.compress {
		files[0] = output.Gzipped(files[0]) // alterations.tsv
	}
	if !r.noPartial {
		files = append(files, output.File{Name: schema.PartialFile, Write: r.WritePartial})
	}
	if r.Pairs != nil {
		files = append(files, output.File{Name: schema.PairsFile, Write: func(w io.Writer) error { return output.WritePairs(w, r.Pairs) }})
	}
	return files
}
