//go:build unix

package infile

import "syscall"

// nonBlock makes open(2) return at once on a FIFO without a writer; it
// changes nothing for regular files.
const nonBlock = syscall.O_NONBLOCK
