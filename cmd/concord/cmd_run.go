package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/evidence"
	"github.com/concord-oncology/concord/concordance/hgvs"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/pipeline"
	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/strata"
	"github.com/concord-oncology/concord/internal/xio"
)

// runOptions are the flags of run (and, fixed, of demo).
type runOptions struct {
	classify         classifyOptions // comparison universe and evidence (classify.go)
	explain          explainOptions  // CH and germline flags, exclusions, power, reasons, blood alone (explain.go)
	sheet            string
	reference        string
	out              string
	force            bool
	config           string
	threads          int
	allFilters       bool
	keepGermline     bool
	maxTier          string
	usDates          bool
	quiet            bool
	cpuProfile       string
	filteredEvidence bool
	cbioportal       string
	stageColumn      string
	matchLevel       string
	figures          bool
	allowSameFile    bool
	bootstrap        int
	seed             uint64
	topGenes         int
	maxLine          int64
	maxRatio         int64
}

func (o *runOptions) register(fs *pflag.FlagSet, inputs bool) {
	if inputs {
		fs.StringVar(&o.sheet, "sheet", "", "sample sheet (TSV or CSV) linking each patient's tissue and plasma call files")
		fs.StringVar(&o.cbioportal, "cbioportal", "", "a cBioPortal study folder to analyse instead of a sheet (tissue and plasma samples paired by PATIENT_ID and SAMPLE_CLASS)")
		fs.StringVar(&o.stageColumn, "stage-column", "", "cBioPortal attribute holding stage (default: the usual names)")
		fs.StringVar(&o.reference, "reference", "", "reference FASTA with its .fai index, for left-alignment and REF checks (without it: trim only)")
		fs.StringVar(&o.config, "config", "", "JSON file of flag values (e.g. {\"reference\": \"hg19.fa\", \"max-tier\": \"exact\"}); flags on the command line win")
	}
	fs.StringVar(&o.out, "out", o.out, "output folder, replaced as a whole when the run succeeds; an existing one must be empty or a results folder concord wrote")
	fs.BoolVar(&o.force, "force", false, "replace --out even when it holds files concord did not write (never when it is, holds or lies inside an input)")
	fs.IntVar(&o.threads, "threads", 0, "worker threads (0 = all cores); outputs do not depend on it")
	o.registerLimits(fs)
	fs.BoolVar(&o.allFilters, "all-filters", false, "keep calls whose FILTER is not PASS (default: PASS or '.' only)")
	fs.BoolVar(&o.allowSameFile, "allow-same-file", false, "accept a patient whose tissue and plasma calls are the same data (the same file, or identical bytes, read for the same sample): by default an error")
	o.classify.register(fs, inputs)
	o.explain.register(fs, inputs)
	fs.BoolVar(&o.keepGermline, "keep-germline", false, "keep calls the caller flagged germline (GermlineStatus=Germline_*)")
	fs.BoolVar(&o.filteredEvidence, "filtered-evidence", true, "count the other sample's FILTERed call of an allele as sub-threshold evidence (status below_threshold)")
	fs.StringVar(&o.maxTier, "max-tier", "haplotype", "loosest match tier allowed: exact, haplotype, protein or gene")
	fs.StringVar(&o.matchLevel, "match-level", "", "same as --max-tier (e.g. --match-level gene for gene-level comparison)")
	fs.BoolVar(&o.usDates, "us-dates", false, "accept M/D/YY dates in the sample sheet")
	fs.IntVar(&o.bootstrap, "bootstrap", strata.DefaultReplicates, "patient-bootstrap replicates for the intervals of strata.tsv and summary.json (0 = off)")
	fs.Uint64Var(&o.seed, "seed", strata.DefaultSeed, "seed of the bootstrap (and of simulated Fisher p-values); the same seed gives the same bytes")
	fs.IntVar(&o.topGenes, "top-genes", strata.DefaultTopGenes, "genes in the gene dimension of strata.tsv (those with most alterations; 0 = none)")
	fs.BoolVar(&o.figures, "figures", true, "draw figures/ and report.html (concord figures --results DIR draws them later)")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar or closing summary")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a Go CPU profile of the run to this file (for developers)")
}

// provenanceExcluded are flags that do not change results and must not
// appear in outputs (threads: outputs are identical for any value).
var provenanceExcluded = map[string]bool{"match-level": true, "threads": true, "quiet": true, "out": true, "force": true, "config": true, "help": true, "cpuprofile": true,
	"max-line-bytes": true, "max-inflate-ratio": true} // the caps decide whether a run fails, never its results

// registerLimits registers the caps on what one input may cost (run, demo
// and check).
func (o *runOptions) registerLimits(fs *pflag.FlagSet) {
	fs.Int64Var(&o.maxLine, "max-line-bytes", xio.DefaultMaxLine, "longest line accepted in any input file, in bytes; a longer line is an input error (a binary or corrupt file)")
	fs.Int64Var(&o.maxRatio, "max-inflate-ratio", xio.DefaultMaxRatio, fmt.Sprintf("a gzip/BGZF input may inflate to this many times its size on disk (or %s, if more); beyond is refused as a decompression bomb", xio.Size(xio.InflateFloor)))
}

// limits returns the caps of the flags.
func (o *runOptions) limits() (xio.Limits, error) {
	if o.maxLine < 1 || o.maxRatio < 1 {
		return xio.Limits{}, usagef("--max-line-bytes and --max-inflate-ratio must be at least 1")
	}
	return xio.Limits{MaxLine: o.maxLine, MaxRatio: o.maxRatio}, nil
}

func runRun(ctx context.Context, args []string, e *env) error {
	o := runOptions{out: "concord-results"}
	fs := newFlags("run", e)
	o.register(fs, true)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := applyConfig(fs, o.config); err != nil {
		return err
	}
	if o.matchLevel != "" {
		if fs.Changed("max-tier") && o.matchLevel != o.maxTier {
			return usagef("--match-level and --max-tier disagree; give one")
		}
		o.maxTier = o.matchLevel
	}
	return analyse(ctx, &o, fs, e, false)
}

// maxConfig is the largest --config file read: it holds flag values.
const maxConfig = 1 << 20

// checkThreads refuses a negative --threads (0 means all cores).
func checkThreads(n int) error {
	if n < 0 {
		return usagef("--threads: %d (want 0 for all cores, or a number of workers)", n)
	}
	return nil
}

// applyConfig sets flags from a JSON object, leaving those given on the
// command line alone.
func applyConfig(fs *pflag.FlagSet, path string) error {
	if path == "" {
		return nil
	}
	b, err := xio.ReadAll(path, xio.Limits{}, maxConfig)
	if err != nil {
		return concordance.FileError(path, err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return &concordance.InputError{File: path, Err: fmt.Errorf("not a JSON object of flag values: %v", err)}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := fs.Lookup(k)
		if f == nil || k == "config" {
			return &concordance.InputError{File: path, Err: fmt.Errorf("unknown setting %s", concordance.Quote(k))}
		}
		if f.Changed {
			continue
		}
		v := fmt.Sprint(m[k])
		if k == "reference" || k == "sheet" || k == "tissue-panel" || k == "plasma-panel" || k == "actionable" {
			if !filepath.IsAbs(v) {
				v = filepath.Join(filepath.Dir(path), v)
			}
		}
		if err := fs.Set(k, v); err != nil {
			return &concordance.InputError{File: path, Err: fmt.Errorf("setting %s: %v", concordance.Quote(k), err)}
		}
	}
	return nil
}

// analyse runs the whole analysis of a sheet and writes the outputs.
func analyse(ctx context.Context, o *runOptions, fs *pflag.FlagSet, e *env, synthetic bool) error {
	start := time.Now()
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return &outputError{err}
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return &outputError{err}
		}
		defer pprof.StopCPUProfile()
	}
	tier, err := concordance.ParseTier(o.maxTier)
	if err != nil {
		return usagef("--max-tier: %v", err)
	}
	if o.bootstrap < 0 {
		return usagef("--bootstrap: %d replicates (want 0 to turn it off, or more)", o.bootstrap)
	}
	if err := checkThreads(o.threads); err != nil {
		return err
	}
	if o.topGenes < 0 {
		return usagef("--top-genes: %d (want 0 or more)", o.topGenes)
	}
	lim, err := o.limits()
	if err != nil {
		return err
	}
	co, err := loadCohort(o, lim)
	if err != nil {
		return err
	}
	synthetic = synthetic || co.synthetic
	// --out is checked against every input once the sheet has named them,
	// before anything else is read.
	target, err := prepareOut(o, runInputs(o, co))
	if err != nil {
		return err
	}

	cfg := pipeline.Config{
		Threads:       o.threads,
		Match:         concordance.MatchOptions{MaxTier: tier, ProteinEquivalent: hgvs.Equivalent},
		Load:          co.load,
		AllFilters:    o.allFilters,
		KeepGermline:  o.keepGermline,
		Limits:        lim,
		Sheet:         o.sheet,
		AllowSameFile: o.allowSameFile,
	}
	var extraInputs []output.InputFile
	classify, panels, err := o.classify.classifiers(co.patients, lim)
	if err != nil {
		return err
	}
	cfg.Classify = classify
	ex, err := o.explain.classifier()
	if err != nil {
		return err
	}
	tableInputs, err := o.explain.readTable(lim)
	if err != nil {
		return err
	}
	extraInputs = append(extraInputs, tableInputs...)
	for _, p := range panels {
		p.Path = output.Paths{Base: co.base}.Rel(p.Path)
		extraInputs = append(extraInputs, p)
	}
	ref, err := openReference(o.reference, lim)
	if err != nil {
		return err
	}
	norm := &normalize.Normalizer{}
	if ref != nil {
		defer ref.Close()
		cfg.Normalizer, cfg.Contigs, cfg.Match.Reference = ref.normalizer, ref.contigs, ref.bases
		extraInputs = append(extraInputs, ref.provenance...)
		norm = ref.normalizer
	}
	if o.filteredEvidence && !o.allFilters {
		// The other caller's FILTERed calls are sub-threshold evidence too,
		// after BAM/gVCF evidence (which is read only when given).
		cfg.FilteredSites = true
		cfg.Classify = append(cfg.Classify, evidence.FilteredCalls{Normalize: norm.Normalize}.Classify)
	}
	// The explanation reads the statuses and flags of all the above.
	cfg.Classify = append(cfg.Classify, ex.Classify)
	bar := newProgress(e, o.quiet, len(co.patients))
	cfg.Progress = func(done, total int) {
		if done == 1 {
			pauseAt(ctx, "reading", e.stderr)
		}
		if bar != nil {
			bar.Set(done)
		}
	}
	res, err := pipeline.Run(ctx, co.patients, cfg)
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return err
	}

	if co.finish != nil {
		co.finish(res.Ledger)
	}
	pauseAt(ctx, "tables", e.stderr)
	if err := ctx.Err(); err != nil {
		return err
	}
	// The cohort-level tables read the results only: compute them side by
	// side (on 2 cores the serial tail was a tenth of a 640-patient run).
	strataOpt := strata.Options{TopGenes: o.topGenes, Replicates: o.bootstrap, Seed: o.seed, Workers: o.threads, Level: strata.DefaultLevel}
	var (
		strataTable   *strata.Table
		patientStrata []strata.PatientStratum
		models        []strata.ModelTerm
		explained     []namedWriter
		extra         map[string]json.RawMessage
	)
	err = concurrently(
		func() (err error) { strataTable, err = strata.Compute(res.Patients, strataOpt); return err },
		func() error {
			patientStrata = strata.PatientStrata(res.Patients, strataOpt.Level)
			models = strata.Models(res.Patients, strataOpt.Level)
			return nil
		},
		func() (err error) { explained, extra, err = o.explain.outputs(res, co.extra); return err },
	)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	paths := output.Paths{Base: co.base}
	inputs := append(append(co.inputs, extraInputs...), output.InputsOf(res, paths)...)
	summary := output.NewSummary(res, output.SummaryOptions{
		Synthetic:  synthetic,
		Reference:  relativeTo(co.base, o.reference),
		Version:    Version,
		Command:    commandLine(e.args),
		Inputs:     inputs,
		Parameters: parameters(fs),
		Strata:     strataTable,
	})
	summary.Extra = extra
	err = target.Build(ctx, func(dir string) error {
		pauseAt(ctx, "writing", e.stderr)
		if err := ctx.Err(); err != nil {
			return err
		}
		files := []namedWriter{
			{"alterations.tsv", func(w io.Writer) error { return output.WriteAlterations(w, res.Patients, paths) }},
			{"patients.tsv", func(w io.Writer) error { return output.WritePatients(w, res.Patients) }},
			{"ledger.tsv", func(w io.Writer) error { return output.WriteLedger(w, res.Ledger, paths) }},
			{"strata.tsv", func(w io.Writer) error { return output.WriteStrata(w, strataTable.Strata) }},
			{"patient_strata.tsv", func(w io.Writer) error { return output.WritePatientStrata(w, patientStrata) }},
			{"models.tsv", func(w io.Writer) error { return output.WriteModels(w, models) }},
			{"summary.json", func(w io.Writer) error { return output.WriteSummary(w, summary) }},
			{results.ReadmeFile, func(w io.Writer) error { return output.WriteReadme(w, summary) }},
		}
		files = append(files, explained...)
		writes := make([]func() error, len(files))
		for i, f := range files {
			writes[i] = func() error { return writeFile(filepath.Join(dir, f.name), f.write) }
		}
		if err := concurrently(writes...); err != nil {
			return err
		}
		if o.figures {
			// figures/ and report.html are drawn from the tables just written
			if err := writeFiguresAndReport(ctx, dir, e.stderr); err != nil {
				return err
			}
		}
		pauseAt(ctx, "swap", e.stderr) // Build checks ctx once more before the swap
		return nil
	})
	if err != nil {
		return err
	}
	if !o.quiet {
		printHeadline(e.stdout, summary, o.out, synthetic, time.Since(start))
	}
	return nil
}

func printHeadline(w io.Writer, s *output.Summary, out string, synthetic bool, took time.Duration) {
	a := s.Alterations
	pct := func(p *float64) string {
		if p == nil {
			return "."
		}
		return fmt.Sprintf("%.1f%%", 100**p)
	}
	tag := ""
	if synthetic {
		tag = " (SYNTHETIC cohort)"
	}
	fmt.Fprintf(w, "%d patients%s, %d alterations: shared %s, tissue-only %s, plasma-only %s; PPA %s (%d/%d)\n",
		s.Patients, tag, a.Total, pct(s.UnionShares.Shared), pct(s.UnionShares.TissueOnly), pct(s.UnionShares.PlasmaOnly),
		pct(s.PPA.Value), s.PPA.Numerator, s.PPA.Denominator)
	fmt.Fprintf(w, "records read %d, used %d, excluded %d (see ledger.tsv); results in %s (%.2fs)\n",
		s.Ledger.RecordsRead, s.Ledger.RecordsUsed, s.Ledger.RecordsExcluded, out, took.Seconds())
}

// commandLine is the command as run, with the program name reduced to
// "concord" so outputs do not depend on where the binary lives, and without
// the flags that cannot change results (--threads, --quiet): outputs are
// byte-identical whatever their values.
func commandLine(args []string) string {
	parts := []string{"concord"}
	for i := 1; i < len(args); i++ {
		a := args[i]
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "--") && (name == "threads" || name == "quiet" || name == "cpuprofile") {
			if name != "quiet" && !hasValue {
				i++ // skip the separate value
			}
			continue
		}
		if strings.ContainsAny(a, " \t\"'") {
			a = fmt.Sprintf("%q", a)
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

// parameters records every flag that can change results, with its value.
func parameters(fs *pflag.FlagSet) map[string]any {
	m := map[string]any{}
	fs.VisitAll(func(f *pflag.Flag) {
		if provenanceExcluded[f.Name] {
			return
		}
		switch f.Value.Type() {
		case "bool":
			m[f.Name] = f.Value.String() == "true"
		default:
			m[f.Name] = f.Value.String()
		}
	})
	return m
}

func newProgress(e *env, quiet bool, total int) *progressbar.ProgressBar {
	if quiet || !e.stderrTTY {
		return nil
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription("patients"),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
	)
}

// relativeTo writes a path relative to base when it lies inside it (the
// demo's reference sits in a temporary folder: outputs must not name it).
func relativeTo(base, p string) string {
	if p == "" {
		return ""
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return output.Paths{Base: base}.Rel(abs)
}

// concurrently runs fns at once and returns the first error in argument
// order (not in time), so a failing run reports the same error whatever
// the scheduling.
func concurrently(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
