package concordance

import (
	"fmt"
	"strings"
	"time"
)

// SampleRef points at one sample's inputs as given in the sample sheet.
// Paths are already resolved (absolute, or relative to the working folder).
type SampleRef struct {
	ID string // sample id; selects the sample column of a multi-sample file
	// Calls are the sample's call files: one, or several when a pipeline
	// writes small variants, copy number and fusions to separate files
	// (TSO500 does). Formats are per-file format overrides ("" = sniff),
	// the same length as Calls.
	Calls   []string
	Formats []string
	BAM     string // optional alignments for evidence at discordant sites
	GVCF    string // optional genome VCF for depth at discordant sites
	Panel   string // optional panel of this assay: a BED or gene-list file
	// Assay names the assay's panel when no Panel file is given: a
	// built-in panel (universe.BuiltIn: "TSO500", "exome") or a gene panel
	// of the cBioPortal study.
	Assay string
	// Failed is the sheet's QC outcome when the sample failed or was not
	// assessed ("failed", "qns", ...); "" for a usable sample. A failed
	// sample's side is sample_failed on every row and never compared.
	Failed string
}

// IsFailed reports whether the sheet marks the sample failed.
func (s *SampleRef) IsFailed() bool { return s.Failed != "" }

// Present reports whether the sample has any call file.
func (s *SampleRef) Present() bool { return len(s.Calls) > 0 }

// Patient is one row of the sample sheet: a patient with a tissue and a
// plasma sample and the clinical attributes used for stratification.
type Patient struct {
	ID           string
	CancerType   string // free-text cancer type ("" when missing)
	OncotreeCode string
	Stage        string // normalised: "0", "I", "II", "III", "IV", or "" when unknown
	StageRaw     string // as written in the sheet

	TissueDate    time.Time // zero when unknown
	PlasmaDate    time.Time // zero when unknown
	TumorFraction float64   // ctDNA tumour fraction in [0,1]; Missing when unknown
	TumorPurity   float64   // tissue sample's tumour cell fraction in [0,1] (pathology); Missing when unknown
	Age           float64   // years; Missing when unknown

	Tissue SampleRef
	Plasma SampleRef
	WBC    SampleRef // optional matched white-blood-cell calls

	Line  int               // line of the sample sheet
	Extra map[string]string // other sheet columns, by lower-cased header
}

// Sample returns the sample reference of one side.
func (p *Patient) Sample(s Side) *SampleRef {
	switch s {
	case Tissue:
		return &p.Tissue
	case WBC:
		return &p.WBC
	}
	return &p.Plasma
}

// Collection dates are accepted from MinYear to MaxYear: a date outside is
// a typo or a placeholder (9999-01-01 once saturated days_between), and no
// sample of a cohort today was taken before 1900 or will be after 2100.
const (
	MinYear = 1900
	MaxYear = 2100
)

// CheckDate refuses a collection date outside MinYear to MaxYear.
func CheckDate(t time.Time) error {
	if y := t.Year(); y < MinYear || y > MaxYear {
		return fmt.Errorf("year %d is outside %d–%d", y, MinYear, MaxYear)
	}
	return nil
}

// DaysBetween is the number of days from tissue to plasma collection
// (negative when plasma came first), and false when either date is unknown.
func (p *Patient) DaysBetween() (int, bool) {
	if p.TissueDate.IsZero() || p.PlasmaDate.IsZero() {
		return 0, false
	}
	return int(p.PlasmaDate.Sub(p.TissueDate).Hours() / 24), true
}

// NormalizeStage maps free-text stage ("Stage IIA", "IV", "stage 4",
// "[Not Available]") to "0", "I", "II", "III", "IV" or "" (unknown).
func NormalizeStage(s string) string {
	u := strings.ToUpper(strings.TrimSpace(s))
	u = strings.TrimPrefix(u, "STAGE")
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	// Arabic numerals.
	switch u[0] {
	case '0':
		return "0"
	case '1':
		return "I"
	case '2':
		return "II"
	case '3':
		return "III"
	case '4':
		return "IV"
	}
	// Roman numeral prefix, longest first; sub-stages (IIA, IIIC) fold to their stage.
	for _, r := range []string{"IV", "III", "II", "I"} {
		if strings.HasPrefix(u, r) {
			rest := u[len(r):]
			if rest == "" || !isRomanLetter(rest[0]) {
				return r
			}
		}
	}
	return ""
}

func isRomanLetter(b byte) bool { return b == 'I' || b == 'V' || b == 'X' }
