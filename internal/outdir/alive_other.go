//go:build !unix

package outdir

// alive cannot tell on this system: every process is taken to be alive, so
// leftovers are never removed (never wrongly).
func alive(pid int) bool { return true }
