package plots

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/text"
	"github.com/concord-oncology/concord/stats"
)

// testNames say what each test of strata.tsv is, for a figure.
var testNames = map[string]string{
	schema.TestTrendLogit:      "trend test: logistic regression of detection on the level, patient-clustered errors",
	schema.TestRaoScott:        "Rao-Scott chi-square of shared / tissue-only / plasma-only, patients as clusters",
	schema.TestTrend:           "Cochran-Armitage trend test of PPA; alterations counted as independent",
	schema.TestChiSquare:       "chi-square test of shared / tissue-only / plasma-only; alterations counted as independent",
	schema.TestFisher:          "Fisher's exact test of PPA; alterations counted as independent",
	schema.TestFisherSimulated: "Fisher's exact test of PPA; alterations counted as independent",
}

// primaryTest is the test a figure says across the levels of a
// dimension: the patient-clustered one (issue 13 §1: alterations cluster
// in patients), or the alteration-level one when there is none; ok false
// when neither has a p-value.
func primaryTest(strata []results.Stratum) (t results.Test, ok bool) {
	for _, s := range strata {
		for _, t := range []results.Test{s.Clustered, s.Alteration} {
			if t.Name != "" && !math.IsNaN(t.P) {
				return t, true
			}
		}
	}
	return results.Test{}, false
}

// testLine says the test across the levels of a dimension (its strata.tsv
// rows), e.g. "Across stages: p < 0.001 (trend test: logistic regression
// of detection on the level, patient-clustered errors)"; "" when it has
// none.
func testLine(strata []results.Stratum, across string) string {
	t, ok := primaryTest(strata)
	if !ok {
		return ""
	}
	name := testNames[t.Name]
	if name == "" {
		name = t.Name
	}
	return fmt.Sprintf("Across %s: %s (%s)", across, formatP(t.P, t.Name == schema.TestFisherSimulated), name)
}

// formatP writes a p-value for a figure as clinical journals do (AMA
// Manual of Style 10th ed., 20.9): two significant digits down to 0.001,
// "p < 0.001" below (the tables keep the value), and a simulated p-value
// said to be one, with its number of draws: at the floor of a simulation
// (1/(draws+1)) it is a bound, never a value.
//
// The spaces around the sign are no-break spaces (nbsp): a line never
// ends on "p <".
func formatP(p float64, simulated bool) string {
	s := "p" + nbsp + "<" + nbsp + "0.001"
	if p >= 0.001 {
		s = "p" + nbsp + "=" + nbsp + strconv.FormatFloat(p, 'f', -1, 64)
		if d := 1 - int(math.Floor(math.Log10(p))); d >= 0 {
			s = "p" + nbsp + "=" + nbsp + strconv.FormatFloat(p, 'f', d, 64)
		}
	}
	if simulated {
		s += fmt.Sprintf(" (simulated, %s draws)", thousands(stats.DefaultFisherReplicates))
	}
	return s
}

// nbsp is a no-break space: wrap never breaks a line at it.
const nbsp = "\u00a0"

// statLineHeight is the height drawStatLine takes for line at width.
func statLineHeight(st *Style, line string, width vg.Length) vg.Length {
	if line == "" {
		return 0
	}
	ts := st.textStyle(tickSize, false)
	return vg.Length(len(wrap(ts, line, width)))*ts.Height("Xg")*1.15 + st.pt(4)
}

// drawStatLine writes a test's result across the top of c, wrapped to its
// width, and returns the canvas below it.
func drawStatLine(c draw.Canvas, st *Style, line string) draw.Canvas {
	if line == "" {
		return c
	}
	ts := st.textStyle(tickSize, false)
	ts.YAlign = draw.YTop
	lh := ts.Height("Xg") * 1.15
	y := c.Max.Y
	for _, l := range wrap(ts, line, c.Max.X-c.Min.X) {
		c.FillText(ts, vg.Point{X: c.Min.X, Y: y}, l)
		y -= lh
	}
	c.Max.Y -= statLineHeight(st, line, c.Max.X-c.Min.X)
	return c
}

// thousands writes a count with commas between thousands (text.Thousands:
// one rule for the figures, the test notes and the report).
var thousands = text.Thousands
