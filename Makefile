# The two commands of the README: `go run ./cmd/concord demo` and `make test`.
.PHONY: test build build-libdeflate bench

# test installs what the tests need from Debian's packages (scripts/test-deps.sh,
# a no-op when everything is present), runs every Go test, then every fuzz
# target briefly (scripts/fuzz.sh: 20,000 executions each) so that a
# regression a fuzzer finds quickly is caught, then tests the libdeflate
# build against the default one (scripts/test-libdeflate.sh: the
# decompressing packages with -tags libdeflate, FuzzDecompress comparing
# the two inflaters, and byte-identical outputs on a simulated cohort), then
# runs docs/loading.md's R, pandas and DuckDB snippets on the demo's output
# (scripts/test-loading.sh), then workflow/Snakefile in shards against one
# run (scripts/test-workflow.sh), then executes every notebook of notebooks/
# headless on the GoNB kernel (scripts/notebooks.sh: a cell that fails or an
# asserted number that moves fails the target).
test:
	./scripts/test-deps.sh
	go vet ./...
	go test ./...
	./scripts/fuzz.sh
	./scripts/test-libdeflate.sh
	./scripts/test-loading.sh
	./scripts/test-workflow.sh
	./scripts/notebooks.sh

build:
	go build -o concord ./cmd/concord

# build-libdeflate is the fast build: BGZF and gzip inflated by libdeflate
# (cgo; Debian's libdeflate-dev). Same outputs, byte for byte.
build-libdeflate:
	go build -tags libdeflate -o concord ./cmd/concord

# bench runs concord against the bcftools pipeline and the decompression
# floors on the shared workload, both builds (see bench/run.sh).
bench:
	./bench/run.sh
