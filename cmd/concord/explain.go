package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/concordance/schema"
)

// explainOptions are the flags of the explanation of discordances (CH and
// germline flags, exclusions, detection power, reasons) and of the
// blood-alone table.
type explainOptions struct {
	exclude          string
	plasmaMinAlt     int
	plasmaMinVAF     float64
	tissueMinAlt     int
	tissueMinVAF     float64
	actionable       string
	minGroupPatients int

	table *actionable.Table
}

func (o *explainOptions) register(fs *pflag.FlagSet, inputs bool) {
	d := explain.DefaultOptions()
	fs.StringVar(&o.exclude, "exclude", "", "take flagged alterations out of the counts: ch (CH candidates and WBC evidence), germline (germline-likely), or ch,germline; summary.json gives the numbers both ways")
	fs.IntVar(&o.plasmaMinAlt, "plasma-min-alt", d.PlasmaMinAlt, "detection power: alt reads from which the plasma caller reports a small variant")
	fs.Float64Var(&o.plasmaMinVAF, "plasma-min-vaf", d.PlasmaMinVAF, "detection power: VAF from which the plasma caller reports a small variant (TSO500 ctDNA: 0.002)")
	fs.IntVar(&o.tissueMinAlt, "tissue-min-alt", d.TissueMinAlt, "detection power: alt reads from which the tissue caller reports a small variant")
	fs.Float64Var(&o.tissueMinVAF, "tissue-min-vaf", d.TissueMinVAF, "detection power: VAF from which the tissue caller reports a small variant (TSO500 Local App: 0.05)")
	if inputs {
		fs.StringVar(&o.actionable, "actionable", "", "actionability table (TSV: gene, alteration, cohort, source) for blood_alone.tsv; default: concord's built-in table of public biomarker-drug cohorts")
	}
	fs.IntVar(&o.minGroupPatients, "min-group-patients", actionable.DefaultMinPatients, "blood_alone.tsv: groups with fewer patients with an actionable tissue alteration are marked not judged")
}

// classifier returns the explanation classifier of the flags.
func (o *explainOptions) classifier() (*explain.Classifier, error) {
	opt := explain.DefaultOptions()
	opt.PlasmaMinAlt, opt.PlasmaMinVAF = o.plasmaMinAlt, o.plasmaMinVAF
	opt.TissueMinAlt, opt.TissueMinVAF = o.tissueMinAlt, o.tissueMinVAF
	opt.Exclude = o.exclusions()
	if o.minGroupPatients < 1 {
		return nil, usagef("--min-group-patients must be at least 1")
	}
	c, err := explain.New(opt)
	if err != nil {
		return nil, usagef("%s", strings.TrimPrefix(err.Error(), "explain: "))
	}
	return c, nil
}

func (o *explainOptions) exclusions() []string {
	var out []string
	for _, e := range strings.Split(o.exclude, ",") {
		if e = strings.TrimSpace(strings.ToLower(e)); e != "" && e != "none" {
			out = append(out, e)
		}
	}
	return out
}

// readTable reads --actionable (or takes the built-in table) and returns
// its provenance when it is a file.
func (o *explainOptions) readTable() ([]output.InputFile, error) {
	if o.actionable == "" {
		o.table = actionable.Default()
		return nil, nil
	}
	b, err := os.ReadFile(o.actionable)
	if err != nil {
		return nil, concordance.FileError(o.actionable, err)
	}
	t, err := actionable.Read(bytes.NewReader(b), filepath.Base(o.actionable))
	if err != nil {
		return nil, concordance.AtFile(o.actionable, err)
	}
	o.table = t
	return []output.InputFile{hashed(filepath.Base(o.actionable), b, "actionability_table")}, nil
}

// outputs returns the tables of the explanation and the blood-alone
// question, and adds their headlines to summary.json's extra block.
func (o *explainOptions) outputs(res *pipeline.Result, extra *schema.Extra) ([]namedWriter, *schema.Extra, error) {
	reasons := explain.Reasons(res.Patients)
	power := explain.Power(res.Patients)
	blood := actionable.BloodAlone(res.Patients, o.table, actionable.Options{MinPatients: o.minGroupPatients})
	if extra == nil {
		extra = &schema.Extra{}
	}
	extra.Explanation = explain.Summarize(res.Patients, o.exclusions())
	extra.BloodAlone = bloodAloneSummary(blood, o.table.Name, o.minGroupPatients)
	return []namedWriter{
		{"reasons.tsv", func(w io.Writer) error { return output.WriteReasons(w, reasons) }},
		{"power.tsv", func(w io.Writer) error { return output.WritePower(w, power) }},
		{"blood_alone.tsv", func(w io.Writer) error { return output.WriteBloodAlone(w, blood) }},
	}, extra, nil
}

// namedWriter is an output file and the function that writes it.
type namedWriter struct {
	name  string
	write func(io.Writer) error
}

// bloodAloneSummary is summary.json's blood_alone block: the cohort row of
// blood_alone.tsv and the judged groups in rank order.
func bloodAloneSummary(groups []actionable.Group, table string, minimum int) *schema.BloodAloneSummary {
	out := &schema.BloodAloneSummary{Table: table, MinPatients: minimum, Ranked: []schema.RankedCancer{}}
	for _, g := range groups {
		switch {
		case g.Kind == actionable.KindAll:
			out.Patients, out.WithActionable = g.Patients, g.WithActionable
			out.FoundAny = schema.WilsonProportion(g.FoundAny, g.WithActionable, schema.DefinitionFoundAny)
			out.FoundAll = schema.WilsonProportion(g.FoundAll, g.WithActionable, schema.DefinitionFoundAll)
		case g.Kind == actionable.KindCancer && g.Judged:
			out.Ranked = append(out.Ranked, schema.RankedCancer{Rank: g.Rank, CancerType: g.CancerType,
				FoundAny: schema.WilsonProportion(g.FoundAny, g.WithActionable, schema.DefinitionFoundAny)})
		}
	}
	return out
}
