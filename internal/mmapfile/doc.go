// Package mmapfile opens a file for random access without a system call per
// read: on Linux and macOS the file is mapped read-only into memory
// (mmap(2) with PROT_READ and MAP_SHARED), elsewhere it falls back to a plain
// *os.File, whose ReadAt is a pread(2).
//
// It exists for the reference genome: normalising a cohort's calls makes
// millions of small random reads from a 3 GB FASTA, and with a mapping each
// read is a memory copy served from the page cache.
//
// File implements io.ReaderAt, is safe for concurrent use by many goroutines
// (as io.ReaderAt requires), and must be closed once no reader uses it.
package mmapfile
