package output

import (
	"io"

	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/strata"
	"github.com/concord-oncology/concord/stats"
)

// WriteStrata writes strata.tsv.
func WriteStrata(w io.Writer, rows []strata.Stratum) error {
	t := newTSV(w, schema.StrataTSV)
	for i := range rows {
		r := &rows[i]
		c := r.Counts
		order2 := -1
		if r.Dimension2 != "" {
			order2 = r.Order2
		}
		t.text(r.Name()).text(r.Level).text(r.Dimension2).text(r.Level2).count(r.Order).count(order2).
			count(r.Patients).count(c.Total()).count(c.Shared).count(c.TissueOnly).count(c.PlasmaOnly).
			num(r.Shares[0].Estimate).num(r.Shares[1].Estimate).num(r.Shares[2].Estimate).
			num(r.Shares[0].Low).num(r.Shares[0].High).num(r.SharesBoot[0].Low).num(r.SharesBoot[0].High)
		proportion(t, r.PPA, r.PPABoot)
		proportion(t, r.PPV, r.PPVBoot)
		ct, at := &r.Clustered, &r.Alteration
		t.text(ct.Name).num(ct.Statistic).num(ct.DF1).num(ct.DF2).p(ct.P).p(ct.Q).
			text(at.Name).num(at.Statistic).p(at.P).text(at.Note).p(at.Q).end()
	}
	return t.flush()
}

// WriteCounts writes counts.tsv: strata.tsv's counts in long form, one row
// per level and category, with the category's share of the level.
func WriteCounts(w io.Writer, rows []strata.Stratum) error {
	t := newTSV(w, schema.CountsTSV)
	for i := range rows {
		r := &rows[i]
		order2 := -1
		if r.Dimension2 != "" {
			order2 = r.Order2
		}
		c := r.Counts
		for k, n := range [3]int{c.Shared, c.TissueOnly, c.PlasmaOnly} {
			t.text(r.Name()).text(r.Level).text(r.Dimension2).text(r.Level2).count(r.Order).count(order2).
				text(schema.Categories[k]).count(n).num(r.Shares[k].Estimate).end()
		}
	}
	return t.flush()
}

func proportion(t *tsv, wilson, boot stats.Interval) {
	t.num(wilson.Estimate).num(wilson.Low).num(wilson.High).num(boot.Low).num(boot.High)
}

// WritePatientStrata writes patient_strata.tsv.
func WritePatientStrata(w io.Writer, rows []strata.PatientStratum) error {
	t := newTSV(w, schema.PatientStrataTSV)
	for _, r := range rows {
		t.text(r.Dimension).text(r.Level).count(r.Order).count(r.Patients).
			count(r.CtDNADetected).num(r.CtDNA.Estimate).num(r.CtDNA.Low).num(r.CtDNA.High).
			count(r.WithShared).num(r.Shared.Estimate).num(r.Shared.Low).num(r.Shared.High).end()
	}
	return t.flush()
}

// WriteModels writes models.tsv.
func WriteModels(w io.Writer, rows []strata.ModelTerm) error {
	t := newTSV(w, schema.ModelsTSV)
	for _, r := range rows {
		or := r.OddsRatio()
		t.text(r.Model).text(r.Term).text(r.Level).num(r.Coef.Estimate).num(or.Estimate).num(or.Low).num(or.High).
			num(r.Coef.SE).num(r.Coef.Z).p(r.Coef.P).count(r.NAlterations).count(r.NPatients).text(r.Note).end()
	}
	return t.flush()
}
