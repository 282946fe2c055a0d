#!/usr/bin/env bash
# Benchmark (issue 18): concord's analysis in the default (pure-Go) and the
# libdeflate build, concord's default run, the Go decompress-and-count
# floor, `bgzip -d -@2` (libdeflate: the physical floor) and the lean
# per-patient bcftools pipeline, on W640 and W4000 of the shared TSO500-like
# workload, in one run. Prints medians of wall and CPU (user+sys) time and
# the ratios the issue sets targets for; with valgrind present, also the
# instructions (callgrind) of both builds' analysis of W640, which a busy
# machine does not blur.
#
# usage: bench/run.sh [WORKDIR]     (default: /tmp/concord-bench)
# env:   ROUNDS (5)      rounds; each runs every command once, in turn, so
#                        that a change in the machine's load hits all alike
#        BCF_ROUNDS640 (3), BCF_ROUNDS4000 (1)
#                        rounds of the bcftools pipeline (17 s and 130 s
#                        a run), 0 to skip it
#        CALLGRIND (1)   0 skips the instruction counts (about 2 minutes)
#
# Needs ../shared/bench (the workload generator, the bcftools pipeline and
# the floor program) next to the project (or its main checkout), and installs bcftools, tabix
# (bgzip), valgrind and libdeflate-dev from Debian's packages when they are
# missing. W4000 takes about 150 s to generate once; it is kept in WORKDIR.
# "analysis" is `concord run --figures=false --bootstrap 0` (read,
# normalise, match, the tables and summary.json); the default run adds the
# 1,000-replicate patient bootstrap, figures/ and report.html.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_BENCH:-$here/../shared/bench}
if [ ! -d "$shared/gen" ] && [ -z "${SHARED_BENCH:-}" ]; then
  # A git worktree elsewhere: next to the main checkout, then.
  main=$(dirname "$(git -C "$here" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo .)")
  shared=$main/../shared/bench
fi
work=${1:-/tmp/concord-bench}
[ -d "$shared/gen" ] || { echo "bench: $shared not found (set SHARED_BENCH)" >&2; exit 1; }
need=()
command -v bcftools >/dev/null || need+=(bcftools)
command -v bgzip >/dev/null || need+=(tabix)
command -v valgrind >/dev/null || need+=(valgrind)
pkg-config --exists libdeflate 2>/dev/null || need+=(libdeflate-dev pkg-config gcc)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
mkdir -p "$work/bin"
bin=$work/bin
(cd "$shared/gen" && go build -o "$bin/tsogen" .)
(cd "$shared/floor" && GOFLAGS=-mod=mod go build -o "$bin/floor" .)
(cd "$here" && go build -o "$bin/concord-pure" ./cmd/concord)
(cd "$here" && go build -tags libdeflate -o "$bin/concord-libdeflate" ./cmd/concord)
if [ ! -f "$work/w4000/truth.tsv" ]; then
  "$bin/tsogen" -n 4000 -out "$work/w4000" -j 2
fi
data=$work/w4000
ref=$data/ref/ref.fa
head -641 "$data/manifest.tsv" > "$data/manifest640.tsv"
awk -F'\t' 'NR>1 && NR<=641 {print $10; print $11}' "$data/manifest.tsv" > "$work/files640.txt"
awk -F'\t' 'NR>1 {print $10; print $11}' "$data/manifest.tsv" > "$work/files4000.txt"
res=$work/results
mkdir -p "$res"
rm -f "$res"/callgrind.* # an earlier run's counts are not this one's (CALLGRIND=0 leaves none)
{
  echo "cores: $(nproc)"; go version; bcftools --version | head -1; bgzip --version | head -1
  echo "bgzip links: $(ldd "$(command -v bgzip)" | grep -o 'libdeflate[^ ]*' | head -1)"
  echo "libdeflate (concord): $(pkg-config --modversion libdeflate)"; uname -r
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$res/env.txt"
cat "$res/env.txt"

sheet() { if [ "$1" = 640 ]; then echo "$data/manifest640.tsv"; else echo "$data/manifest.tsv"; fi; }

echo "== correctness: both builds reproduce truth.tsv (W640 and W4000)"
for n in 640 4000; do
  for b in pure libdeflate; do
    # One --out for both builds (summary.json quotes the command), moved aside.
    rm -rf "$work/out$n-$b"
    "$bin/concord-$b" run --sheet "$(sheet $n)" --reference "$ref" --out "$work/out$n" --quiet --figures=false --bootstrap 0
    mv "$work/out$n" "$work/out$n-$b"
    if diff <(awk -F"\t" 'NR==1{for(i=1;i<=NF;i++)c[$i]=i;next}{print $c["patient_id"]"\t"$c["shared"]"\t"$c["tissue_only"]"\t"$c["plasma_only"]}' "$work/out$n-$b/patients.tsv" | sort) \
            <(tail -n +2 "$data/truth.tsv" | head -"$n" | sort) > /dev/null; then
      echo "W$n $b: all $n patients equal truth.tsv"
    else
      echo "W$n $b: DIFFERS from truth.tsv" >&2; exit 1
    fi
  done
  diff -r --exclude=.concord "$work/out$n-pure" "$work/out$n-libdeflate" >/dev/null ||
    { echo "W$n: the two builds' outputs differ" >&2; exit 1; }
  echo "W$n: the two builds' outputs are byte-identical"
done

# The commands, by workload. Each round runs them all once, in turn.
cmds() {
  local n=$1 s; s=$(sheet "$1")
  local core="--quiet --figures=false --bootstrap 0"
  echo "analysis-pure	$bin/concord-pure run --sheet $s --reference $ref --out $work/o$n $core"
  echo "analysis-libdeflate	$bin/concord-libdeflate run --sheet $s --reference $ref --out $work/o$n $core"
  echo "default-pure	$bin/concord-pure run --sheet $s --reference $ref --out $work/o${n}f --quiet"
  echo "default-libdeflate	$bin/concord-libdeflate run --sheet $s --reference $ref --out $work/o${n}f --quiet"
  echo "floor	$bin/floor -list $work/files$n.txt -mode kp -count -j 2"
  echo "bgzip-d-@2	xargs -a $work/files$n.txt cat | bgzip -d -c -@2 > /dev/null"
  echo "bcftools-lean	$shared/scripts/run_bcftools.sh $data $n 2 lean /dev/null"
}
python3 - "$res" "${ROUNDS:-5}" "${BCF_ROUNDS640:-3}" "${BCF_ROUNDS4000:-1}" <(cmds 640) <(cmds 4000) <<'PY'
import json, os, subprocess, sys, time
res, rounds, bcf640, bcf4000 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
work = {"W640": [l.rstrip("\n").split("\t") for l in open(sys.argv[5])],
        "W4000": [l.rstrip("\n").split("\t") for l in open(sys.argv[6])]}
bcf = {"W640": bcf640, "W4000": bcf4000}

def run(cmd):
    """Wall seconds, CPU seconds (user+sys of the command and everything it waited for), peak RSS (MiB)."""
    with open(f"{res}/stderr.txt", "w+") as errf:
        t0 = time.perf_counter()
        p = subprocess.Popen(["bash", "-c", cmd], stdout=subprocess.DEVNULL, stderr=errf)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        if status != 0:
            errf.seek(0)
            sys.exit(f"bench: failed ({status}): {cmd}\n{errf.read()}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024

samples = {}
for w, cmds in work.items():
    print(f"== {w}: {rounds} rounds (bcftools {bcf[w]}), each command once a round, after one warm-up round", flush=True)
    for r in range(rounds + 1):
        for name, cmd in cmds:
            if name == "bcftools-lean" and (r == 0 or r > bcf[w]):
                continue
            s = run(cmd)
            if r > 0:
                samples.setdefault(w, {}).setdefault(name, []).append(s)
        if r > 0:
            print(f"   round {r} done", flush=True)
json.dump(samples, open(f"{res}/times.json", "w"), indent=1)
PY

if [ "${CALLGRIND:-1}" != 0 ]; then
  echo "== instructions (callgrind, --threads 1) of both builds' analysis of W640"
  for b in pure libdeflate; do
    GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file="$res/callgrind.$b" \
      "$bin/concord-$b" run --sheet "$data/manifest640.tsv" --reference "$ref" --out "$work/cg640" \
      --quiet --figures=false --bootstrap 0 --threads 1 2> "$res/callgrind.$b.log"
    callgrind_annotate --threshold=100 --auto=no "$res/callgrind.$b" > "$res/callgrind.$b.txt" 2>/dev/null
  done
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$res/env.txt"

python3 - "$res" <<'PY'
import json, os, re, statistics, sys
res = sys.argv[1]
samples = json.load(open(f"{res}/times.json"))
def med(w, name, i):
    s = samples[w].get(name)
    return statistics.median(x[i] for x in s) if s else None
def cell(w, name):
    wall, cpu = med(w, name, 0), med(w, name, 1)
    if wall is None:
        return "—"
    return f"{wall:.2f} s / {cpu:.2f} s"
names = [("analysis-pure", "concord analysis, pure Go"), ("analysis-libdeflate", "concord analysis, libdeflate"),
         ("default-pure", "concord default run, pure Go"), ("default-libdeflate", "concord default run, libdeflate"),
         ("floor", "Go floor (klauspost, 2 workers)"), ("bgzip-d-@2", "bgzip -d -@2 (libdeflate)"),
         ("bcftools-lean", "lean bcftools pipeline, 2 jobs")]
print(f"\nmedians, wall / CPU (user+sys); runs: " + ", ".join(f"{w} {len(samples[w]['analysis-pure'])} ({len(samples[w].get('bcftools-lean', []))} bcftools)" for w in samples))
print(f"| | W640 | W4000 |\n|---|---|---|")
for k, label in names:
    print(f"| {label} | {cell('W640', k)} | {cell('W4000', k)} |")
rss = {w: max(x[2] for x in samples[w]["analysis-libdeflate"] + samples[w]["analysis-pure"]) for w in samples}
rssf = {w: max(x[2] for x in samples[w]["default-libdeflate"] + samples[w]["default-pure"]) for w in samples}
print(f"| peak memory, analysis / default run | {rss['W640']:.0f} / {rssf['W640']:.0f} MiB | {rss['W4000']:.0f} / {rssf['W4000']:.0f} MiB |")

def ratio(w, a, b, i=0):
    x, y = med(w, a, i), med(w, b, i)
    return None if x is None or y is None else x / y
def show(label, r, target=None, above=False):
    if r is None:
        print(f"  {label}: not measured"); return
    t = ""
    if target is not None:
        ok = r >= target if above else r <= target
        t = f"  (target {'≥' if above else '≤'} {target}{'×' if above else ''}: {'met' if ok else 'MISSED'})"
    print(f"  {label}: {r:.2f}{t}")
for w in samples:
    print(f"\n{w}")
    show("lean bcftools / libdeflate analysis (wall: times faster)", ratio(w, "bcftools-lean", "analysis-libdeflate"), 35 if w == "W640" else None, above=True)
    show("lean bcftools / pure-Go analysis (wall)", ratio(w, "bcftools-lean", "analysis-pure"))
    show("libdeflate analysis / bgzip -d -@2 (wall)", ratio(w, "analysis-libdeflate", "bgzip-d-@2"), 1.3 if w == "W640" else None)
    show("libdeflate analysis / bgzip -d -@2 (CPU)", ratio(w, "analysis-libdeflate", "bgzip-d-@2", 1))
    show("pure-Go analysis / libdeflate analysis (wall)", ratio(w, "analysis-pure", "analysis-libdeflate"))
    show("pure-Go analysis / libdeflate analysis (CPU)", ratio(w, "analysis-pure", "analysis-libdeflate", 1))
    show("pure-Go analysis / Go floor (wall)", ratio(w, "analysis-pure", "floor"))
    show("default run / analysis, libdeflate build (wall)", ratio(w, "default-libdeflate", "analysis-libdeflate"), 1.4)
    show("default run / analysis, pure-Go build (wall)", ratio(w, "default-pure", "analysis-pure"), 1.4)

def ir(b):
    """Total instructions, and those of the inflater itself (exclusive:
    klauspost/compress and hash/crc32 for pure Go, libdeflate's library)."""
    f = f"{res}/callgrind.{b}.txt"
    if not os.path.exists(f):
        return None, None
    total, inflate = None, 0
    for line in open(f):
        m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$", line)
        if not m:
            continue
        n, fn = int(m.group(1).replace(",", "")), m.group(2)
        if fn.startswith("PROGRAM TOTALS"):
            total = n
        elif b == "pure" and re.search(r"klauspost/compress/|hash/crc32", fn) or b == "libdeflate" and "libdeflate.so" in fn:
            inflate += n
    return total, inflate
tp, ip = ir("pure")
tl, il = ir("libdeflate")
if tp and tl:
    print(f"\ninstructions (callgrind, W640 analysis, --threads 1): pure Go {tp/1e9:.2f} G, libdeflate {tl/1e9:.2f} G: {tp/tl:.2f}x fewer")
    print(f"  inflating: pure Go {ip/1e9:.2f} G ({100*ip/tp:.0f}%), libdeflate {il/1e9:.2f} G ({100*il/tl:.0f}%): {ip/il:.2f}x fewer")
    print("  (valgrind hides SHA-NI, so SHA-256 counts as AVX2 code here: a larger share than on the CPU)")
PY
