package outdir

import "syscall"

// mountReadOnly mounts an empty read-only tmpfs at dir (needs privileges).
func mountReadOnly(dir string) (unmount func(), err error) {
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_RDONLY, "size=64k"); err != nil {
		return nil, err
	}
	return func() { syscall.Unmount(dir, 0) }, nil
}
