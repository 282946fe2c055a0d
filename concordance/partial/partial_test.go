package partial

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
)

// patient is a record with every kind of field set, missing values
// included.
func patient(i int) Patient {
	p := &concordance.Patient{ID: "P" + string(rune('A'+i)), CancerType: "Lung Adenocarcinoma", Stage: "IV",
		TissueDate: time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC), TumorFraction: concordance.Missing, TumorPurity: 0.4, Age: math.Copysign(0, -1),
		Extra: map[string]string{"b": "2", "a": "1", "c": ""}, Line: 3 + i}
	call := concordance.NewCall(concordance.Tissue, concordance.Alteration{Class: concordance.SNV, Gene: "BRAF",
		Variant: concordance.Variant{Chrom: "chr7", Pos: 140453136, Ref: "A", Alt: "T"}, Protein: "p.V600E"}, concordance.Source{File: "/x/t.vcf.gz", Line: 12})
	call.VAF = 0.31
	row := concordance.Row{Alteration: call.Alteration, Tissue: concordance.Observation{Status: concordance.Called, Calls: []*concordance.Call{&call}},
		Plasma:   concordance.Observation{Evidence: concordance.Evidence{Source: "bam", AltReads: 1, Depth: -1}},
		Category: concordance.TissueOnly, Reason: "below_threshold", Power: &concordance.Power{ExpectedVAF: concordance.Missing, Probability: 0.5},
		CH: &concordance.CHAssessment{}}
	return Patient{Index: i, Result: concordance.PatientResult{Patient: p, Rows: []concordance.Row{row, {Category: concordance.NotCompared}},
		Counts: concordance.Counts{TissueOnly: 1}, Calls: [2]int{1, 0}, TumorFraction: concordance.Missing,
		Biomarkers: [2]concordance.Biomarkers{concordance.NoBiomarkers(), {TMB: 7.5, MSIScore: concordance.Missing, MSIStatus: "MSS"}}},
		Ledger: []concordance.LedgerEntry{{File: "/x/t.vcf.gz", Patient: p.ID, Reason: concordance.ReasonUsed, Records: 1 << 40}},
		Inputs: []schema.InputFile{{Path: "t.vcf.gz", SHA256: "ab", Bytes: 9}}}
}

func write(t testing.TB, h Header, recs []Patient, sh *Shared) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := NewWriter(&b, h)
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(sh); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := newGzipReader(b)
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRoundTrip: what is written is read back equal (NaN, -0, times,
// maps, nil and non-nil pointers), and the bytes do not depend on map
// iteration order.
func TestRoundTrip(t *testing.T) {
	recs := []Patient{patient(0), patient(1)}
	h := Header{Version: "v1", Patients: 2, Cohort: 5, Shard: "1/3", Parameters: map[string]any{"seed": "7", "x": true}}
	sh := &Shared{Ledger: []concordance.LedgerEntry{{File: "m.maf", Reason: schema.LedgerOtherSample, Records: 3}}}
	b := write(t, h, recs, sh)
	for range 5 {
		if again := write(t, h, recs, sh); !bytes.Equal(again, b) {
			t.Fatal("the same records gave other bytes")
		}
	}
	r, err := NewReader(bytes.NewReader(gunzip(t, b)), "p.gz")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Header(); got.Version != "v1" || got.Shard != "1/3" || got.Cohort != 5 || got.Parameters["x"] != true || got.Records != Signature() {
		t.Fatalf("header %+v", got)
	}
	// "seed" is read under its new name (Renamed): the header was written
	// as concord wrote it before the rename
	if got := r.Header().Parameters; got["bootstrap-seed"] != "7" || got["seed"] != nil {
		t.Errorf("parameters %v: want seed read as bootstrap-seed", got)
	}
	for i := range recs {
		var p Patient
		if err := r.Next(&p); err != nil {
			t.Fatal(err)
		}
		if !equal(p, recs[i]) {
			t.Fatalf("record %d:\n got %+v\nwant %+v", i, p, recs[i])
		}
		if !math.Signbit(p.Result.Patient.Age) || !math.IsNaN(p.Result.TumorFraction) || p.Result.Rows[1].Power != nil || p.Result.Rows[0].CH == nil {
			t.Errorf("record %d: -0, NaN or pointers not kept", i)
		}
	}
	if err := r.Next(new(Patient)); err != io.EOF {
		t.Fatalf("after the last: %v", err)
	}
	got, err := r.Shared()
	if err != nil || !reflect.DeepEqual(got, sh) {
		t.Fatalf("shared %+v, %v", got, err)
	}
}

// equal compares records as their encoding does: NaN equals NaN.
func equal(a, b Patient) bool {
	var x, y encoder
	c, _ := codecFor(reflect.TypeFor[Patient]())
	c.enc(&x, reflect.ValueOf(a))
	c.enc(&y, reflect.ValueOf(b))
	return bytes.Equal(x.buf, y.buf) && a.Result.Patient.Extra["b"] == "2" && a.Result.Rows[0].Tissue.Calls[0].Gene == "BRAF"
}

// TestRefusals: damaged or foreign files are input errors naming the file,
// never a panic or a wrong read.
func TestRefusals(t *testing.T) {
	recs := []Patient{patient(0), patient(1)}
	raw := gunzip(t, write(t, Header{Version: "v1", Patients: 2, Cohort: 2}, recs, nil))
	nl := bytes.IndexByte(raw, '\n')
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "no header line"},
		{"not a partial", []byte("{\"patients\": 1}\n"), "not a concord partial file"},
		{"other version", bytes.Replace(raw, []byte(`"format_version":1`), []byte(`"format_version":9`), 1), "partial format version 9"},
		{"other records", bytes.Replace(raw, []byte(`"records":"Patient{`), []byte(`"records":"Patient{X int;`), 1), "per-patient results differ"},
		{"truncated", raw[:len(raw)-40], "ends early"},
		{"trailing", append(clone(raw), 0), "after the end"},
		{"huge length", append(clone(raw[:nl+1]), 0xff, 0xff, 0xff, 0xff, 0x7f), "more than"},
		{"bad length inside", corruptFirstString(raw, nl), "record 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := readAll(tc.data)
			var ie *concordance.InputError
			if !errors.As(err, &ie) || ie.File != "p.gz" || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want an input error on p.gz with %q", err, tc.want)
			}
		})
	}
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

// corruptFirstString sets the length of the first record's first string
// (the patient's id, after the index) beyond the record.
func corruptFirstString(raw []byte, nl int) []byte {
	b := clone(raw)
	// record: uvarint length, then Index (varint 0 = one byte), then the
	// PatientResult: Patient pointer mark (1), then ID's length.
	i := nl + 1
	for b[i]&0x80 != 0 {
		i++
	}
	b[i+3] = 0x7f
	return b
}

func readAll(data []byte) error {
	r, err := NewReader(bytes.NewReader(data), "p.gz")
	if err != nil {
		return err
	}
	for {
		var p Patient
		if err := r.Next(&p); err == io.EOF {
			break
		} else if err != nil {
			return err
		}
	}
	_, err = r.Shared()
	return err
}

// TestSignature: the record's type tree is encodable (a field of a type
// the codec refuses, e.g. an interface, fails here, not at run time), and
// the signature names the fields it covers.
func TestSignature(t *testing.T) {
	s := Signature()
	for _, want := range []string{"Index int", "Rows []Row{", "Tissue Observation{", "Calls []*Call{", "Extra map[string]string", "TissueDate time"} {
		if !strings.Contains(s, want) {
			t.Errorf("signature lacks %q", want)
		}
	}
	if _, err := codecFor(reflect.TypeFor[struct{ X any }]()); err == nil {
		t.Error("an interface field was accepted")
	}
	if _, err := codecFor(reflect.TypeFor[map[float64]int]()); err == nil {
		t.Error("a float map key was accepted")
	}
}

func newGzipReader(b []byte) (io.Reader, error) { return gzip.NewReader(bytes.NewReader(b)) }

// FuzzReader: any bytes are read as a partial file or refused as an input
// error naming the file, never a panic, and decoding costs at most the
// bytes given (lengths are checked against what is left).
func FuzzReader(f *testing.F) {
	f.Add(gunzip(f, write(f, Header{Version: "v1", Patients: 2, Cohort: 2}, []Patient{patient(0), patient(1)}, nil)))
	f.Add(gunzip(f, write(f, Header{Version: "v1"}, nil, &Shared{Inputs: []schema.InputFile{{Path: "m.maf"}}})))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := readAll(data)
		var ie *concordance.InputError
		if err != nil && (!errors.As(err, &ie) || ie.File != "p.gz") {
			t.Fatalf("not an input error on p.gz: %v", err)
		}
	})
}
