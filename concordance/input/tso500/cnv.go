package tso500

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
	"github.com/concord-oncology/concord/concordance/input/vcf"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// CNVRecord is the part of a CNV VCF record that decides the call. A VCF
// reader that meets a symbolic CNV record can fill it and call CNVCalls.
type CNVRecord struct {
	Line   int
	Chrom  string
	Pos    int
	ID     string
	Alt    string            // ".", "<DUP>", "<DEL>", "<CNV>"
	Filter string            // "PASS", "." or a ';' list
	Info   map[string]string // INFO keys to values ("" for flags)
	Format map[string]string // the sample's FORMAT keys to values
}

// CNVCalls turns one Craft or DRAGEN CNV record into calls (one per gene
// the record names: Craft's ANT may list several). When the record is not
// a call it returns no calls and the ledger reason and detail:
// not_reportable "copy-neutral" for ALT "." (Craft writes every panel gene;
// DRAGEN writes REF segments), or not_reportable "no gene" when neither
// INFO ANT nor SEGID names one. FILTER is left to the caller (Call.Filter
// is set; "." counts as PASS).
//
// The direction comes from ALT: <DUP> is an amplification and <DEL> a
// deletion, whatever the fold change (FORMATS.md §3: a fold change of 1.95
// can be called and 1.12 not). A DRAGEN <CNV> record (copy number changed,
// direction not in ALT) takes its direction from the copy ratio SM.
func CNVCalls(rec CNVRecord, opt concordance.ReadOptions) (calls []concordance.Call, reason, detail string, err error) {
	fc := concordance.Missing
	for _, k := range []string{"FC", "SM"} {
		if v, ok := rec.Format[k]; ok && !table.Missing(v) {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || !(x >= 0) || math.IsInf(x, 0) {
				return nil, "", "", fmt.Errorf("tso500: FORMAT %s %s is not a fold change (want a number, 0 or more)", k, concordance.Quote(v))
			}
			fc = x
			break
		}
	}
	var class concordance.Class
	switch strings.ToUpper(rec.Alt) {
	case ".", "<REF>":
		return nil, concordance.ReasonNotReportable, "copy-neutral", nil
	case "<DUP>", "<GAIN>", "<AMP>":
		class = concordance.Amplification
	case "<DEL>", "<LOSS>":
		class = concordance.Deletion
	case "<CNV>":
		switch {
		case !concordance.Known(fc):
			return nil, "", "", errors.New("tso500: <CNV> record without a copy ratio (FORMAT SM or FC) to give its direction")
		case fc > 1:
			class = concordance.Amplification
		case fc < 1:
			class = concordance.Deletion
		default:
			return nil, concordance.ReasonNotReportable, "copy-neutral", nil
		}
	default:
		return nil, "", "", fmt.Errorf("tso500: ALT %s is not a CNV allele (want <DUP>, <DEL>, <CNV> or .)", concordance.Quote(rec.Alt))
	}
	names := rec.Info["ANT"]
	if names == "" {
		names = rec.Info["SEGID"]
	}
	var gs []string
	for _, g := range strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == '|' || r == ';' }) {
		if g = strings.TrimSpace(g); g != "" && g != "." {
			gs = append(gs, genes.Current(g))
		}
	}
	if len(gs) == 0 {
		return nil, concordance.ReasonNotReportable, "no gene", nil
	}
	filter := rec.Filter
	if filter == "." || filter == "" {
		filter = "PASS"
	}
	cn := concordance.Missing
	if v, ok := rec.Format["CN"]; ok && !table.Missing(v) {
		// DRAGEN's integer copy number, when the CNV caller writes it.
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || !(x >= 0) || x > 1e6 {
			return nil, "", "", fmt.Errorf("tso500: FORMAT CN %s is not a copy number (want a number, 0 or more)", concordance.Quote(v))
		}
		cn = x
	}
	for _, g := range gs {
		c := concordance.NewCall(opt.Side, concordance.Alteration{Class: class, Gene: g}, concordance.Source{File: opt.File, Line: rec.Line})
		c.FoldChange = fc
		c.CopyNumber = cn
		c.Filter = filter
		c.OrigPos, c.OrigAlt = rec.Pos, rec.Alt
		calls = append(calls, c)
	}
	return calls, "", "", nil
}

// ReadCNVVCF reads a Craft *_CopyNumberVariants.vcf or a DRAGEN
// *.cnv.vcf with package vcf's reader (header, sample selection, contigs)
// and CNVCalls for each record.
func ReadCNVVCF(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	sd := &concordance.SampleData{Biomarkers: concordance.NoBiomarkers()}
	var rd vcf.Reader
	seen := map[string]bool{}
	count := func(reason, detail string) { led.Add(opt.File, opt.Patient, opt.Side, reason, detail, 1) }
	onHeader := func(h *vcf.Header) error {
		if err := rd.SelectSample(opt.SampleID); err != nil && !(opt.SampleID != "" && len(h.Samples) == 1) {
			return &concordance.LineError{Line: h.Lines, Err: fmt.Errorf("tso500: %w", err)}
		} else if err != nil {
			// One sample: DRAGEN names its column after the library, Craft
			// after the sample; either is the sample asked for.
			if err := rd.SelectSample(""); err != nil {
				return &concordance.LineError{Line: h.Lines, Err: fmt.Errorf("tso500: %w", err)}
			}
		}
		if len(h.Samples) > 1 {
			sd.Sample = h.Samples[rd.Sample()]
		}
		sd.Contigs = h.ContigLengths()
		sd.Build = concordance.InferBuild(sd.Contigs)
		if b := concordance.CanonicalBuild(h.Reference); sd.Build == "" && (b == "GRCh37" || b == "GRCh38") {
			sd.Build = b
		}
		return nil
	}
	// Every record's values go in the same two maps (CNVCalls keeps
	// neither): Craft writes a record for every panel gene, and two new
	// maps a record were a tenth of what a cohort's reading allocated.
	info, format := map[string]string{}, map[string]string{}
	onRecord := func(rec *vcf.Record) error {
		clear(info)
		clear(format)
		cr := CNVRecord{Line: rec.Line, Chrom: string(rec.Chrom()), Pos: rec.Pos, ID: string(rec.ID()),
			Alt: string(rec.Alt()), Filter: string(rec.Filter()), Info: info, Format: format}
		for _, k := range []string{"ANT", "SEGID", "SVTYPE", "END"} {
			if v, ok := rec.InfoValue(k); ok {
				cr.Info[k] = string(v)
			}
		}
		for _, k := range []string{"FC", "SM", "CN"} {
			if v, ok := rec.FormatValue(k); ok {
				cr.Format[k] = string(v)
			}
		}
		calls, reason, detail, err := CNVCalls(cr, opt)
		switch {
		case err != nil:
			return &concordance.LineError{Line: rec.Line, Err: err}
		case reason != "":
			count(reason, detail)
			return nil
		case calls[0].Filter != "PASS" && !opt.AllFilters:
			count(concordance.ReasonFiltered, calls[0].Filter)
			return nil
		}
		kept := false
		for _, c := range calls {
			if !seen[c.Key()] {
				seen[c.Key()] = true
				sd.Calls = append(sd.Calls, c)
				kept = true
			}
		}
		if !kept { // a record that gave calls is counted by the caller
			count(concordance.ReasonDuplicate, "")
		}
		return nil
	}
	if err := rd.Scan(r, onHeader, onRecord); err != nil {
		var le *concordance.LineError
		if errors.As(err, &le) && !strings.HasPrefix(le.Err.Error(), "tso500: ") {
			return nil, &concordance.LineError{Line: le.Line, Err: fmt.Errorf("tso500: %w", le.Err)}
		}
		return nil, err
	}
	return sd, nil
}
