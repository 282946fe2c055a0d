// Package levels names every patient and every alteration of a cohort in
// each stratum dimension, and orders the levels. One function decides each
// label, so strata.tsv, patient_strata.tsv, models.tsv, reasons.tsv,
// power.tsv, blood_alone.tsv and the figures drawn from them name a group
// the same way (a patient with only the OncoTree code LUAD is "Lung
// Adenocarcinoma" in every one of them). The spellings of the fixed
// levels are schema's.
package levels

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/oncotree"
	"github.com/concord-oncology/concord/concordance/schema"
)

// VAFBin names the tissue-VAF bin of a tissue VAF in [0, 1]: "<5%",
// "5-10%", "10-20%", "20-40%", ">=40%", or "unknown" when it is missing.
// Bins are closed below and open above (a VAF of exactly 10% is in
// "10-20%"). The low bins are narrow because detection in plasma changes
// fastest there: a tissue VAF under 5% is a subclonal or low-purity call
// whose plasma VAF sits near the assay's limit of detection.
func VAFBin(vaf float64) string {
	if !concordance.Known(vaf) || math.IsInf(vaf, 0) {
		return schema.LevelUnknown
	}
	for i, u := range schema.VAFBinUpper {
		if vaf < u {
			return schema.VAFBinLevels[i]
		}
	}
	return schema.VAFBinLevels[4]
}

// VAFTrendBins are the tissue-VAF bins with a numeric order (the trend
// test's scores 1–5).
var VAFTrendBins = schema.VAFBinLevels[:5]

// Days names the sampling-interval bin of a patient: "<=30", "31-90",
// ">90" days between tissue and plasma collection, whichever came first,
// or "unknown" without both dates. The 90-day bound is NCI-MATCH's window
// for contemporaneous samples (METHODS.md §2.4).
func Days(p *concordance.Patient) string {
	d, ok := p.DaysBetween()
	if !ok {
		return schema.LevelUnknown
	}
	d = max(d, -d)
	switch {
	case d <= 30:
		return schema.DaysLevels[0]
	case d <= 90:
		return schema.DaysLevels[1]
	}
	return schema.DaysLevels[2]
}

// Stage is the stage level of a patient: "0", "I"–"IV" or "unknown".
func Stage(p *concordance.Patient) string {
	if p.Stage == "" {
		return schema.LevelUnknown
	}
	return p.Stage
}

// StageGroup is a patient's stage group of blood_alone.tsv: early (0–II),
// locally advanced (III), metastatic (IV), unknown.
func StageGroup(p *concordance.Patient) string {
	switch p.Stage {
	case "0", "I", "II":
		return schema.StageGroupEarly
	case "III":
		return schema.StageGroupIII
	case "IV":
		return schema.StageGroupIV
	}
	return schema.StageGroupUnknown
}

// CancerGroup is "rare", "common" or "unknown" (oncotree.Classify).
func CancerGroup(p *concordance.Patient) string {
	return oncotree.Classify(p.OncotreeCode, p.CancerType).Rarity.String()
}

// Diagnosis is a patient's own cancer-type label, before any grouping:
// the sheet's free text with runs of spaces folded; without it the
// OncoTree name of the code (or the code itself, upper case, when OncoTree
// does not know it); "unknown" when there is neither.
func Diagnosis(p *concordance.Patient) string {
	if s := strings.Join(strings.Fields(p.CancerType), " "); s != "" {
		return s
	}
	if in, ok := oncotree.Lookup(p.OncotreeCode); ok {
		return in.Name
	}
	if s := strings.ToUpper(strings.TrimSpace(p.OncotreeCode)); s != "" {
		return s
	}
	return schema.LevelUnknown
}

// otherTissue is the level of OncoTree's tissue "Other".
const otherTissue = "Other tissue (OncoTree)"

// Organ is a patient's cancer type grouped by OncoTree tissue, the
// organ level of the tree ("Lung", "Bowel", "CNS/Brain"): from its
// OncoTree code or, when OncoTree does not know the code, keywords of its
// cancer type (oncotree.Classify); a cancer type neither places keeps its
// own label (Diagnosis). OncoTree's tissue "Other" (cancers of unknown
// primary, mixed and unplaced types) is labelled otherTissue, so that it is
// not read as the "Other cancer types" a figure folds small groups into.
func Organ(p *concordance.Patient) string {
	if in := oncotree.Classify(p.OncotreeCode, p.CancerType); in.Known() && in.Tissue != "" {
		if in.Tissue == "Other" {
			return otherTissue
		}
		return in.Tissue
	}
	return Diagnosis(p)
}

// TissueCalled reports whether the tissue called a row (shared or
// tissue-only).
func TissueCalled(r *concordance.Row) bool {
	return r.Category == concordance.Shared || r.Category == concordance.TissueOnly
}

// RowVAFBin is the tissue-VAF level of a row: its bin, or
// "no_tissue_call" for a row the tissue did not call.
func RowVAFBin(r *concordance.Row) string {
	if !TissueCalled(r) {
		return schema.LevelNoTissueCall
	}
	return VAFBin(r.Tissue.VAF())
}

// Genes are the genes an alteration counts under: its gene, which for a
// fusion is the driver partner (KIF5B–RET counts under RET, never under
// KIF5B: genes.Fusion names the driver).
func Genes(r *concordance.Row) []string {
	g := strings.TrimSpace(r.Gene)
	if g == "" {
		g = strings.TrimSpace(r.Partner)
	}
	if g == "" {
		return nil
	}
	return []string{g}
}

// Options say how the patients of a cohort are labelled beyond the
// defaults. The zero value labels by the defaults.
type Options struct {
	// Groups maps cancer types to the levels of cancer_type; nil groups
	// by OncoTree tissue (Organ).
	Groups *Groups
	// Columns are sample-sheet columns (lower case, as in
	// concordance.Patient.Extra) made patient-level dimensions: a
	// patient's level is its cell, "unknown" when missing.
	Columns []string
}

// Cohort labels the patients of one cohort. Cancer types, diagnoses and
// sheet-column values are grouped without regard to case and spacing and
// spelled as the group's first patient in sheet order spells it.
type Cohort struct {
	patients  []concordance.PatientResult
	opt       Options
	cancer    []string
	diagnosis []string
	columns   map[string][]string
}

// New labels a cohort (patients in sheet order).
func New(patients []concordance.PatientResult, opt Options) *Cohort {
	c := &Cohort{patients: patients, opt: opt, columns: map[string][]string{}}
	c.cancer = spell(len(patients), func(i int) string { return opt.Groups.Of(patients[i].Patient) })
	c.diagnosis = spell(len(patients), func(i int) string { return Diagnosis(patients[i].Patient) })
	for _, col := range opt.Columns {
		c.columns[col] = spell(len(patients), func(i int) string {
			if v := patients[i].Patient.Extra[col]; v != "" {
				return strings.Join(strings.Fields(v), " ")
			}
			return schema.LevelUnknown
		})
	}
	return c
}

// spell labels n patients, spelling the labels that differ only in case
// as the first patient in sheet order spells them.
func spell(n int, label func(int) string) []string {
	out := make([]string, n)
	first := map[string]string{}
	for i := range out {
		l := label(i)
		k := strings.ToLower(l)
		if f, ok := first[k]; ok {
			l = f
		} else {
			first[k] = l
		}
		out[i] = l
	}
	return out
}

// Patients are the patients the cohort labels.
func (c *Cohort) Patients() []concordance.PatientResult { return c.patients }

// Options are the options the cohort was labelled with.
func (c *Cohort) Options() Options { return c.opt }

// CancerType is patient i's cancer-type level: its group.
func (c *Cohort) CancerType(i int) string { return c.cancer[i] }

// IsPatientLevel reports whether every patient is in exactly one level of
// the dimension (all, cancer_type, diagnosis, cancer_group, stage,
// tf_tier, days_between and the sheet columns), as opposed to the
// alteration-level dimensions (class, gene, tissue_vaf_bin).
func (c *Cohort) IsPatientLevel(dim string) bool {
	if _, ok := c.columns[dim]; ok {
		return true
	}
	return slices.Contains(schema.PatientDimensions, dim)
}

// Has reports whether the cohort labels a dimension.
func (c *Cohort) Has(dim string) bool {
	if _, ok := c.columns[dim]; ok {
		return true
	}
	return slices.Contains(schema.StrataDimensions, dim)
}

// Patient is patient i's level in a patient-level dimension; "" for a
// dimension that is not patient-level.
func (c *Cohort) Patient(dim string, i int) string {
	pr := &c.patients[i]
	switch dim {
	case schema.DimAll:
		return schema.LevelAll
	case schema.DimCancerType:
		return c.cancer[i]
	case schema.DimDiagnosis:
		return c.diagnosis[i]
	case schema.DimCancerGroup:
		return CancerGroup(pr.Patient)
	case schema.DimStage:
		return Stage(pr.Patient)
	case schema.DimTFTier:
		return pr.TFTier()
	case schema.DimDaysBetween:
		return Days(pr.Patient)
	}
	if col, ok := c.columns[dim]; ok {
		return col[i]
	}
	return ""
}

// Row is the levels of a row of patient i in a dimension: the patient's
// level for a patient-level dimension, the row's own for class and tissue
// VAF bin, its genes for gene.
func (c *Cohort) Row(dim string, i int, r *concordance.Row) []string {
	switch dim {
	case schema.DimClass:
		return []string{r.Class.String()}
	case schema.DimTissueVAFBin:
		return []string{RowVAFBin(r)}
	case schema.DimGene:
		return Genes(r)
	}
	return []string{c.Patient(dim, i)}
}

// Fixed is the display order of a dimension's levels when it has one
// (every built-in dimension but cancer_type, diagnosis and gene).
func Fixed(dim string) []string {
	switch dim {
	case schema.DimAll:
		return []string{schema.LevelAll}
	case schema.DimCancerGroup:
		return schema.CancerGroupLevels
	case schema.DimStage:
		return schema.StageLevels
	case schema.DimClass:
		return schema.Classes
	case schema.DimTFTier:
		return schema.TFTierLevels
	case schema.DimTissueVAFBin:
		return schema.VAFBinLevels
	case schema.DimDaysBetween:
		return schema.DaysLevels
	}
	return nil
}

// CancerTypes orders the cohort's cancer types: most patients first, then
// most counted alterations, then by name; "unknown" last.
func (c *Cohort) CancerTypes() []string { return c.bySize(c.cancer) }

// Diagnoses orders the cohort's diagnoses as CancerTypes orders cancer
// types.
func (c *Cohort) Diagnoses() []string { return c.bySize(c.diagnosis) }

func (c *Cohort) bySize(labels []string) []string {
	patients := map[string]int{}
	alterations := map[string]int{}
	for i := range c.patients {
		l := labels[i]
		patients[l]++
		alterations[l] += c.patients[i].Counts.Total()
	}
	out := make([]string, 0, len(patients))
	for l := range patients {
		out = append(out, l)
	}
	sort.Slice(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if (x == schema.LevelUnknown) != (y == schema.LevelUnknown) {
			return y == schema.LevelUnknown
		}
		if patients[x] != patients[y] {
			return patients[x] > patients[y]
		}
		if alterations[x] != alterations[y] {
			return alterations[x] > alterations[y]
		}
		return x < y
	})
	return out
}

// columnOrder orders the values of a sheet column: numerically when every
// known value is a number (ECOG 0, 1, 2), else by name regardless of case;
// "unknown" last.
func columnOrder(labels []string) []string {
	seen := map[string]bool{}
	var out []string
	numeric := true
	for _, l := range labels {
		if seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
		if _, err := strconv.ParseFloat(l, 64); err != nil && l != schema.LevelUnknown {
			numeric = false
		}
	}
	rank := func(l string) int {
		if l == schema.LevelUnknown {
			return 1
		}
		return 0
	}
	sort.Slice(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if rank(x) != rank(y) {
			return rank(x) < rank(y)
		}
		if numeric {
			fx, _ := strconv.ParseFloat(x, 64)
			fy, _ := strconv.ParseFloat(y, 64)
			if fx != fy {
				return fx < fy
			}
		}
		if lx, ly := strings.ToLower(x), strings.ToLower(y); lx != ly {
			return lx < ly
		}
		return x < y
	})
	return out
}

// Order is the display order of a dimension's levels in this cohort
// (genes excepted: their order depends on which alterations a table
// counts).
func (c *Cohort) Order(dim string) []string {
	switch dim {
	case schema.DimCancerType:
		return c.CancerTypes()
	case schema.DimDiagnosis:
		return c.Diagnoses()
	}
	if col, ok := c.columns[dim]; ok {
		return columnOrder(col)
	}
	return Fixed(dim)
}
