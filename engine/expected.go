package engine

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/contactlint/contactlint/internal/text/patterntext"
	"github.com/contactlint/contactlint/tldspec"
)

// What a violation's Expected says for the rules on a value's form:
// what would pass, and an example that does. Made once, when the rules
// compile.

// digitsExpected: "4 to 12 digits, e.g. 2175550123" — an example of a
// length the rule takes (a calling code's for 1 to 3 digits).
func digitsExpected(lo, hi int) string {
	n := min(max(lo, 10), hi)
	example := strings.Repeat("2175550123", 2)[:n]
	if hi <= 3 {
		example = [...]string{"", "1", "44", "380"}[hi]
	}
	span := strconv.Itoa(lo) + " to " + strconv.Itoa(hi)
	if lo == hi {
		span = strconv.Itoa(lo)
	}
	return span + " digits, nothing else, e.g. " + example
}

// oneOfExpected lists the values a one-of takes, or a few of many.
func oneOfExpected(values []string) string {
	if len(values) <= 12 {
		return "one of " + strings.Join(values, ", ")
	}
	return "one of " + strconv.Itoa(len(values)) + " values, e.g. " + strings.Join(values[:3], ", ")
}

// listExpected names a list and one of its items.
func listExpected(l *tldspec.List) string {
	if len(l.Items) == 0 {
		return ""
	}
	if len(l.Items) <= 12 {
		vals := make([]string, len(l.Items))
		for i, it := range l.Items {
			vals[i] = it.Value
		}
		return "one of " + strings.Join(vals, ", ")
	}
	return "an item of the list " + l.Name + " (" + strconv.Itoa(len(l.Items)) + " items), e.g. " + l.Items[0].Value
}

// patternExpected says a rule file's pattern in words where it can, with
// an example the pattern takes; else the pattern itself.
func patternExpected(re *regexp.Regexp) string {
	desc, ex := patterntext.Say(re.String())
	if !re.MatchString(ex) {
		ex = ""
	}
	if desc == "" {
		desc = "of the form " + re.String()
	}
	if ex == "" {
		return desc
	}
	return desc + ", e.g. " + ex
}
