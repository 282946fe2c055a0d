package pipeline

import (
	"sort"
	"sync"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input"
)

// sharedFiles are the multi-sample files of a run (MAF, report tables,
// cBioPortal data files), each read once however many patients use it.
type sharedFiles struct {
	mu    sync.Mutex
	files map[string]*sharedFile
}

type sharedFile struct {
	once  sync.Once
	mu    sync.Mutex // Source.Use is not safe for concurrent use
	src   input.Source
	err   error
	input Input
	side  concordance.Side
	sided bool
}

func (s *sharedFiles) get(path string) (*sharedFile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files == nil {
		s.files = map[string]*sharedFile{}
	}
	f, ok := s.files[path]
	if !ok {
		f = &sharedFile{}
		s.files[path] = f
	}
	return f, ok
}

func (s *sharedFiles) known(path string) (*sharedFile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[path]
	return f, ok
}

// assignSides files the rows of a shared file that no patient used under
// the side of the file's first use in sheet order (not in time: that
// depends on the number of workers).
func (s *sharedFiles) assignSides(patients []concordance.Patient) {
	for i := range patients {
		for _, side := range []concordance.Side{concordance.Tissue, concordance.Plasma, concordance.WBC} {
			for _, path := range patients[i].Sample(side).Calls {
				if sf, ok := s.known(path); ok && !sf.sided {
					sf.side, sf.sided = side, true
				}
			}
		}
	}
}

// finish counts the rows of samples no patient used (other_sample) and
// returns the shared inputs, both in path order.
func (s *sharedFiles) finish(led *concordance.Ledger) []Input {
	paths := make([]string, 0, len(s.files))
	for p, f := range s.files {
		if f.src != nil {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	var in []Input
	for _, p := range paths {
		f := s.files[p]
		f.src.CountUnused("", f.side, led)
		in = append(in, f.input)
	}
	return in
}
