package scope

import (
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/hgvs"
)

// Verdict is what a call's annotation says about the Coding scope.
type Verdict uint8

const (
	CodingUnknown Verdict = iota // no annotation that decides
	InCoding                     // protein-altering, splice site, copy number, fusion, splice event
	NotCoding                    // synonymous, intronic, UTR, flanking, intergenic, non-coding transcript
)

// terms spells the consequences concord knows, lower-cased: Sequence
// Ontology terms as VEP and snpEff write them, and MAF
// Variant_Classification values. A term not listed decides nothing.
//
// In: VEP's HIGH and MODERATE impact terms (transcript_ablation,
// splice_acceptor/donor_variant, stop_gained, frameshift_variant,
// stop_lost, start_lost, transcript_amplification, inframe_insertion/
// deletion, missense_variant, protein_altering_variant), snpEff's
// spellings of the same changes (exon_loss_variant, conservative/
// disruptive_inframe_*, gene_fusion, rare_amino_acid_variant), VEP's
// coding_sequence_variant and incomplete_terminal_codon_variant (a change
// in the coding sequence whose effect VEP cannot name), and the MAF
// classes vcf2maf derives from them.
//
// Out: VEP's LOW and MODIFIER terms, among them splice_region_variant
// (3–8 bases into the intron or 1–3 into the exon: not a splice site) and
// its finer VEP 105 terms, synonymous, stop/start retained, UTR, intron,
// up/downstream, intergenic, non-coding transcript, regulatory and NMD
// terms; and the MAF classes cBioPortal filters on import (Silent, Intron,
// 3'UTR, 3'Flank, 5'UTR, 5'Flank, IGR, RNA) plus Splice_Region and the
// de novo start classes (5'UTR changes).
var terms = map[string]Verdict{
	// Sequence Ontology (VEP, snpEff), in.
	"transcript_ablation": InCoding, "splice_acceptor_variant": InCoding, "splice_donor_variant": InCoding,
	"stop_gained": InCoding, "frameshift_variant": InCoding, "stop_lost": InCoding, "start_lost": InCoding,
	"transcript_amplification": InCoding, "inframe_insertion": InCoding, "inframe_deletion": InCoding,
	"missense_variant": InCoding, "protein_altering_variant": InCoding, "coding_sequence_variant": InCoding,
	"incomplete_terminal_codon_variant": InCoding, "exon_loss_variant": InCoding,
	"conservative_inframe_insertion": InCoding, "conservative_inframe_deletion": InCoding,
	"disruptive_inframe_insertion": InCoding, "disruptive_inframe_deletion": InCoding,
	"gene_fusion": InCoding, "bidirectional_gene_fusion": InCoding, "rare_amino_acid_variant": InCoding,
	"feature_ablation": InCoding,
	// Sequence Ontology, out.
	"splice_region_variant": NotCoding, "splice_donor_5th_base_variant": NotCoding, "splice_donor_region_variant": NotCoding,
	"splice_polypyrimidine_tract_variant": NotCoding, "synonymous_variant": NotCoding, "stop_retained_variant": NotCoding,
	"start_retained_variant": NotCoding, "initiator_codon_variant": NotCoding,
	"5_prime_utr_variant": NotCoding, "3_prime_utr_variant": NotCoding, "5_prime_utr_premature_start_codon_gain_variant": NotCoding,
	"intron_variant": NotCoding, "upstream_gene_variant": NotCoding, "downstream_gene_variant": NotCoding,
	"intergenic_variant": NotCoding, "intergenic_region": NotCoding, "intragenic_variant": NotCoding,
	"non_coding_transcript_exon_variant": NotCoding, "non_coding_transcript_variant": NotCoding,
	"non_coding_exon_variant": NotCoding, "nc_transcript_variant": NotCoding, "mature_mirna_variant": NotCoding,
	"nmd_transcript_variant": NotCoding, "regulatory_region_variant": NotCoding, "regulatory_region_ablation": NotCoding,
	"regulatory_region_amplification": NotCoding, "tf_binding_site_variant": NotCoding, "tfbs_ablation": NotCoding,
	"tfbs_amplification": NotCoding, "feature_elongation": NotCoding, "feature_truncation": NotCoding,
	"sequence_feature": NotCoding, "exon_variant": NotCoding, "conserved_intergenic_variant": NotCoding,
	"conserved_intron_variant": NotCoding,
	// MAF Variant_Classification, in.
	"frame_shift_del": InCoding, "frame_shift_ins": InCoding, "in_frame_del": InCoding, "in_frame_ins": InCoding,
	"missense_mutation": InCoding, "nonsense_mutation": InCoding, "nonstop_mutation": InCoding,
	"splice_site": InCoding, "translation_start_site": InCoding,
	// MAF Variant_Classification, out.
	"silent": NotCoding, "intron": NotCoding, "3'utr": NotCoding, "3'flank": NotCoding, "5'utr": NotCoding,
	"5'flank": NotCoding, "igr": NotCoding, "rna": NotCoding, "splice_region": NotCoding,
	"de_novo_start_inframe": NotCoding, "de_novo_start_outofframe": NotCoding,
}

// promoterTerms are the consequences of a TERT promoter mutation (C228T,
// C250T: upstream of the transcript, VEP's upstream_gene_variant, MAF's
// 5'Flank): cBioPortal keeps TERT promoter mutations on import although it
// filters 5'Flank calls, and clinical reports list them, so Coding counts
// them. TERT's 5′ UTR is not the promoter and stays out.
var promoterTerms = map[string]bool{"upstream_gene_variant": true, "5'flank": true}

// ConsequenceCoding reads a consequence annotation: one term or a list
// joined by '&' (VEP, snpEff), ',' or ';' (TSO500 CVO, MAF Consequence).
// A list is in when any of its terms is in (VEP writes the transcript's
// terms together: missense_variant&splice_region_variant), out when every
// term it knows is out, unknown when it knows none.
func ConsequenceCoding(s string) Verdict {
	out := CodingUnknown
	for _, t := range termList(s) {
		switch terms[t] {
		case InCoding:
			return InCoding
		case NotCoding:
			out = NotCoding
		}
	}
	return out
}

// CallCoding decides whether a call is in the Coding scope. Copy-number
// changes, fusions and splice events are; a small variant (or a call whose
// class its input did not say) is decided by its consequence, else by its
// protein change (a synonymous p.V600= is out, any other change in), else
// it is unknown. A TERT call upstream of the transcript is in (the
// promoter hotspots).
func CallCoding(c *concordance.Call) Verdict {
	switch c.Class {
	case concordance.Amplification, concordance.Deletion, concordance.Fusion, concordance.Splice:
		return InCoding
	}
	if k := ConsequenceCoding(c.Consequence); k != CodingUnknown {
		if k == NotCoding && c.Gene == "TERT" && anyTerm(c.Consequence, promoterTerms) {
			return InCoding
		}
		return k
	}
	if c.Protein == "" {
		return CodingUnknown
	}
	ch, err := hgvs.Parse(c.Protein)
	switch {
	case err != nil:
		return CodingUnknown
	case ch.Kind == hgvs.Synonymous:
		return NotCoding
	case ch.Kind == hgvs.NoChange:
		// p.= is no change, p.? and p.0 unknown or no protein: only p.=
		// decides.
		if ch.Raw == "p.=" {
			return NotCoding
		}
		return CodingUnknown
	}
	return InCoding
}

// termList splits a consequence annotation into lower-cased terms.
func termList(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '&' || r == ',' || r == ';' || r == '|' || r == ' ' })
}

func anyTerm(s string, set map[string]bool) bool {
	for _, t := range termList(s) {
		if set[t] {
			return true
		}
	}
	return false
}
