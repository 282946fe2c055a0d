package strata

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestClusteredTestsMatchR checks the patient-clustered tests of
// testdata/results/strata.tsv (the fixture internal/fixturegen builds
// through analysis.Cohort: 30 patients, 87 counted alterations) against R:
// testdata/clustered_reference.out, computed from the fixture's
// alterations.tsv by clustered_reference.R with survey::svychisq (Rao–Scott
// F) and glm + sandwich::vcovCL + lmtest::coeftest (trend_logit), for the
// one-way dimensions cancer_type, diagnosis, class and stage and the
// two-way strata cancer_type x stage, class x cancer_type and class x
// stage. Every row of those dimensions is checked: the test named as R
// names it, the statistic and degrees of freedom within the 4 decimals
// strata.tsv prints, the p-value within its 4 significant digits; and no
// test where R has none (one level or category, too few scores, or a
// separated trend). stats checks the same functions against R to 1e-6.
func TestClusteredTestsMatchR(t *testing.T) {
	type ref struct {
		test           string
		stat, df1, df2 float64
		p              float64
	}
	want := map[string]ref{} // dimension + "\t" + level ("." one-way)
	for _, line := range readLines(t, "testdata/clustered_reference.out") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			t.Fatalf("clustered_reference.out: %q", line)
		}
		num := func(s string) float64 {
			if s == "NA" {
				return math.NaN()
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("clustered_reference.out: %q: %v", line, err)
			}
			return v
		}
		want[f[0]+"\t"+f[1]] = ref{f[2], num(f[3]), num(f[4]), num(f[5]), num(f[6])}
	}
	lines := readLines(t, "../../testdata/results/strata.tsv")
	col := map[string]int{}
	for i, h := range strings.Split(lines[0], "\t") {
		col[h] = i
	}
	checked, tested := 0, 0
	for _, line := range lines[1:] {
		f := strings.Split(line, "\t")
		dim, level := f[col["dimension"]], "."
		if f[col["dimension2"]] != "." {
			level = f[col["level"]]
		} else if dim != "cancer_type" && dim != "diagnosis" && dim != "class" && dim != "stage" {
			continue
		}
		r, ok := want[dim+"\t"+level]
		if !ok {
			t.Errorf("strata.tsv %s %s: R has no line for it", dim, level)
			continue
		}
		checked++
		got := f[col["clustered_test"]]
		if strings.HasPrefix(r.test, "none") {
			if got != "." {
				t.Errorf("%s %s: %s, but R has no test (%s)", dim, level, got, r.test)
			}
			continue
		}
		tested++
		if got != r.test {
			t.Errorf("%s %s: test %s, R %s", dim, level, got, r.test)
			continue
		}
		near := func(name string, cell string, want, tol float64) {
			if math.IsNaN(want) {
				if cell != "." {
					t.Errorf("%s %s %s: %s, R has none", dim, level, name, cell)
				}
				return
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil || math.Abs(v-want) > tol {
				t.Errorf("%s %s %s: %s, R %.10g", dim, level, name, cell, want)
			}
		}
		near("statistic", f[col["clustered_statistic"]], r.stat, 0.5e-4)
		near("df1", f[col["clustered_df1"]], r.df1, 0.5e-4)
		near("df2", f[col["clustered_df2"]], r.df2, 0.5e-4)
		near("p", f[col["clustered_p_value"]], r.p, 0.5e-3*r.p)
	}
	// 100 rows of those dimensions, 74 of them in a level R tests (the
	// test is repeated on every row of the levels it compares).
	t.Logf("checked %d rows, %d with a test", checked, tested)
	if checked != 100 || tested != 74 {
		t.Errorf("checked %d rows, %d with a test", checked, tested)
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
