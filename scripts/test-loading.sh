#!/bin/sh
# Tests docs/loading.md's snippets (R readr, R data.table, pandas, DuckDB)
# on the demo's output, as make test does: runs `concord demo --format parquet` into a
# temporary folder, then TestLoadingSnippets (concordance/schema), which
# loads every table with each snippet and checks every column's type, rows
# and missing values against the schema; DuckDB also reads the Parquet
# tables (issue 15), checked the same way. scripts/test-deps.sh installs the
# readers (Debian's r-base-core, r-cran-readr, r-cran-data.table,
# r-cran-jsonlite, python3-pandas; @duckdb/node-api from npm into
# scripts/duckdb). A reader that is missing is skipped with a message, and
# fails the test under CI (CI set). About 25 s, most of it the demo.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/concord" ./cmd/concord
"$tmp/concord" demo --out "$tmp/results" --figures=false --quiet --format parquet
CONCORD_LOADING_RESULTS="$tmp/results" go test -count=1 -v -run '^TestLoadingSnippets$' ./concordance/schema
