# The two commands of the README: `go run ./cmd/concord demo` and `make test`.
.PHONY: test build bench

# test installs what the tests need from Debian's packages (scripts/test-deps.sh,
# a no-op when everything is present), then runs every Go test.
test:
	./scripts/test-deps.sh
	go vet ./...
	go test ./...

build:
	go build -o concord ./cmd/concord

# bench runs concord against the bcftools pipeline and the decompression
# floor on the shared workload (see bench/README.md).
bench:
	./bench/run.sh
