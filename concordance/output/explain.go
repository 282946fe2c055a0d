package output

import (
	"io"
	"math"

	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/schema"
)

// WriteReasons writes reasons.tsv.
func WriteReasons(w io.Writer, rows []explain.ReasonRow) error {
	t := newTSV(w, schema.ReasonsTSV)
	for _, r := range rows {
		t.text(r.Dimension).text(r.Level).text(r.Side).text(r.Reason).count(r.Alterations).count(r.Counted).num(r.Share).end()
	}
	return t.flush()
}

// WritePower writes power.tsv.
func WritePower(w io.Writer, rows []explain.PowerRow) error {
	t := newTSV(w, schema.PowerTSV)
	for _, r := range rows {
		t.text(r.Dimension).text(r.Level).count(r.Patients).count(r.TissueAlterations).count(r.WithPower).
			num(r.ExpectedDetected).count(r.ObservedDetected).num(r.ExpectedPPA).num(r.ObservedPPA).
			num(r.ObservedCI.Low).num(r.ObservedCI.High).end()
	}
	return t.flush()
}

// WriteBloodAlone writes blood_alone.tsv.
func WriteBloodAlone(w io.Writer, groups []actionable.Group) error {
	t := newTSV(w, schema.BloodAloneTSV)
	for _, g := range groups {
		rank := -1
		if g.Judged {
			rank = g.Rank
		}
		t.text(g.Kind).text(g.CancerType).text(g.StageGroup).count(g.Patients).count(g.WithActionable).
			count(g.FoundAny).num(frac(g.FoundAny, g.WithActionable)).num(g.AnyCI.Low).num(g.AnyCI.High).
			count(g.FoundAll).num(frac(g.FoundAll, g.WithActionable)).num(g.AllCI.Low).num(g.AllCI.High).
			count(g.PlasmaOnlyActionable).boolean(g.Judged, true).count(rank).end()
	}
	return t.flush()
}

func frac(x, n int) float64 {
	if n == 0 {
		return math.NaN()
	}
	return float64(x) / float64(n)
}
