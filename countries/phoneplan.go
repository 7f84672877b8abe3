package countries

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// PhonePlans answers phonenumbers.IsValidNumber for a number given as its
// calling code and national digits, from libphonenumber's own metadata
// (phonedata.tsv) compiled into digit automata. The library matches
// regular expressions through a locked cache and builds strings for every
// number; this allocates nothing (docs/performance.md has the figures).
// The decision is the library's, step for step (see Valid); a test holds
// the two to the same answer on every calling code.
//
// A calling code's plan is compiled the first time a number of it is
// judged (a run that sees only +1 and +44 compiles two of 215), once, under
// a sync.Once of its own: safe for concurrent use, and lock-free after.
type PhonePlans struct {
	byCode [1000]*lazyPlan // calling codes are 1–3 digits
}

type lazyPlan struct {
	once  sync.Once
	chunk string // the code's lines of phonedata.tsv
	plan  *callingPlan
	err   error
}

func (l *lazyPlan) get() (*callingPlan, error) {
	l.once.Do(func() { l.plan, l.err = compileCallingPlan(l.chunk) })
	return l.plan, l.err
}

// callingPlan is one calling code's regions, in the library's order.
type callingPlan struct {
	regions []*regionPlan
	// nationalPrefixes are the trunk prefixes dialled before a national
	// number (0 for +44, 8 for +7, 06 for +36), each once.
	nationalPrefixes []string
	// strip is how Parse takes a national prefix off a number written
	// +code…: by the code's main region; nil when that region has no
	// metadata.
	strip *prefixStrip
}

// prefixStrip is the main region's national prefix for parsing, and what
// Parse needs beside it.
type prefixStrip struct {
	prefix    *regexp.Regexp // ^(?:national prefix for parsing); nil: none
	transform string
	main      *regionPlan // its general description decides
	lengths   []int32     // the general possible lengths, in the metadata's order
	local     []int32     // and those possible only locally
}

// regionPlan is one region's numbering plan: its leading digits, when the
// metadata gives them, and the number descriptions IsValidNumber consults,
// compiled on first need.
type regionPlan struct {
	leading  *digitDFA // nil when the region has no leading digits
	once     sync.Once
	md       phoneRegion // until compiled
	compiled *regionDescs
	err      error
}

type regionDescs struct {
	general numberDesc
	types   []numberDesc // premium rate … voicemail, fixed line, mobile
}

// numberDesc is a PhoneNumberDesc: possible lengths and a pattern.
type numberDesc struct {
	lengths uint32 // bit n: length n is possible; all bits when none listed
	dfa     *digitDFA
}

// NewPhonePlans prepares every calling code's plan, to be compiled on
// first use. Call it once and share the result.
func NewPhonePlans() (*PhonePlans, error) { return newPhonePlans(phoneData) }

func newPhonePlans(data string) (*PhonePlans, error) {
	p := &PhonePlans{}
	err := phoneCodeChunks(data, func(code int, chunk string) { p.byCode[code] = &lazyPlan{chunk: chunk} })
	if err != nil {
		return nil, err
	}
	return p, nil
}

// CompileAll compiles every calling code's plan now, and reports the
// first that fails (the tests hold the data to none).
func (p *PhonePlans) CompileAll() error {
	for code, l := range p.byCode {
		if l == nil {
			continue
		}
		cp, err := l.get()
		if err != nil {
			return fmt.Errorf("countries: calling code %d: %w", code, err)
		}
		for i := range cp.regions {
			if _, err := cp.regions[i].descs(); err != nil {
				return fmt.Errorf("countries: calling code %d: %w", code, err)
			}
		}
	}
	return nil
}

// compileCallingPlan reads one calling code's lines of phonedata.tsv
// and compiles the regions' leading digits, which decide a number's
// region; a region's number descriptions are compiled when a number is
// first judged by them (+1 has 25 regions; a US number needs one).
func compileCallingPlan(chunk string) (*callingPlan, error) {
	cp := &callingPlan{}
	var main *phoneRegion
	for i, line := range strings.Split(chunk, "\n") {
		if !strings.Contains(line, "\t") {
			continue // a main region without metadata (the tests allow none)
		}
		md, err := parsePhoneRegion(line)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			main = &md
		}
		rp := &regionPlan{md: md}
		if md.leading != "" {
			if rp.leading, err = compileDigitDFA(`^(?:` + md.leading + `)`); err != nil {
				return nil, fmt.Errorf("%s leading digits: %w", md.id, err)
			}
		}
		cp.regions = append(cp.regions, rp)
		if np := md.nationalPrefix; np != "" && !slices.Contains(cp.nationalPrefixes, np) {
			cp.nationalPrefixes = append(cp.nationalPrefixes, np)
		}
	}
	if main != nil {
		cp.strip = &prefixStrip{transform: main.transformRule, main: cp.regions[0], lengths: main.general.lengths, local: main.generalLocal}
		if main.prefixForParsing != "" {
			re, err := regexp.Compile(`^(?:` + main.prefixForParsing + `)`)
			if err != nil {
				return nil, fmt.Errorf("%s national prefix for parsing: %w", main.id, err)
			}
			cp.strip.prefix = re
		}
	}
	return cp, nil
}

// descs compiles the region's number descriptions, once; an error (the
// tests allow none) leaves the region judging no number valid.
func (r *regionPlan) descs() (*regionDescs, error) {
	r.once.Do(func() {
		d, err := compileRegionDescs(&r.md)
		r.compiled, r.err = d, err
		r.md = phoneRegion{id: r.md.id} // what compiling needed
	})
	return r.compiled, r.err
}

func compileRegionDescs(md *phoneRegion) (*regionDescs, error) {
	dfas := map[string]*digitDFA{} // a region's types often share a pattern
	desc := func(d phoneDesc) (numberDesc, error) {
		nd := numberDesc{lengths: ^uint32(0)}
		if len(d.lengths) > 0 {
			nd.lengths = 0
			for _, l := range d.lengths {
				if l >= 0 && l < 32 {
					nd.lengths |= 1 << l
				}
			}
		}
		if dfa, ok := dfas[d.pattern]; ok {
			nd.dfa = dfa
			return nd, nil
		}
		var err error
		if nd.dfa, err = compileDigitDFA(`^(?:` + d.pattern + `)$`); err != nil {
			return nd, fmt.Errorf("%s: %w", md.id, err)
		}
		dfas[d.pattern] = nd.dfa
		return nd, nil
	}
	rd := &regionDescs{}
	var err error
	if rd.general, err = desc(md.general); err != nil {
		return nil, err
	}
	// The order getNumberTypeHelper tries them in; any match makes the
	// number valid. Mobile is tried even when the metadata says it has the
	// fixed line's pattern: it then adds nothing.
	for _, d := range md.types {
		nd, err := desc(d)
		if err != nil {
			return nil, err
		}
		rd.types = append(rd.types, nd)
	}
	return rd, nil
}

// NationalPrefixes are the trunk prefixes of a calling code's regions (0
// for +44, 8 for +7): what a number written nationally begins with.
func (p *PhonePlans) NationalPrefixes(code int) []string {
	if code <= 0 || code >= len(p.byCode) || p.byCode[code] == nil {
		return nil
	}
	cp, err := p.byCode[code].get()
	if err != nil {
		return nil
	}
	return cp.nationalPrefixes
}

// Valid reports whether +code digits is a valid number, as
// phonenumbers.IsValidNumber does for the PhoneNumber Parse would make:
// digits is the national significant number (leading zeros kept), at most
// 17 ASCII digits. With several regions on the code, the number belongs to
// the first whose leading digits begin it, or, for a region without
// leading digits, whose plan it fits; it is then judged by that region's
// plan alone.
func (p *PhonePlans) Valid(code int, digits string) bool {
	valid, judged := p.Judge(code, digits)
	return valid && judged
}

// Invalid reports whether +code digits is certainly not a valid number:
// judged, and found invalid. What a check flags.
func (p *PhonePlans) Invalid(code int, digits string) bool {
	valid, judged := p.Judge(code, digits)
	return judged && !valid
}

// Judge is Valid, and whether the number could be judged at all: not when
// a plan it needs did not compile (the tests allow none) — its code's, its
// region's, or, on a code of several regions, that of a region tried
// before the one it fits (the number might be that region's). A check
// then flags nothing (Invalid), and a fix offers nothing (Valid).
func (p *PhonePlans) Judge(code int, digits string) (valid, judged bool) {
	if code <= 0 || code >= len(p.byCode) {
		return false, true
	}
	l := p.byCode[code]
	if l == nil {
		return false, true
	}
	cp, err := l.get()
	if err != nil {
		return false, false
	}
	if len(cp.regions) == 0 {
		return false, true
	}
	if len(cp.regions) == 1 {
		return cp.regions[0].valid(digits)
	}
	for _, r := range cp.regions {
		if r.leading != nil {
			if r.leading.matchPrefix(digits) {
				return r.valid(digits)
			}
			continue
		}
		if valid, judged := r.valid(digits); valid || !judged {
			return valid, judged
		}
	}
	return false, true
}

func (r *regionPlan) valid(digits string) (valid, judged bool) {
	d, err := r.descs()
	if err != nil {
		return false, false
	}
	if !d.general.matches(digits) {
		return false, true
	}
	for i := range d.types {
		if d.types[i].matches(digits) {
			return true, true
		}
	}
	return false, true
}

func (d *numberDesc) matches(digits string) bool {
	n := len(digits)
	return n < 32 && d.lengths&(1<<n) != 0 && d.dfa.match(digits)
}

// digitDFA is a deterministic automaton over the digits 0–9, made from a
// regular expression by the subset construction on its compiled program.
type digitDFA struct {
	next [][10]int32 // -1: no way on
	// final: a match, should the input end here; early: a match already,
	// whatever follows (for a pattern anchored at its start only).
	final, early []bool
}

func (d *digitDFA) match(s string) bool {
	st := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return false
		}
		if st = d.next[st][c]; st < 0 {
			return false
		}
	}
	return d.final[st]
}

// matchPrefix reports whether some prefix of s (the empty one included)
// matches, as MatchString does for a pattern anchored only at its start.
func (d *digitDFA) matchPrefix(s string) bool {
	st := int32(0)
	for i := 0; ; i++ {
		if d.early[st] {
			return true
		}
		if i == len(s) {
			return d.final[st] // a match that needs the end ($) here
		}
		c := s[i] - '0'
		if c > 9 {
			return false
		}
		if st = d.next[st][c]; st < 0 {
			return false
		}
	}
}

// maxDFAStates bounds an automaton; the metadata's largest needs far less.
const maxDFAStates = 1 << 16

// compileDigitDFA builds the automaton of pattern (as regexp.Compile reads
// it) over digit strings, for whole matches (match) and, of a pattern
// anchored at its start only, for matches of a prefix (matchPrefix).
// Instructions that test more than the text's start and end (word
// boundaries) are refused.
func compileDigitDFA(pattern string) (*digitDFA, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, err
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, err
	}
	d := &digitDFA{}
	index := map[string]int32{}
	var sets [][]uint32
	add := func(set []uint32) int32 {
		var b strings.Builder
		for _, pc := range set {
			b.WriteString(strconv.FormatUint(uint64(pc), 36))
			b.WriteByte(',')
		}
		key := b.String()
		if i, ok := index[key]; ok {
			return i
		}
		i := int32(len(sets))
		index[key] = i
		sets = append(sets, set)
		return i
	}
	// A state is the set of instructions threads stand on after reading
	// its input; the start state alone is at the start of the text.
	add([]uint32{uint32(prog.Start)})
	seen, pass := make([]uint32, len(prog.Inst)), uint32(0)
	for s := 0; s < len(sets); s++ {
		if len(sets) > maxDFAStates {
			return nil, fmt.Errorf("pattern %q needs over %d states", pattern, maxDFAStates)
		}
		atStart := s == 0
		pass++
		steps, matched, err := closure(prog, seen, pass, sets[s], atStart, false)
		if err != nil {
			return nil, err
		}
		pass++
		_, atEnd, err := closure(prog, seen, pass, sets[s], atStart, true)
		if err != nil {
			return nil, err
		}
		d.early, d.final = append(d.early, matched), append(d.final, atEnd)
		var row [10]int32
		for c := range 10 {
			var next []uint32
			for _, pc := range steps {
				inst := &prog.Inst[pc]
				if inst.MatchRune(rune('0'+c)) && !slices.Contains(next, inst.Out) {
					next = append(next, inst.Out)
				}
			}
			row[c] = -1
			if len(next) > 0 {
				slices.Sort(next)
				row[c] = add(next)
			}
		}
		d.next = append(d.next, row)
	}
	return d, nil
}

// closure follows the empty moves from set and returns the instructions
// that read a rune, and whether a match is reached.
// seen marks the instructions visited, by the pass number.
func closure(prog *syntax.Prog, seen []uint32, pass uint32, set []uint32, atStart, atEnd bool) (steps []uint32, matched bool, err error) {
	stack := slices.Clone(set)
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] == pass {
			continue
		}
		seen[pc] = pass
		inst := &prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, inst.Out, inst.Arg)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, inst.Out)
		case syntax.InstEmptyWidth:
			want := syntax.EmptyOp(inst.Arg)
			if want&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
				return nil, false, fmt.Errorf("an empty-width test %v that digit automata do not take", want)
			}
			if want&syntax.EmptyBeginText != 0 && !atStart || want&syntax.EmptyEndText != 0 && !atEnd {
				continue
			}
			stack = append(stack, inst.Out)
		case syntax.InstMatch:
			matched = true
		case syntax.InstFail:
		default: // InstRune, InstRune1, InstRuneAny, InstRuneAnyNotNL
			steps = append(steps, pc)
		}
	}
	slices.Sort(steps)
	return steps, matched, nil
}
