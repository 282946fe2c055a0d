package plots

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// newPlot returns a gonum plot in the house style: no title (the figure
// has one), house fonts on axes and ticks, no legend (legends are panels).
func newPlot(st *Style) *plot.Plot {
	p := plot.New()
	p.TextHandler = handler
	p.BackgroundColor = nil
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		// keep gonum's alignments (it rotates the y label itself)
		a.Label.TextStyle.Font = st.font(labelSize, false)
		a.Label.TextStyle.Handler = handler
		a.Label.Padding = st.pt(4)
		a.Tick.Label.Font = st.font(tickSize, false)
		a.Tick.Label.Handler = handler
		a.LineStyle.Width = st.pt(0.75)
		a.Tick.LineStyle.Width = st.pt(0.75)
		a.Tick.Length = st.pt(4)
		a.Padding = st.pt(2)
	}
	return p
}

// zeroLogScale is a log scale with a strip for zero and missing values
// below its lowest decade: gonum/plot's LogScale panics on zero, and an
// undetected VAF is information, not a value to drop. Values in [-1, 0]
// land in the strip (the fraction of it given by the value, for jitter);
// positive values on the log part, from lo to hi.
type zeroLogScale struct{ lo, hi float64 }

// stripEnd is where the strip ends and logStart where the log part
// starts, as fractions of the axis.
const (
	stripEnd = 0.10
	logStart = 0.17
)

func (s zeroLogScale) Normalize(_, _, x float64) float64 {
	if x <= 0 {
		return 0.01 + (stripEnd-0.02)*(x+1)
	}
	return logStart + (1-logStart)*(math.Log(x)-math.Log(s.lo))/(math.Log(s.hi)-math.Log(s.lo))
}

// Ticks labels the decades as percentages, with minor ticks between, and
// the strip with stripLabel.
func (s zeroLogScale) ticker(stripLabel string) plot.Ticker {
	return plot.TickerFunc(func(_, _ float64) []plot.Tick {
		ticks := []plot.Tick{{Value: -0.5, Label: stripLabel}}
		for d := s.lo; d <= s.hi*1.0001; d *= 10 {
			ticks = append(ticks, plot.Tick{Value: d, Label: percentLabel(d)})
			for k := 2.0; k < 10 && d*k <= s.hi*1.0001; k++ {
				ticks = append(ticks, plot.Tick{Value: d * k})
			}
		}
		return ticks
	})
}

// percentLabel writes a fraction as a percentage without trailing zeros.
func percentLabel(x float64) string {
	return strconv.FormatFloat(100*x, 'f', -1, 64) + "%"
}

// decadeBelow is the largest power of ten at or below x.
func decadeBelow(x float64) float64 { return math.Pow(10, math.Floor(math.Log10(x)+1e-9)) }

// stripShade is a plotter that shades a zero strip and separates it from
// the log part of the axis; vertical is the x axis's strip.
type stripShade struct {
	x, y  bool
	width vg.Length // of the separating line
}

func (s stripShade) Plot(c draw.Canvas, _ *plot.Plot) {
	ls := draw.LineStyle{Color: GreyColor, Width: s.width, Dashes: []vg.Length{s.width * 4, s.width * 4}}
	shade := NeutralColor
	shade.A = 0x60
	mid := (stripEnd + logStart) / 2
	if s.x {
		xe := c.X(mid)
		fillRect(c, shade, c.Min.X, c.Min.Y, c.X(stripEnd), c.Max.Y)
		c.StrokeLine2(ls, xe, c.Min.Y, xe, c.Max.Y)
	}
	if s.y {
		ye := c.Y(mid)
		fillRect(c, shade, c.Min.X, c.Min.Y, c.Max.X, c.Y(stripEnd))
		c.StrokeLine2(ls, c.Min.X, ye, c.Max.X, ye)
	}
}

func fmtCount(n int, what string) string { return thousands(n) + " " + what }
