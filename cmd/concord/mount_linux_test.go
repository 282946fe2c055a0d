package main

import (
	"os"
	"syscall"
	"testing"
)

// mountTmpfs mounts a tmpfs of size bytes at dir, read-only or not, or
// skips the test: mounting needs privileges that CI as root has and a
// developer's account may not. Unmounted before the test's folders are
// removed.
func mountTmpfs(t *testing.T, dir, size string, readOnly bool) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var flags uintptr
	if readOnly {
		flags = syscall.MS_RDONLY
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", flags, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs (%v): needs root", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
}
