package output

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/concord-oncology/concord/concordance/schema"
)

// WriteSummary writes summary.json, indented, with a final newline.
func WriteSummary(w io.Writer, s *schema.Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// Headline is a run's result in one line: patients, alterations, union
// shares and PPA with its counts ("." for an undefined share).
func Headline(s *schema.Summary) string {
	pct := func(p *float64) string {
		if p == nil {
			return "."
		}
		return fmt.Sprintf("%.1f%%", 100**p)
	}
	tag := ""
	if s.Synthetic {
		tag = " (SYNTHETIC cohort)"
	}
	return fmt.Sprintf("%d patients%s, %d alterations: shared %s, tissue-only %s, plasma-only %s; PPA %s (%d/%d)",
		s.Patients, tag, s.Alterations.Total, pct(s.UnionShares.Shared), pct(s.UnionShares.TissueOnly), pct(s.UnionShares.PlasmaOnly),
		pct(s.PPA.Value), s.PPA.Numerator, s.PPA.Denominator)
}

// Value is a flag's value as the command line holds it (pflag.Value's
// methods): its type's name and its text.
type Value interface {
	Type() string
	String() string
}

// Parameter is a flag's value as summary.json records it, in its JSON
// type: a number for an integer or a decimal, a boolean, a list of
// strings for a list, a string otherwise, and null for an empty string
// (missing values are null in JSON, "." in the tables).
func Parameter(v Value) any {
	s := v.String()
	switch v.Type() {
	case "bool":
		return s == "true"
	case "int", "int8", "int16", "int32", "int64":
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	case "uint", "uint8", "uint16", "uint32", "uint64":
		if n, err := strconv.ParseUint(s, 10, 64); err == nil {
			return n
		}
	case "float32", "float64":
		if x, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(x, 0) && !math.IsNaN(x) {
			return x
		}
	case "stringSlice", "stringArray":
		if sl, ok := v.(interface{ GetSlice() []string }); ok {
			return append([]string{}, sl.GetSlice()...)
		}
	}
	if s == "" {
		return nil
	}
	return s
}
