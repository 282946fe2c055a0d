# The two commands of the README: `go run ./cmd/concord demo` and `make test`.
.PHONY: test build bench

# test installs what the tests need from Debian's packages (scripts/test-deps.sh,
# a no-op when everything is present), runs every Go test, then every fuzz
# target briefly (scripts/fuzz.sh: 20,000 executions each) so that a
# regression a fuzzer finds quickly is caught.
test:
	./scripts/test-deps.sh
	go vet ./...
	go test ./...
	./scripts/fuzz.sh

build:
	go build -o concord ./cmd/concord

# bench runs concord against the bcftools pipeline and the decompression
# floor on the shared workload (see bench/README.md).
bench:
	./bench/run.sh
