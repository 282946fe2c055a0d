package sheetbuild

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/concord-oncology/concord/concordance"
)

// DirRoots are the Roots of folders on disk, named relative to sheetDir
// (the folder of the sheet to write) when they can be, else absolutely:
// the package's one path-level helper, for the command line.
func DirRoots(sheetDir string, tissue, plasma []string) ([]Root, error) {
	var roots []Root
	for side, dirs := range [2][]string{tissue, plasma} {
		for _, d := range dirs {
			if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
				return nil, &concordance.InputError{File: d, Err: errors.New("not a folder")}
			}
			roots = append(roots, Root{FS: os.DirFS(d), Side: concordance.Side(side), Name: relTo(sheetDir, d)})
		}
	}
	return roots, nil
}

// relTo names dir as seen from base: relative when it can be, else
// absolute.
func relTo(base, dir string) string {
	ab, err1 := filepath.Abs(base)
	ad, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(dir)
	}
	if r, err := filepath.Rel(ab, ad); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(ad)
}
