//go:build !unix

package xio

// nonBlock: no non-blocking open here; OpenFile's stat(2) check before
// opening is the guard.
const nonBlock = 0
