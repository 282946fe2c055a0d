#!/usr/bin/env bash
# Runs workflow/Snakefile (Debian's snakemake, which scripts/test-deps.sh
# installs) on a simulated cohort in 4 shards, gathered in whatever order
# snakemake gives, and requires the merged results to equal one
# `concord run` of the whole sheet, byte for byte, every file but .concord
# (which records the run), once the recorded command line is read as the
# single run's (summary.json, README.md and report.html quote it).
#
# Without snakemake it says so and skips, failing under CI (CI set).
#
# usage: scripts/test-workflow.sh [PATIENTS]   (default 300)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-300}
if ! command -v snakemake >/dev/null 2>&1; then
	echo "test-workflow: snakemake is missing: the workflow is not tested" >&2
	[ -z "${CI:-}" ] || exit 1
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/concord-workflow.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$here"
go build -o "$work/concord" ./cmd/concord
cd "$work"
./concord simulate --out cohort --patients "$n" --cohort-seed 23 --wbc 0.2 >/dev/null
flags="--bootstrap 200 --bootstrap-seed 5"
./concord run --sheet cohort/samplesheet.tsv --reference cohort/reference/genome.fa --out single --quiet $flags
cat > config.yaml <<CONFIG
concord: $work/concord
sheet: cohort/samplesheet.tsv
reference: cohort/reference/genome.fa
shards: 4
flags: "$flags"
work: shards
out: merged
threads: 1
CONFIG
snakemake -s "$here/workflow/Snakefile" --configfile config.yaml --cores 2 --quiet >snakemake.log 2>&1 ||
	{ cat snakemake.log >&2; echo "test-workflow: snakemake failed (above)" >&2; exit 1; }
[ "$(ls shards | wc -l)" = 4 ] || { echo "test-workflow: want 4 shards, got: $(ls shards)" >&2; exit 1; }
python3 - single merged <<'PY'
import json, os, sys
single, merged = sys.argv[1], sys.argv[2]
cmd = lambda d: json.load(open(os.path.join(d, "summary.json")))["provenance"]["command"].encode()
want, got = cmd(single), cmd(merged)
def files(d):
    return sorted(os.path.relpath(os.path.join(r, f), d) for r, _, fs in os.walk(d) for f in fs if f != ".concord")
a, b = files(single), files(merged)
if a != b:
    sys.exit(f"test-workflow: the merged results hold other files: {sorted(set(a) ^ set(b))}")
bad = [f for f in a if open(os.path.join(single, f), "rb").read() != open(os.path.join(merged, f), "rb").read().replace(got, want)]
if bad:
    sys.exit(f"test-workflow: the merged results differ from one run in {bad}")
print(f"test-workflow: snakemake's 4 shards merged equal one run: {len(a)} files, byte for byte")
PY
