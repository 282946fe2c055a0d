#!/bin/sh
# Installs the packages the tests need, when they are missing:
#   chromium  the browser test of report.html (concordance/report) loads the
#             report headless and fails on console errors or missing figures.
#   libdeflate-dev, pkg-config, gcc
#             the libdeflate build (go build -tags libdeflate, cgo), which
#             scripts/test-libdeflate.sh tests against the default build.
#   poppler-utils
#             pdftotext, pdffonts and pdfinfo read the PDFs internal/pdf
#             writes: the text as written, the fonts embedded.
#   snakemake the workflow (workflow/Snakefile), which scripts/test-workflow.sh
#             runs on a simulated cohort in shards against one run.
#   r-base-core, r-cran-readr, r-cran-data.table, r-cran-jsonlite,
#   python3-pandas, and @duckdb/node-api from npm (npm ci in scripts/duckdb)
#             the readers of docs/loading.md's snippets, which
#             scripts/test-loading.sh runs on the demo's output.
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
if ! have pdftotext || ! have pdffonts || ! have pdfinfo; then
	why="reading the PDFs concord writes (internal/pdf)" skip="the poppler test of the PDFs will skip"
	install poppler-utils
fi
if ! have snakemake; then
	why="the Snakemake workflow test" skip="the workflow will not be tested"
	install snakemake
fi

if ! have Rscript || ! Rscript -e 'library(readr); library(data.table); library(jsonlite)' >/dev/null 2>&1; then
	why="docs/loading.md's R snippets" skip="the R snippets will not be tested"
	install r-base-core r-cran-readr r-cran-data.table r-cran-jsonlite
fi

if ! /usr/bin/python3 -c 'import pandas' >/dev/null 2>&1; then
	why="docs/loading.md's pandas snippet" skip="the pandas snippet will not be tested"
	install python3-pandas
fi

# DuckDB from npm at the version scripts/duckdb/package-lock.json pins (a
# registry package that ships its library: nothing else is downloaded).
duckdb="$(dirname "$0")/duckdb"
if [ ! -d "$duckdb/node_modules/@duckdb/node-api" ]; then
	if have npm && (cd "$duckdb" && npm ci --no-audit --no-fund --silent); then
		echo "test-deps: installed @duckdb/node-api into scripts/duckdb for docs/loading.md's DuckDB snippet" >&2
	else
		echo "test-deps: could not install @duckdb/node-api (npm ci in scripts/duckdb); the DuckDB snippet will not be tested" >&2
	fi
fi
exit 0
