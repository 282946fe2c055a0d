// Package fixturegen makes testdata/results, the fixed results folder that
// the figures' golden images (package plots), the table readers (package
// results) and the report (package report) are tested on.
//
// A seeded generator draws a 30-patient cohort as per-patient results: a
// stand-in for the per-patient pipeline (eight cancer types, two of them
// single-patient rare types; one cancer type name with a non-ASCII
// apostrophe and one with "&", to exercise PDF transliteration and HTML
// escaping; clonal-haematopoiesis candidates among the plasma-only calls;
// one alteration outside the comparison universe), whose reasons and
// detection powers follow the generator's own simple rules. concord's
// cohort stage (analysis.Cohort) summarises it and its writers write it,
// so the fixture has the output contract of the code that reads it; the
// test of this package checks that the committed folder is what the
// current code writes, byte for byte (go test ./internal/fixturegen
// -regen rewrites it).
//
// The numbers are fixtures for drawing, not a check of the statistics:
// package stats tests those against R.
package fixturegen

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/actionable"
	"github.com/concord-oncology/concord/concordance/analysis"
	"github.com/concord-oncology/concord/concordance/explain"
	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/infile"
)

type patient struct {
	id, cancer, code, stage string
	tf                      float64 // NaN unknown
	days                    int     // -1 unknown
}

type alt struct {
	p                 *patient
	class, gene, prot string
	chrom             string
	pos               int
	ref, alt          string
	ts, ps, cat, tier string
	tvaf, pvaf        float64
	tdepth, pdepth    int
	ch                bool // a clonal-haematopoiesis candidate
}

var cancers = []struct {
	name, code string
	n          int
}{
	{"Non-Small Cell Lung Cancer", "NSCLC", 9},
	{"Colorectal Cancer", "COADREAD", 7},
	{"Breast Cancer", "BRCA", 5},
	{"Prostate Cancer", "PRAD", 3},
	{"Head & Neck Cancer", "HNSC", 2},
	{"Cholangiocarcinoma", "CHOL", 1},
	{"Ewing’s Sarcoma", "ES", 1}, // non-ASCII on purpose: PDF labels must cope
	{"Melanoma", "MEL", 2},
}

var genes = map[string][]string{
	"NSCLC":    {"TP53", "KRAS", "EGFR", "STK11", "KEAP1", "ALK", "MET"},
	"COADREAD": {"APC", "TP53", "KRAS", "PIK3CA", "BRAF", "SMAD4"},
	"BRCA":     {"PIK3CA", "TP53", "ERBB2", "ESR1", "GATA3"},
	"PRAD":     {"TP53", "AR", "SPOP", "BRCA2", "PTEN"},
	"HNSC":     {"TP53", "PIK3CA", "CDKN2A", "NOTCH1"},
	"CHOL":     {"IDH1", "FGFR2", "KRAS", "TP53"},
	"ES":       {"EWSR1", "STAG2", "TP53"},
	"MEL":      {"BRAF", "NRAS", "CDKN2A", "TP53"},
}

func classOf(gene string, r *rand.Rand) string {
	switch gene {
	case "ALK", "EWSR1", "FGFR2":
		return "fusion"
	case "MET":
		return "splice"
	case "ERBB2", "AR":
		return "amplification"
	case "CDKN2A", "PTEN", "SMAD4":
		return "deletion"
	}
	switch x := r.Float64(); {
	case x < 0.70:
		return "snv"
	case x < 0.78:
		return "mnv"
	default:
		return "indel"
	}
}

// draw draws the patients and their alterations.
func draw() ([]*patient, []alt) {
	r := rand.New(rand.NewPCG(20261122, 5))
	stages := []string{"I", "II", "III", "IV", "IV", "IV", "III", ""}
	var pts []*patient
	for _, c := range cancers {
		for i := 0; i < c.n; i++ {
			p := &patient{id: fmt.Sprintf("P%02d", len(pts)+1), cancer: c.name, code: c.code,
				stage: stages[r.IntN(len(stages))], tf: math.Exp(math.Log(0.002) + r.Float64()*math.Log(150)), days: 3 + r.IntN(120)}
			if r.IntN(9) == 0 {
				p.tf = math.NaN()
			}
			if r.IntN(10) == 0 {
				p.days = -1
			}
			pts = append(pts, p)
		}
	}
	var alts []alt
	for _, p := range pts {
		alts = append(alts, patientAlts(p, r)...)
	}
	// one alteration outside the comparison universe: reported, not counted.
	alts = append(alts, alt{p: pts[0], gene: "NTRK1", class: "fusion", ts: "called", ps: "not_covered", cat: "not_compared", tvaf: 0.31, pvaf: math.NaN(), tdepth: 350, pdepth: -1})
	for i := range alts {
		position(&alts[i], r)
	}
	sort.SliceStable(alts, func(i, j int) bool { return alts[i].p.id < alts[j].p.id })
	return pts, alts
}

// patientAlts draws a patient's tissue alterations (detected in plasma or
// not) and plasma-only calls.
func patientAlts(p *patient, r *rand.Rand) []alt {
	var alts []alt
	gs := genes[p.code]
	n := 1 + r.IntN(5)
	used := map[string]bool{}
	for k := 0; k < n; k++ {
		g := gs[r.IntN(len(gs))]
		if used[g] {
			continue
		}
		used[g] = true
		a := alt{p: p, gene: g, class: classOf(g, r), ts: "called", ps: "called", tdepth: 400 + r.IntN(600), pdepth: 1500 + r.IntN(3000)}
		a.tvaf = math.Exp(math.Log(0.02) + r.Float64()*math.Log(40)) // 2%..80%
		tf := p.tf
		if math.IsNaN(tf) {
			tf = 0.02
		}
		// plasma VAF: a fraction of the tissue VAF scaled by the TF.
		a.pvaf = a.tvaf * tf * math.Exp(r.NormFloat64()*0.6) * 1.2
		if a.pvaf >= 0.002 && r.Float64() < 0.95 {
			a.cat, a.tier = "shared", "exact"
			if a.class == "mnv" && r.IntN(2) == 0 {
				a.tier = "haplotype"
			}
		} else {
			a.cat, a.ps = "tissue_only", "not_detected"
			if a.pvaf > 0.0008 && r.IntN(3) == 0 {
				a.ps = "below_threshold"
			} else {
				a.pvaf = math.NaN()
			}
		}
		alts = append(alts, a)
	}
	// plasma-only calls: some subclonal, some clonal-haematopoiesis candidates.
	for k := r.IntN(3); k > 0; k-- {
		g := []string{"TP53", "DNMT3A", "TET2", "KRAS", "PIK3CA"}[r.IntN(5)]
		if used[g] {
			continue
		}
		used[g] = true
		alts = append(alts, alt{p: p, gene: g, class: "snv", ts: "not_detected", ps: "called", cat: "plasma_only",
			tvaf: math.NaN(), pvaf: math.Exp(math.Log(0.002) + r.Float64()*math.Log(20)), tdepth: 300 + r.IntN(500), pdepth: 1500 + r.IntN(3000),
			ch: g == "DNMT3A" || g == "TET2"})
	}
	return alts
}

// position gives a small variant its position, alleles and protein change.
func position(a *alt, r *rand.Rand) {
	if a.class != "snv" && a.class != "mnv" && a.class != "indel" {
		return
	}
	a.chrom = fmt.Sprintf("chr%d", 1+r.IntN(22))
	a.pos = 1_000_000 + r.IntN(100_000_000)
	bases := "ACGT"
	a.ref, a.alt = string(bases[r.IntN(4)]), string(bases[r.IntN(4)])
	if a.ref == a.alt {
		a.alt = "T"
		if a.ref == "T" {
			a.alt = "C"
		}
	}
	switch a.class {
	case "mnv":
		a.ref, a.alt = a.ref+"C", a.alt+"A"
	case "indel":
		a.ref = a.ref + "GA"
	}
	a.prot = fmt.Sprintf("p.X%d%s", 10+r.IntN(900), map[string]string{"snv": "Y", "mnv": "Y", "indel": "fs"}[a.class])
}

// reason gives an alteration called on one side only a reason by simple
// rules on the generator's quantities.
func reason(a *alt) string {
	tCalled, pCalled := a.ts == "called", a.ps == "called"
	switch {
	case tCalled && !pCalled:
		switch {
		case a.ps == "not_covered":
			return schema.ReasonNotCovered
		case a.ps == "below_threshold":
			return schema.ReasonBelowThreshold
		case math.IsNaN(a.p.tf) || a.p.tf < 0.005:
			return schema.ReasonLowPower
		case a.p.days > 60:
			return schema.ReasonSamplingInterval
		case a.tvaf < 0.1:
			return schema.ReasonSubclonal
		}
		return schema.ReasonLowPower
	case pCalled && !tCalled:
		switch {
		case a.ch:
			return schema.ReasonCH
		case a.pvaf < 0.005:
			return schema.ReasonLowPurity
		}
		return schema.ReasonHeterogeneity
	}
	return ""
}

// actionableTable is gene-level: the generator's protein changes are
// placeholders (p.X123Y), so rules name genes and classes.
const actionableTable = "gene\talteration\tcohort\tsource\n" +
	"EGFR\tmutation\tEGFR\tfixture\n" +
	"KRAS\tmutation\tKRAS\tfixture\n" +
	"BRAF\tmutation\tBRAF\tfixture\n" +
	"PIK3CA\tmutation\tPIK3CA\tfixture\n" +
	"IDH1\tmutation\tIDH1\tfixture\n" +
	"ALK\tfusion\tALK fusion\tfixture\n" +
	"FGFR2\tfusion\tFGFR2 fusion\tfixture\n" +
	"ERBB2\tamplification\tERBB2 amplification\tfixture\n"

// Options are the cohort stage's options of the fixture: 2,000 bootstrap
// replicates from seed 1, the ten most altered genes, a gene-level
// actionability table and groups of 3 patients judged, so that the
// 30-patient cohort has something to draw in every figure.
func Options() (analysis.Options, error) {
	o := analysis.DefaultOptions()
	o.Bootstrap, o.Seed, o.TopGenes, o.MinGroupPatients = 2000, 1, 10, 3
	t, err := actionable.Read(strings.NewReader(actionableTable), "fixture")
	if err != nil {
		return o, err
	}
	o.ActionableTable = t
	o.Version = "0.1.0-dev"
	o.Command = "concord run --sheet manifest.tsv --reference ref/ref.fa --out results"
	o.Parameters = map[string]any{"all-filters": false, "keep-germline": false, "max-tier": "haplotype", "reference": "ref/ref.fa",
		"bootstrap-seed": "1", "bootstrap": "2000", "top-genes": "10", "min-group-patients": "3", "sheet": "manifest.tsv", "us-dates": false}
	return o, nil
}

// PerPatient draws the fixture's per-patient results.
func PerPatient() *analysis.PerPatient {
	pts, alts := draw()
	pp := &analysis.PerPatient{Ledger: &concordance.Ledger{}, Synthetic: true, Reference: "ref/ref.fa"}
	index := map[*patient]int{}
	var sheet strings.Builder
	sheet.WriteString("patient_id\tcancer_type\toncotree_code\tstage\ttissue_calls\tplasma_calls\n")
	for i, p := range pts {
		pp.Patients = append(pp.Patients, newResult(p))
		index[p] = i
		fmt.Fprintf(&sheet, "%s\t%s\t%s\t%s\t%s_T.vcf.gz\t%s_P.vcf.gz\n", p.id, p.cancer, p.code, p.stage, p.id, p.id)
	}
	pp.Inputs = []schema.InputFile{hashed("manifest.tsv", sheet.String(), "sample_sheet")}
	for i := range alts {
		a := &alts[i]
		pr := &pp.Patients[index[a.p]]
		pr.Rows = append(pr.Rows, row(a, i))
	}
	for i, p := range pts {
		pr := &pp.Patients[i]
		pr.Counts = concordance.CountRows(pr.Rows)
		for s, side := range []concordance.Side{concordance.Tissue, concordance.Plasma} {
			file := p.id + []string{"_T", "_P"}[s] + ".vcf.gz"
			used := 0
			var text strings.Builder
			for j := range pr.Rows {
				if c := pr.Rows[j].Side(side).Calls; len(c) > 0 {
					used++
					fmt.Fprintf(&text, "%s\n", c[0].Key())
				}
			}
			pr.Calls[s] = used
			// Records the readers would have left out, a few per file.
			pp.Ledger.Add(file, p.id, side, concordance.ReasonUsed, "", int64(used))
			pp.Ledger.Add(file, p.id, side, concordance.ReasonFiltered, "LowQual", int64(1+(i+s)%3))
			pp.Ledger.Add(file, p.id, side, concordance.ReasonGermline, "", int64((i+s+1)%2))
			pp.Inputs = append(pp.Inputs, hashed(file, text.String(), "vcf"))
		}
	}
	return pp
}

// hashed is the provenance of a file the fixture stands in for.
func hashed(path, text, format string) schema.InputFile {
	sum, size := infile.SumBytes([]byte(text))
	return schema.InputFile{Path: path, SHA256: sum, Bytes: size, Format: format}
}

// newResult is a patient without rows yet.
func newResult(p *patient) concordance.PatientResult {
	pt := &concordance.Patient{ID: p.id, CancerType: p.cancer, OncotreeCode: p.code, Stage: p.stage,
		TumorFraction: p.tf, TumorPurity: math.NaN(), Age: math.NaN()}
	if p.days >= 0 {
		pt.TissueDate = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
		pt.PlasmaDate = pt.TissueDate.AddDate(0, 0, p.days)
	}
	pr := concordance.PatientResult{Patient: pt, TumorFraction: p.tf, Purity: 0.5, PuritySource: schema.SourceDefault,
		Biomarkers: [2]concordance.Biomarkers{concordance.NoBiomarkers(), concordance.NoBiomarkers()}}
	if !math.IsNaN(p.tf) {
		pr.TumorFractionSource = schema.SourceSheet
	}
	return pr
}

var (
	classes  = map[string]concordance.Class{}
	statuses = map[string]concordance.Status{"called": concordance.Called, "below_threshold": concordance.BelowThreshold,
		"not_detected": concordance.NotDetected, "not_covered": concordance.NotCovered}
	categories = map[string]concordance.Category{"shared": concordance.Shared, "tissue_only": concordance.TissueOnly,
		"plasma_only": concordance.PlasmaOnly, "not_compared": concordance.NotCompared}
	tiers = map[string]concordance.Tier{"": concordance.TierNone, "exact": concordance.TierExact, "haplotype": concordance.TierHaplotype}
)

func init() {
	for _, c := range concordance.Classes() {
		classes[c.String()] = c
	}
}

// row makes the i-th generated alteration a row of its patient, with its
// calls (sources at line 40+i of the patient's files), reason and
// detection power.
func row(a *alt, i int) concordance.Row {
	al := concordance.Alteration{Class: classes[a.class], Gene: a.gene, Protein: a.prot}
	if a.chrom != "" {
		al.Variant = concordance.Variant{Chrom: a.chrom, Pos: a.pos, Ref: a.ref, Alt: a.alt}
	}
	r := concordance.Row{Alteration: al, Category: categories[a.cat], Tier: tiers[a.tier], Reason: reason(a)}
	for _, s := range []struct {
		side   concordance.Side
		file   string
		status string
		vaf    float64
		depth  int
	}{{concordance.Tissue, "_T.vcf.gz", a.ts, a.tvaf, a.tdepth}, {concordance.Plasma, "_P.vcf.gz", a.ps, a.pvaf, a.pdepth}} {
		o := r.Side(s.side)
		o.Status = statuses[s.status]
		if s.status == "called" {
			c := concordance.NewCall(s.side, al, concordance.Source{File: a.p.id + s.file, Line: 40 + i})
			c.VAF, c.Depth = s.vaf, s.depth
			if !math.IsNaN(s.vaf) {
				c.AltReads = int(math.Round(s.vaf * float64(s.depth)))
			}
			o.Calls = []*concordance.Call{&c}
		}
	}
	if a.ch {
		r.Flags |= concordance.FlagCHCandidate
	}
	if tf := a.p.tf; a.ts == "called" && al.Class.IsSmall() && !math.IsNaN(tf) {
		ev := a.tvaf * tf / 0.5
		r.Power = &concordance.Power{Side: concordance.Plasma, ExpectedVAF: ev, Depth: a.pdepth,
			Probability: explain.DetectionPower(a.pdepth, ev, 5, 0.002)}
	}
	return r
}

// Files are the files of the fixture: every file a run writes but
// README.md (testdata/results/README.md says what the fixture is) and the
// partial form (a fixture built by hand has no ledger per patient).
func Files() ([]output.File, error) {
	opt, err := Options()
	if err != nil {
		return nil, err
	}
	res, err := analysis.Cohort(context.Background(), PerPatient(), opt)
	if err != nil {
		return nil, err
	}
	var out []output.File
	for _, f := range res.Files() {
		if f.Name != schema.ReadmeFile && f.Name != schema.PartialFile { // the partial form is not the figures' input
			out = append(out, f)
		}
	}
	return out, nil
}
