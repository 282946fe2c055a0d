package plots

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/schema"
)

// Okabe–Ito palette (Okabe & Ito 2008).
var (
	Black         = color.NRGBA{0x00, 0x00, 0x00, 0xff}
	Orange        = color.NRGBA{0xE6, 0x9F, 0x00, 0xff}
	SkyBlue       = color.NRGBA{0x56, 0xB4, 0xE9, 0xff}
	BluishGreen   = color.NRGBA{0x00, 0x9E, 0x73, 0xff}
	Yellow        = color.NRGBA{0xF0, 0xE4, 0x42, 0xff}
	Blue          = color.NRGBA{0x00, 0x72, 0xB2, 0xff}
	Vermillion    = color.NRGBA{0xD5, 0x5E, 0x00, 0xff}
	ReddishPurple = color.NRGBA{0xCC, 0x79, 0xA7, 0xff}
)

// The fixed colours of the three categories, the same in every figure.
var (
	SharedColor     = Blue
	TissueOnlyColor = Orange
	PlasmaOnlyColor = ReddishPurple
	// NeutralColor is for absent or not-applicable tiles and reference lines.
	NeutralColor = color.NRGBA{0xDD, 0xDD, 0xDD, 0xff}
	GreyColor    = color.NRGBA{0x77, 0x77, 0x77, 0xff}
)

// Colours of the reasons of discordance (figure 10) and of clonal
// haematopoiesis wherever it is marked. One meaning per colour across the
// figures: none of them is a category colour. Four are Okabe–Ito's; the
// others are from Paul Tol's colour-blind-safe "muted" scheme (Tol 2021,
// "Colour schemes", SRON/EPS/TN/09-002, https://personal.sron.nl/~pault/),
// chosen to differ in lightness from the category colours of a similar
// hue (indigo from shared blue, wine from plasma-only purple).
var (
	NotCoveredColor       = color.NRGBA{0xA0, 0xA0, 0xA0, 0xff} // a reason outside the biology: mid grey on both sides
	BelowThresholdColor   = SkyBlue
	SamplingIntervalColor = BluishGreen
	SubclonalColor        = Yellow
	LowPowerColor         = Vermillion
	GermlineColor         = color.NRGBA{0x22, 0x22, 0x22, 0xff}
	CHColor               = color.NRGBA{0x99, 0x99, 0x33, 0xff} // Tol olive
	LowPurityColor        = color.NRGBA{0x33, 0x22, 0x88, 0xff} // Tol indigo
	HeterogeneityColor    = color.NRGBA{0x88, 0x22, 0x55, 0xff} // Tol wine
)

// CategoryColor returns the fixed colour of a category of alterations.tsv.
func CategoryColor(category string) color.Color {
	switch category {
	case schema.Shared:
		return SharedColor
	case schema.TissueOnly:
		return TissueOnlyColor
	case schema.PlasmaOnly:
		return PlasmaOnlyColor
	}
	return NeutralColor
}

// CategoryLabel names a category for a legend.
func CategoryLabel(category string) string {
	switch category {
	case schema.Shared:
		return "Shared"
	case schema.TissueOnly:
		return "Tissue only"
	case schema.PlasmaOnly:
		return "Plasma only"
	}
	return category
}

var categoryOrder = []string{schema.Shared, schema.TissueOnly, schema.PlasmaOnly}

// Format is an output format of a figure.
type Format string

// The formats Render writes.
const (
	PNG Format = "png"
	SVG Format = "svg"
	PDF Format = "pdf"
)

// Formats are every format, in the order files are written.
var Formats = []Format{PNG, SVG, PDF}

// ParseFormats parses a comma-separated list such as "png,svg,pdf".
func ParseFormats(s string) ([]Format, error) {
	var out []Format
	seen := map[Format]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch Format(f) {
		case PNG, SVG, PDF:
			if !seen[Format(f)] {
				out = append(out, Format(f))
				seen[Format(f)] = true
			}
		default:
			return nil, fmt.Errorf("plots: unknown format %q (png, svg or pdf)", f)
		}
	}
	return out, nil
}

// ParseLength parses a figure size such as "18cm", "180mm", "7in" or
// "504pt"; a bare number is in centimetres.
func ParseLength(s string) (vg.Length, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	units := []struct {
		suffix string
		unit   vg.Length
	}{{"cm", vg.Centimeter}, {"mm", vg.Millimeter}, {"in", vg.Inch}, {"pt", vg.Points(1)}, {"", vg.Centimeter}}
	for _, u := range units {
		if !strings.HasSuffix(s, u.suffix) {
			continue
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), 64)
		if err != nil || !(x > 0) {
			break
		}
		l := vg.Length(x) * u.unit
		if l < 3*vg.Centimeter || l > 200*vg.Centimeter {
			return 0, fmt.Errorf("plots: size %q out of range (3 cm to 2 m)", s)
		}
		return l, nil
	}
	return 0, fmt.Errorf("plots: size %q is not a length such as 18cm, 180mm, 7in or 504pt", s)
}

// Style is the house style and the size of a figure.
type Style struct {
	// Width and Height of the figure. Zero means the default: the
	// preset's width (its narrow width for a figure that reads in one
	// column), or 18 cm; the height is what the figure's content needs.
	Width, Height vg.Length
	// DPI of PNG output (the preset's, or 300).
	DPI int
	// Preset, when set, fixes the type sizes (in points, whatever the
	// width) and the default width and resolution.
	Preset Preset
	// format is the format being drawn.
	format Format
	// text is the type scale: every size and spacing is in points at 18 cm
	// times text.
	text float64
}

// Preset is a set of sizes for one medium.
type Preset struct {
	// Name is the --preset value.
	Name string
	// Width is the width of a figure; Narrow that of a figure that reads
	// in one column of the medium (a bar chart of a few bars, a curve).
	Width, Narrow vg.Length
	// Tick is the size of tick labels and bar labels in points; the other
	// text is sized in proportion (axis labels 10/9 of it, titles 11/9,
	// notes 8/9).
	Tick float64
	// DPI is the resolution of PNG output.
	DPI int
	// Doc says what the preset is for, in a line.
	Doc string
}

// Presets are the media figures are drawn for. Type sizes follow the usual
// guidance for each: a journal's final-size minimum of 6-7 pt (Nature's
// and Cell's figure guides ask for 5-7 and 6-8 pt), text read at 1-2 m on
// an A0 poster of at least 24 pt, slide text of at least 18 pt.
var Presets = []Preset{
	{Name: "journal", Width: 18 * vg.Centimeter, Narrow: 8.8 * vg.Centimeter, Tick: 7, DPI: 600,
		Doc: "a journal page, 18 cm wide (two columns; 8.8 cm, one column, for a figure that reads in one), 7 pt labels, PNG at 600 dpi"},
	{Name: "poster", Width: 38 * vg.Centimeter, Narrow: 25 * vg.Centimeter, Tick: 24, DPI: 300,
		Doc: "an A0 poster read at 1-2 m, 38 cm wide (half an A0 portrait page; 25 cm for a narrow figure), 24 pt labels, PNG at 300 dpi"},
	{Name: "slide", Width: 30 * vg.Centimeter, Narrow: 20 * vg.Centimeter, Tick: 18, DPI: 150,
		Doc: "a 16:9 slide (33.9 x 19.1 cm), 30 cm wide (20 cm for a narrow figure), 18 pt labels, PNG at 150 dpi"},
}

// PresetNames lists the presets' names, for a flag's help.
func PresetNames() []string {
	out := make([]string, len(Presets))
	for i, p := range Presets {
		out[i] = p.Name
	}
	return out
}

// PresetHelp is the help of a --preset flag: each preset and what it is
// for.
func PresetHelp() string {
	docs := make([]string, len(Presets))
	for i, p := range Presets {
		docs[i] = p.Name + " = " + p.Doc
	}
	return "sizes and type for a medium: " + strings.Join(docs, "; ")
}

// ParsePreset returns the preset of a name.
func ParsePreset(name string) (Preset, error) {
	for _, p := range Presets {
		if strings.EqualFold(strings.TrimSpace(name), p.Name) {
			return p, nil
		}
	}
	return Preset{}, fmt.Errorf("plots: unknown preset %q (%s)", name, strings.Join(PresetNames(), ", "))
}

// DefaultWidth is the width of a figure without a preset or a width: a
// two-column journal figure, and a quarter of an A0 poster's width at
// twice its size.
const DefaultWidth = 18 * vg.Centimeter

// withDefaults fills the unset sizes for figure f: the width from the
// preset, the DPI, and the type scale. The height is left to Render.
func (s Style) withDefaults(f *Figure) Style {
	if s.Width == 0 {
		switch {
		case s.Preset.Name == "":
			s.Width = DefaultWidth
		case f.Narrow:
			s.Width = s.Preset.Narrow
		default:
			s.Width = s.Preset.Width
		}
	}
	if s.DPI == 0 {
		s.DPI = s.Preset.DPI
	}
	if s.DPI == 0 {
		s.DPI = 300
	}
	if s.Preset.Tick > 0 {
		s.text = s.Preset.Tick / tickSize
	} else {
		// text grows with the width, so a figure made wider for a
		// poster keeps its proportions; never below 0.8 (7 pt ticks)
		s.text = max(float64(s.Width/DefaultWidth), 0.8)
	}
	return s
}

// scale is the type scale (1 at 18 cm without a preset).
func (s *Style) scale() float64 {
	if s.text == 0 {
		return max(float64(s.Width/DefaultWidth), 0.8)
	}
	return s.text
}

// Text sizes in points at 18 cm.
const (
	titleSize = 11
	labelSize = 10
	tickSize  = 9
	noteSize  = 8
)

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// font returns the house font at size points (scaled), bold or not.
func (s *Style) font(size float64, bold bool) font.Font {
	f := sans
	if bold {
		f.Weight = xfont.WeightBold
	}
	f.Size = vg.Points(size * s.scale())
	return f
}

// textStyle is the house text style.
func (s *Style) textStyle(size float64, bold bool) text.Style {
	return text.Style{Color: Black, Font: s.font(size, bold), Handler: handler, XAlign: draw.XLeft, YAlign: draw.YBottom}
}

// pt is a length of n points at the figure's scale.
func (s *Style) pt(n float64) vg.Length { return vg.Points(n * s.scale()) }
