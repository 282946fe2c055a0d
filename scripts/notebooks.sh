#!/bin/sh
# Executes every notebook of notebooks/ headless on the GoNB kernel and fails
# when a cell fails (an asserted number that moved panics its cell), then
# checks that the figures poster.ipynb drew are the CLI's byte for byte: at
# the default style those of concord demo, with the poster preset those of
# concord figures --preset poster. `make test` runs it; so can you.
#
#   1. Debian's packages (apt-get, as root): jupyter-nbconvert,
#      python3-nbclient, python3-ipykernel, jupyter-client; they run under
#      /usr/bin/python3.
#   2. GoNB at the pinned version and the two programs it calls, goimports
#      and gopls, built from pinned modules in scratch modules (the module
#      proxy refuses `go install module@version` here; `go get` + `go build`
#      works) into a tools folder kept between runs ($CONCORD_NOTEBOOK_TOOLS,
#      default ~/.cache/concord-notebooks): built once per version.
#   3. The GoNB kernel installed into that tools folder (JUPYTER_DATA_DIR),
#      so a GoNB kernel the user installed is left alone.
#   4. The notebooks module's own tests (notebooks/: outputs stripped, every
#      import pinned in go.mod), then concord demo by the CLI, then every
#      notebook executed by nbconvert into a scratch folder (the committed
#      notebooks are never written): explore and blood_alone read the CLI's
#      results; poster runs the demo itself through the library and writes
#      its figures, which are then compared with the CLI's.
set -eu

GONB_VERSION=v0.11.4           # github.com/janpfeifer/gonb
TOOLS_VERSION=v0.52.0          # golang.org/x/tools (goimports)
GOPLS_VERSION=v0.23.0          # golang.org/x/tools/gopls

root=$(cd "$(dirname "$0")/.." && pwd)
tools=${CONCORD_NOTEBOOK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/concord-notebooks}
bin=$tools/bin
mkdir -p "$bin"

say() { echo "notebooks: $*" >&2; }

# 1. Debian's packages.
pkgs="jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		say "missing Debian packages:$missing (install them as root: apt-get install$missing)"
		exit 1
	fi
	say "installing$missing (Debian)"
	apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

# 2. GoNB, goimports and gopls at pinned versions, each in its own scratch
# module so that one's requirements cannot move another's version.
build() { # build NAME PACKAGE VERSION
	out=$bin/$1-$3
	if [ ! -x "$out" ]; then
		say "building $2 at $3 (once)"
		scratch=$(mktemp -d)
		if ! (cd "$scratch" && go mod init scratch && go get "$2@$3" &&
			go build -o "$out" "$2") >"$scratch.log" 2>&1; then
			cat "$scratch.log" >&2
			rm -rf "$scratch" "$scratch.log"
			say "could not build $2 at $3"
			exit 1
		fi
		rm -f "$scratch.log"
		rm -rf "$scratch"
	fi
	ln -sf "$1-$3" "$bin/$1"
}
build gonb github.com/janpfeifer/gonb "$GONB_VERSION"
build goimports golang.org/x/tools/cmd/goimports "$TOOLS_VERSION"
build gopls golang.org/x/tools/gopls "$GOPLS_VERSION"
PATH=$bin:$PATH
export PATH

# 3. The kernel, in the tools folder.
JUPYTER_DATA_DIR=$tools/jupyter
export JUPYTER_DATA_DIR
gonb --install --logtostderr=false >/dev/null 2>&1 || { say "gonb --install failed"; gonb --install; exit 1; }

# 4. The notebooks module's tests, the CLI's demo, then the notebooks.
# go mod graph fetches the go.mod of every module in the graph, which the
# kernel's bare go get reads (GOPROXY=off below) and go vet does not: on a
# fresh module cache it failed on github.com/kr/text@v0.2.0's.
(cd "$root/notebooks" && go vet ./... && go test ./... && go mod graph >/dev/null)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
(cd "$root" && go build -o "$work/concord" ./cmd/concord)
# gota is the notebooks': concord's binary must not depend on it
if (cd "$root" && go list -deps ./cmd/concord) | grep -q '^github.com/go-gota/'; then
	say "cmd/concord depends on gota, which belongs to notebooks/ only"
	exit 1
fi
"$work/concord" demo --quiet --out "$work/cli-demo"

# nbconvert runs under Debian's python3 (the packages above), whatever
# python3 comes first on PATH; a cell that fails makes it exit non-zero.
# GOPROXY=off: the kernel may fetch nothing (the go vet above downloaded
# what go.mod pins), so an import a notebook did not pin fails here rather
# than being resolved to @latest by GoNB's go get.
execute() { # execute RESULTS NOTEBOOK...: into $work/executed, reading RESULTS ("" runs the demo)
	results=$1
	shift
	env CONCORD_RESULTS="$results" CONCORD_NOTEBOOK_OUT="$work/out" GOPROXY=off \
		/usr/bin/python3 -m nbconvert --to notebook --execute \
		--ExecutePreprocessor.kernel_name=gonb --ExecutePreprocessor.timeout=600 \
		--ExecutePreprocessor.startup_timeout=300 \
		--output-dir "$work/executed" "$@"
}
start=$(date +%s)
# poster runs the demo itself, through the library; the others read the
# CLI's demo
execute "" "$root/notebooks/poster.ipynb"
# shellcheck disable=SC2046
execute "$work/cli-demo" $(ls "$root"/notebooks/*.ipynb | grep -v '/poster\.ipynb$')
say "executed $(ls "$root"/notebooks/*.ipynb | wc -l) notebooks in $(($(date +%s) - start)) s"

# The figures the poster notebook drew at concord's default style, from the
# demo it ran through the library, are the CLI's demo figures byte for byte.
n=0
for cli in "$work"/cli-demo/figures/*.png; do
	nb=$work/out/poster-figures/default/$(basename "$cli")
	if ! cmp -s "$cli" "$nb"; then
		say "$(basename "$cli"): the poster notebook's PNG differs from concord demo's (or is missing)"
		exit 1
	fi
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { say "concord demo drew no PNG"; exit 1; }
say "$n PNGs of the poster notebook byte-identical to concord demo's"

# The poster panel, drawn by the notebook with the poster preset, is what
# `concord figures --preset poster` draws from the CLI's demo.
"$work/concord" figures --results "$work/cli-demo" --out "$work/cli-poster" --preset poster --format png >/dev/null
n=0
for nb in "$work"/out/poster-figures/*.png; do
	if ! cmp -s "$nb" "$work/cli-poster/$(basename "$nb")"; then
		say "$(basename "$nb"): the poster notebook's poster PNG differs from concord figures --preset poster's"
		exit 1
	fi
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { say "the poster notebook drew no poster PNG"; exit 1; }
say "$n poster-preset PNGs of the poster notebook byte-identical to concord figures --preset poster's"
