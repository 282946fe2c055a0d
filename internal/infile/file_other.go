//go:build !unix

package infile

// nonBlock: no non-blocking open here; OpenFile's stat(2) check before
// opening is the guard.
const nonBlock = 0
