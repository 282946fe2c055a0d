//go:build !linux

package outdir

import "errors"

func mountReadOnly(dir string) (unmount func(), err error) {
	return nil, errors.New("tmpfs mounts are Linux's")
}
