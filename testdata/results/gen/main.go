// Command gen writes the small fixed results folder in testdata/results:
// a 30-patient cohort whose alterations are drawn from a seeded generator
// below (a stand-in for a concord run), summarised into every table of
// docs/outputs.md with the project's own statistics (package stats):
// Wilson intervals, patient-clustered bootstrap intervals, chi-square
// tests with Benjamini-Hochberg q-values and the detection_vaf logistic
// model. Run from the repository root:
//
//	go run ./testdata/results/gen -out testdata/results
//
// The tables are test fixtures for figures and the report, not a check of
// the statistics (package stats tests those against R).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/concord-oncology/concord/concordance/output"
	"github.com/concord-oncology/concord/stats"
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
	flags             string
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

func main() {
	out := flag.String("out", "testdata/results", "results folder to write")
	scale := flag.Int("scale", 1, "multiply every cancer type's patients (a larger cohort to look at; the fixture is scale 1)")
	flag.Parse()
	r := rand.New(rand.NewPCG(20261122, 5))
	stages := []string{"I", "II", "III", "IV", "IV", "IV", "III", ""}
	var pts []*patient
	for _, c := range cancers {
		for i := 0; i < c.n**scale; i++ {
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
			detect := a.pvaf >= 0.002 && r.Float64() < 0.95
			if a.class == "small" {
				detect = false
			}
			switch {
			case detect:
				a.cat, a.tier = "shared", "exact"
				if a.class == "mnv" && r.IntN(2) == 0 {
					a.tier = "haplotype"
				}
			default:
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
			a := alt{p: p, gene: g, class: "snv", ts: "not_detected", ps: "called", cat: "plasma_only",
				tvaf: math.NaN(), pvaf: math.Exp(math.Log(0.002) + r.Float64()*math.Log(20)), tdepth: 300 + r.IntN(500), pdepth: 1500 + r.IntN(3000)}
			if g == "DNMT3A" || g == "TET2" {
				a.flags = "ch_candidate"
			}
			alts = append(alts, a)
		}
	}
	// one alteration outside the comparison universe: reported, not counted.
	alts = append(alts, alt{p: pts[0], gene: "NTRK1", class: "fusion", ts: "called", ps: "not_covered", cat: "not_compared", tvaf: 0.31, pvaf: math.NaN(), tdepth: 350, pdepth: -1})
	for i := range alts {
		a := &alts[i]
		a.chrom, a.pos, a.ref, a.alt = ".", -1, ".", "."
		if a.class == "snv" || a.class == "mnv" || a.class == "indel" {
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
	}
	sort.SliceStable(alts, func(i, j int) bool { return alts[i].p.id < alts[j].p.id })
	must(os.MkdirAll(*out, 0o755))
	writeAlterations(filepath.Join(*out, "alterations.tsv"), alts)
	writePatients(filepath.Join(*out, "patients.tsv"), pts, alts)
	writeStrata(*out, pts, alts)
	writeModels(filepath.Join(*out, "models.tsv"), alts)
	writeLedger(filepath.Join(*out, "ledger.tsv"), pts, alts)
	writeSummary(filepath.Join(*out, "summary.json"), pts, alts)
	writeExplain(*out, pts, alts)
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func f(x float64, d int) string { return output.Float(x, d) }
func n(i int) string            { return output.Int(i) }

func dot(s string) string {
	if s == "" {
		return "."
	}
	return s
}

func write(path string, header []string, rows [][]string) {
	var b strings.Builder
	b.WriteString(strings.Join(header, "\t") + "\n")
	for _, r := range rows {
		for i := range r {
			r[i] = dot(r[i])
		}
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	must(os.WriteFile(path, []byte(b.String()), 0o644))
}

func writeAlterations(path string, alts []alt) {
	var rows [][]string
	for i, a := range alts {
		talt, palt := -1, -1
		if !math.IsNaN(a.tvaf) {
			talt = int(math.Round(a.tvaf * float64(a.tdepth)))
		}
		if !math.IsNaN(a.pvaf) {
			palt = int(math.Round(a.pvaf * float64(a.pdepth)))
		}
		tier := a.tier
		src := func(side string, st string) string {
			if st == "called" {
				return fmt.Sprintf("%s_%s.vcf.gz:%d", a.p.id, side, 40+i)
			}
			return ""
		}
		pos := ""
		if a.pos > 0 {
			pos = n(a.pos)
		}
		rows = append(rows, []string{a.p.id, a.p.cancer, a.p.code, a.p.stage, a.class, a.gene, a.chrom, pos, a.ref, a.alt,
			a.prot, "", "", a.ts, a.ps, a.cat, tier, f(a.tvaf, 4), f(a.pvaf, 4), n(a.tdepth), n(a.pdepth), n(talt), n(palt),
			"", "", a.flags, fixtureReason(&a), "", "", src("T", a.ts), src("P", a.ps), "", "", ""})
	}
	write(path, output.AlterationColumns, rows)
}

type counts struct{ s, t, p int }

func (c counts) u() int { return c.s + c.t + c.p }

func count(alts []alt, keep func(*alt) bool) (c counts) {
	for i := range alts {
		a := &alts[i]
		if a.cat == "not_compared" || !keep(a) {
			continue
		}
		switch a.cat {
		case "shared":
			c.s++
		case "tissue_only":
			c.t++
		case "plasma_only":
			c.p++
		}
	}
	return c
}

func tfTier(tf float64) string {
	switch {
	case math.IsNaN(tf):
		return "unknown"
	case tf < 0.01:
		return "<1%"
	case tf < 0.10:
		return "1-10%"
	default:
		return ">=10%"
	}
}

func writePatients(path string, pts []*patient, alts []alt) {
	var rows [][]string
	for _, p := range pts {
		c := count(alts, func(a *alt) bool { return a.p == p })
		ppa := math.NaN()
		if c.s+c.t > 0 {
			ppa = float64(c.s) / float64(c.s+c.t)
		}
		src := "sheet"
		if math.IsNaN(p.tf) {
			src = ""
		}
		rows = append(rows, []string{p.id, p.cancer, p.code, p.stage, f(p.tf, 4), src, tfTier(p.tf), n(p.days),
			n(c.s + c.t), n(c.s + c.p), n(c.s), n(c.t), n(c.p), n(c.u()), f(ppa, 4), "", "", "", ""})
	}
	write(path, output.PatientColumns, rows)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

type dim struct {
	name   string
	levels []string
	of     func(a *alt) string
	ofP    func(p *patient) string
}

func vafBin(v float64) string {
	switch {
	case math.IsNaN(v):
		return "plasma only"
	case v < 0.05:
		return "<5%"
	case v < 0.20:
		return "5-20%"
	default:
		return ">=20%"
	}
}

func daysBin(d int) string {
	switch {
	case d < 0:
		return "unknown"
	case d <= 30:
		return "<=30"
	case d <= 90:
		return "31-90"
	default:
		return ">90"
	}
}

func stageOf(p *patient) string {
	if p.stage == "" {
		return "unknown"
	}
	return p.stage
}

func writeStrata(dir string, pts []*patient, alts []alt) {
	byCancer := map[string]int{}
	for i := range alts {
		if alts[i].cat != "not_compared" {
			byCancer[alts[i].p.cancer]++
		}
	}
	var cancerLevels []string
	for _, c := range cancers {
		cancerLevels = append(cancerLevels, c.name)
	}
	sort.SliceStable(cancerLevels, func(i, j int) bool { return byCancer[cancerLevels[i]] > byCancer[cancerLevels[j]] })
	group := func(p *patient) string {
		for _, c := range cancers {
			if c.name == p.cancer && c.n < 3 {
				return "rare"
			}
		}
		return "common"
	}
	geneCount := map[string]int{}
	for i := range alts {
		if alts[i].cat != "not_compared" {
			geneCount[alts[i].gene]++
		}
	}
	var geneLevels []string
	for g := range geneCount {
		geneLevels = append(geneLevels, g)
	}
	sort.Slice(geneLevels, func(i, j int) bool {
		if geneCount[geneLevels[i]] != geneCount[geneLevels[j]] {
			return geneCount[geneLevels[i]] > geneCount[geneLevels[j]]
		}
		return geneLevels[i] < geneLevels[j]
	})
	geneLevels = geneLevels[:10]
	dims := []dim{
		{"all", []string{"all"}, func(*alt) string { return "all" }, func(*patient) string { return "all" }},
		{"cancer_type", cancerLevels, func(a *alt) string { return a.p.cancer }, func(p *patient) string { return p.cancer }},
		{"cancer_group", []string{"common", "rare"}, func(a *alt) string { return group(a.p) }, group},
		{"stage", []string{"I", "II", "III", "IV", "unknown"}, func(a *alt) string { return stageOf(a.p) }, stageOf},
		{"class", []string{"snv", "mnv", "indel", "amplification", "deletion", "fusion", "splice"}, func(a *alt) string { return a.class }, nil},
		{"gene", geneLevels, func(a *alt) string { return a.gene }, nil},
		{"tf_tier", []string{"<1%", "1-10%", ">=10%", "unknown"}, func(a *alt) string { return tfTier(a.p.tf) }, func(p *patient) string { return tfTier(p.tf) }},
		{"tissue_vaf_bin", []string{"<5%", "5-20%", ">=20%", "plasma only"}, func(a *alt) string { return vafBin(a.tvaf) }, nil},
		{"days_between", []string{"<=30", "31-90", ">90", "unknown"}, func(a *alt) string { return daysBin(a.p.days) }, func(p *patient) string { return daysBin(p.days) }},
	}
	pIndex := map[*patient]int{}
	for i, p := range pts {
		pIndex[p] = i
	}
	var rows [][]string
	var prows [][]string
	var pvals []float64
	var pvalRow []int
	for _, d := range dims {
		// test across levels: chi-square on levels x (S, T, P)
		var table [][]int
		for _, lv := range d.levels {
			c := count(alts, func(a *alt) bool { return d.of(a) == lv })
			if c.u() > 0 {
				table = append(table, []int{c.s, c.t, c.p})
			}
		}
		test, stat, pv := "", math.NaN(), math.NaN()
		if len(table) > 1 {
			res := stats.ChiSquare(table, false)
			test, stat, pv = "chisq", res.Statistic, res.P
		}
		start := len(rows)
		for order, lv := range d.levels {
			c := count(alts, func(a *alt) bool { return d.of(a) == lv })
			patients := map[*patient]bool{}
			S, U, ST, SP := make([]float64, len(pts)), make([]float64, len(pts)), make([]float64, len(pts)), make([]float64, len(pts))
			for i := range alts {
				a := &alts[i]
				if a.cat == "not_compared" || d.of(a) != lv {
					continue
				}
				patients[a.p] = true
				k := pIndex[a.p]
				U[k]++
				switch a.cat {
				case "shared":
					S[k]++
					ST[k]++
					SP[k]++
				case "tissue_only":
					ST[k]++
				case "plasma_only":
					SP[k]++
				}
			}
			if d.ofP != nil {
				for _, p := range pts {
					if d.ofP(p) == lv {
						patients[p] = true
					}
				}
			}
			if len(patients) == 0 {
				continue
			}
			boot, err := stats.BootstrapRatios([]stats.Ratio{{Num: S, Den: U}, {Num: S, Den: ST}, {Num: S, Den: SP}},
				stats.BootstrapOptions{Replicates: 2000, Seed: 1})
			must(err)
			w := func(x, m int) (string, string) {
				if m == 0 {
					return "", ""
				}
				iv := stats.Wilson(x, m, 0.95)
				return f(iv.Low, 4), f(iv.High, 4)
			}
			b := func(k int) (string, string) {
				iv := boot.Intervals[k]
				return f(iv.Low, 4), f(iv.High, 4)
			}
			sl, sh := w(c.s, c.u())
			sbl, sbh := b(0)
			pl, ph := w(c.s, c.s+c.t)
			pbl, pbh := b(1)
			vl, vh := w(c.s, c.s+c.p)
			vbl, vbh := b(2)
			if len(table) > 1 {
				pvalRow = append(pvalRow, len(rows))
			}
			rows = append(rows, []string{d.name, lv, n(order + 1), n(len(patients)), n(c.u()), n(c.s), n(c.t), n(c.p),
				f(ratio(c.s, c.u()), 4), f(ratio(c.t, c.u()), 4), f(ratio(c.p, c.u()), 4), sl, sh, sbl, sbh,
				f(ratio(c.s, c.s+c.t), 4), pl, ph, pbl, pbh, f(ratio(c.s, c.s+c.p), 4), vl, vh, vbl, vbh,
				test, f(stat, 4), f(pv, 6), ""})
			if d.ofP != nil {
				np, det, withS := 0, 0, 0
				for _, p := range pts {
					if d.ofP(p) != lv {
						continue
					}
					np++
					c := count(alts, func(a *alt) bool { return a.p == p })
					somatic := count(alts, func(a *alt) bool { return a.p == p && a.flags == "" })
					if somatic.s+somatic.p > 0 {
						det++
					}
					if c.s > 0 {
						withS++
					}
				}
				dl, dh := w(det, np)
				wl, wh := w(withS, np)
				prows = append(prows, []string{d.name, lv, n(order + 1), n(np), n(det), f(ratio(det, np), 4), dl, dh,
					n(withS), f(ratio(withS, np), 4), wl, wh})
			}
		}
		if len(table) > 1 {
			pvals = append(pvals, pv)
		}
		_ = start
	}
	// BH across dimensions: one p-value per dimension, repeated on its rows.
	q := stats.AdjustBH(pvals)
	di := -1
	last := ""
	for _, ri := range pvalRow {
		if rows[ri][0] != last {
			di++
			last = rows[ri][0]
		}
		rows[ri][28] = f(q[di], 6)
	}
	write(filepath.Join(dir, "strata.tsv"), strings.Fields("dimension level level_order patients alterations shared tissue_only plasma_only shared_share tissue_only_share plasma_only_share shared_share_ci_low shared_share_ci_high shared_share_boot_low shared_share_boot_high ppa ppa_ci_low ppa_ci_high ppa_boot_low ppa_boot_high ppv ppv_ci_low ppv_ci_high ppv_boot_low ppv_boot_high test statistic p_value q_value"), rows)
	write(filepath.Join(dir, "patient_strata.tsv"), strings.Fields("dimension level level_order patients ctdna_detected ctdna_detected_frac ctdna_ci_low ctdna_ci_high with_shared with_shared_frac with_shared_ci_low with_shared_ci_high"), prows)
}

func writeModels(path string, alts []alt) {
	var x []float64
	var y []bool
	var cl []int
	ids := map[string]int{}
	for i := range alts {
		a := &alts[i]
		if a.cat != "shared" && a.cat != "tissue_only" {
			continue
		}
		if _, ok := ids[a.p.id]; !ok {
			ids[a.p.id] = len(ids)
		}
		x = append(x, 1, math.Log10(a.tvaf))
		y = append(y, a.cat == "shared")
		cl = append(cl, ids[a.p.id])
	}
	fit, err := stats.FitLogit(mat.NewDense(len(y), 2, x), y, cl)
	must(err)
	var rows [][]string
	for j, c := range fit.Coefficients(true, 0.95) {
		or := c.OddsRatio()
		term := []string{"(Intercept)", "log10_tissue_vaf"}[j]
		rows = append(rows, []string{"detection_vaf", term, "", f(c.Estimate, 6), f(or.Estimate, 6), f(or.Low, 6), f(or.High, 6),
			f(c.SE, 6), f(c.Z, 4), f(c.P, 6), n(len(y)), n(len(ids)), ""})
	}
	write(path, strings.Fields("model term level estimate odds_ratio or_ci_low or_ci_high se z p_value n_alterations n_patients note"), rows)
}

func writeLedger(path string, pts []*patient, alts []alt) {
	var rows [][]string
	for _, p := range pts {
		for _, side := range []string{"plasma", "tissue"} {
			used := 0
			for i := range alts {
				a := &alts[i]
				if a.p != p {
					continue
				}
				if (side == "tissue" && a.ts == "called") || (side == "plasma" && a.ps == "called") {
					used++
				}
			}
			file := fmt.Sprintf("%s_%s.vcf.gz", p.id, strings.ToUpper(side[:1]))
			rows = append(rows, []string{file, p.id, side, "used", "used", "", n(used)})
			rows = append(rows, []string{file, p.id, side, "excluded", "filtered", "weak_evidence", n(1 + len(p.id)%3)})
			if side == "plasma" {
				rows = append(rows, []string{file, p.id, side, "excluded", "germline", "Germline_DB", n(2)})
			}
		}
	}
	write(path, output.LedgerColumns, rows)
}

func writeSummary(path string, pts []*patient, alts []alt) {
	c := count(alts, func(*alt) bool { return true })
	fp := func(x float64) *float64 { return &x }
	prop := func(x, m int, def string) output.Proportion {
		iv := stats.Wilson(x, m, 0.95)
		return output.Proportion{Value: fp(ratio(x, m)), CILow: fp(iv.Low), CIHigh: fp(iv.High), Method: "wilson", Numerator: x, Denominator: m, Definition: def}
	}
	s := output.Summary{
		Synthetic: true, Patients: len(pts),
		Alterations: output.CountsJSON{Shared: c.s, TissueOnly: c.t, PlasmaOnly: c.p, Total: c.u()},
		UnionShares: output.SharesJSON{Shared: fp(ratio(c.s, c.u())), TissueOnly: fp(ratio(c.t, c.u())), PlasmaOnly: fp(ratio(c.p, c.u())), Denominator: c.u()},
		PPA:         prop(c.s, c.s+c.t, "S/(S+T): tissue alterations also found in plasma"),
		PPV:         prop(c.s, c.s+c.p, "S/(S+P): plasma alterations also found in tissue"),
		MatchTiers:  map[string]int{}, ByClass: map[string]output.CountsJSON{},
		Ledger:        output.LedgerJSON{ExcludedBy: map[string]int64{}},
		Normalisation: output.Normalisation{Reference: fs("ref/ref.fa"), LeftAligned: true, Note: "multi-allelic records split, alleles trimmed and indels left-aligned against the reference"},
		Provenance: output.Provenance{Version: "0.1.0-dev", Command: "concord run --sheet manifest.tsv --reference ref/ref.fa --out results",
			Inputs:     []output.InputFile{{Path: "manifest.tsv", SHA256: strings.Repeat("ab", 32), Bytes: 2048, Format: "sample_sheet"}, {Path: "P01_T.vcf.gz", SHA256: strings.Repeat("cd", 32), Bytes: 4096, Format: "vcf"}},
			Parameters: map[string]any{"all-filters": false, "keep-germline": false, "max-tier": "haplotype", "reference": "ref/ref.fa", "seed": 1, "sheet": "manifest.tsv", "us-dates": false}},
	}
	for i := range alts {
		a := &alts[i]
		if a.cat == "not_compared" {
			continue
		}
		bc := s.ByClass[a.class]
		switch a.cat {
		case "shared":
			bc.Shared++
			s.MatchTiers[a.tier]++
		case "tissue_only":
			bc.TissueOnly++
		case "plasma_only":
			bc.PlasmaOnly++
		}
		bc.Total++
		s.ByClass[a.class] = bc
	}
	for _, p := range pts {
		pc := count(alts, func(a *alt) bool { return a.p == p })
		pl := &s.PatientLevel
		if pc.u() > 0 {
			pl.WithAnyAlteration++
		}
		if pc.s > 0 {
			pl.WithShared++
		}
		if pc.t > 0 {
			pl.WithTissueOnly++
		}
		if pc.p > 0 {
			pl.WithPlasmaOnly++
		}
		if pc.s+pc.p > 0 {
			pl.WithPlasmaCall++
		}
		if pc.s+pc.t > 0 {
			pl.WithTissueCall++
		}
	}
	read := int64(0)
	for _, p := range pts {
		_ = p
	}
	used := int64(0)
	for i := range alts {
		if alts[i].ts == "called" {
			used++
		}
		if alts[i].ps == "called" {
			used++
		}
	}
	var excl int64
	for _, p := range pts {
		excl += int64(2*(1+len(p.id)%3)) + 2
		s.Ledger.ExcludedBy["filtered"] += int64(2 * (1 + len(p.id)%3))
		s.Ledger.ExcludedBy["germline"] += 2
	}
	read = used + excl
	s.Ledger.RecordsRead, s.Ledger.RecordsUsed, s.Ledger.RecordsExcluded = read, used, excl
	// the patient-bootstrap fields of docs/outputs.md (summary.json), which
	// output.Summary does not carry yet: added to the JSON object
	var buf bytes.Buffer
	must(output.WriteSummary(&buf, &s))
	var m map[string]any
	must(json.Unmarshal(buf.Bytes(), &m))
	S, ST, SP := make([]float64, len(pts)), make([]float64, len(pts)), make([]float64, len(pts))
	for i := range alts {
		a := &alts[i]
		k := -1
		for j, p := range pts {
			if p == a.p {
				k = j
			}
		}
		switch a.cat {
		case "shared":
			S[k]++
			ST[k]++
			SP[k]++
		case "tissue_only":
			ST[k]++
		case "plasma_only":
			SP[k]++
		}
	}
	boot, err := stats.BootstrapRatios([]stats.Ratio{{Num: S, Den: ST}, {Num: S, Den: SP}}, stats.BootstrapOptions{Replicates: 2000, Seed: 1})
	must(err)
	for k, key := range []string{"ppa_plasma_vs_tissue", "ppv_plasma"} {
		obj := m[key].(map[string]any)
		obj["boot_ci_low"], obj["boot_ci_high"] = boot.Intervals[k].Low, boot.Intervals[k].High
	}
	m["bootstrap"] = map[string]any{"method": "patient-clustered bootstrap, percentile intervals", "replicates": 2000, "seed": 1, "level": 0.95}
	out, err := json.MarshalIndent(m, "", "  ")
	must(err)
	must(os.WriteFile(path, append(out, '\n'), 0o644))
}

func fs(s string) *string { return &s }
