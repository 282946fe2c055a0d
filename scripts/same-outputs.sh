#!/usr/bin/env bash
# Runs the default (pure-Go) build of concord and the libdeflate build
# (go build -tags libdeflate) on one simulated cohort and requires every
# output file to be byte-identical: the tables, summary.json, the figures in
# every format, report.html (all but .concord, which records the run: its
# id, time and process).
#
# The cohort's call files are BGZF as simulated; a third of the tissue VCFs
# are rewritten as plain gzip with a file name in the header (as gzip(1)
# writes it) and a third as two concatenated gzip members, so both of the
# libdeflate build's paths (BGZF blocks, whole gzip members) are compared.
#
# usage: scripts/same-outputs.sh [PATIENTS]   (default 120)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-120}
work=$(mktemp -d "${TMPDIR:-/tmp}/concord-same.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$here"
go build -o "$work/concord-pure" ./cmd/concord
go build -tags libdeflate -o "$work/concord-libdeflate" ./cmd/concord
"$work/concord-pure" simulate --out "$work/cohort" --patients "$n" --cohort-seed 11 >/dev/null
i=0
for f in "$work"/cohort/calls/*/*_T.vcf.gz; do
  i=$((i + 1))
  case $((i % 3)) in
  1) # one gzip member with FNAME
    gzip -dc "$f" > "$work/calls.vcf"
    gzip -c "$work/calls.vcf" > "$f" ;;
  2) # two members
    gzip -dc "$f" > "$work/calls.vcf"
    half=$(( $(wc -l < "$work/calls.vcf") / 2 ))
    { head -n "$half" "$work/calls.vcf" | gzip -n; tail -n +"$((half + 1))" "$work/calls.vcf" | gzip -n; } > "$f" ;;
  esac
done
rm -f "$work/calls.vcf"
# The rewriting took: FLG (byte 4) is 4 (FEXTRA) in BGZF, 8 (FNAME) or 0 else.
flags=$(for f in "$work"/cohort/calls/*/*_T.vcf.gz; do od -An -tu1 -j3 -N1 "$f"; done | sort | uniq -c | awk '{print $2}' | tr '\n' ' ')
[ "$flags" = "0 4 8 " ] || { echo "same-outputs: expected BGZF, gzip and named gzip tissue files; header flags: $flags" >&2; exit 1; }
for b in pure libdeflate; do
  # The same --out for both: the results' README.md quotes the command.
  "$work/concord-$b" run --sheet "$work/cohort/samplesheet.tsv" --reference "$work/cohort/reference/genome.fa" \
    --out "$work/out" --quiet
  mv "$work/out" "$work/out-$b"
done
files=$(cd "$work/out-pure" && find . -type f ! -name .concord | wc -l)
if diff -r --exclude=.concord "$work/out-pure" "$work/out-libdeflate" >&2; then
  echo "same-outputs: the pure-Go and libdeflate builds wrote the same $files files for $n patients"
else
  echo "same-outputs: the pure-Go and libdeflate builds differ (above)" >&2
  exit 1
fi
