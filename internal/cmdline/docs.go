package cmdline

// Commands are concord's commands in the order concord help lists them.
var Commands = []string{"demo", "run", "merge", "check", "figures", "sheet", "simulate", "verify", "diff", "version"}

// Docs are the manuals of concord's commands (concord help NAME).
var Docs = map[string]Doc{
	"demo": {Summary: "analyse a synthetic IMPRESS-like cohort end to end", Usage: "concord demo [--out DIR] [flags]",
		Description: `Simulate the synthetic IMPRESS-like cohort (640 patients whose files look like TSO500 tissue
and TSO500 ctDNA outputs) into a temporary folder and analyse it end to end, as run would: the
tables, figures/ and report.html in --out. Every output says the cohort is synthetic.`,
		Examples: []string{"concord demo", "concord demo --out demo/ --figures=false", "concord demo --patients 200 --cohort-seed 7"}},
	"run": {Summary: "analyse a cohort given by a sample sheet", Usage: "concord run --sheet FILE [--reference FASTA] [--out DIR] [flags]",
		Description: `Analyse a cohort: read each patient's tissue and plasma calls (named by a sample sheet, or a
cBioPortal study), normalise them against the reference, match them patient by patient, and
write alterations.tsv, patients.tsv, strata.tsv, the ledger, summary.json, figures/ and
report.html into --out, replaced only when the run succeeds.`,
		Examples: []string{"concord run --sheet samples.tsv --reference hg19.fa --out results/",
			"concord run --cbioportal study/ --reference hg19.fa --max-tier protein",
			"concord run --config run.json --exclude ch,germline --bootstrap 2000",
			"concord run --sheet samples.tsv --shard 1/8 --out shard1/",
			"concord run --sheet new.tsv --add-to results/ --out results2/ --format parquet"}},
	"merge": {Summary: "put partial results (shards of a run) together into one run's results", Usage: "concord merge PARTIAL... --out DIR",
		Description: `Put partial results together (the folders concord run --shard K/N wrote, or results folders)
and compute the cohort stage with the parameters they were run with: the results folder equals
that of one run over all their patients.`,
		Examples: []string{"concord merge shard1/ shard2/ shard3/ --out results/"}},
	"check": {Summary: "validate a sample sheet and its files without analysing", Usage: "concord check --sheet FILE [--reference FASTA]",
		Description: `Validate a sample sheet and every file it names (each must open, parse, hold the named sample
and match the reference's build) without analysing; every problem of every patient is listed.`,
		Examples: []string{"concord check --sheet samples.tsv --reference hg19.fa"}},
	"figures": {Summary: "re-draw the figures of a results folder from its tables", Usage: "concord figures --results DIR [--format png,svg,pdf] [--width 18cm]",
		Description: `Redraw figures/ and report.html of a results folder from its tables, at another size or format.`,
		Examples:    []string{"concord figures --results results/ --format svg --width 18cm", "concord figures --results results/ --preset poster"}},
	"sheet": {Summary: "write a sample sheet from TSO500 / TSO500 ctDNA output folders", Usage: "concord sheet --tissue DIR... --plasma DIR... (--pattern REGEX | --pairs FILE) --out FILE",
		Description: `Write a sample sheet from TSO500 Local App v2, DRAGEN TSO500 and TSO500 ctDNA (v1, v2) output
folders: each sample's small-variant VCF, CNV VCF and fusion CSV, tissue and plasma paired by
patient, paths relative to the sheet, clinical columns empty or joined from --clinical. What it
cannot pair is listed on stderr and left out, never guessed.`,
		Examples: []string{"concord sheet --tissue runs/tissue --plasma runs/ctdna --pattern '^(IMP[0-9]+)-' --out samples.tsv",
			"concord sheet --tissue t/ --plasma p/ --pairs pairs.tsv --clinical clinical.tsv --out samples.tsv --strict"}},
	"simulate": {Summary: "write a synthetic IMPRESS-like cohort (VCFs, CNV and fusion files, sheet, truth)", Usage: "concord simulate --out DIR [--patients N] [--cohort-seed N] [--layout tso500]",
		Description: `Write a synthetic IMPRESS-like cohort to keep: reference, panel, call files in TSO500 dialects,
a sample sheet (or, with --layout tso500, the pipelines' folders and a clinical table) and the
truth tables (docs/simulation.md).`,
		Examples: []string{"concord simulate --out cohort/", "concord simulate --out cohort/ --layout tso500 --patients 100"}},
	"verify": {Summary: "check a results folder against expected numbers (a CI regression)", Usage: "concord verify --results DIR --expect FILE",
		Description: `Check named metrics of a results folder against an expectation table with a tolerance each
(exact, abs:X, rel:X, or inside the 95% interval; docs/verify.md). Prints expected against
observed for every metric; exit status 1 when any drifts.`,
		Examples: []string{"concord verify --results demo/ --expect testdata/regression/impress-demo.tsv"}},
	"diff": {Summary: "list what changed between two results folders of one cohort", Usage: "concord diff OLD NEW [--out FILE]",
		Description: `List what changed between two results folders of one cohort: alterations whose category,
status, tier, reason or flags changed, headline and stratum numbers that moved, inputs whose
SHA-256 changed. A TSV and a short summary; exit status 1 when anything changed.`,
		Examples: []string{"concord diff results-v1/ results-v2/ > changes.tsv", "concord diff old/ new/ --out changes.tsv"}},
	"version": {Summary: "print the version", Usage: "concord version", Description: "Print the version, the commit and the Go version of the build."},
}
