package output

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/concordance/strata"
)

func row(cat concordance.Category, vaf float64) concordance.Row {
	r := concordance.Row{Category: cat}
	r.Class, r.Gene = concordance.SNV, "KRAS"
	if cat != concordance.PlasmaOnly {
		r.Tissue.Calls = []*concordance.Call{{VAF: vaf}}
	}
	return r
}

func cohort() []concordance.PatientResult {
	mk := func(id, stage string, tf float64, rows ...concordance.Row) concordance.PatientResult {
		p := &concordance.Patient{ID: id, CancerType: "Lung adenocarcinoma", OncotreeCode: "LUAD", Stage: stage,
			TissueDate: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), TumorFraction: tf}
		return concordance.PatientResult{Patient: p, Rows: rows, Counts: concordance.CountRows(rows), TumorFraction: tf}
	}
	return []concordance.PatientResult{
		mk("A", "IV", 0.2, row(concordance.Shared, 0.3), row(concordance.TissueOnly, 0.02)),
		mk("B", "IV", 0.05, row(concordance.Shared, 0.2), row(concordance.PlasmaOnly, math.NaN())),
		mk("C", "", math.NaN(), row(concordance.TissueOnly, 0.4)),
		mk("D", "II", 0.001),
	}
}

// Every table has its header, rows of the header's width, "." for every
// undefined value and never NaN, Inf or an empty cell.
func TestStrataTablesWellFormed(t *testing.T) {
	patients := cohort()
	tab, err := strata.Compute(patients, strata.Options{TopGenes: 3, Replicates: 200, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		header []string
		write  func(*bytes.Buffer) error
	}{
		{"strata.tsv", schema.StrataTSV.Names(), func(b *bytes.Buffer) error { return WriteStrata(b, tab.Strata) }},
		{"patient_strata.tsv", schema.PatientStrataTSV.Names(), func(b *bytes.Buffer) error { return WritePatientStrata(b, strata.PatientStrata(patients, nil, 0)) }},
		{"models.tsv", schema.ModelsTSV.Names(), func(b *bytes.Buffer) error { return WriteModels(b, strata.Models(patients, 0)) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.write(&b); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if lines[0] != strings.Join(c.header, "\t") {
				t.Errorf("header %q", lines[0])
			}
			if len(lines) < 2 {
				t.Fatal("no rows")
			}
			for _, l := range lines[1:] {
				cells := strings.Split(l, "\t")
				if len(cells) != len(c.header) {
					t.Errorf("%d cells: %q", len(cells), l)
				}
				for _, x := range cells {
					if x == "" || strings.Contains(x, "NaN") || strings.Contains(x, "Inf") {
						t.Errorf("cell %q in %q", x, l)
					}
				}
			}
		})
	}
	// The all row: S 2, T 2, P 1 over 4 patients; PPA 2/4.
	var b bytes.Buffer
	WriteStrata(&b, tab.Strata[:1])
	cells := strings.Split(strings.Split(b.String(), "\n")[1], "\t")
	col := map[string]string{}
	for i, n := range schema.StrataTSV.Names() {
		col[n] = cells[i]
	}
	if got := strings.Join(cells[:11], " "); got != "all all . . 1 . 4 5 2 2 1" {
		t.Errorf("all row starts %q", got)
	}
	if col["ppa"] != "0.5000" || col["clustered_test"] != "." || col["alteration_test"] != "." || col["alteration_p_note"] != "." {
		t.Errorf("ppa %s, tests %s %s", col["ppa"], col["clustered_test"], col["alteration_test"])
	}
	// counts.tsv: three rows per row of strata.tsv, the categories in order
	// with their shares of the level: all = S 2, T 2, P 1 of 5.
	b.Reset()
	if err := WriteCounts(&b, tab.Strata); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if lines[0] != strings.Join(schema.CountsTSV.Names(), "\t") || len(lines) != 1+3*len(tab.Strata) {
		t.Fatalf("counts.tsv: %d lines, header %q", len(lines), lines[0])
	}
	for i, want := range []string{"all\tall\t.\t.\t1\t.\tshared\t2\t0.4000", "all\tall\t.\t.\t1\t.\ttissue_only\t2\t0.4000", "all\tall\t.\t.\t1\t.\tplasma_only\t1\t0.2000"} {
		if lines[1+i] != want {
			t.Errorf("counts.tsv line %d: %q, want %q", i+2, lines[1+i], want)
		}
	}
}

func TestPValue(t *testing.T) {
	for _, c := range []struct {
		p    float64
		want string
	}{{0.03125, "0.03125"}, {1, "1"}, {1.23456e-8, "1.235e-08"}, {0.5, "0.5"}, {math.NaN(), "."}} {
		if got := PValue(c.p); got != c.want {
			t.Errorf("PValue(%v) = %s, want %s", c.p, got, c.want)
		}
	}
}
