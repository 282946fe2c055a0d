#!/bin/sh
# The libdeflate build's tests, which make test runs after the default
# build's: go vet with the tag, the packages that decompress (infile, the
# pipeline, gVCF evidence, the VCF reader), the CLI's catalogue of hostile
# files (the same messages: truncation, corruption, the line and inflate
# caps), FuzzDecompress briefly (as scripts/fuzz.sh: 20,000 executions; in
# this build it compares the two inflaters) and byte-identical outputs
# against the default build (scripts/same-outputs.sh). About 15 s; the whole tree with the tag would
# add about 100 s (cmd/concord alone), little of it about decompression.
#
# Without libdeflate-dev or a C compiler (scripts/test-deps.sh installs
# them as root) it says so and skips, failing under CI (CI set).
set -eu
cd "$(dirname "$0")/.."
if ! pkg-config --exists libdeflate 2>/dev/null || ! command -v cc >/dev/null 2>&1; then
	echo "test-libdeflate: libdeflate-dev (pkg-config) or a C compiler is missing: the libdeflate build is not tested" >&2
	[ -z "${CI:-}" ] || exit 1
	exit 0
fi
go vet -tags libdeflate ./...
go test -tags libdeflate ./internal/infile ./concordance/pipeline ./concordance/evidence ./concordance/input/vcf
go test -tags libdeflate -run '^(TestCatalogueFiles|TestGzippedSheet|TestCheckRefusesSpecialFiles)$' ./cmd/concord
# FuzzDecompress compares the two inflaters byte for byte in this build.
go test -tags libdeflate -run '^$' -fuzz '^FuzzDecompress$' -fuzztime "${FUZZTIME:-20000x}" ./internal/infile
./scripts/same-outputs.sh
