package countries

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers/v2"
)

// PhonePlans answers phonenumbers.IsValidNumber for a number given as its
// calling code and national digits, from libphonenumber's own metadata
// compiled into digit automata. The library matches regular expressions
// through a locked cache and builds strings for every number; this
// allocates nothing (docs/performance.md has the figures).
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
	build func() (*callingPlan, error)
	plan  *callingPlan
	err   error
}

func (l *lazyPlan) get() (*callingPlan, error) {
	l.once.Do(func() { l.plan, l.err = l.build(); l.build = nil })
	return l.plan, l.err
}

// callingPlan is one calling code's regions, in the library's order.
type callingPlan struct {
	regions []regionPlan
	// nationalPrefixes are the trunk prefixes dialled before a national
	// number (0 for +44, 8 for +7, 06 for +36), each once.
	nationalPrefixes []string
}

// regionPlan is one region's numbering plan: its leading digits, when the
// metadata gives them, and the number descriptions IsValidNumber consults.
type regionPlan struct {
	leading *digitDFA // nil when the region has no leading digits
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
func NewPhonePlans() (*PhonePlans, error) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return nil, fmt.Errorf("countries: phone metadata: %w", err)
	}
	regions := map[string]*phonenumbers.PhoneMetadata{}
	nonGeo := map[int]*phonenumbers.PhoneMetadata{}
	for _, md := range coll.GetMetadata() {
		if md.GetId() == "001" {
			nonGeo[int(md.GetCountryCode())] = md
			continue
		}
		regions[md.GetId()] = md
	}
	p := &PhonePlans{}
	for code := range phonenumbers.GetSupportedCallingCodes() {
		if code <= 0 || code >= len(p.byCode) {
			continue
		}
		var mds []*phonenumbers.PhoneMetadata
		for _, id := range phonenumbers.GetRegionCodesForCountryCode(code) {
			md := regions[id]
			if id == "001" {
				md = nonGeo[code]
			}
			if md != nil {
				mds = append(mds, md)
			}
		}
		p.byCode[code] = &lazyPlan{build: func() (*callingPlan, error) { return compileCallingPlan(mds) }}
	}
	return p, nil
}

// CompileAll compiles every calling code's plan now, and reports the
// first that fails (the tests hold the library's metadata to none).
func (p *PhonePlans) CompileAll() error {
	for code, l := range p.byCode {
		if l == nil {
			continue
		}
		if _, err := l.get(); err != nil {
			return fmt.Errorf("countries: calling code %d: %w", code, err)
		}
	}
	return nil
}

// compileCallingPlan compiles one calling code's regions.
func compileCallingPlan(mds []*phonenumbers.PhoneMetadata) (*callingPlan, error) {
	dfas := map[string]*digitDFA{} // patterns repeat across a code's regions
	compile := func(pattern string) (*digitDFA, error) {
		if d, ok := dfas[pattern]; ok {
			return d, nil
		}
		d, err := compileDigitDFA(pattern)
		if err != nil {
			return nil, err
		}
		dfas[pattern] = d
		return d, nil
	}
	desc := func(d *phonenumbers.PhoneNumberDesc) (numberDesc, error) {
		nd := numberDesc{lengths: ^uint32(0)}
		if len(d.GetPossibleLength()) > 0 {
			nd.lengths = 0
			for _, l := range d.GetPossibleLength() {
				if l >= 0 && l < 32 {
					nd.lengths |= 1 << l
				}
			}
		}
		var err error
		nd.dfa, err = compile(`^(?:` + d.GetNationalNumberPattern() + `)$`)
		return nd, err
	}
	cp := &callingPlan{}
	for _, md := range mds {
		id := md.GetId()
		var rp regionPlan
		var err error
		if ld := md.GetLeadingDigits(); ld != "" {
			if rp.leading, err = compile(`^(?:` + ld + `)`); err != nil {
				return nil, fmt.Errorf("%s leading digits: %w", id, err)
			}
		}
		if rp.general, err = desc(md.GetGeneralDesc()); err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		// The order getNumberTypeHelper tries them in; any match makes the
		// number valid. Mobile is tried even when the metadata says it has
		// the fixed line's pattern: it then adds nothing.
		for _, d := range []*phonenumbers.PhoneNumberDesc{
			md.GetPremiumRate(), md.GetTollFree(), md.GetSharedCost(), md.GetVoip(),
			md.GetPersonalNumber(), md.GetPager(), md.GetUan(), md.GetVoicemail(),
			md.GetFixedLine(), md.GetMobile(),
		} {
			nd, err := desc(d)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", id, err)
			}
			rp.types = append(rp.types, nd)
		}
		cp.regions = append(cp.regions, rp)
		if np := md.GetNationalPrefix(); np != "" && !slices.Contains(cp.nationalPrefixes, np) {
			cp.nationalPrefixes = append(cp.nationalPrefixes, np)
		}
	}
	return cp, nil
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
	if code <= 0 || code >= len(p.byCode) {
		return false
	}
	l := p.byCode[code]
	if l == nil {
		return false
	}
	cp, err := l.get()
	if err != nil {
		// Metadata this package cannot compile (the tests allow none):
		// the library's own answer, slower but the same.
		return libraryValid(code, digits)
	}
	if len(cp.regions) == 0 {
		return false
	}
	if len(cp.regions) == 1 {
		return cp.regions[0].valid(digits)
	}
	for i := range cp.regions {
		r := &cp.regions[i]
		if r.leading != nil {
			if r.leading.matchPrefix(digits) {
				return r.valid(digits)
			}
			continue
		}
		if r.valid(digits) {
			return true
		}
	}
	return false
}

func (r *regionPlan) valid(digits string) bool {
	if !r.general.matches(digits) {
		return false
	}
	for i := range r.types {
		if r.types[i].matches(digits) {
			return true
		}
	}
	return false
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

// libraryValid is phonenumbers.IsValidNumber for +code digits, the
// fallback for a plan that did not compile.
func libraryValid(code int, digits string) bool {
	n, err := phonenumbers.Parse("+"+strconv.Itoa(code)+digits, "")
	return err == nil && phonenumbers.IsValidNumber(n)
}
