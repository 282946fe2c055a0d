package tso500

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/genes"
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
			if err != nil || x < 0 {
				return nil, "", "", fmt.Errorf("tso500: FORMAT %s %q is not a fold change", k, v)
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
		return nil, "", "", fmt.Errorf("tso500: ALT %q is not a CNV allele (want <DUP>, <DEL>, <CNV> or .)", rec.Alt)
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
	for _, g := range gs {
		c := concordance.NewCall(opt.Side, concordance.Alteration{Class: class, Gene: g}, concordance.Source{File: opt.File, Line: rec.Line})
		c.FoldChange = fc
		c.Filter = filter
		c.OrigPos, c.OrigAlt = rec.Pos, rec.Alt
		calls = append(calls, c)
	}
	return calls, "", "", nil
}

// ReadCNVVCF reads a Craft *_CopyNumberVariants.vcf or a DRAGEN
// *.cnv.vcf. It is a small tab parser rather than a general VCF reader:
// these files have a few dozen records, symbolic alleles only, and one
// sample, and their meaning lives in a handful of INFO/FORMAT keys.
func ReadCNVVCF(r io.Reader, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, error) {
	sd := &concordance.SampleData{Biomarkers: concordance.NoBiomarkers(), Contigs: map[string]int{}}
	lines := table.NewLines(r)
	sample := -1
	var reference string
	seen := map[string]bool{}
	count := func(reason, detail string) { led.Add(opt.File, opt.Patient, opt.Side, reason, detail, 1) }
	for lines.Next() {
		t := lines.Text
		lineErr := func(format string, args ...any) error {
			return &concordance.LineError{Line: lines.N, Err: fmt.Errorf("tso500: "+format, args...)}
		}
		switch {
		case lines.N == 1 && !strings.HasPrefix(t, "##fileformat=VCF"):
			return nil, lineErr("not a VCF: first line is %q (want ##fileformat=VCFv4.x)", clip(t))
		case strings.HasPrefix(t, "##contig=<"):
			id, length := contigLine(t)
			if id != "" && length > 0 {
				sd.Contigs[id] = length
			}
			continue
		case strings.HasPrefix(t, "##reference="):
			reference = strings.TrimPrefix(t, "##reference=")
			continue
		case strings.HasPrefix(t, "##"):
			continue
		case strings.HasPrefix(t, "#CHROM"):
			cols := strings.Split(t, "\t")
			if len(cols) < 8 {
				return nil, lineErr("#CHROM line has %d columns, want at least 8", len(cols))
			}
			switch {
			case len(cols) < 10:
			case opt.SampleID != "":
				for i := 9; i < len(cols); i++ {
					if cols[i] == opt.SampleID {
						sample = i
					}
				}
				if sample < 0 && len(cols) == 10 {
					sample = 9 // one sample: DRAGEN names it after the library, Craft after the sample
				}
				if sample < 0 {
					return nil, lineErr("no sample column %q", opt.SampleID)
				}
			case len(cols) == 10:
				sample = 9
			default:
				return nil, lineErr("%d sample columns; name one", len(cols)-9)
			}
			continue
		case strings.TrimSpace(t) == "":
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) < 8 {
			return nil, lineErr("record has %d columns, want at least 8", len(f))
		}
		pos, err := strconv.Atoi(f[1])
		if err != nil || pos < 0 {
			return nil, lineErr("POS %q is not a position", f[1])
		}
		rec := CNVRecord{Line: lines.N, Chrom: f[0], Pos: pos, ID: f[2], Alt: f[4], Filter: f[6], Info: info(f[7]), Format: map[string]string{}}
		if sample >= 0 {
			if len(f) <= sample {
				return nil, lineErr("record has no sample column %d", sample+1)
			}
			keys, vals := strings.Split(f[8], ":"), strings.Split(f[sample], ":")
			for i, k := range keys {
				if i < len(vals) {
					rec.Format[k] = vals[i]
				}
			}
		}
		calls, reason, detail, err := CNVCalls(rec, opt)
		if err != nil {
			return nil, &concordance.LineError{Line: lines.N, Err: err}
		}
		if reason != "" {
			count(reason, detail)
			continue
		}
		if calls[0].Filter != "PASS" && !opt.AllFilters {
			count(concordance.ReasonFiltered, calls[0].Filter)
			continue
		}
		kept := false
		for _, c := range calls {
			if !seen[c.Key()] {
				seen[c.Key()] = true
				sd.Calls = append(sd.Calls, c)
				kept = true
			}
		}
		if kept {
			count(concordance.ReasonUsed, "")
		} else {
			count(concordance.ReasonDuplicate, "")
		}
	}
	if err := lines.Err(); err != nil {
		return nil, &concordance.LineError{Line: lines.N + 1, Err: fmt.Errorf("tso500: %w", err)}
	}
	if lines.N == 0 {
		return nil, &concordance.LineError{Err: errors.New("tso500: empty CNV VCF")}
	}
	sd.Build = concordance.InferBuild(sd.Contigs)
	if sd.Build == "" {
		if b := concordance.CanonicalBuild(reference); b == "GRCh37" || b == "GRCh38" {
			sd.Build = b
		}
	}
	return sd, nil
}

// info splits an INFO column into keys and values.
func info(s string) map[string]string {
	m := map[string]string{}
	if s == "." {
		return m
	}
	for _, kv := range strings.Split(s, ";") {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}

// contigLine reads ##contig=<ID=chr1,length=249250621,...>.
func contigLine(t string) (string, int) {
	body := strings.TrimSuffix(strings.TrimPrefix(t, "##contig=<"), ">")
	var id string
	var length int
	for _, kv := range strings.Split(body, ",") {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "ID":
			id = v
		case "length":
			length, _ = strconv.Atoi(v)
		}
	}
	return id, length
}
