package simulate

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/concord-oncology/concord/concordance/genes"
)

// genomeSeed fixes the synthetic reference: every cohort, whatever its
// seed, shares one genome (so reference/genome.fa is byte-identical across
// cohorts and releases unless the gene table changes).
const genomeSeed = 0x5EED_C0C0_A5A5_0001

// Layout of the synthetic contigs (bases). Introns are far shorter than
// real ones: the genome only needs to hold the coding exons with splice
// sites and flanks, not to look like hg19 at the megabase scale.
const (
	contigLeadIn   = 1000 // bases before the first gene of a contig
	geneFlank      = 400  // upstream and downstream of the coding exons
	geneSpacer     = 300  // intergenic bases between two genes' flanks
	intronMin      = 120
	intronMax      = 320
	exonEdgeMargin = 6 // variants keep this far from exon edges
)

// Exon is one coding exon of a gene's canonical transcript, on the + strand.
type Exon struct {
	Number     int // exon number in the full transcript (untranslated exons counted)
	Start, End int // 1-based inclusive genomic coordinates
	CDSStart   int // CDS position (1-based) of the exon's first base
}

// Len is the exon's length in bases.
func (e Exon) Len() int { return e.End - e.Start + 1 }

// repeatSite is a homopolymer or dinucleotide tract written into a coding
// exon, where the model places repeat indels.
type repeatSite struct {
	cdsStart int    // first base of the tract (CDS position)
	unit     string // "A" or "CA"
	copies   int
}

// Gene is a gene of the synthetic genome: a single canonical transcript on
// the + strand whose coding sequence is split into exons.
type Gene struct {
	Name        string
	Chrom       string
	Panel       bool // a TSO500 panel gene (listed in panel.bed)
	AA          int  // protein length without the stop codon
	TotalExons  int
	FirstCoding int
	Exons       []Exon
	CDS         []byte // coding sequence including the stop codon
	utr3        []byte // genomic bases after the last coding base (read through by frameshifts)
	GeneID      string // synthetic Ensembl-style identifiers (ENSG9…, ENST9…, ENSP9…)
	Transcript  string
	Protein     string
	repeats     []repeatSite
	locked      []bool // CDS positions written from real sequence (hotspot contexts, repeats)
	prot        []byte // the protein, ending with '*'

}

// Start and End are the first and last coding bases.
func (g *Gene) Start() int { return g.Exons[0].Start }
func (g *Gene) End() int   { return g.Exons[len(g.Exons)-1].End }

// genomic returns the genomic position of CDS position c (1-based).
func (g *Gene) genomic(c int) int {
	e := g.exonOfCDS(c)
	return e.Start + c - e.CDSStart
}

// exonOfCDS returns the exon holding CDS position c.
func (g *Gene) exonOfCDS(c int) *Exon {
	i := sort.Search(len(g.Exons), func(i int) bool { return g.Exons[i].CDSStart > c }) - 1
	return &g.Exons[i]
}

// cdsOf returns the CDS position of genomic position p and whether p is
// coding.
func (g *Gene) cdsOf(p int) (int, bool) {
	for i := range g.Exons {
		e := &g.Exons[i]
		if p >= e.Start && p <= e.End {
			return e.CDSStart + p - e.Start, true
		}
	}
	return 0, false
}

// Contig is a synthetic chromosome.
type Contig struct {
	Name  string
	Seq   []byte
	Genes []*Gene
}

// Genome is the synthetic reference with its genes.
type Genome struct {
	Contigs []*Contig
	Genes   []*Gene
	contig  map[string]*Contig
	gene    map[string]*Gene
	// polymorphisms are common germline SNP sites (fixed for the genome,
	// shared by every patient with a population allele frequency).
	polymorphisms []polymorphism
	// noiseSites are recurrent plasma artifact sites (systematic noise),
	// blacklist sites recurrent tissue artifacts.
	noiseSites     []siteAllele
	blacklistSites []siteAllele
}

type polymorphism struct {
	gene string
	pos  int
	ref  byte
	alt  byte
	freq float64 // population allele frequency
}

type siteAllele struct {
	gene     string
	pos      int
	ref, alt byte
}

// Gene returns the named gene, or nil.
func (gn *Genome) Gene(name string) *Gene { return gn.gene[name] }

// Contig returns the named contig, or nil.
func (gn *Genome) Contig(name string) *Contig { return gn.contig[name] }

// Bases returns reference bases chrom:start-end (1-based, inclusive).
func (gn *Genome) Bases(chrom string, start, end int) ([]byte, error) {
	c := gn.contig[chrom]
	if c == nil || start < 1 || end > len(c.Seq) || end < start-1 {
		return nil, fmt.Errorf("simulate: %s:%d-%d outside the synthetic genome", chrom, start, end)
	}
	return c.Seq[start-1 : end], nil
}

// base returns the reference base at chrom:pos.
func (gn *Genome) base(chrom string, pos int) byte { return gn.contig[chrom].Seq[pos-1] }

// Reference returns the synthetic genome shared by all cohorts. It is
// built once, on first use.
var Reference = sync.OnceValues(func() (*Genome, error) { return buildGenome() })

// geneSpec is one gene's facts before layout.
type geneSpec struct {
	name                   string
	chrom                  string
	aa, exons, firstCoding int
	panel                  bool
}

var chromOrder = func() []string {
	var c []string
	for i := 1; i <= 22; i++ {
		c = append(c, "chr"+strconv.Itoa(i))
	}
	return append(c, "chrX")
}()

func parseSpecs(table string, panel map[string]bool) (map[string]geneSpec, error) {
	m := map[string]geneSpec{}
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 5 {
			return nil, fmt.Errorf("simulate: gene table line %q: want 5 fields", line)
		}
		var n [3]int
		for i := range n {
			v, err := strconv.Atoi(f[2+i])
			if err != nil {
				return nil, fmt.Errorf("simulate: gene table line %q: %v", line, err)
			}
			n[i] = v
		}
		m[f[0]] = geneSpec{name: f[0], chrom: "chr" + f[1], aa: n[0], exons: n[1], firstCoding: n[2], panel: panel[f[0]]}
	}
	return m, nil
}

// nameRand returns a generator seeded by a name, so that each gene's
// sequence does not depend on which other genes exist.
func nameRand(name string, salt uint64) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(genomeSeed^salt, h.Sum64()))
}

// generatedSpec draws facts for a panel gene the table does not list:
// a chromosome weighted by chromosome size, a protein length from a
// log-normal around 700 aa (300–3000), and about one coding exon per 60 aa.
func generatedSpec(name string) geneSpec {
	r := nameRand(name, 1)
	// hg19 chromosome lengths in Mb, as weights.
	sizes := []float64{249, 243, 198, 191, 181, 171, 159, 146, 141, 136, 135, 134, 115, 107, 103, 90, 81, 78, 59, 63, 48, 51, 155}
	total := 0.0
	for _, s := range sizes {
		total += s
	}
	x := r.Float64() * total
	ci := 0
	for ; ci < len(sizes)-1 && x >= sizes[ci]; ci++ {
		x -= sizes[ci]
	}
	aa := int(700 * expNorm(r, 0.55))
	aa = max(300, min(aa, 3000))
	exons := max(3, min(aa/60+r.IntN(5)-2, 60))
	return geneSpec{name: name, chrom: chromOrder[ci], aa: aa, exons: exons, firstCoding: 1 + r.IntN(2)}
}

// expNorm returns exp(sigma·Z) for a standard normal Z.
func expNorm(r *rand.Rand, sigma float64) float64 { return mathExp(sigma * r.NormFloat64()) }

func buildGenome() (*Genome, error) {
	panel := map[string]bool{}
	for _, g := range genes.TSO500() {
		panel[g] = true
	}
	known, err := parseSpecs(knownGenes, panel)
	if err != nil {
		return nil, err
	}
	partners, err := parseSpecs(partnerGenes, panel)
	if err != nil {
		return nil, err
	}
	var specs []geneSpec
	for _, name := range genes.TSO500() {
		s, ok := known[name]
		if !ok {
			s = generatedSpec(name)
		}
		s.panel = true
		specs = append(specs, s)
	}
	for name := range known {
		if !panel[name] {
			return nil, fmt.Errorf("simulate: gene table lists %s, which is not a TSO500 gene (list it among the partner genes)", name)
		}
	}
	for _, s := range partners {
		if panel[s.name] {
			return nil, fmt.Errorf("simulate: partner gene %s is a panel gene", s.name)
		}
		specs = append(specs, s)
	}
	sort.Slice(specs, func(i, j int) bool {
		ci, cj := chromIndex(specs[i].chrom), chromIndex(specs[j].chrom)
		if ci != cj {
			return ci < cj
		}
		return specs[i].name < specs[j].name
	})
	gn := &Genome{contig: map[string]*Contig{}, gene: map[string]*Gene{}}
	fs := map[string][]forcedSeq{}
	for _, f := range forced {
		fs[f.gene] = append(fs[f.gene], f)
	}
	for i, s := range specs {
		if chromIndex(s.chrom) < 0 {
			return nil, fmt.Errorf("simulate: gene %s on unknown chromosome %s", s.name, s.chrom)
		}
		g, err := buildGene(s, anchors[s.name], fs[s.name])
		if err != nil {
			return nil, err
		}
		id := fmt.Sprintf("9%010d", i+1)
		g.GeneID, g.Transcript, g.Protein = "ENSG"+id, "ENST"+id+".1", "ENSP"+id+".1"
		c := gn.contig[s.chrom]
		if c == nil {
			c = &Contig{Name: s.chrom}
			gn.contig[s.chrom] = c
			gn.Contigs = append(gn.Contigs, c)
			c.Seq = randomDNA(nameRand(s.chrom, 2), contigLeadIn, 0.41)
		}
		layoutGene(c, g)
		gn.Genes = append(gn.Genes, g)
		gn.gene[g.Name] = g
	}
	for _, c := range gn.Contigs {
		c.Seq = append(c.Seq, randomDNA(nameRand(c.Name, 3), contigLeadIn, 0.41)...)
		for _, g := range c.Genes {
			end := g.End()
			g.utr3 = append([]byte(nil), c.Seq[end:end+geneFlank]...)
		}
	}
	gn.placeSites()
	return gn, nil
}

var chromRank = func() map[string]int {
	m := map[string]int{}
	for i, n := range chromOrder {
		m[n] = i
	}
	return m
}()

// chromIndex is the contig's rank in karyotype order, -1 when unknown.
func chromIndex(c string) int {
	if i, ok := chromRank[c]; ok {
		return i
	}
	return -1
}

// buildGene draws the coding sequence and exon structure of one gene.
func buildGene(s geneSpec, anch []anchor, fseq []forcedSeq) (*Gene, error) {
	r := nameRand(s.name, 4)
	g := &Gene{Name: s.name, Chrom: s.chrom, Panel: s.panel, AA: s.aa, TotalExons: s.exons, FirstCoding: s.firstCoding}
	n := 3 * (s.aa + 1)
	k := s.exons - s.firstCoding + 1
	if k < 1 {
		return nil, fmt.Errorf("simulate: gene %s has no coding exon", s.name)
	}
	ends, err := exonEnds(n, k, s.firstCoding, anch)
	if err != nil {
		return nil, fmt.Errorf("simulate: gene %s: %v", s.name, err)
	}
	start := 1
	for j, e := range ends {
		g.Exons = append(g.Exons, Exon{Number: s.firstCoding + j, CDSStart: start, End: e}) // End holds the CDS end until layout
		start = e + 1
	}
	g.CDS = make([]byte, n)
	g.locked = make([]bool, n)
	for c := 0; c < s.aa; c++ {
		copy(g.CDS[3*c:], randomCodon(r))
	}
	copy(g.CDS, "ATG")
	copy(g.CDS[n-3:], []string{"TAA", "TAG", "TGA"}[r.IntN(3)])
	for i := 0; i < 3; i++ {
		g.locked[i], g.locked[n-3+i] = true, true
	}
	for _, f := range fseq {
		for i := 0; i < len(f.seq); i++ {
			p := f.start - 1 + i
			if p < 3 || p >= n-3 {
				return nil, fmt.Errorf("simulate: gene %s: forced sequence at c.%d outside the CDS", s.name, f.start)
			}
			g.CDS[p] = f.seq[i]
			g.locked[p] = true
		}
	}
	if s.panel {
		g.placeRepeats(r)
	}
	if err := g.fixStops(r); err != nil {
		return nil, err
	}
	g.prot = translate(g.CDS)
	return g, nil
}

// exonEnds splits a CDS of n bases into k coding exons, returning the CDS
// position of each exon's last base. Anchored codon ranges end up inside
// their exon; the other boundaries are spread evenly between anchors.
func exonEnds(n, k, first int, anch []anchor) ([]int, error) {
	type pin struct{ j, lo, hi int } // coding-exon index and CDS range it must hold
	pins := []pin{{0, 1, 3}}
	for _, a := range anch {
		j := a.exon - first
		if j < 0 || j >= k {
			return nil, fmt.Errorf("anchor exon %d outside coding exons %d..%d", a.exon, first, first+k-1)
		}
		pins = append(pins, pin{j, 3*a.from - 2, 3 * a.to})
	}
	pins = append(pins, pin{k - 1, n - 2, n})
	sort.SliceStable(pins, func(a, b int) bool { return pins[a].lo < pins[b].lo })
	ends := make([]int, k)
	ends[k-1] = n
	for i := 1; i < len(pins); i++ {
		a, b := pins[i-1], pins[i]
		if b.j < a.j || b.lo <= a.hi && b.j != a.j {
			return nil, fmt.Errorf("anchors out of order near codon %d", (b.lo+2)/3)
		}
		m := b.j - a.j
		if m == 0 {
			continue
		}
		gap := b.lo - 1 - a.hi
		if gap < 2*m {
			return nil, fmt.Errorf("no room for %d exon boundaries between c.%d and c.%d", m, a.hi, b.lo)
		}
		for t := 0; t < m; t++ {
			ends[a.j+t] = a.hi + (gap*(t+1))/(m+1)
		}
	}
	for j := 1; j < k; j++ {
		if ends[j] <= ends[j-1] {
			return nil, fmt.Errorf("empty exon %d", first+j)
		}
	}
	return ends, nil
}

// placeRepeats writes two repeat tracts (homopolymers of 6–9 bases, or
// dinucleotide repeats of 4–6 units) into coding exons of a panel gene, at
// codon starts, away from exon edges and from forced sequence.
func (g *Gene) placeRepeats(r *rand.Rand) {
	for tries := 0; len(g.repeats) < 2 && tries < 200; tries++ {
		var unit string
		var copies int
		if r.Float64() < 0.7 {
			unit = []string{"A", "T", "A", "T", "C", "G"}[r.IntN(6)]
			copies = 6 + r.IntN(4)
		} else {
			unit = []string{"CA", "AG", "TG", "CT", "GA", "AC"}[r.IntN(6)]
			copies = 4 + r.IntN(3)
		}
		length := len(unit) * copies
		e := g.Exons[r.IntN(len(g.Exons))]
		lo, hi := e.CDSStart+exonEdgeMargin+1, e.End-exonEdgeMargin-length-1
		if hi-lo < 3 {
			continue
		}
		start := lo + r.IntN(hi-lo)
		start -= (start - 1) % 3 // codon start
		if start < lo || start <= 3 {
			continue
		}
		// The flanking codons must be free: one base either side is set to
		// differ from the tract, and their other bases may need redrawing
		// to avoid a stop codon.
		ok := true
		for p := start - 3; p <= start+length+3 && p <= len(g.CDS); p++ {
			if g.locked[p-1] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for i := 0; i < length; i++ {
			g.CDS[start-1+i] = unit[i%len(unit)]
			g.locked[start-1+i] = true
		}
		// Flanks differ from the tract so that its length is exact.
		// A flank completing a codon with the tract must not make a stop
		// (TG TG TG TG + A would read TGA).
		before, after := start-2, start-1+length
		for {
			g.CDS[before] = otherBase(r, unit[len(unit)-1], unit[0])
			g.CDS[after] = otherBase(r, unit[0], unit[len(unit)-1])
			if cs := after / 3 * 3; cs != after-2 || !isStop(g.CDS[cs:cs+3]) {
				break
			}
		}
		g.locked[before], g.locked[after] = true, true
		g.repeats = append(g.repeats, repeatSite{cdsStart: start, unit: unit, copies: copies})
	}
}

func otherBase(r *rand.Rand, not1, not2 byte) byte {
	for {
		b := "ACGT"[r.IntN(4)]
		if b != not1 && b != not2 {
			return b
		}
	}
}

// fixStops redraws unlocked bases of in-frame stop codons inside the CDS.
func (g *Gene) fixStops(r *rand.Rand) error {
	n := len(g.CDS)
	for c := 3; c < n-3; c += 3 {
		for tries := 0; isStop(g.CDS[c : c+3]); tries++ {
			free := false
			for i := 0; i < 3; i++ {
				if !g.locked[c+i] {
					g.CDS[c+i] = "ACGT"[r.IntN(4)]
					free = true
				}
			}
			if !free || tries > 100 {
				return fmt.Errorf("simulate: gene %s: stop codon at c.%d cannot be removed", g.Name, c+1)
			}
		}
	}
	return nil
}

// layoutGene appends a gene (flanks, exons, introns with GT…AG splice
// sites) to a contig and fills in the exons' genomic coordinates.
func layoutGene(c *Contig, g *Gene) {
	r := nameRand(g.Name, 5)
	c.Seq = append(c.Seq, randomDNA(r, geneSpacer+geneFlank, 0.41)...)
	for j := range g.Exons {
		e := &g.Exons[j]
		if j > 0 {
			intron := randomDNA(r, intronMin+r.IntN(intronMax-intronMin+1), 0.38)
			copy(intron, "GT")
			copy(intron[len(intron)-2:], "AG")
			c.Seq = append(c.Seq, intron...)
		}
		cdsEnd := e.End
		e.Start = len(c.Seq) + 1
		c.Seq = append(c.Seq, g.CDS[e.CDSStart-1:cdsEnd]...)
		e.End = len(c.Seq)
	}
	c.Seq = append(c.Seq, randomDNA(r, geneFlank, 0.41)...)
	c.Genes = append(c.Genes, g)
}

// randomDNA returns n random bases with the given GC fraction, with an
// occasional short tandem repeat as in real intronic sequence.
func randomDNA(r *rand.Rand, n int, gc float64) []byte {
	b := make([]byte, n)
	for i := 0; i < n; i++ {
		if r.Float64() < 0.002 && i+12 < n {
			unit := []string{"CA", "TA", "A", "T", "GT", "AAT"}[r.IntN(6)]
			l := 8 + r.IntN(10)
			for k := 0; k < l && i < n; k++ {
				b[i] = unit[k%len(unit)]
				i++
			}
			i--
			continue
		}
		if r.Float64() < gc {
			b[i] = "GC"[r.IntN(2)]
		} else {
			b[i] = "AT"[r.IntN(2)]
		}
	}
	return b
}

// placeSites chooses the genome's fixed germline polymorphisms and the
// recurrent artifact sites, in coding exons of panel genes, away from
// hotspot contexts and repeat tracts.
func (gn *Genome) placeSites() {
	r := rand.New(rand.NewPCG(genomeSeed, 6))
	used := map[string]bool{}
	pick := func() (*Gene, int, bool) {
		g := gn.Genes[r.IntN(len(gn.Genes))]
		if !g.Panel {
			return nil, 0, false
		}
		c := 4 + r.IntN(len(g.CDS)-6)
		for d := -3; d <= 3; d++ {
			if c+d < 1 || c+d > len(g.CDS) || g.locked[c+d-1] {
				return nil, 0, false
			}
		}
		e := g.exonOfCDS(c)
		if c-e.CDSStart < exonEdgeMargin || e.CDSStart+e.Len()-1-c < exonEdgeMargin {
			return nil, 0, false
		}
		key := g.Name + ":" + strconv.Itoa(c/10)
		if used[key] {
			return nil, 0, false
		}
		used[key] = true
		return g, c, true
	}
	for len(gn.polymorphisms) < nPolymorphisms {
		g, c, ok := pick()
		if !ok {
			continue
		}
		// Common SNPs are mostly synonymous: prefer the third codon base.
		if r.Float64() < 0.7 {
			c += 2 - (c-1)%3
		}
		ref := g.CDS[c-1]
		alt := transitionOrOther(r, ref)
		if (c-1)/3 == 0 || c > len(g.CDS)-3 || createsStop(g, c, alt) {
			continue
		}
		// Allele frequencies: log-uniform between 1% and 60%.
		freq := 0.01 * mathExp(r.Float64()*mathLog(60))
		gn.polymorphisms = append(gn.polymorphisms, polymorphism{g.Name, g.genomic(c), ref, alt, freq})
	}
	for len(gn.noiseSites) < nNoiseSites {
		if g, c, ok := pick(); ok && !createsStop(g, c, 'T') {
			ref := g.CDS[c-1]
			gn.noiseSites = append(gn.noiseSites, siteAllele{g.Name, g.genomic(c), ref, transitionOrOther(r, ref)})
		}
	}
	for len(gn.blacklistSites) < nBlacklistSites {
		if g, c, ok := pick(); ok {
			ref := g.CDS[c-1]
			gn.blacklistSites = append(gn.blacklistSites, siteAllele{g.Name, g.genomic(c), ref, transitionOrOther(r, ref)})
		}
	}
	sort.Slice(gn.polymorphisms, func(i, j int) bool {
		return gn.polymorphisms[i].gene+":"+pad(gn.polymorphisms[i].pos) < gn.polymorphisms[j].gene+":"+pad(gn.polymorphisms[j].pos)
	})
}

func pad(n int) string { return fmt.Sprintf("%012d", n) }

const (
	nPolymorphisms  = 90 // common germline SNP sites (a real TSO500 sample has ~1,100; fewer keep files small)
	nNoiseSites     = 25 // recurrent plasma systematic-noise sites
	nBlacklistSites = 10 // recurrent tissue artifact sites (Pisces Blacklist)
)

// transitionOrOther returns the transition of b two times in three (the
// transition/transversion ratio of human SNPs is about 2), else a
// transversion.
func transitionOrOther(r *rand.Rand, b byte) byte {
	ts := map[byte]byte{'A': 'G', 'G': 'A', 'C': 'T', 'T': 'C'}
	if r.Float64() < 2.0/3 {
		return ts[b]
	}
	for {
		x := "ACGT"[r.IntN(4)]
		if x != b && x != ts[b] {
			return x
		}
	}
}

// createsStop reports whether changing CDS position c to alt makes a stop.
func createsStop(g *Gene, c int, alt byte) bool {
	cs := (c - 1) / 3 * 3
	codon := []byte{g.CDS[cs], g.CDS[cs+1], g.CDS[cs+2]}
	codon[(c-1)%3] = alt
	return isStop(codon)
}

// WriteFASTA writes the genome as FASTA with 60 bases a line and returns
// the matching .fai index text.
func (gn *Genome) WriteFASTA(w io.Writer) (fai []byte, err error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	var idx strings.Builder
	offset := int64(0)
	for _, c := range gn.Contigs {
		hdr := ">" + c.Name + " synthetic concord contig\n"
		bw.WriteString(hdr)
		offset += int64(len(hdr))
		fmt.Fprintf(&idx, "%s\t%d\t%d\t60\t61\n", c.Name, len(c.Seq), offset)
		for i := 0; i < len(c.Seq); i += 60 {
			j := min(i+60, len(c.Seq))
			bw.Write(c.Seq[i:j])
			bw.WriteByte('\n')
			offset += int64(j - i + 1)
		}
	}
	return []byte(idx.String()), bw.Flush()
}

// WritePanelBED writes one 0-based half-open interval per coding exon of
// each panel gene, with the gene symbol in the name column and the exon
// number in the fifth (score) column.
func (gn *Genome) WritePanelBED(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, c := range gn.Contigs {
		for _, g := range c.Genes {
			if !g.Panel {
				continue
			}
			for _, e := range g.Exons {
				fmt.Fprintf(bw, "%s\t%d\t%d\t%s\t%d\t+\n", c.Name, e.Start-1, e.End, g.Name, e.Number)
			}
		}
	}
	return bw.Flush()
}
