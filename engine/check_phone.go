package engine

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/contactlint/contactlint/tldspec"
)

// phoneNumberCheck declares the phone-number check; phoneNumberRules compiles it.
var phoneNumberCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodePhoneNumber, Severity: Warning, Basis: tldspec.BasisBeyond,
		Args: []tldspec.ArgInfo{{Name: "cc", Kind: tldspec.ParamArg, Default: "phone-cc"}},
		Doc:  "a number valid for its calling code (the parameter named by cc), by libphonenumber"},
	compile: (*fieldCtx).phoneNumberRules,
}

// phoneNumberRules: the number (digits, checked before) is valid for its
// calling code (the parameter named by cc) by libphonenumber's numbering
// plans. A warning by default: the plans lag behind real numbers, and the
// API documents only digit counts. The number is built from the code and
// the digits, and judged by libphonenumber's own plans compiled into digit
// automata (countries.PhonePlans, without the library's allocations);
// a national trunk prefix ("020…" for +44) is offered off as a fix. Engine
// option SkipPhoneValidity turns it off.
func (fc *fieldCtx) phoneNumberRules(chk checkCall, sev Severity) []rule {
	slot, ok := fc.slotOf(chk, "cc")
	if !ok || fc.c.e.opts.SkipPhoneValidity {
		return nil
	}
	cc, e := fc.c.e.calling, fc.c.e
	r := fc.rule(CodePhoneNumber, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, st *state) bool {
		code := st.val[slot]
		// Only a well-formed number under an assigned code can be judged;
		// the other rules report the rest.
		if !cc.Assigned(code) || !allDigits(v) || len(v) > 17 {
			return true
		}
		return e.validNumber(code, v)
	})
	r.detail = "a valid number for the calling code in " + fc.cmd.params[slot].name
	r.fix = func(v string, st *state) string {
		code := st.val[slot]
		if s := strings.TrimLeft(v, "0"); s != v && s != "" && e.validNumber(code, s) {
			return s
		}
		return ""
	}
	return []rule{r}
}

// validNumber: +code digits is valid by libphonenumber's plans, with
// code an assigned calling code and digits at most 17 ASCII digits.
func (e *Engine) validNumber(code, digits string) bool {
	c, _ := strconv.Atoi(code)
	return e.phones.Valid(c, digits)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
