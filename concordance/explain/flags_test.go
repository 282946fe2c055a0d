package explain_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/simulate"
)

// flagScore counts, over the alterations a simulated cohort's plasma
// called, how the CH and germline flags agree with the simulator's truth
// (origin ch, germline, or anything else).
type flagScore struct {
	ch, chProbable, chAny           int // CH calls; of which flagged probable (ch_candidate, ch_evidence), any grade
	probable, probableCH            int // calls flagged probable CH; of which CH
	any, anyCH                      int // calls flagged any grade; of which CH
	decided, decidedCH, decidedTrue int // calls whose WBC status is present or absent; flagged CH; truly CH
	covered, coveredCH, coveredTrue int // calls whose WBC depth is known; flagged probable CH; truly CH
	germ, germFlagged               int // germline calls; of which germline_likely
	flaggedGerm, flaggedGermTrue    int // calls flagged germline_likely; of which germline
}

func (c *cohortRun) flagScore() flagScore {
	var s flagScore
	for i := range c.res.Patients {
		pr := &c.res.Patients[i]
		for j := range pr.Rows {
			r := &pr.Rows[j]
			if r.Plasma.Status != concordance.Called || !r.Class.IsSmall() {
				continue
			}
			origin := ""
			if tr := c.truth[pr.Patient.ID+"\t"+rowKey(r)]; tr != nil {
				origin = tr["origin"]
			}
			isCH, isGerm := origin == "ch", origin == "germline"
			probable := r.Flags&(concordance.FlagCHCandidate|concordance.FlagCHEvidence) != 0
			anyCH := probable || r.Flags.Has(concordance.FlagCHPossible)
			germ := r.Flags.Has(concordance.FlagGermlineLikely)
			if isCH {
				s.ch++
				s.chProbable += b2i(probable)
				s.chAny += b2i(anyCH)
			}
			if probable {
				s.probable++
				s.probableCH += b2i(isCH)
			}
			if anyCH {
				s.any++
				s.anyCH += b2i(isCH)
			}
			if st := r.WBC.Status; st == schema.WBCPresent || st == schema.WBCAbsent {
				s.decided++
				if probable {
					s.decidedCH++
					s.decidedTrue += b2i(isCH)
				}
			}
			if r.WBC.Looked() && r.WBC.Depth > 0 {
				s.covered++
				if probable {
					s.coveredCH++
					s.coveredTrue += b2i(isCH)
				}
			}
			if isGerm {
				s.germ++
				s.germFlagged += b2i(germ)
			}
			if germ {
				s.flaggedGerm++
				s.flaggedGermTrue += b2i(isGerm)
			}
		}
	}
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s flagScore) add(o flagScore) flagScore {
	return flagScore{s.ch + o.ch, s.chProbable + o.chProbable, s.chAny + o.chAny, s.probable + o.probable, s.probableCH + o.probableCH,
		s.any + o.any, s.anyCH + o.anyCH, s.decided + o.decided, s.decidedCH + o.decidedCH, s.decidedTrue + o.decidedTrue,
		s.covered + o.covered, s.coveredCH + o.coveredCH, s.coveredTrue + o.coveredTrue,
		s.germ + o.germ, s.germFlagged + o.germFlagged, s.flaggedGerm + o.flaggedGerm, s.flaggedGermTrue + o.flaggedGermTrue}
}

func frac(a, b int) string { return fmt.Sprintf("%d/%d = %.3f", a, b, ratio(a, b)) }

func (s flagScore) String() string {
	return fmt.Sprintf("CH recall probable %s, any grade %s; CH precision probable %s, any grade %s; "+
		"WBC-decided calls %d, flagged CH %s; WBC-covered calls %d, flagged CH %s; germline recall %s, precision %s",
		frac(s.chProbable, s.ch), frac(s.chAny, s.ch), frac(s.probableCH, s.probable), frac(s.anyCH, s.any),
		s.decided, frac(s.decidedTrue, s.decidedCH), s.covered, frac(s.coveredTrue, s.coveredCH),
		frac(s.germFlagged, s.germ), frac(s.flaggedGermTrue, s.flaggedGerm))
}

// TestFlagScores scores the CH and germline flags on the cohorts of the
// seeds in CONCORD_FLAG_SEEDS (comma-separated; 640 patients each, every
// patient with a matched WBC sample), analysed without and with the WBC
// samples. It asserts nothing: it is the tuning and measuring tool of
// issue 12 (the rules were tuned on seeds 1–20 and measured on 101–110;
// docs/blood-alone.md has the table).
func TestFlagScores(t *testing.T) {
	env := os.Getenv("CONCORD_FLAG_SEEDS")
	if env == "" {
		t.Skip("set CONCORD_FLAG_SEEDS=1,2,3 to score the flags on other cohorts")
	}
	opt := explain.DefaultOptions()
	setOptions(t, &opt, os.Getenv("CONCORD_EXPLAIN_OPTIONS"))
	var without, with flagScore
	for _, f := range strings.Split(env, ",") {
		seed, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if _, err := simulate.Write(simulate.Config{Patients: simulate.DefaultPatients, Seed: seed, WBC: 1}, simulate.DirSink(dir)); err != nil {
			t.Fatal(err)
		}
		a, b := analyse(t, dir, opt, false).flagScore(), analyse(t, dir, opt, true).flagScore()
		t.Logf("seed %d without WBC: %s", seed, a)
		t.Logf("seed %d with WBC:    %s", seed, b)
		without, with = without.add(a), with.add(b)
		os.RemoveAll(dir)
	}
	t.Logf("all without WBC: %s", without)
	t.Logf("all with WBC:    %s", with)
}
