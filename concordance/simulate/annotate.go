package simulate

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
)

// cdsEdit is a change to a gene's coding sequence: the delLen bases from
// CDS position pos (1-based) are replaced by ins. An insertion (delLen 0)
// goes before pos.
type cdsEdit struct {
	pos    int
	delLen int
	ins    string
}

// annotation is what VEP would report for a coding change on the
// canonical transcript.
type annotation struct {
	consequence string // Sequence Ontology term
	impact      string // VEP IMPACT
	exon        int    // exon number holding the change (0: none, an intronic change)
	intron      int    // intron number holding the change (0: none)
	hgvsc       string // c. notation, without the transcript
	hgvsp       string // p. notation with three-letter amino acids, without the protein id
	short       string // p. notation with one-letter amino acids (p.V600E)
}

// errNoAnnotation marks edits the model cannot describe (premature stop
// inside an in-frame indel, a change of the start or stop codon): the model
// draws another.
var errNoAnnotation = fmt.Errorf("simulate: edit not annotatable")

// applyFrom returns the CDS with the edit applied, from CDS position
// from (1-based, before the edit) to the end, followed by extra.
func (g *Gene) applyFrom(e cdsEdit, from int, extra []byte) []byte {
	out := make([]byte, 0, len(g.CDS)-from+1+len(e.ins)+len(extra))
	out = append(out, g.CDS[from-1:e.pos-1]...)
	out = append(out, e.ins...)
	out = append(out, g.CDS[e.pos-1+e.delLen:]...)
	return append(out, extra...)
}

// shift3 moves an indel to its 3'-most equivalent position inside its exon
// (the HGVS rule; VEP does the same).
func (g *Gene) shift3(e cdsEdit) cdsEdit {
	ex := g.exonOfCDS(max(e.pos-1, 1))
	exEnd := ex.CDSStart + ex.Len() - 1
	cds := g.CDS
	switch {
	case e.delLen > 0 && e.ins == "":
		for e.pos+e.delLen <= exEnd && cds[e.pos+e.delLen-1] == cds[e.pos-1] {
			e.pos++
		}
	case e.delLen == 0:
		ins := []byte(e.ins)
		for e.pos <= exEnd && cds[e.pos-1] == ins[0] {
			ins = append(ins[1:], ins[0])
			e.pos++
		}
		e.ins = string(ins)
	}
	return e
}

// annotate describes an edit as VEP would on the + strand transcript.
func (g *Gene) annotate(e cdsEdit) (annotation, error) {
	n := len(g.CDS)
	if e.pos <= 3 || e.pos-1+e.delLen > n-3 || e.pos > n-3 {
		return annotation{}, errNoAnnotation
	}
	frameshift := (len(e.ins)-e.delLen)%3 != 0
	indel := len(e.ins) != e.delLen
	if indel {
		e = g.shift3(e)
	}
	a := annotation{hgvsc: g.hgvsc(e, indel)}
	a.exon = g.exonOfCDS(max(e.pos, 1)).Number
	if e.delLen == 0 {
		a.exon = g.exonOfCDS(e.pos - 1).Number
	}
	var err error
	if frameshift {
		err = g.frameshift(e, &a)
	} else {
		err = g.inFrame(e, indel, &a)
	}
	if err != nil {
		return annotation{}, err
	}
	a.short = oneLetter(a.hgvsp)
	return a, nil
}

// hgvsc is the edit's HGVS coding-DNA notation (3'-shifted already).
func (g *Gene) hgvsc(e cdsEdit, indel bool) string {
	switch {
	case !indel && e.delLen == 1:
		return fmt.Sprintf("c.%d%c>%s", e.pos, g.CDS[e.pos-1], e.ins)
	case !indel:
		return fmt.Sprintf("c.%d_%ddelins%s", e.pos, e.pos+e.delLen-1, e.ins)
	case e.ins == "" && e.delLen == 1:
		return fmt.Sprintf("c.%ddel", e.pos)
	case e.ins == "":
		return fmt.Sprintf("c.%d_%ddel", e.pos, e.pos+e.delLen-1)
	case e.delLen == 0:
		l := len(e.ins)
		switch {
		case e.pos-1-l < 0 || string(g.CDS[e.pos-1-l:e.pos-1]) != e.ins:
			return fmt.Sprintf("c.%d_%dins%s", e.pos-1, e.pos, e.ins)
		case l == 1:
			return fmt.Sprintf("c.%ddup", e.pos-1)
		}
		return fmt.Sprintf("c.%d_%ddup", e.pos-l, e.pos-1)
	}
	return fmt.Sprintf("c.%d_%ddelins%s", e.pos, e.pos+e.delLen-1, e.ins)
}

// frameshift annotates a frameshift: the shifted frame is read from the
// first touched codon into the 3' UTR until a stop.
func (g *Gene) frameshift(e cdsEdit, a *annotation) error {
	c0 := (e.pos - 1) / 3 // first codon touched (0-based)
	tail := translate(g.applyFrom(e, 3*c0+1, g.utr3))
	p := c0
	for p-c0 < len(tail) && p < len(g.prot) && g.prot[p] == tail[p-c0] {
		p++
	}
	a.consequence, a.impact = "frameshift_variant", "HIGH"
	k := p - c0 // index in tail
	switch {
	case p >= len(g.prot)-1 || k >= len(tail):
		return errNoAnnotation
	case tail[k] == '*':
		a.hgvsp = fmt.Sprintf("p.%s%dTer", threeLetter[g.prot[p]], p+1)
	case tail[len(tail)-1] == '*':
		a.hgvsp = fmt.Sprintf("p.%s%d%sfsTer%d", threeLetter[g.prot[p]], p+1, threeLetter[tail[k]], len(tail)-k)
	default:
		a.hgvsp = fmt.Sprintf("p.%s%d%sfsTer?", threeLetter[g.prot[p]], p+1, threeLetter[tail[k]])
	}
	return nil
}

// inFrame annotates an in-frame change by comparing a window of codons
// around it (wide enough for the HGVS 3' rule on amino-acid repeats).
func (g *Gene) inFrame(e cdsEdit, indel bool, a *annotation) error {
	const margin = 40
	c0 := (e.pos - 1) / 3 // first codon touched (0-based)
	ws := max(0, c0-margin)
	we := min(len(g.prot), c0+e.delLen/3+margin+1)
	orig := g.prot[ws:we]
	diff := len(e.ins) - e.delLen
	mut := translateAll(g.applyFrom(e, 3*ws+1, nil)[:3*(we-ws)+diff])
	if bytes.Equal(orig, mut) {
		c := (e.pos-1)/3 + 1
		a.consequence, a.impact = "synonymous_variant", "LOW"
		a.hgvsp = fmt.Sprintf("p.%s%d=", threeLetter[g.prot[c-1]], c)
		return nil
	}
	p := 0
	for p < len(orig) && p < len(mut) && orig[p] == mut[p] {
		p++
	}
	if ws+p >= len(g.prot)-1 || p >= len(mut) {
		return errNoAnnotation // the stop codon changed
	}
	if i := bytes.IndexByte(mut, '*'); i >= 0 && ws+i < len(g.prot)-1+diff/3 {
		if indel || i != p || e.delLen > 3 {
			return errNoAnnotation // premature stop inside an in-frame change
		}
		a.consequence, a.impact = "stop_gained", "HIGH"
		a.hgvsp = fmt.Sprintf("p.%s%dTer", threeLetter[orig[p]], ws+p+1)
		return nil
	}
	s := 0
	for s < len(orig)-p && s < len(mut)-p && orig[len(orig)-1-s] == mut[len(mut)-1-s] {
		s++
	}
	return proteinChange(orig, mut[p:len(mut)-s], ws, p, len(orig)-s, a)
}

// proteinChange names the in-frame change of orig[p:end] into ins (orig
// starts at codon ws, 0-based): missense, deletion, insertion or
// duplication, deletion-insertion.
func proteinChange(orig, ins []byte, ws, p, end int, a *annotation) error {
	del := orig[p:end]
	aa := func(i int) string { return threeLetter[orig[i]] + strconv.Itoa(ws+i+1) }
	span := func() string { // the deleted residues
		if len(del) == 1 {
			return aa(p)
		}
		return aa(p) + "_" + aa(p+len(del)-1)
	}
	switch {
	case len(del) == 1 && len(ins) == 1:
		a.consequence, a.impact = "missense_variant", "MODERATE"
		a.hgvsp = "p." + aa(p) + threeLetter[ins[0]]
		return nil
	case len(ins) == 0:
		a.consequence, a.impact = "inframe_deletion", "MODERATE"
		a.hgvsp = "p." + span() + "del"
		return nil
	case len(del) == 0:
		a.consequence, a.impact = "inframe_insertion", "MODERATE"
		l := len(ins)
		switch {
		case p >= l && bytes.Equal(orig[p-l:p], ins) && l == 1:
			a.hgvsp = "p." + aa(p-1) + "dup"
		case p >= l && bytes.Equal(orig[p-l:p], ins):
			a.hgvsp = "p." + aa(p-l) + "_" + aa(p-1) + "dup"
		case p == 0:
			return errNoAnnotation
		default:
			a.hgvsp = "p." + aa(p-1) + "_" + aa(p) + "ins" + threeLetters(ins)
		}
		return nil
	case len(ins) == len(del):
		a.consequence, a.impact = "missense_variant", "MODERATE"
	case len(ins) < len(del):
		a.consequence, a.impact = "inframe_deletion", "MODERATE"
	default:
		a.consequence, a.impact = "inframe_insertion", "MODERATE"
	}
	a.hgvsp = "p." + span() + "delins" + threeLetters(ins)
	return nil
}

func threeLetters(aas []byte) string {
	var b strings.Builder
	for _, x := range aas {
		b.WriteString(threeLetter[x])
	}
	return b.String()
}

var oneOf = func() map[string]byte {
	m := map[string]byte{}
	for k, v := range threeLetter {
		m[v] = k
	}
	return m
}()

// oneLetter converts a three-letter HGVS protein change to the one-letter
// short form (p.Val600Glu → p.V600E, p.Gly646TrpfsTer12 → p.G646Wfs*12).
func oneLetter(h string) string {
	var b strings.Builder
	for i := 0; i < len(h); {
		if i+3 <= len(h) && h[i] >= 'A' && h[i] <= 'Z' {
			if x, ok := oneOf[h[i:i+3]]; ok {
				b.WriteByte(x)
				i += 3
				continue
			}
		}
		b.WriteByte(h[i])
		i++
	}
	return b.String()
}

// vcfVariant returns the edit as a VCF-style variant (indels with their
// anchor base), not yet normalised.
func (g *Gene) vcfVariant(e cdsEdit) concordance.Variant {
	switch {
	case e.delLen == len(e.ins):
		return concordance.Variant{Chrom: g.Chrom, Pos: g.genomic(e.pos), Ref: string(g.CDS[e.pos-1 : e.pos-1+e.delLen]), Alt: e.ins}
	default:
		anchor := g.CDS[e.pos-2]
		return concordance.Variant{
			Chrom: g.Chrom,
			Pos:   g.genomic(e.pos - 1),
			Ref:   string(anchor) + string(g.CDS[e.pos-1:e.pos-1+e.delLen]),
			Alt:   string(anchor) + e.ins,
		}
	}
}

// normalize trims and left-aligns a variant against the genome, as
// bcftools norm does (Tan et al. 2015). It is deliberately independent of
// package normalize: the truth table it produces is what checks that
// package (and the rest of concord run) end to end.
func (gn *Genome) normalize(v concordance.Variant) concordance.Variant {
	seq := gn.contig[v.Chrom].Seq
	ref, alt, pos := []byte(v.Ref), []byte(v.Alt), v.Pos
	for {
		changed := false
		if len(ref) > 0 && len(alt) > 0 && ref[len(ref)-1] == alt[len(alt)-1] && (len(ref) > 1 || len(alt) > 1) {
			ref, alt = ref[:len(ref)-1], alt[:len(alt)-1]
			changed = true
		}
		if (len(ref) == 0 || len(alt) == 0) && pos > 1 {
			pos--
			b := seq[pos-1]
			ref = append([]byte{b}, ref...)
			alt = append([]byte{b}, alt...)
			changed = true
		}
		if !changed {
			break
		}
	}
	for len(ref) >= 2 && len(alt) >= 2 && ref[0] == alt[0] {
		ref, alt = ref[1:], alt[1:]
		pos++
	}
	return concordance.Variant{Chrom: v.Chrom, Pos: pos, Ref: string(ref), Alt: string(alt)}
}

// rightShift writes a normalised indel at its right-most equivalent
// position in the genome (how some callers write repeat indels).
func (gn *Genome) rightShift(v concordance.Variant) concordance.Variant {
	seq := gn.contig[v.Chrom].Seq
	if len(v.Ref) == len(v.Alt) || len(v.Ref) > 1 && len(v.Alt) > 1 {
		return v
	}
	if len(v.Ref) > 1 { // deletion of v.Ref[1:] after the anchor
		s, k := v.Pos+1, len(v.Ref)-1 // first deleted base, length
		for s+k <= len(seq) && seq[s+k-1] == seq[s-1] {
			s++
		}
		return concordance.Variant{Chrom: v.Chrom, Pos: s - 1, Ref: string(seq[s-2 : s-1+k]), Alt: string(seq[s-2])}
	}
	a, ins := v.Pos, []byte(v.Alt[1:])
	for a < len(seq) && seq[a] == ins[0] {
		ins = append(ins[1:], ins[0])
		a++
	}
	return concordance.Variant{Chrom: v.Chrom, Pos: a, Ref: string(seq[a-1]), Alt: string(seq[a-1]) + string(ins)}
}

// padRight extends both alleles with the next n reference bases (a
// representation some pipelines emit for complex or repeat indels).
func (gn *Genome) padRight(v concordance.Variant, n int) concordance.Variant {
	seq := gn.contig[v.Chrom].Seq
	end := v.Pos + len(v.Ref) - 1
	ctx := string(seq[end : end+n])
	return concordance.Variant{Chrom: v.Chrom, Pos: v.Pos, Ref: v.Ref + ctx, Alt: v.Alt + ctx}
}
