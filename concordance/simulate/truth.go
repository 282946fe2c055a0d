package simulate

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
)

// Expected categories: what a correct `concord run` with default options
// reports for the alteration (PASS calls only; calls DRAGEN marks
// Germline_* excluded, together with the same allele in the patient's
// other sample; CH flagged but counted; MNV component records dropped in
// favour of the MNV; representations reconciled by normalisation and the
// haplotype tier).
const (
	expShared     = "shared"
	expTissueOnly = "tissue_only"
	expPlasmaOnly = "plasma_only"
	expGermline   = "excluded:germline"
	expFiltered   = "excluded:filtered"
	// A fusion neither of whose genes is a TSO500 gene lies outside the
	// default comparison universe (TSO500 genes in both assays; a fusion is
	// covered when either partner is a panel gene: concordance/universe):
	// it is reported, not counted.
	expNotCovered = "excluded:not_covered"
	// A synonymous, intronic or UTR change is left out by the default
	// scope (issue 11): reported, not counted.
	expOutOfScope = "excluded:out_of_scope"
)

// scoped is the category of a small variant under the default scope: a
// counted category becomes expOutOfScope when the simulator drew a change
// the scope leaves out.
func scoped(cat, consequence string) string {
	if strings.HasPrefix(cat, "excluded:") || inScope(consequence) {
		return cat
	}
	return expOutOfScope
}

// truthRow is one line of truth.tsv.
type truthRow struct {
	class          string
	gene, partner  string
	v              concordance.Variant // zero for CNVs and fusions
	protein, hgvsc string
	consequence    string
	origin         string
	t, p           *sideObs
	w              *wbcObs // the WBC sample's view; nil without one
	tWritten       string
	pWritten       string
	category       string
	reason         string
}

var truthHeader = []string{
	"patient_id", "class", "gene", "partner", "chrom", "pos", "ref", "alt", "protein", "hgvsc", "consequence",
	"origin", "tissue_written", "plasma_written", "plasma_germline_status", "tissue_representation",
	"plasma_representation", "tissue_vaf_true", "plasma_vaf_true", "tissue_vaf_obs", "plasma_vaf_obs",
	"tissue_depth", "plasma_depth", "tissue_alt_reads", "plasma_alt_reads", "tissue_ratio", "plasma_ratio",
	"expected_category", "expected_reason", "wbc_vaf_true", "wbc_depth", "wbc_alt_reads", "wbc_written",
}

// category applies the default rules to what the two files hold.
func category(tWritten, pWritten, status string) string {
	tPass, pPass := tWritten == writtenPass, pWritten == writtenPass
	switch {
	case pPass && strings.HasPrefix(status, "Germline"):
		return expGermline
	case tPass && pPass:
		return expShared
	case tPass:
		return expTissueOnly
	case pPass:
		return expPlasmaOnly
	}
	return expFiltered
}

// reason explains a discordant alteration with issue 7's vocabulary
// (plus "artifact", which that vocabulary lacks).
func (m *model) reason(pt *patient, a *alteration, cat string) string {
	switch cat {
	case expTissueOnly:
		switch {
		case a.origin == originArtifact:
			return "artifact"
		case a.class == concordance.Fusion && !plasmaFusionCovered(a):
			return "not_covered"
		case a.p.written == writtenFiltered:
			return "below_threshold"
		case a.lost && m.detectableAt(pt, a, a.ccfT):
			// Gone from the shedding tumour, and the plasma would have
			// called it had it stayed as it is in the biopsy. A lost
			// alteration the plasma could not have called anyway is not
			// discordant because of the interval (below: subclonal or
			// low_power): no analysis could tell it from a low-power miss.
			return "sampling_interval"
		case a.origin == originSubclonal && m.clonalDetectable(pt, a):
			return "subclonal"
		}
		return "low_power"
	case expPlasmaOnly:
		switch a.origin {
		case originCH:
			return "ch_candidate"
		case originGermline:
			return "germline"
		case originArtifact:
			return "artifact"
		case originHeterogeneity:
			return "tumour_heterogeneity"
		}
		return "low_tissue_purity"
	}
	return ""
}

// clonalDetectable reports whether the plasma would have called the
// alteration had it been clonal in the shedding tumour (the expected reads
// at full cancer-cell fraction reach the caller's threshold).
func (m *model) clonalDetectable(pt *patient, a *alteration) bool { return m.detectableAt(pt, a, 1) }

// detectableAt reports whether the plasma would call the alteration if it
// were present in the shedding tumour at cancer-cell fraction ccf.
func (m *model) detectableAt(pt *patient, a *alteration, ccf float64) bool {
	prm := &m.prm
	switch a.class {
	case concordance.Amplification:
		return (pt.tf*ccf*a.cn+2*(1-pt.tf*ccf))/2 >= prm.plasmaAmpSM
	case concordance.Deletion:
		return 1-pt.tf*ccf <= prm.plasmaDelSM
	case concordance.Fusion:
		return float64(a.p.depth)*pt.tf*ccf/2 >= float64(prm.plasmaFusionMinAlt)
	}
	vaf := pt.tf * ccf * float64(a.mult) / (pt.tf*a.cn + 2*(1-pt.tf))
	minAlt, minAF := prm.plasmaMinAlt, prm.plasmaMinAF
	if a.hotspot {
		minAlt, minAF = prm.plasmaHotMinAlt, prm.plasmaHotMinAF
	}
	return float64(a.p.depth)*vaf >= float64(minAlt) && vaf >= minAF
}

// truthRows lists the patient's alterations that any file contains.
func (m *model) truthRows(pt *patient) []truthRow {
	var rows []truthRow
	for _, a := range pt.alts {
		if a.t.written == writtenAbsent && a.p.written == writtenAbsent {
			continue
		}
		row := truthRow{class: a.class.String(), gene: a.gene.Name, origin: a.origin, t: &a.t, p: &a.p,
			tWritten: a.t.writtenString(), pWritten: a.p.writtenString()}
		if pt.wbc != nil {
			row.w = pt.wbc.obs[a]
		}
		switch a.class {
		case concordance.Fusion:
			row.gene, row.partner = fusionName(a)
		case concordance.Amplification, concordance.Deletion:
		default:
			row.v, row.protein, row.hgvsc, row.consequence = a.v, a.ann.short, a.ann.hgvsc, a.ann.consequence
		}
		// An MNV that plasma writes as separate SNVs is joined to the tissue
		// MNV only when both are called; otherwise the SNVs are alterations
		// of their own.
		if a.class == concordance.MNV && a.p.repr == "components" && a.p.written == writtenPass && a.t.written != writtenPass {
			if a.t.written != writtenAbsent {
				r := row
				r.pWritten, r.p = writtenAbsent, &sideObs{written: writtenAbsent, repr: "components"}
				r.category = category(r.tWritten, writtenAbsent, "")
				rows = append(rows, r)
			}
			for _, c := range components(a.v) {
				r := row
				r.class, r.v, r.w = concordance.SNV.String(), c, nil
				r.tWritten, r.t = writtenAbsent, &sideObs{written: writtenAbsent, repr: "mnv"}
				cp := a.p
				cp.v, cp.repr = c, "mnv_component"
				r.p = &cp
				r.protein, r.hgvsc, r.consequence = m.componentAnnotation(a, c)
				r.category = scoped(category(writtenAbsent, r.pWritten, a.p.status), r.consequence)
				r.reason = m.reason(pt, a, r.category)
				rows = append(rows, r)
			}
			continue
		}
		row.category = category(a.t.written, a.p.written, a.p.status)
		if a.class.IsSmall() {
			row.category = scoped(row.category, row.consequence)
		}
		if a.class == concordance.Fusion && !genes.InTSO500(row.gene) && !genes.InTSO500(row.partner) && !strings.HasPrefix(row.category, "excluded:") {
			row.category = expNotCovered
		}
		row.reason = m.reason(pt, a, row.category)
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rowLess(&rows[i], &rows[j]) })
	return rows
}

// componentAnnotation annotates one SNV of an MNV on its own.
func (m *model) componentAnnotation(a *alteration, c concordance.Variant) (string, string, string) {
	cds, _ := a.gene.cdsOf(c.Pos)
	ann, err := a.gene.annotate(cdsEdit{cds, 1, c.Alt})
	if err != nil {
		return ".", ".", "."
	}
	return ann.short, ann.hgvsc, ann.consequence
}

var classRank = map[string]int{"snv": 0, "mnv": 0, "indel": 0, "amplification": 1, "deletion": 1, "fusion": 2}

func rowLess(a, b *truthRow) bool {
	if classRank[a.class] != classRank[b.class] {
		return classRank[a.class] < classRank[b.class]
	}
	if ca, cb := chromIndex(a.v.Chrom), chromIndex(b.v.Chrom); ca != cb {
		return ca < cb
	}
	if a.v.Pos != b.v.Pos {
		return a.v.Pos < b.v.Pos
	}
	if a.gene != b.gene {
		return a.gene < b.gene
	}
	if a.partner != b.partner {
		return a.partner < b.partner
	}
	return a.v.Alt < b.v.Alt
}

func fmtFloat(x float64, prec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "."
	}
	return strconv.FormatFloat(x, 'f', prec, 64)
}

func dot(s string) string {
	if s == "" {
		return "."
	}
	return s
}

func fmtInt(n int, ok bool) string {
	if !ok {
		return "."
	}
	return strconv.Itoa(n)
}

// writeTruthRows appends a patient's rows to truth.tsv.
func writeTruthRows(w io.Writer, pt *patient, rows []truthRow) error {
	var b strings.Builder
	for _, r := range rows {
		small := r.v.Chrom != ""
		cnv := r.class == "amplification"
		tDepthOK := r.t.depth > 0 && r.t.written != writtenAbsent || small && r.t.depth > 0
		pDepthOK := r.p.depth > 0
		f := []string{
			pt.id, r.class, r.gene, dot(r.partner),
			dot(r.v.Chrom), fmtInt(r.v.Pos, small), dot(r.v.Ref), dot(r.v.Alt),
			dot(r.protein), dot(r.hgvsc), dot(r.consequence), r.origin, r.tWritten, r.pWritten,
			dot(statusIfSmall(r)), dot(r.t.repr), dot(r.p.repr),
			vafIf(r.t.vafTrue, small), vafIf(r.p.vafTrue, small || r.class == "fusion"),
			vafIf(r.t.vafObs(), small && tDepthOK), vafIf(r.p.vafObs(), (small || r.class == "fusion") && pDepthOK),
			fmtInt(r.t.depth, small && r.t.depth > 0), fmtInt(r.p.depth, pDepthOK),
			fmtInt(r.t.alt, (small && r.t.depth > 0) || r.class == "fusion"), fmtInt(r.p.alt, pDepthOK),
			ratioIf(r.t.ratio, cnv), ratioIf(r.p.ratio, cnv),
			r.category, dot(r.reason),
		}
		if w := r.w; w != nil {
			f = append(f, fmtFloat(w.vafTrue, 5), strconv.Itoa(w.depth), strconv.Itoa(w.alt), w.written)
		} else {
			f = append(f, ".", ".", ".", ".")
		}
		b.WriteString(strings.Join(f, "\t"))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func statusIfSmall(r truthRow) string {
	if r.v.Chrom == "" || r.p.written == writtenAbsent {
		return ""
	}
	return r.p.status
}

func vafIf(x float64, ok bool) string {
	if !ok {
		return "."
	}
	return fmtFloat(x, 5)
}

func ratioIf(x float64, ok bool) string {
	if !ok {
		return "."
	}
	return fmtFloat(x, 3)
}

// writePatientTruth writes one line of truth_patients.tsv.
var patientTruthHeader = []string{
	"patient_id", "cancer_type", "oncotree_code", "rare", "shedding_class", "stage", "age", "tissue_purity",
	"tumor_fraction_true", "tumor_fraction_reported", "interval_days", "tissue_median_depth",
	"plasma_median_depth", "hypermutated", "ch_clones", "truth_rows",
}

func writePatientTruth(w io.Writer, pt *patient, nRows int) error {
	ch := 0
	for _, a := range pt.alts {
		if a.origin == originCH {
			ch++
		}
	}
	rare := "no"
	if pt.ct.rare {
		rare = "yes"
	}
	hyper := "no"
	if pt.hyper {
		hyper = "yes"
	}
	f := []string{pt.id, pt.ct.name, pt.ct.code, rare, pt.ct.shed, stageOrUnknown(pt.stage), strconv.Itoa(pt.age),
		fmtFloat(pt.purity, 3), fmtFloat(pt.tf, 5), fmtFloat(pt.tfReported, 4), strconv.Itoa(pt.interval),
		strconv.Itoa(int(math.Round(pt.tDepth))), strconv.Itoa(int(math.Round(pt.pDepth))), hyper, strconv.Itoa(ch),
		strconv.Itoa(nRows)}
	_, err := fmt.Fprintln(w, strings.Join(f, "\t"))
	return err
}

func stageOrUnknown(s string) string {
	if s == "" {
		return "Unknown"
	}
	return s
}
