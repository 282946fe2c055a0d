package analysis

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/mmapfile"
)

// reference is an opened reference FASTA.
type reference struct {
	file       *mmapfile.File
	fasta      *normalize.FASTA
	normalizer *normalize.Normalizer
	provenance schema.InputFile
}

// errNoFai is the error for a reference without its index.
var errNoFai = errors.New("no FASTA index: run 'samtools faidx' on the reference")

// openReference maps the FASTA and reads its .fai (path + ".fai"). The
// FASTA itself is not hashed for provenance (a human genome is 3 GB); its
// index, which names every contig and its length, is.
func openReference(path string) (*reference, error) {
	if path == "" {
		return nil, nil
	}
	faiPath := path + ".fai"
	fai, err := os.ReadFile(faiPath)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, &concordance.InputError{File: faiPath, Err: errNoFai}
		}
		return nil, concordance.FileError(faiPath, err)
	}
	f, err := mmapfile.Open(path)
	if err != nil {
		return nil, concordance.FileError(path, err)
	}
	fa, err := normalize.NewFASTA(f, bytes.NewReader(fai))
	if err != nil {
		f.Close()
		return nil, concordance.AtFile(faiPath, err)
	}
	return &reference{file: f, fasta: fa, normalizer: &normalize.Normalizer{Ref: fa},
		provenance: schema.Hash(filepath.Base(faiPath), fai, "fasta_index")}, nil
}

func (r *reference) Close() error {
	if r == nil {
		return nil
	}
	return r.file.Close()
}
