package plots

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	xfont "golang.org/x/image/font"
	_ "gonum.org/v1/plot" // its init puts the Liberation fonts in font.DefaultCache
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/concord-oncology/concord/concordance/results"
)

// handler draws plain text with the house fonts.
var handler = text.Plain{Fonts: font.DefaultCache}

// pdfEpoch is the creation and modification date written into every PDF:
// fpdf would take the clock, and the same tables must give the same bytes.
var pdfEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func init() {
	fpdf.SetDefaultCreationDate(pdfEpoch)
	fpdf.SetDefaultModificationDate(pdfEpoch)
	fpdf.SetDefaultCatalogSort(true)
}

// Figure is one figure of the set.
type Figure struct {
	// Name is the file stem, e.g. "fig1_cancer_type".
	Name string
	// Title is the figure's title, drawn on it.
	Title string
	// Caption says what the figure shows and how to read it (for the
	// report); Drawing.Note adds what depends on the data.
	Caption string
	// Needs are the table files the figure cannot be drawn without.
	Needs []string
	// Aspect is the default height / width.
	Aspect float64
	// Draw lays the figure out from the tables.
	Draw func(rs *results.Set, st *Style) (*Drawing, error)
}

// Drawing is a laid-out figure.
type Drawing struct {
	// Draw draws the figure's body (below the title) on c.
	Draw func(c draw.Canvas)
	// Note is what the caption must add about this data: groups folded,
	// patients not shown, rows left out and why.
	Note string
	// Aspect, when set, is the height/width this data needs (more bars,
	// a taller figure); it applies unless the caller set the height.
	Aspect float64
}

// Missing returns the tables a figure needs that rs lacks.
func (f *Figure) Missing(rs *results.Set) []string {
	var out []string
	for _, n := range f.Needs {
		if !rs.Has(n) {
			out = append(out, n)
		}
	}
	return out
}

// Rendered is what Render says about a figure it drew.
type Rendered struct {
	Note string
}

// Render draws figure f from rs in format to w. A gonum/plot panic is
// returned as an error naming the figure, never passed on.
func Render(w io.Writer, f *Figure, rs *results.Set, st Style, format Format) (r Rendered, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("plots: %s: drawing failed (a bug in concord's figures): %v", f.Name, p)
		}
	}()
	if m := f.Missing(rs); len(m) > 0 {
		return r, fmt.Errorf("plots: %s needs %v, which the results folder lacks", f.Name, m)
	}
	heightGiven := st.Height != 0
	st = st.withDefaults(f.Aspect)
	st.format = format
	d, err := f.Draw(rs, &st)
	if err != nil {
		return r, fmt.Errorf("plots: %s: %w", f.Name, err)
	}
	if !heightGiven && d.Aspect > 0 {
		st.Height = vg.Length(float64(st.Width) * d.Aspect)
	}
	var c vg.CanvasWriterTo
	var canvas vg.CanvasSizer
	switch format {
	case PNG:
		img := vgimg.NewWith(vgimg.UseWH(st.Width, st.Height), vgimg.UseDPI(st.DPI), vgimg.UseBackgroundColor(color.White))
		c, canvas = vgimg.PngCanvas{Canvas: img}, img
	case SVG:
		s := vgsvg.New(st.Width, st.Height)
		c, canvas = s, s
	case PDF:
		p := vgpdf.New(st.Width, st.Height)
		c, canvas = p, asciiCanvas{p}
	default:
		return r, fmt.Errorf("plots: unknown format %q", format)
	}
	dc := draw.New(canvas)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	body := drawTitle(dc, &st, st.Label(f.Title))
	note := d.Note
	if rs.Synthetic() {
		// Every output of a simulated cohort says so, figures included.
		note = strings.TrimSpace("Synthetic cohort (concord simulate): not patient data. " + note)
	}
	body = drawNote(body, &st, note)
	d.Draw(body)
	if format == SVG {
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return r, fmt.Errorf("plots: %s: %w", f.Name, err)
		}
		_, err = w.Write(svgFonts(buf.Bytes()))
	} else {
		_, err = c.WriteTo(w)
	}
	if err != nil {
		return r, fmt.Errorf("plots: %s: writing %s: %w", f.Name, format, err)
	}
	return Rendered{Note: d.Note}, nil
}

// svgFonts names fallbacks after Liberation Sans, which browsers rarely
// have: Arial and Helvetica share its metrics, so text keeps its width.
func svgFonts(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("font-family:Liberation Sans;"), []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}

// asciiCanvas transliterates every string drawn to a PDF, in case a label
// escaped Style.Label.
type asciiCanvas struct{ *vgpdf.Canvas }

func (c asciiCanvas) FillString(f font.Face, pt vg.Point, s string) {
	// gonum/plot v0.17.0's PDF backend cannot draw a second face of a
	// typeface: it registers every font with style "" but selects bold and
	// italic with "B"/"I" ("undefined font"), and it names every embedded
	// font program font.z, so fpdf embeds the first one for all of them.
	// PDF text is therefore drawn in the regular face (bold and italic
	// labels are a little narrower than measured; all are left-aligned or
	// centred, so nothing overlaps).
	if f.Font.Weight != xfont.WeightNormal || f.Font.Style != xfont.StyleNormal {
		f.Font.Weight, f.Font.Style = xfont.WeightNormal, xfont.StyleNormal
		f = font.DefaultCache.Lookup(f.Font, f.Font.Size)
	}
	c.Canvas.FillString(f, pt, ASCII(s))
}

// drawTitle draws the title at the top left and returns the rest.
func drawTitle(c draw.Canvas, st *Style, title string) draw.Canvas {
	pad := st.pt(6)
	if title == "" {
		return padded(c, pad)
	}
	ts := st.textStyle(titleSize, true)
	ts.YAlign = draw.YTop
	c.FillText(ts, vg.Point{X: c.Min.X + pad, Y: c.Max.Y - pad}, title)
	rest := c
	rest.Max.Y -= pad + ts.Height(title) + st.pt(2)
	rest.Min.X += pad
	rest.Max.X -= pad
	rest.Min.Y += pad
	return rest
}

func padded(c draw.Canvas, pad vg.Length) draw.Canvas {
	c.Min.X += pad
	c.Min.Y += pad
	c.Max.X -= pad
	c.Max.Y -= pad
	return c
}
