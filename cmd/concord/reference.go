package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/normalize"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/internal/mmapfile"
)

// reference is an opened --reference FASTA.
type reference struct {
	file       *mmapfile.File
	fasta      *normalize.FASTA
	normalizer *normalize.Normalizer
	contigs    *normalize.FASTA
	bases      *normalize.FASTA
	provenance []output.InputFile
}

// openReference maps the FASTA and reads its .fai (path + ".fai"). The
// FASTA itself is not hashed for provenance (a human genome is 3 GB);
// its index, which names every contig and its length, is.
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
	fa, err := normalize.NewFASTA(f, bytesReader(fai))
	if err != nil {
		f.Close()
		return nil, concordance.AtFile(faiPath, err)
	}
	sum := sha256.Sum256(fai)
	r := &reference{file: f, fasta: fa, normalizer: &normalize.Normalizer{Ref: fa}, contigs: fa, bases: fa}
	r.provenance = []output.InputFile{{Path: filepath.Base(faiPath), SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(fai)), Format: "fasta_index"}}
	return r, nil
}

var errNoFai = errorString("no FASTA index: run 'samtools faidx' on the reference")

type errorString string

func (e errorString) Error() string { return string(e) }

func (r *reference) Close() error { return r.file.Close() }
