package main

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/internal/xio"
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
func (o *explainOptions) readTable(lim xio.Limits) ([]output.InputFile, error) {
	if o.actionable == "" {
		o.table = actionable.Default()
		return nil, nil
	}
	in, err := xio.Open(o.actionable, lim)
	if err != nil {
		return nil, concordance.FileError(o.actionable, err)
	}
	defer in.Close()
	t, err := actionable.Read(in, filepath.Base(o.actionable))
	if err != nil {
		return nil, concordance.AtFile(o.actionable, err)
	}
	sum, size, err := in.Sum()
	if err != nil {
		return nil, concordance.FileError(o.actionable, err)
	}
	o.table = t
	return []output.InputFile{{Path: filepath.Base(o.actionable), SHA256: sum, Bytes: size, Format: "actionability_table"}}, nil
}

// outputs returns the tables of the explanation and the blood-alone
// question, and adds their headlines to summary.json's extra block.
func (o *explainOptions) outputs(res *pipeline.Result, extra map[string]json.RawMessage) ([]namedWriter, map[string]json.RawMessage, error) {
	reasons := explain.Reasons(res.Patients)
	power := explain.Power(res.Patients)
	blood := actionable.BloodAlone(res.Patients, o.table, actionable.Options{MinPatients: o.minGroupPatients})
	if extra == nil {
		extra = map[string]json.RawMessage{}
	}
	var err error
	if extra["explanation"], err = json.Marshal(explain.Summarize(res.Patients, o.exclusions())); err != nil {
		return nil, nil, err
	}
	if extra["blood_alone"], err = json.Marshal(bloodAloneSummary(blood, o.table.Name, o.minGroupPatients)); err != nil {
		return nil, nil, err
	}
	return []namedWriter{
		{"reasons.tsv", func(w io.Writer) error { return explain.WriteReasons(w, reasons) }},
		{"power.tsv", func(w io.Writer) error { return explain.WritePower(w, power) }},
		{"blood_alone.tsv", func(w io.Writer) error { return actionable.WriteBloodAlone(w, blood) }},
	}, extra, nil
}

// namedWriter is an output file and the function that writes it.
type namedWriter struct {
	name  string
	write func(io.Writer) error
}

// bloodAloneJSON is summary.json's blood_alone block: the cohort row of
// blood_alone.tsv and the judged groups in rank order.
type bloodAloneJSON struct {
	Table          string          `json:"actionability_table"`
	MinPatients    int             `json:"min_patients"`
	Patients       int             `json:"patients"`
	WithActionable int             `json:"with_actionable"`
	FoundAny       explainFraction `json:"found_any"`
	FoundAll       explainFraction `json:"found_all"`
	Ranked         []rankedGroup   `json:"ranked_cancer_types"`
}

type explainFraction struct {
	Count  int      `json:"count"`
	Value  *float64 `json:"value"`
	CILow  *float64 `json:"ci_low"`
	CIHigh *float64 `json:"ci_high"`
}

type rankedGroup struct {
	Rank           int      `json:"rank"`
	CancerType     string   `json:"cancer_type"`
	WithActionable int      `json:"with_actionable"`
	FoundAny       int      `json:"found_any"`
	Value          *float64 `json:"found_any_frac"`
	CILow          *float64 `json:"ci_low"`
}

func bloodAloneSummary(groups []actionable.Group, table string, minimum int) bloodAloneJSON {
	out := bloodAloneJSON{Table: table, MinPatients: minimum, Ranked: []rankedGroup{}}
	fraction := func(x, n int, low, high float64) explainFraction {
		f := explainFraction{Count: x}
		if n > 0 {
			v := float64(x) / float64(n)
			f.Value, f.CILow, f.CIHigh = &v, finite(low), finite(high)
		}
		return f
	}
	for _, g := range groups {
		switch {
		case g.Kind == actionable.KindAll:
			out.Patients, out.WithActionable = g.Patients, g.WithActionable
			out.FoundAny = fraction(g.FoundAny, g.WithActionable, g.AnyCI.Low, g.AnyCI.High)
			out.FoundAll = fraction(g.FoundAll, g.WithActionable, g.AllCI.Low, g.AllCI.High)
		case g.Kind == actionable.KindCancer && g.Judged:
			f := fraction(g.FoundAny, g.WithActionable, g.AnyCI.Low, g.AnyCI.High)
			out.Ranked = append(out.Ranked, rankedGroup{Rank: g.Rank, CancerType: g.CancerType, WithActionable: g.WithActionable,
				FoundAny: g.FoundAny, Value: f.Value, CILow: f.CILow})
		}
	}
	return out
}

func finite(x float64) *float64 {
	if x != x || x > 1e308 || x < -1e308 {
		return nil
	}
	return &x
}
