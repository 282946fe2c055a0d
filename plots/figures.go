package plots

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/concord-oncology/concord/concordance/results"
	"github.com/concord-oncology/concord/concordance/schema"
)

// Figures returns the figure set in order. Adding a figure is adding an
// entry here and its draw function.
func Figures() []*Figure {
	return []*Figure{
		{
			Name: "fig1_cancer_type", Title: "Shared, tissue-only and plasma-only alterations by cancer type",
			Caption: "Share of alterations found in both samples (shared), in tissue only and in plasma only, per cancer type " +
				"(100% stacked bars; union denominator S+T+P). Bars are ordered by number of alterations; " +
				"the numbers at the right are alterations and (patients).",
			Needs: []string{schema.StrataFile}, Aspect: 0.62, Draw: drawCancerType,
		},
		{
			Name: "fig2_stage", Title: "Shared, tissue-only and plasma-only alterations by stage",
			Caption: "As figure 1, by clinical stage at sampling, in clinical order. The line above the bars gives the test of a trend in PPA across stages (strata.tsv).",
			Needs:   []string{schema.StrataFile}, Aspect: 0.5, Narrow: true, Draw: drawStage,
		},
		{
			Name: "fig3_class_tf", Title: "By alteration class and by ctDNA tumour fraction",
			Caption: "As figure 1, by alteration class (top) and by plasma tumour-fraction tier (bottom; tiers <1%, 1-10%, >=10%; " +
				"no ctDNA detected: no tumour fraction and no somatic call in plasma, a level defined by the outcome and left out of the tests), " +
				"each with the test across its levels (strata.tsv).",
			Needs: []string{schema.StrataFile}, Aspect: 0.75, Draw: drawClassTF,
		},
		{
			Name: "fig4_vaf_scatter", Title: "Tissue VAF against plasma VAF",
			Caption: "Variant allele fraction of each small variant (SNV, MNV, indel) in tissue and in plasma (log-log). " +
				"Variants one side did not call are drawn in the strip at the bottom (not called in plasma) " +
				"or at the left (not called in tissue) rather than dropped; plasma-only calls flagged as clonal haematopoiesis are triangles. " +
				"The dashed line is equal VAF. Above the plot: Spearman's rank correlation and Lin's concordance correlation coefficient (agreement with the line of equality, 95% CI) of the VAFs of shared small variants. " +
				"Large cohorts draw shared variants as hexagonal bins shaded by count. " +
				"In the SVG (and the report) the pointer on a point names the variant and its VAFs, while the figure has at most 5,000 points; on a hexagon, its count.",
			Needs: []string{schema.AlterationsFile}, Aspect: 0.8, Narrow: true, Draw: drawVAFScatter,
		},
		{
			Name: "fig5_forest_ppa", Title: "Positive percent agreement of plasma with tissue, by subgroup",
			Caption: "PPA = S/(S+T), the share of tissue alterations also found in plasma, with its patient-bootstrap 95% interval " +
				"(patients resampled: alterations cluster within patients); a grey interval is Wilson's, where there is no bootstrap interval. " +
				"Squares have an area proportional to S+T; the diamond is all alterations, spanning its interval. " +
				"The dashed line is the cohort's PPA; the numbers are S/(S+T); the tests of stage and tumour fraction are beside their headings.",
			Needs: []string{schema.StrataFile}, Aspect: 1.15, Draw: drawForest,
		},
		{
			Name: "fig6_oncoprint", Title: "Dual oncoprint: tissue and plasma per patient",
			Caption: "Patients (columns) by the most altered genes (rows, gene symbols in italics). The top half of each tile is tissue and the bottom half plasma, " +
				"coloured by the alteration's category; a plasma half flagged as clonal haematopoiesis is olive; grey is no alteration in that gene. " +
				"Columns are grouped by cancer type (OncoTree codes above, largest groups first), with tracks for stage (grey, light to dark) and plasma tumour fraction (bars, log scale); " +
				"within a group patients are sorted by their alterations in the genes from the top down. A cohort with more than 500 such patients is shown by a systematic sample. " +
				"Numbers at the right are all patients altered in tissue / plasma.",
			Needs: []string{schema.AlterationsFile}, Aspect: 0.6, Draw: drawOncoprint,
		},
		{
			Name: "fig7_detection_vaf", Title: "Plasma detection of tissue alterations by tissue VAF",
			Caption: "Share of tissue alterations detected in plasma (S/(S+T)) in the tissue-VAF bins of strata.tsv: a line at the share across the bin and a box spanning its patient-bootstrap 95% interval " +
				"(n above each box is S+T). The curve is the detection_vaf logistic regression of models.tsv (detection on log10 tissue VAF, patient-clustered), " +
				"drawn over the central 95% of tissue VAFs, with its 95% band when models.tsv gives the estimates' covariance. The line above the plot gives the test of a trend across the bins.",
			Needs: []string{schema.AlterationsFile, schema.StrataFile}, Aspect: 0.7, Narrow: true, Draw: drawDetection,
		},
		{
			Name: "fig8_upset", Title: "Patients by the categories of their alterations (UpSet)",
			Caption: "UpSet plot of patients (Lex et al. 2014): each bar counts the patients whose alterations fall in exactly the categories marked below it, " +
				"e.g. shared and tissue only: the plasma found some but not all of what the tissue found; shared alone: it found all of it. " +
				"Above each bar: patients and their share of all patients. The bars at the left count the patients with at least one alteration of each category. Figures 1-3 count alterations; this counts patients.",
			Needs: []string{schema.PatientsFile}, Aspect: 0.5, Draw: drawUpSet,
		},
		{
			Name: "fig9_genes", Title: "Concordance per gene (most altered genes)",
			Caption: "As figure 1, for the most altered genes (the gene strata of strata.tsv; symbols in italics), ordered by number of alterations.",
			Needs:   []string{schema.StrataFile}, Aspect: 0.75, Draw: drawGenes,
		},
		{
			Name: "fig10_reasons", Title: "Why alterations are found on one side only",
			Caption: "Reasons for alterations found in tissue only (top) and in plasma only (bottom), as shares of each side's discordant alterations " +
				"(100% stacked bars), for all patients and per cancer type; the numbers at the right are alterations. " +
				"Each alteration gets the first reason that applies, in the legend's order (reasons.tsv; package explain documents the rules).",
			Needs: []string{schema.ReasonsFile}, Aspect: 0.9, Draw: drawReasons,
		},
		{
			Name: "fig11_blood_alone", Title: "Who can be tested with blood alone?",
			Caption: "Share of patients with an actionable tissue alteration (a biomarker-drug cohort of the actionability table) for whom plasma alone found " +
				"at least one of them, with Wilson 95% intervals (patients are the unit); squares have an area proportional to the patients, the diamond is all patients. " +
				"Groups with too few such patients are not judged. Groups are ranked by the interval's lower end; " +
				"the dashed line is the cohort's share; found/with counts the patients (blood_alone.tsv).",
			Needs: []string{schema.BloodAloneFile}, Aspect: 0.8, Draw: drawBloodAlone,
		},
		{
			Name: "fig12_detection_tf", Title: "Plasma detection of tissue alterations by tumour fraction",
			Caption: "Share of tissue alterations detected in plasma (S/(S+T)) in bins of patients of equal size by plasma tumour fraction " +
				"(points at the bin's median tumour fraction, Wilson 95% intervals; patients.tsv), with the tier boundaries 1% and 10% dashed. " +
				"Patients whose plasma had no somatic call and no tumour fraction are a level of their own, no ctDNA detected, in the strip at the left. " +
				"models.tsv's detection_tf model gives the effect of the tumour fraction adjusted for tissue VAF, stage, class and organ group.",
			Needs: []string{schema.PatientsFile}, Aspect: 0.7, Draw: drawDetectionTF,
		},
	}
}

// Lookup returns the figure of a name, nil when there is none.
func Lookup(name string) *Figure {
	for _, f := range Figures() {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func needDimension(rs *results.Set, dim string) ([]results.Stratum, error) {
	rows := rs.Dimension(dim)
	if len(rows) == 0 {
		return nil, fmt.Errorf("strata.tsv has no %q rows", dim)
	}
	return rows, nil
}

func drawCancerType(rs *results.Set, st *Style) (*Drawing, error) {
	strata, err := needDimension(rs, schema.DimCancerType)
	if err != nil {
		return nil, err
	}
	rows := rowsOf(strata)
	total := 0
	for _, r := range rows {
		total += r.total()
	}
	thr := rareThreshold(total)
	bars, folded := foldRare(rows, thr, maxCancerBars)
	// The grouping rule in plain words (issue 13 §1), as summary.json
	// states it, then what was folded.
	note := ""
	if rs.Summary != nil && rs.Summary.Strata != nil {
		note = rs.Summary.Strata.CancerTypeRule
	}
	if len(folded) > 0 {
		note = strings.TrimSpace(note + " " + foldNote(rows, folded, thr))
	}
	return barFigure(st, bars, "Share of alterations", "", note), nil
}

// barFigure is a figure of 100% stacked bars of the three categories,
// with the category legend, a line saying the test across the bars when
// there is one, and note.
func barFigure(st *Style, bars []barRow, axis, test, note string) *Drawing {
	return &Drawing{Legend: categoryLegend(), Note: note,
		Height: func(w vg.Length) vg.Length { return statLineHeight(st, test, w) + barsHeight(st, len(bars)) },
		Draw: func(c draw.Canvas) {
			c = drawStatLine(c, st, test)
			drawStackedBars(c, st, bars, axis)
		}}
}

func drawStage(rs *results.Set, st *Style) (*Drawing, error) {
	strata, err := needDimension(rs, schema.DimStage)
	if err != nil {
		return nil, err
	}
	bars := nonEmpty(rowsOf(strata))
	for i := range bars {
		bars[i].label = stageName(bars[i].label)
	}
	return barFigure(st, bars, "Share of alterations", testLine(strata, "stages"), ""), nil
}

// stageName names a stage level for people.
func stageName(level string) string {
	if level == schema.LevelUnknown {
		return "Stage unknown"
	}
	return "Stage " + typeset(level)
}

var classNames = map[string]string{
	schema.SNV: "SNV", schema.MNV: "MNV", schema.Indel: "Indel", schema.Amplification: "Amplification",
	schema.Deletion: "Deletion (copy loss)", schema.Fusion: "Fusion", schema.Splice: "Splice (exon skipping)",
}

func className(c string) string {
	if n, ok := classNames[c]; ok {
		return n
	}
	return c
}

// tfName labels a tumour-fraction tier; the patients whose plasma has no
// somatic call and no tumour fraction are a level of their own, not a tier.
func tfName(t string) string {
	if t == schema.LevelNoCtDNA {
		return "No ctDNA detected"
	}
	return "TF " + typeset(t)
}

// typeset writes a level of the tables as print does: "≥" and "≤" for
// ">=" and "<=", an en dash for a range ("1–10%"). The tables keep the
// ASCII spelling that scripts match.
func typeset(level string) string {
	level = strings.NewReplacer(">=", "≥", "<=", "≤").Replace(level)
	b := []byte(level)
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		if b[i] == '-' && i > 0 && i+1 < len(b) && isDigitOrNumeral(b[i-1]) && isDigitOrNumeral(b[i+1]) {
			out.WriteString("–")
			continue
		}
		out.WriteByte(b[i])
	}
	return out.String()
}

func isDigitOrNumeral(c byte) bool {
	return c >= '0' && c <= '9' || c == 'I' || c == 'V' || c == '%'
}

func drawClassTF(rs *results.Set, st *Style) (*Drawing, error) {
	class, err := needDimension(rs, schema.DimClass)
	if err != nil {
		return nil, err
	}
	tf, err := needDimension(rs, schema.DimTFTier)
	if err != nil {
		return nil, err
	}
	cb := nonEmpty(rowsOf(class))
	for i := range cb {
		cb[i].label = className(cb[i].label)
	}
	tb := nonEmpty(rowsOf(tf))
	for i := range tb {
		tb[i].label = tfName(tb[i].label)
	}
	classTest, tfTest := testLine(class, "classes"), testLine(tf, "tumour-fraction tiers")
	gap := st.pt(10)
	heights := func(w vg.Length) (vg.Length, vg.Length) {
		return panelTitleHeight(st) + statLineHeight(st, classTest, w) + barsHeight(st, len(cb)),
			panelTitleHeight(st) + statLineHeight(st, tfTest, w) + barsHeight(st, len(tb))
	}
	return &Drawing{Legend: categoryLegend(),
		Height: func(w vg.Length) vg.Length { h1, h2 := heights(w); return h1 + gap + h2 },
		Draw: func(c draw.Canvas) {
			h1, h2 := heights(c.Max.X - c.Min.X)
			p := splitHeight(c, gap, float64(h1), float64(h2))
			l1, n1 := barLabelWidth(st, cb)
			l2, n2 := barLabelWidth(st, tb)
			labW, nW := max(l1, l2), max(n1, n2)
			p[0] = drawStatLine(panelTitle(p[0], st, "Alteration class"), st, classTest)
			p[1] = drawStatLine(panelTitle(p[1], st, "Plasma tumour fraction (TF) tier"), st, tfTest)
			drawStackedBarsAligned(p[0], st, cb, "Share of alterations", labW, nW)
			drawStackedBarsAligned(p[1], st, tb, "Share of alterations", labW, nW)
		}}, nil
}

// nonEmpty drops levels without alterations (a class the cohort lacks).
func nonEmpty(rows []barRow) []barRow {
	var out []barRow
	for _, r := range rows {
		if r.total() > 0 {
			out = append(out, r)
		}
	}
	return out
}

func drawGenes(rs *results.Set, st *Style) (*Drawing, error) {
	strata, err := needDimension(rs, schema.DimGene)
	if err != nil {
		return nil, err
	}
	bars := nonEmpty(rowsOf(strata))
	for i := range bars {
		bars[i].italic = true // gene symbols, as in every figure
	}
	return barFigure(st, bars, "Share of alterations", "", ""), nil
}

// foldNote says which cancer types were folded and by what rule.
func foldNote(rows []barRow, folded []string, thr int) string {
	largest := 0
	in := map[string]bool{}
	for _, f := range folded {
		in[f] = true
	}
	for _, r := range rows {
		if in[r.label] {
			largest = max(largest, r.total())
		}
	}
	return fmt.Sprintf("Other cancer types: the %d smallest cancer types, at most %s alterations each (rule: fewer than max(10, 1%% of all alterations) = %s alterations, and at most %d bars): %s.",
		len(folded), thousands(largest), thousands(thr), maxCancerBars, joinLevels(folded))
}
