package plots

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/concord-oncology/concord/concordance/results"
)

// TestLook renders every figure into $CONCORD_LOOK for a person to look at.
func TestLook(t *testing.T) {
	dir := os.Getenv("CONCORD_LOOK")
	if dir == "" {
		t.Skip("set CONCORD_LOOK=DIR (and CONCORD_RESULTS) to render figures for viewing")
	}
	src := os.Getenv("CONCORD_RESULTS")
	if src == "" {
		src = "../testdata/results"
	}
	rs, err := results.Read(os.DirFS(src), src)
	if err != nil {
		t.Fatal(err)
	}
	st := Style{DPI: 100}
	if name := os.Getenv("CONCORD_PRESET"); name != "" {
		p, err := ParsePreset(name)
		if err != nil {
			t.Fatal(err)
		}
		st = Style{Preset: p, DPI: 100}
	}
	for _, f := range Figures() {
		for _, format := range Formats {
			out, err := os.Create(filepath.Join(dir, f.Name+"."+string(format)))
			if err != nil {
				t.Fatal(err)
			}
			r, err := Render(out, f, rs, st, format)
			out.Close()
			if err != nil {
				t.Errorf("%s: %v", f.Name, err)
				continue
			}
			if format == PNG {
				t.Logf("%s: %s", f.Name, r.Note)
			}
		}
	}
}
