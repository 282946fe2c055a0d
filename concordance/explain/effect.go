package explain

import (
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/hgvs"
)

// Kind is the protein-level effect of a small variant, as CH and
// actionability rules distinguish it.
type Kind uint8

const (
	KindUnknown Kind = iota
	Truncating       // nonsense, frameshift, canonical splice site, start lost
	Missense         // one residue replaced by another
	Inframe          // in-frame deletion, insertion, duplication or deletion–insertion
	Synonymous       // no protein change
	OtherEffect      // anything else (UTR, intronic, stop lost, ...)
)

var kindNames = [...]string{"unknown", "truncating", "missense", "inframe", "synonymous", "other"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Effect is what a small variant does to its protein: the kind, the
// residues it changes (Start..End, 1-based; 0 when unknown), the exon(s)
// it lies in (VEP's EXON field, "15/18" or "11-12/23"), and the parsed
// protein change when the annotation carried one.
type Effect struct {
	Kind       Kind
	Start, End int
	Exons      []int
	Change     hgvs.Change
	HasChange  bool
}

// InExons reports whether the variant lies in one of the exons.
func (e Effect) InExons(exons ...int) bool {
	for _, x := range e.Exons {
		for _, y := range exons {
			if x == y {
				return true
			}
		}
	}
	return false
}

// Overlaps reports whether the changed residues overlap [from, to].
func (e Effect) Overlaps(from, to int) bool {
	return e.Start > 0 && e.Start <= to && max(e.End, e.Start) >= from
}

// Sequence Ontology terms (as VEP writes them) by the kind they imply. A
// consequence list ("stop_gained&splice_region_variant") takes the most
// severe kind it names, in the order truncating, inframe, missense,
// synonymous.
var soKinds = map[string]Kind{
	"stop_gained": Truncating, "frameshift_variant": Truncating, "splice_acceptor_variant": Truncating,
	"splice_donor_variant": Truncating, "start_lost": Truncating, "transcript_ablation": Truncating,
	// MAF Variant_Classification spellings, which some callers write.
	"nonsense_mutation": Truncating, "frame_shift_del": Truncating, "frame_shift_ins": Truncating,
	"splice_site": Truncating, "translation_start_site": Truncating,
	"inframe_deletion": Inframe, "inframe_insertion": Inframe, "disruptive_inframe_deletion": Inframe,
	"disruptive_inframe_insertion": Inframe, "protein_altering_variant": Inframe,
	"in_frame_del": Inframe, "in_frame_ins": Inframe,
	"missense_variant": Missense, "missense_mutation": Missense,
	"synonymous_variant": Synonymous, "silent": Synonymous, "stop_retained_variant": Synonymous,
}

var kindRank = map[Kind]int{Truncating: 4, Inframe: 3, Missense: 2, Synonymous: 1}

// EffectOf reads the effect of a small variant from its annotation: the
// protein change (canonical one-letter HGVS, parsed by package hgvs) when
// present, else the consequence terms; the exon from Call.Exon.
func EffectOf(c *concordance.Call) Effect {
	e := Effect{Exons: parseExons(c.Exon)}
	if c.Protein != "" {
		if ch, err := hgvs.Parse(c.Protein); err == nil {
			e.Change, e.HasChange = ch, true
			e.Start, e.End = ch.Start, ch.End
			if e.End < e.Start {
				e.End = e.Start
			}
			switch ch.Kind {
			case hgvs.Substitution:
				switch {
				case ch.Alt == "*":
					e.Kind = Truncating
				case ch.First == hgvs.Stop:
					e.Kind = OtherEffect // stop lost
				default:
					e.Kind = Missense
				}
			case hgvs.Frameshift, hgvs.StartLoss:
				e.Kind = Truncating
			case hgvs.Synonymous:
				e.Kind = Synonymous
			case hgvs.Deletion, hgvs.Duplication, hgvs.Insertion, hgvs.DelIns:
				e.Kind = Inframe
				if strings.HasSuffix(ch.Alt, "*") {
					e.Kind = Truncating // p.E746_T751delins* stops the protein
				}
			case hgvs.SpliceSite:
				e.Kind = Truncating
			case hgvs.Extension:
				e.Kind = OtherEffect
			}
		}
	}
	if k := consequenceKind(c.Consequence); k != KindUnknown && (e.Kind == KindUnknown || k == Truncating && e.Kind != Truncating) {
		// A canonical splice-site change may carry a missense or
		// synonymous protein change as well: the splice effect wins.
		e.Kind = k
	}
	return e
}

func consequenceKind(s string) Kind {
	best := KindUnknown
	for _, t := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '&' || r == ',' || r == ';' || r == '|' }) {
		k, ok := soKinds[strings.TrimSpace(t)]
		if !ok {
			if best == KindUnknown {
				best = OtherEffect
			}
			continue
		}
		if kindRank[k] > kindRank[best] {
			best = k
		}
	}
	return best
}

// parseExons reads VEP's EXON field: "15/18" → [15], "11-12/23" → [11 12].
func parseExons(s string) []int {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "/")
	if s == "" {
		return nil
	}
	lo, hi, rng := strings.Cut(s, "-")
	a, err := strconv.Atoi(lo)
	if err != nil {
		return nil
	}
	if !rng {
		return []int{a}
	}
	b, err := strconv.Atoi(hi)
	if err != nil || b < a || b-a > 100 {
		return []int{a}
	}
	out := make([]int, 0, b-a+1)
	for x := a; x <= b; x++ {
		out = append(out, x)
	}
	return out
}
