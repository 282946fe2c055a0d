package concordance

import "unsafe"

// RowStore keeps finished patients' released rows packed together: the
// rows, what releasing them keeps, their power and clonal-haematopoiesis
// assessments and their text, each in chunks that many patients share.
// Kept one by one, these small objects sat among the garbage of reading
// the next patients: after the per-patient stage of 10,000 patients, 67 MB
// of objects held 103 MB of the heap's spans, and a 100,000-patient run's
// heap outgrew its soft limit (bench/scale.sh). The zero value is ready to
// use; a RowStore is not safe for concurrent use.
type RowStore struct {
	rows  []Row
	kept  []kept
	notes []annotation
	power []Power
	ch    []CHAssessment
	text  []byte
}

// storeChunk is the size of a RowStore's chunks, in bytes: large enough to
// be allocated whole pages apart from small objects, small enough that
// the last, partly used chunk of each kind costs little.
const storeChunk = 256 << 10

// Keep releases the rows (ReleaseRows) and returns them moved into the
// store, with their power, assessments and text copied there too; rows
// itself is left to the collector. The values are unchanged.
func (s *RowStore) Keep(rows []Row) []Row {
	sides, annotated := toRelease(rows)
	releaseRows(rows, take(&s.kept, sides), take(&s.notes, annotated))
	out := take(&s.rows, len(rows))
	copy(out, rows)
	for i := range out {
		r := &out[i]
		s.keepText(&r.Alteration)
		if r.annotation != nil {
			r.annotation.protein = s.str(r.annotation.protein)
			r.annotation.consequence = s.str(r.annotation.consequence)
			r.annotation.exon = s.str(r.annotation.exon)
		}
		if r.Power != nil {
			p := &take(&s.power, 1)[0]
			*p = *r.Power
			r.Power = p
		}
		if r.CH != nil {
			c := &take(&s.ch, 1)[0]
			*c = *r.CH
			r.CH = c
		}
	}
	return out
}

// keepText copies an alteration's text into the store.
func (s *RowStore) keepText(a *Alteration) {
	for _, f := range []*string{&a.Gene, &a.Chrom, &a.Ref, &a.Alt, &a.Protein, &a.Partner, &a.Exons, &a.Gene5p, &a.Gene3p} {
		*f = s.str(*f)
	}
}

// str returns a copy of x in the store's text. Text written there is
// never written again (later strings are appended after it, or go to a
// new chunk), so the bytes under a string returned stay as they are.
func (s *RowStore) str(x string) string {
	if x == "" {
		return ""
	}
	if cap(s.text)-len(s.text) < len(x) {
		s.text = make([]byte, 0, max(len(x), storeChunk))
	}
	off := len(s.text)
	s.text = append(s.text, x...)
	return unsafe.String(&s.text[off], len(x))
}

// take returns the next n elements of the current chunk, starting a new
// chunk when it has fewer left.
func take[T any](chunk *[]T, n int) []T {
	if n == 0 {
		return nil
	}
	if cap(*chunk)-len(*chunk) < n {
		var zero T
		*chunk = make([]T, 0, max(n, storeChunk/int(unsafe.Sizeof(zero))))
	}
	off := len(*chunk)
	*chunk = (*chunk)[:off+n]
	return (*chunk)[off : off+n : off+n]
}
