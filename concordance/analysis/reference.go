package analysis

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/infile"
	"github.com/concord-oncology/concord/internal/mmapfile"
)

// reference is an opened reference FASTA.
type reference struct {
	file       *mmapfile.File
	fasta      *normalize.FASTA
	provenance schema.InputFile
}

// errNoFai is the error for a reference without its index.
var errNoFai = errors.New("no FASTA index: run 'samtools faidx' on the reference")

// openReference maps the FASTA and reads its .fai (path + ".fai"), and
// checks that the index describes this FASTA (normalize.NewFASTA). The
// FASTA itself is not hashed for provenance (a human genome is 3 GB); its
// index, which names every contig and its length, is.
func openReference(path string, lim infile.Limits) (*reference, error) {
	if path == "" {
		return nil, nil
	}
	if err := pathText(path); err != nil {
		return nil, err
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, &concordance.InputError{File: path, Err: errors.New(folderHint(path))}
	}
	f, err := mmapfile.Open(path)
	if err != nil {
		return nil, concordance.FileError(path, err)
	}
	faiPath := path + ".fai"
	fai, err := infile.Open(faiPath, lim)
	if err != nil {
		f.Close()
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &concordance.InputError{File: faiPath, Err: errNoFai}
		}
		return nil, concordance.FileError(faiPath, err)
	}
	defer fai.Close()
	fa, err := normalize.NewFASTA(f, fai)
	if err != nil {
		f.Close()
		return nil, concordance.AtFile(faiPath, err)
	}
	in, err := provenance(filepath.Base(faiPath), "fasta_index", fai)
	if err != nil {
		f.Close()
		return nil, concordance.FileError(faiPath, err)
	}
	return &reference{file: f, fasta: fa, provenance: in}, nil
}

// folderHint says that --reference names a folder, and which FASTA files
// in it could be meant.
func folderHint(dir string) string {
	var fastas []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		for _, ext := range []string{".fa", ".fasta", ".fna"} {
			if strings.HasSuffix(strings.ToLower(n), ext) {
				fastas = append(fastas, n)
			}
		}
	}
	sort.Strings(fastas)
	msg := "--reference is a folder; give the FASTA file (with its .fai beside it)"
	switch {
	case len(fastas) == 1:
		msg += fmt.Sprintf(": --reference %s", filepath.Join(dir, fastas[0]))
	case len(fastas) > 1:
		msg += fmt.Sprintf(", one of: %s", strings.Join(fastas, ", "))
	}
	return msg
}

func (r *reference) Close() error {
	if r == nil {
		return nil
	}
	return r.file.Close()
}

// provenance is the record of an input read through in to its end.
func provenance(path, format string, in *infile.File) (schema.InputFile, error) {
	sum, size, err := in.Sum()
	return schema.InputFile{Path: path, SHA256: sum, Bytes: size, Format: format}, err
}

// pathText refuses a file name that could not be written into the outputs
// (provenance, ledger.tsv, summary.json) as it is: names of files named in
// a sheet are checked with the sheet's cells.
func pathText(path string) error {
	if err := concordance.CheckText(path); err != nil {
		return &concordance.InputError{File: concordance.Escape(path), Err: fmt.Errorf("the file name: %w (rename the file)", err)}
	}
	return nil
}
