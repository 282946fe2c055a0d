//go:build unix

package outdir

import (
	"errors"
	"syscall"
)

// alive reports whether process pid exists: signal 0 checks without
// sending anything (kill(2)); EPERM means it exists under another user.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
