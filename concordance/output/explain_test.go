package output

import (
	"math"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/stats"
)

// The explanation tables: a header only without rows, "." for every
// undefined share, PPA, fraction and interval, never NaN.
func TestExplanationTables(t *testing.T) {
	for _, c := range []struct {
		table *schema.Table
		write func(*strings.Builder) error
	}{
		{schema.ReasonsTSV, func(b *strings.Builder) error { return WriteReasons(b, nil) }},
		{schema.PowerTSV, func(b *strings.Builder) error { return WritePower(b, nil) }},
		{schema.BloodAloneTSV, func(b *strings.Builder) error { return WriteBloodAlone(b, nil) }},
	} {
		var b strings.Builder
		if err := c.write(&b); err != nil || b.String() != strings.Join(c.table.Names(), "\t")+"\n" {
			t.Errorf("%s without rows: %q, %v", c.table.File, b.String(), err)
		}
	}
	nan := math.NaN()
	var b strings.Builder
	WriteReasons(&b, []explain.ReasonRow{{Dimension: "all", Level: "all", Side: schema.TissueOnly, Reason: schema.ReasonLowPower, Share: nan}})
	if want := "all\tall\ttissue_only\tlow_power\t0\t0\t.\n"; !strings.HasSuffix(b.String(), want) {
		t.Errorf("reasons.tsv:\n%s", b.String())
	}
	b.Reset()
	WritePower(&b, []explain.PowerRow{{Dimension: "all", Level: "all", Patients: 1, ExpectedPPA: nan, ObservedPPA: nan, ObservedCI: stats.Undefined}})
	if want := "all\tall\t1\t0\t0\t0.00\t0\t.\t.\t.\t.\n"; !strings.HasSuffix(b.String(), want) {
		t.Errorf("power.tsv:\n%s", b.String())
	}
	b.Reset()
	WriteBloodAlone(&b, []actionable.Group{
		{Kind: schema.KindCell, CancerType: "Lung Adenocarcinoma", StageGroup: "IV", Patients: 3, AnyCI: stats.Undefined, AllCI: stats.Undefined, PlasmaOnlyActionable: 1},
		// 9 of 12 and 8 of 12: Wilson 95% 0.4677–0.9111 and 0.3906–0.8619
		// (R: prop.test(9, 12, correct = FALSE)$conf.int, prop.test(8, 12, ...)).
		{Kind: schema.KindCell, CancerType: "Colorectal Adenocarcinoma", StageGroup: "IV", Patients: 12, WithActionable: 12,
			FoundAny: 9, AnyCI: stats.Wilson(9, 12, 0.95), FoundAll: 8, AllCI: stats.Wilson(8, 12, 0.95), Judged: true, Rank: 1},
	})
	out := b.String()
	if !strings.Contains(out, "cancer_type x stage_group\tLung Adenocarcinoma\tIV\t3\t0\t0\t.\t.\t.\t0\t.\t.\t.\t1\tfalse\t.\n") ||
		!strings.Contains(out, "cancer_type x stage_group\tColorectal Adenocarcinoma\tIV\t12\t12\t9\t0.7500\t0.4677\t0.9111\t8\t0.6667\t0.3906\t0.8619\t0\ttrue\t1\n") {
		t.Errorf("blood_alone.tsv:\n%s", out)
	}
}
