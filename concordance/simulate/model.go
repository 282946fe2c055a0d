package simulate

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/concord-oncology/concord/concordance"
)

// Origins of an alteration, as the truth table names them.
const (
	originClonal        = "tumour_clonal"
	originSubclonal     = "tumour_subclonal"
	originHeterogeneity = "tumour_heterogeneity" // in the shedding tumour, not in the biopsied lesion
	originCH            = "ch"
	originGermline      = "germline"
	originArtifact      = "artifact"
)

// What a file holds for an alteration.
const (
	writtenPass     = "pass"
	writtenFiltered = "filtered"
	writtenAbsent   = "absent"
)

// sideObs is one sample's view of an alteration.
type sideObs struct {
	vafTrue float64 // expected VAF (small variants, DNA fusions) in the sample
	depth   int
	alt     int     // alt reads (small variants, DNA fusions); supporting reads (RNA fusions)
	ratio   float64 // observed fold change (Craft FC, DRAGEN SM) for CNVs
	written string  // writtenPass, writtenFiltered or writtenAbsent
	filter  string  // FILTER when written
	status  string  // plasma GermlineStatus
	repr    string  // how the record is written (canonical, right_shifted, padded, mnv, mnv+components, components, multiallelic)
	v       concordance.Variant
}

func (o *sideObs) vafObs() float64 {
	if o.depth <= 0 {
		return math.NaN()
	}
	return float64(o.alt) / float64(o.depth)
}

func (o *sideObs) writtenString() string {
	if o.written == writtenFiltered {
		return "filtered:" + o.filter
	}
	return o.written
}

// alteration is one thing a patient carries, and what each sample shows.
type alteration struct {
	class   concordance.Class
	gene    *Gene
	partner string // fusion 3' partner
	edit    cdsEdit
	ann     annotation
	v       concordance.Variant // canonical (normalised) allele
	hotspot bool
	origin  string
	ccfT    float64 // cancer-cell fraction in the biopsied lesion
	ccfP    float64 // cancer-cell fraction in the tumour that sheds into plasma
	lost    bool    // gone from the shedding tumour over the sampling interval
	cn      float64 // tumour copy number at the locus (amplification: of the gene)
	mult    int     // mutated copies
	chVAF   float64 // CH: VAF in blood
	t, p    sideObs
	bpA     int // fusion breakpoints (genomic) in gene and partner
	bpB     int
}

// patient is one simulated patient.
type patient struct {
	index      int
	id         string
	ct         *cancerType
	stage      string // as the sheet reports it: "" for unknown or not staged
	extent     string // the stage the disease has, for the model: "" when unknown
	age        int
	purity     float64
	tf         float64
	tfReported float64 // NaN when the sheet leaves it empty
	interval   int     // days from tissue to plasma collection
	tissueDate time.Time
	plasmaDate time.Time
	tDepth     float64
	pDepth     float64
	hyper      bool
	bloodFrac  float64 // share of blood cells in the tissue sample
	alts       []*alteration
	occupied   []concordance.Variant
	wbc        *wbcSample // the matched white-blood-cell sample, nil when none
}

// model holds what every patient shares.
type model struct {
	prm       params
	gn        *Genome
	types     []cancerType
	typeW     []float64
	panel     []*Gene   // panel genes
	panelW    []float64 // by CDS length, for passengers
	chW       []float64
	germlineW []float64
	cnv       []*Gene
}

func newModel(prm params) (*model, error) {
	gn, err := Reference()
	if err != nil {
		return nil, err
	}
	types, err := parseCancerTable()
	if err != nil {
		return nil, err
	}
	m := &model{prm: prm, gn: gn, types: types}
	for _, t := range types {
		m.typeW = append(m.typeW, t.weight)
	}
	for _, g := range gn.Genes {
		if g.Panel {
			m.panel = append(m.panel, g)
			m.panelW = append(m.panelW, float64(len(g.CDS)))
		}
	}
	for _, c := range chGenes {
		m.chW = append(m.chW, c.w)
	}
	for _, c := range germlinePathogenic {
		m.germlineW = append(m.germlineW, c.p)
	}
	for _, name := range cnvGenes {
		m.cnv = append(m.cnv, gn.Gene(name))
	}
	m.cnv = sortedGenes(m.cnv)
	return m, nil
}

var cohortStart = time.Date(2021, 1, 4, 0, 0, 0, 0, time.UTC)

// simulate draws one patient.
func (m *model) simulate(seed uint64, index int, idWidth int) *patient {
	r := patientRand(seed, index)
	prm := &m.prm
	pt := &patient{index: index, id: patientID(index, idWidth)}
	pt.ct = &m.types[pick(r, m.typeW)]
	switch x := r.Float64(); {
	case x < prm.stageIV:
		pt.extent = "IV"
	case x < prm.stageIV+prm.stageIII:
		pt.extent = "III"
	default:
		pt.extent = ""
	}
	pt.stage = pt.extent
	if pt.ct.shed == "cns" {
		// CNS tumours are graded, not TNM-staged: the sheet has no stage
		// for them (their extent still sets TF and heterogeneity)
		pt.stage = ""
	}
	pt.age = int(math.Round(math.Max(18, math.Min(90, pt.ct.age+11*r.NormFloat64()))))
	pt.purity = math.Max(0.12, math.Min(0.95, beta(r, prm.purityA, prm.purityB)))
	mu := prm.tfMean[pt.ct.shed]
	switch pt.extent {
	case "III":
		mu += prm.tfStageIII
	case "":
		mu += prm.tfStageNA
	}
	pt.tf = math.Min(0.9, math.Pow(10, mu+prm.tfSD[pt.ct.shed]*r.NormFloat64()))
	pt.tfReported = math.NaN()
	if !chance(r, prm.tfMissing) {
		pt.tfReported = math.Min(0.95, pt.tf*math.Exp(prm.tfNoiseSD*r.NormFloat64()))
	}
	switch pick(r, prm.intervalMix) {
	case 0:
		pt.interval = r.IntN(31)
	case 1:
		pt.interval = 31 + r.IntN(60)
	case 2:
		pt.interval = 91 + r.IntN(275)
	default:
		pt.interval = 366 + r.IntN(900)
	}
	pt.plasmaDate = cohortStart.AddDate(0, 0, r.IntN(1275))
	days := pt.interval
	if pt.interval <= 30 && chance(r, 0.15) {
		days = -days // tissue taken after the plasma draw
	}
	pt.tissueDate = pt.plasmaDate.AddDate(0, 0, -days)
	pt.tDepth = lognormal(r, prm.tissueDepth, 0.25)
	pt.pDepth = lognormal(r, prm.plasmaDepth, 0.25)
	pt.bloodFrac = uniform(r, prm.bloodInTumor[0], prm.bloodInTumor[1])
	switch pt.ct.code {
	case "COADREAD", "UCEC", "STAD":
		pt.hyper = chance(r, prm.hypermutant)
	}

	m.tumour(r, pt)
	m.heterogeneity(r, pt)
	m.clonalHaematopoiesis(r, pt)
	m.germline(r, pt)
	m.artifacts(r, pt)
	for _, a := range pt.alts {
		m.observe(r, pt, a)
	}
	m.issue11(patientRand(seed^scopeStream, index), pt)
	return pt
}

// occupy reserves a variant's neighbourhood; false when another of the
// patient's alterations is within 5 bases (distinct events never touch,
// so the truth stays unambiguous for haplotype matching).
func (pt *patient) occupy(v concordance.Variant) bool {
	for _, o := range pt.occupied {
		if o.Chrom == v.Chrom && v.Pos <= o.End()+5 && o.Pos <= v.End()+5 {
			return false
		}
	}
	pt.occupied = append(pt.occupied, v)
	return true
}

// hasFusion reports whether the patient already has a fusion of the pair.
func (pt *patient) hasFusion(a, b string) bool {
	for _, x := range pt.alts {
		if x.class == concordance.Fusion && (x.gene.Name == a && x.partner == b || x.gene.Name == b && x.partner == a) {
			return true
		}
	}
	return false
}

// reserved reports whether v touches a genome-wide germline or artifact
// site (kept apart from the patient-specific alterations).
func (m *model) reserved(v concordance.Variant) bool {
	near := func(chrom string, pos int) bool {
		return chrom == v.Chrom && v.Pos <= pos+5 && pos <= v.End()+5
	}
	for _, s := range m.gn.polymorphisms {
		if g := m.gn.gene[s.gene]; near(g.Chrom, s.pos) {
			return true
		}
	}
	for _, s := range m.gn.noiseSites {
		if g := m.gn.gene[s.gene]; near(g.Chrom, s.pos) {
			return true
		}
	}
	for _, s := range m.gn.blacklistSites {
		if g := m.gn.gene[s.gene]; near(g.Chrom, s.pos) {
			return true
		}
	}
	return false
}

// Kinds of coding change.
const (
	kindMissense   = "missense"
	kindSynonymous = "synonymous"
	kindNonsense   = "nonsense"
	kindFrameshift = "frameshift"
	kindRepeat     = "repeat" // frameshift at a repeat tract
	kindInframe    = "inframe"
	kindMNV        = "mnv"
	kindUVMNV      = "uv_mnv" // CC>TT
)

// newSmall places a coding change of the given kind in gene g (codons
// from..to, 0 = anywhere) and returns it annotated, or nil when no valid
// placement was found.
func (m *model) newSmall(r *rand.Rand, pt *patient, g *Gene, kind string, from, to int) *alteration {
	if from <= 1 {
		from = 2
	}
	if to <= 0 || to > g.AA-1 {
		to = g.AA - 1
	}
	if to < from {
		return nil
	}
	for try := 0; try < 60; try++ {
		c := from + r.IntN(to-from+1) // codon
		base := 3*(c-1) + 1
		var e cdsEdit
		switch kind {
		case kindMissense, kindSynonymous, kindNonsense:
			pos := base + r.IntN(3)
			if kind == kindSynonymous && chance(r, 0.8) {
				pos = base + 2
			}
			e = cdsEdit{pos, 1, string(otherBase(r, g.CDS[pos-1], g.CDS[pos-1]))}
		case kindFrameshift:
			pos := base + r.IntN(3)
			switch x := r.Float64(); {
			case x < 0.6:
				e = cdsEdit{pos, 1, ""}
			case x < 0.8:
				e = cdsEdit{pos, 2, ""}
			default:
				e = cdsEdit{pos, 0, string("ACGT"[r.IntN(4)])}
			}
		case kindRepeat:
			if len(g.repeats) == 0 {
				return nil
			}
			rs := g.repeats[r.IntN(len(g.repeats))]
			if chance(r, 0.6) {
				e = cdsEdit{rs.cdsStart, len(rs.unit), ""}
			} else {
				e = cdsEdit{rs.cdsStart, 0, rs.unit}
			}
		case kindInframe:
			if chance(r, 0.75) {
				e = cdsEdit{base + r.IntN(3), 3 * (1 + r.IntN(2)), ""}
			} else {
				e = cdsEdit{base + 3, 0, string(g.CDS[base-1 : base+2])} // duplicate a codon
			}
		case kindMNV:
			pos := base + r.IntN(2)
			e = cdsEdit{pos, 2, string([]byte{otherBase(r, g.CDS[pos-1], g.CDS[pos-1]), otherBase(r, g.CDS[pos], g.CDS[pos])})}
		case kindUVMNV:
			pos := base + r.IntN(3)
			if g.CDS[pos-1] != 'C' || g.CDS[pos] != 'C' {
				continue
			}
			e = cdsEdit{pos, 2, "TT"}
		}
		a := m.makeSmall(pt, g, e)
		if a == nil {
			continue
		}
		switch kind {
		case kindMissense:
			if a.ann.consequence != "missense_variant" {
				continue
			}
		case kindSynonymous:
			if a.ann.consequence != "synonymous_variant" {
				continue
			}
		case kindNonsense:
			if a.ann.consequence != "stop_gained" {
				continue
			}
		}
		return a
	}
	return nil
}

// makeSmall builds a small-variant alteration from an edit: annotation,
// canonical allele, and checks that every representation stays inside
// its exon, away from the patient's other alterations.
func (m *model) makeSmall(pt *patient, g *Gene, e cdsEdit) *alteration {
	if e.pos < 4 || e.pos+e.delLen > len(g.CDS)-3 {
		return nil
	}
	ex := g.exonOfCDS(e.pos)
	last := e.pos + max(e.delLen, 1) - 1
	exEnd := ex.CDSStart + ex.Len() - 1
	if g.exonOfCDS(last) != ex || e.pos-ex.CDSStart < 2 || exEnd-last < 2 {
		return nil
	}
	ann, err := g.annotate(e)
	if err != nil {
		return nil
	}
	v := m.gn.normalize(g.vcfVariant(e))
	rs := m.gn.rightShift(v)
	if v.Pos-ex.Start < 2 || ex.End-rs.End() < 3 || m.reserved(v) {
		return nil
	}
	// The neighbourhood covers every representation (left-aligned to
	// right-shifted; padding adds at most 3 bases, within the margin).
	span := concordance.Variant{Chrom: v.Chrom, Pos: v.Pos, Ref: string(m.gn.contig[v.Chrom].Seq[v.Pos-1 : max(v.End(), rs.End())])}
	if !pt.occupy(span) {
		return nil
	}
	a := &alteration{gene: g, edit: e, ann: ann, v: v, cn: 2, mult: 1}
	a.class = v.SmallClass()
	return a
}

// driver draws a driver mutation of gene name for the patient's tumour.
func (m *model) driver(r *rand.Rand, pt *patient, name string) *alteration {
	g := m.gn.Gene(name)
	if g == nil {
		return nil
	}
	if hs, ok := tumourHotspots[name]; ok && chance(r, hotspotShare[name]) {
		e := pickHotspot(r, hs)
		// BRAF V600K in melanoma is an MNV more often than elsewhere.
		if name == "BRAF" && pt.ct.code == "SKCM" && chance(r, 0.2) {
			e = cdsEdit{1798, 2, "AA"}
		}
		if a := m.makeSmall(pt, g, e); a != nil {
			a.hotspot = true
			return a
		}
	}
	kind := kindMissense
	if tumourSuppressors[name] && chance(r, 0.5) {
		kind = []string{kindNonsense, kindFrameshift, kindRepeat}[r.IntN(3)]
	}
	if a := m.newSmall(r, pt, g, kind, 0, 0); a != nil {
		return a
	}
	return m.newSmall(r, pt, g, kindMissense, 0, 0)
}

// passengerKind draws the kind of a passenger coding change (shares of
// coding mutations in TCGA: ~62% missense, ~24% synonymous, ~5% nonsense,
// ~5% small indels; MNVs ~2–5%, far more in UV-exposed tumours;
// microsatellite-unstable tumours add frameshifts in repeats).
func passengerKind(r *rand.Rand, pt *patient) string {
	uv := pt.ct.code == "SKCM" || pt.ct.code == "CSCC" || pt.ct.code == "MCC"
	if pt.hyper && chance(r, 0.25) {
		return kindRepeat
	}
	if uv && chance(r, 0.12) {
		return kindUVMNV
	}
	w := []float64{0.62, 0.22, 0.05, 0.025, 0.025, 0.02, 0.03}
	return []string{kindMissense, kindSynonymous, kindNonsense, kindFrameshift, kindRepeat, kindInframe, kindMNV}[pick(r, w)]
}

// clonality sets the cancer-cell fractions of a tumour alteration: in the
// biopsied lesion, and in the shedding tumour at the time of the plasma
// draw (clones lost over a long interval are gone from plasma).
func (m *model) clonality(r *rand.Rand, pt *patient, a *alteration, subclonal bool) {
	prm := &m.prm
	grow := 1 - math.Exp(-float64(pt.interval)/prm.lossTau)
	if !subclonal {
		a.origin, a.ccfT, a.ccfP = originClonal, 1, 1
		if chance(r, prm.lossClonal*grow) {
			a.ccfP, a.lost = 0, true
		}
		return
	}
	a.origin = originSubclonal
	a.ccfT = uniform(r, 0.15, 0.8)
	if chance(r, prm.lossBase+(prm.lossSubclonal-prm.lossBase)*grow) {
		a.ccfP, a.lost = 0, true
		return
	}
	a.ccfP = math.Max(0.05, math.Min(1, a.ccfT*lognormal(r, 1, 0.5)))
}

// copyState draws the tumour copy number and the mutated copies at a
// small variant's locus (tumour suppressors lose the other allele more
// often).
func copyState(r *rand.Rand, a *alteration) {
	if tumourSuppressors[a.gene.Name] && chance(r, 0.5) {
		if chance(r, 0.6) {
			a.cn, a.mult = 1, 1
		} else {
			a.cn, a.mult = 2, 2
		}
		return
	}
	switch pick(r, []float64{0.65, 0.15, 0.1, 0.1}) {
	case 0:
		a.cn, a.mult = 2, 1
	case 1:
		a.cn, a.mult = 3, 1+r.IntN(2)
	case 2:
		a.cn, a.mult = 4, 1+r.IntN(2)
	default:
		a.cn, a.mult = 1, 1
	}
}

// tumour draws the alterations of the biopsied tumour.
func (m *model) tumour(r *rand.Rand, pt *patient) {
	prm := &m.prm
	add := func(a *alteration, subclonal bool) {
		if a == nil {
			return
		}
		m.clonality(r, pt, a, subclonal)
		if a.class.IsSmall() {
			copyState(r, a)
		}
		pt.alts = append(pt.alts, a)
	}
	for _, d := range pt.ct.drivers {
		if chance(r, d.p) {
			add(m.driver(r, pt, d.gene), chance(r, prm.driverSub))
		}
	}
	mean := pt.ct.tmb
	if pt.hyper {
		mean *= 10
	}
	// Negative binomial as a gamma–Poisson mixture.
	n := poisson(r, mean*gamma(r, prm.passengerK)/prm.passengerK)
	n = min(n, 120)
	for i := 0; i < n; i++ {
		g := m.panel[pick(r, m.panelW)]
		add(m.newSmall(r, pt, g, passengerKind(r, pt), 0, 0), chance(r, prm.subclonal))
	}
	for _, amp := range pt.ct.amps {
		if !chance(r, amp.p) {
			continue
		}
		g := m.gn.Gene(amp.gene)
		a := &alteration{class: concordance.Amplification, gene: g}
		a.cn = math.Min(40, 4+lognormal(r, 5, 0.5))
		add(a, chance(r, 0.15))
	}
	for _, f := range pt.ct.fusions {
		if !chance(r, f.p) || pt.hasFusion(f.a, f.b) {
			continue
		}
		a := &alteration{class: concordance.Fusion, gene: m.gn.Gene(f.a), partner: f.b}
		m.breakpoints(r, a)
		add(a, false)
	}
}

// breakpoints places a fusion's breakpoints: intronic, after a coding exon
// of the 5' gene and before one of the 3' gene (the RNA caller reports the
// exon boundaries, the DNA caller the intronic breakends).
func (m *model) breakpoints(r *rand.Rand, a *alteration) {
	ga, gb := a.gene, m.gn.Gene(a.partner)
	ia := r.IntN(max(1, len(ga.Exons)-1))
	ib := 1 + r.IntN(max(1, len(gb.Exons)-1))
	if ib >= len(gb.Exons) {
		ib = len(gb.Exons) - 1
	}
	a.bpA, a.bpB = ga.Exons[ia].End, gb.Exons[ib].Start
}

// heterogeneity adds tumour alterations present in the shedding tumour
// but not in the biopsied lesion (another metastasis, or evolution under
// therapy between the two samples).
func (m *model) heterogeneity(r *rand.Rand, pt *patient) {
	prm := &m.prm
	rate := prm.hetRate + prm.hetInterval*float64(pt.interval)/365
	if pt.extent == "III" {
		rate *= 0.5
	}
	for n := poisson(r, rate); n > 0; n-- {
		g := m.panel[pick(r, m.panelW)]
		kind := kindMissense
		if x := r.Float64(); x < 0.2 {
			kind = kindNonsense
		} else if x < 0.3 {
			kind = kindSynonymous
		}
		a := m.newSmall(r, pt, g, kind, 0, 0)
		if a == nil {
			continue
		}
		a.origin, a.ccfT, a.ccfP = originHeterogeneity, 0, uniform(r, 0.2, 1)
		copyState(r, a)
		pt.alts = append(pt.alts, a)
	}
}

// clonalHaematopoiesis adds CH clones, more with age.
func (m *model) clonalHaematopoiesis(r *rand.Rand, pt *patient) {
	prm := &m.prm
	for n := poisson(r, prm.chBase*math.Exp(prm.chAge*float64(pt.age-60))); n > 0; n-- {
		c := chGenes[pick(r, m.chW)]
		g := m.chGene(r, c.gene)
		var a *alteration
		hot := false
		if hs, ok := chHotspots[c.gene]; ok && chance(r, c.hot) {
			a = m.makeSmall(pt, g, pickHotspot(r, hs))
			hot = a != nil
		}
		if a == nil {
			kind := kindMissense
			if chance(r, c.trunc) {
				kind = []string{kindNonsense, kindFrameshift}[r.IntN(2)]
			}
			from, to := 0, 0
			if len(c.ranges) > 0 {
				rg := c.ranges[r.IntN(len(c.ranges))]
				from, to = rg[0], rg[1]
			}
			a = m.newSmall(r, pt, g, kind, from, to)
		}
		if a == nil {
			continue
		}
		a.hotspot = hot
		a.origin = originCH
		a.chVAF = math.Max(0.0005, math.Min(0.3, lognormal(r, prm.chVAFMedian, prm.chVAFSigma)))
		pt.alts = append(pt.alts, a)
	}
}

// germline adds the patient's common polymorphisms and, rarely, a
// pathogenic variant of a predisposition gene.
func (m *model) germline(r *rand.Rand, pt *patient) {
	for _, s := range m.gn.polymorphisms {
		x := r.Float64()
		hom := x < s.freq*s.freq
		if !hom && x >= s.freq*s.freq+2*s.freq*(1-s.freq) {
			continue
		}
		g := m.gn.gene[s.gene]
		c, _ := g.cdsOf(s.pos)
		e := cdsEdit{c, 1, string(s.alt)}
		ann, err := g.annotate(e)
		if err != nil {
			continue
		}
		v := concordance.Variant{Chrom: g.Chrom, Pos: s.pos, Ref: string(s.ref), Alt: string(s.alt)}
		if !pt.occupy(v) {
			continue
		}
		a := &alteration{class: concordance.SNV, gene: g, edit: e, ann: ann, v: v, origin: originGermline, cn: 2, mult: 1}
		if hom {
			a.mult = 2
		}
		pt.alts = append(pt.alts, a)
	}
	if !chance(r, m.prm.rareGermline) {
		return
	}
	gp := germlinePathogenic[pick(r, m.germlineW)]
	g := m.gn.Gene(gp.gene)
	var a *alteration
	if gp.gene == "CHEK2" && chance(r, 0.4) {
		a = m.makeSmall(pt, g, cdsEdit{470, 1, "C"}) // I157T
	}
	if a == nil {
		a = m.newSmall(r, pt, g, []string{kindNonsense, kindFrameshift}[r.IntN(2)], 0, 0)
	}
	if a != nil {
		a.origin, a.cn, a.mult = originGermline, 2, 1
		a.hotspot = true // marks a rare pathogenic germline variant (not in the common-SNP set)
		pt.alts = append(pt.alts, a)
	}
}

// artifacts adds sequencing and caller artifacts, each in one sample only.
func (m *model) artifacts(r *rand.Rand, pt *patient) {
	prm := &m.prm
	newArtifact := func(side concordance.Side, pass bool) {
		g := m.panel[pick(r, m.panelW)]
		kind := kindMissense
		if chance(r, 0.3) {
			kind = kindSynonymous
		}
		a := m.newSmall(r, pt, g, kind, 0, 0)
		if a == nil {
			return
		}
		a.origin = originArtifact
		if side == concordance.Tissue {
			a.t.written = writtenPass
			if !pass {
				a.t.written = writtenFiltered
			}
			a.p.written = writtenAbsent
		} else {
			a.p.written = writtenPass
			if !pass {
				a.p.written = writtenFiltered
			}
			a.t.written = writtenAbsent
		}
		pt.alts = append(pt.alts, a)
	}
	for n := poisson(r, prm.tissueArtifacts); n > 0; n-- {
		newArtifact(concordance.Tissue, false)
	}
	for n := poisson(r, prm.tissueArtifactPass); n > 0; n-- {
		newArtifact(concordance.Tissue, true)
	}
	for n := poisson(r, prm.plasmaArtifacts); n > 0; n-- {
		newArtifact(concordance.Plasma, false)
	}
	for n := poisson(r, prm.plasmaArtifactPass); n > 0; n-- {
		newArtifact(concordance.Plasma, true)
	}
	// Recurrent sites: plasma systematic noise and tissue blacklist.
	recurrent := func(sites []siteAllele, side concordance.Side, p float64) {
		for _, s := range sites {
			if !chance(r, p) {
				continue
			}
			g := m.gn.gene[s.gene]
			c, _ := g.cdsOf(s.pos)
			e := cdsEdit{c, 1, string(s.alt)}
			ann, err := g.annotate(e)
			v := concordance.Variant{Chrom: g.Chrom, Pos: s.pos, Ref: string(s.ref), Alt: string(s.alt)}
			if err != nil || !pt.occupy(v) {
				continue
			}
			a := &alteration{class: concordance.SNV, gene: g, edit: e, ann: ann, v: v, origin: originArtifact}
			a.t.written, a.p.written = writtenAbsent, writtenAbsent
			if side == concordance.Tissue {
				a.t.written, a.t.filter = writtenFiltered, "Blacklist"
			} else {
				a.p.written, a.p.filter = writtenFiltered, "systematic_noise"
			}
			pt.alts = append(pt.alts, a)
		}
	}
	recurrent(m.gn.noiseSites, concordance.Plasma, 0.06)
	recurrent(m.gn.blacklistSites, concordance.Tissue, 0.04)
	// Candidate RNA fusions the caller rejects (KeepFusion False): mostly
	// read-through of neighbouring genes.
	for n := poisson(r, prm.noiseFusions); n > 0; n-- {
		g := m.panel[r.IntN(len(m.panel))]
		c := m.gn.contig[g.Chrom]
		var next *Gene
		for i, x := range c.Genes {
			if x == g && i+1 < len(c.Genes) {
				next = c.Genes[i+1]
			}
		}
		if next == nil || len(g.Exons) < 2 || len(next.Exons) < 2 || pt.hasFusion(g.Name, next.Name) {
			continue
		}
		a := &alteration{class: concordance.Fusion, gene: g, partner: next.Name, origin: originArtifact}
		m.breakpoints(r, a)
		a.t.written, a.t.filter, a.t.alt = writtenFiltered, "LowQ", 1+r.IntN(4)
		a.p.written = writtenAbsent
		pt.alts = append(pt.alts, a)
	}
	// A second (artifact) allele at a tumour SNV site: multi-allelic records.
	for _, a := range pt.alts {
		if a.class != concordance.SNV || a.origin != originClonal && a.origin != originSubclonal || !chance(r, prm.multiAllelic) {
			continue
		}
		b := &alteration{class: concordance.SNV, gene: a.gene, v: a.v, origin: originArtifact}
		b.v.Alt = string(otherBase(r, a.v.Ref[0], a.v.Alt[0]))
		c, _ := a.gene.cdsOf(a.v.Pos)
		b.edit = cdsEdit{c, 1, b.v.Alt}
		ann, err := a.gene.annotate(b.edit)
		if err != nil {
			continue
		}
		b.ann = ann
		b.t.written, b.t.filter, b.t.repr = writtenFiltered, "LowVariantFreq", "multiallelic"
		b.p.written, b.p.filter, b.p.repr = writtenFiltered, "multiallelic;weak_evidence", "multiallelic"
		pt.alts = append(pt.alts, b)
	}
}
