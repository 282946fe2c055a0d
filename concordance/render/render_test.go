package render

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/plots"
)

const fixture = "../../testdata/results"

// copyFixture copies the fixed results folder's tables into a new folder,
// leaving out the tables named.
func copyFixture(t *testing.T, without ...string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == schema.ReadmeFile || strings.Contains(strings.Join(without, " "), e.Name()) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(fixture, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Folder draws every figure in every format and report.html beside the
// tables, and says nothing when every figure could be drawn.
func TestFolder(t *testing.T) {
	dir := copyFixture(t)
	opt := DefaultOptions()
	opt.Style.DPI = 40
	drawn := 0
	opt.Drawn = func(string) { drawn++ }
	figs, err := Folder(context.Background(), dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(figs.Notes) != 0 || figs.Drawn() != len(plots.Figures()) || drawn != len(plots.Figures()) {
		t.Errorf("notes %q, %d drawn, %d reported drawn, want %d", figs.Notes, figs.Drawn(), drawn, len(plots.Figures()))
	}
	files, err := os.ReadDir(filepath.Join(dir, schema.FiguresDir))
	if err != nil || len(files) != len(plots.Figures())*len(plots.Formats) {
		t.Errorf("%d files in figures/ (%v), want %d", len(files), err, len(plots.Figures())*len(plots.Formats))
	}
	if b, err := os.ReadFile(filepath.Join(dir, schema.ReportFile)); err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("report.html: %d bytes, %v", len(b), err)
	}
}

// A figure whose table is absent is not drawn, and the notes say which.
func TestDrawWithoutATable(t *testing.T) {
	rs, err := Load(copyFixture(t, schema.ReasonsFile))
	if err != nil {
		t.Fatal(err)
	}
	figs, err := Draw(context.Background(), t.TempDir(), rs, Options{Formats: []plots.Format{plots.SVG}, Style: plots.Style{DPI: 40}})
	if err != nil {
		t.Fatal(err)
	}
	if len(figs.Notes) != 1 || !strings.Contains(figs.Notes[0], "fig10_reasons") || figs.Drawn() != len(plots.Figures())-1 {
		t.Errorf("notes %q, %d drawn", figs.Notes, figs.Drawn())
	}
	// A cancelled context stops the drawing with its error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Draw(ctx, t.TempDir(), rs, DefaultOptions()); err != context.Canceled {
		t.Errorf("cancelled: %v", err)
	}
}
