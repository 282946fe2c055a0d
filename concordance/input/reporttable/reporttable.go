// Package reporttable reads the report-level alteration table, for users
// who have only clinical reports: a TSV or CSV (the delimiter is sniffed
// from the header) with one row per alteration and the columns
//
//	patient_id   the patient (aliases: patient, patient id)
//	sample       tissue or plasma (aliases: side, sample_type; blood, cfDNA
//	             and ctDNA mean plasma)
//	gene         HGNC symbol (a fusion may give its pair in alteration)
//	alteration   what changed, as clinical reports write it, one of:
//	               an HGVS protein change: p.V600E, V600E, p.Val600Glu,
//	               p.(Val600Glu), p.(E746_A750del); a deletion-insertion
//	               written with '>' (L747_P753>S)
//	               a cDNA change: c.465-2A>T, "splice site 672+1G>A"
//	               an exon-level indel: "exon 19 deletion", "exon 20 insertion"
//	               amplification (amp, gain, copy number gain) or deletion
//	               (loss, homdel, deep deletion, copy number loss)
//	               fusion, optionally with its pair or partner: "EML4-ALK",
//	               "fusion EML4-ALK", "EML4::ALK fusion", "fusion with EML4";
//	               rearrangement (translocation): a fusion of the row's gene
//	               splice, optionally with exons: "splice exon 14",
//	               "exon 14 skipping", "splice 2-7"
//	               mutation (mutated, variant, truncation, frameshift,
//	               nonsense, promoter, "splice site"): a gene-level call
//	               none (no alteration, NA): the sample was tested and had
//	               nothing; the row is counted as not_reportable
//	             A trailing annotation in parentheses or brackets after a
//	             space ("T790M (VUS)", "G12C [likely pathogenic]") is dropped.
//	vaf          optional: a fraction in [0,1] or a percentage with % (12.5%)
//	depth        optional: reads at the site (aliases dp, total_depth)
//	alt_reads    optional: reads carrying the change (alt_depth, alt_count),
//	             at most depth; with depth they let the germline and CH
//	             rules run on such rows
//	class        optional: snv, mnv, indel, amplification, deletion, fusion,
//	             splice; it must agree with the alteration
//	copy_number  optional, copy-number rows only: the total copy number the
//	             report gives (aliases: cn, copies)
//	fold_change  optional, copy-number rows only: the fold change (fc)
//
// A row that is still unreadable does not stop the reading: every such row
// of the file is named in one error (concordance.RowErrors), so that a
// table typed from reports is fixed in one pass.
//
// Rows carry no genomic position, so small variants match at the protein
// tier (when allowed) or at gene level: the pipeline should say so.
//
// The table holds many patients: ReadAll reads it once and groups rows by
// (patient, side); Table.Use and CountUnused keep the ledger exact. Read is
// the CallReader for one patient's side (opt.Patient and opt.Side select the
// rows; opt.SampleID is not used).
package reporttable

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
	"github.com/concord-oncology/concord/concordance/hgvs"
	"github.com/concord-oncology/concord/concordance/internal/multisample"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// Table is a whole report table, read once. Its samples are keyed by Key.
type Table struct {
	multisample.Set
}

// Key is the sample id of a patient's side: "patient_id|tissue".
func Key(patient string, side concordance.Side) string { return patient + "|" + side.String() }

// Use returns a patient's calls on one side and counts their rows.
func (t *Table) Use(patient string, side concordance.Side, led *concordance.Ledger) (*concordance.SampleData, error) {
	sd, err := t.Set.Use(Key(patient, side), patient, side, led)
	if err != nil {
		return nil, fmt.Errorf("reporttable: patient %s has no %s rows in %s: %w", concordance.Quote(patient), side, t.Name, err)
	}
	return sd, nil
}

// Read is the CallReader for one patient's side of a report table; the
// other rows are counted as other_sample.
func Read(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	t, err := ReadAll(r, opt.File)
	if err != nil {
		return nil, err
	}
	sd, err := t.Use(opt.Patient, opt.Side, led)
	if err != nil {
		return nil, err
	}
	t.CountUnused(opt.Patient, opt.Side, led)
	return sd, nil
}

type columns struct {
	patient, sample, gene, alteration, vaf, class int
	depth, altReads, copyNumber, foldChange       int
}

// need is how many cells a row must have: up to the last required column
// (vaf and class are optional, and a hand-made table may drop them at the
// end of a row).
func (c columns) need() int { return max(c.patient, c.sample, c.gene, c.alteration) + 1 }

// ReadAll reads a whole report table.
func ReadAll(r io.Reader, file string) (*Table, error) {
	t := &Table{Set: multisample.Set{Name: file}}
	bad := &concordance.RowErrors{File: file}
	lines := table.NewLines(r)
	var c columns
	sep := ""
	for lines.NextRow() {
		if sep == "" {
			sep = ","
			if strings.Contains(lines.Text, "\t") {
				sep = "\t"
			}
			h := table.NewHeader(split(lines.Text, sep))
			c = columns{
				patient:    h.Col("patient_id", "patient", "patient id", "patientid"),
				sample:     h.Col("sample", "side", "sample_type", "sample type"),
				gene:       h.Col("gene", "gene_symbol", "hugo_symbol"),
				alteration: h.Col("alteration", "alteration_text", "variant", "change"),
				vaf:        h.Col("vaf", "af", "allele_frequency"),
				class:      h.Col("class", "alteration_class"),
				depth:      h.Col("depth", "dp", "total_depth", "read_depth", "coverage"),
				altReads:   h.Col("alt_reads", "alt_depth", "alt_count", "variant_reads", "supporting_reads"),
				copyNumber: h.Col("copy_number", "cn", "copies"),
				foldChange: h.Col("fold_change", "fc"),
			}
			var missing []string
			for name, i := range map[string]int{"patient_id": c.patient, "sample": c.sample, "gene": c.gene, "alteration": c.alteration} {
				if i < 0 {
					missing = append(missing, name)
				}
			}
			slices.Sort(missing) // the map above is in no order
			if len(missing) > 0 {
				return nil, &concordance.LineError{Line: lines.N, Err: fmt.Errorf("reporttable: header lacks %s (want patient_id, sample, gene, alteration[, vaf, class])", strings.Join(missing, ", "))}
			}
			continue
		}
		cells := split(lines.Text, sep)
		// A row concord cannot read is listed with every other one, so
		// that a table typed from clinical reports is fixed in one pass
		// (issue 11); the file is still refused.
		if len(cells) < c.need() {
			// A row cut short is not a row without an alteration (it was
			// counted as not_reportable).
			bad.Add(&concordance.LineError{Line: lines.N, Err: fmt.Errorf("reporttable: the row has %d fields: want at least %d, up to the last of patient_id, sample, gene and alteration", len(cells), c.need())})
			continue
		}
		if err := t.row(cells, c, lines.N); err != nil {
			bad.Add(&concordance.LineError{Line: lines.N, Err: err})
		}
	}
	if err := lines.Err(); err != nil {
		return nil, &concordance.LineError{Line: lines.N + 1, Err: fmt.Errorf("reporttable: %w", err)}
	}
	if sep == "" {
		return nil, &concordance.LineError{Line: lines.N, Err: errors.New("reporttable: no header row")}
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// split splits a row; CSV cells may be quoted ("EML4-ALK, variant 1").
func split(s, sep string) []string {
	if sep == "\t" || !strings.Contains(s, `"`) {
		return strings.Split(s, sep)
	}
	var out []string
	var b strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '"' && quoted && i+1 < len(s) && s[i+1] == '"':
			b.WriteByte('"')
			i++
		case ch == '"':
			quoted = !quoted
		case ch == ',' && !quoted:
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(ch)
		}
	}
	return append(out, b.String())
}

var (
	exonRe     = regexp.MustCompile(`(?i)\b(?:exons?|ex)\s*(\d+(?:\s*[-_]\s*\d+)?)`)
	bareExonRe = regexp.MustCompile(`^\d+(?:-\d+)?(?:/\d+)?$`)
)

func (t *Table) row(cells []string, c columns, line int) error {
	patient := table.Cell(cells, c.patient)
	if patient == "" {
		return errors.New("reporttable: empty patient_id")
	}
	side, err := concordance.ParseSide(table.Cell(cells, c.sample))
	if err != nil {
		return fmt.Errorf("reporttable: %w", err)
	}
	s := t.Get(Key(patient, side))
	gene := genes.Current(table.Cell(cells, c.gene))
	text := table.Cell(cells, c.alteration)
	low := strings.ToLower(text)
	switch low {
	case "none", "no alteration", "no alterations", "not detected", "negative", "wild type", "wildtype", "wt", "":
		s.Exclude(concordance.ReasonNotReportable, "no alteration reported")
		return nil
	}
	if table.Missing(text) {
		s.Exclude(concordance.ReasonNotReportable, "no alteration reported")
		return nil
	}
	a, err := alteration(gene, text)
	if err != nil {
		return err
	}
	if cl := table.Cell(cells, c.class); cl != "" && !table.Missing(cl) {
		want, err := concordance.ParseClass(cl)
		if err != nil {
			return fmt.Errorf("reporttable: %w", err)
		}
		switch {
		case a.Class == concordance.ClassUnknown && want.IsSmall():
			a.Class = want
		case a.Class.IsSmall() && want.IsSmall():
			a.Class = want // snv vs indel is the user's to say when there are no alleles
		case a.Class != want:
			return fmt.Errorf("reporttable: class %s does not fit alteration %s (%s)", concordance.Quote(cl), concordance.Quote(text), a.Class)
		}
	}
	call := concordance.NewCall(side, a, concordance.Source{File: t.Name, Line: line})
	if v := table.Cell(cells, c.vaf); v != "" {
		x, ok := table.Fraction(v)
		if !ok {
			return fmt.Errorf("reporttable: %w", table.BadValue("vaf", v, table.WantPercent))
		}
		call.VAF = x
	}
	for _, n := range []struct {
		col  int
		name string
		to   *int
	}{{c.depth, "depth", &call.Depth}, {c.altReads, "alt_reads", &call.AltReads}} {
		if v := table.Cell(cells, n.col); v != "" && !table.Missing(v) {
			x, ok := table.Int(v)
			if !ok {
				return fmt.Errorf("reporttable: %w", table.BadValue(n.name, v, table.WantCount))
			}
			*n.to = x
		}
	}
	if call.Depth >= 0 && call.AltReads > call.Depth {
		return fmt.Errorf("reporttable: alt_reads %d is more than depth %d", call.AltReads, call.Depth)
	}
	for _, f := range []struct {
		name string
		col  int
		to   *float64
	}{{"copy_number", c.copyNumber, &call.CopyNumber}, {"fold_change", c.foldChange, &call.FoldChange}} {
		v := table.Cell(cells, f.col)
		if table.Missing(v) {
			continue
		}
		x, ok := table.Size(v)
		switch {
		case !ok:
			return fmt.Errorf("reporttable: %w", table.BadValue(f.name, v, table.WantSize))
		case a.Class != concordance.Amplification && a.Class != concordance.Deletion:
			return fmt.Errorf("reporttable: %s %s on a %s row (want it on amplification or deletion rows only)", f.name, concordance.Quote(v), a.Class)
		}
		*f.to = x
	}
	s.Add(call, false)
	return nil
}

var (
	// annotationRe is a trailing annotation a report adds after the
	// change: "T790M (VUS)", "G12C [likely pathogenic]", "EML4-ALK (v3)".
	// A parenthesis right after the change is HGVS's "predicted"
	// (p.(Val600Glu)) and stays.
	annotationRe = regexp.MustCompile(`^(.*\S)\s+(?:\([^()]*\)|\[[^\[\]]*\])$`)
	// gtDelinsRe is a deletion-insertion written with '>' as some reports
	// do (EGFR L747_P753>S): the range or residue, then the new residues.
	gtDelinsRe = regexp.MustCompile(`^(p\.)?([A-Z](?:[a-z]{2})?\d+(?:_[A-Z](?:[a-z]{2})?\d+)?)>([A-Z*](?:[a-z]{2})?(?:[A-Z*](?:[a-z]{2})?)*)$`)
	// exonIndelRe is an exon-level indel: "exon 19 deletion", "exon 20
	// insertion", "ex19del", "exon 20 ins".
	exonIndelRe = regexp.MustCompile(`(?i)^(?:exon|ex)\s*(\d+)\s*(deletion|del|insertion|ins|duplication|dup|delins|indel)(?:\s+mutation)?$`)
	// cdnaRe is a cDNA change (c.465-2A>T, c.3082+1G>T, c.-124C>T) reported
	// instead of a protein change, often at a splice site.
	cdnaRe = regexp.MustCompile(`^c\.[-*]?\d+(?:[+-]\d+)?(?:_[-*]?\d+(?:[+-]\d+)?)?(?:[ACGT]+>[ACGT]+|del[ACGT]*|ins[ACGT]+|dup[ACGT]*|delins[ACGT]+)$`)
	// snvCDNARe is a cDNA substitution of one base.
	snvCDNARe = regexp.MustCompile(`\d[ACGT]>[ACGT]$`)
)

// geneLevelWords are report wordings that say a gene is altered without
// saying how: the call is a small variant of unknown class, matched at
// gene level.
var geneLevelWords = map[string]bool{
	"mutation": true, "mutated": true, "mutant": true, "variant": true, "snv": true, "indel": true,
	"truncation": true, "truncating": true, "truncating mutation": true, "frameshift": true,
	"nonsense": true, "loss of function": true, "loss-of-function": true, "promoter": true,
	"promoter mutation": true, "promoter variant": true,
}

// alteration reads the alteration text of a row.
func alteration(gene, text string) (concordance.Alteration, error) {
	text = strings.TrimSpace(text)
	var notes []string // the trailing annotations, last first
	for {
		m := annotationRe.FindStringSubmatch(text)
		if m == nil {
			break
		}
		notes = append(notes, strings.Trim(text[len(m[1]):], " \t()[]"))
		text = m[1]
	}
	low := strings.ToLower(text)
	needGene := func() error {
		if gene == "" {
			return fmt.Errorf("reporttable: alteration %s needs a gene", concordance.Quote(text))
		}
		return nil
	}
	switch low {
	case "amplification", "amp", "amplified", "gain", "copy number gain", "cn gain", "copy gain", "copy number amplification":
		return concordance.Alteration{Class: concordance.Amplification, Gene: gene}, needGene()
	case "deletion", "loss", "homdel", "deep deletion", "homozygous deletion", "copy number loss", "cn loss", "deleted", "copy loss", "gene deletion":
		return concordance.Alteration{Class: concordance.Deletion, Gene: gene}, needGene()
	case "splice site", "splice-site":
		// A splice-site variant (a small variant at an exon boundary), not
		// a splice event such as exon skipping.
		return concordance.Alteration{Class: concordance.ClassUnknown, Gene: gene}, needGene()
	case "rearrangement", "rearranged", "translocation", "structural variant":
		return concordance.Alteration{Class: concordance.Fusion, Gene: gene}, needGene()
	}
	if geneLevelWords[low] {
		return concordance.Alteration{Class: concordance.ClassUnknown, Gene: gene}, needGene()
	}
	if m := exonIndelRe.FindStringSubmatch(text); m != nil {
		// EGFR exon 19 deletion, ERBB2 exon 20 insertion: an indel known
		// by its exon only, matched at gene level; unless an annotation
		// gives its protein change ("exon 19 deletion (E746_A750del)").
		a := concordance.Alteration{Class: concordance.Indel, Gene: gene, Exons: m[1]}
		for _, n := range notes {
			if p, err := hgvs.Canonical(n); err == nil {
				a.Protein = p
				break
			}
		}
		return a, needGene()
	}
	if rest, ok := strings.CutPrefix(low, "splice site "); ok {
		// "splice site 672+1G>A" (Foundation Medicine's wording: a cDNA
		// change, its "c." left out) or "splice site c.465-2A>T".
		c := strings.TrimSpace(text[len(text)-len(rest):])
		if !strings.HasPrefix(c, "c.") {
			c = "c." + c
		}
		if cdnaRe.MatchString(c) {
			text = c
		}
	}
	if cdnaRe.MatchString(text) {
		// A cDNA change without a protein change (c.465-2A>T at a splice
		// site): no position to match on, so gene level.
		class := concordance.Indel
		if snvCDNARe.MatchString(text) {
			class = concordance.SNV
		}
		return concordance.Alteration{Class: class, Gene: gene}, needGene()
	}
	if m := gtDelinsRe.FindStringSubmatch(text); m != nil {
		// L747_P753>S is p.L747_P753delinsS; V600>E is p.V600E.
		if strings.Contains(m[2], "_") || len(m[3]) > 1 && m[3] != strings.ToUpper(m[3][:1])+strings.ToLower(m[3][1:]) {
			text = "p." + m[2] + "delins" + m[3]
		} else {
			text = "p." + m[2] + m[3]
		}
	}
	if strings.Contains(low, "splice") || strings.Contains(low, "skipping") {
		a := concordance.Alteration{Class: concordance.Splice, Gene: gene}
		if m := exonRe.FindStringSubmatch(text); m != nil {
			a.Exons = table.Exons(m[1])
		} else if rest := strings.TrimSpace(strings.TrimPrefix(low, "splice")); bareExonRe.MatchString(rest) {
			a.Exons = table.Exons(rest)
		}
		return a, needGene()
	}
	if strings.Contains(low, "fusion") || strings.Contains(text, "::") || strings.Contains(text, "--") || looksLikePair(gene, text) {
		return fusion(gene, text)
	}
	p, err := hgvs.Canonical(text)
	if errors.Is(err, hgvs.ErrBound) {
		return concordance.Alteration{}, fmt.Errorf("reporttable: alteration: %w", err)
	}
	if err != nil {
		return concordance.Alteration{}, fmt.Errorf("reporttable: alteration %s is not a protein change (p.V600E), amplification, deletion, fusion, splice or mutation", concordance.Quote(text))
	}
	ch, _ := hgvs.Parse(p)
	class := concordance.Indel
	if ch.Kind == hgvs.Substitution || ch.Kind == hgvs.Synonymous {
		class = concordance.SNV
	}
	return concordance.Alteration{Class: class, Gene: gene, Protein: p}, needGene()
}

// looksLikePair reports whether text is a bare gene pair such as EML4-ALK
// (it names the row's gene on one side of a '-').
func looksLikePair(gene, text string) bool {
	if gene == "" || !strings.Contains(text, "-") {
		return false
	}
	a, b, err := genes.SplitPair(text)
	if err != nil {
		return false
	}
	for _, g := range append(a, b...) {
		if g == gene {
			return true
		}
	}
	return false
}

var fusionWords = regexp.MustCompile(`(?i)\b(fusion|fusions|rearrangement|with|gene)\b`)

func fusion(gene, text string) (concordance.Alteration, error) {
	rest := text
	if i := strings.IndexAny(rest, ",("); i >= 0 {
		rest = rest[:i] // "EML4-ALK fusion, variant 1", "EML4-ALK (v3)"
	}
	rest = strings.TrimSpace(fusionWords.ReplaceAllString(rest, " "))
	rest = strings.Join(strings.Fields(rest), " ")
	if rest == "" {
		if gene == "" {
			return concordance.Alteration{}, fmt.Errorf("reporttable: fusion %s needs a gene", concordance.Quote(text))
		}
		return concordance.Alteration{Class: concordance.Fusion, Gene: gene}, nil
	}
	if !strings.ContainsAny(rest, " -:") {
		// "fusion with EML4": the partner of the row's gene.
		if gene == "" {
			return concordance.Alteration{}, fmt.Errorf("reporttable: fusion %s needs a gene", concordance.Quote(text))
		}
		return genes.Fusion(genes.Side{gene}, genes.Side{genes.Current(rest)}, false), nil
	}
	a, b, err := genes.SplitPair(strings.ReplaceAll(rest, " ", ""))
	if err != nil {
		return concordance.Alteration{}, fmt.Errorf("reporttable: %w", err)
	}
	if gene != "" {
		in := false
		for _, g := range append(append(genes.Side{}, a...), b...) {
			in = in || g == gene
		}
		if !in {
			return concordance.Alteration{}, fmt.Errorf("reporttable: fusion %s does not include the row's gene %s", concordance.Quote(text), concordance.Quote(gene))
		}
	}
	return genes.Fusion(a, b, true), nil // "EML4-ALK" is written 5′-3′
}
