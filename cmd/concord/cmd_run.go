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
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/concordance/render"
	"github.com/concord-oncology/concord/concordance/schema"
)

// runFlags are the flags of run (and, fixed, of demo): analysis.Options
// and what only the command line has.
type runFlags struct {
	opt        analysis.Options
	out        string
	config     string
	maxTier    string
	matchLevel string
	exclude    string
	figures    bool
	quiet      bool
	cpuProfile string
}

func newRunFlags(out string) *runFlags {
	return &runFlags{opt: analysis.DefaultOptions(), out: out}
}

// register adds the flags to fs; inputs adds those naming input files
// (demo makes its own).
func (f *runFlags) register(fs *pflag.FlagSet, inputs bool) {
	o := &f.opt
	if inputs {
		fs.StringVar(&o.Sheet, "sheet", "", "sample sheet (TSV or CSV) linking each patient's tissue and plasma call files")
		fs.StringVar(&o.CBioPortal, "cbioportal", "", "a cBioPortal study folder to analyse instead of a sheet (tissue and plasma samples paired by PATIENT_ID and SAMPLE_CLASS)")
		fs.StringVar(&o.StageColumn, "stage-column", "", "cBioPortal attribute holding stage (default: the usual names)")
		fs.StringVar(&o.Reference, "reference", "", "reference FASTA with its .fai index, for left-alignment and REF checks (without it: trim only)")
		fs.StringVar(&f.config, "config", "", "JSON file of flag values (e.g. {\"reference\": \"hg19.fa\", \"max-tier\": \"exact\"}); flags on the command line win")
	}
	fs.StringVar(&f.out, "out", f.out, "output folder (replaced as a whole when the run succeeds)")
	fs.IntVar(&o.Threads, "threads", 0, "worker threads (0 = all cores); outputs do not depend on it")
	fs.BoolVar(&o.AllFilters, "all-filters", false, "keep calls whose FILTER is not PASS (default: PASS or '.' only)")
	ev := &o.Evidence
	if inputs {
		fs.StringVar(&o.TissuePanel, "tissue-panel", "", "BED of the tissue assay's reportable regions (gene in the name column); default: the TSO500 genes. A sheet's tissue_panel column wins")
		fs.StringVar(&o.PlasmaPanel, "plasma-panel", "", "BED of the plasma assay's reportable regions; default: the TSO500 genes. A sheet's plasma_panel column wins")
	}
	fs.IntVar(&ev.MinAltReads, "min-alt-reads", ev.MinAltReads, "reads carrying the allele in the other sample's BAM or gVCF that make a discordant call below_threshold")
	fs.IntVar(&ev.MinDepth[concordance.Tissue], "min-depth-tissue", ev.MinDepth[concordance.Tissue], "tissue depth under which a site without support is flagged low_coverage (100: a 5% VAF variant shows 2 reads with probability 0.96)")
	fs.IntVar(&ev.MinDepth[concordance.Plasma], "min-depth-plasma", ev.MinDepth[concordance.Plasma], "plasma depth under which a site without support is flagged low_coverage (1000: a 0.5% VAF variant shows 2 reads with probability 0.96)")
	fs.IntVar(&ev.Filter.MinBaseQuality, "min-base-quality", ev.Filter.MinBaseQuality, "BAM evidence: bases under this Phred quality are not counted (samtools mpileup -Q)")
	fs.IntVar(&ev.Filter.MinMappingQuality, "min-mapping-quality", ev.Filter.MinMappingQuality, "BAM evidence: reads under this mapping quality are not counted (samtools mpileup -q)")
	ex := &o.Explain
	fs.StringVar(&f.exclude, "exclude", "", "take flagged alterations out of the counts: ch (CH candidates and WBC evidence), germline (germline-likely), or ch,germline; summary.json gives the numbers both ways")
	fs.IntVar(&ex.PlasmaMinAlt, "plasma-min-alt", ex.PlasmaMinAlt, "detection power: alt reads from which the plasma caller reports a small variant")
	fs.Float64Var(&ex.PlasmaMinVAF, "plasma-min-vaf", ex.PlasmaMinVAF, "detection power: VAF from which the plasma caller reports a small variant (TSO500 ctDNA: 0.002)")
	fs.IntVar(&ex.TissueMinAlt, "tissue-min-alt", ex.TissueMinAlt, "detection power: alt reads from which the tissue caller reports a small variant")
	fs.Float64Var(&ex.TissueMinVAF, "tissue-min-vaf", ex.TissueMinVAF, "detection power: VAF from which the tissue caller reports a small variant (TSO500 Local App: 0.05)")
	if inputs {
		fs.StringVar(&o.Actionable, "actionable", "", "actionability table (TSV: gene, alteration, cohort, source) for blood_alone.tsv; default: concord's built-in table of public biomarker-drug cohorts")
	}
	fs.IntVar(&o.MinGroupPatients, "min-group-patients", o.MinGroupPatients, "blood_alone.tsv: groups with fewer patients with an actionable tissue alteration are marked not judged")
	fs.BoolVar(&o.KeepGermline, "keep-germline", false, "keep calls the caller flagged germline (GermlineStatus=Germline_*)")
	fs.BoolVar(&o.FilteredEvidence, "filtered-evidence", true, "count the other sample's FILTERed call of an allele as sub-threshold evidence (status below_threshold)")
	fs.StringVar(&f.maxTier, "max-tier", "haplotype", "loosest match tier allowed: exact, haplotype, protein or gene")
	fs.StringVar(&f.matchLevel, "match-level", "", "same as --max-tier (e.g. --match-level gene for gene-level comparison)")
	fs.BoolVar(&o.USDates, "us-dates", false, "accept M/D/YY dates in the sample sheet")
	fs.IntVar(&o.Bootstrap, "bootstrap", o.Bootstrap, "patient-bootstrap replicates for the intervals of strata.tsv and summary.json (0 = off)")
	fs.Uint64Var(&o.Seed, "seed", o.Seed, "seed of the bootstrap (and of simulated Fisher p-values); the same seed gives the same bytes")
	fs.IntVar(&o.TopGenes, "top-genes", o.TopGenes, "genes in the gene dimension of strata.tsv (those with most alterations; 0 = none)")
	fs.BoolVar(&f.figures, "figures", true, "draw figures/ and report.html (concord figures --results DIR draws them later)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar or closing summary")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a Go CPU profile of the run to this file (for developers)")
}

// options completes analysis.Options from the flags that need parsing and
// from the command line itself (provenance).
func (f *runFlags) options(fs *pflag.FlagSet, e *env) error {
	if f.matchLevel != "" {
		if fs.Changed("max-tier") && f.matchLevel != f.maxTier {
			return usagef("--match-level and --max-tier disagree; give one")
		}
		f.maxTier = f.matchLevel
	}
	tier, err := concordance.ParseTier(f.maxTier)
	if err != nil {
		return usagef("--max-tier: %v", err)
	}
	f.opt.MaxTier = tier
	f.opt.Explain.Exclude = nil
	for _, x := range strings.Split(f.exclude, ",") {
		if x = strings.TrimSpace(strings.ToLower(x)); x != "" && x != "none" {
			f.opt.Explain.Exclude = append(f.opt.Explain.Exclude, x)
		}
	}
	f.opt.Version, f.opt.Command, f.opt.Parameters = Version, commandLine(e.args), parameters(fs)
	return nil
}

// provenanceExcluded are flags that do not change results and must not
// appear in outputs (threads: outputs are identical for any value).
var provenanceExcluded = map[string]bool{"match-level": true, "threads": true, "quiet": true, "out": true, "config": true, "help": true, "cpuprofile": true}

func runRun(ctx context.Context, args []string, e *env) error {
	f := newRunFlags("concord-results")
	fs := newFlags("run", e)
	f.register(fs, true)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := applyConfig(fs, f.config); err != nil {
		return err
	}
	if err := f.options(fs, e); err != nil {
		return err
	}
	return execute(ctx, f, e)
}

// applyConfig sets flags from a JSON object, leaving those given on the
// command line alone.
func applyConfig(fs *pflag.FlagSet, path string) error {
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return &concordance.InputError{File: path, Err: err}
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
		fl := fs.Lookup(k)
		if fl == nil || k == "config" {
			return &concordance.InputError{File: path, Err: fmt.Errorf("unknown setting %q", k)}
		}
		if fl.Changed {
			continue
		}
		v := fmt.Sprint(m[k])
		if k == "reference" || k == "sheet" || k == "tissue-panel" || k == "plasma-panel" || k == "actionable" {
			if !filepath.IsAbs(v) {
				v = filepath.Join(filepath.Dir(path), v)
			}
		}
		if err := fs.Set(k, v); err != nil {
			return &concordance.InputError{File: path, Err: fmt.Errorf("setting %q: %v", k, err)}
		}
	}
	return nil
}

// execute runs the analysis and writes its results folder: the tables,
// then figures/ and report.html drawn from them.
func execute(ctx context.Context, f *runFlags, e *env) error {
	start := time.Now()
	if f.cpuProfile != "" {
		pf, err := os.Create(f.cpuProfile)
		if err != nil {
			return &outputError{err}
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return &outputError{err}
		}
		defer pprof.StopCPUProfile()
	}
	var bar *progressbar.ProgressBar
	if !f.quiet && e.stderrTTY {
		// (no callback otherwise: the pipeline's workers would take turns
		// to call it for nothing)
		f.opt.Progress = func(stage analysis.Stage, done, total int) {
			if stage != analysis.StageReading {
				return
			}
			if bar == nil {
				bar = newProgress(e.stderr, total)
			}
			bar.Set(done)
		}
	}
	res, err := analysis.Run(ctx, f.opt)
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return err
	}
	err = writeAtomically(f.out, func(dir string) error {
		if err := res.Write(dir); err != nil {
			return writeError(err)
		}
		if !f.figures {
			return nil
		}
		figs, err := render.Folder(ctx, dir, render.DefaultOptions())
		if err != nil {
			return writeError(err)
		}
		notes(e.stderr, figs)
		return nil
	})
	if err != nil {
		return err
	}
	if !f.quiet {
		printHeadline(e.stdout, res.Summary, f.out, res.Synthetic, time.Since(start))
	}
	return nil
}

// notes prints what render says about figures not drawn.
func notes(w io.Writer, figs *render.Figures) {
	for _, n := range figs.Notes {
		fmt.Fprintf(w, "concord: %s\n", n)
	}
}

func printHeadline(w io.Writer, s *schema.Summary, out string, synthetic bool, took time.Duration) {
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

func newProgress(w io.Writer, total int) *progressbar.ProgressBar {
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("patients"),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
	)
}
