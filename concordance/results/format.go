package results

import (
	"fmt"
	"math"

	"github.com/concord-oncology/concord/concordance/schema"
)

// Percent writes a share as the report's tables and the figures'
// tooltips show it: one decimal, "39.3%"; "." when undefined (NaN), as in
// the tables.
func Percent(x float64) string {
	if math.IsNaN(x) {
		return "."
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

// Percent writes an interval of shares as the report's tables and the
// figures' tooltips show it: "23.6–57.6%"; "." when an end is undefined.
func (iv Interval) Percent() string {
	if math.IsNaN(iv.Low) || math.IsNaN(iv.High) {
		return "."
	}
	return fmt.Sprintf("%.1f–%.1f%%", 100*iv.Low, 100*iv.High)
}

// Label names an alteration as a reader does (the report's alteration
// table, the figures' tooltips): the protein change, else the genomic
// change, the fusion partner or the class.
func (a *Alteration) Label() string {
	switch {
	case a.Class == schema.Fusion && a.Partner != "":
		return a.Gene + "–" + a.Partner
	case a.Protein != "":
		return a.Protein
	case a.Chrom != "" && a.Pos > 0:
		return fmt.Sprintf("%s:%d %s>%s", a.Chrom, a.Pos, a.Ref, a.Alt)
	}
	return a.Class
}
