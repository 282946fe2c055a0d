package main

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance/explain"
)

// explainOptions are the flags of the explanation of discordances: CH and
// germline flags, exclusions, detection power.
type explainOptions struct {
	exclude      string
	plasmaMinAlt int
	plasmaMinVAF float64
	tissueMinAlt int
	tissueMinVAF float64
}

func (o *explainOptions) register(fs *pflag.FlagSet, inputs bool) {
	d := explain.DefaultOptions()
	fs.StringVar(&o.exclude, "exclude", "", "take flagged alterations out of the counts: ch (CH candidates and WBC evidence), germline (germline-likely), or ch,germline; summary.json gives the numbers both ways")
	fs.IntVar(&o.plasmaMinAlt, "plasma-min-alt", d.PlasmaMinAlt, "detection power: alt reads from which the plasma caller reports a small variant")
	fs.Float64Var(&o.plasmaMinVAF, "plasma-min-vaf", d.PlasmaMinVAF, "detection power: VAF from which the plasma caller reports a small variant (TSO500 ctDNA: 0.002)")
	fs.IntVar(&o.tissueMinAlt, "tissue-min-alt", d.TissueMinAlt, "detection power: alt reads from which the tissue caller reports a small variant")
	fs.Float64Var(&o.tissueMinVAF, "tissue-min-vaf", d.TissueMinVAF, "detection power: VAF from which the tissue caller reports a small variant (TSO500 Local App: 0.05)")
}

// classifier returns the explanation classifier of the flags.
func (o *explainOptions) classifier() (*explain.Classifier, error) {
	opt := explain.DefaultOptions()
	opt.PlasmaMinAlt, opt.PlasmaMinVAF = o.plasmaMinAlt, o.plasmaMinVAF
	opt.TissueMinAlt, opt.TissueMinVAF = o.tissueMinAlt, o.tissueMinVAF
	for _, e := range strings.Split(o.exclude, ",") {
		if e = strings.TrimSpace(strings.ToLower(e)); e != "" && e != "none" {
			opt.Exclude = append(opt.Exclude, e)
		}
	}
	c, err := explain.New(opt)
	if err != nil {
		return nil, usagef("%v", strings.TrimPrefix(err.Error(), "explain: "))
	}
	return c, nil
}
