package hgvs

// Equivalent reports whether two protein changes (of the same gene)
// describe the same change, by the rules in the package documentation.
// Unparsable text is equivalent only to the identical text.
func Equivalent(a, b string) bool {
	ca, errA := Parse(a)
	cb, errB := Parse(b)
	if errA != nil || errB != nil {
		return errA != nil && errB != nil && a == b
	}
	return ca.Equivalent(cb)
}

// Equivalent reports whether c and d describe the same change.
func (c Change) Equivalent(d Change) bool {
	if c.Kind == NoChange || d.Kind == NoChange {
		return false // p.?, p.= and p.0 say nothing comparable
	}
	if c.String() == d.String() {
		return c.InsCount == 0 // an unspelled insertion may hold anything
	}
	if c.Kind > d.Kind {
		c, d = d, c
	}
	switch {
	case c.Kind == Synonymous || d.Kind == Synonymous:
		// Any two no-op edits "give the same protein"; only the same residue counts.
		return false
	case c.Kind == Frameshift && d.Kind == Frameshift:
		return c.First == d.First && c.Start == d.Start &&
			agree(c.Alt, d.Alt) && tailsAgree(c, d)
	case c.Kind == Substitution && d.Kind == Extension:
		// Stop loss written as a substitution of the stop (p.*110Q).
		return c.First == Stop && d.First == Stop && c.Start == d.Start && c.Alt == d.Alt
	case c.Kind == Extension && d.Kind == Extension:
		return c.First == d.First && c.Start == d.Start && c.Alt == d.Alt && tailsAgree(c, d)
	}
	ec, ok1 := c.edit()
	ed, ok2 := d.edit()
	return ok1 && ok2 && sameProtein(ec, ed)
}

func agree(a, b string) bool { return a == "" || b == "" || a == b }

func tailsAgree(c, d Change) bool {
	if c.TailUnknown || d.TailUnknown || c.Tail == 0 || d.Tail == 0 {
		return true
	}
	return c.Tail == d.Tail
}

// symbol is a residue in an edited window: a concrete residue (ref == 0)
// or the unknown reference residue at position ref.
type symbol struct {
	res byte
	ref int
}

// edit is a change as an edit of the reference: residues from (from..to)
// replaced by ins (from > to for a pure insertion between to and from),
// and the reference residues the notation names.
type edit struct {
	from, to int
	ins      []symbol
	known    map[int]byte
}

func (c Change) edit() (edit, bool) {
	if c.Start < 1 || c.End < c.Start || c.End > MaxResidues || len(c.Alt) > MaxResidues || len(c.Ref) > c.End-c.Start+1 {
		// Parse never returns such a change; one built by hand is not
		// compared rather than spelled out residue by residue.
		return edit{}, false
	}
	e := edit{known: map[int]byte{c.Start: c.First, c.End: c.Last}}
	for i := 0; i < len(c.Ref); i++ {
		e.known[c.Start+i] = c.Ref[i]
	}
	concrete := func(s string) []symbol {
		out := make([]symbol, len(s))
		for i := range s {
			out[i] = symbol{res: s[i]}
		}
		return out
	}
	switch c.Kind {
	case Substitution, DelIns:
		e.from, e.to, e.ins = c.Start, c.End, concrete(c.Alt)
	case Synonymous:
		e.from, e.to, e.ins = c.Start, c.End, []symbol{{res: c.First}}
	case Deletion:
		e.from, e.to = c.Start, c.End
	case Duplication:
		// The copy goes right after the duplicated residues.
		e.from, e.to = c.End+1, c.End
		for p := c.Start; p <= c.End; p++ {
			e.ins = append(e.ins, symbol{ref: p})
		}
	case Insertion:
		if c.InsCount > 0 {
			return edit{}, false
		}
		e.from, e.to, e.ins = c.End, c.Start, concrete(c.Alt)
	default:
		return edit{}, false
	}
	return e, true
}

// sameProtein unifies the two edited windows (see the package
// documentation): true when some reference sequence agreeing with every
// residue either notation names makes both edits give the same protein,
// and every unknown residue the unification ties to another position is
// also tied to a concrete residue.
//
// Its cost is the length of the edits, not the distance between them:
// edits of different net length never give the same protein, and the
// residues between two distant edits are first cut to a few (compress).
func sameProtein(a, b edit) bool {
	if a.delta() != b.delta() {
		return false // the two proteins differ in length
	}
	a, b = compress(a, b)
	return unifyWindow(a, b)
}

// delta is the change in protein length the edit makes.
func (e edit) delta() int { return len(e.ins) - (e.to - e.from + 1) }

// span is the first and last position the edit touches or names.
func (e edit) span() (lo, hi int) {
	lo, hi = min(e.from, e.to+1), max(e.to, e.from-1)
	for p := range e.known {
		lo, hi = min(lo, p), max(hi, p)
	}
	return lo, hi
}

// compress shortens the run of unnamed residues between two edits whose
// spans are apart, moving the later edit towards the earlier one, so that
// unifyWindow works on a window as long as the edits rather than as long as
// the distance between them (p.A1B against p.A7999999900B once asked for 8e9
// residues). The result is unchanged (TestCompressKeepsResult checks it
// against the uncompressed window): between the edits both proteins are the
// reference, offset by the edits' common net length change d, so the
// unification there ties each position to the one d further on. Those
// chains join positions by their residue modulo |d|; removing a multiple of
// |d| positions from the middle of the run, with at least 2|d|+4 left,
// keeps every chain, the residue each chain is bound to and which positions
// it ties together. With d = 0 every position in the run is tied only to
// itself and the run can shrink to the margin alone.
func compress(a, b edit) (edit, edit) {
	loA, hiA := a.span()
	loB, hiB := b.span()
	second := &b
	end, start := hiA, loB
	if loB < loA {
		second = &a
		end, start = hiB, loA
	}
	gap := start - end - 1 // unnamed positions strictly between the spans
	d := a.delta()
	if d < 0 {
		d = -d
	}
	keep := 2*d + 4
	if gap <= keep+d {
		return a, b
	}
	cut := gap - keep
	if d > 0 {
		cut -= cut % d
	}
	*second = second.shifted(-cut)
	return a, b
}

// shifted is the edit moved by k positions.
func (e edit) shifted(k int) edit {
	out := edit{from: e.from + k, to: e.to + k, known: make(map[int]byte, len(e.known))}
	for p, r := range e.known {
		out.known[p+k] = r
	}
	out.ins = make([]symbol, len(e.ins))
	for i, s := range e.ins {
		if s.ref != 0 {
			s.ref += k
		}
		out.ins[i] = s
	}
	return out
}

// unifyWindow applies both edits to the window they cover and unifies the
// two results, unknown reference residues acting as variables.
func unifyWindow(a, b edit) bool {
	lo, hi := min(a.from, b.from, a.to+1, b.to+1), max(a.to, b.to, a.from-1, b.from-1)
	for p := range a.known {
		lo, hi = min(lo, p), max(hi, p)
	}
	for p := range b.known {
		lo, hi = min(lo, p), max(hi, p)
	}
	sa, sb := a.apply(lo, hi), b.apply(lo, hi)
	if len(sa) != len(sb) {
		return false
	}
	u := newUnifier(lo, hi)
	for _, e := range []edit{a, b} {
		for p, r := range e.known {
			if !u.bind(p, r) {
				return false
			}
		}
	}
	for i := range sa {
		if !u.unify(sa[i], sb[i]) {
			return false
		}
	}
	return u.grounded()
}

// apply writes the window lo..hi with the edit applied.
func (e edit) apply(lo, hi int) []symbol {
	var out []symbol
	for p := lo; p < e.from && p <= hi; p++ {
		out = append(out, symbol{ref: p})
	}
	out = append(out, e.ins...)
	for p := max(e.to+1, lo); p <= hi; p++ {
		out = append(out, symbol{ref: p})
	}
	return out
}

// unifier is a union–find over reference positions lo..hi, each class
// carrying at most one concrete residue.
type unifier struct {
	lo      int
	parent  []int
	res     []byte
	touched []bool // a position tied to a different position
}

func newUnifier(lo, hi int) *unifier {
	n := hi - lo + 1
	u := &unifier{lo: lo, parent: make([]int, n), res: make([]byte, n), touched: make([]bool, n)}
	for i := range u.parent {
		u.parent[i] = i
	}
	return u
}

func (u *unifier) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unifier) bind(pos int, r byte) bool {
	root := u.find(pos - u.lo)
	switch u.res[root] {
	case 0:
		u.res[root] = r
		return true
	case r:
		return true
	}
	return false
}

func (u *unifier) unify(x, y symbol) bool {
	switch {
	case x.ref == 0 && y.ref == 0:
		return x.res == y.res
	case x.ref == 0:
		return u.bind(y.ref, x.res)
	case y.ref == 0:
		return u.bind(x.ref, y.res)
	}
	i, j := u.find(x.ref-u.lo), u.find(y.ref-u.lo)
	if i == j {
		return true
	}
	u.touched[i], u.touched[j] = true, true
	ri, rj := u.res[i], u.res[j]
	if ri != 0 && rj != 0 && ri != rj {
		return false
	}
	u.parent[j] = i
	if ri == 0 {
		u.res[i] = rj
	}
	return true
}

// grounded reports whether every class that joins different positions has
// a concrete residue: equal-but-unknown residues are not assumed.
func (u *unifier) grounded() bool {
	for i := range u.parent {
		r := u.find(i)
		if (u.touched[i] || u.touched[r]) && u.res[r] == 0 {
			return false
		}
	}
	return true
}
