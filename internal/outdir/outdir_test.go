package outdir

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// spec is a results-like kind for the tests: a.tsv, summary.json and
// figures/*.svg are concord's.
var spec = Spec{Kind: Results, Noun: "results folder", Legacy: true, Requires: "summary.json",
	Known: func(rel string, dir bool) bool {
		if dir {
			return rel == "figures"
		}
		d, f := path.Split(rel)
		return d == "" && (f == "a.tsv" || f == "summary.json") || d == "figures/" && strings.HasSuffix(f, ".svg")
	}}

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if strings.HasSuffix(rel, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree reads every file under root (a folder as "dir"), for byte-for-byte
// comparisons.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.IsDir():
			out[rel+"/"] = "dir"
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "-> " + target
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, b := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		} else if a != b {
			t.Errorf("%s was changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was left behind", p)
		}
	}
}

// marked writes a folder of kind with concord's marker and files.
func marked(t *testing.T, dir string, kind Kind, files map[string]string) {
	t.Helper()
	write(t, dir, files)
	write(t, dir, map[string]string{MarkerName: `{"tool":"concord","kind":"` + string(kind) + `","run_id":"0123456789abcdef"}`})
}

// readOnly returns a folder in which nothing can be created, or skips: a
// mode of 0555 when not root (root ignores it), else a read-only tmpfs
// (needs the right to mount).
func readOnly(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return dir
	}
	unmount, err := mountReadOnly(dir)
	if err != nil {
		t.Skipf("cannot make a read-only folder as root without mounting: %v", err)
	}
	t.Cleanup(unmount)
	return dir
}

func TestPrepareRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, root string) (string, Options)
		want  string
	}{
		{"under /proc", func(t *testing.T, root string) (string, Options) {
			return "/proc/x", Options{Spec: spec}
		}, `^--out /proc/x is under /proc, a system folder`},
		{"under /sys", func(t *testing.T, root string) (string, Options) {
			return "/sys/kernel/x", Options{Spec: spec}
		}, `is under /sys`},
		{"under /dev", func(t *testing.T, root string) (string, Options) {
			return "/dev/shm/x", Options{Spec: spec, Force: true}
		}, `is under /dev`},
		{"a file", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"f": "x"})
			return filepath.Join(root, "f"), Options{Spec: spec, Force: true}
		}, `/f is a file, not a folder`},
		{"parent a file", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"f": "x"})
			return filepath.Join(root, "f", "sub", "res"), Options{Spec: spec}
		}, `cannot be created: .*/f is a file, not a folder`},
		{"parent read-only", func(t *testing.T, root string) (string, Options) {
			return filepath.Join(readOnly(t), "res"), Options{Spec: spec}
		}, `cannot be written: cannot create a file in .*/ro: (read-only file system|permission denied)$`},
		{"broken symlink", func(t *testing.T, root string) (string, Options) {
			os.Symlink(filepath.Join(root, "nowhere"), filepath.Join(root, "link"))
			return filepath.Join(root, "link"), Options{Spec: spec}
		}, `is a symbolic link to a missing`},
		{"is an input file", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"c/x.vcf": "x"})
			return filepath.Join(root, "c", "x.vcf"), Options{Spec: spec, Force: true, Inputs: []Input{{Path: filepath.Join(root, "c", "x.vcf"), What: "the call file"}}}
		}, `x\.vcf is the call file .*/c/x\.vcf; concord never writes over its inputs, --force or not`},
		{"holds an input file", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"c/d/x.vcf": "x"})
			return root, Options{Spec: spec, Force: true, Inputs: []Input{{Path: filepath.Join(root, "c", "d", "x.vcf"), What: "the call file"}}}
		}, `holds the call file .*/c/d/x\.vcf`},
		{"is the sheet's folder", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"c/s.tsv": "x"})
			return filepath.Join(root, "c"), Options{Spec: spec, Force: true, Inputs: []Input{
				{Path: filepath.Join(root, "c", "s.tsv"), What: "the sample sheet"},
				{Path: filepath.Join(root, "c"), What: "the sample sheet's folder", Dir: true, AllowInside: true}}}
		}, `/c is the sample sheet's folder`},
		{"inside a study", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"study/meta.txt": "x"})
			return filepath.Join(root, "study", "res"), Options{Spec: spec, Inputs: []Input{{Path: filepath.Join(root, "study"), What: "the cBioPortal study", Dir: true}}}
		}, `study/res lies inside the cBioPortal study`},
		{"dot-dot", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"c/x.vcf": "x", "c/sub/": ""})
			return filepath.Join(root, "c") + "/sub/..", Options{Spec: spec, Force: true, Inputs: []Input{{Path: filepath.Join(root, "c", "x.vcf"), What: "the call file"}}}
		}, `holds the call file`},
		{"symlink to an input's folder", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"c/x.vcf": "x"})
			os.Symlink(filepath.Join(root, "c"), filepath.Join(root, "link"))
			return filepath.Join(root, "link"), Options{Spec: spec, Force: true, Inputs: []Input{{Path: filepath.Join(root, "c", "x.vcf"), What: "the call file"}}}
		}, `--out .*/link \(.*/c\) holds the call file`},
		{"input through a symlink", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"res/a.tsv": "x", "res/summary.json": "{}"})
			os.Symlink(filepath.Join(root, "res", "a.tsv"), filepath.Join(root, "in.tsv"))
			return filepath.Join(root, "res"), Options{Spec: spec, Inputs: []Input{{Path: filepath.Join(root, "in.tsv"), What: "the panel"}}}
		}, `holds the panel .*/in\.tsv \(.*/res/a\.tsv\)`},
		{"user folder", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"u/notes.txt": "x", "u/b.csv": "x", "u/sub/c": "x", "u/d": "x"})
			return filepath.Join(root, "u"), Options{Spec: spec}
		}, `/u holds 4 entries concord did not write \(b\.csv, d, notes\.txt, …\); choose an empty or new folder, or a results folder concord wrote, or pass --force to replace it$`},
		{"marked, with a foreign file", func(t *testing.T, root string) (string, Options) {
			marked(t, filepath.Join(root, "r"), Results, map[string]string{"a.tsv": "x", "figures/f.svg": "x", "figures/mine.png": "x"})
			return filepath.Join(root, "r"), Options{Spec: spec}
		}, `holds 1 entry concord did not write \(figures/mine\.png\)`},
		{"marked, another kind", func(t *testing.T, root string) (string, Options) {
			marked(t, filepath.Join(root, "r"), Cohort, map[string]string{"a.tsv": "x"})
			return filepath.Join(root, "r"), Options{Spec: spec}
		}, `is a concord cohort folder, not a results folder`},
		{"legacy without summary.json", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"r/a.tsv": "x"})
			return filepath.Join(root, "r"), Options{Spec: spec}
		}, `holds 1 entry concord did not write \(a\.tsv\)`},
		{"legacy with a foreign entry", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"r/a.tsv": "x", "r/summary.json": "{}", "r/old/": ""})
			return filepath.Join(root, "r"), Options{Spec: spec}
		}, `holds 1 entry concord did not write \(old/\)`},
		{"a symlink inside", func(t *testing.T, root string) (string, Options) {
			marked(t, filepath.Join(root, "r"), Results, map[string]string{"summary.json": "{}"})
			os.Symlink("/etc/passwd", filepath.Join(root, "r", "a.tsv"))
			return filepath.Join(root, "r"), Options{Spec: spec}
		}, `holds 1 entry concord did not write \(a\.tsv\)`},
		{"a marker that is not concord's", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"r/.concord": "mine", "r/a.tsv": "x"})
			return filepath.Join(root, "r"), Options{Spec: spec}
		}, `holds 2 entries concord did not write \(\.concord, a\.tsv\)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			p, opt := tc.setup(t, root)
			before := tree(t, root)
			_, err := Prepare(p, opt)
			var oe *Error
			if !errors.As(err, &oe) {
				t.Fatalf("err = %v (%T), want an *Error", err, err)
			}
			if !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("error %q does not match %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error of several lines: %q", err)
			}
			sameTree(t, before, tree(t, root))
		})
	}
}

func TestPrepareAccepts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, root string) (string, Options)
	}{
		{"absent", func(t *testing.T, root string) (string, Options) {
			return filepath.Join(root, "a", "b", "res"), Options{Spec: spec}
		}},
		{"empty", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"res/": ""})
			return filepath.Join(root, "res"), Options{Spec: spec}
		}},
		{"marked", func(t *testing.T, root string) (string, Options) {
			marked(t, filepath.Join(root, "res"), Results, map[string]string{"a.tsv": "x", "figures/f.svg": "x"})
			return filepath.Join(root, "res"), Options{Spec: spec}
		}},
		{"marked, with leftovers of concord's", func(t *testing.T, root string) (string, Options) {
			marked(t, filepath.Join(root, "res"), Results, map[string]string{"a.tsv": "x", ".figures.tmp-0123456789abcdef/f.svg": "x", ".a.tsv.tmp-0123456789abcdef": "x"})
			return filepath.Join(root, "res"), Options{Spec: spec}
		}},
		{"legacy", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"res/a.tsv": "x", "res/summary.json": "{}", "res/figures/f.svg": "x"})
			return filepath.Join(root, "res"), Options{Spec: spec}
		}},
		{"forced over a user folder", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"u/notes.txt": "x"})
			return filepath.Join(root, "u"), Options{Spec: spec, Force: true}
		}},
		{"inside the sheet's folder", func(t *testing.T, root string) (string, Options) {
			write(t, root, map[string]string{"c/s.tsv": "x", "c/x.vcf": "x"})
			return filepath.Join(root, "c", "results"), Options{Spec: spec, Inputs: []Input{
				{Path: filepath.Join(root, "c", "s.tsv"), What: "the sample sheet"},
				{Path: filepath.Join(root, "c"), What: "the sample sheet's folder", Dir: true, AllowInside: true},
				{Path: filepath.Join(root, "c", "x.vcf"), What: "the call file"}}}
		}},
		{"a symlink to a results folder", func(t *testing.T, root string) (string, Options) {
			marked(t, filepath.Join(root, "res"), Results, map[string]string{"a.tsv": "x"})
			os.Symlink(filepath.Join(root, "res"), filepath.Join(root, "link"))
			return filepath.Join(root, "link"), Options{Spec: spec}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			p, opt := tc.setup(t, root)
			before := tree(t, root)
			target, err := Prepare(p, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !filepath.IsAbs(target.Path()) {
				t.Errorf("Path %q is not absolute", target.Path())
			}
			sameTree(t, before, tree(t, root)) // the probe is gone
		})
	}
}

func build(t *testing.T, target *Target, files map[string]string) error {
	t.Helper()
	return target.Build(context.Background(), func(dir string) error {
		write(t, dir, files)
		return nil
	})
}

func TestBuildReplaces(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "new", "res")
	target, err := Prepare(out, Options{Spec: spec, Version: "v9"})
	if err != nil {
		t.Fatal(err)
	}
	if err := build(t, target, map[string]string{"a.tsv": "first"}); err != nil {
		t.Fatal(err)
	}
	m, err := ReadMarker(out)
	if err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	if m.Tool != "concord" || m.Kind != Results || m.Version != "v9" || m.PID != os.Getpid() || m.Host != host || !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(m.RunID) || m.Created == "" {
		t.Errorf("marker %+v", m)
	}
	// a second build replaces the first
	target, err = Prepare(out, Options{Spec: spec})
	if err != nil {
		t.Fatal(err)
	}
	if err := build(t, target, map[string]string{"summary.json": "second"}); err != nil {
		t.Fatal(err)
	}
	got := tree(t, filepath.Join(root, "new"))
	delete(got, "res/"+MarkerName)
	want := map[string]string{"./": "dir", "res/": "dir", "res/summary.json": "second"}
	sameTree(t, want, got)
}

func TestBuildFailureKeepsPrevious(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(ctx context.Context, cancel func(), dir string) error
		want  string
	}{
		{"write error", func(_ context.Context, _ func(), dir string) error {
			_, err := os.Open(filepath.Join(dir, "missing.tsv"))
			return err
		}, `^open .*/res/missing\.tsv: no such file or directory$`}, // the folder's name, not the temporary one
		{"cancelled while writing", func(ctx context.Context, cancel func(), dir string) error {
			cancel()
			return ctx.Err()
		}, `^context canceled$`},
		{"cancelled before the swap", func(_ context.Context, cancel func(), dir string) error {
			write(t, dir, map[string]string{"a.tsv": "new"})
			cancel()
			return nil
		}, `^context canceled$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "res")
			marked(t, out, Results, map[string]string{"a.tsv": "old"})
			before := tree(t, root)
			target, err := Prepare(out, Options{Spec: spec})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err = target.Build(ctx, func(dir string) error { return tc.write(ctx, cancel, dir) })
			if err == nil || !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("err = %v, want %s", err, tc.want)
			}
			sameTree(t, before, tree(t, root))
		})
	}
}

// TestBuildRemovesParentsItMade: a failed build into a new nested folder
// leaves no empty folders behind.
func TestBuildRemovesParentsItMade(t *testing.T) {
	root := t.TempDir()
	target, err := Prepare(filepath.Join(root, "a", "b", "res"), Options{Spec: spec})
	if err != nil {
		t.Fatal(err)
	}
	if err := target.Build(context.Background(), func(string) error { return errors.New("boom") }); err == nil || err.Error() != "boom" {
		t.Fatalf("err = %v", err)
	}
	sameTree(t, map[string]string{"./": "dir"}, tree(t, root))
}

// TestSwapChangedDuringRun: a folder that gained a foreign file while the
// run worked is not replaced.
func TestSwapChangedDuringRun(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "res")
	marked(t, out, Results, map[string]string{"a.tsv": "old"})
	target, err := Prepare(out, Options{Spec: spec})
	if err != nil {
		t.Fatal(err)
	}
	write(t, out, map[string]string{"notes.txt": "mine"})
	before := tree(t, root)
	err = build(t, target, map[string]string{"a.tsv": "new"})
	if err == nil || !strings.Contains(err.Error(), "holds 1 entry concord did not write (notes.txt)") {
		t.Errorf("err = %v", err)
	}
	sameTree(t, before, tree(t, root))
}

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if alive(cmd.Process.Pid) {
		t.Skip("the pid of an ended process was reused")
	}
	return cmd.Process.Pid
}

func markerOf(t *testing.T, dir string, m Marker) {
	t.Helper()
	m.Tool = "concord"
	if m.Kind == "" {
		m.Kind = Results
	}
	b, _ := json.Marshal(m)
	write(t, dir, map[string]string{MarkerName: string(b)})
}

func TestCleanLeftovers(t *testing.T) {
	host, _ := os.Hostname()
	dead := deadPID(t)
	const id1, id2, id3, id4 = "1111111111111111", "2222222222222222", "3333333333333333", "4444444444444444"
	for _, tc := range []struct {
		name   string
		setup  func(t *testing.T, root string)
		remain []string // top-level names after a build into root/res
	}{
		{"dead process: removed", func(t *testing.T, root string) {
			markerOf(t, filepath.Join(root, ".res.tmp-"+id1), Marker{PID: dead, Host: host, RunID: id1})
		}, []string{"res"}},
		{"live process: kept", func(t *testing.T, root string) {
			markerOf(t, filepath.Join(root, ".res.tmp-"+id1), Marker{PID: os.Getppid(), Host: host, RunID: id1})
		}, []string{".res.tmp-" + id1, "res"}},
		{"this process: kept", func(t *testing.T, root string) {
			markerOf(t, filepath.Join(root, ".res.tmp-"+id1), Marker{PID: os.Getpid(), Host: host, RunID: id1})
		}, []string{".res.tmp-" + id1, "res"}},
		{"another host: kept", func(t *testing.T, root string) {
			markerOf(t, filepath.Join(root, ".res.tmp-"+id1), Marker{PID: dead, Host: host + "-elsewhere", RunID: id1})
		}, []string{".res.tmp-" + id1, "res"}},
		{"no marker: kept", func(t *testing.T, root string) {
			write(t, root, map[string]string{".res.tmp-" + id1 + "/a.tsv": "x"})
		}, []string{".res.tmp-" + id1, "res"}},
		{"not a name of concord's: kept", func(t *testing.T, root string) {
			markerOf(t, filepath.Join(root, ".res.tmp-"+id1[:15]), Marker{PID: dead, Host: host})
			markerOf(t, filepath.Join(root, ".other.tmp-"+id2), Marker{PID: dead, Host: host})
		}, []string{".other.tmp-" + id2, ".res.tmp-" + id1[:15], "res"}},
		{"killed mid-swap: previous results put back, then replaced", func(t *testing.T, root string) {
			markerOf(t, filepath.Join(root, ".res.tmp-"+id1), Marker{PID: dead, Host: host, RunID: id1})
			markerOf(t, filepath.Join(root, ".res.old-"+id1), Marker{PID: dead, Host: host, RunID: id3})
		}, []string{"res"}},
		{"killed after the swap: previous results removed", func(t *testing.T, root string) {
			markerOf(t, filepath.Join(root, "res"), Marker{PID: dead, Host: host, RunID: id1})
			markerOf(t, filepath.Join(root, ".res.old-"+id1), Marker{PID: dead, Host: host, RunID: id3})
		}, []string{"res"}},
		{"moved aside by an unknown run: kept", func(t *testing.T, root string) {
			markerOf(t, filepath.Join(root, "res"), Marker{PID: dead, Host: host, RunID: id4})
			markerOf(t, filepath.Join(root, ".res.old-"+id1), Marker{PID: dead, Host: host, RunID: id3})
		}, []string{".res.old-" + id1, "res"}},
		{"moved aside by a live run: kept", func(t *testing.T, root string) {
			markerOf(t, filepath.Join(root, "res"), Marker{PID: os.Getppid(), Host: host, RunID: id1})
			markerOf(t, filepath.Join(root, ".res.old-"+id1), Marker{PID: dead, Host: host, RunID: id3})
		}, []string{".res.old-" + id1, "res"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			tc.setup(t, root)
			target, err := Prepare(filepath.Join(root, "res"), Options{Spec: spec})
			if err != nil {
				t.Fatal(err)
			}
			var restored *Marker
			err = target.Build(context.Background(), func(dir string) error {
				restored, _ = ReadMarker(filepath.Join(root, "res"))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			entries, _ := os.ReadDir(root)
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			sort.Strings(got)
			if strings.Join(got, " ") != strings.Join(tc.remain, " ") {
				t.Errorf("left %v, want %v", got, tc.remain)
			}
			if strings.HasPrefix(tc.name, "killed mid-swap") && (restored == nil || restored.RunID != id3) {
				t.Errorf("the previous results were not put back before the build: %+v", restored)
			}
		})
	}
}

func TestSwapFailureRestores(t *testing.T) {
	defer func() { rename = os.Rename }()
	for _, tc := range []struct {
		name  string
		fail  map[int]bool // which calls of rename fail (1-based)
		want  string
		aside bool // the previous results stay aside
	}{
		{"new cannot move in", map[int]bool{2: true}, `cannot move the new results folder into place \(the previous one is unchanged\): injected$`, false},
		{"nor the old back", map[int]bool{2: true, 3: true}, `cannot move the new results folder into place \(injected\), nor put the previous one back \(injected\): it is in .*/\.res\.old-[0-9a-f]{16}$`, true},
		{"old cannot move aside", map[int]bool{1: true}, `cannot move the previous results folder aside: injected$`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "res")
			marked(t, out, Results, map[string]string{"a.tsv": "old"})
			before := tree(t, out)
			target, err := Prepare(out, Options{Spec: spec})
			if err != nil {
				t.Fatal(err)
			}
			calls := 0
			rename = func(from, to string) error {
				calls++
				if tc.fail[calls] {
					return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("injected")}
				}
				return os.Rename(from, to)
			}
			err = build(t, target, map[string]string{"a.tsv": "new"})
			rename = os.Rename
			var oe *Error
			if !errors.As(err, &oe) || !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Fatalf("err = %v, want %s", err, tc.want)
			}
			entries, _ := os.ReadDir(root)
			if tc.aside {
				if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), ".res.old-") {
					t.Fatalf("entries %v, want only the previous results aside", entries)
				}
				sameTree(t, before, tree(t, filepath.Join(root, entries[0].Name())))
				return
			}
			if len(entries) != 1 || entries[0].Name() != "res" {
				t.Errorf("entries %v, want res only", entries)
			}
			sameTree(t, before, tree(t, out))
		})
	}
}

func TestReplaceFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.html")
	for _, s := range []string{"one", "two"} {
		if err := ReplaceFile(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
		sameTree(t, map[string]string{"./": "dir", "report.html": s}, tree(t, dir))
	}
	os.Remove(p)
	os.Mkdir(p, 0o755)
	if err := ReplaceFile(p, []byte("x")); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("err = %v", err)
	}
}

func TestForeign(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"a.tsv": "", "b.tsv": "", "figures/f.svg": "", "figures/g.png": "", "x/y/z": "", ".concord": "",
		".a.tsv.tmp-0123456789abcdef": "", ".figures.old-0123456789abcdef/q": ""})
	got, err := Foreign(root, spec.Known)
	if err != nil {
		t.Fatal(err)
	}
	if want := "b.tsv figures/g.png x/"; strings.Join(got, " ") != want {
		t.Errorf("Foreign = %v, want %s", got, want)
	}
}
