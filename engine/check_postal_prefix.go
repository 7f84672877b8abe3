package engine

import (
	"errors"
	"strings"

	"github.com/contactlint/contactlint/countries"
	"github.com/contactlint/contactlint/tldspec"
)

// Some posts write the postal code after a prefix of their own country —
// LT-12345, L-1120 (Luxembourg), FL-9490 (Liechtenstein), AZ 1000,
// SE-114 55 — and people copy it from their letterhead. The code itself
// is valid, and whether the API's check of it against the country takes
// the prefix is not known, so such a code passes the postal-code check
// with a warning and the code without the prefix as its fix. Which
// countries, and which prefix, is data: the postal-code check's prefixes
// option names a list (rules/postal-prefixes.yaml). A prefix of another
// country is no such code, and stays the postal-code error.

// prefixList holds a postal-code prefixes list to what the check needs:
// each item a country code with the prefix (letters) as its code.
func prefixList(l *tldspec.List) (tldspec.Pos, error) {
	for _, it := range l.Items {
		if len(it.Value) != 2 || upperASCII(it.Value) != it.Value || it.Code == "" || strings.ContainsAny(it.Code, " -") {
			return it.Pos, errors.New("postal-code prefixes need items of an upper-case country code with its prefix's letters as code")
		}
	}
	return tldspec.Pos{}, nil
}

// postalPrefixes reads the check's prefixes option: the prefix by country
// code; nil without the option.
func (fc *fieldCtx) postalPrefixes(chk checkCall) map[string]string {
	a, ok := chk.Arg("prefixes")
	if !ok {
		return nil
	}
	l := fc.c.listIndex(a.Value()).list
	m := make(map[string]string, len(l.Items))
	for _, it := range l.Items {
		m[it.Value] = it.Code
	}
	return m
}

// withoutCountryPrefix is v without prefix (in any case) and one space or
// hyphen after it, upper-cased, when what is left fits f — as it is, or
// with the one space or hyphen f wants put in; "" otherwise.
func withoutCountryPrefix(f *countries.PostalFormat, prefix, v string) string {
	if f == nil || prefix == "" || len(v) <= len(prefix) || !strings.EqualFold(v[:len(prefix)], prefix) {
		return ""
	}
	rest := upperASCII(v[len(prefix):])
	if rest[0] == '-' || rest[0] == ' ' {
		rest = rest[1:]
	}
	if rest == "" {
		return ""
	}
	if f.Match(rest) {
		return rest
	}
	return insertSeparator(f, rest)
}

// countryPrefixRule warns about a postal code written after its country's
// own prefix; strip is the code without it ("" when v is no such code),
// which the format rule takes as valid.
func (fc *fieldCtx) countryPrefixRule(chk checkCall, prefixes map[string]string, country int, format func(*state) *countries.PostalFormat) (r rule, strip func(string, *state) string) {
	strip = func(v string, st *state) string {
		return withoutCountryPrefix(format(st), prefixes[upperASCII(st.val[country])], v)
	}
	r = fc.rule(CodePostalCountryPrefix, Warning, chk.Pos, ruleText{}, func(v string, st *state) bool {
		f := format(st)
		return f == nil || f.Match(v) || f.Match(upperASCII(v)) || insertSeparator(f, upperASCII(v)) != "" || strip(v, st) == ""
	})
	r.fix = strip
	a, _ := chk.Arg("prefixes")
	r.detail = "without the prefix its country's post writes before it (list " + a.Value() + "), when it fits without"
	return r, strip
}
