package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/partial"
	"github.com/concord-oncology/concord/concordance/render"
	"github.com/concord-oncology/concord/internal/cmdline"
	"github.com/concord-oncology/concord/internal/outdir"
	"github.com/concord-oncology/concord/internal/process"
	"github.com/concord-oncology/concord/plots"
)

// runFlags are the flags of run (and, fixed, of demo): analysis.Options
// and what only the command line has.
type runFlags struct {
	opt        analysis.Options
	lim        cmdline.Limits
	out        string
	force      bool
	config     string
	maxTier    string
	exclude    string
	figures    bool
	preset     string
	quiet      bool
	cpuProfile string
	shard      string
	format     string
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
		fs.StringVar(&o.Pairing, "pairing", "nearest", pairingHelp)
		fs.StringVar(&o.Reference, "reference", "", "reference FASTA with its .fai index, for left-alignment and REF checks (without it: trim only)")
		fs.BoolVar(&o.SkipFailedPatients, "skip-failed-patients", false, "analyse the other patients when a patient's files cannot be read; the skipped are listed in the ledger, summary.json and headline")
		fs.BoolVar(&o.AllowSameFile, "allow-same-file", false, "accept a patient whose tissue and plasma calls are the same data (the same file, or identical bytes, read for the same sample): by default an error")
		fs.BoolVar(&o.USDates, "us-dates", false, "accept M/D/YY dates in the sample sheet")
		fs.StringVar(&f.config, "config", "", "JSON file of flag values (e.g. {\"reference\": \"hg19.fa\", \"max-tier\": \"exact\"}); flags on the command line win")
		fs.StringVar(&o.TissuePanel, "tissue-panel", "", "BED (gene in the name column) or gene list of the tissue assay's reportable regions; default: the TSO500 genes. A sheet's tissue_panel or tissue_assay column wins")
		fs.StringVar(&o.PlasmaPanel, "plasma-panel", "", "BED of the plasma assay's reportable regions; default: the TSO500 genes. A sheet's plasma_panel column wins")
		fs.StringVar(&o.Actionable, "actionable", "", "actionability table (TSV: gene, alteration, cohort, source) for blood_alone.tsv; default: concord's built-in table of public biomarker-drug cohorts")
		fs.StringVar(&o.CancerGroups, "cancer-groups", "", "TSV/CSV with columns cancer_type and group mapping cancer types (OncoTree codes, names or tissues, or the sheet's text) to the levels of cancer_type; default: grouped by OncoTree tissue (organ)")
		fs.StringVar(&f.shard, "shard", "", "analyse only shard K/N of the sheet's patients (by a hash of patient_id) and write their partial results, for concord merge")
		fs.StringVar(&o.AddTo, "add-to", "", "a results folder to extend with the sheet's patients (all new): the result equals one run of both sheets, and only the new patients' files are read")
	}
	fs.StringVar(&f.out, "out", f.out, "output folder, replaced as a whole when the run succeeds; an existing one must be empty or a results folder concord wrote")
	fs.BoolVar(&f.force, "force", false, "replace --out even when it holds files concord did not write (never when it is, holds or lies inside an input)")
	fs.IntVar(&o.Threads, "threads", 0, "worker threads (0 = all cores); outputs do not depend on it")
	f.lim.Register(fs)
	fs.BoolVar(&o.AllFilters, "all-filters", false, "keep calls whose FILTER is not PASS (default: PASS or '.' only)")
	ev := &o.Evidence
	fs.StringVar(&o.Universe, "universe", "panels", "panels: compare only alterations inside both assays' panels; all: compare every alteration (no panel restriction)")
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
	fs.IntVar(&o.MinGroupPatients, "min-group-patients", o.MinGroupPatients, "blood_alone.tsv: groups with fewer patients with an actionable tissue alteration are marked not judged")
	fs.BoolVar(&o.KeepGermline, "keep-germline", false, "keep calls the caller flagged germline (GermlineStatus=Germline_*)")
	fs.BoolVar(&o.FilteredEvidence, "filtered-evidence", true, "count the other sample's FILTERed call of an allele as sub-threshold evidence (status below_threshold)")
	fs.Var(&o.Scope.Scope, "scope", "which alterations count: all (every call), coding (protein-altering and splice-site small variants, copy number, fusions, splice events) or reportable (hotspots, truncating driver changes, amplifications above --min-copy-number, fusions with --min-fusion-reads); the rest are listed not_compared, out_of_scope")
	fs.Float64Var(&o.Scope.MinCopyNumber, "min-copy-number", o.Scope.MinCopyNumber, "--scope reportable: amplifications count above this copy number (2 x fold change when only that is known; 6: InPreD report rules)")
	fs.IntVar(&o.Scope.MinFusionReads, "min-fusion-reads", o.Scope.MinFusionReads, "--scope reportable: fusions count with at least this many supporting reads (3: InPreD report rules)")
	fs.StringVar(&f.maxTier, "max-tier", "haplotype", "loosest match tier allowed: exact, haplotype, protein or gene")
	fs.BoolVar(&o.FusionOrientation, "fusion-orientation", false, "match two fusions only in the same 5'-3' order when both sources give it (default: EML4-ALK = ALK-EML4)")
	fs.IntVar(&o.Bootstrap, "bootstrap", o.Bootstrap, "patient-bootstrap replicates for the intervals of strata.tsv and summary.json (0 = off)")
	fs.Uint64Var(&o.Seed, "bootstrap-seed", o.Seed, "seed of the bootstrap (and of simulated Fisher p-values); the same seed gives the same bytes")
	// old names: --match-level, and --seed, which simulate and demo
	// call --cohort-seed (one meaning per flag name)
	cmdline.Alias(fs, "match-level", "max-tier")
	for old, name := range partial.Renamed {
		cmdline.Alias(fs, old, name)
	}
	fs.IntVar(&o.TopGenes, "top-genes", o.TopGenes, "genes in the gene dimension of strata.tsv (those with most alterations; 0 = none)")
	fs.StringSliceVar(&o.TwoWay, "strata", o.TwoWay, "two-way strata of strata.tsv and counts.tsv, dimension:dimension2 pairs (tests compare dimension2's levels within each level of dimension); none for none")
	fs.StringSliceVar(&o.StrataColumns, "strata-column", nil, "a sample-sheet column (or cBioPortal clinical attribute) to stratify by as well, e.g. smoking_status; repeat or separate by commas")
	fs.StringVar(&f.format, "format", "tsv", "tables also as Parquet with parquet (tsv,parquet): typed columns for DuckDB, Arrow, pandas; the TSVs are always written")
	fs.BoolVar(&o.Compress, "compress", false, "write alterations.tsv gzip-compressed (alterations.tsv.gz; concord figures and R/pandas read it as it is)")
	fs.BoolVar(&f.figures, "figures", true, "draw figures/ and report.html (concord figures --results DIR draws them later)")
	fs.StringVar(&f.preset, "preset", "", "figures: "+plots.PresetHelp())
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar or closing summary")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a Go CPU profile of the run to this file (for developers)")
}

const pairingHelp = "cBioPortal patients with several tissue or plasma samples: nearest (the pair nearest in time), first, latest, or union (all samples of a kind pooled)"

// options completes analysis.Options from the flags that need parsing and
// from the command line itself (provenance).
func (f *runFlags) options(fs *pflag.FlagSet, e *env) error {
	if err := checkThreads(f.opt.Threads); err != nil {
		return err
	}
	tier, err := concordance.ParseTier(f.maxTier)
	if err != nil {
		return usagef("--max-tier: %v", err)
	}
	f.opt.MaxTier = tier
	if f.opt.Limits, err = f.lim.Limits(); err != nil {
		return err
	}
	if f.opt.Parquet, err = analysis.ParseFormat(f.format); err != nil {
		return err
	}
	if _, err := render.ParseOptions(f.preset, "png", "", "", 0); err != nil {
		return usagef("%v", err)
	}
	if f.opt.Shard, err = analysis.ParseShard(f.shard); err != nil {
		return err
	}
	f.opt.Explain.Exclude = explain.ParseExclude(f.exclude)
	f.opt.Version = Version
	f.opt.Command = cmdline.Command(fs, "concord", e.args, unrecorded...)
	f.opt.Parameters = cmdline.Parameters(fs, append(notParameters, unrecorded...)...)
	return nil
}

// unrecorded are the flags left out of the provenance: they cannot change
// results, so outputs are byte-identical whatever their values.
var unrecorded = []string{"threads", "quiet", "cpuprofile"}

// notParameters are the flags the recorded command line keeps but the
// parameters do not (nor do they keep old names of flags, cmdline.Alias):
// where results go, the config the flags came from, the caps and --skip-failed-patients (which decide
// whether a run fails, never its results: summary.json lists the skipped),
// the figures' preset (no table depends on it, and concord figures redraws
// the figures at any) and how a cohort was split (merged results equal one
// run).
var notParameters = []string{"out", "force", "config", "help", "max-line-bytes", "max-inflate-ratio", "skip-failed-patients", "preset", "shard", "add-to"}

// checkThreads refuses a negative --threads (0 means all cores).
func checkThreads(n int) error {
	if n < 0 {
		return usagef("--threads: %d (want 0 for all cores, or a number of workers)", n)
	}
	return nil
}

func runRun(ctx context.Context, args []string, e *env) error {
	f := newRunFlags("concord-results")
	fs := newFlags("run", e)
	f.register(fs, true)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := cmdline.ApplyConfig(fs, f.config, pathFlags...); err != nil {
		return err
	}
	if err := f.options(fs, e); err != nil {
		return err
	}
	return execute(ctx, f, e)
}

// pathFlags are the flags whose values are paths: in a --config file,
// relative to the file's folder.
var pathFlags = []string{"reference", "sheet", "tissue-panel", "plasma-panel", "actionable", "cancer-groups"}

// execute runs the analysis and writes its results folder: the tables,
// then figures/ and report.html drawn from them. --out is checked against
// every input once the cohort has named them, before anything else is
// read; a signal at any stage leaves earlier results as they were.
func execute(ctx context.Context, f *runFlags, e *env) error {
	start := time.Now()
	stopProfile, err := process.CPUProfile(f.cpuProfile)
	if err != nil {
		return outdir.WriteFailed(err)
	}
	defer stopProfile()
	var target *outdir.Target
	f.opt.Opened = func(co *analysis.Opened) (err error) {
		target, err = prepareOut(f, runInputs(f, co))
		return err
	}
	var prog *process.Progress
	if show := !f.quiet; show || process.Pausing() {
		// (no callback otherwise: the pipeline's workers would take turns
		// to call it for nothing)
		prog = process.NewProgress(e.stderr, e.stderrTTY, "patients")
		f.opt.Progress = func(stage analysis.Stage, done, total int) {
			switch {
			case stage == analysis.StageTables:
				process.PauseAt(ctx, "tables", e.stderr)
				return
			case done == 1:
				process.PauseAt(ctx, "reading", e.stderr)
			}
			if show {
				prog.Set(done, total)
			}
		}
	}
	var res *analysis.Result
	var pp *analysis.PerPatient
	if f.opt.Shard.N > 0 {
		pp, err = analysis.Patients(ctx, f.opt)
	} else {
		res, err = analysis.Run(ctx, f.opt)
	}
	if prog != nil {
		prog.Finish()
	}
	if pp != nil {
		defer pp.Close() // the patients' temporary files
	}
	if err == nil && pp != nil {
		err = target.Build(ctx, func(dir string) error { return outdir.WriteError(output.WriteFiles(dir, pp.Files())) })
		if err == nil && !f.quiet {
			fmt.Fprintf(e.stdout, "shard %s: %d patients; partial results in %s (concord merge puts the shards together)\n", f.shard, len(pp.Patients), f.out)
		}
	}
	if err != nil || pp != nil {
		return err
	}
	return write(ctx, f, e, target, res, start)
}

// write writes a run's results folder: the tables, then figures/ and
// report.html drawn from them.
func write(ctx context.Context, f *runFlags, e *env, target *outdir.Target, res *analysis.Result, start time.Time) error {
	sum := res.Summary
	err := target.Build(ctx, func(dir string) error {
		process.PauseAt(ctx, "writing", e.stderr)
		if err := ctx.Err(); err != nil {
			return err
		}
		err := res.Write(dir)
		res.Close() // the patients' temporary files
		if err != nil {
			return outdir.WriteError(err)
		}
		res = nil // the figures read the tables: the per-patient results may go

		if f.figures {
			// figures/ and report.html are drawn from the tables just written
			opt := render.DefaultOptions()
			if p, err := plots.ParsePreset(f.preset); err == nil {
				opt.Style.Preset, opt.Style.DPI = p, 0 // the preset's DPI
			}
			figs, err := render.Folder(ctx, dir, renderOptions(ctx, opt, e))
			if err != nil {
				return outdir.WriteError(err)
			}
			figs.WriteNotes(e.stderr)
		}
		process.PauseAt(ctx, "swap", e.stderr) // Build checks ctx once more before the swap
		return nil
	})
	if err != nil {
		return err
	}
	if !f.quiet {
		output.Closing(e.stdout, sum, f.out, time.Since(start))
	}
	return nil
}

// renderOptions add the test hooks of the figures and report stages.
func renderOptions(ctx context.Context, o render.Options, e *env) render.Options {
	var once sync.Once
	o.Drawn = func(string) { once.Do(func() { process.PauseAt(ctx, "figures", e.stderr) }) }
	o.Reporting = func() { process.PauseAt(ctx, "report", e.stderr) }
	return o
}
