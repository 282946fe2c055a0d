package explain_test

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/evidence"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/input/sheet"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/concordance/simulate"
	"github.com/concord-oncology/concord/concordance/universe"
)

// cohortRun is a simulated cohort analysed with the default classifiers,
// with its truth table.
type cohortRun struct {
	res      *pipeline.Result
	truth    map[string]map[string]string // by patient \t key
	patients map[string]map[string]string // truth_patients.tsv by patient
}

// simulateAndRun writes a simulated cohort into a temporary folder and
// analyses it as `concord run --reference` does: universe, evidence and
// explanation classifiers with default options (plus opt's exclusions).
func simulateAndRun(t *testing.T, patients int, seed uint64, opt explain.Options) *cohortRun {
	t.Helper()
	dir := t.TempDir()
	if _, err := simulate.Write(simulate.Config{Patients: patients, Seed: seed, Preset: "impress"}, simulate.DirSink(dir)); err != nil {
		t.Fatal(err)
	}
	return analyse(t, dir, opt, true)
}

// analyse runs a simulated cohort in dir as `concord run --reference`
// does; withWBC false drops the sheet's WBC samples.
func analyse(t *testing.T, dir string, opt explain.Options, withWBC bool) *cohortRun {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, simulate.FileSampleSheet))
	if err != nil {
		t.Fatal(err)
	}
	sh, err := sheet.Read(f, sheet.Options{BaseDir: dir})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !withWBC {
		for i := range sh.Patients {
			sh.Patients[i].WBC = concordance.SampleRef{}
		}
	}
	fa, err := os.Open(filepath.Join(dir, simulate.FileReference))
	if err != nil {
		t.Fatal(err)
	}
	defer fa.Close()
	fai, err := os.Open(filepath.Join(dir, simulate.FileReferenceFAI))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := normalize.NewFASTA(fa, fai)
	fai.Close()
	if err != nil {
		t.Fatal(err)
	}
	ex, err := explain.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	u := universe.New(nil, nil, nil)
	ev := &evidence.Classifier{Options: evidence.DefaultOptions()}
	cfg := pipeline.Config{
		Reference: ref, FilteredSites: true,
		Classify: []func(*concordance.PatientResult) error{u.Classify, ev.Classify,
			evidence.FilteredCalls{Reference: ref}.Classify, ex.Classify},
	}
	res, err := pipeline.Run(context.Background(), sh.Patients, cfg)
	if err != nil {
		t.Fatal(err)
	}
	run := &cohortRun{res: res, truth: map[string]map[string]string{}, patients: map[string]map[string]string{}}
	for _, m := range readTSV(t, filepath.Join(dir, simulate.FileTruth)) {
		run.truth[m["patient_id"]+"\t"+truthKey(m["class"], m["gene"], m["partner"], m["chrom"], m["pos"], m["ref"], m["alt"])] = m
	}
	for _, m := range readTSV(t, filepath.Join(dir, simulate.FileTruthPatients)) {
		run.patients[m["patient_id"]] = m
	}
	return run
}

// truthKey identifies an alteration of truth.tsv or of a row: small
// variants by normalised allele, amplifications by gene, fusions by
// sorted gene pair.
func truthKey(class, gene, partner, chrom, pos, ref, alt string) string {
	switch class {
	case "amplification", "deletion":
		return class + ":" + gene
	case "fusion":
		a, b := gene, partner
		if b < a {
			a, b = b, a
		}
		return "fusion:" + a + "::" + b
	}
	return chrom + ":" + pos + ":" + ref + ":" + alt
}

func rowKey(r *concordance.Row) string {
	return truthKey(r.Class.String(), r.Gene, r.Partner, r.Chrom, strconv.Itoa(r.Pos), r.Ref, r.Alt)
}

// readTSV reads a tab-separated table with a header into one map a row.
func readTSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	var out []map[string]string
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = fields
			continue
		}
		m := map[string]string{}
		for i, h := range header {
			m[h] = fields[i]
		}
		out = append(out, m)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func num(s string) float64 {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return x
}

// scores are the rates issue 7 asks for, with the confusion table.
type scores struct {
	// Over discordant alterations whose truth reason is in issue 7's
	// vocabulary (the simulator's "artifact" is not: no reason can agree
	// with it; outside counts them).
	discordant, agreed int
	outside            int
	confusion          map[[2]string]int // truth reason, concord reason
	chTotal            int               // CH calls the plasma called
	chCaught           int               // of which flagged ch_candidate or ch_evidence
	chAny              int               // of which flagged with any CH grade (ch_possible too)
	flagged            int               // rows flagged CH
	flagTum            int               // of which tumour alterations
}

// score compares the run with the truth. Discordant alterations are the
// truth rows expected tissue_only or plasma_only (whatever the run made
// of them: a row the run does not report counts as a disagreement).
func (c *cohortRun) score() scores {
	s := scores{confusion: map[[2]string]int{}}
	rows := map[string]*concordance.Row{}
	for i := range c.res.Patients {
		pr := &c.res.Patients[i]
		for j := range pr.Rows {
			r := &pr.Rows[j]
			rows[pr.Patient.ID+"\t"+rowKey(r)] = r
			flagged := r.Flags&(concordance.FlagCHCandidate|concordance.FlagCHEvidence) != 0
			tr := c.truth[pr.Patient.ID+"\t"+rowKey(r)]
			if flagged {
				s.flagged++
				if tr != nil && strings.HasPrefix(tr["origin"], "tumour") {
					s.flagTum++
				}
			}
			if tr != nil && tr["origin"] == "ch" && r.Plasma.Status == concordance.Called {
				s.chTotal++
				if flagged {
					s.chCaught++
				}
				if flagged || r.Flags.Has(concordance.FlagCHPossible) {
					s.chAny++
				}
			}
		}
	}
	for k, tr := range c.truth {
		if cat := tr["expected_category"]; cat != "tissue_only" && cat != "plasma_only" {
			continue
		}
		got := "(not reported)"
		if r := rows[k]; r != nil {
			got = r.Reason
			if got == "" {
				got = "(none)"
			}
		}
		want := tr["expected_reason"]
		if want == "artifact" {
			s.outside++
			continue
		}
		s.discordant++
		s.confusion[[2]string{want, got}]++
		if want == got {
			s.agreed++
		}
	}
	return s
}

func table(confusion map[[2]string]int) string {
	var truths, gots []string
	seenT, seenG := map[string]bool{}, map[string]bool{}
	for k := range confusion {
		if !seenT[k[0]] {
			seenT[k[0]] = true
			truths = append(truths, k[0])
		}
		if !seenG[k[1]] {
			seenG[k[1]] = true
			gots = append(gots, k[1])
		}
	}
	sort.Strings(truths)
	sort.Strings(gots)
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s", "truth \\ concord")
	for _, g := range gots {
		fmt.Fprintf(&b, " %11.11s", g)
	}
	b.WriteByte('\n')
	for _, tr := range truths {
		fmt.Fprintf(&b, "%-22s", tr)
		for _, g := range gots {
			if n := confusion[[2]string{tr, g}]; n > 0 {
				fmt.Fprintf(&b, " %11d", n)
			} else {
				fmt.Fprintf(&b, " %11s", ".")
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestTuningSeeds runs the cohorts of the seeds in CONCORD_EXPLAIN_SEEDS
// (comma-separated; the rules were tuned on seeds other than the demo's
// 42) and logs their scores. It asserts nothing: it is the tuning tool.
func TestTuningSeeds(t *testing.T) {
	env := os.Getenv("CONCORD_EXPLAIN_SEEDS")
	if env == "" {
		t.Skip("set CONCORD_EXPLAIN_SEEDS=7,11 to score other cohorts")
	}
	for _, f := range strings.Split(env, ",") {
		seed, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		opt := explain.DefaultOptions()
		setOptions(t, &opt, os.Getenv("CONCORD_EXPLAIN_OPTIONS"))
		s := simulateAndRun(t, simulate.DefaultPatients, seed, opt).score()
		t.Logf("seed %d: %s", seed, s)
	}
}

func (s scores) String() string {
	return fmt.Sprintf("reasons agree with the simulator's truth for %d/%d = %.3f "+
		"(%d PASS artifacts, a cause outside issue 7's vocabulary, left out: with them as disagreements %.3f); "+
		"CH caught %d/%d = %.3f (any grade %d = %.3f); flagged %d, of which tumour %d = %.3f\n"+
		"truth reason (rows) × concord's reason (columns):\n%s",
		s.agreed, s.discordant, ratio(s.agreed, s.discordant), s.outside, ratio(s.agreed, s.discordant+s.outside),
		s.chCaught, s.chTotal, ratio(s.chCaught, s.chTotal), s.chAny, ratio(s.chAny, s.chTotal), s.flagged, s.flagTum, ratio(s.flagTum, s.flagged), table(s.confusion))
}

func ratio(a, b int) float64 { return float64(a) / float64(b) }

// setOptions sets numeric fields of opt from "Name=value,Name=value".
func setOptions(t *testing.T, opt *explain.Options, spec string) {
	t.Helper()
	v := reflect.ValueOf(opt).Elem()
	for _, kv := range strings.Split(spec, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok {
			continue
		}
		f := v.FieldByName(name)
		x, err := strconv.ParseFloat(val, 64)
		if !f.IsValid() || err != nil {
			t.Fatalf("bad option %q", kv)
		}
		switch f.Kind() {
		case reflect.Float64:
			f.SetFloat(x)
		case reflect.Int:
			f.SetInt(int64(x))
		default:
			t.Fatalf("option %s is not a number", name)
		}
	}
}

// TestDemoTruth runs the demo cohort (640 patients, seed 42; the reasons
// were tuned on seeds 3, 5, 7, 11, 13 and 21 only, the CH and germline
// flags of issue 12 checked on seeds 1–4) and checks the rates against the
// simulator's truth table: reasons agree with the truth for at least 90%
// of the discordant alterations (those whose truth reason is in issue 7's
// vocabulary: the simulator's rare PASS artifacts are not, and are counted
// apart); without WBC samples, CH flags of the probable grade catch at
// least 80% of the CH calls the plasma made (since issue 12 the simulator
// puts CH clones in ATM, BRCA2 and any gene, which no rule can be sure
// of), flags of any grade at least 90%, and at most 5% of calls flagged
// probable CH are tumour calls. The confusion tables are logged.
func TestDemoTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates and analyses 640 patients")
	}
	s := simulateAndRun(t, simulate.DefaultPatients, simulate.DefaultSeed, explain.DefaultOptions()).score()
	t.Logf("demo cohort (seed %d): %s", simulate.DefaultSeed, s)
	if s.discordant < 1000 {
		t.Fatalf("only %d discordant alterations: the demo cohort changed", s.discordant)
	}
	if r := ratio(s.agreed, s.discordant); r < 0.90 {
		t.Errorf("reasons agree with the truth for %.3f of discordant alterations, want ≥ 0.90", r)
	}
	if r := ratio(s.chCaught, s.chTotal); r < 0.80 {
		t.Errorf("probable-CH flags catch %.3f of CH calls, want ≥ 0.80", r)
	}
	if r := ratio(s.chAny, s.chTotal); r < 0.90 {
		t.Errorf("CH flags of any grade catch %.3f of CH calls, want ≥ 0.90", r)
	}
	if r := ratio(s.flagTum, s.flagged); r > 0.05 {
		t.Errorf("%.3f of probable-CH-flagged calls are tumour calls, want ≤ 0.05", r)
	}
}
