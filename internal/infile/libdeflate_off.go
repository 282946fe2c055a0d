//go:build !libdeflate || !cgo

package infile

import "io"

// Libdeflate reports whether this build inflates with libdeflate (the
// build tag libdeflate; see libdeflate.go).
const Libdeflate = false

// fastState is libdeflate's per-Decompressor state: none in this build.
type fastState struct{}

func (d *Decompressor) fastBytes([]byte) io.Reader  { return nil }
func (d *Decompressor) fastStream([]byte) io.Reader { return nil }
