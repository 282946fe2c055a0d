package analysis_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/strata"
	"github.com/concord-oncology/concord/internal/fixturegen"
)

// The cohort stage alone, on per-patient results made elsewhere (the
// fixture's): summary.json carries the bootstrap intervals of strata.tsv's
// "all" row, the bootstrap block, and nulls when the bootstrap is off.
func TestCohortSummaryBootstrap(t *testing.T) {
	for _, reps := range []int{0, 300} {
		opt, err := fixturegen.Options()
		if err != nil {
			t.Fatal(err)
		}
		opt.Bootstrap, opt.Seed = reps, 9
		res, err := analysis.Cohort(context.Background(), fixturegen.PerPatient(), opt)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := output.WriteSummary(&b, res.Summary); err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		if reps == 0 {
			if m["bootstrap"] != nil || m["union_shares_bootstrap"] != nil || m["ppa_plasma_vs_tissue"].(map[string]any)["boot_ci_low"] != nil {
				t.Errorf("bootstrap off but summary has %v / %v", m["bootstrap"], m["union_shares_bootstrap"])
			}
			continue
		}
		boot := m["bootstrap"].(map[string]any)
		if boot["replicates"].(float64) != 300 || boot["seed"].(float64) != 9 || boot["level"].(float64) != 0.95 {
			t.Errorf("bootstrap block %v", boot)
		}
		valid := boot["valid_replicates"].(map[string]any)
		for _, k := range strata.HeadlineStats {
			if v, ok := valid[k].(float64); !ok || v < 1 || v > 300 {
				t.Errorf("valid %s = %v", k, valid[k])
			}
		}
		all := res.Strata.Overall()
		us := m["union_shares_bootstrap"].(map[string]any)
		if lo := us["shared"].(map[string]any)["ci_low"].(float64); lo != all.SharesBoot[0].Low {
			t.Errorf("shared ci_low %v, table %v", lo, all.SharesBoot[0].Low)
		}
		ppa := m["ppa_plasma_vs_tissue"].(map[string]any)
		if ppa["boot_ci_high"].(float64) != all.PPABoot.High || ppa["ci_high"].(float64) != all.PPA.High {
			t.Errorf("ppa %v, table %+v %+v", ppa, all.PPA, all.PPABoot)
		}
		if res.Summary.Extra == nil || res.Summary.Extra.Explanation == nil || res.Summary.Extra.BloodAlone == nil {
			t.Errorf("summary.json lacks its explanation and blood-alone blocks: %+v", res.Summary.Extra)
		}
	}
}
