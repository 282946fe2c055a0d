package concordance

import (
	"fmt"

	"github.com/concord-oncology/concord/internal/text"
)

// The rules for echoed and written text are internal/text's; these are
// their names in the domain, for the packages that speak it.
var (
	Quote      = text.Quote
	QuoteBytes = text.QuoteBytes
	Escape     = text.Escape
	CheckText  = text.Check
)

// QuoteRunes is how many characters of a value an error message echoes.
const QuoteRunes = text.QuoteRunes

// TextError is a value that cannot be written to concord's outputs.
type TextError = text.Error

// CheckText checks, with CheckText, the text of a call that reaches the
// outputs (alterations.tsv, the ledger's details, figures, the report):
// gene, alleles, protein change, fusion partner, exons, consequence, exon
// and the caller's germline label; it names the field that fails. A field
// that comes to be written out must be added here. It runs on every call
// of a cohort, so printable ASCII, the rule, is checked first in one pass.
func (c *Call) CheckText() error {
	if text.ASCII(c.Gene) && text.ASCII(c.Chrom) && text.ASCII(c.Ref) && text.ASCII(c.Alt) && text.ASCII(c.Protein) &&
		text.ASCII(c.Partner) && text.ASCII(c.Exons) && text.ASCII(c.Consequence) && text.ASCII(c.Exon) && text.ASCII(c.GermlineStatus) {
		return nil
	}
	for _, f := range [...]struct{ name, v string }{
		{"gene", c.Gene}, {"chromosome", c.Chrom}, {"REF", c.Ref}, {"ALT", c.Alt}, {"protein change", c.Protein},
		{"fusion partner", c.Partner}, {"exons", c.Exons}, {"consequence", c.Consequence}, {"exon", c.Exon},
		{"germline status", c.GermlineStatus},
	} {
		if err := text.Check(f.v); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}
