package sheetbuild

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/internal/infile"
	"github.com/concord-oncology/concord/internal/outdir"
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

// OpenTables opens the pairs and clinical tables named on a command line
// ("" for none) into opt, through internal/infile (regular files only,
// capped lines, gzip read); a table that is the sheet to write (out) is
// refused. close closes what was opened.
func OpenTables(opt *Options, pairs, clinical, out string) (close func(), err error) {
	var files []io.Closer
	close = func() {
		for _, f := range files {
			f.Close()
		}
	}
	opt.PairsName, opt.ClinicalName = pairs, clinical
	for _, t := range []struct {
		path string
		r    *io.Reader
	}{{pairs, &opt.Pairs}, {clinical, &opt.Clinical}} {
		if t.path == "" {
			continue
		}
		if same(t.path, out) {
			close()
			return nil, &outdir.Error{Msg: fmt.Sprintf("--out %s is an input", concordance.Quote(out))}
		}
		f, err := infile.Open(t.path, infile.Limits{})
		if err != nil {
			close()
			return nil, concordance.FileError(t.path, err)
		}
		files = append(files, f)
		*t.r = f
	}
	return close, nil
}

// same reports whether two paths name one existing file.
func same(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
