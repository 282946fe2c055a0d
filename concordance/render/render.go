// Package render draws a results folder's figures (package plots) and
// report.html (package report) from its tables (package results): what
// `concord run` does after writing the tables, and what `concord figures`
// redoes with other sizes and formats.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"gonum.org/v1/plot/vg"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/report"
	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/infile"
	"github.com/concord-oncology/concord/internal/parallel"
	"github.com/concord-oncology/concord/plots"
)

// Options say how figures are drawn.
type Options struct {
	Formats []plots.Format
	Style   plots.Style
	// Drawn, when set, is called after each figure is drawn (from the
	// drawing goroutines); Reporting before Folder writes report.html.
	Drawn     func(name string)
	Reporting func()
}

// DefaultOptions draw every format at 300 dpi in each figure's own size.
func DefaultOptions() Options {
	return Options{Formats: plots.Formats, Style: plots.Style{DPI: 300}}
}

// ParseOptions returns the options of concord figures' flags: a preset
// name ("" for none), comma-separated formats, a width and height (""
// for the preset's, or each figure's own) and a PNG resolution (0 for the
// preset's, or 300).
func ParseOptions(preset, formats, width, height string, dpi int) (Options, error) {
	o := Options{Style: plots.Style{DPI: dpi}}
	var err error
	if preset != "" {
		if o.Style.Preset, err = plots.ParsePreset(preset); err != nil {
			return o, fmt.Errorf("--preset: %v", err)
		}
	}
	if o.Formats, err = plots.ParseFormats(formats); err != nil {
		return o, fmt.Errorf("--format: %v", err)
	}
	for _, l := range []struct {
		flag, s string
		to      *vg.Length
	}{{"--width", width, &o.Style.Width}, {"--height", height, &o.Style.Height}} {
		if l.s == "" {
			continue
		}
		if *l.to, err = plots.ParseLength(l.s); err != nil {
			return o, fmt.Errorf("%s: %v", l.flag, err)
		}
	}
	if dpi != 0 && (dpi < 30 || dpi > 2400) {
		return o, fmt.Errorf("--dpi %d out of range (30 to 2400)", dpi)
	}
	return o, nil
}

// Figures is a figure set drawn.
type Figures struct {
	// Figures are every figure of plots.Figures, in order, as the report
	// shows them (Missing says why one was not drawn).
	Figures []report.Figure
	// Notes say which figures were not drawn and why, one a line.
	Notes []string
}

// WriteNotes prints the Notes, one a line.
func (f *Figures) WriteNotes(w io.Writer) {
	for _, n := range f.Notes {
		fmt.Fprintf(w, "concord: %s\n", n)
	}
}

// Drawn counts the figures drawn.
func (f *Figures) Drawn() int {
	n := 0
	for _, x := range f.Figures {
		if x.SVG != nil {
			n++
		}
	}
	return n
}

// Draw writes every figure in every format into the folder dir (created
// when absent). A figure that cannot be drawn from these tables (a table
// absent, a stratum missing) is said in Notes and in the report, not
// dropped silently; it is not an error. Figures (each format of each) are
// drawn in parallel and written in order, so the files do not depend on
// the number of cores. A cancelled ctx stops it between drawings.
func Draw(ctx context.Context, dir string, rs *results.Set, opt Options) (*Figures, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	figs := plots.Figures()
	jobs := make([]figureJob, len(figs))
	// Each format of each figure is a job of its own, so that the formats
	// of the largest figure are drawn side by side rather than the stage
	// ending on it alone. (Figure after figure: drawing all the PNGs first,
	// the costliest, kept every layout alive at once, 80 MB more at 4,000
	// patients.)
	type task struct{ fig, format int }
	var tasks []task
	for i, f := range figs {
		jobs[i].init(f, rs, opt)
		for k := range jobs[i].formats {
			tasks = append(tasks, task{i, k})
		}
		if len(jobs[i].formats) == 0 && opt.Drawn != nil {
			opt.Drawn(f.Name) // nothing to draw
		}
	}
	parallel.For(len(tasks), 0, 1, func() struct{} { return struct{}{} }, func(_ struct{}, t int) {
		if ctx.Err() != nil {
			return
		}
		j := &jobs[tasks[t].fig]
		if j.draw(tasks[t].format) && opt.Drawn != nil {
			opt.Drawn(j.f.Name)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := &Figures{}
	var skipped []string
	for i := range jobs {
		d := jobs[i].finish()
		if d.absent {
			skipped = append(skipped, figs[i].Name)
		} else if d.Missing != "" {
			out.Notes = append(out.Notes, fmt.Sprintf("warning: figure %s not drawn: %v", figs[i].Name, firstLine(d.Missing)))
		}
		for _, file := range d.files {
			if err := os.WriteFile(filepath.Join(dir, file.name), file.data, 0o644); err != nil {
				return nil, err
			}
		}
		out.Figures = append(out.Figures, d.Figure)
	}
	if len(skipped) > 0 {
		out.Notes = append(out.Notes, fmt.Sprintf("%d figure(s) not drawn for lack of tables: %s", len(skipped), strings.Join(skipped, ", ")))
	}
	return out, nil
}

// drawnFigure is one figure drawn in memory, with its files.
type drawnFigure struct {
	report.Figure
	absent bool // a table it needs is absent
	files  []namedBytes
}

type namedBytes struct {
	name string
	data []byte
}

// figureJob draws a figure in every format asked for, and as SVG for the
// report: init, then draw for each format (on any goroutines), then
// finish.
type figureJob struct {
	f       *plots.Figure
	rs      *results.Set
	opt     Options
	d       drawnFigure
	formats []plots.Format // to draw
	hasSVG  bool           // asked for (else drawn for the report only)
	// laid out once for every format, by the first of its draws
	once   sync.Once
	layout *plots.Layout
	layErr error
	out    [][]byte
	errs   []error
	notes  []string
	left   atomic.Int32 // formats not drawn yet
}

func (j *figureJob) init(f *plots.Figure, rs *results.Set, opt Options) {
	j.f, j.rs, j.opt = f, rs, opt
	j.d = drawnFigure{Figure: report.Figure{Name: f.Name, Title: f.Title, Caption: f.Caption}}
	if m := f.Missing(rs); len(m) > 0 {
		j.d.Missing = "needs " + strings.Join(m, ", ") + ", which the results folder lacks"
		j.d.absent = true
		return
	}
	j.formats = opt.Formats
	for _, ft := range j.formats {
		j.hasSVG = j.hasSVG || ft == plots.SVG
	}
	if !j.hasSVG { // the report inlines the SVG
		j.formats = append(append([]plots.Format{}, j.formats...), plots.SVG)
	}
	n := len(j.formats)
	j.out, j.errs, j.notes = make([][]byte, n), make([]error, n), make([]string, n)
	j.left.Store(int32(n))
}

// draw draws the k-th format and reports whether it was the last.
func (j *figureJob) draw(k int) bool {
	j.once.Do(func() { j.layout, j.layErr = plots.Lay(j.f, j.rs, j.opt.Style) })
	if j.layErr == nil {
		var buf bytes.Buffer
		r, err := j.layout.Render(&buf, j.formats[k])
		j.out[k], j.errs[k], j.notes[k] = buf.Bytes(), err, r.Note
	}
	return j.left.Add(-1) == 0
}

// finish gathers the formats drawn, in order: the first error (a figure
// not drawn), else the files.
func (j *figureJob) finish() drawnFigure {
	d := j.d
	if d.absent {
		return d
	}
	if j.layErr != nil {
		d.Missing = j.layErr.Error()
		return d
	}
	var svg, png []byte
	for k, ft := range j.formats {
		if j.errs[k] != nil {
			d.Missing = j.errs[k].Error()
			d.files = nil
			return d
		}
		d.Note = j.notes[k]
		switch ft {
		case plots.PNG:
			png = j.out[k]
		case plots.SVG:
			svg = j.out[k]
			if !j.hasSVG {
				continue
			}
		}
		d.files = append(d.files, namedBytes{j.f.Name + "." + string(ft), j.out[k]})
	}
	d.SVG = svg
	if len(svg) > report.MaxInlineSVG && png == nil {
		// too large to inline: the report shows a PNG instead
		var buf bytes.Buffer
		if _, err := j.layout.Render(&buf, plots.PNG); err == nil {
			png = buf.Bytes()
		}
	}
	d.PNG = png
	return d
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// Report writes report.html from the tables and the figures drawn.
func Report(w io.Writer, rs *results.Set, figs *Figures) error {
	var f []report.Figure
	if figs != nil {
		f = figs.Figures
	}
	return report.Write(w, rs, f)
}

// Folder draws figures/ and report.html in a results folder from the tables
// already written there (run and demo). The tables are concord's own
// output, so failing to read them back is a bug: it is said in the notes,
// and the analysis's tables are kept (no error).
func Folder(ctx context.Context, dir string, opt Options) (*Figures, error) {
	rs, err := Load(dir)
	if err != nil {
		return &Figures{Notes: []string{"warning: figures and report.html not drawn (a bug; please report it): " +
			strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")}}, nil
	}
	figs, err := Draw(ctx, filepath.Join(dir, schema.FiguresDir), rs, opt)
	if err != nil {
		return nil, err
	}
	if opt.Reporting != nil {
		opt.Reporting()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return figs, output.WriteFile(filepath.Join(dir, schema.ReportFile), func(w io.Writer) error { return Report(w, rs, figs) })
}

// figureFiles are the names of every figure in every format.
var figureFiles = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, f := range plots.Figures() {
		for _, ft := range plots.Formats {
			m[f.Name+"."+string(ft)] = true
		}
	}
	return m
})

// ResultsFolderHolds reports whether a results folder as concord writes it
// holds the entry rel (slash-separated, relative to the folder; dir for a
// folder): its tables, summary.json, README.md, report.html and figures/
// with every figure in every format. A folder holding anything else is not
// concord's to replace.
func ResultsFolderHolds(rel string, dir bool) bool {
	if dir {
		return rel == schema.FiguresDir
	}
	d, name := path.Split(rel)
	switch d {
	case "":
		return slices.Contains(results.Files, name) || name == schema.ReadmeFile || name == schema.ReportFile || name == schema.PartialFile ||
			name == schema.AlterationsFile+schema.Gzip || isParquet(name)
	case schema.FiguresDir + "/":
		return figureFiles()[name]
	}
	return false
}

// isParquet reports whether name is a table's Parquet file (run --format
// parquet).
func isParquet(name string) bool {
	for _, t := range schema.Tables {
		if strings.TrimSuffix(t.File, ".tsv")+".parquet" == name {
			return true
		}
	}
	return false
}

// FiguresFolderHolds reports whether a figures folder holds the entry rel.
func FiguresFolderHolds(rel string, dir bool) bool { return !dir && figureFiles()[rel] }

// Load reads the results folder dir as results.Read does, opening only
// regular files (a FIFO or a device planted in the folder is refused,
// never read) within the default input caps, and keeping of the ledger
// and provenance.tsv only what the report shows (their rows are read and
// checked all the same): at 100,000 patients they are 1.6 million rows.
func Load(dir string) (*results.Set, error) {
	if st, err := os.Stat(dir); err != nil {
		return nil, concordance.FileError(dir, err)
	} else if !st.IsDir() {
		return nil, &concordance.InputError{File: dir, Err: errors.New("not a results folder")}
	}
	return results.ReadWith(infile.DirFS(dir, infile.Limits{}), dir, results.Options{LedgerRows: report.LedgerRows, NoProvenance: true})
}
