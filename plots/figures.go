package plots

import (
	"fmt"
	"strings"

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
			Caption: "As figure 1, by clinical stage at sampling, in clinical order.",
			Needs:   []string{schema.StrataFile}, Aspect: 0.5, Draw: drawStage,
		},
		{
			Name: "fig3_class_tf", Title: "By alteration class and by ctDNA tumour fraction",
			Caption: "As figure 1, by alteration class (top) and by plasma tumour-fraction tier (bottom; tiers <1%, 1-10%, >=10%; " +
				"no ctDNA detected: no tumour fraction and no somatic call in plasma, a level defined by the outcome and left out of the tests).",
			Needs: []string{schema.StrataFile}, Aspect: 0.75, Draw: drawClassTF,
		},
		{
			Name: "fig4_vaf_scatter", Title: "Tissue VAF against plasma VAF",
			Caption: "Variant allele fraction of each small variant in tissue and in plasma (log-log). " +
				"Alterations not detected on one side are drawn in the strip at the bottom (not detected in plasma) " +
				"or at the left (not detected in tissue) rather than dropped. The dashed line is equal VAF.",
			Needs: []string{schema.AlterationsFile}, Aspect: 0.8, Draw: drawVAFScatter,
		},
		{
			Name: "fig5_forest_ppa", Title: "Positive percent agreement of plasma with tissue, by subgroup",
			Caption: "PPA = S/(S+T), the share of tissue alterations also found in plasma, with 95% intervals: " +
				"Wilson (thick; alterations treated as independent) and patient-clustered bootstrap (thin). " +
				"The dashed line is the cohort's PPA; the numbers are S/(S+T).",
			Needs: []string{schema.StrataFile}, Aspect: 1.15, Draw: drawForest,
		},
		{
			Name: "fig6_oncoprint", Title: "Dual oncoprint: tissue and plasma per patient",
			Caption: "Patients (columns) by the most altered genes (rows). The top half of each tile is tissue and the bottom half plasma, " +
				"coloured by the alteration's category; grey is no alteration in that gene. " +
				"Patients are sorted by their alterations in the genes from the top down; a cohort with more than 500 such patients is shown by a systematic sample along that order. " +
				"Numbers at the right are all patients altered in tissue / plasma.",
			Needs: []string{schema.AlterationsFile}, Aspect: 0.6, Draw: drawOncoprint,
		},
		{
			Name: "fig7_detection_vaf", Title: "Plasma detection of tissue alterations by tissue VAF",
			Caption: "Share of tissue alterations detected in plasma (S/(S+T)) in bins of tissue VAF with equal numbers of alterations " +
				"(points at the bin's median VAF, Wilson 95% intervals; bin sizes in the note) and the logistic curve of the detection_vaf model in models.tsv over the tissue VAFs observed.",
			Needs: []string{schema.AlterationsFile}, Aspect: 0.7, Draw: drawDetection,
		},
		{
			Name: "fig8_upset", Title: "Tissue and plasma sets by alteration class (UpSet)",
			Caption: "UpSet-style summary: bars count alterations in each intersection (shared: tissue and plasma; tissue only; plasma only) " +
				"per alteration class (Amp. amplification, Del. deletion or copy loss); the dots below mark which sets each bar belongs to. Set sizes (all classes) are tissue = S+T and plasma = S+P.",
			Needs: []string{schema.AlterationsFile}, Aspect: 0.62, Draw: drawUpSet,
		},
		{
			Name: "fig9_genes", Title: "Concordance per gene (most altered genes)",
			Caption: "As figure 1, for the most altered genes (the gene strata of strata.tsv), ordered by number of alterations.",
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
				"at least one of them, with Wilson 95% intervals; groups with too few such patients are not judged. Groups are ranked by the interval's lower end; " +
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
	return &Drawing{Note: note, Aspect: barsAspect(len(bars)), Draw: func(c draw.Canvas) {
		c = drawLegend(c, st, categoryLegend())
		drawStackedBars(c, st, bars, "Share of alterations (shared + tissue only + plasma only = 100%)")
	}}, nil
}

func drawStage(rs *results.Set, st *Style) (*Drawing, error) {
	strata, err := needDimension(rs, schema.DimStage)
	if err != nil {
		return nil, err
	}
	bars := rowsOf(strata)
	for i := range bars {
		if bars[i].label != schema.LevelUnknown {
			bars[i].label = "Stage " + bars[i].label
		} else {
			bars[i].label = "Stage unknown"
		}
	}
	return &Drawing{Aspect: barsAspect(len(bars)), Draw: func(c draw.Canvas) {
		c = drawLegend(c, st, categoryLegend())
		drawStackedBars(c, st, bars, "Share of alterations")
	}}, nil
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
	return "TF " + t
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
	return &Drawing{Aspect: barsAspect(len(cb)+len(tb)) + 0.12, Draw: func(c draw.Canvas) {
		c = drawLegend(c, st, categoryLegend())
		p := splitHeight(c, st.pt(10), float64(len(cb))+2.5, float64(len(tb))+2.5)
		l1, n1 := barLabelWidth(st, cb)
		l2, n2 := barLabelWidth(st, tb)
		labW, nW := max(l1, l2), max(n1, n2)
		drawStackedBarsAligned(panelTitle(p[0], st, "Alteration class"), st, cb, "Share of alterations", labW, nW)
		drawStackedBarsAligned(panelTitle(p[1], st, "Plasma tumour fraction (TF) tier"), st, tb, "Share of alterations", labW, nW)
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
	return &Drawing{Aspect: barsAspect(len(bars)), Draw: func(c draw.Canvas) {
		c = drawLegend(c, st, categoryLegend())
		drawStackedBars(c, st, bars, "Share of alterations")
	}}, nil
}

// barsAspect is the height/width of a bar figure with n bars: room for the
// title, legend, axis and note, and enough per bar for a percentage inside.
func barsAspect(n int) float64 { return 0.28 + 0.045*float64(n) }

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
	return fmt.Sprintf("Other cancer types: the %d smallest cancer types, at most %d alterations each (rule: fewer than max(10, 1%% of all alterations) = %d alterations, and at most %d bars): %s.",
		len(folded), largest, thr, maxCancerBars, joinLevels(folded))
}
