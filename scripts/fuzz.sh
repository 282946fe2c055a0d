#!/bin/sh
# Runs every native Go fuzz target (func FuzzXxx in a _test.go file) for a
# short time each, so that a regression a fuzzer would find quickly is
# caught in CI. Go allows one -fuzz target per invocation, so the targets
# run one after another.
#
# usage: scripts/fuzz.sh [FUZZTIME]     (default 3s; e.g. 10m for a long run)
#
# A failure leaves the input under the package's testdata/fuzz/FuzzXxx/,
# where `go test` replays it as a regression test from then on: commit it
# with the fix.
set -eu
cd "$(dirname "$0")/.."
fuzztime=${1:-${FUZZTIME:-3s}}
status=0
targets=$(grep -rlE --include='*_test.go' '^func Fuzz[A-Z][A-Za-z0-9_]*\(' . | sort)
for file in $targets; do
	dir=./$(dirname "${file#./}")
	for name in $(sed -nE 's/^func (Fuzz[A-Z][A-Za-z0-9_]*)\(.*/\1/p' "$file"); do
		echo "fuzz: $dir $name ($fuzztime)"
		if ! go test -run='^$' -fuzz="^$name\$" -fuzztime="$fuzztime" "$dir"; then
			status=1
		fi
	done
done
exit $status
