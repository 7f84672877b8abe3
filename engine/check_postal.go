package engine

import (
	"strings"

	"github.com/contactlint/contactlint/countries"
	"github.com/contactlint/contactlint/tldspec"
)

// postalCodeCheck declares the postal-code check; postalCodeRules compiles it.
var postalCodeCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodePostalCode, Severity: Error, Basis: tldspec.BasisSpec,
		Args: []tldspec.ArgInfo{{Name: "country", Kind: tldspec.ParamArg, Default: "country"}, {Name: "prefixes", Kind: tldspec.ListArg, ValidList: prefixList}, {Name: "former", Kind: tldspec.ListArg, ValidList: formerList}},
		Doc:  "the postal-code format of the country (the parameter named by country), from Google's address data; any value for a country without postal codes; a code that fits once upper-cased, or once its one missing space or hyphen is put in (exactly one place fits), passes with a warning and that fix; so does one written after the prefix its country's post writes before it (LT-12345: prefixes, a list of country codes with their prefixes), with the code as fix; so does one in its country's former format (former, a list of country codes with their former patterns), without a fix; a fix otherwise changes the case and the kind of separator, never deletes a character"},
	compile: (*fieldCtx).postalCodeRules,
}

// postalCodeRules: the value fits the postal-code format of the country
// given in another parameter (country, by default). A country without a
// format (no postal system, or none in the data) accepts any value, and so
// does a country that is itself invalid: that is the country's error.
// A value that fits only once upper-cased is a warning with that fix.
func (fc *fieldCtx) postalCodeRules(chk checkCall, sev Severity) []rule {
	slot, ok := fc.slotOf(chk, "country")
	if !ok {
		return nil
	}
	postal := fc.c.e.postal
	format := func(st *state) *countries.PostalFormat {
		f, _ := postal.For(upperASCII(st.val[slot]))
		return f
	}
	upper := fc.rule(CodePostalCase, Warning, chk.Pos, ruleText{}, func(v string, st *state) bool {
		if !hasLowerASCII(v) {
			return true // upper-casing would change nothing
		}
		f := format(st)
		return f == nil || f.Match(v) || !f.Match(upperASCII(v))
	})
	upper.detail = "in upper case where the format wants it"
	upper.fix = func(v string, _ *state) string { return upperASCII(v) }
	// A missing separator is as likely as a wrong case: when exactly one
	// placement of a space or hyphen fits (PL 00950, US 627011234), the
	// code passes with a warning and that fix, as a code that fits once
	// upper-cased does.
	separator := fc.rule(CodePostalSeparator, Warning, chk.Pos, ruleText{}, func(v string, st *state) bool {
		f := format(st)
		return f == nil || f.Match(v) || f.Match(upperASCII(v)) || insertSeparator(f, upperASCII(v)) == ""
	})
	separator.detail = "with the space or hyphen its format wants, when one placement fits"
	separator.fix = func(v string, st *state) string { return insertSeparator(format(st), upperASCII(v)) }
	rules := []rule{upper, separator}
	prefixes := fc.postalPrefixes(chk) // LT-12345: check_postal_prefix.go
	var prefixed func(string, *state) string
	if prefixes != nil {
		var r rule
		r, prefixed = fc.countryPrefixRule(chk, prefixes, slot, format)
		rules = append(rules, r)
	}
	current := func(v string, st *state) bool {
		f := format(st)
		return f == nil || f.Match(v) || f.Match(upperASCII(v)) || insertSeparator(f, upperASCII(v)) != "" ||
			prefixed != nil && prefixed(v, st) != ""
	}
	formerFormats, formerPatterns := fc.postalFormer(chk) // KR 110-110: check_postal_former.go
	var former func(string, *state) bool
	if formerFormats != nil {
		var r rule
		r, former = fc.formerFormatRule(chk, formerFormats, slot, current)
		rules = append(rules, r)
	}
	valid := fc.rule(CodePostalCode, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, st *state) bool {
		return current(v, st) || former != nil && former(v, st)
	})
	valid.detail = "the postal-code format of the country in " + fc.cmd.params[slot].name
	valid.expectedFor = func(st *state) string {
		if f := format(st); f != nil {
			return f.Expected()
		}
		return ""
	}
	valid.fix = func(v string, st *state) string {
		f := format(st)
		if f == nil {
			return ""
		}
		// A fix changes the case and the kind of the one separator, at
		// its place; it never deletes a character: a code of another
		// shape made to fit (IE "SW1Y 4LB" -> "SW1Y4LB", DE "00-950" ->
		// "00950") hides a real error.
		return swapSeparator(f, upperASCII(v))
	}
	country := fc.cmd.params[slot].name
	valid.requestSchema = func(param string) []any { return postalSchemas(postal, country, param, prefixes, formerPatterns) }
	valid.schemaLooser = "every space and hyphen of a country's postal-code format is optional, as is its post's prefix; its former format is taken too"
	return append(rules, valid)
}

// swapSeparator is u with its one separator (space, hyphen or dot)
// replaced by the space or hyphen f wants at that place; "" when u has
// not exactly one, or neither fits.
func swapSeparator(f *countries.PostalFormat, u string) string {
	i := strings.IndexAny(u, " -.")
	if i < 0 || strings.ContainsAny(u[i+1:], " -.") {
		return ""
	}
	for _, sep := range [...]string{"-", " "} {
		if cand := u[:i] + sep + u[i+1:]; cand != u && f.Match(cand) {
			return cand
		}
	}
	return ""
}

// insertSeparator is u with a hyphen or space put where f wants it, when
// u has none and exactly one place fits; "" otherwise. Where a format
// takes either at that place (US: 62701-1234 or 62701 1234), the hyphen.
func insertSeparator(f *countries.PostalFormat, u string) string {
	if f == nil || len(u) < 2 || len(u) >= 16 || strings.ContainsAny(u, " -") {
		return ""
	}
	// Candidates are tried in a buffer on the stack: the search costs no
	// allocation, and only the one fit becomes a string.
	var buf [16]byte
	fit, fitSep := -1, byte(0)
	for i := 1; i < len(u); i++ {
		for _, sep := range [...]byte{'-', ' '} {
			cand := append(append(append(buf[:0], u[:i]...), sep), u[i:]...)
			if f.MatchBytes(cand) {
				if fit >= 0 {
					return "" // a second place
				}
				fit, fitSep = i, sep
				break
			}
		}
	}
	if fit < 0 {
		return ""
	}
	return u[:fit] + string(fitSep) + u[fit:]
}
