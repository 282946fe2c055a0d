package outdir

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/concord-oncology/concord/internal/infile"
	"github.com/concord-oncology/concord/internal/text"
)

// MarkerName is the file concord writes into every folder it creates.
const MarkerName = ".concord"

// Kind is what a folder concord writes holds.
type Kind string

const (
	Results Kind = "results" // concord run and demo
	Cohort  Kind = "cohort"  // concord simulate
	Figures Kind = "figures" // concord figures
)

// Marker is the content of a folder's .concord file (JSON). It records
// the run, so it is the one file of a results folder that differs between
// two runs of the same inputs.
type Marker struct {
	Tool    string `json:"tool"` // always "concord"
	Kind    Kind   `json:"kind"`
	Version string `json:"version"`
	RunID   string `json:"run_id"`  // 16 hex digits, also in the temporary folder's name
	Created string `json:"created"` // RFC 3339, UTC
	// PID and Host name the process that wrote the folder: a temporary
	// folder whose process is gone is the leftover of a killed run.
	PID  int    `json:"pid"`
	Host string `json:"host"`
}

const tool = "concord"

// ReadMarker reads the marker of dir. It fails when dir has none or the
// file is not concord's marker.
func ReadMarker(dir string) (*Marker, error) {
	// Read as an input: a FIFO or device planted as the marker is refused,
	// never read (reading a FIFO would block).
	b, err := infile.ReadAll(filepath.Join(dir, MarkerName), infile.Limits{}, 1<<20)
	if err != nil {
		return nil, err
	}
	var m Marker
	if err := json.Unmarshal(b, &m); err != nil || m.Tool != tool || m.Kind == "" {
		return nil, fmt.Errorf("%s: not a concord marker", filepath.Join(dir, MarkerName))
	}
	return &m, nil
}

func writeMarker(dir string, m *Marker) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, MarkerName), append(b, '\n'), 0o644)
}

// Spec says what a folder of one kind holds.
type Spec struct {
	Kind Kind
	// Noun names such a folder in messages ("results folder").
	Noun string
	// Known reports whether rel (slash-separated, relative to the folder)
	// is an entry concord writes in such a folder; dir says whether it is a
	// folder, whose entries are then looked at in turn.
	Known func(rel string, dir bool) bool
	// Legacy accepts a folder without a marker (written before the marker
	// existed) when every entry in it is Known and it holds the file
	// Requires (when not "").
	Legacy   bool
	Requires string
}

// Input is a file or folder a run reads: the output must not be it, hold
// it or (unless AllowInside) lie inside it.
type Input struct {
	Path string
	What string // how messages name it: "the sample sheet", "the call file"
	// Dir marks a folder read as a whole (a cBioPortal study) or whose
	// contents are inputs (the sample sheet's folder).
	Dir bool
	// AllowInside lets the output lie inside this folder: cohort/results
	// beside cohort/samplesheet.tsv is the usual invocation.
	AllowInside bool
}

// Options are what Prepare checks the folder against.
type Options struct {
	Spec   Spec
	Force  bool // replace an existing folder concord did not write (never an input)
	Inputs []Input
	// Version is concord's version, recorded in the marker.
	Version string
	// Label names the folder in messages; default "--out PATH".
	Label string
}

// Error is a refusal or a failure to write an output folder: the results
// cannot be written where they were asked for.
type Error struct {
	Msg string
	Err error // the underlying system error, if any
}

func (e *Error) Error() string {
	if e.Msg == "" && e.Err != nil {
		// WriteFailed: worded when reported, after Build has named the
		// folder asked for instead of its temporary one
		var pe *fs.PathError
		if errors.As(e.Err, &pe) {
			return fmt.Sprintf("cannot write %s: %v", pe.Path, pe.Err)
		}
		return "cannot write the output: " + e.Err.Error()
	}
	return e.Msg
}
func (e *Error) Unwrap() error { return e.Err }

func refuse(format string, args ...any) *Error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// failed wraps a system error, keeping only its cause (the path is in the
// message already).
func failed(err error, format string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(format, args...) + ": " + cause(err).Error(), Err: err}
}

func cause(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

// Target is a validated output folder.
type Target struct {
	path  string // absolute, symbolic links resolved
	label string // as messages name it
	opt   Options
}

// Path is the folder Build writes: absolute, with symbolic links resolved
// (an --out that is a link to a folder replaces that folder, not the link).
func (t *Target) Path() string { return t.path }

// systemFolders hold no user data and refuse writes in odd ways.
var systemFolders = []string{"/proc", "/sys", "/dev"}

// Prepare validates path as the output folder described by opt, before
// any work is done (see the package documentation for the rules).
func Prepare(path string, opt Options) (*Target, error) {
	label := opt.Label
	if label == "" {
		label = "--out " + path
	}
	if path == "" {
		return nil, refuse("%s: no folder given", label)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, failed(err, "%s", label)
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if _, err := filepath.EvalSymlinks(abs); err != nil {
			return nil, refuse("%s is a symbolic link to a missing or unreachable folder", label)
		}
	}
	r := newResolver()
	out := r.real(abs)
	if out != path {
		label += " (" + out + ")"
	}
	for _, sys := range systemFolders {
		if within(out, sys) {
			return nil, refuse("%s is under %s, a system folder; choose a folder on disk", label, sys)
		}
	}
	if err := overlap(out, opt.Inputs, r, label); err != nil {
		return nil, err
	}
	t := &Target{path: out, label: label, opt: opt}
	fi, err := os.Stat(out)
	switch {
	case err == nil && !fi.IsDir():
		return nil, refuse("%s is a file, not a folder; choose a folder", label)
	case err == nil:
		if !opt.Force {
			if err := t.replaceable(); err != nil {
				return nil, err
			}
		}
	case !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
		return nil, failed(err, "%s", label)
	}
	if err := probe(out, label); err != nil {
		return nil, err
	}
	return t, nil
}

// within reports whether p is dir or lies inside it (both clean and
// absolute).
func within(p, dir string) bool {
	if dir == string(filepath.Separator) {
		return true
	}
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

// overlap refuses an output that is, holds or lies inside an input.
func overlap(out string, inputs []Input, r *resolver, label string) error {
	type resolved struct {
		Input
		real string
	}
	rs := make([]resolved, 0, len(inputs))
	seen := make(map[string]bool, len(inputs))
	for _, in := range inputs {
		if in.Path == "" {
			continue
		}
		abs, err := filepath.Abs(in.Path)
		if err != nil {
			continue
		}
		p := r.real(abs)
		if seen[p] {
			continue
		}
		seen[p] = true
		rs = append(rs, resolved{in, p})
	}
	const never = "; concord never writes over its inputs, --force or not: choose another folder"
	for _, in := range rs {
		if in.real == out {
			return refuse("%s is %s%s", label, name(in.Input, in.real), never)
		}
	}
	for _, in := range rs {
		if within(in.real, out) {
			return refuse("%s holds %s%s", label, name(in.Input, in.real), never)
		}
	}
	for _, in := range rs {
		if (!in.Dir || !in.AllowInside) && within(out, in.real) {
			return refuse("%s lies inside %s%s", label, name(in.Input, in.real), never)
		}
	}
	return nil
}

func name(in Input, real string) string {
	if in.Path == real {
		return in.What + " " + in.Path
	}
	return in.What + " " + in.Path + " (" + real + ")"
}

// probe checks that the folder can be created: its nearest existing
// ancestor is a folder in which a file can be written.
func probe(out, label string) error {
	dir := filepath.Dir(out)
	for {
		fi, err := os.Stat(dir)
		if err == nil {
			if !fi.IsDir() {
				return refuse("%s cannot be created: %s is a file, not a folder", label, dir)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return failed(err, "%s cannot be created in %s", label, dir)
		}
		up := filepath.Dir(dir)
		if up == dir {
			return failed(err, "%s cannot be created", label)
		}
		dir = up
	}
	f, err := os.CreateTemp(dir, ".concord-probe-*")
	if err != nil {
		return failed(err, "%s cannot be written: cannot create a file in %s", label, dir)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// replaceable refuses an existing folder that is not empty and not a
// folder of the spec's kind holding only what concord writes.
func (t *Target) replaceable() error {
	entries, err := os.ReadDir(t.path)
	if err != nil {
		return failed(err, "%s cannot be read", t.label)
	}
	if len(entries) == 0 {
		return nil
	}
	if err := isConcords(t.path, t.opt.Spec, t.label, entries); err != nil {
		return err
	}
	foreign, err := Foreign(t.path, t.opt.Spec.Known)
	if err != nil {
		return failed(err, "%s cannot be read", t.label)
	}
	if len(foreign) > 0 {
		return t.foreignError(foreign)
	}
	return nil
}

// IsConcords refuses an existing folder that concord did not write as
// spec's kind: one without its marker of that kind, unless spec accepts
// legacy folders and every entry in it is one concord writes. Unlike
// Prepare it accepts a marked folder that holds other entries too: it is
// for writing into a folder (figures into a results folder), not for
// replacing it.
func IsConcords(dir string, spec Spec, label string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return failed(err, "%s cannot be read", label)
	}
	return isConcords(dir, spec, label, entries)
}

func isConcords(dir string, spec Spec, label string, entries []fs.DirEntry) error {
	m, err := ReadMarker(dir)
	switch {
	case err == nil && m.Kind == spec.Kind:
		return nil
	case err == nil:
		return refuse("%s is a concord %s folder, not a %s; choose another folder, or pass --force to replace it", label, m.Kind, spec.Noun)
	}
	legacy := spec.Legacy
	if legacy && spec.Requires != "" {
		fi, err := os.Stat(filepath.Join(dir, spec.Requires))
		legacy = err == nil && fi.Mode().IsRegular()
	}
	if legacy {
		foreign, err := Foreign(dir, spec.Known)
		if err != nil {
			return failed(err, "%s cannot be read", label)
		}
		if len(foreign) == 0 {
			return nil
		}
		return foreignError(label, spec, foreign) // what to move away to make it one
	}
	// Not concord's: nothing in it is.
	var all []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		all = append(all, n)
	}
	return foreignError(label, spec, all)
}

func (t *Target) foreignError(foreign []string) error {
	return foreignError(t.label, t.opt.Spec, foreign)
}

func foreignError(label string, spec Spec, foreign []string) error {
	const show = 3
	quoted := make([]string, 0, show)
	for _, f := range foreign[:min(show, len(foreign))] {
		quoted = append(quoted, text.Clip(f))
	}
	list := strings.Join(quoted, ", ")
	if len(foreign) > show {
		list += ", …"
	}
	entries := "entries"
	if len(foreign) == 1 {
		entries = "entry"
	}
	return refuse("%s holds %d %s concord did not write (%s); choose an empty or new folder, or a %s concord wrote, or pass --force to replace it",
		label, len(foreign), entries, list, spec.Noun)
}

// tempName matches the temporary entries concord makes next to (or, for
// figures and report.html, inside) a folder it writes.
var tempName = regexp.MustCompile(`^\..+\.(tmp|old)-[0-9a-f]{16}$`)

// Foreign lists the entries under dir that concord does not write by
// known: slash-separated paths relative to dir, folders with a trailing
// slash (listed once, not their contents), in lexical order. Concord's
// markers and its temporary entries are its own; symbolic links and other
// special files never are.
func Foreign(dir string, known func(rel string, dir bool) bool) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type().IsRegular() && (d.Name() == MarkerName || known(rel, false)):
			return nil
		case d.IsDir() && tempName.MatchString(d.Name()):
			return fs.SkipDir
		case d.Type().IsRegular() && tempName.MatchString(d.Name()):
			return nil
		case d.IsDir() && known(rel, true):
			return nil
		case d.IsDir():
			out = append(out, rel+"/")
			return fs.SkipDir
		}
		out = append(out, rel)
		return nil
	})
	return out, err
}

// rename is os.Rename; tests replace it to make a swap fail.
var rename = os.Rename

// Build writes the folder: write fills a temporary folder next to it,
// which replaces the folder once write has succeeded and ctx is still live.
// On any failure, and when ctx is cancelled, the previous folder is left as
// it was and the temporary folder is removed. Errors of write are returned
// as they are, with the temporary folder's name in file paths replaced by
// the folder's.
func (t *Target) Build(ctx context.Context, write func(dir string) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	parent := filepath.Dir(t.path)
	made, err := mkdirAll(parent)
	if err != nil {
		return failed(err, "%s cannot be created", t.label)
	}
	defer func() {
		if err != nil {
			for i := len(made) - 1; i >= 0; i-- {
				os.Remove(made[i]) // only when empty
			}
		}
	}()
	t.clean()
	id, tmp, err := t.mkTemp(parent)
	if err != nil {
		return err
	}
	swapped := false
	defer func() {
		if !swapped {
			os.RemoveAll(tmp)
		}
	}()
	host, _ := os.Hostname()
	m := &Marker{Tool: tool, Kind: t.opt.Spec.Kind, Version: t.opt.Version, RunID: id,
		Created: time.Now().UTC().Format(time.RFC3339), PID: os.Getpid(), Host: host}
	if err := writeMarker(tmp, m); err != nil {
		return failed(err, "%s cannot be written", t.label)
	}
	if err := write(tmp); err != nil {
		return retarget(err, tmp, t.path)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	swapped, err = t.swap(tmp, id)
	return err
}

// mkdirAll creates dir and its missing parents and returns those it
// created, outermost first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append(missing, d)
		up := filepath.Dir(d)
		if up == d {
			break
		}
		d = up
	}
	var made []string
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			for j := len(made) - 1; j >= 0; j-- {
				os.Remove(made[j])
			}
			return nil, err
		}
		made = append(made, missing[i])
	}
	return made, nil
}

func (t *Target) names(id string) (tmp, aside string) {
	parent, base := filepath.Dir(t.path), filepath.Base(t.path)
	return filepath.Join(parent, "."+base+".tmp-"+id), filepath.Join(parent, "."+base+".old-"+id)
}

func (t *Target) mkTemp(parent string) (id, tmp string, err error) {
	for range 10 {
		id = newID()
		tmp, _ = t.names(id)
		err = os.Mkdir(tmp, 0o755)
		if err == nil {
			return id, tmp, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	return "", "", failed(err, "%s cannot be written: cannot create a folder in %s", t.label, parent)
}

func newID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// swap puts the built folder tmp in place of the target and reports
// whether tmp was moved.
func (t *Target) swap(tmp, id string) (bool, error) {
	fi, err := os.Lstat(t.path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := rename(tmp, t.path); err != nil {
			return false, failed(err, "%s: cannot move the new %s into place", t.label, t.opt.Spec.Noun)
		}
		return true, nil
	}
	if err != nil {
		return false, failed(err, "%s cannot be read", t.label)
	}
	if !fi.IsDir() {
		return false, refuse("%s is a file, not a folder; choose a folder", t.label)
	}
	// The folder may have changed while the run was working.
	if !t.opt.Force {
		if err := t.replaceable(); err != nil {
			return false, err
		}
	}
	_, aside := t.names(id)
	if err := rename(t.path, aside); err != nil {
		return false, failed(err, "%s: cannot move the previous %s aside", t.label, t.opt.Spec.Noun)
	}
	if err := rename(tmp, t.path); err != nil {
		if rerr := rename(aside, t.path); rerr != nil {
			return false, &Error{Msg: fmt.Sprintf("%s: cannot move the new %s into place (%v), nor put the previous one back (%v): it is in %s",
				t.label, t.opt.Spec.Noun, cause(err), cause(rerr), aside), Err: err}
		}
		return false, failed(err, "%s: cannot move the new %s into place (the previous one is unchanged)", t.label, t.opt.Spec.Noun)
	}
	// Removing what was replaced is best effort: a leftover is removed by
	// the next Build (clean).
	os.RemoveAll(aside)
	return true, nil
}

// clean removes what killed runs left next to the target: temporary
// folders whose process is gone, after putting back a previous folder that
// such a run had moved aside (the target then being absent), and previous
// folders moved aside by a run that completed its swap. Anything else,
// and anything of a process that may be alive, is left alone.
func (t *Target) clean() {
	parent, base := filepath.Dir(t.path), filepath.Base(t.path)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	tmpPrefix, oldPrefix := "."+base+".tmp-", "."+base+".old-"
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() || !tempName.MatchString(n) {
			continue
		}
		switch {
		case strings.HasPrefix(n, tmpPrefix) && len(n) == len(tmpPrefix)+16:
			tmp, aside := t.names(n[len(tmpPrefix):])
			m, err := ReadMarker(tmp)
			if err != nil || !gone(m) {
				continue
			}
			if isDir(aside) {
				if _, err := os.Lstat(t.path); errors.Is(err, fs.ErrNotExist) {
					rename(aside, t.path)
				}
			}
			os.RemoveAll(tmp)
		case strings.HasPrefix(n, oldPrefix) && len(n) == len(oldPrefix)+16:
			id := n[len(oldPrefix):]
			tmp, aside := t.names(id)
			if _, err := os.Lstat(tmp); err == nil {
				continue // its run is alive, or the case above puts it back
			}
			if m, err := ReadMarker(t.path); err == nil && m.RunID == id && gone(m) {
				os.RemoveAll(aside)
			}
		}
	}
}

func isDir(p string) bool {
	fi, err := os.Lstat(p)
	return err == nil && fi.IsDir()
}

// gone reports whether the process that wrote m has ended. Only a process
// of this machine can be known to have ended: a folder on a shared disk
// written from another host is never taken for a leftover.
func gone(m *Marker) bool {
	host, err := os.Hostname()
	if err != nil || m.Host != host || m.PID <= 0 || m.PID == os.Getpid() {
		return false
	}
	return !alive(m.PID)
}

// retarget names the folder instead of the temporary folder in the paths
// of err's file errors, so messages name where the user asked for output.
func retarget(err error, tmp, path string) error {
	fix := func(p string) string {
		if within(p, tmp) {
			return path + p[len(tmp):]
		}
		return p
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = fix(pe.Path)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		le.Old, le.New = fix(le.Old), fix(le.New)
	}
	return err
}

// ReplaceFile writes data to path through a temporary file in the same
// folder renamed over it: readers see the old file or the new, never half
// of one. An existing path must be a regular file.
func ReplaceFile(path string, data []byte) error {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return refuse("%s is not a regular file; concord replaces only files it wrote", path)
	}
	dir, base := filepath.Split(path)
	tmp := filepath.Join(dir, "."+base+".tmp-"+newID())
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return failed(err, "cannot write %s", path)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return failed(err, "cannot write %s", path)
	}
	return nil
}

// resolver resolves paths to absolute paths without symbolic links,
// remembering folders: a cohort's thousands of call files share a few.
type resolver struct{ dirs map[string]string }

func newResolver() *resolver { return &resolver{dirs: map[string]string{}} }

// real resolves the symbolic links of the clean absolute path abs; the
// part of a path that does not exist is kept as it is.
func (r *resolver) real(abs string) string {
	parent := filepath.Dir(abs)
	if parent == abs {
		return abs
	}
	d, ok := r.dirs[parent]
	if !ok {
		d = r.real(parent)
		r.dirs[parent] = d
	}
	p := filepath.Join(d, filepath.Base(abs))
	if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if q, err := filepath.EvalSymlinks(p); err == nil {
			return q
		}
	}
	return p
}

// WriteFailed is a failure to write outputs (disk full, permissions, a
// read-only disk): an output error, not a bug.
func WriteFailed(err error) *Error { return &Error{Err: err} }

// WriteError makes a file system error a WriteFailed (a failure to
// write, not a bug); other errors, and nil, pass unchanged.
func WriteError(err error) error {
	if errors.As(err, new(*fs.PathError)) {
		return WriteFailed(err)
	}
	return err
}

// IsWriteFailure reports a failure of the disk or of permissions that no
// input error explains: an output error, never "a bug".
func IsWriteFailure(err error) bool {
	for _, e := range []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, syscall.EACCES, syscall.EPERM, syscall.EIO, syscall.EFBIG} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
