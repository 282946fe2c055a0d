#!/bin/sh
# Runs every native Go fuzz target (func FuzzXxx in a _test.go file) for a
# short time each, so that a regression a fuzzer would find quickly is
# caught in CI. Go allows one -fuzz target per invocation, so the targets
# run one after another.
#
# usage: scripts/fuzz.sh [FUZZTIME]     (default 20000x; e.g. 10m for a long run)
#
# The default is a count of executions, not a duration: a duration-based
# -fuzztime can fail with a bare "context deadline exceeded" and no crasher
# on a loaded machine, a race in Go's fuzz coordinator (golang/go#75804,
# fixed in Go 1.27, not in 1.26); a count has no deadline to race.
#
# A failure leaves the input under the package's testdata/fuzz/FuzzXxx/,
# where `go test` replays it as a regression test from then on: commit it
# with the fix.
set -eu
cd "$(dirname "$0")/.."
fuzztime=${1:-${FUZZTIME:-20000x}}
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
