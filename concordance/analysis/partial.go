package analysis

import (
	"bytes"
	"container/heap"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/partial"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/outdir"
)

// ParseFormat reads --format: tsv, parquet or tsv,parquet; whether to
// write Parquet files beside the TSVs (which are always written).
func ParseFormat(s string) (parquet bool, err error) {
	switch s {
	case "tsv", "parquet", "tsv,parquet":
		return s != "tsv", nil
	}
	return false, optionf("--format: %s (want tsv, parquet or tsv,parquet)", concordance.Quote(s))
}

// Shard is part K of N of a cohort (1 ≤ K ≤ N); the zero value is the
// whole cohort.
//
// A patient belongs to shard K when the 64-bit FNV-1a hash of its
// patient_id, modulo N, is K−1. A patient's shard depends on its id alone,
// not on the sheet's order or length, so shards stay the same when a
// sheet is re-sorted or grows (sheet order would move every later patient
// when one row is added), and they are balanced in expectation. Merging
// restores the sheet order from each patient's recorded position.
type Shard struct{ K, N int }

// ParseShard reads "K/N"; "" is the whole cohort.
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return Shard{}, optionf("--shard: %s (want K/N with 1 ≤ K ≤ N, e.g. 2/8)", concordance.Quote(s))
	}
	return Shard{K: k, N: n}, nil
}

// String writes "K/N", "" for the whole cohort.
func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// Holds reports whether the patient with this id belongs to the shard.
func (s Shard) Holds(id string) bool {
	if s.N == 0 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	return int(h.Sum64()%uint64(s.N)) == s.K-1
}

// parts are what the partial form keeps besides the patients: each
// patient's position, ledger entries and inputs, the cohort-level inputs
// and the shared files' part (pipeline.Result).
type parts struct {
	index          []int
	cohort         int // patients in the whole cohort
	shard          Shard
	patientLedgers [][]concordance.LedgerEntry
	patientInputs  [][]schema.InputFile
	cohortInputs   []schema.InputFile
	shared         partial.Shared
	actionable     []byte
	version        string
	parameters     map[string]any
	groupsBytes    []byte
	noPartial      bool
	compress       bool
	parquet        bool
}

// assemble sets the ledger and the inputs from the parts: the patients'
// in order, then the shared files'. A single run and a merge both build
// them here, so they cannot differ.
func (pp *PerPatient) assemble() {
	led := &concordance.Ledger{}
	if pp.spill != nil {
		// the patients' parts, appended in order as they were kept (the
		// spill holds none of them as entries, nor does patientLedgers)
		*led, pp.spill.ledger = pp.spill.ledger, concordance.Ledger{}
	} else {
		for _, part := range pp.patientLedgers {
			led.Append(part)
		}
	}
	led.Append(pp.shared.Ledger)
	led.Compact()
	pp.Ledger = led
	pp.Inputs = slices.Concat(append(append([][]schema.InputFile{pp.cohortInputs}, pp.patientInputs...), pp.shared.Inputs)...)
	off := len(pp.cohortInputs)
	for i, part := range pp.patientInputs { // pieces of the cohort's list, too
		pp.patientInputs[i] = pp.Inputs[off : off+len(part) : off+len(part)]
		off += len(part)
	}
}

// relInputs writes the inputs' paths relative to base when inside it.
func relInputs(base string, in []schema.InputFile) []schema.InputFile {
	paths := output.Paths{Base: base}
	out := make([]schema.InputFile, len(in))
	for i, f := range in {
		f.Path = paths.Rel(f.Path)
		out[i] = f
	}
	return out
}

// Parameters are the parameters recorded with the per-patient results
// (summary.json's): what `concord merge` runs the cohort stage with.
func (pp *PerPatient) Parameters() map[string]any { return pp.parameters }

// Shard is the shard the results are of (the zero value: a whole cohort).
func (pp *PerPatient) Shard() Shard { return pp.shard }

// header is the partial form's header of the results.
func (pp *PerPatient) header() partial.Header {
	return partial.Header{Version: pp.version, Shard: pp.shard.String(), Patients: len(pp.Patients), Cohort: pp.cohort,
		Parameters: pp.parameters, Inputs: pp.cohortInputs, Base: pp.Base, Reference: pp.Reference,
		Synthetic: pp.Synthetic, Actionable: pp.actionable, CancerGroups: pp.groupsBytes, Panels: pp.Panels, Pairs: pp.Pairs}
}

// WritePartial writes the results' partial form (package partial).
func (pp *PerPatient) WritePartial(w io.Writer) error {
	if len(pp.index) != len(pp.Patients) {
		return errors.New("analysis: per-patient results without their positions and ledgers (Patients and Merge give them)")
	}
	pw, err := partial.NewWriter(w, pp.header())
	if err != nil {
		return err
	}
	if pp.spill != nil {
		if !pp.spill.records || pp.spill.patients != len(pp.Patients) { // a bug
			return errors.New("analysis: the partial records were not kept (Options.NoPartial)")
		}
		if ok, err := pp.spill.writePacked(w); ok {
			return err
		}
		if err := pw.WriteRecords(pp.spill.reader(spillRecords), pp.spill.patients); err != nil {
			return err
		}
		return pw.Close(&pp.shared)
	}
	for i := range pp.Patients {
		rec := partial.Patient{Index: pp.index[i], Result: pp.Patients[i], Ledger: pp.patientLedgers[i], Inputs: pp.patientInputs[i]}
		if err := pw.Write(&rec); err != nil {
			return err
		}
	}
	return pw.Close(&pp.shared)
}

// pack compresses partial.bin.gz beside the cohort stage's tables (see
// Cohort), for WritePartial to copy; the bytes are WritePartial's own.
// Only the spill, which holds the records on disk, packs; a run without
// it compresses as it writes.
func (pp *PerPatient) pack() {
	if pp.spill != nil && pp.spill.records && pp.spill.packed == nil && !pp.noPartial {
		pp.spill.pack(pp.WritePartial)
	}
}

// InputTotals are the number of inputs and their bytes: those Inputs
// lists and the patients' files kept on disk.
func (pp *PerPatient) InputTotals() (files int, bytes int64) {
	files = len(pp.Inputs)
	for _, in := range pp.Inputs {
		bytes += in.Bytes
	}
	if pp.spill != nil {
		files += pp.spill.inputs
		bytes += pp.spill.inputBytes
	}
	return files, bytes
}

// Close lets go of the temporary files that hold the patients' lines and
// records once their calls were released (Options.KeepCalls); the results
// cannot be written afterwards. Results that are garbage let go of them
// too.
func (pp *PerPatient) Close() error {
	if pp.spill == nil {
		return nil
	}
	return pp.spill.close()
}

// Files are the files of a shard's folder: the partial form only.
func (pp *PerPatient) Files() []output.File {
	return []output.File{{Name: schema.PartialFile, Write: pp.WritePartial}}
}

// Partials are the partial files that command-line arguments name: a
// results folder names its schema.PartialFile; and the same as inputs, for
// the results folder to keep clear of.
func Partials(args []string) (files []string, in []outdir.Input) {
	for _, a := range args {
		p := a
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			p = filepath.Join(a, schema.PartialFile)
		}
		files = append(files, p)
		in = append(in, outdir.Input{Path: a, What: "a partial result", Dir: p != a})
	}
	return files, in
}

// Merge reads partial files (shards of one cohort, in any order) into the
// per-patient stage of the whole cohort, as Patients would have computed
// it: the patients in sheet order, the ledger, the inputs. It refuses
// files that cannot make one run: another concord version (than version),
// other parameters, inputs or reference, a patient in two files, or
// patients missing (a shard left out).
func Merge(files []string, version string) (*PerPatient, error) {
	if len(files) == 0 {
		return nil, optionf("merge: name the partial results to merge (results folders, or their %s)", schema.PartialFile)
	}
	// The files are read side by side, record after record in cohort
	// order (each file holds its patients in that order), and each patient
	// goes through the spill as a run's patients do: memory holds what the
	// cohort stage reads, not every record.
	var pp *PerPatient
	parts := make([]*mergePart, 0, len(files))
	defer func() {
		for _, m := range parts {
			m.r.Close()
		}
	}()
	held := 0
	for k, f := range files {
		r, err := partial.Open(f, f)
		if err != nil {
			return nil, err
		}
		m := &mergePart{r: r, file: f, order: k}
		parts = append(parts, m)
		h := r.Header()
		if pp == nil {
			if pp, err = fromHeader(h); err != nil {
				return nil, concordance.AtFile(f, err)
			}
		}
		if err := compatible(files[0], parts[0].r.Header(), f, h, version); err != nil {
			return nil, err
		}
		held += h.Patients
	}
	first := parts[0].r.Header()
	missing := func() error {
		return &concordance.InputError{File: files[0], Err: fmt.Errorf("the partials hold %d of the cohort's %d patients: is a shard missing?", held, first.Cohort)}
	}
	sp, err := newSpill(pp.Base, nil, true)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			sp.close()
		}
	}()
	var queue mergeQueue
	for _, m := range parts {
		if err := m.next(pp, len(files)); err != nil {
			return nil, err
		}
		if m.rec != nil {
			heap.Push(&queue, m)
		}
	}
	ids := map[string]string{}
	for pos := 0; queue.Len() > 0; pos++ {
		m := queue[0]
		rec := m.rec
		id := rec.Result.Patient.ID
		if other, dup := ids[id]; dup {
			return nil, &concordance.InputError{File: m.file, Err: fmt.Errorf("patient %s is also in %s: partials to merge must not overlap", concordance.Quote(id), other)}
		}
		ids[id] = m.file
		if rec.Index != pos {
			if held < first.Cohort {
				return nil, missing()
			}
			return nil, &concordance.InputError{File: files[0], Err: fmt.Errorf("patients' cohort positions are not 0..%d: partials of different cohorts?", first.Cohort-1)}
		}
		if err := sp.keep(pos, &rec.Result, rec.Ledger, rec.Inputs); err != nil {
			return nil, err
		}
		pp.Patients = append(pp.Patients, rec.Result)
		pp.index = append(pp.index, rec.Index)
		pp.patientLedgers = append(pp.patientLedgers, nil) // (kept by the spill, too)
		pp.patientInputs = append(pp.patientInputs, nil)
		if err := m.next(pp, len(files)); err != nil {
			return nil, err
		}
		if m.rec == nil {
			heap.Pop(&queue)
		} else {
			heap.Fix(&queue, 0)
		}
	}
	if len(pp.Patients) != first.Cohort {
		return nil, missing()
	}
	if err := sp.done(len(pp.Patients)); err != nil {
		return nil, err
	}
	ok, pp.spill = true, sp
	pp.assemble()
	return pp, nil
}

// mergePart is one partial file being merged: its next record (nil once
// they are all read).
type mergePart struct {
	r     *partial.Reader
	file  string
	order int // among the files named: the tie-break, for one order
	rec   *partial.Patient
}

// next reads the part's next record; after the last, its shared part.
func (m *mergePart) next(pp *PerPatient, files int) error {
	var p partial.Patient
	err := m.r.Next(&p)
	if err == nil {
		m.rec = &p
		return nil
	}
	m.rec = nil
	if !errors.Is(err, io.EOF) {
		return err
	}
	sh, err := m.r.Shared()
	if err != nil {
		return err
	}
	if len(sh.Ledger)+len(sh.Inputs) > 0 {
		if files > 1 {
			return &concordance.InputError{File: m.file, Err: errors.New("the run read multi-sample files (MAF, report tables) whose rows belong to several patients: such a run is not merged with others")}
		}
		pp.shared = *sh
	}
	return nil
}

// mergeQueue orders the parts by their next record's cohort position.
type mergeQueue []*mergePart

func (q mergeQueue) Len() int { return len(q) }
func (q mergeQueue) Less(i, j int) bool {
	a, b := q[i].rec.Index, q[j].rec.Index
	return a < b || a == b && q[i].order < q[j].order
}
func (q mergeQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *mergeQueue) Push(x any)   { *q = append(*q, x.(*mergePart)) }
func (q *mergeQueue) Pop() any {
	old := *q
	m := old[len(old)-1]
	*q = old[:len(old)-1]
	return m
}

// fromHeader starts the per-patient stage a partial file's header
// describes (its patients to come).
func fromHeader(h *partial.Header) (*PerPatient, error) {
	pp := &PerPatient{Base: h.Base, Synthetic: h.Synthetic, Reference: h.Reference, Panels: h.Panels, Pairs: h.Pairs}
	pp.cohort, pp.cohortInputs, pp.version, pp.parameters, pp.actionable = h.Cohort, h.Inputs, h.Version, h.Parameters, h.Actionable
	if h.Actionable != nil {
		name := ""
		for _, in := range h.Inputs {
			if in.Format == formatActionable {
				name = in.Path
			}
		}
		t, err := actionable.Read(bytes.NewReader(h.Actionable), name)
		if err != nil {
			return nil, err
		}
		pp.table = t
	}
	if h.CancerGroups != nil {
		name := ""
		for _, in := range h.Inputs {
			if in.Format == formatGroups {
				name = in.Path
			}
		}
		g, err := levels.ReadGroups(bytes.NewReader(h.CancerGroups), name)
		if err != nil {
			return nil, err
		}
		pp.groups, pp.groupsBytes = g, h.CancerGroups
	}
	return pp, nil
}

// take sets the patients from records in cohort order.
func (pp *PerPatient) take(recs []partial.Patient) {
	pp.Patients = make([]concordance.PatientResult, len(recs))
	pp.index = make([]int, len(recs))
	pp.patientLedgers = make([][]concordance.LedgerEntry, len(recs))
	pp.patientInputs = make([][]schema.InputFile, len(recs))
	for i := range recs {
		pp.Patients[i], pp.index[i] = recs[i].Result, recs[i].Index
		pp.patientLedgers[i], pp.patientInputs[i] = recs[i].Ledger, recs[i].Inputs
	}
}

// compatible refuses a partial that cannot be merged with the first.
func compatible(firstName string, a *partial.Header, name string, b *partial.Header, version string) error {
	refuse := func(format string, args ...any) error {
		return &concordance.InputError{File: name, Err: fmt.Errorf(format, args...)}
	}
	switch {
	case b.Version != version:
		return refuse("written by concord %s; this is concord %s: merge with the version that wrote it", concordance.Quote(b.Version), concordance.Quote(version))
	case !sameJSON(a.Parameters, b.Parameters):
		return refuse("run with other parameters than %s (%s): partials must come from one run's settings", firstName, differences(a.Parameters, b.Parameters))
	case !slices.Equal(a.Inputs, b.Inputs) || a.Reference != b.Reference || !bytes.Equal(a.Actionable, b.Actionable) || !bytes.Equal(a.CancerGroups, b.CancerGroups) || !sameJSON(a.Panels, b.Panels) || !sameJSON(a.Pairs, b.Pairs):
		return refuse("run on other inputs than %s (the sample sheet, panels, actionability table or reference differ)", firstName)
	case a.Base != b.Base:
		return refuse("its sample sheet was read from another folder than %s's", firstName)
	case a.Cohort != b.Cohort || a.Synthetic != b.Synthetic:
		return refuse("a part of another cohort than %s (%d patients against %d)", firstName, b.Cohort, a.Cohort)
	}
	return nil
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// differences names the parameters that differ.
func differences(a, b map[string]any) string {
	var names []string
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if !sameJSON(a[k], b[k]) {
			names = append(names, "--"+k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok {
			names = append(names, "--"+k)
		}
	}
	if len(names) == 0 {
		return "?"
	}
	return strings.Join(names, ", ")
}

// previous is the finished run that Options.AddTo extends.
type previous struct {
	name string
	h    *partial.Header
	recs []partial.Patient
}

// readPrevious reads the partial form of the results folder dir and
// checks that the new cohort can extend it: a whole run (not a shard) of
// this version, with the same parameters (paths aside), none of whose
// patients is in the new sheet.
func readPrevious(dir string, opt *Options, patients []concordance.Patient) (*previous, error) {
	name := dir + "/" + schema.PartialFile
	r, err := partial.Open(name, name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	h := r.Header()
	refuse := func(format string, args ...any) error {
		return &concordance.InputError{File: name, Err: fmt.Errorf("--add-to: "+format, args...)}
	}
	// Paths may be written differently from run to run (another working
	// folder, another sheet): the inputs' checksums compare the files.
	a, b := maps.Clone(h.Parameters), maps.Clone(opt.Parameters)
	for _, k := range []string{"sheet", "reference", "tissue-panel", "plasma-panel", "actionable"} {
		delete(a, k)
		delete(b, k)
	}
	switch {
	case h.Shard != "" || h.Patients != h.Cohort:
		return nil, refuse("a shard (%s), not a finished run: merge the shards first", h.Shard)
	case h.Version != opt.Version:
		return nil, refuse("written by concord %s; this is concord %s", concordance.Quote(h.Version), concordance.Quote(opt.Version))
	case !sameJSON(a, b):
		return nil, refuse("run with other parameters (%s): extend a run with its own settings", differences(a, b))
	}
	ids := map[string]bool{}
	for i := range patients {
		ids[patients[i].ID] = true
	}
	prev := &previous{name: name, h: h}
	for {
		var p partial.Patient
		if err := r.Next(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		if ids[p.Result.Patient.ID] {
			return nil, refuse("patient %s is in the results already: the sheet must list only new patients", concordance.Quote(p.Result.Patient.ID))
		}
		prev.recs = append(prev.recs, p)
	}
	sh, err := r.Shared()
	if err != nil {
		return nil, err
	}
	if len(sh.Ledger)+len(sh.Inputs) > 0 {
		return nil, refuse("the run read multi-sample files (MAF, report tables) whose rows belong to several patients: it cannot be extended")
	}
	return prev, nil
}

// check refuses to extend the previous run with a cohort read with other
// inputs (all but the sample sheet) or from another folder.
func (prev *previous) check(pp *PerPatient) error {
	h := prev.h
	refuse := func(format string, args ...any) error {
		return &concordance.InputError{File: prev.name, Err: fmt.Errorf("--add-to: "+format, args...)}
	}
	_, oldRest := splitSheets(h.Inputs)
	_, newRest := splitSheets(pp.cohortInputs)
	switch {
	case !slices.Equal(oldRest, newRest) || h.Reference != pp.Reference || !bytes.Equal(h.Actionable, pp.actionable) || !bytes.Equal(h.CancerGroups, pp.groupsBytes):
		return refuse("run on other inputs (the panels, actionability table or reference differ)")
	case h.Base != pp.Base:
		return refuse("its sample sheet was in %s; put the new sheet in the same folder (paths in the results are relative to it)", concordance.Quote(h.Base))
	case h.Synthetic != pp.Synthetic:
		return refuse("one cohort is simulated and the other is not")
	}
	return nil
}

// extend puts the previous run's patients before the new ones, as if the
// new sheet's rows followed the old sheet's (whose entry in the inputs
// comes first).
func (pp *PerPatient) extend(prev *previous) {
	h := prev.h
	oldSheets, _ := splitSheets(h.Inputs)
	newSheets, newRest := splitSheets(pp.cohortInputs)
	pp.cohortInputs = append(append(oldSheets, newSheets...), newRest...)
	for s := range pp.Panels { // the union's, as one run of both sheets names them
		pp.Panels[s] = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(h.Panels[s]), pp.Panels[s]...))))
	}
	for i := range pp.index {
		pp.index[i] += h.Cohort
	}
	pp.cohort += h.Cohort
	old := &PerPatient{}
	old.take(prev.recs)
	pp.Patients = append(old.Patients, pp.Patients...)
	pp.index = append(old.index, pp.index...)
	pp.patientLedgers = append(old.patientLedgers, pp.patientLedgers...)
	pp.patientInputs = append(old.patientInputs, pp.patientInputs...)
}

// splitSheets parts cohort-level inputs into the sample sheets and the rest.
func splitSheets(in []schema.InputFile) (sheets, rest []schema.InputFile) {
	for _, f := range in {
		if f.Format == formatSheet {
			sheets = append(sheets, f)
		} else {
			rest = append(rest, f)
		}
	}
	return sheets, rest
}

// formatSheet is the sample sheet's format in provenance.
const formatSheet = "sample_sheet"
