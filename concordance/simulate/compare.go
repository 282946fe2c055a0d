package simulate

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Discrepancy is an alteration whose category in a run's alterations.tsv
// differs from the truth table's expected_category (Got is "missing" when
// the run did not report a counted alteration, Expected is "not_in_truth"
// when the run counted one the truth does not know).
type Discrepancy struct {
	Patient  string
	Key      string // class:chrom:pos:ref:alt, amplification:GENE or fusion:A::B
	Expected string
	Got      string
	Origin   string
}

// Comparison is the outcome of CompareTruth.
type Comparison struct {
	// Agreed counts alterations whose counted category (shared,
	// tissue_only, plasma_only) the run reproduced, by category.
	Agreed        map[string]int
	Discrepancies []Discrepancy
}

// CompareTruth checks a `concord run` alterations.tsv against a simulated
// cohort's truth.tsv: every truth row expected shared, tissue-only or
// plasma-only must be reported with that category, rows expected
// excluded must not be counted, and the run must count nothing else.
// Small variants are compared by patient and normalised allele, copy
// number by gene, fusions by unordered gene pair.
func CompareTruth(truth, alterations io.Reader) (*Comparison, error) {
	tr, err := readTSV(truth, "truth.tsv", []string{"patient_id", "class", "gene", "partner", "chrom", "pos", "ref", "alt", "origin", "expected_category"})
	if err != nil {
		return nil, err
	}
	al, err := readTSV(alterations, "alterations.tsv", []string{"patient_id", "class", "gene", "partner", "chrom", "pos", "ref", "alt", "category"})
	if err != nil {
		return nil, err
	}
	counted := func(c string) bool { return c == expShared || c == expTissueOnly || c == expPlasmaOnly }
	got := map[string]string{}
	for _, r := range al {
		if !counted(r["category"]) {
			continue
		}
		k := r["patient_id"] + "\t" + compareKey(r)
		if _, dup := got[k]; dup {
			return nil, fmt.Errorf("simulate: alterations.tsv counts %s twice", strings.Replace(k, "\t", " ", 1))
		}
		got[k] = r["category"]
	}
	cmp := &Comparison{Agreed: map[string]int{}}
	seen := map[string]bool{}
	for _, r := range tr {
		k := r["patient_id"] + "\t" + compareKey(r)
		seen[k] = true
		exp := r["expected_category"]
		g, ok := got[k]
		switch {
		case counted(exp) && g == exp:
			cmp.Agreed[exp]++
		case counted(exp) || ok:
			if !ok {
				g = "missing"
			}
			cmp.Discrepancies = append(cmp.Discrepancies, Discrepancy{r["patient_id"], compareKey(r), exp, g, r["origin"]})
		}
	}
	var extra []string
	for k := range got {
		if !seen[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		p, key, _ := strings.Cut(k, "\t")
		cmp.Discrepancies = append(cmp.Discrepancies, Discrepancy{p, key, "not_in_truth", got[k], "."})
	}
	return cmp, nil
}

func compareKey(r map[string]string) string {
	switch r["class"] {
	case "amplification", "deletion":
		return r["class"] + ":" + r["gene"]
	case "fusion":
		a, b := r["gene"], r["partner"]
		if b < a {
			a, b = b, a
		}
		return "fusion:" + a + "::" + b
	}
	return "small:" + r["chrom"] + ":" + r["pos"] + ":" + r["ref"] + ":" + r["alt"]
}

// readTSV reads a tab-separated table with a header (lines starting with
// '#' before it are skipped) and checks that it has the needed columns.
func readTSV(r io.Reader, name string, need []string) ([]map[string]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var head []string
	var rows []map[string]string
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if head == nil {
			if strings.HasPrefix(l, "#") {
				continue
			}
			head = strings.Split(l, "\t")
			have := map[string]bool{}
			for _, h := range head {
				have[h] = true
			}
			for _, n := range need {
				if !have[n] {
					return nil, fmt.Errorf("simulate: %s:%d: no column %q", name, line, n)
				}
			}
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != len(head) {
			return nil, fmt.Errorf("simulate: %s:%d: %d fields, header has %d", name, line, len(f), len(head))
		}
		m := make(map[string]string, len(f))
		for i, h := range head {
			m[h] = f[i]
		}
		rows = append(rows, m)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("simulate: %s: %w", name, err)
	}
	if head == nil {
		return nil, fmt.Errorf("simulate: %s: no header", name)
	}
	return rows, nil
}
