// Package sheetbuild writes a concord sample sheet from pipeline output
// folders: it finds each sample's call files in TSO500 Local App v2,
// DRAGEN TSO500, TSO500 ctDNA v1 and TSO500 ctDNA v2 (DRAGEN) output
// folders (FORMATS.md §0), pairs the tissue and plasma samples of each
// patient (a pairs table, or a regular expression that extracts the
// patient id from sample ids), and writes one sheet row per patient, with
// paths relative to the sheet and the clinical columns empty or joined
// from a clinical table.
//
// It never guesses: a sample that cannot be paired (no partner, two
// candidates, an id the pattern does not match), a sample with two
// candidate files of one kind, and a pairs or clinical row that names
// nothing found are Problems, listed, and left out of the sheet.
//
// Folders are read through io/fs, so tests use fstest.MapFS.
package sheetbuild

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/concord-oncology/concord/concordance"
)

// Kind is what a call file holds.
type Kind uint8

const (
	SmallVariants Kind = iota // small-variant VCF
	CopyNumber                // CNV VCF
	Fusions                   // fusion CSV (RNA AllFusions or ctDNA DNA Fusions)
	Combined                  // CombinedVariantOutput.tsv
	nKinds
)

func (k Kind) String() string {
	return [...]string{"small-variant VCF", "CNV VCF", "fusion CSV", "CombinedVariantOutput.tsv"}[k]
}

// suffixes are the file names each pipeline writes (FORMATS.md §0), the
// sample name before the suffix. Order matters where one suffix ends
// another (_AllFusions.csv before _Fusions.csv). The genome VCFs
// (.genome.vcf, .hard-filtered.gvcf) are not call sets and end with none
// of these.
var suffixes = []struct {
	suffix string
	kind   Kind
}{
	{"_MergedSmallVariants.vcf", SmallVariants}, // Local App v2, ctDNA v1
	{"_MergedSmallVariants.vcf.gz", SmallVariants},
	{".hard-filtered.vcf", SmallVariants}, // DRAGEN TSO500, ctDNA v2
	{".hard-filtered.vcf.gz", SmallVariants},
	{"_CopyNumberVariants.vcf", CopyNumber}, // Craft: Local App v2, ctDNA v1
	{"_CopyNumberVariants.vcf.gz", CopyNumber},
	{".cnv.vcf", CopyNumber}, // DRAGEN
	{".cnv.vcf.gz", CopyNumber},
	{"_AllFusions.csv", Fusions}, // tissue RNA (Local App, DRAGEN)
	{"_Fusions.csv", Fusions},    // ctDNA DNA fusions (v1, v2)
	{"_CombinedVariantOutput.tsv", Combined},
}

// classify returns a file name's sample name and kind.
func classify(name string) (string, Kind, bool) {
	for _, s := range suffixes {
		if strings.HasSuffix(name, s.suffix) && len(name) > len(s.suffix) {
			return strings.TrimSuffix(name, s.suffix), s.kind, true
		}
	}
	return "", 0, false
}

// skipDirs are folders whose files repeat Results' (DRAGEN's intermediate
// copies): scanning them would give every sample two candidates.
var skipDirs = map[string]bool{"Logs_Intermediates": true}

// MaxEntries bounds a scan: a folder tree with more entries is refused
// rather than walked for ever.
const MaxEntries = 2_000_000

// File is one call file of a sample.
type File struct {
	Path string // slash-separated, relative to the scanned root
	Kind Kind
}

// Sample is one sample's call files, found in one folder.
type Sample struct {
	ID    string // the sample name of its small-variant VCF (its sample column), else of its files
	Side  concordance.Side
	Root  int    // index of the Root it was found under
	Dir   string // its folder, relative to the root
	Files []File // the files the sheet lists, in kind order
	// Skipped names files found but not listed: a CombinedVariantOutput.tsv
	// next to VCFs holds a subset of their calls, and listing both would
	// count each call twice.
	Skipped []string
}

// Root is one folder to scan.
type Root struct {
	FS   fs.FS
	Side concordance.Side
	// Name is how the sheet reaches the root: a slash-separated path
	// relative to the sheet's folder (or absolute), prefixed to every file.
	Name string
}

// scan walks one root and returns its samples, and problems with folders
// it cannot split into samples.
func scan(r Root, index int) ([]Sample, []Problem, error) {
	type group struct {
		files map[Kind][]string
	}
	dirs := map[string]map[string]*group{} // folder → sample name → files
	entries := 0
	err := fs.WalkDir(r.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if entries++; entries > MaxEntries {
			return fmt.Errorf("more than %d entries: not an output folder", MaxEntries)
		}
		if d.IsDir() {
			if p != "." && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
				return fs.SkipDir
			}
			return nil
		}
		name, kind, ok := classify(d.Name())
		if !ok {
			return nil
		}
		if !d.Type().IsRegular() {
			// a symbolic link counts when it leads to a regular file
			fi, err := fs.Stat(r.FS, p)
			if err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		dir := path.Dir(p)
		if dirs[dir] == nil {
			dirs[dir] = map[string]*group{}
		}
		g := dirs[dir][name]
		if g == nil {
			g = &group{files: map[Kind][]string{}}
			dirs[dir][name] = g
		}
		g.files[kind] = append(g.files[kind], p)
		return nil
	})
	if err != nil {
		return nil, nil, &concordance.InputError{File: r.Name, Err: fmt.Errorf("sheet: scanning: %w", err)}
	}
	var (
		samples  []Sample
		problems []Problem
	)
	for _, dir := range sortedKeys(dirs) {
		groups := dirs[dir]
		var withVCF []string
		for name, g := range groups {
			if len(g.files[SmallVariants]) > 0 {
				withVCF = append(withVCF, name)
			}
		}
		if len(withVCF) == 1 {
			// A Results/<Pair>/ folder: one DNA sample, whose RNA fusions
			// may carry the RNA sample's name. The folder is the sample.
			s := Sample{ID: withVCF[0], Side: r.Side, Root: index, Dir: dir}
			merged := map[Kind][]string{}
			for _, name := range sortedKeys(groups) {
				for k, paths := range groups[name].files {
					merged[k] = append(merged[k], paths...)
				}
			}
			ss, ps := s.take(merged, r)
			samples, problems = append(samples, ss...), append(problems, ps...)
			continue
		}
		// A folder of many samples (or none with a VCF): one sample per
		// file name.
		for _, name := range sortedKeys(groups) {
			s := Sample{ID: name, Side: r.Side, Root: index, Dir: dir}
			ss, ps := s.take(groups[name].files, r)
			samples, problems = append(samples, ss...), append(problems, ps...)
		}
	}
	return samples, problems, nil
}

// take fills s with its files, one of each kind: a CombinedVariantOutput
// only when there is no small-variant VCF (it holds the reportable calls
// of every kind, which the VCFs and CSVs hold too). Two candidates of one
// kind are a problem, and the sample is left out.
func (s Sample) take(files map[Kind][]string, r Root) ([]Sample, []Problem) {
	hasVCF := len(files[SmallVariants]) > 0
	for k := Kind(0); k < nKinds; k++ {
		paths := files[k]
		sort.Strings(paths)
		if k == Combined && hasVCF {
			s.Skipped = append(s.Skipped, paths...)
			continue
		}
		if len(paths) > 1 {
			return nil, []Problem{{Kind: Ambiguous, Side: s.Side, Sample: s.ID,
				Detail: fmt.Sprintf("%d candidate %ss in %s: %s", len(paths), k, rootPath(r, s.Dir), quoteAll(paths))}}
		}
		if len(paths) == 1 {
			s.Files = append(s.Files, File{Path: paths[0], Kind: k})
		}
	}
	return []Sample{s}, nil
}

func rootPath(r Root, p string) string {
	if p == "." {
		return concordance.Quote(r.Name)
	}
	return concordance.Quote(path.Join(r.Name, p))
}

func quoteAll(ps []string) string {
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = concordance.Quote(path.Base(p))
	}
	return strings.Join(q, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
