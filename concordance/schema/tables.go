package schema

import "sync"

// Files of a results folder.
const (
	AlterationsFile   = "alterations.tsv"
	PatientsFile      = "patients.tsv"
	LedgerFile        = "ledger.tsv"
	StrataFile        = "strata.tsv"
	PatientStrataFile = "patient_strata.tsv"
	ModelsFile        = "models.tsv"
	ReasonsFile       = "reasons.tsv"
	PowerFile         = "power.tsv"
	BloodAloneFile    = "blood_alone.tsv"
	CountsFile        = "counts.tsv"
	ProvenanceFile    = "provenance.tsv"
	PairsFile         = "pairs.tsv"
	SummaryFile       = "summary.json"
	ReadmeFile        = "README.md"
	ReportFile        = "report.html"
	FiguresDir        = "figures"
	// PartialFile holds the run's per-patient results in the compact form
	// that `concord merge` and `run --add-to` read (package partial).
	PartialFile = "partial.bin.gz"
	// Gzip is the suffix of a table written gzip-compressed (`concord run
	// --compress` writes alterations.tsv so); readers take either.
	Gzip = ".gz"
)

// Kind is what a column's cells hold. Every kind writes "." for a missing
// or undefined value.
type Kind uint8

const (
	Text    Kind = iota // free text
	Enum                // one of Column.Values
	List                // comma-separated Column.Values (flags)
	Count               // a non-negative whole number
	Integer             // a whole number, negative allowed (days_between)
	Number              // a decimal number with Column.Decimals decimals
	PValue              // a p- or q-value with four significant digits
	Sources             // file:line of the calls, ";" between several
	Bool                // true or false
)

var kindNames = [...]string{"text", "enum", "list", "count", "integer", "number", "p-value", "sources", "boolean"}

func (k Kind) String() string { return kindNames[k] }

// TypeCode is the type a data-frame reader should give a column of this
// kind, as a letter of readr's compact col_types: 'c' text, 'i' a whole
// number, 'd' a decimal, 'l' a logical. docs/loading.md maps the letters
// to data.table's, pandas' and DuckDB's types.
func (k Kind) TypeCode() byte {
	switch k {
	case Count, Integer:
		return 'i'
	case Number, PValue:
		return 'd'
	case Bool:
		return 'l'
	}
	return 'c'
}

// TypeCodes are the table's columns' TypeCode, in order: readr's
// col_types for the table.
func (t *Table) TypeCodes() string {
	b := make([]byte, len(t.Columns))
	for i, c := range t.Columns {
		b[i] = c.Kind.TypeCode()
	}
	return string(b)
}

// Column is one column of a table.
type Column struct {
	Name     string
	Kind     Kind
	Decimals int      // Number: decimals written
	Values   []string // Enum and List: the values allowed
	// Required columns are those every results folder has had since the
	// table was introduced: a reader refuses a table without them and
	// reads the others when present.
	Required bool
	Doc      string // one line; docs/outputs.md says more
}

// Table is one tab-separated table of a results folder.
type Table struct {
	File    string
	Row     string // what one row is
	Columns []Column
	// Sometimes is set on a table only some runs write (pairs.tsv: a
	// --cbioportal run's only), so that its absence is not reported as a
	// table missing from a results folder.
	Sometimes bool

	once  sync.Once
	index map[string]int
}

// Names returns the header row.
func (t *Table) Names() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// Required returns the names of the required columns.
func (t *Table) Required() []string {
	var out []string
	for _, c := range t.Columns {
		if c.Required {
			out = append(out, c.Name)
		}
	}
	return out
}

// Column returns the column of a name.
func (t *Table) Column(name string) (Column, bool) {
	t.once.Do(func() {
		t.index = make(map[string]int, len(t.Columns))
		for i, c := range t.Columns {
			t.index[c.Name] = i
		}
	})
	i, ok := t.index[name]
	if !ok {
		return Column{}, false
	}
	return t.Columns[i], true
}

func text(name, doc string) Column { return Column{Name: name, Kind: Text, Doc: doc} }
func enum(name string, values []string, doc string) Column {
	return Column{Name: name, Kind: Enum, Values: values, Doc: doc}
}
func count(name, doc string) Column { return Column{Name: name, Kind: Count, Doc: doc} }
func number(name string, decimals int, doc string) Column {
	return Column{Name: name, Kind: Number, Decimals: decimals, Doc: doc}
}
func pvalue(name, doc string) Column  { return Column{Name: name, Kind: PValue, Doc: doc} }
func boolean(name, doc string) Column { return Column{Name: name, Kind: Bool, Doc: doc} }

// required marks the columns of c required.
func required(c ...Column) []Column {
	for i := range c {
		c[i].Required = true
	}
	return c
}

func columns(parts ...[]Column) []Column {
	var out []Column
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// interval4 is a proportion's low and high limits with four decimals.
func interval4(prefix, what string) []Column {
	return []Column{number(prefix+"_low", 4, "lower limit of the "+what), number(prefix+"_high", 4, "upper limit of the "+what)}
}

// AlterationsTSV is alterations.tsv: one row per patient × alteration.
var AlterationsTSV = &Table{File: AlterationsFile, Row: "patient × alteration", Columns: columns(
	required(text("patient_id", "the sheet's patient id"), text("cancer_type", "the sheet's cancer type")),
	[]Column{text("oncotree_code", "the sheet's OncoTree code")},
	required(text("stage", "stage 0, I-IV"), enum("class", Classes, "alteration class"), text("gene", "gene symbol (the driver partner of a fusion)")),
	[]Column{
		text("chrom", "contig of a small variant"), count("pos", "1-based position of a small variant, normalised"),
		text("ref", "reference allele ('-' when empty)"), text("alt", "alternate allele ('-' when empty)"),
		text("protein", "HGVS protein change"), text("partner", "the other gene of a fusion"),
		text("gene_5p", "a fusion's 5′ partner as the source gives it"), text("gene_3p", "a fusion's 3′ partner as the source gives it"),
		text("exons", "exons of a splice event, a copy-number change or an exon-level indel (\"exon 19 deletion\")"),
	},
	required(enum("tissue_status", Statuses, "status in the tissue"), enum("plasma_status", Statuses, "status in the plasma"),
		enum("category", Categories, "concordance category"), enum("match_tier", Tiers, "how a shared alteration matched"),
		number("tissue_vaf", 4, "tissue variant allele fraction"), number("plasma_vaf", 4, "plasma variant allele fraction")),
	[]Column{
		count("tissue_depth", "tissue depth at the site"), count("plasma_depth", "plasma depth at the site"),
		count("tissue_alt_reads", "tissue reads carrying the allele"), count("plasma_alt_reads", "plasma reads carrying the allele"),
		enum("tissue_evidence", EvidenceSources, "where the tissue was looked up without a call"),
		enum("plasma_evidence", EvidenceSources, "where the plasma was looked up without a call"),
		number("tissue_fold_change", 2, "tissue copy-number fold change or copy ratio as the caller wrote it"),
		number("plasma_fold_change", 2, "plasma copy-number fold change or copy ratio as the caller wrote it"),
		number("tissue_copy_number", 1, "tissue total copy number as the input gives it"),
		number("plasma_copy_number", 1, "plasma total copy number as the input gives it"),
	},
	required(Column{Name: "flags", Kind: List, Values: Flags, Doc: "annotations that never change the category"},
		enum("reason", AlterationReasons(), "why an alteration called on one side only is discordant, or out_of_scope")),
	[]Column{
		text("consequence", "the caller's consequence annotation"), text("exon", "the caller's exon annotation"),
		{Name: "tissue_source", Kind: Sources, Doc: "file:line of the tissue calls"},
		{Name: "plasma_source", Kind: Sources, Doc: "file:line of the plasma calls"},
		enum("excluded", Exclusions, "the --exclude option that took the row out of the counts"),
		number("expected_vaf", 5, "VAF expected on the judged side"),
		number("detection_power", 4, "probability that the judged side's caller reports it"),
		enum("wbc_status", WBCStatuses, "what the matched white-blood-cell sample shows at a plasma call's site"),
		count("wbc_alt_reads", "white-blood-cell reads carrying the allele"), count("wbc_depth", "white-blood-cell depth at the site"),
		enum("wbc_evidence", WBCEvidenceSources, "where the white-blood-cell counts came from"),
		number("ch_probability", 3, "probability of clonal haematopoiesis by the rules, without conclusive WBC evidence"),
	},
)}

// PatientsTSV is patients.tsv: one row per patient.
var PatientsTSV = &Table{File: PatientsFile, Row: "patient", Columns: columns(
	required(text("patient_id", "the sheet's patient id"), text("cancer_type", "the sheet's cancer type")),
	[]Column{text("oncotree_code", "the sheet's OncoTree code")},
	required(text("stage", "stage 0, I-IV"), number("tumor_fraction", 4, "ctDNA tumour fraction used for strata")),
	[]Column{enum("tumor_fraction_source", TumorFractionSources, "where the tumour fraction came from")},
	required(enum("tf_tier", TFTierLevels, "tumour-fraction tier")),
	[]Column{
		{Name: "days_between", Kind: Integer, Doc: "plasma minus tissue collection day"},
		count("tissue_calls", "tissue calls after filters"), count("plasma_calls", "plasma calls after filters"),
	},
	required(count("shared", "shared alterations"), count("tissue_only", "tissue-only alterations"),
		count("plasma_only", "plasma-only alterations"), count("total", "S+T+P")),
	[]Column{
		number("ppa", 4, "S/(S+T)"), number("tissue_tmb", 2, "tissue TMB (mutations/Mb)"), number("plasma_tmb", 2, "plasma TMB (mutations/Mb)"),
		text("tissue_msi", "tissue MSI status as the file states it"), text("plasma_msi", "plasma MSI status as the file states it"),
		number("tumor_purity", 4, "tissue tumour cell fraction used for detection power"),
		enum("tumor_purity_source", PuritySources, "where the purity came from"),
		boolean("uninformative_plasma", "the plasma has no somatic call"),
		text("notes", "what the analysis assumed about the patient ('; ' between several)"),
	},
)}

// LedgerTSV is ledger.tsv: one row per input file × outcome.
var LedgerTSV = &Table{File: LedgerFile, Row: "input file × outcome", Columns: columns(
	required(text("file", "input file, relative to the sheet's folder"), text("patient_id", "patient the records were read for"),
		enum("side", Sides, "the sample's side"), enum("outcome", []string{OutcomeUsed, OutcomeExcluded}, "used or excluded"),
		enum("reason", LedgerReasons, "used, or why the records were excluded")),
	[]Column{text("detail", "what refines the reason (a FILTER value, a symbolic allele)")},
	required(count("records", "records of the file with this outcome")),
)}

// StrataTSV is strata.tsv: one row per dimension × level, and per
// dimension × level × dimension2 × level2 for the two-way strata.
var StrataTSV = &Table{File: StrataFile, Row: "dimension × level (× dimension2 × level2)", Columns: columns(
	required(text("dimension", "stratum dimension (a sheet column's name for --strata-column); 'a x b' for a two-way stratum"),
		text("level", "level of the dimension (of the first one, a, for a two-way stratum)")),
	[]Column{text("dimension2", "the second dimension, b, of a two-way stratum ('.' for one-way rows)"),
		text("level2", "level of the second dimension ('.' for one-way rows)")},
	required(count("level_order", "position of the level in its dimension")),
	[]Column{count("level2_order", "position of level2 in dimension2 ('.' for one-way rows)")},
	required(count("patients", "patients of the level"),
		count("alterations", "U = S+T+P"), count("shared", "S"), count("tissue_only", "T"), count("plasma_only", "P")),
	[]Column{number("shared_share", 4, "S/U"), number("tissue_only_share", 4, "T/U"), number("plasma_only_share", 4, "P/U")},
	interval4("shared_share_ci", "Wilson 95% interval of S/U"), interval4("shared_share_boot", "patient-bootstrap 95% interval of S/U"),
	required(number("ppa", 4, "S/(S+T)")),
	required(interval4("ppa_ci", "Wilson 95% interval of the PPA")...), required(interval4("ppa_boot", "patient-bootstrap 95% interval of the PPA")...),
	[]Column{number("ppv", 4, "S/(S+P)")}, interval4("ppv_ci", "Wilson 95% interval of the PPV"), interval4("ppv_boot", "patient-bootstrap 95% interval of the PPV"),
	[]Column{
		enum("clustered_test", ClusteredTests, "patient-clustered test across the levels"),
		number("clustered_statistic", 4, "its statistic: F (rao_scott) or the slope's z (trend_logit)"),
		number("clustered_df1", 4, "numerator degrees of freedom of the F (rao_scott)"),
		number("clustered_df2", 4, "denominator degrees of freedom of the F (rao_scott)"),
		pvalue("clustered_p_value", "its p-value"),
		pvalue("clustered_q_value", "Benjamini-Hochberg q-value within the table's family of tests"),
		enum("alteration_test", Tests, "test across the levels with alterations as independent units (descriptive)"),
		number("alteration_statistic", 4, "its statistic"),
		pvalue("alteration_p_value", "its p-value (a simulated one at its floor 1/(draws+1) when alteration_p_note says p <)"),
		text("alteration_p_note", "how a simulated p-value was made, e.g. 'p < 1e-4 (simulated, 10,000 draws)'"),
		pvalue("alteration_q_value", "Benjamini-Hochberg q-value within the table's family of tests"),
	},
)}

// PatientStrataTSV is patient_strata.tsv: one row per dimension × level,
// patients as the unit.
var PatientStrataTSV = &Table{File: PatientStrataFile, Row: "dimension × level (patients)", Columns: columns(
	required(text("dimension", "stratum dimension (a sheet column's name for --strata-column)"), text("level", "level of the dimension"),
		count("level_order", "position of the level in its dimension"), count("patients", "patients with both samples assessed"),
		count("ctdna_detected", "patients with ctDNA detected")),
	[]Column{number("ctdna_detected_frac", 4, "ctdna_detected / patients")}, interval4("ctdna_ci", "Wilson 95% interval of ctdna_detected_frac"),
	required(count("with_shared", "patients with a shared alteration")),
	[]Column{number("with_shared_frac", 4, "with_shared / patients")}, interval4("with_shared_ci", "Wilson 95% interval of with_shared_frac"),
)}

// ModelsTSV is models.tsv: one row per model term.
var ModelsTSV = &Table{File: ModelsFile, Row: "model term", Columns: columns(
	required(enum("model", Models, "model"), text("term", "term: (Intercept), log10_tissue_vaf, log10_tumor_fraction or a factor")),
	[]Column{text("level", "factor level")},
	required(number("estimate", 4, "log odds ratio")),
	[]Column{number("odds_ratio", 4, "exp(estimate)")}, interval4("or_ci", "Wald 95% interval of the odds ratio (patient-clustered)"),
	[]Column{number("se", 4, "cluster-robust standard error"), number("z", 4, "Wald z"), pvalue("p_value", "Wald p-value"),
		count("n_alterations", "observations of the model"), count("n_patients", "clusters of the model"),
		text("note", "why a term is not estimable, or what was done to a level")},
)}

// ReasonsTSV is reasons.tsv: one row per dimension × level × side × reason.
var ReasonsTSV = &Table{File: ReasonsFile, Row: "dimension × level × side × reason", Columns: columns(
	required(enum("dimension", ExplainDimensions, "stratum dimension"), text("level", "level of the dimension"),
		enum("side", []string{TissueOnly, PlasmaOnly}, "the side that alone called the alterations"),
		enum("reason", Reasons(), "reason"), count("alterations", "alterations with the reason")),
	[]Column{count("counted", "of those, the ones counted")},
	required(number("share", 4, "alterations over the side's discordant alterations of the level")),
)}

// PowerTSV is power.tsv: one row per dimension × level.
var PowerTSV = &Table{File: PowerFile, Row: "dimension × level", Columns: columns(
	required(enum("dimension", ExplainDimensions, "stratum dimension"), text("level", "level of the dimension")),
	[]Column{count("patients", "patients of the level"), count("tissue_alterations", "counted alterations the tissue called")},
	required(count("with_power", "those with a known detection power")),
	[]Column{number("expected_detected", 2, "sum of their powers"), count("observed_detected", "the shared ones among them")},
	required(number("expected_ppa", 4, "expected_detected / with_power"), number("observed_ppa", 4, "observed_detected / with_power")),
	interval4("observed_ci", "Wilson 95% interval of observed_ppa"),
)}

// BloodAloneTSV is blood_alone.tsv: one row per cancer type × stage group and
// their margins.
var BloodAloneTSV = &Table{File: BloodAloneFile, Row: "group", Columns: columns(
	required(enum("kind", BloodAloneKinds, "what the row splits by"), text("cancer_type", "cancer type, or all"),
		text("stage_group", "stage group, or all")),
	[]Column{count("patients", "patients with both samples usable")},
	required(count("with_actionable", "those with an actionable tissue alteration"),
		count("found_any", "those for whom the plasma found at least one"), number("found_any_frac", 4, "found_any / with_actionable")),
	required(interval4("found_any_ci", "Wilson 95% interval of found_any_frac")...),
	[]Column{count("found_all", "those for whom the plasma found every one"), number("found_all_frac", 4, "found_all / with_actionable")},
	interval4("found_all_ci", "Wilson 95% interval of found_all_frac"),
	[]Column{count("plasma_only_actionable", "patients whose plasma alone found an actionable alteration")},
	required(boolean("judged", "enough patients to judge"), count("rank", "rank of a judged group within its kind")),
)}

// CountsTSV is counts.tsv: strata.tsv's counts in long form, one row per
// dimension × level (× dimension2 × level2) × category.
var CountsTSV = &Table{File: CountsFile, Row: "dimension × level (× dimension2 × level2) × category", Columns: columns(
	required(text("dimension", "stratum dimension, as in strata.tsv ('a x b' for a two-way stratum)"), text("level", "level of the dimension (of a)")),
	[]Column{text("dimension2", "second dimension, b, of a two-way stratum ('.' for one-way rows)"),
		text("level2", "level of the second dimension ('.' for one-way rows)")},
	required(count("level_order", "position of the level in its dimension")),
	[]Column{count("level2_order", "position of level2 in dimension2 ('.' for one-way rows)")},
	required(enum("category", Categories[:3], "concordance category"), count("n", "counted alterations of the category")),
	[]Column{number("share", 4, "n over the level's S+T+P")},
)}

// ProvenanceTSV is provenance.tsv: every input file with its checksum.
var ProvenanceTSV = &Table{File: ProvenanceFile, Row: "input file", Columns: columns(
	required(text("path", "the file, relative to the sample sheet's folder (or the study) when inside it"),
		text("sha256", "SHA-256 of its bytes as stored (compressed files compressed)"), count("bytes", "its size in bytes")),
	[]Column{text("format", "what it is (sample_sheet, vcf, panel, ...)")},
)}

// PairsTSV is pairs.tsv (a --cbioportal run only): which samples of the
// study were paired as each patient's tissue and plasma.
var PairsTSV = &Table{File: PairsFile, Row: "cBioPortal sample", Sometimes: true, Columns: columns(
	required(text("patient_id", "the study's PATIENT_ID"), text("sample_id", "the study's SAMPLE_ID"),
		enum("paired_as", []string{Tissue, Plasma}, "the side the sample was paired as ('.' when left unpaired)"),
		text("note", "the rule that chose it, or why it was left unpaired")),
)}

// Optional reports whether a results folder may lack the file without
// being incomplete: a table only some runs write.
func Optional(file string) bool {
	for _, t := range Tables {
		if t.File == file {
			return t.Sometimes
		}
	}
	return false
}

// Tables lists the tables of a results folder in the order a run writes
// and a reader reads them.
var Tables = []*Table{AlterationsTSV, PatientsTSV, StrataTSV, PatientStrataTSV, ModelsTSV, LedgerTSV, ReasonsTSV, PowerTSV, BloodAloneTSV,
	CountsTSV, ProvenanceTSV, PairsTSV}
