package engine

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
)

// ecmaPattern rewrites an RE2 pattern in the syntax JSON Schema's
// "pattern" takes (ECMA-262), anchored as given, and in the subset RE2
// reads the same way, so that Go validators agree. With fold, ASCII
// letters match in either case, as the engine's upper-casing does
// (patterns in JSON Schema have no flags, so folding is spelt out: [Aa]).
// It fails on what ECMA-262 says differently or not at all (line anchors,
// runes beyond the BMP); the caller then leaves the rule out of the schema
// rather than say it wrongly.
func ecmaPattern(pattern string, fold bool) (string, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := writeECMA(&b, re, fold); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeECMA(b *strings.Builder, re *syntax.Regexp, fold bool) error {
	switch re.Op {
	case syntax.OpNoMatch:
		b.WriteString(`[^\s\S]`)
	case syntax.OpEmptyMatch:
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if fold || re.Flags&syntax.FoldCase != 0 {
				if f := foldClass(r); f != "" {
					b.WriteString(f)
					continue
				}
			}
			if err := writeRune(b, r, false); err != nil {
				return err
			}
		}
	case syntax.OpCharClass:
		b.WriteByte('[')
		ranges := re.Rune
		if len(ranges) > 0 && ranges[0] == 0 && ranges[len(ranges)-1] == 0x10FFFF {
			// A negated class: write the gaps. Beyond the BMP is left to
			// the negation, which ECMA-262 (no u flag) cannot say exactly.
			if fold {
				return fmt.Errorf("a negated class under case folding")
			}
			b.WriteByte('^')
			ranges = negate(ranges)
		} else if fold {
			ranges = foldASCII(ranges)
		}
		for i := 0; i+1 < len(ranges); i += 2 {
			lo, hi := ranges[i], min(ranges[i+1], 0xFFFF)
			if lo > 0xFFFF {
				return fmt.Errorf("a class beyond the Basic Multilingual Plane")
			}
			writeRune(b, lo, true)
			if hi > lo {
				if hi > lo+1 {
					b.WriteByte('-')
				}
				writeRune(b, hi, true)
			}
		}
		b.WriteByte(']')
	case syntax.OpAnyCharNotNL:
		b.WriteByte('.')
	case syntax.OpAnyChar:
		b.WriteString(`[\s\S]`)
	case syntax.OpBeginText:
		b.WriteByte('^')
	case syntax.OpEndText:
		b.WriteByte('$')
	case syntax.OpWordBoundary:
		b.WriteString(`\b`)
	case syntax.OpNoWordBoundary:
		b.WriteString(`\B`)
	case syntax.OpCapture:
		b.WriteString("(?:")
		if err := writeECMA(b, re.Sub[0], fold); err != nil {
			return err
		}
		b.WriteByte(')')
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		if err := writeAtom(b, re.Sub[0], fold); err != nil {
			return err
		}
		switch re.Op {
		case syntax.OpStar:
			b.WriteByte('*')
		case syntax.OpPlus:
			b.WriteByte('+')
		case syntax.OpQuest:
			b.WriteByte('?')
		default:
			b.WriteString("{" + strconv.Itoa(re.Min))
			switch {
			case re.Max < 0:
				b.WriteString(",")
			case re.Max != re.Min:
				b.WriteString("," + strconv.Itoa(re.Max))
			}
			b.WriteByte('}')
		}
		if re.Flags&syntax.NonGreedy != 0 {
			b.WriteByte('?')
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpAlternate {
				if err := writeGroup(b, sub, fold); err != nil {
					return err
				}
				continue
			}
			if err := writeECMA(b, sub, fold); err != nil {
				return err
			}
		}
	case syntax.OpAlternate:
		for i, sub := range re.Sub {
			if i > 0 {
				b.WriteByte('|')
			}
			if err := writeECMA(b, sub, fold); err != nil {
				return err
			}
		}
	default: // line anchors: ECMA-262 without the m flag has none
		return fmt.Errorf("%v has no ECMA-262 equivalent", re.Op)
	}
	return nil
}

// writeAtom writes re so that a following quantifier applies to all of it.
func writeAtom(b *strings.Builder, re *syntax.Regexp, fold bool) error {
	single := re.Op == syntax.OpCharClass || re.Op == syntax.OpAnyChar || re.Op == syntax.OpAnyCharNotNL ||
		re.Op == syntax.OpCapture || re.Op == syntax.OpLiteral && len(re.Rune) == 1
	if single {
		return writeECMA(b, re, fold)
	}
	return writeGroup(b, re, fold)
}

func writeGroup(b *strings.Builder, re *syntax.Regexp, fold bool) error {
	b.WriteString("(?:")
	if err := writeECMA(b, re, fold); err != nil {
		return err
	}
	b.WriteByte(')')
	return nil
}

// writeRune writes r escaped for ECMA-262, inside a class or outside.
func writeRune(b *strings.Builder, r rune, inClass bool) error {
	special := `\^$.|?*+()[]{}-`
	if !inClass {
		special = `\^$.|?*+()[]{}`
	}
	switch {
	case r > 0xFFFF:
		return fmt.Errorf("the rune %U is beyond the Basic Multilingual Plane", r)
	case r < 0x20 || r == 0x7F:
		fmt.Fprintf(b, `\x%02X`, r) // \uXXXX is not RE2's
	case r > 0x7F && (r < 0xA0 || r >= 0xD800 && r < 0xE000):
		return fmt.Errorf("the rune %U has no spelling both ECMA-262 and RE2 read", r)
	case strings.ContainsRune(special, r):
		b.WriteByte('\\')
		b.WriteRune(r)
	default:
		b.WriteRune(r)
	}
	return nil
}

// foldClass is [xX] for an ASCII letter, "" otherwise.
func foldClass(r rune) string {
	switch {
	case 'a' <= r && r <= 'z':
		return "[" + string(r-'a'+'A') + string(r) + "]"
	case 'A' <= r && r <= 'Z':
		return "[" + string(r) + string(r-'A'+'a') + "]"
	}
	return ""
}

// foldASCII adds to a class's ranges the other case of its ASCII
// letters, sorted and merged as syntax keeps them.
func foldASCII(ranges []rune) []rune {
	type span struct{ lo, hi rune }
	var spans []span
	for i := 0; i+1 < len(ranges); i += 2 {
		spans = append(spans, span{ranges[i], ranges[i+1]})
		for _, c := range [2][2]rune{{'a', 'A' - 'a'}, {'A', 'a' - 'A'}} {
			lo, hi := max(ranges[i], c[0]), min(ranges[i+1], c[0]+25)
			if lo <= hi {
				spans = append(spans, span{lo + c[1], hi + c[1]})
			}
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return int(a.lo - b.lo) })
	var out []rune
	for _, s := range spans {
		if n := len(out); n > 0 && s.lo <= out[n-1]+1 {
			out[n-1] = max(out[n-1], s.hi)
			continue
		}
		out = append(out, s.lo, s.hi)
	}
	return out
}

// negate turns the ranges of a class that reaches 0 and 0x10FFFF into the
// ranges it leaves out.
func negate(ranges []rune) []rune {
	var out []rune
	for i := 1; i+1 < len(ranges); i += 2 {
		out = append(out, ranges[i]+1, ranges[i+1]-1)
	}
	return out
}

// ecmaPostalPattern is ecmaPattern of a postal format, anchored and case
// folded, with each space or hyphen it asks for made optional.
func ecmaPostalPattern(pattern string) (string, error) {
	re, err := syntax.Parse(`^(?:`+pattern+`)$`, syntax.Perl)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := writeECMA(&b, optionalSeparators(re), true); err != nil {
		return "", err
	}
	return b.String(), nil
}

// optionalSeparators rewrites re so that every literal space or hyphen,
// and every class of nothing but those, may be left out.
func optionalSeparators(re *syntax.Regexp) *syntax.Regexp {
	isSep := func(r rune) bool { return r == ' ' || r == '-' }
	quest := func(sub *syntax.Regexp) *syntax.Regexp {
		return &syntax.Regexp{Op: syntax.OpQuest, Sub: []*syntax.Regexp{sub}, Flags: re.Flags}
	}
	switch re.Op {
	case syntax.OpLiteral:
		if !slices.ContainsFunc(re.Rune, isSep) {
			return re
		}
		cat := &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags}
		for i := 0; i < len(re.Rune); {
			j := i
			for j < len(re.Rune) && isSep(re.Rune[j]) == isSep(re.Rune[i]) {
				j++
			}
			for _, r := range re.Rune[i:j] {
				lit := &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{r}, Flags: re.Flags}
				if isSep(r) {
					cat.Sub = append(cat.Sub, quest(lit))
				} else {
					cat.Sub = append(cat.Sub, lit)
				}
			}
			i = j
		}
		return cat
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if !isSep(r) {
					return re
				}
			}
		}
		return quest(re)
	}
	out := *re
	out.Sub = make([]*syntax.Regexp, len(re.Sub))
	for i, sub := range re.Sub {
		out.Sub[i] = optionalSeparators(sub)
	}
	return &out
}
