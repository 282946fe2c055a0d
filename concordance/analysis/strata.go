package analysis

import (
	"bytes"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/levels"
	"github.com/concord-oncology/concord/concordance/schema"
	"github.com/concord-oncology/concord/internal/infile"
)

// TwoWayDefault are the two-way strata of Options.TwoWay by default, as
// --strata spells them.
func TwoWayDefault() []string {
	out := make([]string, len(schema.TwoWayDefault))
	for i, p := range schema.TwoWayDefault {
		out[i] = p[0] + ":" + p[1]
	}
	return out
}

// strataColumns are the sheet columns of --strata-column as
// concordance.Patient.Extra names them (lower case).
func (o *Options) strataColumns() []string {
	var out []string
	for _, c := range o.StrataColumns {
		if c = strings.ToLower(strings.TrimSpace(c)); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// twoWay parses --strata: "dimension:dimension2" pairs of dimensions of
// strata.tsv (the built-in ones and the --strata-column columns); "none"
// or nothing for none.
func (o *Options) twoWay() ([][2]string, error) {
	known := append(append([]string(nil), schema.StrataDimensions...), o.strataColumns()...)
	var out [][2]string
	for _, s := range o.TwoWay {
		s = strings.ToLower(strings.TrimSpace(s))
		if s == "" || s == "none" {
			continue
		}
		a, b, ok := strings.Cut(s, ":")
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		switch {
		case !ok || a == "" || b == "":
			return nil, optionf("--strata: %s is not a pair of dimensions (want e.g. cancer_type:stage)", concordance.Quote(s))
		case a == b:
			return nil, optionf("--strata: %s names one dimension twice", concordance.Quote(s))
		}
		for _, d := range []string{a, b} {
			if d == schema.DimAll || !slices.Contains(known, d) {
				return nil, optionf("--strata: %s is not a dimension (want two of %s, or a --strata-column)", concordance.Quote(d),
					strings.Join(known[1:], ", "))
			}
		}
		if p := [2]string{a, b}; !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// checkColumns refuses a --strata-column the cohort does not have among
// the columns concord does not read itself (extra lists them, as
// concordance.Patient.Extra names them), or one named as a built-in
// dimension.
func (o *Options) checkColumns(extra []string, where string) error {
	for _, c := range o.strataColumns() {
		switch {
		case slices.Contains(schema.StrataDimensions, c):
			return optionf("--strata-column %s: strata.tsv has a dimension %s already", concordance.Quote(c), c)
		case !slices.Contains(extra, c):
			have := "none"
			if len(extra) > 0 {
				have = strings.Join(extra, ", ")
			}
			return optionf("--strata-column %s: %s has no such column among those concord does not read itself (%s)", concordance.Quote(c), where, have)
		}
	}
	return nil
}

// readGroups reads --cancer-groups as every input is read, through infile;
// nil without one.
// The file's bytes are kept for the partial form (a merge's cohort stage
// needs the groups).
func readGroups(o *Options) (*levels.Groups, []schema.InputFile, []byte, error) {
	path := o.CancerGroups
	if path == "" {
		return nil, nil, nil, nil
	}
	if err := pathText(path); err != nil {
		return nil, nil, nil, err
	}
	in, err := infile.Open(path, o.Limits)
	if err != nil {
		return nil, nil, nil, concordance.FileError(path, err)
	}
	defer in.Close()
	var b bytes.Buffer
	g, err := levels.ReadGroups(io.TeeReader(in, &b), filepath.Base(path))
	if err != nil {
		return nil, nil, nil, concordance.AtFile(path, err)
	}
	prov, err := provenance(filepath.Base(path), formatGroups, in)
	if err != nil {
		return nil, nil, nil, concordance.FileError(path, err)
	}
	return g, []schema.InputFile{prov}, b.Bytes(), nil
}

// formatGroups is the cancer-groups table's format in provenance.
const formatGroups = "cancer_groups"

// strataRules says how the stratified tables were made, for summary.json.
func strataRules(g *levels.Groups, pairs [][2]string, columns []string) *schema.StrataRules {
	r := &schema.StrataRules{
		CancerTypeRule: g.Rule(),
		TFTierRule: "Tumour-fraction tiers <1%, 1-10%, >=10% (Husain et al. 2022) of the sheet's ctdna_tumor_fraction, else of the plasma's maximum somatic allele fraction; " +
			"no_ctdna_detected when neither exists because the plasma has no somatic call (a level of its own, defined by the outcome, left out of tests and of the detection model); unknown otherwise.",
		TwoWay:       []schema.DimensionPair{},
		SheetColumns: append([]string{}, columns...),
		Tests: "Across the levels of a dimension (of dimension2 within each level of dimension for two-way strata), unknown and no_ctdna_detected left out: " +
			"patient-clustered tests (clustered_*): rao_scott, Pearson's chi-square on levels x {shared, tissue-only, plasma-only} with Rao and Scott's second-order correction for patients as clusters (R survey::svychisq), " +
			"or for stage I-IV and the tissue-VAF bins trend_logit, the Wald test of the slope of detection on the level's score with patient-clustered standard errors (R sandwich::vcovCL, lmtest::coeftest); " +
			"alteration-level tests (alteration_*), descriptive: chisq, fisher_ppa (fisher_ppa_simulated: Monte Carlo, 10,000 draws, past 20 million partial tables, 1 million in a two-way stratum), trend_ppa (Cochran-Armitage). " +
			"Benjamini-Hochberg q-values within each family: the one-way dimensions, and each two-way stratum.",
	}
	if g != nil {
		name := g.Name()
		r.CancerGroupsFile = &name
	}
	for _, p := range pairs {
		r.TwoWay = append(r.TwoWay, schema.DimensionPair{Dimension: p[0], Dimension2: p[1]})
	}
	return r
}

// labels are how the cohort stage labels the patients: one Cohort for
// every table, so that a level is named alike in each.
func labels(patients []concordance.PatientResult, g *levels.Groups, columns []string) *levels.Cohort {
	return levels.New(patients, levels.Options{Groups: g, Columns: columns})
}
