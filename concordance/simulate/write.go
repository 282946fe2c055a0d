package simulate

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/biogo/hts/bgzf"

	"github.com/concord-oncology/concord/internal/parallel"
)

// Config chooses what Write simulates.
type Config struct {
	Patients int    // number of patients (the impress preset's default cohort has 640)
	Seed     uint64 // the cohort seed: same seed, same bytes
	Preset   string // parameter set; "" means "impress"
	Threads  int    // worker goroutines; ≤ 0 means GOMAXPROCS. Never changes the output.
	// WBC is the share of patients with a matched white-blood-cell sample
	// (its calls and, for most, its genome VCF: sheet columns wbc_calls and
	// wbc_gvcf); 0, the impress default, writes none. The tissue and plasma
	// files do not depend on it.
	WBC float64
	// Layout is how the call files are laid out: "" (or LayoutConcord) in
	// calls/<P>/ with a sample sheet, LayoutTSO500 as the pipelines' output
	// folders (tissue/Results/<P>_T/ as TSO500 Local App v2 writes them,
	// plasma/Results/<P>_P/ as TSO500 ctDNA v2) with a clinical table and no
	// sheet: what concord sheet builds one from. The calls are the same.
	Layout string
}

// Layouts.
const (
	LayoutConcord = "concord"
	LayoutTSO500  = "tso500"
)

// Layouts lists the layouts Write accepts.
func Layouts() []string { return []string{LayoutConcord, LayoutTSO500} }

func (c *Config) tso500() bool { return c.Layout == LayoutTSO500 }

// DefaultPatients and DefaultSeed describe the default cohort: the size of
// IMPRESS-Norway's tissue+plasma cohort, and the seed the calibration
// documented in docs/simulation.md uses.
const (
	DefaultPatients = 640
	DefaultSeed     = 42
)

func (c *Config) preset() string {
	if c.Preset == "" {
		return "impress"
	}
	return c.Preset
}

// Presets lists the preset names Write accepts.
func Presets() []string {
	var out []string
	for k := range presets {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Sink creates the files of a cohort; names are slash-separated paths
// relative to the cohort folder. Write may call Create from several
// goroutines at once (creating thousands of small files is bound by the
// file system, so Write overlaps them), each for a different name.
type Sink interface {
	Create(name string) (io.WriteCloser, error)
}

// DirSink writes a cohort into the folder dir, creating sub-folders as
// needed. It is the one path-level helper of the package.
func DirSink(dir string) Sink { return &dirSink{root: dir} }

type dirSink struct {
	root string
	dirs sync.Map // folders already created
}

func (d *dirSink) Create(name string) (io.WriteCloser, error) {
	p := filepath.Join(d.root, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	if _, ok := d.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("simulate: %w", err)
		}
		d.dirs.Store(dir, true)
	}
	f, err := os.Create(p)
	if err != nil {
		return nil, fmt.Errorf("simulate: %w", err)
	}
	return f, nil
}

// ContextSink is sink that stops creating files once ctx is cancelled
// (a signal): Write then returns ctx's error.
func ContextSink(ctx context.Context, sink Sink) Sink { return ctxSink{ctx, sink} }

type ctxSink struct {
	ctx context.Context
	Sink
}

func (s ctxSink) Create(name string) (io.WriteCloser, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	return s.Sink.Create(name)
}

// Manifest describes a written cohort.
type Manifest struct {
	Preset   string
	Seed     uint64
	Patients int
	// Files lists every file written, in the order written (slash-separated,
	// relative to the cohort folder).
	Files []string
	Bytes int64
	// Expected counts truth rows by expected_category; Shared, TissueOnly
	// and PlasmaOnly are the union shares a correct default `concord run`
	// reports (S/(S+T+P) and so on).
	Expected                       map[string]int
	Shared, TissueOnly, PlasmaOnly float64
}

// Describe prints what was written to dir in layout, and the commands
// that analyse it.
func (m *Manifest) Describe(w io.Writer, dir, layout string) {
	fmt.Fprintf(w, "wrote a synthetic %s cohort of %d patients (seed %d) to %s: %d files, %.1f MB\n",
		m.Preset, m.Patients, m.Seed, dir, len(m.Files), float64(m.Bytes)/1e6)
	sheet := filepath.Join(dir, FileSampleSheet)
	if layout == LayoutTSO500 {
		fmt.Fprintf(w, "build its sheet with: concord sheet --tissue %s --plasma %s --pattern '^(P[0-9]+)_' --clinical %s --out %s\n",
			filepath.Join(dir, DirTissue), filepath.Join(dir, DirPlasma), filepath.Join(dir, FileClinical), sheet)
	}
	fmt.Fprintf(w, "analyse it with: concord run --sheet %s --reference %s\n", sheet, filepath.Join(dir, FileReference))
}

// Names of the cohort files.
const (
	FileReference     = "reference/genome.fa"
	FileReferenceFAI  = "reference/genome.fa.fai"
	FilePanel         = "panel.bed"
	FileSampleSheet   = "samplesheet.tsv"
	FileTruth         = "truth.tsv"
	FileTruthPatients = "truth_patients.tsv"
	FileReadme        = "README.md"
	// FileClinical replaces the sample sheet in the tso500 layout, and
	// DirTissue and DirPlasma hold the pipelines' output folders.
	FileClinical = "clinical.tsv"
	DirTissue    = "tissue"
	DirPlasma    = "plasma"
)

// FolderHolds reports whether a cohort folder as Write writes it holds the
// entry rel (slash-separated, relative to the folder; dir for a folder):
// the files named above and, for patient P, calls/P/P_*.
func FolderHolds(rel string, dir bool) bool {
	parts := strings.Split(rel, "/")
	layout := parts[0] == DirTissue || parts[0] == DirPlasma
	if dir {
		return rel == path.Dir(FileReference) || parts[0] == "calls" && len(parts) <= 2 ||
			layout && (len(parts) == 1 || parts[1] == "Results" && len(parts) <= 3)
	}
	switch rel {
	case FileReference, FileReferenceFAI, FilePanel, FileSampleSheet, FileTruth, FileTruthPatients, FileReadme, FileClinical:
		return true
	}
	return len(parts) == 3 && parts[0] == "calls" && strings.HasPrefix(parts[2], parts[1]+"_") ||
		layout && len(parts) == 4 && parts[1] == "Results" && strings.HasPrefix(parts[3], parts[2])
}

var sheetHeader = []string{"patient_id", "tissue_sample_id", "plasma_sample_id", "cancer_type", "oncotree_code", "stage",
	"tissue_collection_date", "plasma_collection_date", "ctdna_tumor_fraction", "age", "tissue_calls", "plasma_calls"}

// clinicalHeader is the tso500 layout's clinical table: the sheet without
// samples and files.
var clinicalHeader = append([]string{"patient_id"}, sheetHeader[3:10]...)

// patientOut is everything written for one patient.
type patientOut struct {
	files   []namedBytes
	sheet   string
	truth   []byte
	ptTruth []byte
	counts  map[string]int
	err     error
}

type namedBytes struct {
	name string
	data []byte
}

// Check reports what in cfg Write would refuse: an unknown preset or
// layout, no patients, a WBC share outside [0, 1].
func (cfg Config) Check() error {
	if _, ok := presets[cfg.preset()]; !ok {
		return fmt.Errorf("simulate: unknown preset %q (known: %s)", cfg.Preset, strings.Join(Presets(), ", "))
	}
	if cfg.Patients < 1 {
		return fmt.Errorf("simulate: patients must be at least 1 (--patients), got %d", cfg.Patients)
	}
	if !(cfg.WBC >= 0 && cfg.WBC <= 1) {
		return fmt.Errorf("simulate: the share of patients with a WBC sample (--wbc) must be in [0, 1], got %v", cfg.WBC)
	}
	switch {
	case cfg.Layout != "" && cfg.Layout != LayoutConcord && !cfg.tso500():
		return fmt.Errorf("simulate: unknown layout %q (--layout; known: %s)", cfg.Layout, strings.Join(Layouts(), ", "))
	case cfg.tso500() && cfg.WBC > 0:
		return fmt.Errorf("simulate: WBC samples (--wbc) are written in the concord --layout only")
	}
	return nil
}

// Write simulates a cohort and writes all its files to sink: the synthetic
// reference and its index, the panel BED, per patient the tissue and
// plasma call files, the sample sheet and the truth tables. The output
// depends on cfg.Seed, cfg.Patients and cfg.Preset only.
func Write(cfg Config, sink Sink) (*Manifest, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	m, err := newModel(presets[cfg.preset()]())
	if err != nil {
		return nil, err
	}
	threads := parallel.Workers(cfg.Threads)
	w := &writer{
		man:   &Manifest{Preset: cfg.preset(), Seed: cfg.Seed, Patients: cfg.Patients, Expected: map[string]int{}},
		sink:  sink,
		files: parallel.NewGroup(max(2, threads)),
	}
	if err := w.common(&cfg, m); err != nil {
		w.files.Wait()
		return nil, err
	}
	if err := w.patients(&cfg, m, threads); err != nil {
		w.files.Wait()
		return nil, err
	}
	if err := w.files.Wait(); err != nil {
		return nil, err
	}
	w.man.shares()
	return w.man, nil
}

// writer hands a cohort's files to the sink from a small pool of
// goroutines (creating thousands of small files is bound by the file
// system); the manifest lists them in a fixed order whatever the pool
// does.
type writer struct {
	man   *Manifest
	sink  Sink
	files *parallel.Group
}

// put stores one file, unless an earlier one failed.
func (w *writer) put(name string, data []byte) error {
	if err := w.files.Err(); err != nil {
		return err
	}
	f := namedBytes{name, data}
	w.files.Go(func() error { return store(w.sink, f) })
	w.man.Files = append(w.man.Files, name)
	w.man.Bytes += int64(len(data))
	return nil
}

// common writes the files every patient shares: the README, the reference
// with its index and the panel.
func (w *writer) common(cfg *Config, m *model) error {
	var fasta bytes.Buffer
	fai, err := m.gn.WriteFASTA(&fasta)
	if err != nil {
		return err
	}
	var bed bytes.Buffer
	if err := m.gn.WritePanelBED(&bed); err != nil {
		return err
	}
	for _, f := range []namedBytes{{FileReadme, []byte(readme(cfg))}, {FileReference, fasta.Bytes()}, {FileReferenceFAI, fai}, {FilePanel, bed.Bytes()}} {
		if err := w.put(f.name, f.data); err != nil {
			return err
		}
	}
	return nil
}

// patients simulates the patients on a worker pool and writes them in
// order, a window of finished patients at most waiting in memory; the
// sample sheet and the truth tables that list them all are written as the
// patients come, so that memory does not grow with the cohort.
func (w *writer) patients(cfg *Config, m *model, threads int) (err error) {
	width := max(4, len(strconv.Itoa(cfg.Patients)))
	sheetName := FileSampleSheet
	if cfg.tso500() {
		sheetName = FileClinical
	}
	var streams [3]*stream
	for i, name := range []string{sheetName, FileTruth, FileTruthPatients} {
		if streams[i], err = w.stream(name); err != nil {
			return err
		}
		defer func() {
			if cerr := streams[i].close(); err == nil {
				err = cerr
			}
		}()
	}
	sheet, truth, ptTruth := streams[0].w, streams[1].w, streams[2].w
	fmt.Fprintf(sheet, "# concord-synthetic: preset=%s seed=%d patients=%d\n", cfg.preset(), cfg.Seed, cfg.Patients)
	header := sheetHeader
	if cfg.tso500() {
		header = clinicalHeader
	}
	if cfg.WBC > 0 {
		header = append(append([]string(nil), header...), wbcSheetHeader...)
	}
	sheet.WriteString(strings.Join(header, "\t") + "\n")
	truth.WriteString(strings.Join(truthHeader, "\t") + "\n")
	ptTruth.WriteString(strings.Join(patientTruthHeader, "\t") + "\n")
	err = parallel.Ordered(cfg.Patients, threads, 8*threads, func(i int) *patientOut {
		o := &patientOut{}
		m.render(cfg, i, width, o)
		return o
	}, func(_ int, o *patientOut) error {
		if o.err != nil {
			return o.err
		}
		for _, f := range o.files {
			if err := w.put(f.name, f.data); err != nil {
				return err
			}
		}
		sheet.WriteString(o.sheet)
		truth.Write(o.truth)
		ptTruth.Write(o.ptTruth)
		for k, v := range o.counts {
			w.man.Expected[k] += v
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, s := range streams {
		w.man.Files = append(w.man.Files, s.name)
	}
	return nil
}

// stream is a file of the cohort written as the patients come.
type stream struct {
	name string
	f    io.WriteCloser
	w    *bufio.Writer
	n    *int64
}

// stream creates the file name in the sink, counting its bytes in the
// manifest.
func (w *writer) stream(name string) (*stream, error) {
	f, err := w.sink.Create(name)
	if err != nil {
		return nil, fmt.Errorf("simulate: writing %s: %w", name, err)
	}
	return &stream{name: name, f: f, w: bufio.NewWriterSize(countingWriter{f, &w.man.Bytes}, 256<<10)}, nil
}

func (s *stream) close() error {
	err := s.w.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("simulate: writing %s: %w", s.name, err)
	}
	return nil
}

// countingWriter adds the bytes written to *n.
type countingWriter struct {
	w io.Writer
	n *int64
}

func (c countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	*c.n += int64(n)
	return n, err
}

// shares sets the union shares a correct default run reports.
func (man *Manifest) shares() {
	if u := man.Expected[expShared] + man.Expected[expTissueOnly] + man.Expected[expPlasmaOnly]; u > 0 {
		man.Shared = float64(man.Expected[expShared]) / float64(u)
		man.TissueOnly = float64(man.Expected[expTissueOnly]) / float64(u)
		man.PlasmaOnly = float64(man.Expected[expPlasmaOnly]) / float64(u)
	}
}

// store writes one file to the sink.
func store(sink Sink, f namedBytes) error {
	w, err := sink.Create(f.name)
	if err != nil {
		return err
	}
	_, err = w.Write(f.data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("simulate: writing %s: %w", f.name, err)
	}
	return nil
}

// render simulates patient i and formats its files.
func (m *model) render(cfg *Config, i, width int, out *patientOut) {
	defer func() {
		if p := recover(); p != nil {
			out.err = fmt.Errorf("simulate: patient %d: internal error: %v", i+1, p)
		}
	}()
	pt := m.simulate(cfg.Seed, i, width)
	r := patientRand(cfg.Seed^0xF11E5, i) // cosmetic values of the files, apart from the model's stream
	dir := "calls/" + pt.id + "/"
	tvcf, pvcf := []byte(tissueVCF(cfg, m.gn, pt, r)), []byte(plasmaVCF(cfg, m.gn, pt, r))
	// (in this order: they draw from r in turn)
	tcnv, tfus := []byte(tissueCNV(cfg, m.gn, m, pt, r)), []byte(tissueFusions(m.gn, pt, r))
	pcnv, pfus := []byte(plasmaCNV(cfg, m.gn, m, pt, r)), []byte(plasmaFusions(m.gn, pt, r))
	var tNames, pNames []string
	var err error
	if cfg.tso500() {
		// The pipelines' own names and compression (FORMATS.md §0): Local
		// App writes plain VCFs, DRAGEN bgzips its VCFs.
		t, p := DirTissue+"/Results/"+pt.id+"_T/"+pt.id+"_T", DirPlasma+"/Results/"+pt.id+"_P/"+pt.id+"_P"
		tNames = []string{t + "_MergedSmallVariants.vcf", t + "_CopyNumberVariants.vcf", t + "_AllFusions.csv"}
		pNames = []string{p + ".hard-filtered.vcf.gz", p + ".cnv.vcf.gz", p + "_Fusions.csv"}
		pcnv, err = bgzip(pcnv)
	} else {
		tNames = []string{dir + pt.id + "_T.vcf.gz", dir + pt.id + "_T_CopyNumberVariants.vcf", dir + pt.id + "_T_AllFusions.csv"}
		pNames = []string{dir + pt.id + "_P.hard-filtered.vcf.gz", dir + pt.id + "_P.cnv.vcf", dir + pt.id + "_P_Fusions.csv"}
		if err == nil {
			tvcf, err = bgzip(tvcf)
		}
	}
	if err == nil {
		pvcf, err = bgzip(pvcf)
	}
	if err != nil {
		out.err = err
		return
	}
	out.files = []namedBytes{{tNames[0], tvcf}, {tNames[1], tcnv}, {tNames[2], tfus}, {pNames[0], pvcf}, {pNames[1], pcnv}, {pNames[2], pfus}}
	tf := ""
	if !math.IsNaN(pt.tfReported) {
		tf = strconv.FormatFloat(pt.tfReported, 'f', 4, 64)
	}
	cells := []string{pt.id, pt.id + "_T", pt.id + "_P", pt.ct.name, pt.ct.code, stageOrUnknown(pt.stage),
		pt.tissueDate.Format("2006-01-02"), pt.plasmaDate.Format("2006-01-02"), tf, strconv.Itoa(pt.age),
		strings.Join(tNames, ";"), strings.Join(pNames, ";")}
	if cfg.tso500() {
		cells = append(cells[:1], cells[3:10]...)
	}
	if cfg.WBC > 0 {
		files, wbcCells, err := m.wbcFiles(cfg, pt, dir)
		if err != nil {
			out.err = err
			return
		}
		out.files = append(out.files, files...)
		cells = append(cells, wbcCells...)
	}
	out.sheet = strings.Join(cells, "\t") + "\n"
	rows := m.truthRows(pt)
	var tb, pb bytes.Buffer
	if err := writeTruthRows(&tb, pt, rows); err != nil {
		out.err = err
		return
	}
	if err := writePatientTruth(&pb, pt, len(rows)); err != nil {
		out.err = err
		return
	}
	out.truth, out.ptTruth = tb.Bytes(), pb.Bytes()
	out.counts = map[string]int{}
	for _, r := range rows {
		out.counts[r.category]++
	}
}

// bgzip compresses data as BGZF (the SAM specification's blocked gzip,
// readable by tabix and htslib) with the biogo/hts writer, at deflate's
// fastest level: compression is most of the cost of writing a cohort, and
// any level is valid BGZF.
func bgzip(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := bgzf.NewWriterLevel(&buf, gzip.BestSpeed, 1)
	if err != nil {
		return nil, fmt.Errorf("simulate: bgzf: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("simulate: bgzf: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("simulate: bgzf: %w", err)
	}
	return buf.Bytes(), nil
}

func readme(cfg *Config) string {
	return fmt.Sprintf(`# Synthetic cohort (concord simulate)

Everything in this folder is synthetic: simulated by concord's %q preset with seed %d for
%d patients. No file comes from a real patient.

- reference/genome.fa (+ .fai): a synthetic genome with hg19-style contig names (chr1…chrX),
  short contigs holding the TSO500 genes (one + strand transcript each) and a few fusion partners.
- panel.bed: 0-based BED, one interval per coding exon of each TSO500 gene; column 4 is the
  gene symbol, column 5 the exon number of the canonical transcript.
- samplesheet.tsv: one row per patient; tissue_calls / plasma_calls list the call files
  (with --layout tso500: clinical.tsv, the clinical columns only; concord sheet builds the
  sheet from tissue/ and plasma/).
- calls/<patient>/ (with --layout tso500: tissue/Results/<patient>_T/ and
  plasma/Results/<patient>_P/, named as the pipelines name them): the tissue files in TSO500 Local App dialects (Pisces VCF, Craft CNV VCF,
  RNA AllFusions.csv) and the plasma files in TSO500 ctDNA v2 / DRAGEN dialects
  (hard-filtered VCF, cnv.vcf, DNA Fusions.csv).
- truth.tsv: one row per patient × alteration any file contains, with its origin and the
  category a correct default concord run reports (expected_category) and why a discordant one
  is discordant (expected_reason). truth_patients.tsv: the patients' true tumour fraction,
  purity, age and shedding class.

The model and its parameters are described in docs/simulation.md of the concord repository.
`, cfg.preset(), cfg.Seed, cfg.Patients)
}
