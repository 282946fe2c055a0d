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
	// Width and Height of the figure. Zero means the figure's own default
	// (18 cm wide; the height depends on the figure).
	Width, Height vg.Length
	// DPI of PNG output (300 by default).
	DPI int
	// format is the format being drawn; PDF text is transliterated to ASCII.
	format Format
}

// DefaultWidth is the width of a figure when Style.Width is zero: a
// two-column journal figure, and a quarter of an A0 poster's width at
// twice its size.
const DefaultWidth = 18 * vg.Centimeter

// withDefaults fills unset sizes, the height from the figure's aspect.
func (s Style) withDefaults(aspect float64) Style {
	if s.Width == 0 {
		s.Width = DefaultWidth
	}
	if s.Height == 0 {
		s.Height = vg.Length(float64(s.Width) * aspect)
	}
	if s.DPI == 0 {
		s.DPI = 300
	}
	return s
}

// scale is the text scale: 1 at 18 cm wide, growing with the width so a
// figure made wider for a poster keeps text in proportion. Never below 0.8.
func (s *Style) scale() float64 {
	k := float64(s.Width / DefaultWidth)
	return max(k, 0.8)
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

// Label prepares text from the tables for the current format: PDF text is
// transliterated to ASCII (gonum/plot's PDF backend garbles the rest).
func (s *Style) Label(txt string) string {
	if s.format == PDF {
		return ASCII(txt)
	}
	return txt
}
