package analysis

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/output"
)

// TestShards: every patient id is in exactly one of N shards, the one its
// FNV-1a hash names (hash/fnv, computed here apart), and bad K/N are
// usage errors.
func TestShards(t *testing.T) {
	for _, n := range []int{1, 2, 7} {
		for i := range 200 {
			id := fmt.Sprintf("P%04d", i)
			h := fnv.New64a()
			h.Write([]byte(id))
			want := int(h.Sum64()%uint64(n)) + 1
			for k := 1; k <= n; k++ {
				if got := (Shard{K: k, N: n}).Holds(id); got != (k == want) {
					t.Fatalf("%s in shard %d/%d: %v, want shard %d", id, k, n, got, want)
				}
			}
		}
	}
	if s, err := ParseShard("3/8"); err != nil || s != (Shard{3, 8}) || s.String() != "3/8" {
		t.Errorf("ParseShard(3/8) = %v, %v", s, err)
	}
	for _, bad := range []string{"0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/2/3"} {
		if _, err := ParseShard(bad); !errors.As(err, new(*OptionError)) {
			t.Errorf("ParseShard(%q) = %v, want an option error", bad, err)
		}
	}
}

// TestMergeRefusesAnotherVersion: a partial written by another concord
// version is refused, naming the file and both versions; the same version
// merges into the run it came from.
func TestMergeRefusesAnotherVersion(t *testing.T) {
	opt := DefaultOptions()
	opt.Sheet, opt.Reference, opt.Bootstrap, opt.Version = "../../testdata/cohort/samplesheet.tsv", "../../testdata/cohort/ref.fa", 0, "v9.9.9"
	pp, err := Patients(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "partial.bin.gz")
	if err := output.WriteFile(path, pp.WritePartial); err != nil {
		t.Fatal(err)
	}
	_, err = Merge([]string{path}, "v1.0.0")
	if !concordance.IsInputError(err) || !strings.Contains(err.Error(), `written by concord "v9.9.9"; this is concord "v1.0.0"`) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v", err)
	}
	back, err := Merge([]string{path}, "v9.9.9")
	if err != nil || len(back.Patients) != len(pp.Patients) || back.Patients[2].Patient.ID != pp.Patients[2].Patient.ID {
		t.Fatalf("merge of one's own partial: %v", err)
	}
	os.Remove(path)
}
