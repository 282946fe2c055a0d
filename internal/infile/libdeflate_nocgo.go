//go:build libdeflate && !cgo

package infile

// The libdeflate build links libdeflate through cgo: it needs CGO_ENABLED=1,
// a C compiler and libdeflate-dev. Without cgo it fails here, by name.
var _ = libdeflate_build_needs_cgo_set_CGO_ENABLED_1_and_install_gcc_and_libdeflate_dev
