//go:build !linux

package main

import "testing"

// mountTmpfs: tmpfs mounts are Linux's; the cases that need one are skipped.
func mountTmpfs(t *testing.T, dir, size string, readOnly bool) {
	t.Skip("needs a Linux tmpfs")
}
