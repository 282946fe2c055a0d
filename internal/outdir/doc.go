// Package outdir is the life cycle of the folders concord writes: a results
// folder (run, demo), a simulated cohort (simulate) and a figures folder
// (figures). Its one rule is that concord replaces or deletes only what it
// wrote itself (issue 10):
//
//   - Prepare validates the folder before any work is done. It refuses,
//     whatever the caller's Force, a folder that is, holds or lies inside an
//     input of the run (compared as resolved absolute paths, so ".." and
//     symlinks cannot dodge the check), a folder under /proc, /sys or /dev,
//     a path that is a file, and a parent that cannot be written. Unless
//     Force is set, it refuses to replace an existing folder that is not
//     empty and not a folder concord wrote: one holding the marker file
//     .concord of the same kind, or (for results and figures folders
//     written before the marker existed) one whose every entry is a file
//     concord writes. Either way it refuses a folder holding anything
//     concord did not write, naming what it holds.
//   - Build writes the new folder into a temporary folder next to it
//     (.NAME.tmp-RUNID, marked with the writing process's id), checks the
//     context, and swaps it in: the previous folder is moved aside
//     (.NAME.old-RUNID) and removed only once the new one is in place, and
//     put back if the swap fails. A cancelled or failed Build leaves the
//     previous folder byte-identical and no temporary folder.
//   - A run killed outright (SIGKILL, power loss) can leave its temporary
//     folder behind; the next Build next to the same folder removes it once
//     the process that wrote it is gone, and puts back previous results
//     that a killed swap had moved aside. Nothing without concord's marker
//     is ever removed.
//
// Errors about the output location are *Error, which the command reports
// with their own exit status (neither an input problem nor a bug).
package outdir
