package hgvs

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/concord-oncology/concord/internal/text"
)

// Kind is the type of a protein change.
type Kind uint8

const (
	KindUnknown  Kind = iota
	Substitution      // p.V600E, p.W54* (nonsense), p.*110Q (stop loss as substitution)
	Synonymous        // p.S406=
	Frameshift        // p.N139Qfs*5, p.N139fs
	Deletion          // p.E746_A750del, p.K5del
	Duplication       // p.Y772_A775dup
	Insertion         // p.A775_G776insYVMA
	DelIns            // p.E746_T751delinsVA
	Extension         // p.*110Qext*17, p.M1ext-5
	StartLoss         // p.M1? (the effect of losing the start codon is unknown)
	SpliceSite        // p.X2151_splice (MAF pseudo-notation)
	NoChange          // p.= (no change at all), p.? (unknown), p.0 (no protein)
)

// Stop is the one-letter code of a stop codon (Ter).
const Stop = '*'

// Change is a parsed protein change. Residues are one-letter codes, '*' for
// a stop; 'X' stands for an unknown residue only in the MAF splice
// pseudo-notation (p.X2151_splice).
type Change struct {
	Kind Kind
	// First and Last are the reference residues at Start and End (End ==
	// Start for a single residue). For an insertion they are the flanking
	// residues.
	First, Last byte
	Start, End  int
	// Alt is the new residue(s): substitution, frameshift (first new
	// residue, "" when not written), insertion, deletion–insertion,
	// extension (the residue replacing the stop or start).
	Alt string
	// Ref lists the deleted or duplicated residues when the notation spells
	// them (p.E746_A750delELREA); "" otherwise.
	Ref string
	// InsCount is the number of inserted residues given only as a count
	// (p.A775_G776ins4); 0 otherwise.
	InsCount int
	// Tail is the frameshift's or extension's distance to the new stop
	// (>0; 0 when not written). An N-terminal extension (p.M1ext-5) has a
	// negative Tail: -5. TailUnknown marks a tail written as unknown (*?).
	Tail        int
	TailUnknown bool
	// Raw is the text NoChange was parsed from ("p.?", "p.=", "p.0").
	Raw string
}

// ErrSyntax is wrapped by every parse error.
var ErrSyntax = errors.New("hgvs: not a protein change")

// MaxResidues bounds every position, length and count a protein change may
// name. The longest human protein, titin (TTN, UniProtKB Q8WZ42, canonical
// isoform), has 34,350 residues; 40,000 leaves room for longer isoforms and
// is small enough that nothing derived from a change (an edit, a window of
// residues) can grow large. A change beyond it is a parse error naming the
// value: p.A7999999900B once asked the equivalence test for 8e9 residues.
const MaxResidues = 40000

// ErrBound is wrapped by the parse errors of values beyond MaxResidues.
var ErrBound = errors.New("beyond the longest human protein")

// three maps three-letter codes to one-letter ones. Xaa (an unknown
// residue) is left out: its one-letter code X reads as a stop here (the old
// notation p.W54X), so p.Met1Xaa would be written p.M1X and read back as
// p.M1* (found by FuzzParse). A change naming an unknown residue is kept as
// written and matches only itself.
var three = map[string]byte{
	"ala": 'A', "arg": 'R', "asn": 'N', "asp": 'D', "cys": 'C', "gln": 'Q', "glu": 'E', "gly": 'G',
	"his": 'H', "ile": 'I', "leu": 'L', "lys": 'K', "met": 'M', "phe": 'F', "pro": 'P', "ser": 'S',
	"thr": 'T', "trp": 'W', "tyr": 'Y', "val": 'V', "sec": 'U', "pyl": 'O', "ter": Stop,
	"asx": 'B', "glx": 'Z',
}

const oneLetter = "ACDEFGHIKLMNPQRSTVWYUOBZX*"

// Canonical returns the canonical one-letter form of a protein change
// (see the package documentation), or an error naming what it could not
// read.
func Canonical(s string) (string, error) {
	c, err := Parse(s)
	if err != nil {
		return "", err
	}
	return c.String(), nil
}

// Parse reads a protein change in three- or one-letter HGVS notation.
func Parse(s string) (Change, error) {
	body, err := strip(s)
	if err != nil {
		return Change{}, err
	}
	switch body {
	case "?", "=", "0", "0?":
		return Change{Kind: NoChange, Raw: "p." + body}, nil
	}
	if strings.HasSuffix(body, "_splice") {
		return parseSplice(s, body)
	}
	// Three-letter codes first (Val600Glu), then one-letter (V600E): a
	// string valid in one reading is invalid in the other, because the
	// grammar puts exactly one residue before each position.
	c, err3 := (&parser{s: body, three: true}).change()
	if err3 == nil {
		return c, nil
	}
	c, err = (&parser{s: body}).change()
	if err != nil {
		if errors.Is(err3, ErrBound) {
			err = err3
		}
		return Change{}, fmt.Errorf("%w: %s: %w", ErrSyntax, text.Quote(s), err)
	}
	return c, nil
}

// strip removes a transcript prefix, the "p." prefix, and prediction
// parentheses: NP_1.2:p.(V600E), NM_1.2:c.1799T>A(p.(Val600Glu)), (V600E).
func strip(s string) (string, error) {
	t := strings.TrimSpace(s)
	if strings.Count(t, "p.") > 1 {
		return "", fmt.Errorf("%w: %s holds more than one protein change", ErrSyntax, text.Quote(s))
	}
	if i := strings.LastIndex(t, "p."); i >= 0 {
		t = t[i+2:]
		// The CVO writes c.…(p.(…)): drop closing parentheses that the
		// removed prefix opened (counted once: recounting per parenthesis
		// made a cell of many ")" quadratic).
		extra := strings.Count(t, ")") - strings.Count(t, "(")
		for ; extra > 0 && strings.HasSuffix(t, ")"); extra-- {
			t = t[:len(t)-1]
		}
	}
	for len(t) >= 2 && t[0] == '(' && t[len(t)-1] == ')' {
		t = t[1 : len(t)-1]
	}
	t = strings.TrimSpace(t)
	if t == "" {
		return "", fmt.Errorf("%w: %s is empty", ErrSyntax, text.Quote(s))
	}
	return t, nil
}

func parseSplice(orig, body string) (Change, error) {
	p := &parser{s: strings.TrimSuffix(body, "_splice")}
	if p.peek() == 'X' {
		p.i++
	} else if _, ok := p.residue(); !ok {
		return Change{}, fmt.Errorf("%w: %s: want a residue before the position", ErrSyntax, text.Quote(orig))
	}
	first := p.s[0]
	n, ok := p.number()
	if p.err != nil {
		return Change{}, fmt.Errorf("%w: %s: %w", ErrSyntax, text.Quote(orig), p.err)
	}
	if !ok || p.i != len(p.s) {
		return Change{}, fmt.Errorf("%w: %s: want p.X<position>_splice", ErrSyntax, text.Quote(orig))
	}
	return Change{Kind: SpliceSite, First: first, Last: first, Start: n, End: n}, nil
}

type parser struct {
	s     string
	i     int
	three bool
	err   error // a number beyond MaxResidues (see number)
}

func (p *parser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *parser) rest() string { return p.s[p.i:] }

func (p *parser) eat(word string) bool {
	if strings.HasPrefix(p.rest(), word) {
		p.i += len(word)
		return true
	}
	return false
}

// residue reads one residue code. In three-letter mode a code is three
// letters (case-insensitive: Val, VAL) or '*'; otherwise one upper-case
// letter or '*'.
func (p *parser) residue() (byte, bool) {
	if p.peek() == '*' {
		p.i++
		return Stop, true
	}
	if p.three {
		if p.i+3 <= len(p.s) {
			if b, ok := three[strings.ToLower(p.s[p.i:p.i+3])]; ok {
				p.i += 3
				return b, true
			}
		}
		return 0, false
	}
	b := p.peek()
	if b != 0 && strings.IndexByte(oneLetter, b) >= 0 {
		p.i++
		if b == 'X' {
			// Old one-letter notation writes a stop as X (p.W54X).
			return Stop, true
		}
		return b, true
	}
	return 0, false
}

// residues reads one or more residues (an inserted sequence).
func (p *parser) residues() string {
	var b strings.Builder
	for {
		// Do not read the keyword of a following tail ("fs", "ext").
		r, ok := p.residue()
		if !ok {
			break
		}
		b.WriteByte(r)
	}
	return b.String()
}

// number reads a positive position, distance or count. One beyond
// MaxResidues (or too long for an int) is refused, and p.err says why; the
// callers return p.err when it is set (see fail).
func (p *parser) number() (int, bool) {
	j := p.i
	for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
	}
	if j == p.i {
		return 0, false
	}
	n, err := strconv.Atoi(p.s[p.i:j])
	if err != nil || n > MaxResidues {
		p.err = fmt.Errorf("%s is more than %d residues (%w: titin has 34,350)", text.Clip(p.s[p.i:j]), MaxResidues, ErrBound)
		return 0, false
	}
	if n <= 0 {
		return 0, false
	}
	p.i = j
	return n, true
}

// fail returns the bound error when number set one, else err.
func (p *parser) fail(err error) error {
	if p.err != nil {
		return p.err
	}
	return err
}

// position reads a residue and its position.
func (p *parser) position() (byte, int, error) {
	r, ok := p.residue()
	if !ok {
		return 0, 0, fmt.Errorf("want a residue at %s", text.Quote(p.rest()))
	}
	n, ok := p.number()
	if !ok {
		return 0, 0, p.fail(fmt.Errorf("want a position at %s", text.Quote(p.rest())))
	}
	return r, n, nil
}

// stop reads a stop symbol in a tail: '*', Ter (three-letter mode) or X.
func (p *parser) stop() bool {
	if p.eat("*") || p.eat("X") {
		return true
	}
	return p.three && (p.eat("Ter") || p.eat("TER") || p.eat("ter"))
}

// tail reads the optional distance to the new stop after fs or ext:
// *5, Ter5, X5, *?, or nothing.
func (p *parser) tail(c *Change) error {
	if p.i == len(p.s) {
		return nil
	}
	if !p.stop() {
		return fmt.Errorf("want a stop (*, Ter or X) in the tail at %s", text.Quote(p.rest()))
	}
	if p.eat("?") {
		c.TailUnknown = true
		return nil
	}
	n, ok := p.number()
	if !ok {
		return p.fail(fmt.Errorf("want the distance to the stop at %s", text.Quote(p.rest())))
	}
	c.Tail = n
	return nil
}

func (p *parser) change() (Change, error) {
	first, start, err := p.position()
	if err != nil {
		return Change{}, err
	}
	c := Change{First: first, Last: first, Start: start, End: start}
	if p.eat("_") {
		if c.Last, c.End, err = p.position(); err != nil {
			return Change{}, err
		}
		if c.End <= c.Start {
			return Change{}, fmt.Errorf("range %d_%d is not increasing", c.Start, c.End)
		}
	}
	single := c.Start == c.End
	switch {
	case p.eat("delins"):
		c.Kind = DelIns
		if c.Alt = p.residues(); c.Alt == "" {
			return Change{}, errors.New("delins without inserted residues")
		}
	case p.eat("del"):
		c.Kind = Deletion
		c.Ref = p.residues()
		if err := c.checkRef(); err != nil {
			return Change{}, err
		}
	case p.eat("dup"):
		c.Kind = Duplication
		c.Ref = p.residues()
		if err := c.checkRef(); err != nil {
			return Change{}, err
		}
	case p.eat("ins"):
		if single || c.End != c.Start+1 {
			return Change{}, errors.New("an insertion needs two adjacent flanking residues")
		}
		c.Kind = Insertion
		if n, ok := p.number(); ok {
			c.InsCount = n
		} else if p.err != nil {
			return Change{}, p.err
		} else if c.Alt = p.residues(); c.Alt == "" {
			return Change{}, errors.New("insertion without inserted residues")
		}
	case p.eat("="):
		if !single {
			return Change{}, errors.New("a range cannot be synonymous")
		}
		c.Kind = Synonymous
	case p.eat("?"):
		if !single {
			return Change{}, errors.New("unknown effect on a range")
		}
		c.Kind = StartLoss
	case p.eat("fs"):
		if !single {
			return Change{}, errors.New("a frameshift starts at one residue")
		}
		c.Kind = Frameshift
		if err := p.tail(&c); err != nil {
			return Change{}, err
		}
	case p.eat("ext"):
		// N-terminal extension: p.M1ext-5 (the start residue stays).
		n, ok := 0, p.eat("-")
		if ok {
			n, ok = p.number()
		}
		if !ok || !single {
			return Change{}, p.fail(fmt.Errorf("want an N-terminal extension such as M1ext-5 at %s", text.Quote(p.rest())))
		}
		c.Kind, c.Tail = Extension, -n
	default:
		if !single {
			return Change{}, fmt.Errorf("want del, dup, ins or delins after the range at %s", text.Quote(p.rest()))
		}
		alt, ok := p.residue()
		if !ok {
			return Change{}, fmt.Errorf("want the new residue at %s", text.Quote(p.rest()))
		}
		c.Alt = string(alt)
		switch {
		case p.eat("fs"):
			c.Kind = Frameshift
			if err := p.tail(&c); err != nil {
				return Change{}, err
			}
		case p.eat("ext"):
			c.Kind = Extension
			if err := p.tail(&c); err != nil {
				return Change{}, err
			}
			if c.Tail == 0 && !c.TailUnknown {
				return Change{}, errors.New("an extension needs its new stop (*N or *?)")
			}
		default:
			// Old-style multi-residue substitutions (p.VK600EI) are not HGVS.
			c.Kind = Substitution
			if alt == first {
				// Older tools write a synonymous change as p.S406S.
				c.Kind, c.Alt = Synonymous, ""
			}
		}
	}
	if p.i != len(p.s) {
		return Change{}, fmt.Errorf("unexpected %s after the change", text.Quote(p.rest()))
	}
	if len(c.Alt) > MaxResidues {
		return Change{}, fmt.Errorf("%d inserted residues are more than %d (%w: titin has 34,350)", len(c.Alt), MaxResidues, ErrBound)
	}
	return c, nil
}

// checkRef checks that spelled deleted/duplicated residues fit the range.
func (c *Change) checkRef() error {
	if c.Ref == "" {
		return nil
	}
	if len(c.Ref) != c.End-c.Start+1 || c.Ref[0] != c.First || c.Ref[len(c.Ref)-1] != c.Last {
		return fmt.Errorf("spelled residues %s do not fit %c%d_%c%d", text.Quote(c.Ref), c.First, c.Start, c.Last, c.End)
	}
	return nil
}

// String writes the canonical one-letter form.
func (c Change) String() string {
	var b strings.Builder
	b.WriteString("p.")
	if c.Kind == NoChange {
		return c.Raw
	}
	pos := func(r byte, n int) {
		b.WriteByte(r)
		b.WriteString(strconv.Itoa(n))
	}
	pos(c.First, c.Start)
	if c.End != c.Start {
		b.WriteByte('_')
		pos(c.Last, c.End)
	}
	tail := func() {
		switch {
		case c.TailUnknown:
			b.WriteString("*?")
		case c.Tail > 0:
			b.WriteString("*" + strconv.Itoa(c.Tail))
		case c.Tail < 0:
			b.WriteString(strconv.Itoa(c.Tail))
		}
	}
	switch c.Kind {
	case Substitution:
		b.WriteString(c.Alt)
	case Synonymous:
		b.WriteByte('=')
	case Frameshift:
		b.WriteString(c.Alt + "fs")
		tail()
	case Deletion:
		b.WriteString("del")
	case Duplication:
		b.WriteString("dup")
	case Insertion:
		b.WriteString("ins")
		if c.InsCount > 0 {
			b.WriteString(strconv.Itoa(c.InsCount))
		} else {
			b.WriteString(c.Alt)
		}
	case DelIns:
		b.WriteString("delins" + c.Alt)
	case Extension:
		b.WriteString(c.Alt + "ext")
		tail()
	case StartLoss:
		b.WriteByte('?')
	case SpliceSite:
		b.Reset()
		b.WriteString("p.X" + strconv.Itoa(c.Start) + "_splice")
	}
	return b.String()
}
