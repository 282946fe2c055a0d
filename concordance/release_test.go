package concordance

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestReleaseKeepsWhatTheCohortStageReads: after ReleaseRows, every quantity
// a side reports, whether it called the row, and the annotated call's
// protein change, consequence and exon are what they were with the calls
// (oracle: the same methods on the unreleased row; the means by hand).
func TestReleaseKeepsWhatTheCohortStageReads(t *testing.T) {
	a := Alteration{Class: SNV, Gene: "KRAS", Variant: Variant{Chrom: "12", Pos: 25245350, Ref: "C", Alt: "T"}}
	mnv := Call{Alteration: a, VAF: 0.2, Depth: 400, AltReads: 80, FoldChange: Missing, CopyNumber: Missing, Consequence: "missense_variant", Exon: "2/6"}
	part := Call{Alteration: a, VAF: Missing, Depth: 301, AltReads: -1, FoldChange: 1.5, CopyNumber: Missing}
	withProtein := Call{Alteration: a, VAF: 0.05, Depth: 900, AltReads: 45, FoldChange: Missing, CopyNumber: 3, Consequence: "missense_variant", Exon: "2/6"}
	withProtein.Protein = "p.G12D"
	rows := []Row{
		{Alteration: a, Tissue: Observation{Status: Called, Calls: []*Call{&mnv, &part}}, Plasma: Observation{Status: Called, Calls: []*Call{&withProtein}}},
		{Alteration: a, Tissue: Observation{Status: Called, Calls: []*Call{&mnv}}, Plasma: Observation{Status: NotDetected, Evidence: Evidence{Source: EvidenceBAM, AltReads: 2, Depth: 812}}},
		{Alteration: a, Tissue: Observation{Status: NotDetected}, Plasma: Observation{Status: NotDetected, Evidence: Evidence{Source: EvidenceGVCF, AltReads: -1, Depth: 95}}},
	}
	type view struct {
		vaf, fc, cn     [2]float64
		depth, alt      [2]int
		called          [2]bool
		annotated       bool
		protein, cq, ex string
	}
	look := func(r *Row) view {
		var v view
		for s, o := range []*Observation{&r.Tissue, &r.Plasma} {
			v.vaf[s], v.fc[s], v.cn[s] = o.VAF(), o.FoldChange(), o.CopyNumber()
			v.depth[s], v.alt[s], v.called[s] = o.Depth(), o.AltReads(), o.Called()
		}
		if c := r.AnnotatedCall(); c != nil {
			v.annotated, v.protein, v.cq, v.ex = true, c.Protein, c.Consequence, c.Exon
		}
		return v
	}
	same := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	var before []view
	for i := range rows {
		before = append(before, look(&rows[i]))
	}
	ReleaseRows(rows)
	ReleaseRows(rows) // a second time changes nothing
	for i := range rows {
		after := look(&rows[i])
		if rows[i].Tissue.Calls != nil || rows[i].Plasma.Calls != nil {
			t.Errorf("row %d: calls kept after ReleaseRows", i)
		}
		b := before[i]
		for s := 0; s < 2; s++ {
			if !same(b.vaf[s], after.vaf[s]) || !same(b.fc[s], after.fc[s]) || !same(b.cn[s], after.cn[s]) ||
				b.depth[s] != after.depth[s] || b.alt[s] != after.alt[s] || b.called[s] != after.called[s] {
				t.Errorf("row %d side %d: %+v before, %+v after", i, s, b, after)
			}
		}
		if b.annotated != after.annotated || b.protein != after.protein || b.cq != after.cq || b.ex != after.ex {
			t.Errorf("row %d: annotated call %+v before, %+v after", i, b, after)
		}
	}
	// By hand: the first row's tissue VAF is 0.2 (the part has none), its
	// depth round((400+301)/2) = 351, alt reads 80 (the part has none);
	// its annotated call is the plasma call with the protein change.
	r := &rows[0]
	if r.Tissue.VAF() != 0.2 || r.Tissue.Depth() != 351 || r.Tissue.AltReads() != 80 || r.Tissue.FoldChange() != 1.5 {
		t.Errorf("tissue after Release: VAF %v depth %d alt %d FC %v", r.Tissue.VAF(), r.Tissue.Depth(), r.Tissue.AltReads(), r.Tissue.FoldChange())
	}
	if c := r.AnnotatedCall(); c == nil || c.Protein != "p.G12D" || c.Gene != "KRAS" {
		t.Errorf("annotated call after Release: %+v", c)
	}
	if rows[2].AnnotatedCall() != nil || rows[2].Plasma.Depth() != 95 {
		t.Errorf("row without calls: annotated %v, plasma depth %d", rows[2].AnnotatedCall(), rows[2].Plasma.Depth())
	}
}

// TestLedgerCompact: a compacted ledger still merges what Add adds to an
// entry it holds (the index is built again).
func TestLedgerCompact(t *testing.T) {
	var l Ledger
	l.Add("a.vcf", "P1", Tissue, ReasonUsed, "", 1)
	l.Add("b.vcf", "P1", Tissue, ReasonFiltered, "", 1)
	l.Add("a.vcf", "P1", Tissue, ReasonUsed, "", 2)
	l.Compact()
	l.Add("a.vcf", "P1", Tissue, ReasonUsed, "", 4)
	if e := l.Entries(); len(e) != 2 || e[0].Records != 7 || e[1].Records != 1 {
		t.Errorf("entries %+v", e)
	}
}

// TestLedgerOf: the copy of whole patients' parts and the merge through
// the index give the same ledger (oracle: mergeAll, the index for every
// entry), whatever the parts: patients' parts, a shared part naming no
// patient, one naming a patient of an earlier part, duplicate keys, empty
// entries.
func TestLedgerOf(t *testing.T) {
	e := func(file, patient, reason string, n int64) LedgerEntry {
		return LedgerEntry{File: file, Patient: patient, Side: Tissue, Reason: reason, Records: n}
	}
	p1 := []LedgerEntry{e("a", "P1", ReasonUsed, 3), e("a", "P1", ReasonFiltered, 2)}
	p2 := []LedgerEntry{e("b", "P2", ReasonUsed, 5)}
	var large []LedgerEntry // more than smallPart entries: distinct keeps a map
	for k := range smallPart + 8 {
		large = append(large, e(fmt.Sprintf("f%d", k), "P3", ReasonUsed, int64(k+1)))
	}
	largeDup := append(slices.Clone(large), large[3])
	for name, parts := range map[string][][]LedgerEntry{
		"a large part":                  {p1, large, p2},
		"a large part with a duplicate": {p1, largeDup, p2},
		"patients and a shared part":    {p1, p2, {e("m", "", ReasonOtherSample, 7), e("m", "", ReasonOtherSample, 1)}},
		"shared part names P1":          {p1, p2, {e("a", "P1", ReasonUsed, 4)}},
		"a part with two patients":      {p1, {e("b", "P2", ReasonUsed, 1), e("c", "P3", ReasonUsed, 1)}, p2},
		"duplicate key in a part":       {{e("a", "P1", ReasonUsed, 1), e("a", "P1", ReasonUsed, 2)}, p2},
		"one patient in two parts":      {p1, p1},
		"empty entry":                   {{e("a", "P1", ReasonUsed, 0)}, p2},
		"skipped patient, no record":    {{e("a", "P1", ReasonPatientSkipped, 0)}, p2},
		"empty parts":                   {nil, p1, nil, p2, nil},
	} {
		got, want := LedgerOf(parts...).Entries(), mergeAll(parts).Entries()
		if !slices.Equal(got, want) {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
}

// TestLedgerPacked: a ledger packs its entries into tables (files and
// patients looked up among the last few names, outcomes in a map once
// there are many); what it gives back is what it was given (oracle: the
// entries added, kept as LedgerEntry values by the test), and Sorted,
// Totals and ByReason read the same entries (oracles: slices.SortStableFunc
// of the copy by the documented order, sums by hand).
func TestLedgerPacked(t *testing.T) {
	var parts [][]LedgerEntry
	var want []LedgerEntry
	for p := range 40 {
		var part []LedgerEntry
		id := fmt.Sprintf("P%02d", p)
		for k := range 12 { // files named again 10 entries later, outcomes of 40 details
			e := LedgerEntry{File: fmt.Sprintf("/d/%s/%d.vcf", id, k%10), Patient: id, Side: Side(k % 2), Reason: ReasonFiltered,
				Detail: fmt.Sprintf("f%d", (p+k)%40), Records: int64(1 + p*k)}
			if k%3 == 0 {
				e.Reason, e.Detail = ReasonUsed, ""
			}
			part = append(part, e)
		}
		parts, want = append(parts, part), append(want, part...)
	}
	l := LedgerOf(parts...)
	if got := l.Entries(); !slices.Equal(got, want) {
		t.Fatalf("entries differ from those given:\n%+v\n%+v", got, want)
	}
	sorted := slices.Clone(want)
	slices.SortStableFunc(sorted, func(a, b LedgerEntry) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Used() != b.Used() {
			if a.Used() {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.Reason, b.Reason); c != 0 {
			return c
		}
		return strings.Compare(a.Detail, b.Detail)
	})
	if got := slices.Collect(l.Sorted()); !slices.Equal(got, sorted) {
		t.Errorf("sorted:\n%+v\nwant\n%+v", got, sorted)
	}
	var read, used int64
	byReason := map[string]int64{}
	for _, e := range want {
		read += e.Records
		if e.Used() {
			used += e.Records
		}
		byReason[e.Reason] += e.Records
	}
	if r, u, x := l.Totals(); r != read || u != used || x != read-used {
		t.Errorf("totals %d %d %d, want %d %d %d", r, u, x, read, used, read-used)
	}
	if got := l.ByReason(); !maps.Equal(got, byReason) {
		t.Errorf("by reason %v, want %v", got, byReason)
	}
	// Add after packing merges into the packed entry.
	l.Add(want[5].File, want[5].Patient, want[5].Side, want[5].Reason, want[5].Detail, 1000)
	if got := l.Entries(); len(got) != len(want) || got[5].Records != want[5].Records+1000 {
		t.Errorf("after Add: %d entries, entry 5 %+v", len(got), got[5])
	}
}

// TestRowStoreKeep: rows kept in a RowStore read as the same rows released
// in place (oracle: ReleaseRows on a copy), across many chunks; the
// store's copies do not change when the rows handed in are reused, and a
// patient's rows cannot be appended over the next patient's.
func TestRowStoreKeep(t *testing.T) {
	mk := func(i int) []Row {
		a := Alteration{Class: SNV, Gene: fmt.Sprintf("G%d", i), Variant: Variant{Chrom: "12", Pos: 1000 + i, Ref: "C", Alt: "T"}}
		a.Protein = fmt.Sprintf("p.G%dD", i)
		fu := Alteration{Class: Fusion, Gene: "ALK", Partner: fmt.Sprintf("EML%d", i), Gene5p: fmt.Sprintf("EML%d", i), Gene3p: "ALK", Oriented: true, Exons: "13;20"}
		t1 := &Call{Alteration: a, VAF: float64(i%97) / 100, Depth: 100 + i, AltReads: i % 50, FoldChange: Missing, CopyNumber: Missing, Consequence: "missense_variant", Exon: fmt.Sprintf("%d/9", i%9)}
		p1 := &Call{Alteration: fu, VAF: Missing, Depth: -1, AltReads: 7, FoldChange: Missing, CopyNumber: Missing}
		return []Row{
			{Alteration: a, Tissue: Observation{Status: Called, Calls: []*Call{t1}}, Plasma: Observation{Status: NotDetected, Evidence: Evidence{Source: EvidenceBAM, AltReads: 1, Depth: 300 + i}},
				Category: TissueOnly, Reason: "low_power", Power: &Power{Side: Plasma, ExpectedVAF: 0.01 * float64(i%10), Depth: 300 + i, DepthSource: "evidence", Probability: 0.5}},
			{Alteration: fu, Tissue: Observation{Status: NotDetected}, Plasma: Observation{Status: Called, Calls: []*Call{p1}}, Category: PlasmaOnly,
				CH: &CHAssessment{Probability: float64(i%3) / 3}, WBC: WBCObservation{Evidence: Evidence{Source: EvidenceBAM, AltReads: 0, Depth: 90}, Status: "absent"}},
		}
	}
	type view struct {
		alt                          Alteration
		cat                          Category
		reason                       string
		vaf, fc, cn                  [2]float64
		depth, altReads              [2]int
		called                       [2]bool
		power                        Power
		hasPower, hasCH              bool
		ch                           float64
		wbc                          WBCObservation
		annotated, protein, cq, exon string
	}
	look := func(r *Row) view {
		v := view{alt: r.Alteration, cat: r.Category, reason: r.Reason, wbc: r.WBC}
		for s, o := range []*Observation{&r.Tissue, &r.Plasma} {
			v.vaf[s], v.fc[s], v.cn[s] = o.VAF(), o.FoldChange(), o.CopyNumber()
			v.depth[s], v.altReads[s], v.called[s] = o.Depth(), o.AltReads(), o.Called()
		}
		if r.Power != nil {
			v.power, v.hasPower = *r.Power, true
		}
		if r.CH != nil {
			v.ch, v.hasCH = r.CH.Probability, true
		}
		if c := r.AnnotatedCall(); c != nil {
			v.annotated, v.protein, v.cq, v.exon = c.Gene, c.Protein, c.Consequence, c.Exon
		}
		return v
	}
	same := func(a, b view) bool {
		eq := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
		for s := 0; s < 2; s++ {
			if !eq(a.vaf[s], b.vaf[s]) || !eq(a.fc[s], b.fc[s]) || !eq(a.cn[s], b.cn[s]) {
				return false
			}
			a.vaf[s], a.fc[s], a.cn[s], b.vaf[s], b.fc[s], b.cn[s] = 0, 0, 0, 0, 0, 0
		}
		return a == b
	}
	var store RowStore
	const patients = 8000 // every kind of chunk filled at least once
	kept := make([][]Row, patients)
	for i := range kept {
		rows := mk(i)
		kept[i] = store.Keep(rows)
		if cap(kept[i]) != len(kept[i]) {
			t.Fatalf("patient %d: kept rows have room to append over the next patient's (len %d, cap %d)", i, len(kept[i]), cap(kept[i]))
		}
		// The rows handed in are the caller's to reuse.
		for j := range rows {
			rows[j].Gene, rows[j].Reason = "REUSED", "reused"
			if rows[j].Power != nil {
				rows[j].Power.Probability = -1
			}
		}
	}
	for i := range kept {
		want := mk(i)
		ReleaseRows(want)
		for j := range want {
			if w, g := look(&want[j]), look(&kept[i][j]); !same(w, g) {
				t.Fatalf("patient %d row %d: kept %+v, want %+v", i, j, g, w)
			}
		}
	}
}
