package fixturegen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var regen = flag.Bool("regen", false, "rewrite testdata/results from the current code")

const fixture = "../../testdata/results"

// The committed fixture is what the current code writes, byte for byte, and
// holds nothing else but its README: a change to the output contract or to
// the cohort stage must regenerate it (-regen), and then the figures'
// golden images (go test ./plots -regen).
func TestFixtureReproduced(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(fixture, f.Name)
		if *regen {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s is not what the generator writes (regenerate with -regen)", path)
		}
	}
	entries, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "README.md" && !slices.Contains(names, e.Name()) {
			t.Errorf("%s/%s is not written by the generator", fixture, e.Name())
		}
	}
}

// The generator is deterministic.
func TestDeterministic(t *testing.T) {
	a, b := PerPatient(), PerPatient()
	if len(a.Patients) != 30 || len(a.Inputs) != len(b.Inputs) {
		t.Fatalf("%d patients, %d/%d inputs", len(a.Patients), len(a.Inputs), len(b.Inputs))
	}
	for i := range a.Inputs {
		if a.Inputs[i] != b.Inputs[i] {
			t.Errorf("input %d: %+v, then %+v", i, a.Inputs[i], b.Inputs[i])
		}
	}
}
