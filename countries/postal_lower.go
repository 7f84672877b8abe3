package countries

import "regexp/syntax"

// Lowering a postal pattern to a byte loop.
//
// Most formats are runs of byte classes (`\d{5}`, `\d{4} ?[A-Z]{2}`,
// `(\d{5})(?:[ \-](\d{4}))?`). Such a pattern, when it is deterministic —
// every variable run and every optional group can be decided by the next
// byte alone — is matched greedily without backtracking, allocation or a
// regexp machine. Anything else (alternation, non-ASCII, ambiguous runs)
// stays with the regexp. TestLoweredMatchesRegexp checks both agree.

// maxFastLen bounds the values the byte loop sees; longer values go to the
// regexp, whose run time is linear whatever the pattern.
const maxFastLen = 64

type byteSet [4]uint64

func (s *byteSet) add(b byte)          { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) has(b byte) bool     { return s[b>>6]&(1<<(b&63)) != 0 }
func (s *byteSet) union(o byteSet)     { s[0] |= o[0]; s[1] |= o[1]; s[2] |= o[2]; s[3] |= o[3] }
func (s byteSet) meets(o byteSet) bool { return s[0]&o[0]|s[1]&o[1]|s[2]&o[2]|s[3]&o[3] != 0 }

// item is a run of min..max bytes from set (max < 0: unbounded), or, when
// opt is non-nil, an optional group.
type item struct {
	set      byteSet
	min, max int
	opt      []item
	first    byteSet // of opt: the bytes that start the group
}

func (it *item) nullable() bool { return it.opt != nil || it.min == 0 }

func (it *item) firstSet() byteSet {
	if it.opt != nil {
		return it.first
	}
	return it.set
}

// lower returns the byte-loop form of pattern, or nil when it has none.
func lower(pattern string) []item {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	seq, ok := lowerSeq(re, nil)
	if !ok || !deterministic(seq, byteSet{}) {
		return nil
	}
	return seq
}

func lowerSeq(re *syntax.Regexp, seq []item) ([]item, bool) {
	switch re.Op {
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			var ok bool
			if seq, ok = lowerSeq(sub, seq); !ok {
				return nil, false
			}
		}
		return seq, true
	case syntax.OpCapture:
		return lowerSeq(re.Sub[0], seq)
	case syntax.OpEmptyMatch:
		return seq, true
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			set, ok := runeSet(r, re.Flags&syntax.FoldCase != 0)
			if !ok {
				return nil, false
			}
			seq = append(seq, item{set: set, min: 1, max: 1})
		}
		return seq, true
	case syntax.OpCharClass:
		set, ok := classSet(re.Rune)
		if !ok {
			return nil, false
		}
		return append(seq, item{set: set, min: 1, max: 1}), true
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		min, max := repeatBounds(re)
		if set, ok := singleSet(re.Sub[0]); ok {
			return append(seq, item{set: set, min: min, max: max}), true
		}
		if re.Op != syntax.OpQuest {
			return nil, false
		}
		inner, ok := lowerSeq(re.Sub[0], nil)
		if !ok || len(inner) == 0 || inner[0].nullable() {
			return nil, false
		}
		return append(seq, item{opt: inner, first: inner[0].set}), true
	}
	return nil, false
}

func repeatBounds(re *syntax.Regexp) (int, int) {
	switch re.Op {
	case syntax.OpStar:
		return 0, -1
	case syntax.OpPlus:
		return 1, -1
	case syntax.OpQuest:
		return 0, 1
	}
	return re.Min, re.Max
}

// singleSet is the byte set of a one-byte expression (a literal byte or a
// class), if re is one.
func singleSet(re *syntax.Regexp) (byteSet, bool) {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 1 {
			return runeSet(re.Rune[0], re.Flags&syntax.FoldCase != 0)
		}
	case syntax.OpCharClass:
		return classSet(re.Rune)
	}
	return byteSet{}, false
}

func runeSet(r rune, fold bool) (byteSet, bool) {
	var s byteSet
	if r < 0 || r > 0x7f {
		return s, false
	}
	s.add(byte(r))
	if fold {
		switch {
		case 'a' <= r && r <= 'z':
			s.add(byte(r - 'a' + 'A'))
		case 'A' <= r && r <= 'Z':
			s.add(byte(r - 'A' + 'a'))
		}
	}
	return s, true
}

func classSet(ranges []rune) (byteSet, bool) {
	var s byteSet
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if lo < 0 || hi > 0x7f {
			return s, false
		}
		for r := lo; r <= hi; r++ {
			s.add(byte(r))
		}
	}
	return s, true
}

// deterministic reports whether greedy matching of seq, followed by a byte
// from follow or the end of input, is exact.
func deterministic(seq []item, follow byteSet) bool {
	for k := range seq {
		it := &seq[k]
		after := followOf(seq[k+1:], follow)
		switch {
		case it.opt != nil:
			if it.first.meets(after) || !deterministic(it.opt, after) {
				return false
			}
		case it.min != it.max:
			if it.set.meets(after) {
				return false
			}
		}
	}
	return true
}

// followOf is the set of bytes that can start rest, followed by follow.
func followOf(rest []item, follow byteSet) byteSet {
	var s byteSet
	for k := range rest {
		s.union(rest[k].firstSet())
		if !rest[k].nullable() {
			return s
		}
	}
	s.union(follow)
	return s
}

func matchItems[S ~string | ~[]byte](seq []item, s S) bool {
	n, ok := runItems(seq, s, 0)
	return ok && n == len(s)
}

func runItems[S ~string | ~[]byte](seq []item, s S, i int) (int, bool) {
	for k := range seq {
		it := &seq[k]
		if it.opt != nil {
			if i < len(s) && it.first.has(s[i]) {
				var ok bool
				if i, ok = runItems(it.opt, s, i); !ok {
					return 0, false
				}
			}
			continue
		}
		n := 0
		for i < len(s) && (it.max < 0 || n < it.max) && it.set.has(s[i]) {
			i++
			n++
		}
		if n < it.min {
			return 0, false
		}
	}
	return i, true
}
