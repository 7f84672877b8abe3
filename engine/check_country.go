package engine

import (
	"strings"

	"github.com/contactlint/contactlint/countries"
	"github.com/contactlint/contactlint/tldspec"
)

// countryCheck declares the country check; countryRules compiles it.
var countryCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodeCountry, Severity: Error, Basis: tldspec.BasisSpec,
		Doc: "an ISO 3166-1 alpha-2 code; reserved codes in use (XK, AC, TA, ...) and lower case pass with a warning, and conditions compare the code upper-cased"},
	compile:   (*fieldCtx).countryRules,
	valueOnly: true,
}

// countryRules: an ISO 3166-1 alpha-2 code. Two warnings come first: a
// code in lower case ("us"), and a code that names a territory but is not
// officially assigned (XK, AC, TA, ...), which address data uses and the
// API may or may not know. Anything else is an error, with the code as a
// fix when the value is a country's name ("Germany", "UK").
func (fc *fieldCtx) countryRules(chk checkCall, sev Severity) []rule {
	lower := fc.rule(CodeCountryCase, Warning, chk.Pos, ruleText{}, func(v string, _ *state) bool {
		if !hasLowerASCII(v) {
			return true // the common case: nothing to upper-case
		}
		c, ok := countries.Lookup(upperASCII(v))
		return !ok || c.Code == v
	})
	lower.detail = "in upper case"
	lower.fix = func(v string, _ *state) string { return upperASCII(v) }
	reserved := fc.rule(CodeCountryReserved, Warning, chk.Pos, ruleText{}, func(v string, _ *state) bool {
		c, _ := countries.Lookup(upperASCII(v))
		return c.Status != countries.Reserved
	})
	reserved.detail = "officially assigned (reserved codes in use warn)"
	known := fc.rule(CodeCountry, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, _ *state) bool {
		_, ok := countries.Lookup(upperASCII(v))
		return ok
	})
	known.detail = "an ISO 3166-1 alpha-2 code"
	known.expected = "an ISO 3166-1 alpha-2 code, e.g. GB"
	known.schema = func() map[string]any { return map[string]any{"pattern": countryPattern()} }
	known.fix = func(v string, _ *state) string {
		if c, ok := countries.ByName(v); ok {
			return c.Code
		}
		return ""
	}
	return []rule{lower, reserved, known}
}

// isCountry reports whether the field holds a country code (it has the
// country check): its comparisons then ignore case, the case itself being
// the country check's warning.
func (fc *fieldCtx) isCountry() bool { return hasCountryCheck(fc.f) }

// hasLowerASCII reports whether s has an ASCII letter upperASCII changes.
func hasLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			return true
		}
	}
	return false
}

// upperASCII upper-cases ASCII letters, without allocating when there are
// none to change.
func upperASCII(s string) string {
	if hasLowerASCII(s) {
		return strings.ToUpper(s)
	}
	return s
}
