package engine

import (
	"github.com/contactlint/contactlint/countries"
	"github.com/contactlint/contactlint/tldspec"
)

// postalCodeRules: the value fits the postal-code format of the country
// given in another parameter (country, by default). A country without a
// format (no postal system, or none in the data) accepts any value, and so
// does a country that is itself invalid: that is the country's error.
// A value that fits only once upper-cased is a warning with that fix.
func (fc *fieldCtx) postalCodeRules(chk *tldspec.Check, sev Severity) []rule {
	slot, ok := fc.slotOf(chk, "country")
	if !ok {
		return nil
	}
	postal := fc.c.e.postal
	format := func(st *state) *countries.PostalFormat {
		f, _ := postal.For(upperASCII(st.val[slot]))
		return f
	}
	upper := fc.rule("postal-case", Warning, chk.Pos, optString{}, "", "", func(v string, st *state) bool {
		if !hasLowerASCII(v) {
			return true // upper-casing would change nothing
		}
		f := format(st)
		return f == nil || f.Match(v) || !f.Match(upperASCII(v))
	})
	upper.detail = "in upper case where the format wants it"
	upper.fix = func(v string, _ *state) string { return upperASCII(v) }
	valid := fc.rule("postal-code", sev, chk.Pos, chk.Message, "", "", func(v string, st *state) bool {
		f := format(st)
		return f == nil || f.Match(v) || f.Match(upperASCII(v))
	})
	valid.detail = "the postal-code format of the country in " + fc.cmd.params[slot].name
	valid.fix = func(v string, st *state) string {
		f := format(st)
		if f == nil {
			return ""
		}
		// Separators people add or drop: try the value without them, then
		// with a space or hyphen where the format wants one — when exactly
		// one placement fits, so the fix is never a guess.
		u := upperASCII(v)
		bare := stripSeparators(u, " -.")
		for _, cand := range []string{bare, stripSeparators(u, ".")} {
			if f.Match(cand) {
				return cand
			}
		}
		fit := ""
		for i := 1; i < len(bare) && len(bare) < 16; i++ {
			for _, sep := range []string{" ", "-"} {
				if cand := bare[:i] + sep + bare[i:]; f.Match(cand) {
					if fit != "" {
						return ""
					}
					fit = cand
				}
			}
		}
		return fit
	}
	country := fc.cmd.params[slot].name
	valid.requestSchema = func(param string) []any { return postalSchemas(postal, country, param) }
	return []rule{upper, valid}
}
