package engine

import (
	"strings"

	"github.com/contactlint/contactlint/tldspec"
)

// callingCodeCheck declares the calling-code check; callingCodeRules compiles it.
var callingCodeCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodeCallingCode, Severity: Error, Basis: tldspec.BasisSpec,
		Doc: "an assigned ITU country calling code (libphonenumber), non-geographic codes included"},
	compile:   (*fieldCtx).callingCodeRules,
	valueOnly: true,
}

// callingCodeRules: an assigned ITU calling code, written as digits
// without a leading zero or plus. The fix drops "+" or "00" when what is
// left is assigned.
func (fc *fieldCtx) callingCodeRules(chk checkCall, sev Severity) []rule {
	cc := fc.c.e.calling
	r := fc.rule(CodeCallingCode, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, _ *state) bool {
		return cc.Assigned(v)
	})
	r.detail = "an assigned ITU calling code"
	r.expected = "a country calling code, digits without + or 00, e.g. 44"
	r.schema = func() map[string]any { return map[string]any{"enum": cc.Codes()} }
	r.fix = func(v string, _ *state) string {
		s := strings.TrimLeft(strings.TrimPrefix(v, "+"), "0")
		if cc.Assigned(s) {
			return s
		}
		return ""
	}
	return []rule{r}
}
