package engine

import (
	"strings"

	"github.com/contactlint/contactlint/tldspec"
)

// unchangedCheck declares the unchanged check; unchangedRules compiles it.
var unchangedCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodeUnchanged, Severity: Error, Basis: tldspec.BasisSpec,
		Doc: "the value equals the contact's current value (exactly, after trimming and NFC; a country code in any case), when the request carries the contact as it is (current); without it, a warning that this cannot be verified"},
	compile: (*fieldCtx).unchangedRules,
}

// unchangedRules: the value may not change (contacts/modify of an .AT
// contact's name). With the contact's current values in the request
// (Request.Current), a different value is an error; without them, a
// warning says the restriction could not be verified.
func (fc *fieldCtx) unchangedRules(chk checkCall, sev Severity) []rule {
	slot := fc.slot
	unverified := fc.rule(CodeUnchangedUnverified, Warning, chk.Pos, ruleText{}, func(_ string, st *state) bool {
		return st.hasCur[slot]
	})
	unverified.detail = "checked against the current value, when the request carries it"
	// Values compare as the API stores them: exactly, after trimming and
	// NFC ("Hans Muster" to "hans muster" is a change); a country code in
	// any case (us is US).
	country := fc.isCountry()
	same := fc.rule(CodeUnchanged, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, st *state) bool {
		if !st.hasCur[slot] {
			return true
		}
		if country {
			return strings.EqualFold(v, st.cur[slot])
		}
		return v == st.cur[slot]
	})
	same.fix = func(_ string, st *state) string { return st.cur[slot] }
	same.detail = "equal to the contact's current value"
	return []rule{unverified, same}
}
