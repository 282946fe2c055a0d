#!/usr/bin/env bash
# Scale benchmark (issue 15): for each cohort size, simulates a cohort
# (concord simulate, seed 1) and measures, with GNU time, the wall time,
# CPU time (user+sys) and peak RSS of
#   simulate  concord simulate
#   analysis  concord run --figures=false --bootstrap 0
#   full run  concord run (1,000 bootstrap replicates, figures, report.html)
#   shards    concord run --shard k/4, k = 1..4 (the slowest one's wall and
#             peak RSS; CPU summed)
#   merge     concord merge of the 4 shards (cohort stage, figures, report)
# and checks that the merge equals the full run (every file but .concord
# and the recorded command). Prints a Markdown table and the per-patient
# slopes between the two largest sizes.
#
# usage: bench/scale.sh [SIZES...]     (default: 1000 10000 100000)
# env:   WORK (/tmp/concord-scale)     cohorts are kept there between runs
#        THREADS (0: all cores)
#        TABLE_ONLY (unset)             set: print the table of the last log
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/concord-scale}
threads=${THREADS:-0}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
command -v /usr/bin/time >/dev/null || { echo "scale: needs GNU time (/usr/bin/time; Debian: time)" >&2; exit 1; }
mkdir -p "$work"
bin=$work/concord
(cd "$here" && go build -o "$bin" ./cmd/concord)

# measure NAME CMD...: runs CMD, appends "NAME wall cpu rss_kib" to $log.
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null
  read -r wall user sys rss < "$work/time.txt"
  echo "$name $wall $(echo "$user + $sys" | bc) $rss" >> "$log"
}

log=$work/scale.log
[ -n "${TABLE_ONLY:-}" ] || : > "$log"
for n in "${sizes[@]}"; do
  [ -z "${TABLE_ONLY:-}" ] || break
  c=$work/cohort$n
  if [ ! -f "$c/samplesheet.tsv" ]; then
    measure "simulate:$n" "$bin" simulate --out "$c" --patients "$n" --cohort-seed 1 --threads "$threads" --force
  fi
  sheet=$c/samplesheet.tsv ref=$c/reference/genome.fa
  measure "analysis:$n" "$bin" run --sheet "$sheet" --reference "$ref" --out "$work/analysis$n" --force --quiet \
    --figures=false --bootstrap 0 --threads "$threads"
  measure "full:$n" "$bin" run --sheet "$sheet" --reference "$ref" --out "$work/full$n" --force --quiet --threads "$threads"
  for k in 1 2 3 4; do
    measure "shard$k:$n" "$bin" run --sheet "$sheet" --reference "$ref" --out "$work/shard$n-$k" --force --quiet \
      --shard "$k/4" --threads "$threads"
  done
  measure "merge:$n" "$bin" merge "$work/shard$n-1" "$work/shard$n-2" "$work/shard$n-3" "$work/shard$n-4" \
    --out "$work/merge$n" --force --quiet --threads "$threads"
  want=$(grep -o '"command": "[^"]*"' "$work/full$n/summary.json" | cut -d'"' -f4)
  got=$(grep -o '"command": "[^"]*"' "$work/merge$n/summary.json" | cut -d'"' -f4)
  for f in $(cd "$work/full$n" && find . -type f ! -name .concord); do
    if ! sed "s#$got#$want#g" "$work/merge$n/$f" | cmp -s - "$work/full$n/$f"; then
      echo "scale: $n patients: the merge's $f differs from the full run's" >&2
      exit 1
    fi
  done
  for f in report.html summary.json alterations.tsv; do
    echo "size:$n:$f $(stat -c %s "$work/full$n/$f")" >> "$log"
  done
done

awk -v sizes="${sizes[*]}" '
function mib(k) { return sprintf("%.0f MiB", k / 1024) }
/^size:/ { split($1, a, ":"); size[a[2], a[3]] = $2; next }
{ split($1, a, ":"); wall[a[1], a[2]] = $2; cpu[a[1], a[2]] = $3; rss[a[1], a[2]] = $4 }
END {
  n = split(sizes, s, " ")
  print "| patients | simulate wall / peak RSS | analysis wall / CPU / peak RSS | full run wall / CPU / peak RSS | 4 shards: slowest wall / CPU / peak RSS | merge wall / CPU / peak RSS | report.html | summary.json |"
  print "|---|---|---|---|---|---|---|---|"
  for (i = 1; i <= n; i++) {
    p = s[i]; sw = 0; sc = 0; sr = 0
    for (k = 1; k <= 4; k++) { if (wall["shard" k, p] > sw) sw = wall["shard" k, p]; sc += cpu["shard" k, p]; if (rss["shard" k, p] > sr) sr = rss["shard" k, p] }
    sim = (("simulate", p) in wall) ? sprintf("%.1f s / %s", wall["simulate", p], mib(rss["simulate", p])) : "(kept)"
    printf "| %d | %s | %.1f s / %.1f s / %s | %.1f s / %.1f s / %s | %.1f s / %.1f s / %s | %.1f s / %.1f s / %s | %.1f MB | %.2f MB |\n", p, sim,
      wall["analysis", p], cpu["analysis", p], mib(rss["analysis", p]),
      wall["full", p], cpu["full", p], mib(rss["full", p]), sw, sc, mib(sr),
      wall["merge", p], cpu["merge", p], mib(rss["merge", p]),
      size[p, "report.html"] / 1e6, size[p, "summary.json"] / 1e6
  }
  if (n >= 2) {
    lo = s[n-1]; hi = s[n]
    printf "\nper patient between %d and %d: analysis %.2f ms wall, %.1f KiB peak RSS; full run %.2f ms wall, %.1f KiB peak RSS\n", lo, hi,
      1000 * (wall["analysis", hi] - wall["analysis", lo]) / (hi - lo), (rss["analysis", hi] - rss["analysis", lo]) / (hi - lo),
      1000 * (wall["full", hi] - wall["full", lo]) / (hi - lo), (rss["full", hi] - rss["full", lo]) / (hi - lo)
  }
}' "$log"
