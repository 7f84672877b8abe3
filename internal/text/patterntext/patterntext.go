// Package patterntext says a regular expression in words, where it is a
// simple run of digits, letters, literals and separators ("5 digits, an
// optional space and 2 letters"), and gives a value it matches: what a
// violation's "expected" tells a user who is not reading regexps.
package patterntext

import (
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Say returns pattern in words ("" when it is not simple enough to say)
// and an example of it ("" when the pattern does not parse). The caller
// checks the example against its compiled pattern.
func Say(pattern string) (desc, example string) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", ""
	}
	desc, _ = describe(re)
	return desc, exampleOf(re, new(int))
}

// exampleOf is a value re matches: the first choice of every class and
// alternation (the longest branch of a top-level one), repeats at their
// least, an optional separator put in, an optional group left out, digits
// counting up so that the example reads as one.
func exampleOf(re *syntax.Regexp, digit *int) string {
	switch re.Op {
	case syntax.OpLiteral:
		return string(re.Rune)
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return ""
		}
		lo, hi := re.Rune[0], re.Rune[1]
		if lo <= '1' && hi >= '9' {
			*digit++
			return strconv.Itoa(*digit % 10)
		}
		return string(lo)
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return "A"
	case syntax.OpCapture:
		return exampleOf(re.Sub[0], digit)
	case syntax.OpConcat:
		var b strings.Builder
		for _, s := range re.Sub {
			b.WriteString(exampleOf(s, digit))
		}
		return b.String()
	case syntax.OpAlternate:
		best := re.Sub[0]
		for _, s := range re.Sub[1:] {
			if len(s.String()) > len(best.String()) {
				best = s
			}
		}
		return exampleOf(best, digit)
	case syntax.OpQuest:
		if isSeparator(re.Sub[0]) {
			return exampleOf(re.Sub[0], digit)
		}
		return ""
	case syntax.OpRepeat:
		var b strings.Builder
		for range max(re.Min, 1) {
			b.WriteString(exampleOf(re.Sub[0], digit))
		}
		return b.String()
	case syntax.OpPlus:
		return exampleOf(re.Sub[0], digit)
	case syntax.OpStar:
		return ""
	}
	return "" // empty, anchors, star
}

// describe says re in words, when it is a run of digits, letters,
// literals, separators and optional parts; ok is false otherwise.
func describe(re *syntax.Regexp) (string, bool) {
	parts, ok := phrases(re)
	if !ok || len(parts) == 0 {
		return "", false
	}
	return joinPhrases(parts), true
}

// optional marks an optional part's phrase until it is joined: "optionally
// X" first, ", optionally followed by X" after something.
const optional = "\x00"

func joinPhrases(parts []string) string {
	first, rest := parts[0], parts[1:]
	if p, ok := strings.CutPrefix(first, optional); ok {
		first = "optionally " + p
	}
	if len(rest) == 0 {
		return first
	}
	if last, ok := strings.CutPrefix(rest[len(rest)-1], optional); ok {
		return joinPhrases(parts[:len(parts)-1]) + ", optionally followed by " + last
	}
	mid := slices.Clone(rest[:len(rest)-1])
	for i, p := range mid {
		if q, ok := strings.CutPrefix(p, optional); ok {
			mid[i] = "optionally " + q
		}
	}
	return strings.Join(append([]string{first}, mid...), ", ") + " and " + rest[len(rest)-1]
}

func phrases(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpCapture:
		return phrases(re.Sub[0])
	case syntax.OpConcat:
		var out []string
		for i := 0; i < len(re.Sub); i++ {
			s := re.Sub[i]
			// Runs of the same kind read as one: "2 digits", not "a
			// digit, a digit".
			kind, n := unit(s)
			for kind != "" && i+1 < len(re.Sub) {
				k2, n2 := unit(re.Sub[i+1])
				if k2 != kind {
					break
				}
				n += n2
				i++
			}
			if kind != "" {
				out = append(out, count(n, kind))
				continue
			}
			p, ok := phrases(s)
			if !ok {
				return nil, false
			}
			out = append(out, p...)
		}
		return out, true
	case syntax.OpQuest:
		if isSeparator(re.Sub[0]) {
			return []string{"an optional " + separatorName(re.Sub[0])}, true
		}
		if kind, n := unit(re.Sub[0]); kind != "" && n == 1 {
			return []string{"an optional " + kind}, true
		}
		inner, ok := phrases(re.Sub[0])
		if !ok {
			return nil, false
		}
		return []string{optional + joinPhrases(inner)}, true
	case syntax.OpRepeat:
		kind, n := unit(re.Sub[0])
		if kind == "" || n != 1 {
			return nil, false
		}
		if re.Min == re.Max {
			return []string{count(re.Min, kind)}, true
		}
		if re.Max < 0 {
			return []string{"at least " + count(re.Min, kind)}, true
		}
		return []string{strconv.Itoa(re.Min) + " to " + strconv.Itoa(re.Max) + " " + plural(kind)}, true
	case syntax.OpPlus, syntax.OpStar:
		kind, n := unit(re.Sub[0])
		if kind == "" || n != 1 {
			return nil, false
		}
		if re.Op == syntax.OpPlus {
			return []string{"one or more " + plural(kind)}, true
		}
		return []string{optional + "any number of " + plural(kind)}, true
	case syntax.OpLiteral:
		if isSeparator(re) {
			return []string{"a " + separatorName(re)}, true
		}
		return []string{strconv.Quote(string(re.Rune))}, true
	case syntax.OpCharClass:
		if isSeparator(re) {
			return []string{"a " + separatorName(re)}, true
		}
		if kind, _ := unit(re); kind != "" {
			return []string{count(1, kind)}, true
		}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary:
		return nil, true
	}
	return nil, false
}

// unit is the kind of one character a class matches (digit, letter,
// letter or digit) and how many: "" for anything else.
func unit(re *syntax.Regexp) (string, int) {
	if re.Op == syntax.OpRepeat && re.Min == re.Max {
		k, n := unit(re.Sub[0])
		return k, n * re.Min
	}
	if re.Op != syntax.OpCharClass {
		return "", 0
	}
	digits, letters := false, false
	for i := 0; i+1 < len(re.Rune); i += 2 {
		lo, hi := re.Rune[i], re.Rune[i+1]
		switch {
		case lo >= '0' && hi <= '9':
			digits = true
		case unicode.IsUpper(lo) && unicode.IsUpper(hi) && hi <= 'Z':
			letters = true
		default:
			return "", 0
		}
	}
	switch {
	case digits && letters:
		return "letter or digit", 1
	case digits:
		return "digit", 1
	case letters:
		return "letter", 1
	}
	return "", 0
}

func count(n int, kind string) string {
	if n == 1 {
		return "a " + kind
	}
	return strconv.Itoa(n) + " " + plural(kind)
}

func plural(kind string) string {
	if kind == "letter or digit" {
		return "letters or digits"
	}
	return kind + "s"
}

// isSeparator reports whether re matches one space, hyphen or dot.
func isSeparator(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune) == 1 && strings.ContainsRune(" -.", re.Rune[0])
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if !strings.ContainsRune(" -.", r) {
					return false
				}
			}
		}
		return len(re.Rune) > 0
	}
	return false
}

func separatorName(re *syntax.Regexp) string {
	var names []string
	add := func(r rune) {
		switch r {
		case ' ':
			names = append(names, "space")
		case '-':
			names = append(names, "hyphen")
		case '.':
			names = append(names, "dot")
		}
	}
	if re.Op == syntax.OpLiteral {
		add(re.Rune[0])
	} else {
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				add(r)
			}
		}
	}
	return strings.Join(names, " or ")
}
