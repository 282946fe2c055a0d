#!/usr/bin/env bash
# Benchmark: concord against the bcftools pipeline a user would otherwise run
# and against the decompression floor, on the shared TSO500-like workload, in
# one run. Prints medians and the ratios the README quotes.
#
# usage: bench/run.sh [WORKDIR]     (default: /tmp/concord-bench)
#
# Needs ../shared/bench (the workload generator, the bcftools pipeline and
# the floor program) next to the project, and installs bcftools, tabix and
# hyperfine from Debian's packages when they are missing. W4000 takes about
# 150 s to generate once; it is reused afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_BENCH:-$here/../shared/bench}
work=${1:-/tmp/concord-bench}
runs=${RUNS:-5}
[ -d "$shared/gen" ] || { echo "bench: $shared not found (set SHARED_BENCH)" >&2; exit 1; }
need=()
for t in bcftools bgzip hyperfine /usr/bin/time; do command -v "$t" >/dev/null || need+=("$t"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing bcftools tabix hyperfine time" >&2
  apt-get update -qq && apt-get install -y -qq bcftools tabix hyperfine time >/dev/null
fi
mkdir -p "$work/bin"
(cd "$shared/gen" && go build -o "$work/bin/tsogen" .)
(cd "$shared/floor" && GOFLAGS=-mod=mod go build -o "$work/bin/floor" .)
(cd "$here" && go build -o "$work/bin/concord" ./cmd/concord)
if [ ! -f "$work/w4000/truth.tsv" ]; then
  "$work/bin/tsogen" -n 4000 -out "$work/w4000" -j 2
fi
data=$work/w4000
head -641 "$data/manifest.tsv" > "$data/manifest640.tsv"
awk -F'\t' 'NR>1 && NR<=641 {print $10; print $11}' "$data/manifest.tsv" > "$work/files640.txt"
awk -F'\t' 'NR>1 {print $10; print $11}' "$data/manifest.tsv" > "$work/files4000.txt"
c=$work/bin/concord
res=$work/results; mkdir -p "$res"
{ nproc; go version; bcftools --version | head -1; hyperfine --version; uname -r; } > "$res/env.txt"

echo "== correctness: concord reproduces truth.tsv (W640 and W4000)"
for n in 640 4000; do
  sheet=$data/manifest.tsv; [ $n = 640 ] && sheet=$data/manifest640.tsv
  "$c" run --sheet "$sheet" --reference "$data/ref/ref.fa" --out "$work/out$n" --quiet --figures=false --bootstrap 0
  if diff <(awk -F"\t" 'NR==1{for(i=1;i<=NF;i++)c[$i]=i;next}{print $c["patient_id"]"\t"$c["shared"]"\t"$c["tissue_only"]"\t"$c["plasma_only"]}' "$work/out$n/patients.tsv" | sort) \
          <(tail -n +2 "$data/truth.tsv" | head -$n | sort) > /dev/null; then
    echo "W$n: all $n patients equal truth.tsv"
  else
    echo "W$n: DIFFERS from truth.tsv" >&2; exit 1
  fi
done

# "concord" is the analysis the issue measures (read, normalise, match, the
# tables and summary.json); "concord-full" adds the 1,000-replicate patient
# bootstrap, figures/ and report.html, the defaults of `concord run`.
core="--quiet --figures=false --bootstrap 0"
echo "== W640: concord vs lean bcftools pipeline vs floor (2 cores; $runs runs each)"
hyperfine --style basic --runs "$runs" --warmup 1 --export-json "$res/w640.json" \
  -n concord "$c run --sheet $data/manifest640.tsv --reference $data/ref/ref.fa --out $work/o640 $core" \
  -n concord-full "$c run --sheet $data/manifest640.tsv --reference $data/ref/ref.fa --out $work/o640f --quiet" \
  -n floor "$work/bin/floor -list $work/files640.txt -mode kp -count -j 2" \
  -n bcftools-lean "$shared/scripts/run_bcftools.sh $data 640 2 lean /dev/null"
echo "== W4000: concord vs floor"
hyperfine --style basic --runs "$runs" --warmup 1 --export-json "$res/w4000.json" \
  -n concord "$c run --sheet $data/manifest.tsv --reference $data/ref/ref.fa --out $work/o4000 $core" \
  -n concord-full "$c run --sheet $data/manifest.tsv --reference $data/ref/ref.fa --out $work/o4000f --quiet" \
  -n floor "$work/bin/floor -list $work/files4000.txt -mode kp -count -j 2"
/usr/bin/time -f "%M" -o "$res/rss4000.txt" "$c" run --sheet "$data/manifest.tsv" --reference "$data/ref/ref.fa" --out "$work/o4000" $core
/usr/bin/time -f "%M" -o "$res/rss4000full.txt" "$c" run --sheet "$data/manifest.tsv" --reference "$data/ref/ref.fa" --out "$work/o4000f" --quiet

python3 - "$res" <<'PY'
import json, statistics, sys
res = sys.argv[1]
def med(f):
    d = json.load(open(f"{res}/{f}"))
    return {r["command"]: statistics.median(r["times"]) for r in d["results"]}
a, b = med("w640.json"), med("w4000.json")
rss = int(open(f"{res}/rss4000.txt").read().split()[-1]) / 1024
rssf = int(open(f"{res}/rss4000full.txt").read().split()[-1]) / 1024
print(f"W640  concord {a['concord']:.3f} s | lean bcftools {a['bcftools-lean']:.2f} s | floor {a['floor']:.3f} s")
print(f"      concord is {a['bcftools-lean']/a['concord']:.1f}x faster than the lean bcftools pipeline (target >= 25x)")
print(f"      concord / floor = {a['concord']/a['floor']:.3f} (target <= 1.1)")
print(f"W640  full run (bootstrap, figures, report) {a['concord-full']:.3f} s")
print(f"W4000 concord {b['concord']:.3f} s | floor {b['floor']:.3f} s | concord / floor = {b['concord']/b['floor']:.3f}")
print(f"      full run (bootstrap, figures, report) {b['concord-full']:.3f} s")
print(f"      peak RSS {rss:.0f} MiB analysis, {rssf:.0f} MiB full run (target < 1024)")
PY
