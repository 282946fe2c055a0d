package vcf

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/concordance"
)

// Header holds what concord needs from a VCF header. Contig lines and the
// VEP CSQ definition are parsed when read; other meta lines are kept raw
// and parsed on demand (InfoDef, FormatDef, FilterDescription), because a
// cohort has thousands of files whose headers mostly go unused.
type Header struct {
	Version   string // e.g. "VCFv4.2"
	Reference string // ##reference value
	Source    string // ##source value(s), joined by "; "
	Contigs   []Contig
	Samples   []string
	// CSQFields are the field names of a VEP CSQ annotation, from the
	// INFO=<ID=CSQ> description ("Format: Allele|Consequence|...").
	CSQFields []string
	// HasANN reports an INFO=<ID=ANN> (snpEff) definition.
	HasANN bool
	// Lines is the number of header lines (data starts at Lines+1).
	Lines int

	// metaBuf holds the other ## lines, without the leading ##, each ended
	// by '\n': one buffer rather than a string a line, so that a header's
	// memory is its size (MaxHeader bounds it).
	metaBuf []byte
	sources []string // ##source values until the header ends
	// size counts the header's bytes read so far.
	size int
}

// MaxHeader is the largest VCF header read, in bytes: the header is held
// in memory whole, and real headers are far smaller (GRCh38 with its alt
// and decoy contigs and VEP's definitions: under 1 MB).
const MaxHeader = 64 << 20

// metaLines calls fn with each kept ## line (without the ##) until fn
// returns false. The slices are valid only during the call.
func (h *Header) metaLines(fn func([]byte) bool) {
	for rest := h.metaBuf; len(rest) > 0; {
		i := bytes.IndexByte(rest, '\n')
		if !fn(rest[:i]) {
			return
		}
		rest = rest[i+1:]
	}
}

// Contig is a ##contig line.
type Contig struct {
	ID     string
	Length int // 0 when not given
	Line   int
}

// Def is an INFO or FORMAT definition.
type Def struct {
	Number, Type, Description string
}

// ContigLengths maps contig IDs to their declared lengths (contigs without
// a length are left out).
func (h *Header) ContigLengths() map[string]int {
	m := make(map[string]int, len(h.Contigs))
	for _, c := range h.Contigs {
		if c.Length > 0 {
			m[c.ID] = c.Length
		}
	}
	return m
}

// Build names the genome build the header implies: from ##contig lengths
// when they identify one, else from ##reference / ##assembly /
// ##new_reference_genome values and the target of a ##liftOver chain file
// (hg19ToHg38.over.chain → GRCh38); "" when nothing says.
func (h *Header) Build() string { return h.build(h.ContigLengths()) }

// build is Build with the header's ContigLengths given.
func (h *Header) build(lengths map[string]int) string {
	if b := concordance.InferBuild(lengths); b != "" {
		return b
	}
	known := func(s string) string {
		switch b := concordance.CanonicalBuild(s); b {
		case "GRCh37", "GRCh38", "NCBI36":
			return b
		}
		return ""
	}
	if b := known(h.Reference); b != "" {
		return b
	}
	build := ""
	h.metaLines(func(line []byte) bool {
		key, val, _ := bytes.Cut(line, []byte("="))
		switch {
		case foldAny(key, "assembly", "new_reference_genome", "reference_genome", "genome_build"):
			build = known(string(val))
		case len(key) >= 8 && bytes.EqualFold(key[:8], []byte("liftover")) && bytes.Contains(bytes.ToLower(val), []byte("chain")):
			// A chain file XToY lifts from X to Y: the file is on Y.
			low := strings.ToLower(filepath.Base(string(val)))
			if i := strings.LastIndex(low, "to"); i >= 0 {
				build = known(low[i+2:])
			}
		}
		return build == ""
	})
	return build
}

// foldAny reports whether b equals one of names, ignoring case, without
// allocating (Build runs on every file's header).
func foldAny(b []byte, names ...string) bool {
	for _, n := range names {
		if len(b) == len(n) && bytes.EqualFold(b, []byte(n)) {
			return true
		}
	}
	return false
}

// ContigLines maps contig IDs to the header lines declaring them.
func (h *Header) ContigLines() map[string]int {
	m := make(map[string]int, len(h.Contigs))
	for _, c := range h.Contigs {
		m[c.ID] = c.Line
	}
	return m
}

var fixedColumns = []string{"#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"}

func (r *Reader) readHeader() (*Header, error) {
	r.Header = r.newHeader()
	for {
		b, err := r.readLine()
		if err == io.EOF {
			return r.Header, r.headerEnded()
		}
		if err != nil {
			return r.Header, &concordance.LineError{Line: r.line + 1, Err: err}
		}
		done, err := r.headerLine(b)
		if err != nil || done {
			return r.Header, err
		}
	}
}

// headerEnded is the error for a stream that ends inside the header.
func (r *Reader) headerEnded() error {
	if r.line == 0 {
		return &concordance.LineError{Line: 1, Err: ErrNotVCF}
	}
	return r.errorf("no #CHROM header line before the end of the file")
}

// headerLine takes one header line (r.line already counts it) and reports
// whether it was the #CHROM line that ends the header.
func (r *Reader) headerLine(b []byte) (bool, error) {
	h := r.Header
	if r.line == 1 {
		// A UTF-8 byte-order mark is tolerated.
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		if !bytes.HasPrefix(b, []byte("##fileformat=VCF")) {
			return false, &concordance.LineError{Line: r.line, Err: ErrNotVCF}
		}
		h.Version = string(b[len("##fileformat="):])
		return false, nil
	}
	if bytes.HasPrefix(b, []byte("#CHROM")) {
		cols := strings.Split(string(b), "\t")
		if len(cols) < 8 {
			return false, r.errorf("#CHROM line has %d columns, expected at least 8", len(cols))
		}
		for i, want := range fixedColumns {
			if cols[i] != want {
				return false, r.errorf("#CHROM line column %d is %s, expected %s", i+1, concordance.Quote(cols[i]), concordance.Quote(want))
			}
		}
		if len(cols) > 8 {
			if cols[8] != "FORMAT" {
				return false, r.errorf("#CHROM line column 9 is %s, expected FORMAT", concordance.Quote(cols[8]))
			}
			h.Samples = cols[9:]
		}
		h.Lines = r.line
		h.Source, h.sources = strings.Join(h.sources, "; "), nil
		r.sample = -1
		if len(h.Samples) == 1 {
			r.sample = 0
		}
		return true, nil
	}
	if !bytes.HasPrefix(b, []byte("##")) {
		return false, r.errorf("expected a ## meta line or the #CHROM line, found %s", concordance.QuoteBytes(b))
	}
	if h.size += len(b) + 1; h.size > MaxHeader {
		return false, r.errorf("the header is over %d MiB (it is held in memory whole; real headers are under a megabyte): not a VCF?", MaxHeader>>20)
	}
	if err := h.meta(b[2:], r.line); err != nil {
		return false, r.errorf("%v", err)
	}
	return false, nil
}

// meta parses one ## line (without the ##).
func (h *Header) meta(b []byte, line int) error {
	switch {
	case bytes.HasPrefix(b, []byte("contig=<")):
		return h.contig(string(b), line)
	case bytes.HasPrefix(b, []byte("reference=")):
		h.Reference = string(b[len("reference="):])
	case bytes.HasPrefix(b, []byte("source=")):
		// Joined once the header is read (appending to a string a line
		// would be quadratic in the number of ##source lines).
		h.sources = append(h.sources, string(b[len("source="):]))
	case bytes.HasPrefix(b, []byte("INFO=<ID=CSQ,")):
		d, _, err := definition(string(b))
		if err != nil {
			return err
		}
		if _, f, ok := strings.Cut(d.Description, "Format: "); ok {
			h.CSQFields = strings.Split(strings.TrimSpace(f), "|")
		}
	case bytes.HasPrefix(b, []byte("INFO=<ID=ANN,")):
		h.HasANN = true
	}
	h.metaBuf = append(append(h.metaBuf, b...), '\n')
	return nil
}

// contig parses ##contig=<ID=chr1,length=249250621,...> without building a
// map: files carry dozens of these and the ID and length are all we use.
func (h *Header) contig(s string, line int) error {
	if !strings.HasSuffix(s, ">") {
		return fmt.Errorf("##contig line is not a <key=value,...> structure")
	}
	body := s[len("contig=<") : len(s)-1]
	c := Contig{Line: line}
	for body != "" {
		var item string
		item, body, _ = strings.Cut(body, ",")
		k, v, _ := strings.Cut(item, "=")
		switch k {
		case "ID":
			c.ID = v
		case "length":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return fmt.Errorf("##contig %s has length %s, expected a non-negative integer", c.ID, concordance.Quote(v))
			}
			c.Length = n
		}
		if strings.HasPrefix(body, "\"") || strings.Contains(item, "\"") {
			break // a quoted value (description, URL) ends what we need
		}
	}
	if c.ID == "" {
		return fmt.Errorf("##contig line without ID")
	}
	h.Contigs = append(h.Contigs, c)
	return nil
}

// definition parses an ##INFO/##FORMAT/##FILTER line.
func definition(s string) (Def, string, error) {
	key, val, _ := strings.Cut(s, "=")
	if !strings.HasPrefix(val, "<") || !strings.HasSuffix(val, ">") {
		return Def{}, "", fmt.Errorf("##%s line is not a <key=value,...> structure", concordance.Quote(key))
	}
	kv, err := structured(val[1 : len(val)-1])
	if err != nil {
		return Def{}, "", fmt.Errorf("##%s: %v", concordance.Quote(key), err)
	}
	return Def{Number: kv["Number"], Type: kv["Type"], Description: kv["Description"]}, kv["ID"], nil
}

func (h *Header) lookup(kind, id string) (Def, bool) {
	prefix := kind + "=<ID=" + id + ","
	var (
		d     Def
		found bool
	)
	h.metaLines(func(m []byte) bool {
		if bytes.HasPrefix(m, []byte(prefix)) || string(m) == kind+"=<ID="+id+">" {
			var err error
			d, _, err = definition(string(m))
			found = err == nil
			return false
		}
		return true
	})
	return d, found
}

// InfoDef returns the ##INFO definition of id.
func (h *Header) InfoDef(id string) (Def, bool) { return h.lookup("INFO", id) }

// FormatDef returns the ##FORMAT definition of id.
func (h *Header) FormatDef(id string) (Def, bool) { return h.lookup("FORMAT", id) }

// FilterDescription returns the description of a ##FILTER id.
func (h *Header) FilterDescription(id string) (string, bool) {
	d, ok := h.lookup("FILTER", id)
	return d.Description, ok
}

// structured splits `ID=x,Number=1,Description="a, b"` respecting quotes.
func structured(s string) (map[string]string, error) {
	m := map[string]string{}
	for len(s) > 0 {
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			return nil, fmt.Errorf("expected key=value in %s", concordance.Quote(s))
		}
		key := strings.TrimSpace(s[:eq])
		s = s[eq+1:]
		var val string
		if strings.HasPrefix(s, `"`) {
			end := 1
			for end < len(s) && !(s[end] == '"' && s[end-1] != '\\') {
				end++
			}
			if end >= len(s) {
				return nil, fmt.Errorf("unterminated quoted value for %s", concordance.Quote(key))
			}
			val = strings.ReplaceAll(s[1:end], `\"`, `"`)
			s = s[end+1:]
			s = strings.TrimPrefix(s, ",")
		} else if c := strings.IndexByte(s, ','); c >= 0 {
			val, s = s[:c], s[c+1:]
		} else {
			val, s = s, ""
		}
		m[key] = val
	}
	return m, nil
}
