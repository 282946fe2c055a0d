#!/bin/sh
# Installs the Debian packages the tests need, when they are missing:
#   chromium  the browser test of report.html (concordance/report) loads the
#             report headless and fails on console errors or missing figures.
#   libdeflate-dev, pkg-config, gcc
#             the libdeflate build (go build -tags libdeflate, cgo), which
#             scripts/test-libdeflate.sh tests against the default build.
#   snakemake the workflow (workflow/Snakefile), which scripts/test-workflow.sh
#             runs on a simulated cohort in shards against one run.
# A no-op when everything is present. Where nothing can be installed (not
# root, no apt-get, no package mirror) it says so and goes on: the browser
# test then skips with a message naming what is missing, and so does the
# libdeflate build's (outside CI).
set -eu

have() { command -v "$1" >/dev/null 2>&1; }

install() {
	if [ "$(id -u)" = 0 ] && have apt-get; then
		echo "test-deps: installing $* (Debian) for $why" >&2
		if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }; then
			echo "test-deps: could not install $*; $skip" >&2
		fi
	else
		echo "test-deps: $* missing and cannot be installed here (needs root and apt-get); $skip" >&2
	fi
}

if ! have chromium && ! have chromium-browser; then
	why="the report.html browser test" skip="the browser test will skip"
	install chromium
fi

if ! have pkg-config || ! pkg-config --exists libdeflate || ! have cc; then
	why="the libdeflate build (-tags libdeflate)" skip="the libdeflate build will not be tested"
	install libdeflate-dev pkg-config gcc
fi
if ! have snakemake; then
	why="the Snakemake workflow test" skip="the workflow will not be tested"
	install snakemake
fi
exit 0
